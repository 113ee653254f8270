#include "solver/divergence_check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "solver/parallel/for_each.hpp"

namespace rt {

double runaway_speed_limit(const Model& model) {
  double speed = pressure_driven_speed(model);
  for (const Boundary& b : model.boundary)
    speed = std::max(speed, std::hypot(b.velocity_m_s[0], b.velocity_m_s[1], b.velocity_m_s[2]));
  const double g = std::hypot(model.physics.gravity_m_s2[0], model.physics.gravity_m_s2[1],
                              model.physics.gravity_m_s2[2]);
  const double length = std::max({model.size_m[0], model.size_m[1], model.size_m[2]});
  speed = std::max(speed, std::sqrt(g * length));
  return 1e3 * std::max(speed, 1e-3);
}

namespace {

// Speed at the centre of cell (i,j,k) from its six faces; +inf when T, p or
// a velocity is not finite, so one max-reduction finds both kinds of trouble.
double cell_speed_or_inf(const FlowState& state, int i, int j, int k) {
  const Extent& C = state.cells();
  const std::size_t c = C.index(i, j, k);
  double u2 = 0.0;
  for (int a = 0; a < 3; ++a) {
    const Extent fe = face_extent(C, a);
    const std::size_t lo = fe.index(i, j, k);
    const double u = 0.5 * (state.vel[a][lo] + state.vel[a][lo + fe.stride(a)]);
    u2 += u * u;
  }
  const double speed = std::sqrt(u2);
  if (!std::isfinite(state.T[c]) || !std::isfinite(state.p[c]) || !std::isfinite(speed))
    return std::numeric_limits<double>::infinity();
  return speed;
}

}  // namespace

std::optional<std::string> find_blow_up(const FlowState& state, double speed_limit) {
  const Extent& C = state.cells();
  const Grid& g = state.grid();
  // The common, healthy case in one parallel pass; the locating scan below
  // only runs once something is wrong.
  if (max_over_points(C, [&](int i, int j, int k) { return cell_speed_or_inf(state, i, j, k); }) <=
      speed_limit)
    return std::nullopt;
  // The first non-finite cell, else the fastest one above the limit.
  std::size_t worst = C.size();
  double worst_speed = speed_limit;
  bool non_finite = false;
  for (int k = 0; k < C.n[2] && !non_finite; ++k)
    for (int j = 0; j < C.n[1] && !non_finite; ++j)
      for (int i = 0; i < C.n[0]; ++i) {
        const std::size_t c = C.index(i, j, k);
        const double speed = cell_speed_or_inf(state, i, j, k);
        if (std::isinf(speed)) {
          worst = c;
          non_finite = true;
          break;
        }
        if (speed > worst_speed) {
          worst = c;
          worst_speed = speed;
        }
      }
  if (worst == C.size()) return std::nullopt;
  const int i = static_cast<int>(worst % C.n[0]);
  const int j = static_cast<int>((worst / C.n[0]) % C.n[1]);
  const int k = static_cast<int>(worst / (static_cast<std::size_t>(C.n[0]) * C.n[1]));
  std::ostringstream out;
  out << "cell (" << i << ", " << j << ", " << k << ") at (" << g.centre(0, i) << ", "
      << g.centre(1, j) << ", " << g.centre(2, k)
      << ") m: T = " << state.T[worst] - kCelsiusToKelvin << " °C, p = " << state.p[worst] << " Pa";
  if (!non_finite)
    out << ", speed " << worst_speed << " m/s above the runaway limit " << speed_limit << " m/s";
  return out.str();
}

}  // namespace rt
