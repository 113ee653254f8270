// Object-snapped grids: every block face is a grid line, no cell exceeds the
// maximum, gaps between facing parts get their minimum cell count, and
// neighbouring cells never differ by more than the growth ratio.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "geometry/snapped_grid.hpp"
#include "geometry/voxelize.hpp"

namespace rt {
namespace {

bool has_line(const std::vector<double>& e, double x) {
  return std::any_of(e.begin(), e.end(), [&](double v) { return std::fabs(v - x) < 1e-12; });
}

void expect_growth_and_max(const std::vector<double>& e, const SnappedGridSpec& c) {
  for (std::size_t i = 0; i + 1 < e.size(); ++i) {
    const double w = e[i + 1] - e[i];
    EXPECT_GT(w, 0.0);
    EXPECT_LE(w, c.max_cell_m * (1 + 1e-9)) << "cell " << i;
    if (i + 2 < e.size()) {
      const double v = e[i + 2] - e[i + 1];
      EXPECT_LE(std::max(w, v) / std::min(w, v), c.growth * (1 + 1e-9))
          << "cells " << i << ", " << i + 1;
    }
  }
}

// Two 20 mm thick "cards" 3 mm apart in a 400 mm box: the kind of gap between
// stacked GPUs that a uniform 4 mm grid would lose.
Model stacked_cards() {
  Model m;
  m.size_m = {0.4, 0.2, 0.1};
  auto card = [](const char* name, double y0) {
    Block b;
    b.name = name;
    b.min_m = {0.05, y0, 0.02};
    b.max_m = {0.32, y0 + 0.02, 0.08};
    b.conductivity_W_mK = 200;
    b.density_kg_m3 = 2700;
    b.specific_heat_J_kgK = 900;
    return b;
  };
  m.blocks = {card("lower", 0.05), card("upper", 0.073)};
  return m;
}

TEST(SnappedGrid, UniformWithoutObjects) {
  const SnappedGridSpec c{0.01, 3, 1.2};
  const auto e = snapped_axis_edges(0.105, {}, {}, c);
  ASSERT_EQ(e.size(), 12u);  // ceil(10.5) = 11 cells
  expect_growth_and_max(e, c);
  EXPECT_DOUBLE_EQ(e.back(), 0.105);
}

TEST(SnappedGrid, FacesAreLinesAndGapsAreResolved) {
  const Model m = stacked_cards();
  const SnappedGridSpec c{0.004, 3, 1.2};
  const Grid g = make_snapped_grid(m, c);
  for (int a = 0; a < 3; ++a) {
    for (const Block& b : m.blocks) {
      EXPECT_TRUE(has_line(g.edges[a], b.min_m[a])) << "axis " << a;
      EXPECT_TRUE(has_line(g.edges[a], b.max_m[a])) << "axis " << a;
    }
    expect_growth_and_max(g.edges[a], c);
  }
  // The 3 mm between the cards: at least 3 cells.
  int across = 0;
  for (int j = 0; j < g.ny(); ++j)
    if (g.centre(1, j) > 0.07 && g.centre(1, j) < 0.073) ++across;
  std::cout << "3 mm gap: " << across << " cells; grid " << g.nx() << " x " << g.ny() << " x "
            << g.nz() << " = " << g.total_cells() << " cells\n";
  EXPECT_GE(across, 3);
  // Voxelization is exact: each card covers exactly its own volume.
  const auto mat = voxelize_blocks(g, m.blocks);
  for (std::size_t b = 0; b < m.blocks.size(); ++b) {
    double vol = 0.0;
    for (int k = 0; k < g.nz(); ++k)
      for (int j = 0; j < g.ny(); ++j)
        for (int i = 0; i < g.nx(); ++i)
          if (mat[i + g.nx() * (j + static_cast<std::size_t>(g.ny()) * k)] ==
              static_cast<int>(b + 1))
            vol += g.width(0, i) * g.width(1, j) * g.width(2, k);
    const Block& B = m.blocks[b];
    const double exact =
        (B.max_m[0] - B.min_m[0]) * (B.max_m[1] - B.min_m[1]) * (B.max_m[2] - B.min_m[2]);
    EXPECT_NEAR(vol, exact, 1e-12 * exact);
  }
}

TEST(SnappedGrid, CloseLinesGrowBackToTheMaximum) {
  // Lines 0.2 mm apart in a 300 mm axis: tiny cells there, growing by at
  // most 1.25 per cell back to 5 mm, and not many cells overall.
  const SnappedGridSpec c{0.005, 2, 1.25};
  const auto e = snapped_axis_edges(0.3, {0.1, 0.1002}, {}, c);
  expect_growth_and_max(e, c);
  EXPECT_TRUE(has_line(e, 0.1));
  EXPECT_TRUE(has_line(e, 0.1002));
  EXPECT_LT(e.size(), 120u);
}

TEST(SnappedGrid, MakeGridFollowsTheModel) {
  Model m = stacked_cards();
  m.cells = {8, 4, 2};
  EXPECT_EQ(make_grid(m).total_cells(), 64u);
  m.snapped_grid = SnappedGridSpec{0.01, 3, 1.2};
  const Grid g = make_grid(m);
  EXPECT_TRUE(has_line(g.edges[1], 0.073));
}

}  // namespace
}  // namespace rt
