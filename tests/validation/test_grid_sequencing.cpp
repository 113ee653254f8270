// Grid sequencing (solver/grid_sequencing.hpp): a steady run that starts on
// a coarse preview grid and finishes on its own grid reaches the same
// answer as a run on its own grid alone, in fewer iterations there; what a
// checkpoint keeps of the preview stage is a full-grid state that --resume
// continues from to the same answer.
//
// The case: the ventilated box of the energy-balance test
// (validation/ventilated_box.hpp) on a snapped grid of 4 mm cells at most,
// growth 1.2; its preview of 8 mm cells at most, growth 2.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <optional>
#include <string>

#include "geometry/snapped_grid.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "solver/grid_sequencing.hpp"
#include "solver/run.hpp"
#include "validation/ventilated_box.hpp"

namespace rt {
namespace {

// The box on a snapped grid instead of its uniform cells.
std::string snapped_box() {
  std::string text = kVentilatedBox;
  const std::string uniform = "cells = [40, 20, 10]";
  text.replace(text.find(uniform), uniform.size(),
               "max_cell_m = 0.004\nmin_cells_per_gap = 3\ngrowth = 1.2");
  return text;
}

Model box(bool sequenced) {
  Model m = parse_scenario(snapped_box(), "ventilated box");
  if (sequenced) m.preview_grid = SnappedGridSpec{0.008, 3, 2.0};
  return m;
}

void expect_same_answer(const Summary& a, const Summary& b) {
  ASSERT_EQ(a.components.size(), b.components.size());
  for (std::size_t c = 0; c < a.components.size(); ++c) {
    EXPECT_NEAR(a.components[c].T_max_C, b.components[c].T_max_C, 0.01) << a.components[c].name;
    EXPECT_NEAR(a.components[c].T_mean_C, b.components[c].T_mean_C, 0.01) << a.components[c].name;
  }
  EXPECT_NEAR(a.out_W, b.out_W, 0.005 * a.sources_W);
}

TEST(GridSequencing, SameAnswerInFewerIterationsOnTheFullGrid) {
  const Model one = box(false), seq = box(true);
  const RunResult direct = run_steady(one, RunOptions{});
  const RunResult sequenced = run_steady(seq, RunOptions{});
  ASSERT_TRUE(direct.summary.converged);
  ASSERT_TRUE(sequenced.summary.converged);
  ASSERT_TRUE(sequenced.summary.preview.has_value());
  const PreviewStageSummary& p = *sequenced.summary.preview;
  const Grid preview_grid = make_grid(preview_stage_model(seq));
  std::cout << fmt::format(
      "one grid ({} cells): {} iterations, {:.2f} s; sequenced: preview ({} cells) {} "
      "iterations ({}), then {} on the full grid, {:.2f} s in all\n",
      direct.grid.total_cells(), direct.summary.iterations, direct.summary.wall_time_s,
      preview_grid.total_cells(), p.iterations, p.stop_reason, sequenced.summary.iterations,
      sequenced.summary.wall_time_s);
  EXPECT_LT(preview_grid.total_cells(), direct.grid.total_cells());
  EXPECT_EQ(sequenced.grid.edges, direct.grid.edges);  // the results are the full grid's
  EXPECT_GT(p.iterations, 0);
  EXPECT_LT(sequenced.summary.iterations, direct.summary.iterations);
  expect_same_answer(direct.summary, sequenced.summary);
}

TEST(GridSequencing, PreviewCheckpointResumesOnTheFullGrid) {
  const Model seq = box(true);
  const Grid grid = make_grid(seq);
  std::atomic<bool> stop{false};
  std::optional<SolverCheckpoint> kept;
  RunOptions o;
  o.stop_requested = &stop;
  o.on_checkpoint = [&](const SolverCheckpoint& c) { kept = c; };
  o.on_progress = [&](const Progress& p) {
    if (p.stage == "preview" && p.iteration == 20) stop = true;
  };
  const RunResult interrupted = run_steady(seq, o);
  ASSERT_EQ(interrupted.summary.stop_reason, "interrupted");
  ASSERT_TRUE(interrupted.summary.preview.has_value());
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->iteration, 0);
  EXPECT_EQ(kept->T.size(), grid.total_cells());
  EXPECT_EQ(kept->vel[0].size(), static_cast<std::size_t>(grid.nx() + 1) * grid.ny() * grid.nz());

  RunOptions again;
  again.resume = &*kept;
  const RunResult resumed = run_steady(seq, again);
  ASSERT_TRUE(resumed.summary.converged);
  EXPECT_FALSE(resumed.summary.preview.has_value());  // a resume skips the preview
  const RunResult direct = run_steady(box(false), RunOptions{});
  expect_same_answer(direct.summary, resumed.summary);
}

}  // namespace
}  // namespace rt
