#pragma once
// Grid sequencing for steady runs (Model::preview_grid set, builds by
// default): the model is solved first on its coarse preview grid until the
// answer there has roughly settled, and the full grid starts from that flow
// (solver/grid_transfer.hpp) instead of from rest. On a build the case-wide
// flow (which fan feeds which card, where warm air recirculates) is what
// takes an outer iteration count in the thousands to settle; on the preview
// grid an iteration costs a third as much (measured: dual Titan build,
// 231,264 vs 719,316 cells), and the full grid is left to settle what it
// resolves better: docs/performance.md has the measurements.
//
// Checkpoints taken during the preview stage are of the full grid: the
// preview's state interpolated onto it, at iteration 0, so that --resume
// always continues on the full grid (and skips the preview).

#include <cstddef>

#include "scenarios/model/model.hpp"
#include "solver/run.hpp"

namespace rt {

// The model's preview stage as it will be solved: the model on its
// preview_grid with the preview's own stopping rule.
Model preview_stage_model(const Model& model);

// The full grid's stage: the model with the settle test a start from the
// preview's answer allows (grid_sequencing.cpp).
Model full_stage_model(const Model& model);

// Cells of the preview stage a steady run solves first, 0 when it has none.
std::size_t preview_cells(const Model& model);

// Outer iterations each stage is expected to take, for estimates made
// before a run starts (sweep --dry-run, Slurm time limits) and for the ETA.
double expected_preview_iterations(const Model& model);
double expected_full_stage_iterations(const Model& model);
// A steady run without a preview stage (`[mesh] preview_start = false`):
// with a settle test, as many windows as builds from rest took; without
// one, max_iterations (an upper bound).
double expected_iterations_from_rest(const Model& model);

// run_steady for a model with a preview_grid and no checkpoint to resume;
// `grid` is the model's own (the full stage's), the preview's is made here.
RunResult run_steady_sequenced(const Model& model, const Grid& grid, const RunOptions& options);

}  // namespace rt
