// GPU fan control and throttling (issue 4), on a heat sink in a duct.
//
// Fan control: a fan drawing air through a porous fin stack follows a fan
// curve on the stack's die temperature. At convergence the fan's speed must
// be the control curve's speed at the die temperature the run reports, and
// the die temperature the die model's at the flow the fan then gives; a
// hotter chip must spin the fan faster.
//
// Throttling: a chip whose die would pass its throttle temperature lowers
// its power until the die sits at that temperature: P = (T_throttle - T_in)
// / R(Q). The air must carry out the throttled power (energy balance), and a
// throttle point below what the minimum power allows pins the power at its
// floor.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "geometry/snapped_grid.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "solver/die_model.hpp"
#include "solver/fan_control.hpp"
#include "solver/steady_solver.hpp"
#include "validation/validation_support.hpp"

namespace rt {
namespace {

std::string controlled_fan_duct(double power_W) {
  return validation::slip_duct(0.3, 0.05, 30, 5) + fmt::format(R"(
[boundary.xmax]
type = "opening"
[[fan]]
name = "gpu_fan"
face = "xmin"
min_m = [0.0, 0.0, 0.0]
max_m = [0.0, 0.05, 0.05]
curve_flow_m3_s = [0.0, 0.007, 0.014, 0.021, 0.0284]
curve_pressure_Pa = [22.9, 17.0, 11.0, 5.0, 0.0]
speed_pct = 50
control_sensor = "fins"
control_T_C = [40.0, 90.0]
control_speed_pct = [30.0, 100.0]
[[porous]]
name = "fins"
min_m = [0.1, 0.0, 0.0]
max_m = [0.2, 0.05, 0.05]
permeability_m2 = [1e-6, 0.0, 0.0]
inertial_coefficient_1_m = [20.0, 0.0, 0.0]
conductivity_W_mK = 5.0
power_W = {power}
die_resistance_K_W = 0.3
die_reference_flow_m3_s = 0.005
die_flow_exponent = 0.8
[solver]
max_iterations = 3000
tolerance = 1e-7
)",
                                                               fmt::arg("power", power_W));
}

Summary solve(const Model& model) {
  const Grid grid = make_grid(model);
  SteadySolver solver(model, grid, SimplecSettings{});
  return solver.solve(RunOptions{});
}

TEST(FanControl, SpeedSettlesOnTheControlCurveAtTheDieTemperature) {
  double previous_speed = 0.0;
  for (double power : {60.0, 120.0}) {
    const Model model = parse_scenario(controlled_fan_duct(power), "controlled");
    const Summary s = solve(model);
    ASSERT_TRUE(s.converged) << s.iterations;
    const ComponentSummary& fins = s.components[0];
    const double curve_speed =
        fan_control_speed(*model.fans[0].control, fins.T_die_C + kCelsiusToKelvin);
    const double die_expected =
        fins.inlet_air_C + power * die_resistance(model.porous[0], fins.flow_m3_s);
    std::cout << fmt::format(
        "Fan control, {:.0f} W: {} iterations; die {:.3f} °C (model {:.3f}), fan {:.3f} % "
        "(curve at that die {:.3f} %), flow {:.6f} m3/s through the fins {:.6f}\n",
        power, s.iterations, fins.T_die_C, die_expected, s.fans[0].speed_pct, 100.0 * curve_speed,
        s.fans[0].flow_m3_s, fins.flow_m3_s);
    EXPECT_NEAR(s.fans[0].speed_pct, 100.0 * curve_speed, 0.01);
    EXPECT_NEAR(fins.T_die_C, die_expected, 1e-9);
    EXPECT_NEAR(fins.flow_m3_s, s.fans[0].flow_m3_s, 1e-6 * s.fans[0].flow_m3_s);
    EXPECT_GT(s.fans[0].speed_pct, previous_speed + 1.0) << "a hotter chip must spin the fan up";
    previous_speed = s.fans[0].speed_pct;
  }
}

std::string throttled_duct(double throttle_C) {
  return validation::slip_duct(0.3, 0.05, 30, 5) + fmt::format(R"(
[boundary.xmin]
type = "inlet"
velocity_m_s = [1.0, 0.0, 0.0]
[boundary.xmax]
type = "opening"
[[porous]]
name = "gpu"
min_m = [0.1, 0.0, 0.0]
max_m = [0.2, 0.05, 0.05]
permeability_m2 = [1e-6, 0.0, 0.0]
inertial_coefficient_1_m = [20.0, 0.0, 0.0]
conductivity_W_mK = 5.0
power_W = 100.0
die_resistance_K_W = 0.3
die_reference_flow_m3_s = 0.005
die_flow_exponent = 0.8
throttle_C = {throttle}
[solver]
max_iterations = 3000
tolerance = 1e-8
)",
                                                               fmt::arg("throttle", throttle_C));
}

