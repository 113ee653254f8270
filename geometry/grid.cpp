#include "geometry/grid.hpp"

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

}  // namespace rt
