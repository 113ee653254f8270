#pragma once
// Fits a card's compact die model to an nvidia-smi log of that card
// (nvidia_smi_log.hpp), under the intake air and fin-stack flow of a solved
// build:
//
//   T_die = T_air,in + P R(Q),  R(Q) = R_ref (Q_ref / Q)^n
//   (scenarios/model/die_resistance.hpp)
//
// The log gives T_die, P and the fan speed s at each sample; solves of the
// build give T_air,in and the flow Q through the fin stack at one or more
// fan speeds (solved_flow_curve.hpp: interpolated between several, the fan
// laws from one; the card's surroundings otherwise taken as in the solves).
//
// With x = ln(Q_ref / Q) and y = ln((T_die - T_air,in) / P), the model is
// the straight line y = ln R_ref + n x: ordinary least squares on the
// quasi-steady samples under load (the die's temperature not moving by more
// than kSteadySpanK over kSteadyWindowS, the power at least half the log's
// highest: the warm-up and idle stretches are left out), each taken as the
// means of T_die, P and s over its window (the die answers the mean power;
// the mean of whole-degree readings resolves fractions of a degree). Standard errors
// take the samples' serial correlation into account through the residuals'
// lag-1 autocorrelation rho (effective count N (1 - rho) / (1 + rho)). When
// the fan speed barely changes (highest / lowest < kMinFanRatio) n cannot be
// told apart from R_ref: the library's n is kept and only R_ref is fitted.
//
// The fan-control curve is read off the same quasi-steady samples at any
// power: the median fan speed per 1 K bin (bins of kMinBinSamples samples
// or more), made non-decreasing by pooling adjacent violators, thinned to
// the points that straight lines between them need (within 1 point of %),
// and merged with the library's curve outside the temperatures the log
// covers.
//
// Errors (a log that cannot be fitted: too short, no load, no steady
// stretch, temperatures at or below the intake air) throw ScenarioError
// naming the log file.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/builds/calibration/nvidia_smi_log.hpp"
#include "scenarios/builds/calibration/solved_flow_curve.hpp"
#include "scenarios/builds/parts_library.hpp"

namespace rt {

struct DieModelFit {
  double R_ref_K_W = 0, R_ref_se_K_W = 0;
  double exponent = 0, exponent_se = 0;
  bool exponent_fitted = false;  // false: the library's, kept
  double Q_ref_m3_s = 0;         // the library's (the fit moves R_ref, not the reference point)
  double residual_rms_K = 0;     // T_die of the fitted model vs the log, RMS
  double residual_max_K = 0;
  int samples = 0;       // in the log
  int samples_used = 0;  // quasi-steady, under load
  double effective_samples = 0;
  double fan_ratio = 0;  // highest / lowest fan speed among the samples used
  double power_lo_W = 0, power_hi_W = 0;
  // Fan control: covered range of the log (K) and the merged curve.
  bool fan_curve_fitted = false;
  double fan_T_lo_K = 0, fan_T_hi_K = 0;
  FanControlCurve fan_control;
  std::vector<std::string> notes;  // what was assumed or kept, one line each
};

inline constexpr double kSteadyWindowS = 30;  // centred on the sample
inline constexpr double kSteadySpanK = 2;     // nvidia-smi logs whole degrees
inline constexpr double kLoadFraction = 0.5;  // of the log's highest power
inline constexpr double kMinLoadOfTdp = 0.25;
inline constexpr double kMinLogS = 120;
inline constexpr int kMinFitSamples = 20;
inline constexpr double kMinFanRatio = 1.15;
inline constexpr int kMinBinSamples = 3;
inline constexpr double kFanCurveTolerance = 0.01;  // fan fraction: 1 point of %

// Throws ScenarioError (the log's file) when the log cannot be fitted.
DieModelFit fit_die_model(const NvidiaSmiLog& log, const GpuModel& card,
                          const SolvedFlowCurve& solved);

// The fan speeds (0..1) the fit will use: lowest and highest over the
// log's quasi-steady samples under load, the speeds worth solving the build
// at. nullopt when the log has no such sample (fit_die_model then says why).
std::optional<std::pair<double, double>> loaded_fan_range(const NvidiaSmiLog& log);

}  // namespace rt
