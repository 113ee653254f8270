// Grid sequencing's transfer (solver/grid_transfer.hpp): a field that is
// linear in x, y, z comes across exactly wherever the target point lies
// between source samples, whatever the two grids' spacings, and is held at
// the source's outermost samples beyond them; staggered face arrays are
// sampled at their own face planes.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "geometry/grid.hpp"
#include "solver/core/extent.hpp"
#include "solver/grid_transfer.hpp"

namespace rt {
namespace {

double linear(double x, double y, double z) { return 1.0 + 2.0 * x - 3.0 * y + 0.5 * z; }

// Graded edges over [0, length]: cells growing by `ratio`.
std::vector<double> graded(double length, int cells, double ratio) {
  std::vector<double> w(static_cast<std::size_t>(cells));
  double sum = 0.0, width = 1.0;
  for (double& v : w) {
    v = width;
    sum += width;
    width *= ratio;
  }
  std::vector<double> e{0.0};
  for (double v : w) e.push_back(e.back() + v * length / sum);
  e.back() = length;
  return e;
}

Grid coarse_grid() {
  Grid g;
  g.edges = {graded(0.4, 6, 1.5), graded(0.2, 5, 0.7), graded(0.1, 4, 1.0)};
  return g;
}

Grid fine_grid() {
  Grid g;
  g.edges = {graded(0.4, 17, 1.1), graded(0.2, 13, 0.9), graded(0.1, 9, 1.2)};
  return g;
}

// Position of sample (i, j, k) of a field of `g`: cell centres, face planes
// along face_axis.
double position(const Grid& g, int b, int i, int face_axis) {
  return b == face_axis ? g.edges[b][static_cast<std::size_t>(i)] : g.centre(b, i);
}

Extent field_extent(const Grid& g, int face_axis) {
  Extent e;
  for (int b = 0; b < 3; ++b) e.n[b] = g.cells(b) + (b == face_axis ? 1 : 0);
  return e;
}

std::vector<double> sampled(const Grid& g, int face_axis) {
  const Extent e = field_extent(g, face_axis);
  std::vector<double> f(e.size());
  for (int k = 0; k < e.n[2]; ++k)
    for (int j = 0; j < e.n[1]; ++j)
      for (int i = 0; i < e.n[0]; ++i)
        f[e.index(i, j, k)] = linear(position(g, 0, i, face_axis), position(g, 1, j, face_axis),
                                     position(g, 2, k, face_axis));
  return f;
}

// The target value a held-at-the-ends linear interpolation must give: the
// linear field at the point moved inside the source's sample range.
double expected(const Grid& from, const Grid& to, int face_axis, int i, int j, int k) {
  double x[3];
  const int idx[3] = {i, j, k};
  for (int b = 0; b < 3; ++b) {
    const double lo = position(from, b, 0, face_axis);
    const double hi = position(from, b, field_extent(from, face_axis).n[b] - 1, face_axis);
    x[b] = std::min(hi, std::max(lo, position(to, b, idx[b], face_axis)));
  }
  return linear(x[0], x[1], x[2]);
}

void expect_transfer(const Grid& from, const Grid& to, int face_axis) {
  const std::vector<double> src = sampled(from, face_axis);
  const std::vector<double> out = face_axis < 0 ? interpolate_cell_field(from, src, to)
                                                : interpolate_face_field(from, src, face_axis, to);
  const Extent e = field_extent(to, face_axis);
  ASSERT_EQ(out.size(), e.size());
  for (int k = 0; k < e.n[2]; ++k)
    for (int j = 0; j < e.n[1]; ++j)
      for (int i = 0; i < e.n[0]; ++i)
        ASSERT_NEAR(out[e.index(i, j, k)], expected(from, to, face_axis, i, j, k), 1e-12)
            << "axis " << face_axis << " at " << i << "," << j << "," << k;
}

TEST(GridTransfer, LinearCellFieldComesAcrossBothWays) {
  expect_transfer(coarse_grid(), fine_grid(), -1);
  expect_transfer(fine_grid(), coarse_grid(), -1);
}

TEST(GridTransfer, FaceVelocitiesAreSampledAtTheirOwnFacePlanes) {
  for (int a = 0; a < 3; ++a) {
    expect_transfer(coarse_grid(), fine_grid(), a);
    expect_transfer(fine_grid(), coarse_grid(), a);
  }
}

TEST(GridTransfer, SameGridGivesTheFieldBack) {
  const Grid g = fine_grid();
  std::vector<double> f = sampled(g, 1);
  for (std::size_t n = 0; n < f.size(); ++n)
    f[n] += std::sin(static_cast<double>(n));  // not linear
  const std::vector<double> out = interpolate_face_field(g, f, 1, g);
  for (std::size_t n = 0; n < f.size(); ++n) ASSERT_DOUBLE_EQ(out[n], f[n]);
}

TEST(GridTransfer, RefusesAFieldOfAnotherGrid) {
  const std::vector<double> wrong(7, 0.0);
  EXPECT_THROW(interpolate_cell_field(coarse_grid(), wrong, fine_grid()), std::invalid_argument);
}

}  // namespace
}  // namespace rt
