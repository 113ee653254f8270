#include "solver/coarse_grid_start.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <limits>
#include <memory>

#include "solver/checkpoint.hpp"
#include "solver/run_solver.hpp"
#include "solver/steady_solver.hpp"

namespace rt {
namespace {

// Measured on the peer cavities (bench/README.md, "Coarse-grid start"):
// two levels beat one (the 64^3 cube: 95 fine iterations after 16^3 and
// 32^3, 135 after 32^3 alone to 1e-3); a 16^2 level of the Ra 1e6 cavity took 420
// iterations of its own, where 32^2 took 58, so a level keeps 16 cells on
// its smallest axis, and 2-D grids stop at 32^2 from 128^2.
constexpr int kMaxCoarseLevels = 2;
constexpr int kCoarsestCellsPerAxis = 16;
// Smaller grids start from rest: they converge in a few seconds anyway, and
// their coarse levels are where a buoyant flow is least resolved. Measured
// on examples/heated-cavity.toml (64^2, a 0.1 m air cavity): 82 iterations
// from rest, 0.30 s; 68 after its coarse levels, but those took 120
// (16^2, stalled) and 196 (32^2) iterations, 0.57 s in all.
constexpr std::size_t kMinCells = 10000;
// Tight enough that the fine grid starts near its answer (1e-3 left the 2-D
// cavities 167 fine iterations, 1e-4 137), and no tighter than the run's.
constexpr double kCoarseTolerance = 1e-4;
// A coarse level gives up after kCoarseMaxIterations, or once its worst
// residual has reached no new low for kCoarseStall iterations (a limit
// cycle: the coarse grids of strongly buoyant flow RelaxationControl speaks
// of; the 16^2 level of examples/heated-cavity.toml, a 0.1 m air cavity,
// wanders between 0.1 and 0.2). Only a converged level's answer is handed
// on: measured on that example, the 64^2 grid converged in 67 iterations
// after a converged 32^2 level, but needed 290 (82 from rest) when it
// started from a 32^2 level stopped unconverged.
constexpr int kCoarseMaxIterations = 300;
constexpr int kCoarseStall = 100;

int smallest_resolved_axis(const Grid& g) {
  int smallest = 0;
  for (int a = 0; a < 3; ++a)
    if (g.cells(a) > 1) smallest = smallest == 0 ? g.cells(a) : std::min(smallest, g.cells(a));
  return smallest;
}

}  // namespace

Grid merged_cell_pairs(const Grid& grid) {
  Grid coarse;
  for (int a = 0; a < 3; ++a) {
    const std::vector<double>& e = grid.edges[a];
    std::vector<double>& c = coarse.edges[a];
    for (std::size_t i = 0; i < e.size(); i += 2) c.push_back(e[i]);
    if (c.back() != e.back()) c.push_back(e.back());
  }
  return coarse;
}

int coarse_start_levels(const Grid& grid) {
  if (grid.total_cells() < kMinCells) return 0;
  int levels = 0;
  Grid g = grid;
  while (levels < kMaxCoarseLevels) {
    const Grid c = merged_cell_pairs(g);
    const int smallest = smallest_resolved_axis(c);
    if (smallest < kCoarsestCellsPerAxis || c.total_cells() == g.total_cells()) break;
    g = c;
    ++levels;
  }
  return levels;
}

bool uses_coarse_start(const Model& model, const Grid& grid) {
  return model.solver.mode == SolveMode::steady && model.solver.coarse_start &&
         !(model.solver.settle_K > 0.0) && !model.preview_grid && coarse_start_levels(grid) > 0;
}

std::size_t coarse_start_cells(const Model& model, const Grid& grid) {
  return uses_coarse_start(model, grid) ? merged_cell_pairs(grid).total_cells() : 0;
}

CoarseStartSummary start_from_coarser_grids(SteadySolver& fine, const Model& model,
                                            const Grid& grid, const RunOptions& options) {
  CoarseStartSummary report;
  const int levels = coarse_start_levels(grid);
  if (levels == 0) return report;
  const auto start = std::chrono::steady_clock::now();
  std::vector<Grid> grids{grid};
  for (int l = 0; l < levels; ++l) grids.push_back(merged_cell_pairs(grids.back()));

  // The coarse levels converge on their residuals (a settle test is the
  // fine grid's business) and may use the acceleration.
  Model coarse = model;
  coarse.solver.settle_K = 0.0;
  coarse.solver.tolerance = std::max(kCoarseTolerance, model.solver.tolerance);
  coarse.solver.max_iterations = std::min(kCoarseMaxIterations, model.solver.max_iterations);
  coarse.monitors.clear();

  SolverCheckpoint answer;
  const Grid* answer_grid = nullptr;
  try {
    for (int l = levels; l >= 1; --l) {
      if (options.stop_requested && options.stop_requested->load()) break;
      SteadySolver level(coarse, grids[l], simplec_settings_for(options));
      if (answer_grid) level.start_from(answer, *answer_grid);
      std::atomic<bool> level_stop{false};
      double best = std::numeric_limits<double>::infinity();
      int best_iteration = 0;
      RunOptions o;
      o.stop_requested = &level_stop;
      const std::size_t cells = grids[l].total_cells();
      o.on_progress = [&, cells](const Progress& p) {
        const double worst = std::max({p.mass, p.momentum, p.energy});
        if (worst < best) {
          best = worst;
          best_iteration = p.iteration;
        }
        const bool stalled = p.iteration - best_iteration >= kCoarseStall;
        const bool stopped = options.stop_requested && options.stop_requested->load();
        if (stalled || stopped) level_stop = true;
        if (!options.on_progress) return;
        Progress q = p;
        q.stage = "coarse";
        q.stage_cells = cells;
        options.on_progress(q);
      };
      const Summary s = level.solve(o);
      report.cells.push_back({grids[l].nx(), grids[l].ny(), grids[l].nz()});
      report.iterations.push_back(s.iterations);
      report.converged.push_back(s.converged);
      if (!s.converged) continue;
      answer = SolverCheckpoint{};
      level.capture(answer);
      answer_grid = &grids[l];
    }
    if (!answer_grid && !report.cells.empty())
      report.dropped = "no coarse level converged; the run starts from rest";
  } catch (const std::exception& e) {
    report.dropped = e.what();
    answer_grid = nullptr;
  }
  if (answer_grid) {
    fine.start_from(answer, *answer_grid);
    fine.relax_as_near_answer();
  }
  report.wall_time_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace rt
