// A fan on its curve (issue 4): a fan filling the inlet end of a slip duct
// blows air out through a vent of known loss K at the other end. The system
// needs dp = rho (K + 1) v^2 / 2, v = Q / A: the grille loss, plus the
// velocity head the air gains when the fan draws it from ambient at rest.
// The solver must settle where the fan curve meets that system curve, within
// 3 % (issue 4's tolerance), at full and at 60 % speed (fan laws).

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "geometry/snapped_grid.hpp"
#include "scenarios/model/perforated_plate.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "solver/fan_operating_point.hpp"
#include "solver/steady_solver.hpp"
#include "validation/validation_support.hpp"

namespace rt {
namespace {

std::string fan_duct(double speed_pct) {
  return validation::slip_duct(0.3, 0.12, 30, 6) + fmt::format(R"(
[[fan]]
name = "intake"
face = "xmin"
min_m = [0.0, 0.0, 0.0]
max_m = [0.0, 0.12, 0.12]
# A 120 mm case fan: 0.0284 m3/s (60 CFM) free delivery, 22.9 Pa shut-off.
curve_flow_m3_s = [0.0, 0.007, 0.014, 0.021, 0.0284]
curve_pressure_Pa = [22.9, 17.0, 11.0, 5.0, 0.0]
speed_pct = {speed}
direction = "intake"
[[vent]]
name = "grille"
face = "xmax"
min_m = [0.3, 0.0, 0.0]
max_m = [0.3, 0.12, 0.12]
free_area_ratio = 0.5
[solver]
max_iterations = 3000
tolerance = 1e-7
)",
                                                               fmt::arg("speed", speed_pct));
}

// Where the fan curve meets the system curve, by bisection on the flow.
double operating_flow(const Fan& fan, double K, double rho, double area) {
  double lo = 0.0, hi = fan.curve_flow_m3_s.back() * fan.speed_fraction;
  for (int it = 0; it < 200; ++it) {
    const double q = 0.5 * (lo + hi), v = q / area;
    (fan_curve_pressure(fan, fan.speed_fraction, q) > 0.5 * rho * (K + 1.0) * v * v ? lo : hi) = q;
  }
  return 0.5 * (lo + hi);
}

class FanOnCurve : public ::testing::TestWithParam<int> {};

TEST_P(FanOnCurve, SettlesOnTheSystemCurve) {
  const Model model = parse_scenario(fan_duct(GetParam()), "fan-duct");
  const Grid grid = make_grid(model);
  SteadySolver solver(model, grid, SimplecSettings{});
  const Summary s = solver.solve(RunOptions{});
  ASSERT_TRUE(s.converged) << s.iterations;
  ASSERT_EQ(s.fans.size(), 1u);
  const double area = model.size_m[1] * model.size_m[2];
  const double K = model.vents[0].loss_coefficient, rho = model.fluid.density_kg_m3;
  const double q_exact = operating_flow(model.fans[0], K, rho, area);
  const double dp_exact = fan_curve_pressure(model.fans[0], model.fans[0].speed_fraction, q_exact);
  std::cout << fmt::format(
      "Fan at {} %: {} iterations; flow {:.6f} m3/s ({:.2f} CFM), rise {:.4f} Pa; curve x system "
      "intersection {:.6f} m3/s, {:.4f} Pa ({:+.3f} %, limit 3 %); vent carries {:.6f} m3/s\n",
      GetParam(), s.iterations, s.fans[0].flow_m3_s,
      s.fans[0].flow_m3_s / kCubicMetresPerSecondPerCfm, s.fans[0].pressure_Pa, q_exact, dp_exact,
      100.0 * (s.fans[0].flow_m3_s - q_exact) / q_exact, s.vents[0].flow_m3_s);
  EXPECT_NEAR(s.fans[0].flow_m3_s, q_exact, 0.03 * q_exact);
  EXPECT_NEAR(s.fans[0].pressure_Pa, dp_exact, 0.03 * dp_exact);
  EXPECT_NEAR(s.vents[0].flow_m3_s, s.fans[0].flow_m3_s, 1e-6 * q_exact);
}

INSTANTIATE_TEST_SUITE_P(Speeds, FanOnCurve, ::testing::Values(100, 60));

}  // namespace
}  // namespace rt
