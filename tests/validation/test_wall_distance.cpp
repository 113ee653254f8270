// Wall distance from the Poisson equation (solver/wall_distance.hpp) against
// the exact distance to the nearest wall.
//   - Channel between two walls (other faces symmetry): the continuum method
//     is exact there, d = min(y, H - y); the discrete one is off by O(h^2)
//     (the half-cell wall flux shifts phi by h^2/8), checked at two grids.
//   - The wall layer's thickness there: the half-width at every height.
//   - The same channel made of two solid blocks in a box of symmetry faces:
//     block surfaces are walls like domain walls.
//   - A square duct and a closed cube: the Poisson d is an estimate away from
//     walls (it reads short near corners and edges); the cells beside one
//     wall must be within 10 % of their exact distance, corner cells and the
//     largest deviation anywhere are reported.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <utility>

#include "scenarios/generic/scenario_file.hpp"
#include "solver/flow_state.hpp"
#include "solver/wall_distance.hpp"

namespace rt {
namespace {

std::string box_scenario(const std::array<int, 3>& n, const std::array<const char*, 6>& faces,
                         const std::string& extra = "") {
  std::string text = fmt::format(
      "[domain]\nsize_m = [1.0, 1.0, 1.0]\n[grid]\ncells = [{}, {}, {}]\n"
      "[physics]\ngravity_m_s2 = [0.0, 0.0, 0.0]\n",
      n[0], n[1], n[2]);
  for (int f = 0; f < kFaceCount; ++f)
    text += fmt::format("[boundary.{}]\ntype = \"{}\"\n", kFaceNames[f], faces[f]);
  return text + extra;
}

struct Deviation {
  double max_all = 0;         // largest |d - exact| over all air cells
  double max_near_rel = 0;    // largest |d - exact| / exact over cells beside one wall
  double max_corner_rel = 0;  // the same over cells beside two or three walls
  int near_cells = 0;
  int corner_cells = 0;
};

// Compares the Poisson d with `exact` (a function of the cell centre). A
// cell is beside a wall when that wall is less than one cell width away;
// `walls_within` counts the walls within a distance of a cell centre.
Deviation compare(const std::string& text,
                  const std::function<double(double, double, double)>& exact,
                  const std::function<int(double, double, double, double)>& walls_within) {
  const Model model = parse_scenario(text, "wall-distance");
  const Grid grid = make_uniform_grid(model.size_m, model.cells);
  FlowState state(model, grid);
  std::vector<double> d;
  const WallDistanceReport report = compute_wall_distance(state.view(), d);
  EXPECT_TRUE(report.has_wall);
  EXPECT_TRUE(report.solve.converged);
  Deviation dev;
  const Extent& C = state.cells();
  for (int k = 0; k < C.n[2]; ++k)
    for (int j = 0; j < C.n[1]; ++j)
      for (int i = 0; i < C.n[0]; ++i) {
        const std::size_t P = C.index(i, j, k);
        if (state.material[P] > 0) {
          EXPECT_EQ(d[P], 0.0);
          continue;
        }
        const double e = exact(grid.centre(0, i), grid.centre(1, j), grid.centre(2, k));
        const double err = std::fabs(d[P] - e);
        dev.max_all = std::max(dev.max_all, err);
        double h = 1e30;  // the finest width: the test grids are uniform across their walls
        for (int a = 0; a < 3; ++a) h = std::min(h, grid.width(a, a == 0 ? i : a == 1 ? j : k));
        const int walls = walls_within(grid.centre(0, i), grid.centre(1, j), grid.centre(2, k), h);
        if (walls == 1) {
          dev.max_near_rel = std::max(dev.max_near_rel, err / e);
          ++dev.near_cells;
        } else if (walls > 1) {
          dev.max_corner_rel = std::max(dev.max_corner_rel, err / e);
          ++dev.corner_cells;
        }
      }
  return dev;
}

const std::array<const char*, 6> kChannelFaces = {"symmetry", "symmetry", "wall",
                                                  "wall",     "symmetry", "symmetry"};

// Walls of the unit box on the listed axes within distance h of (x, y, z).
std::function<int(double, double, double, double)> box_walls(bool x, bool y, bool z) {
  return [=](double px, double py, double pz, double h) {
    const auto near = [h](double c) { return (c < h ? 1 : 0) + (1.0 - c < h ? 1 : 0); };
    return (x ? near(px) : 0) + (y ? near(py) : 0) + (z ? near(pz) : 0);
  };
}

TEST(WallDistance, ExactBetweenParallelWalls) {
  const auto exact = [](double, double y, double) { return std::min(y, 1.0 - y); };
  const auto walls = box_walls(false, true, false);
  const Deviation d20 = compare(box_scenario({2, 20, 1}, kChannelFaces), exact, walls);
  const Deviation d40 = compare(box_scenario({2, 40, 1}, kChannelFaces), exact, walls);
  std::cout << fmt::format(
      "Channel H = 1: max |d - exact| = {:.2e} H (20 cells), {:.2e} H (40 cells), order {:.2f}\n",
      d20.max_all, d40.max_all, std::log2(d20.max_all / d40.max_all));
  // h^2/(4H) from the phi offset of h^2/8 (see the file comment): 6.25e-4 at 20 cells.
  EXPECT_LT(d20.max_all, 1.05 * 0.25 / (20.0 * 20.0));
  EXPECT_LT(d40.max_all, 1.05 * 0.25 / (40.0 * 40.0));
  EXPECT_GT(std::log2(d20.max_all / d40.max_all), 1.8);
}

// The wall layer's thickness delta = sqrt(|grad phi|^2 + 2 phi), the outer
// length of the LVEL model (turbulence_k.hpp): between parallel walls it is
// the half-width H / 2 at every height, also in the cells beside the walls.
TEST(WallDistance, LayerThicknessIsTheHalfWidthBetweenParallelWalls) {
  double worst[2] = {0, 0};
  int n_index = 0;
  for (int n : {20, 40}) {
    const Model model = parse_scenario(box_scenario({2, n, 1}, kChannelFaces), "layer-thickness");
    const Grid grid = make_uniform_grid(model.size_m, model.cells);
    FlowState state(model, grid);
    std::vector<double> d, delta;
    compute_wall_distance(state.view(), d, delta);
    for (double t : delta) worst[n_index] = std::max(worst[n_index], std::fabs(t - 0.5));
    ++n_index;
  }
  std::cout << fmt::format(
      "Channel H = 1: max |delta - H/2| = {:.2e} H (20 cells), {:.2e} H (40 cells)\n", worst[0],
      worst[1]);
  EXPECT_LT(worst[0], 0.01);
  EXPECT_LT(worst[1], 0.3 * worst[0]);  // second order: 0.25 of the coarse error
}

TEST(WallDistance, BlockSurfacesAreWalls) {
  // Air between y = 0.2 and 0.8, every domain face symmetry.
  const std::string blocks =
      "[[block]]\nname = \"lower\"\nmin_m = [0, 0, 0]\nmax_m = [1, 0.2, 1]\n"
      "conductivity_W_mK = 1\ndensity_kg_m3 = 1\nspecific_heat_J_kgK = 1\n"
      "[[block]]\nname = \"upper\"\nmin_m = [0, 0.8, 0]\nmax_m = [1, 1, 1]\n"
      "conductivity_W_mK = 1\ndensity_kg_m3 = 1\nspecific_heat_J_kgK = 1\n";
  const std::array<const char*, 6> all_symmetry = {"symmetry", "symmetry", "symmetry",
                                                   "symmetry", "symmetry", "symmetry"};
  const Deviation dev = compare(
      box_scenario({2, 40, 1}, all_symmetry, blocks),
      [](double, double y, double) { return std::min(y - 0.2, 0.8 - y); },
      [](double, double y, double, double h) {
        return (y - 0.2 < h ? 1 : 0) + (0.8 - y < h ? 1 : 0);
      });
  const double h = 1.0 / 40, expected = h * h / (4.0 * 0.6);
  std::cout << fmt::format(
      "Channel of two blocks, 0.6 high: max |d - exact| = {:.3e} (h^2/(4H) = {:.3e})\n",
      dev.max_all, expected);
  EXPECT_LT(dev.max_all, 1.05 * expected);
}

TEST(WallDistance, NearWallCellsOfDuctAndCube) {
  const std::array<const char*, 6> duct = {"symmetry", "symmetry", "wall", "wall", "wall", "wall"};
  const Deviation d_duct = compare(
      box_scenario({2, 24, 24}, duct),
      [](double, double y, double z) {
        return std::min({y, 1.0 - y, z, 1.0 - z});
      },
      box_walls(false, true, true));
  const std::array<const char*, 6> cube = {"wall", "wall", "wall", "wall", "wall", "wall"};
  const Deviation d_cube = compare(
      box_scenario({16, 16, 16}, cube),
      [](double x, double y, double z) {
        return std::min({x, 1.0 - x, y, 1.0 - y, z, 1.0 - z});
      },
      box_walls(true, true, true));
  for (const auto& [name, dev] :
       {std::pair{"Square duct 24 x 24", d_duct}, std::pair{"Closed cube 16^3   ", d_cube}}) {
    std::cout << fmt::format(
        "{}: cells beside one wall ({}) within {:.1f} % of the exact distance (limit 10 %); "
        "corner cells ({}) within {:.1f} %; max |d - exact| anywhere {:.3f} (side 1)\n",
        name, dev.near_cells, 100.0 * dev.max_near_rel, dev.corner_cells,
        100.0 * dev.max_corner_rel, dev.max_all);
    EXPECT_GT(dev.near_cells, 0) << name;
    EXPECT_LT(dev.max_near_rel, 0.10) << name;
  }
}

TEST(WallDistance, NoWallMeansFar) {
  const std::array<const char*, 6> open = {"symmetry", "symmetry", "symmetry",
                                           "symmetry", "symmetry", "symmetry"};
  const Model model = parse_scenario(box_scenario({4, 4, 4}, open), "no-wall");
  FlowState state(model, make_uniform_grid(model.size_m, model.cells));
  std::vector<double> d;
  EXPECT_FALSE(compute_wall_distance(state.view(), d).has_wall);
  for (double x : d) EXPECT_NEAR(x, std::sqrt(3.0), 1e-12);
}

}  // namespace
}  // namespace rt
