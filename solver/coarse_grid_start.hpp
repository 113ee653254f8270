#pragma once
// Nested iteration for steady runs: the outer iteration starts from the
// answer on coarser grids instead of from rest (Brandt's full multigrid
// applied to the whole nonlinear solve: the slow, domain-wide modes of the
// flow and its buoyancy settle where an iteration costs an eighth or a
// sixteenth, and the fine grid only has to add its own detail).
//
// The coarser grids merge pairs of cells along every axis (every other edge
// of the run's grid is kept), so each is a coarser version of the same
// snapped or uniform grid. Each is solved to kCoarseTolerance (or until it
// stalls, at most kCoarseMaxIterations) from the last converged level's
// fields interpolated (SteadySolver::start_from), or from rest; the run's
// grid starts from the last converged level, with the velocity relaxation
// of a run near its answer (SimplecSettings::relax_velocity_near_answer).
// Measured with the peer cavities (bench/README.md): the 64^3 cube from 193
// iterations to 95 on the fine grid after 16^3 and 32^3, the 128^2 cavities
// from 242 / 207 to about 140; with relaxation 0.9 on the run's grid 66,
// 85 and 86.
// When no level converges, or one cannot be solved at all (a part thinner
// than its cells leaves a vent or a fan with nowhere to go and the coarse
// flow diverges), the run starts from rest, as it would without; the
// summary says so (CoarseStartSummary::dropped).

#include <string>
#include <vector>

#include "geometry/grid.hpp"
#include "scenarios/model/model.hpp"
#include "scenarios/model/summary.hpp"
#include "solver/run.hpp"

namespace rt {

class SteadySolver;

// The grid with pairs of neighbouring cells merged along every axis that has
// more than one cell (the last cell of an odd axis stays as it is).
Grid merged_cell_pairs(const Grid& grid);

// How many coarser grids the run starts on: halvings while the smallest axis
// that has more than one cell keeps at least kCoarsestCellsPerAxis cells, at
// most kMaxCoarseLevels; 0 for a grid of fewer than kMinCells cells, too
// small to gain from it.
int coarse_start_levels(const Grid& grid);

// Whether run_steady starts this model's run on coarser grids: a steady run
// that stops on its residuals (no settle test, no preview grid) with
// [solver] coarse_start and a grid coarse_start_levels() coarsens.
bool uses_coarse_start(const Model& model, const Grid& grid);

// The cells of the largest coarse level (its solver is held beside the run's
// own while it solves; one level at a time), 0 without a coarse start.
std::size_t coarse_start_cells(const Model& model, const Grid& grid);

// Solves the model on the coarser grids of `grid` and starts `fine` (a
// solver of the same model on `grid`, not yet iterated) from the last one's
// fields. Of `options`, the progress callback hears each level's iterations
// (Progress::stage "coarse", stage_cells) and stop_requested ends the start
// early (the fine run then stops at its first iteration). No levels: a
// summary without cells.
CoarseStartSummary start_from_coarser_grids(SteadySolver& fine, const Model& model,
                                            const Grid& grid, const RunOptions& options);

}  // namespace rt
