#include "solver/turbulence.hpp"

#include "solver/kernels/turbulence_k.hpp"
#include "solver/parallel/for_each.hpp"

namespace rt {

double update_effective_viscosity(FlowState& state) {
  if (state.turbulence_model() == kLaminar) return 0.0;
  FlowView v = state.view();
  const Extent C = v.mesh.cells;
  const double* d = state.wall_distance.data();
  const double* delta = state.wall_layer_thickness.data();
  double* mu_eff = state.mu_eff.data();
  double* mu_wall = state.mu_wall.data();
  double* u_plus = state.law_u_plus.empty() ? nullptr : state.law_u_plus.data();
  double* y_plus = state.law_y_plus.empty() ? nullptr : state.law_y_plus.data();
  const int model = state.turbulence_model();
  const double mu = v.props.mu;
  // The kernel reads velocities only, so writing in place is safe.
  return max_over_points(C, [=](int i, int j, int k) {
    const CellViscosity m = effective_viscosity(v, d, delta, model, i, j, k);
    const std::size_t P = C.index(i, j, k);
    mu_eff[P] = m.interior;
    mu_wall[P] = m.wall;
    if (u_plus) {
      u_plus[P] = m.u_plus;
      y_plus[P] = m.y_plus;
    }
    return (m.interior - mu) / mu;
  });
}

}  // namespace rt
