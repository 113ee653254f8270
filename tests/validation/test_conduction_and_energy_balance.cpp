// Two energy checks with exact answers:
//
// 1. One-dimensional conduction through a stack of three solid blocks of
//    different conductivity between two fixed-temperature walls. The exact
//    solution is piecewise linear with one heat flux q = dT / sum(L_i/k_i);
//    the finite-volume solution with series (harmonic) face conductances is
//    exact for it, so interface temperatures must agree to 1e-6 relative.
// 2. Energy balance in a ventilated box (3-D, air, buoyancy on): an inlet,
//    an opening and two powered blocks; in a steady state the heat leaving
//    through the boundaries equals the power within 0.5 %. Air enters at
//    20 °C and 0.3 m/s and warms by ~8 K (mixed convection, backflow at the
//    opening): the case that made a lagged opening head oscillate.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "geometry/snapped_grid.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "solver/diagnostics.hpp"
#include "solver/steady_solver.hpp"
#include "validation/ventilated_box.hpp"

namespace rt {
namespace {

constexpr char kStack[] = R"(
[domain]
size_m = [0.03, 0.01, 0.01]
[grid]
cells = [30, 2, 2]
[boundary.xmin]
type = "wall"
T_C = 100.0
[boundary.xmax]
type = "wall"
T_C = 0.0
[[block]]
name = "copper"
min_m = [0.0, 0.0, 0.0]
max_m = [0.01, 0.01, 0.01]
conductivity_W_mK = 400.0
density_kg_m3 = 8900.0
specific_heat_J_kgK = 385.0
[[block]]
name = "pad"
min_m = [0.01, 0.0, 0.0]
max_m = [0.02, 0.01, 0.01]
conductivity_W_mK = 3.0
density_kg_m3 = 2500.0
specific_heat_J_kgK = 900.0
[[block]]
name = "plastic"
min_m = [0.02, 0.0, 0.0]
max_m = [0.03, 0.01, 0.01]
conductivity_W_mK = 0.2
density_kg_m3 = 1200.0
specific_heat_J_kgK = 1500.0
[solver]
max_iterations = 200
tolerance = 1e-10
)";

TEST(ConductionStack, InterfaceTemperaturesAreExact) {
  const Model model = parse_scenario(kStack, "conduction-stack");
  const Grid grid = make_uniform_grid(model.size_m, model.cells);
  SteadySolver solver(model, grid, SimplecSettings{});
  const Summary s = solver.solve(RunOptions{});
  ASSERT_TRUE(s.converged) << s.iterations << " iterations";

  const double T_hot = 100.0, T_cold = 0.0;
  double resistance = 0.0;  // per unit area, K m2/W
  for (const Block& b : model.blocks) resistance += (b.max_m[0] - b.min_m[0]) / b.conductivity_W_mK;
  const double q = (T_hot - T_cold) / resistance;

  // Interface temperature from the two cells beside it, through the same
  // series conductances the solver uses: the solver's own interface value.
  const FlowState& st = solver.state();
  const int per_block = model.cells[0] / 3;
  const double h = grid.width(0, 0);
  double T_exact = T_hot;
  std::cout << fmt::format("Three-layer conduction, q = {:.3f} W/m2:\n", q);
  for (int iface = 1; iface < 3; ++iface) {
    T_exact -= q * (model.blocks[iface - 1].max_m[0] - model.blocks[iface - 1].min_m[0]) /
               model.blocks[iface - 1].conductivity_W_mK;
    const int i_left = iface * per_block - 1, i_right = iface * per_block;
    const double gl = model.blocks[iface - 1].conductivity_W_mK / (0.5 * h);
    const double gr = model.blocks[iface].conductivity_W_mK / (0.5 * h);
    const double Tl = st.T[st.cells().index(i_left, 0, 0)] - kCelsiusToKelvin;
    const double Tr = st.T[st.cells().index(i_right, 0, 0)] - kCelsiusToKelvin;
    const double T_iface = (gl * Tl + gr * Tr) / (gl + gr);
    const double rel = std::fabs(T_iface - T_exact) / std::fabs(T_exact);
    std::cout << fmt::format(
        "  interface {} at x = {:.3f} m: {:.9f} °C, exact {:.9f} °C, rel. error {:.2e} (limit "
        "1e-6)\n",
        iface, model.blocks[iface].min_m[0], T_iface, T_exact, rel);
    EXPECT_LT(rel, 1e-6);
  }
  const double area = model.size_m[1] * model.size_m[2];
  EXPECT_NEAR(s.boundaries[1].heat_out_W, q * area, 1e-6 * q * area);
  EXPECT_NEAR(s.boundaries[0].heat_out_W, -q * area, 1e-6 * q * area);
}

void check_energy_balance(const std::string& scenario, const std::string& name) {
  const Model model = parse_scenario(scenario, name);
  const Grid grid = make_grid(model);
  SteadySolver solver(model, grid, SimplecSettings{});
  const Summary s = solver.solve(RunOptions{});
  ASSERT_TRUE(s.converged) << s.iterations << " iterations";
  std::cout << fmt::format(
      "{} ({} x {} x {} cells): {} iterations; sources {:.4f} W, leaving {:.4f} W (inlet {:.4f}, "
      "opening "
      "{:.4f}), error {:+.4f} % (limit 0.5 %)\n",
      name, grid.nx(), grid.ny(), grid.nz(), s.iterations, s.sources_W, s.out_W,
      s.boundaries[0].heat_out_W, s.boundaries[1].heat_out_W, s.energy_error_pct);
  for (const auto& c : s.components)
    std::cout << fmt::format("  {}: {:.1f} W, T_max {:.2f} °C, T_mean {:.2f} °C\n", c.name,
                             c.power_W, c.T_max_C, c.T_mean_C);
  EXPECT_NEAR(s.sources_W, 15.0, 1e-12);
  EXPECT_LT(std::fabs(s.out_W - s.sources_W) / s.sources_W, 0.005);
  EXPECT_NEAR(s.boundaries[0].mass_out_kg_s, -s.boundaries[1].mass_out_kg_s,
              1e-4 * std::fabs(s.boundaries[0].mass_out_kg_s));
  // Both parts run hotter than the air that cools them.
  for (const auto& c : s.components) EXPECT_GT(c.T_mean_C, 20.0);
}

TEST(EnergyBalance, HeatLeavingEqualsPower) {
  check_energy_balance(kVentilatedBox, "ventilated box");
}

// The same box on a grid snapped to the blocks (5 mm cells at most, refined
// around the blocks and the gap under the regulator), as the PC layer uses.
TEST(EnergyBalance, HeatLeavingEqualsPowerOnSnappedGrid) {
  std::string text = kVentilatedBox;
  const std::string uniform = "cells = [40, 20, 10]";
  text.replace(text.find(uniform), uniform.size(),
               "max_cell_m = 0.005\nmin_cells_per_gap = 3\ngrowth = 1.2");
  check_energy_balance(text, "ventilated box, snapped grid");
}

// A run stopped long before its residuals converge (8 outer iterations: the
// flow has barely started, the solids are far from their temperatures) ends
// with the closing energy solve on the flow it has (steady_solver.cpp,
// close_energy): the heat leaving then equals the power up to what the
// flow's own continuity error carries (the convection term drops the cells'
// net mass flux), where the state of the last outer iteration is far off
// (its summary taken in the progress callback, before the closing solve).
TEST(EnergyBalance, RunStoppedEarlyClosesItsEnergyOnTheFlowItHas) {
  std::string text = kVentilatedBox;
  text.replace(text.find("max_iterations = 3000"), 21, "max_iterations = 8");
  const Model model = parse_scenario(text, "stopped early");
  const Grid grid = make_grid(model);
  SteadySolver solver(model, grid, SimplecSettings{});
  Summary mid;
  RunOptions options;
  options.on_progress = [&](const Progress& p) {
    if (p.iteration == 8) summarize_state(model, solver.state(), mid);
  };
  const Summary s = solver.solve(options);
  ASSERT_FALSE(s.converged);
  EXPECT_EQ(s.stop_reason, "max_iterations");
  std::cout << fmt::format(
      "stopped after 8 iterations: energy error {:+.4f} % after the closing solve, {:+.4f} % "
      "before it; mass residual {:.1e}\n",
      s.energy_error_pct, mid.energy_error_pct, s.convergence.back().mass);
  EXPECT_LT(std::fabs(s.energy_error_pct), 0.1);
  EXPECT_GT(std::fabs(mid.energy_error_pct), 1.0);
}

}  // namespace
}  // namespace rt
