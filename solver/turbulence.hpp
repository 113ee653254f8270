#pragma once
// The effective-viscosity update of the algebraic turbulence models
// (kernels/turbulence_k.hpp), once per outer iteration before momentum.

#include "solver/flow_state.hpp"

namespace rt {

// Recomputes state.mu_eff and mu_wall from the current velocity and state.wall_distance;
// returns the largest mu_t / mu over the air cells. Does nothing (returns 0)
// in a laminar run.
double update_effective_viscosity(FlowState& state);

}  // namespace rt
