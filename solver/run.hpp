#pragma once
// Entry point of the solver for a whole run: Model in, results out.

#include <atomic>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>

#include "geometry/grid.hpp"
#include "geometry/snapped_grid.hpp"
#include "scenarios/model/model.hpp"
#include "scenarios/model/summary.hpp"
#include "solver/checkpoint.hpp"
#include "solver/compute_backend.hpp"

namespace rt {

// Reported to whoever shows progress: once per outer iteration in a steady
// run, once per time step in a transient one (steps > 0).
struct Progress {
  int iteration = 0;  // transient: iterations so far, all steps
  int max_iterations = 0;
  double mass = 0, momentum = 0, energy = 0;  // normalised residuals (last iteration)
  double tolerance = 0;                       // transient: the step tolerance
  double seconds_per_iteration = 0;
  double elapsed_s = 0;
  // The hottest component with power (die temperature, else hottest cell)
  // at the last temperature sample; empty name when the model has none.
  std::string hottest_name;
  double hottest_C = 0;
  // Steady runs that may stop as settled ([solver] settle_K > 0): the band
  // and its window, and how fast the answer is settling: the widest range
  // of the settle test's temperatures over the last settle_span iterations
  // and over the settle_span before those (NaN until the history covers them).
  double settle_K = 0;
  int settle_iterations = 0;
  int settle_span = 0;
  double settle_band_K = 0, settle_band_earlier_K = 0;
  // Grid sequencing (solver/grid_sequencing.hpp): the stage this iteration
  // belongs to ("preview" on the coarse grid, "full" after it; empty for a
  // run on one grid), the stage's cells, and an estimate of the seconds the
  // stages after this one will take (0 when none follow). Iterations,
  // elapsed_s and seconds_per_iteration count within the stage.
  std::string stage;
  std::size_t stage_cells = 0;
  double later_stages_s = 0;
  // What the stage is expected to take, in iterations, for the ETA while
  // the settle estimate has nothing to go on (0: no expectation).
  int expected_iterations = 0;
  // Transient runs only.
  int step = 0, steps = 0;
  double time_s = 0, end_time_s = 0;
  int step_iterations = 0;  // SIMPLEC iterations this step took
  bool step_converged = false;
};

struct RunOptions {
  int threads = 0;                                   // 0 = OpenMP default
  std::function<void(const Progress&)> on_progress;  // may be empty
  // Polled once per iteration; when it turns true the run stops after the
  // current iteration with stop_reason "interrupted" (Ctrl-C, a scheduler's
  // SIGTERM) so what was computed can still be written.
  const std::atomic<bool>* stop_requested = nullptr;
  // Transient runs: called after each new time-series sample with the series
  // so far (to keep time_series.csv current during a long run); may be empty.
  std::function<void(const TimeSeries&)> on_sample;
  // Checkpoints (solver/checkpoint.hpp): when on_checkpoint is set it is
  // called with the run's state every checkpoint_every iterations and every
  // checkpoint_interval_s seconds (0 turns either off; a transient run takes
  // them at the end of the first step after that), and once more when the
  // run stops on stop_requested. Not at the end of a completed run.
  int checkpoint_every = 0;
  double checkpoint_interval_s = 0;
  std::function<void(const SolverCheckpoint&)> on_checkpoint;
  // Continue from this checkpoint instead of the initial state. It must come
  // from the same model and grid (sizes are checked: std::invalid_argument).
  const SolverCheckpoint* resume = nullptr;
  // Where the field work runs (compute_backend.hpp); steady runs only.
  // ComputeBackend::cuda needs `device_steps` (cuda/device_simplec_steps.hpp).
  ComputeBackend backend = ComputeBackend::cpu;
  DeviceStepsMaker device_steps = nullptr;
};

// Thrown when the solution blows up (NaN, runaway residual). The message
// names the iteration, the equation and the cell where it happened.
struct DivergenceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct RunResult {
  Grid grid;
  Summary summary;
  CellFields fields;
};

// Solves the model to a steady state on `grid`, make_grid(model): the
// caller that has made it for its own checks (memory, checkpoints) passes
// it down rather than have it made again. Throws DivergenceError on
// blow-up and std::invalid_argument when the model cannot be solved as
// given.
RunResult run_steady(const Model& model, const Grid& grid, const RunOptions& options);

// Steps the model from its initial state to [solver] end_time_s
// (transient_solver.cpp); the summary carries the time series. Throws as
// run_steady does.
RunResult run_transient(const Model& model, const Grid& grid, const RunOptions& options);

// Number of steps of a transient run: end_time_s in steps of time_step_s,
// the last one shortened to land on end_time_s (a remainder below 1e-9 of a
// step is dropped).
int planned_steps(const TransientSettings& t);

// run_transient or run_steady, as the model's [solver] mode says.
inline RunResult run_model(const Model& model, const Grid& grid, const RunOptions& options) {
  return model.solver.mode == SolveMode::transient ? run_transient(model, grid, options)
                                                   : run_steady(model, grid, options);
}

// The same on the model's own grid, made here (tests and benchmarks).
inline RunResult run_steady(const Model& model, const RunOptions& options) {
  return run_steady(model, make_grid(model), options);
}
inline RunResult run_transient(const Model& model, const RunOptions& options) {
  return run_transient(model, make_grid(model), options);
}
inline RunResult run_model(const Model& model, const RunOptions& options) {
  return run_model(model, make_grid(model), options);
}

}  // namespace rt
