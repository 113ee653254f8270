#pragma once
// The common body of run_steady() and run_transient(): threads, grid,
// solve, and the fields for output.

#include <omp.h>

#include "solver/checkpoint.hpp"
#include "solver/diagnostics.hpp"
#include "solver/run.hpp"
#include "solver/simplec_settings.hpp"

namespace rt {

// The SIMPLEC settings of a run: the defaults on the run's backend.
inline SimplecSettings simplec_settings_for(const RunOptions& options) {
  SimplecSettings s;
  s.backend = options.backend;
  s.device_steps = options.device_steps;
  return s;
}

template <class Solver>
RunResult run_solver(const Model& model, const Grid& grid, const RunOptions& options) {
  if (options.threads > 0) omp_set_num_threads(options.threads);
  Solver solver(model, grid, simplec_settings_for(options));
  RunResult result;
  result.summary = solver.solve(options);
  result.grid = grid;
  result.fields = cell_fields(solver.state());
  return result;
}

// The options of a run's last stage, on its own grid of `cells`, after an
// earlier stage on a coarser grid (a build's preview, the coarse-grid start)
// that took `earlier_s`: progress reported as stage "full" (expecting
// `expected_iterations`, 0: no expectation), checkpoints counting the
// earlier stage's time. They refer to `options`, which must outlive them.
inline RunOptions full_stage_options(const RunOptions& options, std::size_t cells, double earlier_s,
                                     int expected_iterations = 0) {
  RunOptions o = options;
  if (options.on_progress)
    o.on_progress = [&options, cells, expected_iterations](const Progress& p) {
      Progress q = p;
      q.stage = "full";
      q.stage_cells = cells;
      q.expected_iterations = expected_iterations;
      options.on_progress(q);
    };
  if (options.on_checkpoint)
    o.on_checkpoint = [&options, earlier_s](const SolverCheckpoint& c) {
      SolverCheckpoint with_earlier = c;
      with_earlier.wall_time_s += earlier_s;
      options.on_checkpoint(with_earlier);
    };
  return o;
}

}  // namespace rt
