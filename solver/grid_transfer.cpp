#include "solver/grid_transfer.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <stdexcept>

#include "solver/core/extent.hpp"
#include "solver/parallel/for_each.hpp"

namespace rt {
namespace {

// Where a point lies among a sorted row of sample positions: the samples
// below and above it and the weight of the upper one; held at the ends.
struct Bracket {
  int lo = 0, hi = 0;
  double w = 0.0;
};

Bracket bracket(const std::vector<double>& samples, double x) {
  const int n = static_cast<int>(samples.size());
  if (x <= samples.front()) return {0, 0, 0.0};
  if (x >= samples.back()) return {n - 1, n - 1, 0.0};
  const int hi =
      static_cast<int>(std::upper_bound(samples.begin(), samples.end(), x) - samples.begin());
  const int lo = hi - 1;
  return {lo, hi, (x - samples[lo]) / (samples[hi] - samples[lo])};
}

// The sample positions of a field along axis b: cell centres, or the face
// planes (the edges) along the face array's own axis.
std::vector<double> sample_positions(const Grid& g, int b, bool on_edges) {
  if (on_edges) return g.edges[b];
  std::vector<double> x(static_cast<std::size_t>(g.cells(b)));
  for (int i = 0; i < g.cells(b); ++i) x[static_cast<std::size_t>(i)] = g.centre(b, i);
  return x;
}

// face_axis < 0: a cell field; else the faces of that axis.
std::vector<double> interpolate(const Grid& from, const std::vector<double>& field, int face_axis,
                                const Grid& to) {
  Extent src, dst;
  for (int b = 0; b < 3; ++b) {
    src.n[b] = from.cells(b) + (b == face_axis ? 1 : 0);
    dst.n[b] = to.cells(b) + (b == face_axis ? 1 : 0);
  }
  if (field.size() != src.size())
    throw std::invalid_argument("interpolate: the field does not match its grid");
  std::array<std::vector<Bracket>, 3> along;
  for (int b = 0; b < 3; ++b) {
    const std::vector<double> xs = sample_positions(from, b, b == face_axis);
    const std::vector<double> xd = sample_positions(to, b, b == face_axis);
    for (double x : xd) along[b].push_back(bracket(xs, x));
  }
  std::vector<double> out(dst.size());
  const double* f = field.data();
  double* o = out.data();
  const Bracket *bx = along[0].data(), *by = along[1].data(), *bz = along[2].data();
  for_each_point(dst, [=](int i, int j, int k) {
    const Bracket X = bx[i], Y = by[j], Z = bz[k];
    double sum = 0.0;
    for (int cz = 0; cz < 2; ++cz)
      for (int cy = 0; cy < 2; ++cy)
        for (int cx = 0; cx < 2; ++cx) {
          const double w = (cx ? X.w : 1.0 - X.w) * (cy ? Y.w : 1.0 - Y.w) * (cz ? Z.w : 1.0 - Z.w);
          if (w == 0.0) continue;
          sum += w * f[src.index(cx ? X.hi : X.lo, cy ? Y.hi : Y.lo, cz ? Z.hi : Z.lo)];
        }
    o[dst.index(i, j, k)] = sum;
  });
  return out;
}

}  // namespace

std::vector<double> interpolate_cell_field(const Grid& from, const std::vector<double>& field,
                                           const Grid& to) {
  return interpolate(from, field, -1, to);
}

std::vector<double> interpolate_face_field(const Grid& from, const std::vector<double>& field,
                                           int axis, const Grid& to) {
  return interpolate(from, field, axis, to);
}

}  // namespace rt
