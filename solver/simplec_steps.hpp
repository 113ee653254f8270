#pragma once
// The field work of a SIMPLEC outer iteration as SteadySolver calls it, on
// the backend the run chose (solver/compute_backend.hpp). Every
// implementation runs the same code, SimplecStepsOn<Backend>
// (simplec_steps_on.hpp); they differ in where the fields live:
//   cpu     in the FlowState itself;
//   cuda    in device memory (cuda/device_simplec_steps.cu): each step
//           uploads what it reads that the host may have changed and
//           downloads what it wrote, so the FlowState is current after
//           every step and the host parts of the iteration (fans, dies,
//           acceleration, summaries) run unchanged;
//   mirror  the cuda path's transfers into a second copy of the fields on
//           the host (flow_mirror.hpp): the same answer as cpu to the bit
//           when no transfer is missing.

#include <memory>

#include "solver/flow_state.hpp"
#include "solver/linear/linear_settings.hpp"
#include "solver/simplec_settings.hpp"

namespace rt {

class SimplecSteps {
 public:
  virtual ~SimplecSteps() = default;
  // Each returns the normalised residual of its equation (the mass
  // residual for the pressure correction) and leaves the fields it solved
  // for in `state`.
  virtual double solve_momentum(FlowState& state, const SimplecSettings& s) = 0;
  virtual double solve_pressure_correction(FlowState& state, const LinearSolveSettings& solve,
                                           double relax_pressure) = 0;
  virtual double solve_energy(FlowState& state, const LinearSolveSettings& solve,
                              double relax_energy) = 0;
};

// The steps for s.backend on the fields of `state` (which must outlive
// them); ComputeBackend::cuda through s.device_steps. Throws
// std::runtime_error when the backend cannot run here (no maker given, no
// CUDA in this build, no device, or a CUDA error while allocating).
std::unique_ptr<SimplecSteps> make_simplec_steps(FlowState& state, const SimplecSettings& s);

}  // namespace rt
