// The die-model fit (scenarios/builds/calibration/die_model_fit.hpp) on
// synthetic logs of a known card (synthetic_nvidia_smi_log.hpp): R_ref and
// the flow exponent come back within 2 %, the fan-control curve within 2
// points where the log covers it; a steady fan keeps the library's exponent;
// logs that cannot be fitted are refused with one line.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenarios/builds/calibration/die_model_fit.hpp"
#include "scenarios/builds/parts_library.hpp"
#include "scenarios/model/model.hpp"
#include "scenarios/model/scenario_error.hpp"
#include "synthetic_nvidia_smi_log.hpp"

namespace {

using rt::kCelsiusToKelvin;

const rt::PartsLibrary& library() {
  static const rt::PartsLibrary lib =
      rt::PartsLibrary::load(std::string(RT_SOURCE_DIR) + "/scenarios/builds/parts");
  return lib;
}

rt::SolvedCard solved(const rt::test::SyntheticCard& c) {
  return {c.T_in_C + kCelsiusToKelvin, c.Q_solved_m3_s, c.s_solved};
}

// The card's flow at fan speed pct as solves at that speed would give it.
rt::SolvedCard solved_at(const rt::test::SyntheticCard& c, double pct) {
  return {c.T_in_C + kCelsiusToKelvin, c.flow_at(pct), pct / 100};
}

rt::DieModelFit fit(const rt::test::SyntheticCard& c, bool units = true,
                    std::vector<rt::SolvedCard> points = {}) {
  const rt::NvidiaSmiLog log = rt::parse_nvidia_smi_log(rt::test::synthetic_log(c, units), "s.csv");
  if (points.empty()) points = {solved(c)};
  return rt::fit_die_model(log, library().gpu("gtx-1080-ti-fe"),
                           rt::SolvedFlowCurve(std::move(points)));
}

std::string refusal(const rt::test::SyntheticCard& c) {
  try {
    fit(c);
  } catch (const rt::ScenarioError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    return what;
  }
  ADD_FAILURE() << "not refused";
  return "";
}

TEST(DieModelFit, RecoversTheModelOfASyntheticLog) {
  const rt::test::SyntheticCard truth;  // R_ref 0.18 K/W, n 0.72; the library has 0.15, 0.6
  for (bool units : {true, false}) {
    const rt::DieModelFit f = fit(truth, units);
    EXPECT_TRUE(f.exponent_fitted);
    EXPECT_NEAR(f.R_ref_K_W / truth.R_ref_K_W, 1.0, 0.02) << f.R_ref_K_W;
    EXPECT_NEAR(f.exponent / truth.exponent, 1.0, 0.02) << f.exponent;
    // The standard errors are honest about the truth (within 3 of them).
    EXPECT_LT(std::abs(f.R_ref_K_W - truth.R_ref_K_W), 3 * f.R_ref_se_K_W + 1e-3);
    EXPECT_GT(f.exponent_se, 0);
    EXPECT_DOUBLE_EQ(f.Q_ref_m3_s, library().gpu("gtx-1080-ti-fe").thermal.Q_ref_m3_s);
    EXPECT_LT(f.residual_rms_K, 1.0);
    EXPECT_GT(f.samples_used, 500);
    EXPECT_LT(f.effective_samples, f.samples_used);
    std::printf(
        "fit: R_ref %.4f ± %.4f K/W (truth %.4f), n %.4f ± %.4f (truth %.4f), "
        "residual %.2f K RMS, %d of %d samples, fan x%.2f\n",
        f.R_ref_K_W, f.R_ref_se_K_W, truth.R_ref_K_W, f.exponent, f.exponent_se, truth.exponent,
        f.residual_rms_K, f.samples_used, f.samples, f.fan_ratio);
  }
}

// A fin stack whose flow rises faster than its fan speed (Q ∝ s^1.4, as a
// partly laminar one does): solves at the log's lowest and highest fan
// speed give the flow in between, and the model comes back within 2 %; one
// solve and the fan law Q ∝ s put the error into the exponent.
TEST(DieModelFit, SolvesAtTwoFanSpeedsRecoverAFlowThatRisesFasterThanTheSpeed) {
  rt::test::SyntheticCard truth;
  truth.flow_speed_exponent = 1.4;
  const rt::NvidiaSmiLog log = rt::parse_nvidia_smi_log(rt::test::synthetic_log(truth), "s.csv");
  const auto range = rt::loaded_fan_range(log);
  ASSERT_TRUE(range.has_value());
  EXPECT_GT(range->second / range->first, rt::kMinFanRatio);
  const rt::DieModelFit two = fit(
      truth, true, {solved_at(truth, 100 * range->first), solved_at(truth, 100 * range->second)});
  EXPECT_TRUE(two.exponent_fitted);
  EXPECT_NEAR(two.R_ref_K_W / truth.R_ref_K_W, 1.0, 0.02) << two.R_ref_K_W;
  EXPECT_NEAR(two.exponent / truth.exponent, 1.0, 0.02) << two.exponent;
  const rt::DieModelFit one = fit(truth, true, {solved(truth)});
  EXPECT_GT(std::abs(one.exponent / truth.exponent - 1.0), 0.1) << one.exponent;
  std::printf("Q ∝ s^1.4: two solves n %.4f, one solve and Q ∝ s n %.4f (truth %.4f)\n",
              two.exponent, one.exponent, truth.exponent);
}

TEST(SolvedFlowCurve, OnePointScalesByTheFanLaw) {
  const rt::SolvedFlowCurve c({{300.0, 0.004, 0.5}});
  EXPECT_FALSE(c.interpolated());
  EXPECT_DOUBLE_EQ(c.flow_at(0.5), 0.004);
  EXPECT_DOUBLE_EQ(c.flow_at(0.75), 0.006);
  EXPECT_DOUBLE_EQ(c.inlet_air_at(0.9), 300.0);
}

TEST(SolvedFlowCurve, SeveralPointsArePowerLawsBetweenNeighbours) {
  // Given out of order: sorted by speed.
  const rt::SolvedFlowCurve c({{304.0, 0.0048, 0.9}, {302.0, 0.0027, 0.6}, {300.0, 0.001, 0.3}});
  EXPECT_TRUE(c.interpolated());
  EXPECT_DOUBLE_EQ(c.flow_at(0.6), 0.0027);
  EXPECT_NEAR(c.flow_at(0.9), 0.0048, 1e-15);
  // Between 0.6 and 0.9: Q = 0.0027 (s / 0.6)^k, k = ln(0.0048/0.0027) / ln 1.5.
  const double k = std::log(0.0048 / 0.0027) / std::log(1.5);
  EXPECT_NEAR(c.flow_at(0.75), 0.0027 * std::pow(1.25, k), 1e-15);
  EXPECT_NEAR(c.flow_at(1.0), 0.0027 * std::pow(1.0 / 0.6, k), 1e-15);  // beyond: end segment
  const double k0 = std::log(2.7) / std::log(2.0);
  EXPECT_NEAR(c.flow_at(0.2), 0.001 * std::pow(0.2 / 0.3, k0), 1e-15);
  EXPECT_DOUBLE_EQ(c.inlet_air_at(0.75), 303.0);
  EXPECT_DOUBLE_EQ(c.inlet_air_at(0.1), 300.0);
  EXPECT_DOUBLE_EQ(c.inlet_air_at(1.0), 304.0);
  EXPECT_NE(c.describe().find("0.0027 m³/s at 60 %"), std::string::npos) << c.describe();
}

TEST(SolvedFlowCurve, RefusesWhatCannotBeInterpolated) {
  EXPECT_THROW(rt::SolvedFlowCurve({}), std::invalid_argument);
  EXPECT_THROW(rt::SolvedFlowCurve({{300.0, 0.0, 0.5}}), std::invalid_argument);
  EXPECT_THROW(rt::SolvedFlowCurve({{300.0, 0.004, 0.0}}), std::invalid_argument);
  EXPECT_THROW(rt::SolvedFlowCurve({{300.0, 0.004, 0.5}, {301.0, 0.005, 0.5}}),
               std::invalid_argument);
}

TEST(DieModelFit, RecoversTheFanCurveWhereTheLogCoversIt) {
  const rt::test::SyntheticCard truth;
  const rt::DieModelFit f = fit(truth);
  ASSERT_TRUE(f.fan_curve_fitted);
  const double lo = f.fan_T_lo_K - kCelsiusToKelvin, hi = f.fan_T_hi_K - kCelsiusToKelvin;
  EXPECT_GT(hi - lo, 15) << lo << " to " << hi;
  for (double T = std::ceil(lo); T <= hi; T += 1) {
    EXPECT_NEAR(100 * f.fan_control.fraction_at(T + kCelsiusToKelvin), truth.fan_at(T), 2.0)
        << T << " °C";
  }
  // Outside the covered range the library's curve, kept monotone.
  const rt::FanControlCurve& lib = library().gpu("gtx-1080-ti-fe").fan_control;
  EXPECT_EQ(f.fan_control.T_K().front(), lib.T_K().front());
  EXPECT_EQ(f.fan_control.T_K().back(), lib.T_K().back());
  for (std::size_t i = 1; i < f.fan_control.T_K().size(); ++i) {
    EXPECT_GT(f.fan_control.T_K()[i], f.fan_control.T_K()[i - 1]);
    EXPECT_GE(f.fan_control.fraction()[i], f.fan_control.fraction()[i - 1]);
  }
}

TEST(DieModelFit, ASteadyFanKeepsTheLibraryExponent) {
  rt::test::SyntheticCard truth;
  truth.exponent = 0.6;  // the library's
  truth.fan_pct = {55, 55, 56, 57, 58};
  const rt::DieModelFit f = fit(truth);
  EXPECT_FALSE(f.exponent_fitted);
  EXPECT_DOUBLE_EQ(f.exponent, 0.6);
  EXPECT_DOUBLE_EQ(f.exponent_se, 0.0);
  EXPECT_NEAR(f.R_ref_K_W / truth.R_ref_K_W, 1.0, 0.02) << f.R_ref_K_W;
  bool said = false;
  for (const std::string& n : f.notes) said = said || n.find("is kept") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(DieModelFit, RefusesATooShortLog) {
  rt::test::SyntheticCard c;
  c.levels_W = {200};
  c.level_s = 30;
  const std::string e = refusal(c);
  EXPECT_NE(e.find("s.csv: too short: 90 s of samples"), std::string::npos) << e;  // 89.6 s
  EXPECT_NE(e.find("at least 120 s"), std::string::npos) << e;
}

TEST(DieModelFit, RefusesALogWithoutLoad) {
  rt::test::SyntheticCard c;
  c.levels_W = {30, 40, 30};
  c.swing_W = 2;
  const std::string e = refusal(c);
  EXPECT_NE(e.find("no load"), std::string::npos) << e;
  EXPECT_NE(e.find("250 W"), std::string::npos) << e;
}

TEST(DieModelFit, RefusesALogWithoutASteadyStretch) {
  rt::test::SyntheticCard c;
  c.levels_W = {250, 80, 250, 80, 250, 80, 250, 80};
  c.level_s = 20;  // the die never settles
  const std::string e = refusal(c);
  EXPECT_NE(e.find("quasi-steady samples under load"), std::string::npos) << e;
}

TEST(DieModelFit, RefusesADieAtTheIntakeTemperature) {
  const rt::test::SyntheticCard c;
  const rt::NvidiaSmiLog log = rt::parse_nvidia_smi_log(rt::test::synthetic_log(c), "s.csv");
  rt::SolvedCard hot = solved(c);
  hot.inlet_air_K = 100 + kCelsiusToKelvin;
  try {
    rt::fit_die_model(log, library().gpu("gtx-1080-ti-fe"), rt::SolvedFlowCurve({hot}));
    FAIL() << "fitted";
  } catch (const rt::ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("case.ambient_C"), std::string::npos) << e.what();
  }
}

}  // namespace
