#pragma once
// Entry point of the solver for a whole run: Model in, results out.

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>

#include "geometry/grid.hpp"
#include "scenarios/model.hpp"
#include "solver/summary.hpp"

namespace rt {

// Reported once per outer iteration to whoever shows progress.
struct Progress {
  int iteration = 0;
  int max_iterations = 0;
  double mass = 0, momentum = 0, energy = 0;  // normalised residuals
  double tolerance = 0;
  double seconds_per_iteration = 0;
  double elapsed_s = 0;
};

struct RunOptions {
  int threads = 0;                                   // 0 = OpenMP default
  std::function<void(const Progress&)> on_progress;  // may be empty
  // Polled once per iteration; when it turns true the run stops after the
  // current iteration with stop_reason "interrupted" (Ctrl-C, a scheduler's
  // SIGTERM) so what was computed can still be written.
  const std::atomic<bool>* stop_requested = nullptr;
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

// Solves the model to a steady state. Throws DivergenceError on blow-up and
// std::invalid_argument when the model cannot be solved as given.
RunResult run_steady(const Model& model, const RunOptions& options);

}  // namespace rt
