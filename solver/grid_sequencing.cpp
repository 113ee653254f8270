#include "solver/grid_sequencing.hpp"

#include <omp.h>

#include <algorithm>
#include <array>

#include "geometry/snapped_grid.hpp"
#include "solver/diagnostics.hpp"
#include "solver/run_solver.hpp"
#include "solver/steady_solver.hpp"

namespace rt {
namespace {

// The preview stage stops when its answer has held within this many of the
// run's settle bands over this share of the run's settle window: close
// enough that the full grid starts near its own answer, loose enough that
// the preview's jets, which swing by a kelvin and more on the coarse grid,
// do not hold it open. Chosen, not tuned: the previews of the dual Titan
// build and of the mixed four-card pair stopped after 510-760 iterations;
// on the dual Titan build the full grid then started within 0.7 K of its
// answer (docs/performance.md).
constexpr double kPreviewSettleBands = 5.0;
constexpr double kPreviewSettleWindowShare = 0.4;
// ... or after this many iterations.
constexpr int kPreviewMaxIterations = 800;
// A run without a settle test stops its preview on this band (K).
constexpr double kPreviewSettle_K = 0.5;

// The full grid starts within about half a kelvin of its own answer
// (measured on the dual Titan build: every die within 0.7 K from its 30th
// iteration on), not several kelvins away as from rest, so its settle test
// needs less to tell a drift from a hold: twice the band over 0.6 of the
// window. The same loosening from rest let a slow drift through (the dual
// Titan build's CPU die stopped 1.0 K off at 0.25 K over 300 iterations;
// docs/performance.md).
constexpr double kFullStageSettleBands = 2.0;
constexpr double kFullStageWindowShare = 0.6;
// Outer iterations the full grid is expected to take after a preview, in
// its settle windows, for the ETA (measured: 1.57 on the dual Titan build,
// 1.03 on each of the mixed four-card pair).
constexpr double kFullStageWindows = 1.3;
// Outer iterations the preview stage is expected to take (measured: 510 on
// the dual Titan build, 760 and 510 on the mixed four-card pair).
constexpr double kPreviewExpectedIterations = 600;
// Outer iterations a build solved from rest takes to settle, in its settle
// windows: the example builds on their preview grids from rest (tests/long
// ExampleBuild.*, 500-iteration windows, built from c334848 with the settle
// test that holds throttled powers): 2,780 (minimal, 2080ti-plus-titan: two
// throttled open-air cards), 940 (single-1080ti), 1,750 (dual-titan-rtx),
// 690 (quad-3090-blower, no card throttled); 1,788 on average.
constexpr double kFromRestWindows = 3.6;

std::array<int, 3> cell_counts(const Grid& g) { return {g.nx(), g.ny(), g.nz()}; }

}  // namespace

Model preview_stage_model(const Model& model) {
  Model preview = model;
  preview.snapped_grid = *model.preview_grid;
  preview.preview_grid.reset();
  SolverSettings& s = preview.solver;
  s.settle_K =
      model.solver.settle_K > 0.0 ? kPreviewSettleBands * model.solver.settle_K : kPreviewSettle_K;
  s.settle_iterations =
      std::max(10, static_cast<int>(kPreviewSettleWindowShare * model.solver.settle_iterations));
  s.max_iterations = std::min(model.solver.max_iterations, kPreviewMaxIterations);
  return preview;
}

Model full_stage_model(const Model& model) {
  Model full = model;
  full.preview_grid.reset();
  SolverSettings& s = full.solver;
  if (s.settle_K > 0.0) {
    s.settle_K *= kFullStageSettleBands;
    s.settle_iterations =
        std::max(10, static_cast<int>(kFullStageWindowShare * s.settle_iterations));
  }
  return full;
}

std::size_t preview_cells(const Model& model) {
  if (!model.preview_grid || model.solver.mode != SolveMode::steady) return 0;
  return make_grid(preview_stage_model(model)).total_cells();
}

double expected_preview_iterations(const Model& model) {
  return std::min<double>(kPreviewExpectedIterations,
                          preview_stage_model(model).solver.max_iterations);
}

double expected_full_stage_iterations(const Model& model) {
  const SolverSettings& s = full_stage_model(model).solver;
  return std::min<double>(kFullStageWindows * s.settle_iterations, s.max_iterations);
}

double expected_iterations_from_rest(const Model& model) {
  const SolverSettings& s = model.solver;
  if (s.settle_K <= 0.0) return s.max_iterations;
  return std::min<double>(kFromRestWindows * s.settle_iterations, s.max_iterations);
}

RunResult run_steady_sequenced(const Model& model, const Grid& grid, const RunOptions& options) {
  if (options.threads > 0) omp_set_num_threads(options.threads);
  const Model preview = preview_stage_model(model), full_model = full_stage_model(model);
  const Grid preview_grid = make_grid(preview);
  SteadySolver full(full_model, grid, simplec_settings_for(options));

  PreviewStageSummary stage;
  stage.cells = cell_counts(preview_grid);
  stage.full_grid_settle_K = full_model.solver.settle_K;
  stage.full_grid_settle_iterations = full_model.solver.settle_iterations;
  SolverCheckpoint preview_state;
  {
    SteadySolver coarse(preview, preview_grid, simplec_settings_for(options));
    RunOptions o = options;
    const double full_iterations = expected_full_stage_iterations(model);
    const double cell_ratio =
        static_cast<double>(grid.total_cells()) / static_cast<double>(preview_grid.total_cells());
    if (options.on_progress)
      o.on_progress = [&](const Progress& p) {
        Progress q = p;
        q.stage = "preview";
        q.stage_cells = preview_grid.total_cells();
        const double pace = p.iteration > 0 ? p.elapsed_s / p.iteration : 0.0;
        q.later_stages_s = full_iterations * pace * cell_ratio;
        options.on_progress(q);
      };
    // What a checkpoint keeps of the preview is its state on the full grid.
    if (options.on_checkpoint)
      o.on_checkpoint = [&](const SolverCheckpoint& c) {
        full.start_from(c, preview_grid);
        SolverCheckpoint on_full;
        full.capture(on_full);
        on_full.wall_time_s = c.wall_time_s;
        options.on_checkpoint(on_full);
      };
    Summary s = coarse.solve(o);
    stage.iterations = s.iterations;
    stage.wall_time_s = s.wall_time_s;
    stage.stop_reason = s.stop_reason;
    if (s.stop_reason == "interrupted") {
      // The preview's fields are what there is to show; the checkpoint
      // continues on the full grid.
      s.preview = stage;
      s.converged = false;
      RunResult r;
      r.summary = std::move(s);
      r.grid = preview_grid;
      r.fields = cell_fields(coarse.state());
      return r;
    }
    coarse.capture(preview_state);
  }
  full.start_from(preview_state, preview_grid);

  const RunOptions o = full_stage_options(options, grid.total_cells(), stage.wall_time_s,
                                          static_cast<int>(expected_full_stage_iterations(model)));
  RunResult result;
  result.summary = full.solve(o);
  result.summary.wall_time_s += stage.wall_time_s;
  result.summary.preview = stage;
  result.grid = grid;
  result.fields = cell_fields(full.state());
  return result;
}

}  // namespace rt
