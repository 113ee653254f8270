// de Vahl Davis (1983) differentially heated square cavity, Pr = 0.71
// (validation/de_vahl_davis_cavity.hpp: the nondimensional scenario).
// Tolerances from issue 2: Nu within 1 % (Ra <= 1e5) / 2 % (Ra 1e6);
// u_max on x = 0.5 and v_max on y = 0.5 within 3 %; grids <= 128 x 128.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "scenarios/generic/scenario_file.hpp"
#include "solver/steady_solver.hpp"
#include "validation/de_vahl_davis_cavity.hpp"
#include "validation/validation_support.hpp"

namespace rt {
namespace {

struct CavityCase {
  double Ra;
  int n;
  double nu_tolerance_pct;
};

std::string cavity_scenario(double Ra, int n) {
  return validation::de_vahl_davis_cavity(Ra, n, "max_iterations = 20000\ntolerance = 1e-5");
}

class NaturalConvectionCavity : public ::testing::TestWithParam<CavityCase> {};

TEST_P(NaturalConvectionCavity, MatchesDeVahlDavis) {
  const CavityCase c = GetParam();
  const auto ref = validation::read_reference_table("de_vahl_davis_1983.csv");
  std::size_t row = 0;
  while (row < ref.at("Ra").size() && std::fabs(ref.at("Ra")[row] / c.Ra - 1.0) > 1e-9) ++row;
  ASSERT_LT(row, ref.at("Ra").size()) << "no reference row for Ra " << c.Ra;

  const Model model =
      parse_scenario(cavity_scenario(c.Ra, c.n), fmt::format("cavity-Ra{:g}", c.Ra));
  const Grid grid = make_uniform_grid(model.size_m, model.cells);
  SteadySolver solver(model, grid, SimplecSettings{});
  const Summary s = solver.solve(RunOptions{});
  ASSERT_TRUE(s.converged) << "not converged in " << s.iterations << " iterations";

  const double depth = model.size_m[2];
  const double nu_hot = -s.boundaries[0].heat_out_W / depth;
  const double nu_cold = s.boundaries[1].heat_out_W / depth;
  FlowState& st = solver.state();
  const auto y = validation::cell_centres(grid, 1);
  const auto x = validation::cell_centres(grid, 0);
  const auto u_line = validation::face_line(st, 0, c.n / 2, 1);  // u on x = 0.5
  const auto v_line = validation::face_line(st, 1, c.n / 2, 0);  // v on y = 0.5
  const validation::Peak u_max = validation::parabolic_peak(y, u_line);
  const validation::Peak v_max = validation::parabolic_peak(x, v_line);

  const double nu_ref = ref.at("Nu_hot_wall")[row];
  const double u_ref = ref.at("u_max")[row], v_ref = ref.at("v_max")[row];
  std::cout << fmt::format(
      "de Vahl Davis Ra={:g} grid {}x{}: {} iterations, {:.1f} s\n"
      "  Nu hot wall {:.4f}  reference {:.3f}  ({:+.2f} %, limit {} %)  [cold wall {:.4f}]\n"
      "  u_max       {:.3f}  reference {:.3f}  ({:+.2f} %, limit 3 %) at y = {:.3f} (ref {:.3f})\n"
      "  v_max       {:.3f}  reference {:.3f}  ({:+.2f} %, limit 3 %) at x = {:.4f} (ref {:.4f})\n",
      c.Ra, c.n, c.n, s.iterations, s.wall_time_s, nu_hot, nu_ref,
      validation::percent_error(nu_hot, nu_ref), c.nu_tolerance_pct, nu_cold, u_max.value, u_ref,
      validation::percent_error(u_max.value, u_ref), u_max.position, ref.at("y_umax")[row],
      v_max.value, v_ref, validation::percent_error(v_max.value, v_ref), v_max.position,
      ref.at("x_vmax")[row]);

  EXPECT_LT(std::fabs(validation::percent_error(nu_hot, nu_ref)), c.nu_tolerance_pct);
  EXPECT_LT(std::fabs(validation::percent_error(u_max.value, u_ref)), 3.0);
  EXPECT_LT(std::fabs(validation::percent_error(v_max.value, v_ref)), 3.0);
  // Steady state: what enters at the hot wall leaves at the cold wall.
  EXPECT_NEAR(nu_hot, nu_cold, 1e-3 * nu_hot);
}

INSTANTIATE_TEST_SUITE_P(Benchmark, NaturalConvectionCavity,
                         ::testing::Values(CavityCase{1e3, 32, 1.0}, CavityCase{1e4, 64, 1.0},
                                           CavityCase{1e5, 128, 1.0}, CavityCase{1e6, 128, 2.0}),
                         [](const auto& info) {
                           return fmt::format(
                               "Ra1e{}", static_cast<int>(std::lround(std::log10(info.param.Ra))));
                         });

}  // namespace
}  // namespace rt
