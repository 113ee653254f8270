#include "geometry/grid.hpp"

#include <algorithm>
#include <stdexcept>

namespace rt {

Grid make_uniform_grid(const std::array<double, 3>& size_m, const std::array<int, 3>& cells) {
  Grid g;
  for (int a = 0; a < 3; ++a) {
    if (cells[a] < 1 || !(size_m[a] > 0.0))
      throw std::invalid_argument("grid: every axis needs at least one cell and a positive size");
    g.edges[a].resize(static_cast<std::size_t>(cells[a]) + 1);
    for (int i = 0; i <= cells[a]; ++i) g.edges[a][i] = size_m[a] * i / cells[a];
    g.edges[a].back() = size_m[a];
  }
  return g;
}

int Grid::cell_containing(int axis, double x) const {
  const auto& e = edges[axis];
  const int i = static_cast<int>(std::upper_bound(e.begin(), e.end(), x) - e.begin()) - 1;
  return std::clamp(i, 0, cells(axis) - 1);
}

std::size_t Grid::cell_at(const std::array<double, 3>& p) const {
  const auto i = static_cast<std::size_t>(cell_containing(0, p[0]));
  const auto j = static_cast<std::size_t>(cell_containing(1, p[1]));
  const auto k = static_cast<std::size_t>(cell_containing(2, p[2]));
  return i + static_cast<std::size_t>(nx()) * (j + static_cast<std::size_t>(ny()) * k);
}

}  // namespace rt