TEST(Throttling, DieHeldAtTheThrottlePointAndTheAirCarriesTheLowerPower) {
  const Model model = parse_scenario(throttled_duct(70.0), "throttled");
  const Summary s = solve(model);
  ASSERT_TRUE(s.converged) << s.iterations;
  const ComponentSummary& gpu = s.components[0];
  const double R = die_resistance(model.porous[0], gpu.flow_m3_s);
  const double hold = (70.0 - gpu.inlet_air_C) / R;
  const double heat_out = s.boundaries[0].heat_out_W + s.boundaries[1].heat_out_W;
  std::cout << fmt::format(
      "Throttling at 70 °C: {} iterations; die {:.4f} °C, power {:.4f} W of {:.0f} W (hold power "
      "{:.4f} W), performance {:.2f} %; heat carried out {:.4f} W ({:+.4f} %)\n",
      s.iterations, gpu.T_die_C, gpu.power_W, gpu.full_power_W, hold, gpu.sustained_performance_pct,
      heat_out, 100.0 * (heat_out - gpu.power_W) / gpu.power_W);
  EXPECT_TRUE(gpu.throttling);
  EXPECT_NEAR(gpu.T_die_C, 70.0, 0.01);
  EXPECT_FALSE(gpu.cannot_hold_throttle);
  EXPECT_NEAR(gpu.power_W, hold, 1e-3 * hold);
  EXPECT_LT(gpu.power_W, 0.99 * gpu.full_power_W);
  EXPECT_NEAR(gpu.sustained_performance_pct, 100.0 * std::cbrt(gpu.power_W / 100.0), 1e-9);
  EXPECT_NEAR(heat_out, gpu.power_W, 0.005 * gpu.power_W);
  EXPECT_NEAR(s.sources_W, gpu.power_W, 1e-12);
}

TEST(Throttling, PowerStopsAtItsFloor) {
  const Model model = parse_scenario(throttled_duct(30.0), "floor");
  const Summary s = solve(model);
  ASSERT_TRUE(s.converged) << s.iterations;
  const ComponentSummary& gpu = s.components[0];
  std::cout << fmt::format("Throttling at 30 °C: power {:.4f} W (floor 30 W), die {:.3f} °C\n",
                           gpu.power_W, gpu.T_die_C);
  EXPECT_TRUE(gpu.throttling);
  EXPECT_NEAR(gpu.power_W, 30.0, 1e-6);
  EXPECT_GT(gpu.T_die_C, 31.0);
  // Said in the summary, not only left for the reader to infer.
  EXPECT_TRUE(gpu.cannot_hold_throttle);
}

TEST(Throttling, CoolChipKeepsFullPower) {
  const Model model = parse_scenario(throttled_duct(150.0), "cool");
  const Summary s = solve(model);
  ASSERT_TRUE(s.converged) << s.iterations;
  EXPECT_FALSE(s.components[0].throttling);
  EXPECT_FALSE(s.components[0].cannot_hold_throttle);
  EXPECT_DOUBLE_EQ(s.components[0].power_W, 100.0);
  EXPECT_DOUBLE_EQ(s.components[0].sustained_performance_pct, 100.0);
}

}  // namespace
}  // namespace rt
