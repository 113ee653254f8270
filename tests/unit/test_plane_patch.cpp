// Which cell faces a vent or fan covers (geometry/plane_patch.hpp): a
// rectangle by face centres, a round fan by area, so that a fan's annulus
// on the grid has the true area to within one cell on any grid.

#include <gtest/gtest.h>

#include <cmath>

#include "geometry/plane_patch.hpp"
#include "geometry/snapped_grid.hpp"

namespace rt {
namespace {

TEST(PlanePatch, RectangleCoversTheFacesWhoseCentresAreInside) {
  const Grid g = make_uniform_grid({0.1, 0.1, 0.1}, {10, 10, 10});
  // On a plane normal to y: tangential axes z (t1) and x (t2).
  const PlanePatchCells c = plane_patch_cells(g, 1, {0.02, 0.05, 0.0}, {0.06, 0.05, 0.03});
  EXPECT_EQ(c.open.size(), 4u * 3u);
  EXPECT_TRUE(c.hub.empty());
  EXPECT_NEAR(c.open_area_m2, 0.04 * 0.03, 1e-15);
  for (const PlaneFace& f : c.open) {
    EXPECT_LT(f.t1, 3);                  // z cells 0..2
    EXPECT_TRUE(f.t2 >= 2 && f.t2 < 6);  // x cells 2..5
  }
}

class RoundFanArea : public ::testing::TestWithParam<int> {};

TEST_P(RoundFanArea, AnnulusAreaWithinOneCellOfTheTruth) {
  const int n = GetParam();
  const double L = 0.14, D = 0.12, d_hub = 0.045;
  // A non-uniform grid too: stretched cells make the area rule earn its keep.
  Grid g = make_uniform_grid({L, L, L}, {n, n, n});
  for (int a = 0; a < 3; ++a)
    for (int i = 0; i <= n; ++i) {
      const double s = static_cast<double>(i) / n;
      g.edges[a][i] = L * (s + 0.08 * std::sin(2.0 * M_PI * s) / (2.0 * M_PI));
    }
  const PlanePatchCells c =
      plane_patch_cells(g, 0, {0.05, 0.01, 0.01}, {0.05, 0.13, 0.13}, D, d_hub);
  const double truth = 0.25 * M_PI * (D * D - d_hub * d_hub);
  double largest_cell = 0.0;
  for (int j = 0; j < n; ++j) largest_cell = std::max(largest_cell, g.width(1, j) * g.width(2, j));
  EXPECT_LE(std::fabs(c.open_area_m2 - truth), largest_cell)
      << n << " cells: " << c.open_area_m2 << " vs " << truth;
  EXPECT_FALSE(c.hub.empty());
  // Faces near the centre are hub, faces near the rim open, and the rest of
  // the square is the frame: beyond the disc, every face of it once.
  double r_open = 0.0;
  for (const PlaneFace& f : c.hub)
    EXPECT_LT(std::hypot(g.centre(1, f.t1) - 0.07, g.centre(2, f.t2) - 0.07), 0.5 * D);
  for (const PlaneFace& f : c.open)
    r_open = std::max(r_open, std::hypot(g.centre(1, f.t1) - 0.07, g.centre(2, f.t2) - 0.07));
  for (const PlaneFace& f : c.frame)
    EXPECT_GE(std::hypot(g.centre(1, f.t1) - 0.07, g.centre(2, f.t2) - 0.07), r_open);
  const PlanePatchCells square = plane_patch_cells(g, 0, {0.05, 0.01, 0.01}, {0.05, 0.13, 0.13});
  EXPECT_EQ(c.hub.size() + c.open.size() + c.frame.size(), square.open.size());
  EXPECT_FALSE(c.frame.empty());
  EXPECT_TRUE(square.frame.empty());
}

INSTANTIATE_TEST_SUITE_P(Grids, RoundFanArea, ::testing::Values(14, 23, 40, 97));

TEST(PlanePatch, NearestGridLine) {
  const Grid g = make_uniform_grid({1.0, 1.0, 1.0}, {10, 10, 10});
  EXPECT_EQ(nearest_grid_line(g, 0, 0.31), 3);
  EXPECT_EQ(nearest_grid_line(g, 0, 0.36), 4);
  EXPECT_EQ(nearest_grid_line(g, 0, -1.0), 0);
  EXPECT_EQ(nearest_grid_line(g, 0, 2.0), 10);
}

}  // namespace
}  // namespace rt
