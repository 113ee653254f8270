// A wall that passes heat to the room through a film (a case panel):
// `heat_transfer_coefficient_W_m2K` with `T_C` outside. One-dimensional
// conduction through a slab (k = 1 W/(m K), L = 0.1 m) from a wall at 100 °C
// to a panel with U = 10 W/(m2 K) and 20 °C outside: the flux is exactly
// (100 - 20) / (L/k + 1/U) = 400 W/m2, the profile linear, and the heat the
// summary reports leaving through the panel the same.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "geometry/snapped_grid.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "solver/steady_solver.hpp"

namespace rt {
namespace {

constexpr char kSlab[] = R"(
[domain]
size_m = [0.1, 0.01, 0.01]
[grid]
cells = [20, 1, 1]
[physics]
gravity_m_s2 = [0.0, 0.0, 0.0]
[boundary.xmin]
type = "wall"
T_C = 100.0
[boundary.xmax]
type = "wall"
T_C = 20.0
heat_transfer_coefficient_W_m2K = 10.0
[[block]]
name = "slab"
min_m = [0.0, 0.0, 0.0]
max_m = [0.1, 0.01, 0.01]
conductivity_W_mK = 1.0
density_kg_m3 = 1000
specific_heat_J_kgK = 1000
[solver]
tolerance = 1e-10
)";

TEST(ConvectiveWall, SlabFluxAndProfileAreExact) {
  const Model model = parse_scenario(kSlab, "slab");
  const Grid grid = make_grid(model);
  SteadySolver solver(model, grid, SimplecSettings{});
  const Summary s = solver.solve(RunOptions{});
  ASSERT_TRUE(s.converged) << s.stop_reason;
  const double area = 0.01 * 0.01, q = 80.0 / (0.1 / 1.0 + 1.0 / 10.0);  // 400 W/m2
  const double out = s.boundaries[1].heat_out_W;
  double worst = 0.0;
  for (int i = 0; i < 20; ++i) {
    const double x = grid.centre(0, i);
    const double exact = 100.0 - q * x / 1.0 + kCelsiusToKelvin;
    worst = std::max(worst, std::fabs(solver.state().T[static_cast<std::size_t>(i)] - exact));
  }
  std::cout << fmt::format(
      "Convective wall: heat out through the panel {:.10f} W vs q A = {:.10f} W; in through the "
      "hot wall {:.10f} W; largest T error {:.2e} K\n",
      out, q * area, -s.boundaries[0].heat_out_W, worst);
  EXPECT_NEAR(out, q * area, 1e-9 * q * area);
  EXPECT_NEAR(-s.boundaries[0].heat_out_W, q * area, 1e-9 * q * area);
  EXPECT_LT(worst, 1e-8);
}

TEST(ConvectiveWall, NeedsTheOutsideTemperature) {
  std::string text = kSlab;
  text.replace(text.find("T_C = 20.0\n"), 11, "");
  EXPECT_THROW(parse_scenario(text, "slab"), ScenarioError);
}

}  // namespace
}  // namespace rt
