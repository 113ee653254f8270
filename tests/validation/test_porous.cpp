// Porous heat sinks (issue 4): a fin stack as a Darcy-Forchheimer block.
// A uniform 1 m/s stream in a slip duct crosses a 0.1 m porous block that
// fills the cross-section: the pressure drop across it must be
// (mu / K v + rho C v^2 / 2) L within 2 %, and the air must carry the
// block's power out within 0.5 %. A second case closes the cross-fin axes
// and lets the air choose between the fins and a bypass.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "geometry/snapped_grid.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "solver/steady_solver.hpp"

namespace rt {
namespace {

constexpr char kPorousDuct[] = R"(
[domain]
size_m = [0.4, 0.05, 0.05]
[grid]
cells = [40, 5, 5]
[physics]
gravity_m_s2 = [0.0, 0.0, 0.0]
reference_T_C = 25.0
[boundary.xmin]
type = "inlet"
velocity_m_s = [1.0, 0.0, 0.0]
T_C = 25.0
[boundary.xmax]
type = "opening"
[boundary.ymin]
type = "symmetry"
[boundary.ymax]
type = "symmetry"
[boundary.zmin]
type = "symmetry"
[boundary.zmax]
type = "symmetry"
[[porous]]
name = "fins"
min_m = [0.15, 0.0, 0.0]
max_m = [0.25, 0.05, 0.05]
permeability_m2 = [1e-7, 0.0, 0.0]
inertial_coefficient_1_m = [50.0, 0.0, 0.0]
conductivity_W_mK = 5.0
power_W = 10.0
die_resistance_K_W = 2.0
die_reference_flow_m3_s = 0.001
die_flow_exponent = 0.8
throttle_C = 84.0
[solver]
max_iterations = 3000
tolerance = 1e-8
)";

TEST(PorousBlock, PressureDropAndHeatMatchDarcyForchheimer) {
  const Model model = parse_scenario(kPorousDuct, "porous-duct");
  const Grid grid = make_grid(model);
  SteadySolver solver(model, grid, SimplecSettings{});
  const Summary s = solver.solve(RunOptions{});
  ASSERT_TRUE(s.converged) << s.iterations;

  const FlowState& st = solver.state();
  const double v = 1.0, L = 0.1, mu = model.fluid.viscosity_Pa_s, rho = model.fluid.density_kg_m3;
  const double expected = (mu / 1e-7 * v + 0.5 * rho * 50.0 * v * v) * L;
  // Pressure is linear inside the block and flat outside it (slip walls, no
  // friction): the drop is the difference of the flat levels either side.
  const double p_before = st.p[st.cells().index(10, 2, 2)];
  const double p_after = st.p[st.cells().index(30, 2, 2)];
  const double drop = p_before - p_after;
  const double heat_out = s.boundaries[1].heat_out_W + s.boundaries[0].heat_out_W;
  std::cout << fmt::format(
      "Porous block: {} iterations; pressure drop {:.4f} Pa, (mu/K v + rho C v^2/2) L = {:.4f} Pa "
      "({:+.3f} %, limit 2 %); heat carried out {:.4f} W of {:.1f} W ({:+.4f} %, limit 0.5 %); "
      "fins T_mean {:.2f} °C\n",
      s.iterations, drop, expected, 100.0 * (drop - expected) / expected, heat_out, s.sources_W,
      100.0 * (heat_out - s.sources_W) / s.sources_W, s.components[0].T_mean_C);
  EXPECT_NEAR(drop, expected, 0.02 * expected);
  EXPECT_NEAR(heat_out, 10.0, 0.005 * 10.0);
  EXPECT_EQ(s.components[0].kind, "porous");
  EXPECT_GT(s.components[0].T_mean_C, 25.0);

  // Die model: all the air (v A = 0.0025 m3/s) enters the sink, at the inlet
  // temperature but for the little heat the block conducts upstream, and
  // T_die = T_intake + P R_ref (Q_ref / Q)^n.
  const ComponentSummary& c = s.components[0];
  ASSERT_TRUE(c.has_die);
  const double Q = v * model.size_m[1] * model.size_m[2];
  const double T_die = c.inlet_air_C + 10.0 * 2.0 * std::pow(0.001 / Q, 0.8);
  std::cout << fmt::format(
      "  die model: intake {:.6f} m3/s at {:.4f} °C, T_die {:.4f} °C (expected {:.4f} °C)\n",
      c.flow_m3_s, c.inlet_air_C, c.T_die_C, T_die);
  EXPECT_NEAR(c.flow_m3_s, Q, 1e-6 * Q);
  EXPECT_NEAR(c.inlet_air_C, 25.0, 0.01);
  EXPECT_NEAR(c.T_die_C, T_die, 1e-9);
  EXPECT_TRUE(c.has_throttle);
  EXPECT_FALSE(c.throttling);
}

// Fins closing y and z: in a duct twice as tall, with the block filling its
// lower half, part of the air goes through the fins along x and part over
// them; none may cross the block's closed top, and the heat still balances.
TEST(PorousBlock, ClosedAxesBlockCrossFlow) {
  std::string text = kPorousDuct;
  const std::string cells = "cells = [40, 5, 5]";
  text.replace(text.find(cells), cells.size(), "cells = [40, 10, 5]");
  const std::string size = "size_m = [0.4, 0.05, 0.05]";
  text.replace(text.find(size), size.size(), "size_m = [0.4, 0.1, 0.05]");
  const Model model = parse_scenario(text, "porous-bypass");
  const Grid grid = make_grid(model);
  SteadySolver solver(model, grid, SimplecSettings{});
  const Summary s = solver.solve(RunOptions{});
  ASSERT_TRUE(s.converged) << s.iterations;
  // The block fills y in [0, 0.05]; the faces on its top (y = 0.05) are closed.
  const FlowState& st = solver.state();
  const Extent fy = face_extent(st.cells(), 1);
  double worst = 0.0;
  for (int k = 0; k < 5; ++k)
    for (int i = 15; i < 25; ++i) worst = std::max(worst, std::fabs(st.vel[1][fy.index(i, 5, k)]));
  std::cout << fmt::format(
      "Porous bypass: largest velocity through the closed top of the fins {:.3g} m/s\n", worst);
  EXPECT_EQ(worst, 0.0);
  EXPECT_NEAR(s.energy_error_pct, 0.0, 0.5);
}

}  // namespace
}  // namespace rt
