#pragma once
// The steady SIMPLEC loop (Van Doormaal & Raithby 1984) on the staggered
// grid. One outer iteration:
//   1. assemble the three momentum equations with the current fields and
//      relax them; a few red-black Gauss-Seidel sweeps give u*;
//   2. assemble the pressure-correction equation from the mass imbalance of
//      u* and solve it (CG + additive-correction multigrid);
//   3. correct p and the face velocities;
//   4. assemble and solve the energy equation (BiCGSTAB + multigrid);
//   5. unless the run stops on settled temperatures, combine this step with
//      the last two (Anderson acceleration, anderson_acceleration.hpp).
// Turbulent runs solve for the wall distance once, on construction, and
// update the effective viscosity from the current velocity before step 1.
// The run stops when the normalised residuals of mass, momentum and energy
// are all below the scenario's tolerance, or at max_iterations.

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "scenarios/model/model.hpp"
#include "scenarios/model/summary.hpp"
#include "solver/anderson_acceleration.hpp"
#include "solver/checkpoint.hpp"
#include "solver/flow_state.hpp"
#include "solver/run.hpp"
#include "solver/simplec_settings.hpp"
#include "solver/simplec_steps.hpp"

namespace rt {

class SteadySolver {
 public:
  SteadySolver(const Model& model, const Grid& grid, SimplecSettings settings = {});

  // Runs outer iterations until converged or max_iterations. Throws
  // DivergenceError on blow-up. Fills iterations, converged, stop_reason,
  // convergence history and wall time of the returned summary; the physical
  // numbers come from summarize() afterwards.
  Summary solve(const RunOptions& options);

  // One outer iteration; returns its normalised residuals.
  ResidualRecord iterate();

  FlowState& state() { return state_; }
  // Largest mu_t / mu of the last iteration (0 when laminar).
  double max_turbulent_viscosity_ratio() const { return max_turbulent_viscosity_ratio_; }
  const Model& model() const { return model_; }
  int iteration() const { return iteration_; }

  // The solver's part of a checkpoint: fields, fan pressures and speeds,
  // porous powers, the iteration count and relaxation factors.
  void capture(SolverCheckpoint& c) const;
  // Puts them back; std::invalid_argument when the sizes do not fit this
  // model and grid.
  void restore(const SolverCheckpoint& c);
  // Starts from the solution `c` of the same model on another grid
  // (`grid_of_c`, the coarse grid of grid sequencing): its fields
  // interpolated onto this grid (solver/grid_transfer.hpp), its fan pressures,
  // speeds and throttled powers as they stood. Faces this grid fixes (walls,
  // inlets) keep their own values; the iteration count starts at zero.
  void start_from(const SolverCheckpoint& c, const Grid& grid_of_c);
  // Under-relaxes velocity from here on as a run that starts near its
  // answer may (SimplecSettings::relax_velocity_near_answer); the stall
  // control steps down from there.
  void relax_as_near_answer() { settings_.relax_velocity = settings_.relax_velocity_near_answer; }

 private:
  double solve_momentum();
  double solve_pressure_correction();
  double solve_energy();
  void check_divergence(int iteration, const ResidualRecord& r);
  bool settled(int iteration, const ResidualRecord& r, const TemperatureHistory& history);
  void close_energy();
  void restore_controls(const SolverCheckpoint& c);
  // The fields the acceleration combines: face velocities, p and T, where
  // the model solves for them.
  std::vector<AcceleratedField> accelerated_fields();
  void put_back_controls();

  const Model& model_;
  SimplecSettings settings_;
  FlowState state_;
  // The field work of each iteration, on the run's backend (simplec_steps.hpp).
  std::unique_ptr<SimplecSteps> steps_;
  AndersonAcceleration acceleration_;
  std::vector<double> controls_;  // fan pressures, fan speeds, porous powers (accelerated_fields)
  double speed_limit_;
  std::vector<std::string> not_settled_on_;  // series reported, not waited for
  bool settled_in_mean_ = false;             // the settle test passed on the means of a swing
  int iteration_ = 0;
  bool has_controls_ = false;    // fan control or throttling present
  double control_change_ = 0.0;  // their largest step in the last iteration
  double max_turbulent_viscosity_ratio_ = 0.0;
};

}  // namespace rt
