// Plane Poiseuille flow: a 2-D channel of height H = 1 and length 8 H, a
// uniform inlet (U = 1) at xmin, an opening at xmax, no-slip walls at ymin
// and ymax, Re = rho U H / mu = 10. Far from the inlet (x = 6 H) the profile
// is the exact parabola u(y) = 6 U y (1 - y) / H^2. Issue 2: L2 error below
// 0.5 % and second-order convergence under grid refinement.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "scenarios/generic/scenario_file.hpp"
#include "solver/steady_solver.hpp"
#include "validation/validation_support.hpp"

namespace rt {
namespace {

std::string channel_scenario(int ny) {
  return fmt::format(R"(
[domain]
size_m = [8.0, 1.0, {dz}]
[grid]
cells = [{nx}, {ny}, 1]
[fluid]
density_kg_m3 = 1.0
viscosity_Pa_s = 0.1
conductivity_W_mK = 1.0
specific_heat_J_kgK = 1.0
expansion_1_K = 0.0
[physics]
gravity_m_s2 = [0.0, 0.0, 0.0]
[boundary.xmin]
type = "inlet"
velocity_m_s = [1.0, 0.0, 0.0]
T_C = 25.0
[boundary.xmax]
type = "opening"
[boundary.zmin]
type = "symmetry"
[boundary.zmax]
type = "symmetry"
[solver]
max_iterations = 20000
tolerance = 1e-7
)",
                     fmt::arg("dz", 1.0 / ny), fmt::arg("nx", 4 * ny), fmt::arg("ny", ny));
}

// Cell edges across the channel for the stretched-grid study: 8 cells whose
// widths grow by `ratio` from each wall to the centre line, then every cell
// bisected until there are ny (a refinement sequence of one stretched grid,
// as the object-snapped grids of the PC layer will be).
std::vector<double> stretched_edges(int ny, double ratio) {
  const int base = 8, half = base / 2;
  std::vector<double> width(base);
  double sum = 0.0;
  for (int j = 0; j < half; ++j) {
    width[j] = width[base - 1 - j] = std::pow(ratio, j);
    sum += 2.0 * width[j];
  }
  std::vector<double> e{0.0};
  for (int j = 0; j < base; ++j) e.push_back(e.back() + width[j] / sum);
  e.back() = 1.0;
  while (static_cast<int>(e.size()) - 1 < ny) {
    std::vector<double> finer;
    for (std::size_t j = 0; j + 1 < e.size(); ++j) {
      finer.push_back(e[j]);
      finer.push_back(0.5 * (e[j] + e[j + 1]));
    }
    finer.push_back(1.0);
    e = finer;
  }
  return e;
}

// Relative L2 error (cell-width weighted) of the u profile at x = 6 H
// against the parabola; stretch_ratio 1 is the uniform grid.
double profile_error(int ny, double stretch_ratio = 1.0) {
  const Model model = parse_scenario(channel_scenario(ny), fmt::format("channel-{}", ny));
  Grid grid = make_uniform_grid(model.size_m, model.cells);
  if (stretch_ratio != 1.0) grid.edges[1] = stretched_edges(ny, stretch_ratio);
  SteadySolver solver(model, grid, SimplecSettings{});
  const Summary s = solver.solve(RunOptions{});
  EXPECT_TRUE(s.converged) << "ny = " << ny << ": not converged in " << s.iterations;
  const int i_face = model.cells[0] * 6 / 8;  // x = 6 H
  const auto u = validation::face_line(solver.state(), 0, i_face, 1);
  const auto y = validation::cell_centres(grid, 1);
  double err2 = 0.0, ref2 = 0.0;
  for (std::size_t j = 0; j < u.size(); ++j) {
    const double exact = 6.0 * y[j] * (1.0 - y[j]);
    err2 += (u[j] - exact) * (u[j] - exact) * grid.width(1, static_cast<int>(j));
    ref2 += exact * exact * grid.width(1, static_cast<int>(j));
  }
  const double err = std::sqrt(err2 / ref2);
  std::cout << fmt::format("  ny = {:3d} ({} x {} cells): {} iterations, L2 error {:.4e}\n", ny,
                           model.cells[0], ny, s.iterations, err);
  // Mass in = mass out through the inlet and the opening.
  EXPECT_NEAR(s.boundaries[0].mass_out_kg_s, -s.boundaries[1].mass_out_kg_s,
              1e-6 * std::fabs(s.boundaries[0].mass_out_kg_s));
  return err;
}

TEST(PoiseuilleChannel, ParabolicProfileConvergesAtSecondOrder) {
  std::cout << "Plane Poiseuille flow, Re = 10, profile at x = 6 H:\n";
  const double e8 = profile_error(8), e16 = profile_error(16), e32 = profile_error(32);
  const double order_coarse = std::log2(e8 / e16), order_fine = std::log2(e16 / e32);
  std::cout << fmt::format("  observed order {:.2f} (8->16), {:.2f} (16->32); expected 2\n",
                           order_coarse, order_fine);
  std::cout << fmt::format("  finest L2 error {:.3f} % (limit 0.5 %)\n", 100.0 * e32);
  EXPECT_LT(e32, 0.005);
  EXPECT_LT(e16, 0.005);
  EXPECT_GT(order_fine, 1.8);
  EXPECT_GT(order_coarse, 1.8);
}

// The same on a grid stretched towards both walls (widths growing by 1.5 per
// cell from the wall in the coarsest grid): still second order, so the
// rectilinear grids of the PC layer keep the scheme's accuracy.
TEST(PoiseuilleChannel, StretchedGridStaysSecondOrder) {
  std::cout << "Plane Poiseuille flow on a wall-stretched grid (ratio 1.5):\n";
  const double e8 = profile_error(8, 1.5), e16 = profile_error(16, 1.5),
               e32 = profile_error(32, 1.5);
  const double order_coarse = std::log2(e8 / e16), order_fine = std::log2(e16 / e32);
  std::cout << fmt::format(
      "  observed order {:.2f} (8->16), {:.2f} (16->32); finest L2 error {:.3f} %\n", order_coarse,
      order_fine, 100.0 * e32);
  EXPECT_LT(e32, 0.005);
  EXPECT_GT(order_fine, 1.8);
  EXPECT_GT(order_coarse, 1.8);
}

}  // namespace
}  // namespace rt
