#include "geometry/plane_patch.hpp"

#include <algorithm>
#include <cmath>

namespace rt {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Number of leading faces (in the given order) whose summed area is closest
// to `target`.
std::size_t count_closest_to_area(const std::vector<double>& cumulative, double target) {
  std::size_t best = 0;
  double best_error = target;  // taking none
  for (std::size_t n = 1; n <= cumulative.size(); ++n) {
    const double error = std::fabs(cumulative[n - 1] - target);
    if (error < best_error) {
      best_error = error;
      best = n;
    }
  }
  return best;
}

}  // namespace

PlanePatchCells plane_patch_cells(const Grid& grid, int axis, const Vec3& lo, const Vec3& hi,
                                  double diameter_m, double hub_diameter_m) {
  const int a1 = (axis + 1) % 3, a2 = (axis + 2) % 3;
  struct Candidate {
    PlaneFace face;
    double area;
    double r2;  // squared distance from the disc centre
  };
  const double c1 = 0.5 * (lo[a1] + hi[a1]), c2 = 0.5 * (lo[a2] + hi[a2]);
  std::vector<Candidate> inside;
  for (int j2 = 0; j2 < grid.cells(a2); ++j2)
    for (int j1 = 0; j1 < grid.cells(a1); ++j1) {
      const double x1 = grid.centre(a1, j1), x2 = grid.centre(a2, j2);
      if (x1 < lo[a1] || x1 > hi[a1] || x2 < lo[a2] || x2 > hi[a2]) continue;
      const double d1 = x1 - c1, d2 = x2 - c2;
      inside.push_back({{j1, j2}, grid.width(a1, j1) * grid.width(a2, j2), d1 * d1 + d2 * d2});
    }

  PlanePatchCells out;
  if (diameter_m <= 0.0) {
    for (const Candidate& c : inside) {
      out.open.push_back(c.face);
      out.open_area_m2 += c.area;
    }
    return out;
  }
  // Stable order by radius (ties by grid position keep the result the same
  // on every run and platform).
  std::stable_sort(inside.begin(), inside.end(),
                   [](const Candidate& x, const Candidate& y) { return x.r2 < y.r2; });
  std::vector<double> cumulative(inside.size());
  double sum = 0.0;
  for (std::size_t n = 0; n < inside.size(); ++n) cumulative[n] = sum += inside[n].area;
  const std::size_t tip = count_closest_to_area(cumulative, 0.25 * kPi * diameter_m * diameter_m);
  const std::size_t hub = std::min(
      tip, count_closest_to_area(cumulative, 0.25 * kPi * hub_diameter_m * hub_diameter_m));
  for (std::size_t n = tip; n < inside.size(); ++n) out.frame.push_back(inside[n].face);
  for (std::size_t n = 0; n < tip; ++n) {
    if (n < hub) {
      out.hub.push_back(inside[n].face);
    } else {
      out.open.push_back(inside[n].face);
      out.open_area_m2 += inside[n].area;
    }
  }
  return out;
}

int nearest_grid_line(const Grid& grid, int axis, double x) {
  const std::vector<double>& e = grid.edges[axis];
  const auto it = std::lower_bound(e.begin(), e.end(), x);
  if (it == e.begin()) return 0;
  if (it == e.end()) return static_cast<int>(e.size()) - 1;
  const int i = static_cast<int>(it - e.begin());
  return (x - e[i - 1] <= e[i] - x) ? i - 1 : i;
}

}  // namespace rt
