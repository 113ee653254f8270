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
#include <string>
#include <vector>

#include "scenarios/model.hpp"
#include "solver/anderson_acceleration.hpp"
#include "solver/checkpoint.hpp"
#include "solver/flow_state.hpp"
#include "solver/linear/krylov.hpp"
#include "solver/linear/multigrid.hpp"
#include "solver/linear/stencil7.hpp"
#include "solver/run.hpp"
#include "solver/summary.hpp"

namespace rt {

struct SimplecSettings {
  // 0.9 converges the cavities ~25 % faster but the ventilated box and the
  // channel slower (and, before openings had an implicit head, let the box
  // blow up); 0.8 is the safer default for cases nobody has tuned.
  double relax_velocity = 0.8;
  double relax_pressure = 1.0;
  double relax_energy = 1.0;
  double relax_fan = 0.3;      // step of a fan's pressure rise towards its curve per iteration
  double relax_control = 0.2;  // step of fan speeds and throttled powers towards their targets
  // Red-black Gauss-Seidel sweeps per momentum solve, at most. With 2 the
  // loosely solved momentum equations held the outer iteration back: 1.75x
  // the iterations on the peer cavities; 16 every time cost +6 % per
  // iteration on a 2-D 128^2 cavity, +48 % at 128^3, where they stream from
  // memory (bench/README.md, solver/README.md).
  int momentum_sweeps = 16;
  // The sweeps stop once the residual a sweep meets (its sum of squares,
  // gauss_seidel_row) has fallen to this share of the first sweep's, as
  // OpenFOAM's relTol 0.1 for U. Measured: 2.9 sweeps on average on the
  // pair-adjacent build (162 s to settle instead of 184-190 s, same dies),
  // 2-D cavities +5 % iterations at -18 % wall time.
  double momentum_relative_tolerance = 0.1;
  // Anderson acceleration of the outer iteration (anderson_acceleration.hpp):
  // the differences of the last `acceleration_depth` iterations combined
  // (0 turns it off), from iteration `acceleration_start` on (the first
  // iterations, far from the answer, are not the linear convergence it
  // accelerates). Runs that stop on settled temperatures (settle_K > 0)
  // go without (SteadySolver's constructor says why). Measured with depth
  // 2: the peer cavities in 241 / 207 iterations instead of 890 / 492; depth
  // 3 gained ~5 % more iterations for 40 B per cell more.
  int acceleration_depth = 2;
  int acceleration_start = 20;
  // Inner solves only need to follow the outer iteration: tighter tolerances
  // did not change the outer convergence on the cavity cases, only the cost.
  LinearSolveSettings pressure{5e-2, 0.0, 100};
  LinearSolveSettings energy{1e-1, 0.0, 200};
  // The closing solves of a run that stopped before its residuals converged
  // (SteadySolver::close_energy): the flow made conservative, then energy.
  LinearSolveSettings closing_pressure{1e-10, 0.0, 300};
  LinearSolveSettings closing_energy{1e-10, 0.0, 300};
  AdditiveCorrectionMultigrid::Settings multigrid;
};

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
  // The linear system being solved: each momentum component, then the
  // pressure correction, then energy, in one storage (solve_momentum).
  Stencil7 system_;
  std::array<std::vector<double>, 2> solved_velocity_;  // u*, v* until w is assembled
  std::array<bool, 3> has_free_faces_{true, true, true};
  std::vector<double> correction_;
  AdditiveCorrectionMultigrid multigrid_;
  KrylovWorkspace krylov_work_;
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
