// The coarse-grid start of steady runs (solver/coarse_grid_start.hpp): the
// coarser grids merge pairs of cells of the run's own grid; a run that
// starts on them reaches the same answer as one from rest, in fewer
// iterations on its own grid (de Vahl Davis's Nusselt number within 1 %);
// the summary says what the start did; an
// interruption during the start leaves a checkpoint on the run's grid.
//
// The case: the de Vahl Davis cavity at Ra 1e5 (as the cavity validation),
// 2-D, 128^2 cells: coarse levels of 32^2 and 64^2.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <optional>
#include <string>

#include "geometry/snapped_grid.hpp"
#include "io/summary_json.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "solver/coarse_grid_start.hpp"
#include "solver/run.hpp"
#include "validation/de_vahl_davis_cavity.hpp"
#include "validation/validation_support.hpp"

namespace rt {
namespace {

Model cavity(bool coarse_start) {
  const std::string solver =
      fmt::format("max_iterations = 5000\ntolerance = 1e-6\ncoarse_start = {}",
                  coarse_start ? "true" : "false");
  return parse_scenario(validation::de_vahl_davis_cavity(1e5, 128, solver), "cavity");
}

TEST(CoarseGridStart, MergesPairsOfTheRunsOwnCells) {
  Grid g;
  g.edges[0] = {0.0, 0.1, 0.3, 0.6, 1.0, 1.5};  // 5 cells, uneven: the last stays alone
  g.edges[1] = {0.0, 1.0, 2.0, 3.0, 4.0};       // 4 cells
  g.edges[2] = {0.0, 0.5};                      // 1 cell: stays
  const Grid c = merged_cell_pairs(g);
  EXPECT_EQ(c.edges[0], (std::vector<double>{0.0, 0.3, 1.0, 1.5}));
  EXPECT_EQ(c.edges[1], (std::vector<double>{0.0, 2.0, 4.0}));
  EXPECT_EQ(c.edges[2], (std::vector<double>{0.0, 0.5}));
}

TEST(CoarseGridStart, LevelsKeepSixteenCellsOnTheSmallestAxis) {
  EXPECT_EQ(coarse_start_levels(make_uniform_grid({1, 1, 1}, {128, 128, 1})), 2);
  EXPECT_EQ(coarse_start_levels(make_uniform_grid({1, 1, 1}, {64, 64, 64})), 2);
  EXPECT_EQ(coarse_start_levels(make_uniform_grid({1, 1, 1}, {64, 32, 100})), 1);
  EXPECT_EQ(coarse_start_levels(make_uniform_grid({1, 1, 1}, {40, 20, 10})), 0);
  EXPECT_EQ(coarse_start_levels(make_uniform_grid({1, 1, 1}, {64, 64, 1})), 0);   // < 10^4 cells
  EXPECT_EQ(coarse_start_levels(make_uniform_grid({1, 1, 1}, {31, 31, 31})), 1);  // 15 pairs + 1
  EXPECT_EQ(coarse_start_levels(make_uniform_grid({1, 1, 1}, {30, 30, 30})), 0);
}

// What `check` adds to the memory estimate: the largest coarse level, for
// the runs that have a coarse start.
TEST(CoarseGridStart, CheckCountsTheLargestCoarseLevel) {
  const Model with = cavity(true), without = cavity(false);
  const Grid grid = make_grid(with);
  EXPECT_EQ(coarse_start_cells(with, grid), 64u * 64u);
  EXPECT_EQ(coarse_start_cells(without, grid), 0u);
  Model settling = with;
  settling.solver.settle_K = 0.1;  // stops on settled temperatures: no coarse start
  EXPECT_EQ(coarse_start_cells(settling, grid), 0u);
}

TEST(CoarseGridStart, SameAnswerInFewerIterationsOnTheRunsGrid) {
  const Model with = cavity(true), without = cavity(false);
  const RunResult started = run_steady(with, RunOptions{});
  const RunResult from_rest = run_steady(without, RunOptions{});
  ASSERT_TRUE(started.summary.converged);
  ASSERT_TRUE(from_rest.summary.converged);
  EXPECT_FALSE(from_rest.summary.coarse_start.has_value());
  ASSERT_TRUE(started.summary.coarse_start.has_value());
  const CoarseStartSummary& c = *started.summary.coarse_start;
  EXPECT_TRUE(c.dropped.empty()) << c.dropped;
  ASSERT_EQ(c.cells.size(), 2u);
  EXPECT_EQ(c.cells[0], (std::array<int, 3>{32, 32, 1}));
  EXPECT_EQ(c.cells[1], (std::array<int, 3>{64, 64, 1}));
  ASSERT_EQ(c.iterations.size(), 2u);
  EXPECT_EQ(c.converged, (std::vector<bool>{true, true}));
  EXPECT_GT(c.iterations[0], 0);
  EXPECT_GT(c.iterations[1], 0);
  EXPECT_GT(c.wall_time_s, 0.0);
  EXPECT_GE(started.summary.wall_time_s, c.wall_time_s);
  std::cout << fmt::format(
      "from rest: {} iterations, {:.2f} s; coarse start: {} + {} coarse, then {} on 128^2, "
      "{:.2f} s in all\n",
      from_rest.summary.iterations, from_rest.summary.wall_time_s, c.iterations[0], c.iterations[1],
      started.summary.iterations, started.summary.wall_time_s);
  EXPECT_LT(started.summary.iterations, from_rest.summary.iterations);
  // Started near its answer, the run's grid relaxes velocity by 0.9
  // (SimplecSettings::relax_velocity_near_answer): 85 iterations measured
  // here, 138 with the 0.8 of a run from rest.
  EXPECT_LT(started.summary.iterations, 110);
  EXPECT_EQ(started.grid.edges, from_rest.grid.edges);  // the results are the run's grid's
  // The same steady state: the hot wall's heat to 1e-5 of itself.
  const double q = from_rest.summary.boundaries[0].heat_out_W;
  EXPECT_NEAR(started.summary.boundaries[0].heat_out_W, q, 1e-5 * std::fabs(q));
  // ... and de Vahl Davis's Nusselt number within issue 2's 1 % (the hot
  // wall's heat per unit depth, the cavity being nondimensional).
  const auto ref = validation::read_reference_table("de_vahl_davis_1983.csv");
  std::size_t row = 0;
  while (row < ref.at("Ra").size() && std::fabs(ref.at("Ra")[row] / 1e5 - 1.0) > 1e-9) ++row;
  ASSERT_LT(row, ref.at("Ra").size());
  const double nu = -started.summary.boundaries[0].heat_out_W / with.size_m[2];
  const double nu_ref = ref.at("Nu_hot_wall")[row];
  std::cout << fmt::format(
      "Nu hot wall after the coarse start {:.4f}, reference {:.3f} ({:+.2f} %)\n", nu, nu_ref,
      100.0 * (nu / nu_ref - 1.0));
  EXPECT_NEAR(nu, nu_ref, 0.01 * nu_ref);

  // What summary.json keeps of it.
  const Summary back = summary_from_json(summary_to_json(started.summary));
  ASSERT_TRUE(back.coarse_start.has_value());
  EXPECT_EQ(back.coarse_start->cells, c.cells);
  EXPECT_EQ(back.coarse_start->iterations, c.iterations);
  EXPECT_EQ(back.coarse_start->converged, c.converged);
}

// Only a converged level is handed on: with 5 iterations allowed no coarse
// level converges, and the run is the run from rest, to the bit.
TEST(CoarseGridStart, NoConvergedLevelStartsFromRest) {
  Model with = cavity(true), without = cavity(false);
  with.solver.max_iterations = without.solver.max_iterations = 5;
  const RunResult started = run_steady(with, RunOptions{});
  const RunResult from_rest = run_steady(without, RunOptions{});
  ASSERT_TRUE(started.summary.coarse_start.has_value());
  const CoarseStartSummary& c = *started.summary.coarse_start;
  EXPECT_EQ(c.iterations, (std::vector<int>{5, 5}));
  EXPECT_EQ(c.converged, (std::vector<bool>{false, false}));
  EXPECT_FALSE(c.dropped.empty());
  EXPECT_EQ(started.fields.T_C, from_rest.fields.T_C);
  EXPECT_EQ(started.fields.U_m_s, from_rest.fields.U_m_s);
}

TEST(CoarseGridStart, InterruptedDuringTheStartCheckpointsTheRunsGrid) {
  const Model with = cavity(true);
  const Grid grid = make_grid(with);
  std::atomic<bool> stop{false};
  std::optional<SolverCheckpoint> kept;
  RunOptions o;
  o.stop_requested = &stop;
  o.on_checkpoint = [&](const SolverCheckpoint& c) { kept = c; };
  bool heard_coarse = false;
  o.on_progress = [&](const Progress& p) {
    if (p.stage == "coarse" && p.iteration == 10) {
      heard_coarse = true;
      stop = true;
    }
  };
  const RunResult interrupted = run_steady(with, o);
  EXPECT_TRUE(heard_coarse);
  ASSERT_EQ(interrupted.summary.stop_reason, "interrupted");
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->T.size(), grid.total_cells());

  RunOptions again;
  again.resume = &*kept;
  const RunResult resumed = run_steady(with, again);
  ASSERT_TRUE(resumed.summary.converged);
  EXPECT_FALSE(resumed.summary.coarse_start.has_value());  // a resume starts from its checkpoint
  const RunResult from_rest = run_steady(cavity(false), RunOptions{});
  const double q = from_rest.summary.boundaries[0].heat_out_W;
  EXPECT_NEAR(resumed.summary.boundaries[0].heat_out_W, q, 1e-5 * std::fabs(q));
}

}  // namespace
}  // namespace rt
