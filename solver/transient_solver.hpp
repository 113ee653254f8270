#pragma once
// Transient runs: implicit time steps (BDF2, or backward Euler) from the
// initial state, air at rest and everything at [solver] initial_T_C, to
// end_time_s. Each step adds the time derivative to the momentum and energy
// equations (kernels/time_k.hpp) and runs the steady solver's SIMPLEC
// iteration on them until the normalised residuals fall below
// step_tolerance or iterations_per_step is reached, then moves the time
// levels on. Under-relaxation stays as in steady runs: it only changes how
// a step converges, not what it converges to.
//
// Every output interval the component and monitor temperatures are sampled
// into the summary's time series; a component with a throttle point records
// when it first reached it, interpolated between step ends.

#include "scenarios/model/model.hpp"
#include "solver/steady_solver.hpp"

namespace rt {

class TransientSolver {
 public:
  TransientSolver(const Model& model, const Grid& grid, SimplecSettings settings = {});

  // Steps to end_time_s, or until options.stop_requested (the fields are
  // then those of the last completed step). Throws DivergenceError on
  // blow-up. The summary holds the time series, the state at the last
  // completed step and stop_reason "end_time" or "interrupted"; converged
  // means every step reached step_tolerance.
  Summary solve(const RunOptions& options);

  FlowState& state() { return simplec_.state(); }

 private:
  const Model& model_;
  SteadySolver simplec_;  // the SIMPLEC iteration, run within each step
};

}  // namespace rt
