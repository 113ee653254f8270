// The die-model fit (die_model_fit.hpp): sample selection, the straight-line
// least squares in log space, and the fan-control curve from the log.

#include "scenarios/builds/calibration/die_model_fit.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "scenarios/model/die_resistance.hpp"
#include "scenarios/model/fan_laws.hpp"
#include "scenarios/model/model.hpp"
#include "scenarios/model/scenario_error.hpp"
#include "scenarios/toml/toml_text.hpp"

namespace rt {
namespace {

using toml_text::number_text;

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// A sample with its window's means: in a quasi-steady stretch the die
// answers the power averaged over tens of seconds (a training step's power
// swings within a second), and the means of whole-degree readings resolve
// fractions of a degree.
struct WindowMean {
  bool steady = false;
  double T_K = 0, power_W = 0, fan_fraction = 0;
};

// Steady where the die temperature stays within kSteadySpanK over the
// kSteadyWindowS centred on the sample (and the window lies inside the log).
std::vector<WindowMean> quasi_steady(const std::vector<NvidiaSmiSample>& s) {
  std::vector<WindowMean> steady(s.size());
  const double half = kSteadyWindowS / 2;
  std::size_t lo = 0, hi = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    while (s[i].time_s - s[lo].time_s > half) ++lo;
    while (hi + 1 < s.size() && s[hi + 1].time_s - s[i].time_s <= half) ++hi;
    if (s[i].time_s - half < 0 || s[i].time_s + half > s.back().time_s) continue;
    double tmin = s[lo].T_die_K, tmax = tmin;
    WindowMean& m = steady[i];
    for (std::size_t j = lo; j <= hi; ++j) {
      tmin = std::min(tmin, s[j].T_die_K);
      tmax = std::max(tmax, s[j].T_die_K);
      m.T_K += s[j].T_die_K;
      m.power_W += s[j].power_W;
      m.fan_fraction += s[j].fan_fraction;
    }
    const double n = static_cast<double>(hi - lo + 1);
    m.T_K /= n;
    m.power_W /= n;
    m.fan_fraction /= n;
    m.steady = tmax - tmin <= kSteadySpanK + 1e-9;
  }
  return steady;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Weighted pool-adjacent-violators: the closest non-decreasing sequence.
std::vector<double> non_decreasing(const std::vector<double>& y, const std::vector<double>& w) {
  struct Block {
    double value, weight;
    std::size_t count;
  };
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < y.size(); ++i) {
    blocks.push_back({y[i], w[i], 1});
    while (blocks.size() > 1 && blocks[blocks.size() - 2].value > blocks.back().value) {
      const Block b = blocks.back();
      blocks.pop_back();
      Block& a = blocks.back();
      a.value = (a.value * a.weight + b.value * b.weight) / (a.weight + b.weight);
      a.weight += b.weight;
      a.count += b.count;
    }
  }
  std::vector<double> out;
  for (const Block& b : blocks) out.insert(out.end(), b.count, b.value);
  return out;
}

// The log's fan-control points (1 K bins) merged with the library's curve
// outside their range, keeping the curve's rules (temperatures strictly
// increasing, speeds non-decreasing).
void fit_fan_curve(const NvidiaSmiLog& log, const std::vector<WindowMean>& steady,
                   const GpuModel& card, DieModelFit& fit) {
  std::map<long, std::vector<double>> bins;  // whole °C (as logged) -> fan fractions
  for (std::size_t i = 0; i < log.samples.size(); ++i) {
    if (!steady[i].steady) continue;
    bins[std::lround(log.samples[i].T_die_K - kCelsiusToKelvin)].push_back(
        log.samples[i].fan_fraction);
  }
  std::vector<double> T, f, w;
  for (const auto& [k, v] : bins) {
    if (static_cast<int>(v.size()) < kMinBinSamples) continue;
    T.push_back(static_cast<double>(k) + kCelsiusToKelvin);
    f.push_back(median(v));
    w.push_back(static_cast<double>(v.size()));
  }
  if (T.size() < 2) {
    fit.notes.push_back(
        "fan-control curve: the log's steady stretches cover fewer than 2 K; "
        "the library's curve is kept");
    fit.fan_control = card.fan_control;
    return;
  }
  f = non_decreasing(f, w);
  // Points the straight line between their kept neighbours gives within
  // kFanCurveTolerance need not be written (flat runs, straight stretches).
  std::vector<double> Tk = {T.front()}, fk = {f.front()};
  for (std::size_t i = 1; i + 1 < T.size(); ++i) {
    const double w = (T[i] - Tk.back()) / (T[i + 1] - Tk.back());
    const double line = fk.back() + w * (f[i + 1] - fk.back());
    bool needed = std::abs(line - f[i]) > kFanCurveTolerance;
    // Dropping it must not move any point skipped since the last kept one.
    for (std::size_t j = 0; !needed && j < i; ++j) {
      if (T[j] <= Tk.back()) continue;
      const double wj = (T[j] - Tk.back()) / (T[i + 1] - Tk.back());
      needed = std::abs(fk.back() + wj * (f[i + 1] - fk.back()) - f[j]) > kFanCurveTolerance;
    }
    if (needed) {
      Tk.push_back(T[i]);
      fk.push_back(f[i]);
    }
  }
  Tk.push_back(T.back());
  fk.push_back(f.back());
  fit.fan_T_lo_K = Tk.front();
  fit.fan_T_hi_K = Tk.back();
  std::vector<double> Tm, fm;
  const auto& lib_T = card.fan_control.T_K();
  const auto& lib_f = card.fan_control.fraction();
  for (std::size_t i = 0; i < lib_T.size(); ++i) {
    if (lib_T[i] < fit.fan_T_lo_K - 0.5) {
      Tm.push_back(lib_T[i]);
      fm.push_back(std::min(lib_f[i], fk.front()));
    }
  }
  Tm.insert(Tm.end(), Tk.begin(), Tk.end());
  fm.insert(fm.end(), fk.begin(), fk.end());
  for (std::size_t i = 0; i < lib_T.size(); ++i) {
    if (lib_T[i] > fit.fan_T_hi_K + 0.5) {
      Tm.push_back(lib_T[i]);
      fm.push_back(std::max(lib_f[i], fk.back()));
    }
  }
  // The clamps above keep the library's own order; one more pass makes the
  // whole merged curve non-decreasing whatever the library held.
  for (std::size_t i = 1; i < fm.size(); ++i) fm[i] = std::max(fm[i], fm[i - 1]);
  fit.fan_control = FanControlCurve(Tm, fm);
  fit.fan_curve_fitted = true;
}

// A sample the fit uses: quasi-steady, under load (at least kLoadFraction of
// the log's highest power), fans turning.
bool loaded(const WindowMean& s, double P_max) {
  return s.steady && s.power_W >= kLoadFraction * P_max && s.power_W > 0 &&
         s.fan_fraction * 100 >= kMinFanSpeedPct;
}

}  // namespace

