#pragma once
// Rectilinear grid: per-axis cell-edge coordinates. Cell (i,j,k) spans
// [x[i],x[i+1]] x [y[j],y[j+1]] x [z[k],z[k+1]]; cell index = i + nx*(j + ny*k)
// (x fastest, the same on every backend). Uniform today; the PC layer will
// snap edges to object faces (issue 3) without changing this interface.

#include <array>
#include <cstddef>
#include <vector>

namespace rt {

struct Grid {
  std::array<std::vector<double>, 3> edges;  // edges[a].size() == cells(a) + 1, in m

  int cells(int axis) const { return static_cast<int>(edges[axis].size()) - 1; }
  int nx() const { return cells(0); }
  int ny() const { return cells(1); }
  int nz() const { return cells(2); }
  std::size_t total_cells() const {
    return static_cast<std::size_t>(nx()) * static_cast<std::size_t>(ny()) *
           static_cast<std::size_t>(nz());
  }
  double centre(int axis, int i) const { return 0.5 * (edges[axis][i] + edges[axis][i + 1]); }
  double width(int axis, int i) const { return edges[axis][i + 1] - edges[axis][i]; }
  double length(int axis) const { return edges[axis].back() - edges[axis].front(); }
  // The cell along `axis` that holds coordinate x (held to the grid at its ends).
  int cell_containing(int axis, double x) const;
  // Linear index (x fastest) of the cell holding point p.
  std::size_t cell_at(const std::array<double, 3>& p) const;
};

// Uniform cells over [0, size[a]] on each axis.
Grid make_uniform_grid(const std::array<double, 3>& size_m, const std::array<int, 3>& cells);

}  // namespace rt
