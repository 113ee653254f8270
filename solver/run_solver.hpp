#pragma once
// The common body of run_steady() and run_transient(): threads, grid,
// solve, and the fields for output.

#include <omp.h>

#include "geometry/snapped_grid.hpp"
#include "solver/diagnostics.hpp"
#include "solver/run.hpp"

namespace rt {

template <class Solver>
RunResult run_solver(const Model& model, const RunOptions& options) {
  if (options.threads > 0) omp_set_num_threads(options.threads);
  const Grid grid = make_grid(model);
  Solver solver(model, grid);
  RunResult result;
  result.summary = solver.solve(options);
  result.grid = grid;
  result.fields = cell_fields(solver.state());
  return result;
}

}  // namespace rt