std::optional<std::pair<double, double>> loaded_fan_range(const NvidiaSmiLog& log) {
  double P_max = 0;
  for (const NvidiaSmiSample& s : log.samples) P_max = std::max(P_max, s.power_W);
  const std::vector<WindowMean> steady = quasi_steady(log.samples);
  double lo = 2, hi = -1;
  for (const WindowMean& s : steady) {
    if (!loaded(s, P_max)) continue;
    lo = std::min(lo, s.fan_fraction);
    hi = std::max(hi, s.fan_fraction);
  }
  if (hi < 0) return std::nullopt;
  return std::make_pair(lo, hi);
}

DieModelFit fit_die_model(const NvidiaSmiLog& log, const GpuModel& card,
                          const SolvedFlowCurve& solved) {
  auto refuse = [&](const std::string& why) -> void { throw ScenarioError(log.file, 0, "", why); };
  DieModelFit fit;
  fit.samples = static_cast<int>(log.samples.size());
  fit.Q_ref_m3_s = card.thermal.Q_ref_m3_s;
  if (log.duration_s() < kMinLogS) {
    refuse("too short: " + fixed(log.duration_s(), 0) + " s of samples; calibrate needs at least " +
           fixed(kMinLogS, 0) + " s, best 20 minutes or more of a steady load (nvidia-smi -l 1)");
  }
  double P_max = 0;
  for (const NvidiaSmiSample& s : log.samples) P_max = std::max(P_max, s.power_W);
  if (P_max < kMinLoadOfTdp * card.tdp_W) {
    refuse("no load: the highest power in the log is " + fixed(P_max, 0) + " W, under " +
           fixed(100 * kMinLoadOfTdp, 0) + " % of the card's " + fixed(card.tdp_W, 0) +
           " W; log the card while it trains or renders");
  }
  const std::vector<WindowMean> steady = quasi_steady(log.samples);
  fit_fan_curve(log, steady, card, fit);

  // Samples used: steady, under load, fans turning, die above the intake air.
  struct Point {
    double x, y, P, Q, T, T_in;
  };
  std::vector<Point> pts;
  int too_cold = 0;
  double f_lo = 1e9, f_hi = 0;
  fit.power_lo_W = 1e9;
  for (std::size_t i = 0; i < log.samples.size(); ++i) {
    const WindowMean& s = steady[i];
    if (!loaded(s, P_max)) continue;
    const double T_in = solved.inlet_air_at(s.fan_fraction);
    if (s.T_K <= T_in + 0.5) {
      ++too_cold;
      continue;
    }
    const double Q = solved.flow_at(s.fan_fraction);
    pts.push_back({std::log(card.thermal.Q_ref_m3_s / Q), std::log((s.T_K - T_in) / s.power_W),
                   s.power_W, Q, s.T_K, T_in});
    f_lo = std::min(f_lo, s.fan_fraction);
    f_hi = std::max(f_hi, s.fan_fraction);
    fit.power_lo_W = std::min(fit.power_lo_W, s.power_W);
    fit.power_hi_W = std::max(fit.power_hi_W, s.power_W);
  }
  if (too_cold > static_cast<int>(pts.size())) {
    refuse("the die is at or below the solved intake air (" +
           fixed(solved.points().front().inlet_air_K - kCelsiusToKelvin, 1) + " °C) in " +
           std::to_string(too_cold) +
           " loaded samples: the build's room or case is warmer than where the log was taken; "
           "set the build's case.ambient_C to the room's temperature and solve again");
  }
  if (static_cast<int>(pts.size()) < kMinFitSamples) {
    refuse("only " + std::to_string(pts.size()) + " quasi-steady samples under load (die within " +
           fixed(kSteadySpanK, 0) + " K over " + fixed(kSteadyWindowS, 0) + " s, power above " +
           fixed(100 * kLoadFraction, 0) + " % of the log's highest " + fixed(P_max, 0) +
           " W); calibrate needs " + std::to_string(kMinFitSamples) + ": log a longer steady load");
  }
  fit.samples_used = static_cast<int>(pts.size());
  fit.fan_ratio = f_hi / f_lo;

  const double N = static_cast<double>(pts.size());
  double xm = 0, ym = 0;
  for (const Point& p : pts) {
    xm += p.x / N;
    ym += p.y / N;
  }
  double Sxx = 0, Sxy = 0;
  for (const Point& p : pts) {
    Sxx += (p.x - xm) * (p.x - xm);
    Sxy += (p.x - xm) * (p.y - ym);
  }
  fit.exponent_fitted = fit.fan_ratio >= kMinFanRatio && Sxx > 0;
  const double n = fit.exponent_fitted ? Sxy / Sxx : card.thermal.exponent;
  const double a = ym - n * xm;
  std::vector<double> r;
  for (const Point& p : pts) r.push_back(p.y - a - n * p.x);
  double ssr = 0, lag = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    ssr += r[i] * r[i];
    if (i > 0) lag += r[i] * r[i - 1];
  }
  // Samples a second apart are not independent: the effective count.
  const double rho = ssr > 0 ? std::clamp(lag / ssr, 0.0, 0.99) : 0.0;
  fit.effective_samples = std::max(3.0, N * (1 - rho) / (1 + rho));
  const int k = fit.exponent_fitted ? 2 : 1;
  const double s2 = ssr / std::max(1.0, N - k);
  const double Neff = fit.effective_samples;
  const double se_a = fit.exponent_fitted ? std::sqrt(s2 * (1 / Neff + xm * xm * N / (Sxx * Neff)))
                                          : std::sqrt(s2 / Neff);
  fit.exponent = n;
  fit.exponent_se = fit.exponent_fitted ? std::sqrt(s2 * N / (Sxx * Neff)) : 0.0;
  fit.R_ref_K_W = std::exp(a);
  fit.R_ref_se_K_W = fit.R_ref_K_W * se_a;

  double sq = 0;
  for (const Point& p : pts) {
    const double T = p.T_in + p.P * die_resistance_K_W(fit.R_ref_K_W, fit.Q_ref_m3_s, n, p.Q);
    sq += (T - p.T) * (T - p.T);
    fit.residual_max_K = std::max(fit.residual_max_K, std::abs(T - p.T));
  }
  fit.residual_rms_K = std::sqrt(sq / N);
  if (solved.interpolated())
    fit.notes.push_back("flow through the fin stack interpolated between the solves (" +
                        solved.describe() + "), intake air likewise");
  else
    fit.notes.push_back(
        "flow through the fin stack taken as the solve's " + solved.describe() +
        ", scaled linearly with the logged fan speed (fan laws, Q ∝ N, for a fixed system "
        "resistance; a fin stack's flow rises faster than that: solves at the log's lowest and "
        "highest fan speed, as calibrate makes without --result, interpolate instead); intake "
        "air " +
        fixed(solved.points().front().inlet_air_K - kCelsiusToKelvin, 1) + " °C throughout");
  if (!fit.exponent_fitted) {
    fit.notes.push_back("the fan speed varies by a factor " + fixed(fit.fan_ratio, 2) +
                        " only (under " + fixed(kMinFanRatio, 2) +
                        "): the flow exponent cannot be told from R_ref, the library's " +
                        number_text(card.thermal.exponent) + " is kept and R_ref alone fitted");
  }
  return fit;
}

}  // namespace rt
