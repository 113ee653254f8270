// Issue 18's grid study: an example build solved on three grids (the
// preview, the default [mesh], and a finer one), each die's temperature
// (and, for a card held at its throttle point, its sustained power, the
// quantity that then carries the answer) extrapolated by Richardson and
// judged by the GCI (solver/grid_convergence_index.hpp, Celik et al. 2008).
// The question a user asks of the default grid: is its answer within 1 K
// (or, throttled, within 5 % of the power) of the grid-independent one?
// Figures: docs/grid-study.md.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "io/checkpoint_h5.hpp"
#include "long/example_build.hpp"
#include "scenarios/builds/grid_distance.hpp"
#include "solver/checkpoint.hpp"
#include "solver/grid_convergence_index.hpp"

namespace rt {
namespace {

// The study's grids are kGridStudyLevels (scenarios/builds/grid_distance.hpp,
// where the statement a build is told knows their figures): the preview
// and default as a user runs them, and a finer one that refines every knob
// of the default (about 1.3 times finer in h on these builds). Solved
// coarse to fine, each grid's dies printed as soon as it is solved: the
// finer grid takes hours on one core (2.8 M cells for the blower pair), and
// an interrupted study should still leave the coarse grids' answers. Each
// grid after the first starts from the coarser grid's answer (what grid
// sequencing does for a user's run) but stops on the builds' own settle
// test, not the looser one sequencing allows its full stage: from rest the
// finer grid spent most of its iterations moving the case-wide flow that
// the default grid had already found.

struct LevelAnswer {
  double h_m = 0;
  Summary summary;
  Grid grid;
  SolverCheckpoint state;  // the answer's fields, to start the next grid from
};

// An interrupted study goes on where it stopped: a finer grid takes hours
// on one core, more than a working session. With RT_GRID_STUDY_DIR set,
// each grid's state is written there while it is solved, every 10 minutes
// or every RT_GRID_STUDY_CHECKPOINT_S seconds (NAME.LEVEL.partial.h5), and
// its answer when it is done (NAME.LEVEL.h5 and NAME.LEVEL.answer.txt); a grid already done is read
// back, a partial one resumed (the run then repeats the uninterrupted one's iterations).
std::string study_dir() {
  const char* d = std::getenv("RT_GRID_STUDY_DIR");
  return d ? d : "";
}

// The answer's dies and how it stopped, as the study reads them back.
void write_answer(const std::string& path, const Summary& s) {
  std::ofstream out(path);
  out << fmt::format("{} {} {:.17g}\n", s.iterations, s.stop_reason, s.wall_time_s);
  for (const ComponentSummary& c : s.components)
    if (c.has_die)
      out << fmt::format("{} {:.17g} {:.17g} {:.17g} {}\n", c.name, c.T_die_C, c.power_W,
                         c.full_power_W, c.throttling ? 1 : 0);
}

Summary read_answer(const std::string& path) {
  std::ifstream in(path);
  Summary s;
  in >> s.iterations >> s.stop_reason >> s.wall_time_s;
  ComponentSummary c;
  int throttling = 0;
  while (in >> c.name >> c.T_die_C >> c.power_W >> c.full_power_W >> throttling) {
    c.has_die = true;
    c.throttling = throttling != 0;
    s.components.push_back(c);
  }
  return s;
}

LevelAnswer solve_on(const std::string& name, const std::string& folder,
                     const GridStudyLevel& level, const LevelAnswer* coarser) {
  BuildScenario build = read_example_build(name, folder);
  build.mesh.growth = level.growth;
  build.mesh.max_cell_m = level.max_cell_m;
  build.mesh.min_cells_per_gap = level.cells_per_gap;
  build.mesh.preview_start = false;
  Model model = lower_build(build);
  model.solver.max_iterations = kIterations;
  const Grid grid = make_grid(model);
  LevelAnswer a;
  a.grid = grid;
  const double volume = model.size_m[0] * model.size_m[1] * model.size_m[2];
  a.h_m = representative_cell_size(volume, static_cast<double>(grid.total_cells()));

  const std::string dir = study_dir();
  const std::string stem = dir.empty() ? "" : fmt::format("{}/{}.{}", dir, name, level.name);
  // Ties the stored states to this build's text, grid and start (the grid
  // itself is checked by read_checkpoint_h5); after a change to the solver
  // or the parts library, empty the folder.
  const std::string key =
      fmt::format("grid study {} {} from {}\n{}", name, level.name,
                  coarser ? "the coarser grid" : "rest", example_build_text(name, folder));
  std::string start = coarser ? "the coarser grid's answer" : "rest";
  if (!stem.empty() && std::filesystem::exists(stem + ".answer.txt")) {
    a.state = read_checkpoint_h5(stem + ".h5", grid, key);
    a.summary = read_answer(stem + ".answer.txt");
    start += ", read back from " + dir;
  } else {
    SteadySolver solver(model, grid, SimplecSettings{});
    RunOptions options;
    SolverCheckpoint partial;
    if (!stem.empty()) {
      if (std::filesystem::exists(stem + ".partial.h5")) {
        partial = read_checkpoint_h5(stem + ".partial.h5", grid, key);
        options.resume = &partial;
        start += fmt::format(", resumed at iteration {}", partial.iteration);
      }
      const char* every_s = std::getenv("RT_GRID_STUDY_CHECKPOINT_S");
      options.checkpoint_interval_s = every_s ? std::atof(every_s) : 600;
      options.on_checkpoint = [&](const SolverCheckpoint& c) {
        write_checkpoint_h5(stem + ".partial.h5", c, grid, name, key);
      };
    }
    if (coarser && !options.resume) solver.start_from(coarser->state, coarser->grid);
    a.summary = solver.solve(options);
    solver.capture(a.state);
    if (!stem.empty()) {
      write_checkpoint_h5(stem + ".h5", a.state, grid, name, key);
      write_answer(stem + ".answer.txt", a.summary);
      std::filesystem::remove(stem + ".partial.h5");
    }
  }
  std::cout << fmt::format(
      "{} on the {} grid: {} cells, h {:.2f} mm, {} iterations ({}) from {}, {:.0f} s\n", name,
      level.name, grid.total_cells(), a.h_m * 1e3, a.summary.iterations, a.summary.stop_reason,
      start, a.summary.wall_time_s);
  for (const ComponentSummary& c : a.summary.components)
    if (c.has_die)
      std::cout << fmt::format("  {}: die {:.2f} °C, {:.2f} of {:.0f} W{}\n", c.name, c.T_die_C,
                               c.power_W, c.full_power_W, c.throttling ? " (throttling)" : "");
  std::cout << std::flush;
  return a;
}

const ComponentSummary& die(const Summary& s, const std::string& name) {
  for (const ComponentSummary& c : s.components)
    if (c.name == name) return c;
  ADD_FAILURE() << "no " << name;
  static const ComponentSummary none;
  return none;
}

// examples/FOLDER/NAME.toml on the three grids.
void study(const std::string& name, const std::string& folder = "builds") {
  std::vector<LevelAnswer> answers;  // preview, default, finer as solved
  answers.reserve(std::size(kGridStudyLevels));
  for (const GridStudyLevel& level : kGridStudyLevels)
    answers.push_back(solve_on(name, folder, level, answers.empty() ? nullptr : &answers.back()));
  std::reverse(answers.begin(), answers.end());  // finer, default, preview
  for (const ComponentSummary& c : answers[0].summary.components) {
    if (!c.has_die) continue;
    std::vector<const ComponentSummary*> at;
    for (const LevelAnswer& a : answers) at.push_back(&die(a.summary, c.name));
    const bool throttled = at[0]->throttling || at[1]->throttling;
    auto value = [&](const ComponentSummary* s) { return throttled ? s->power_W : s->T_die_C; };
    const GridConvergence g =
        grid_convergence({answers[0].h_m, value(at[0])}, {answers[1].h_m, value(at[1])},
                         {answers[2].h_m, value(at[2])});
    // A die whose grid-to-grid changes all lie inside the settle band (the
    // iteration error a settled run carries, kBuildSettle_K) has nothing for
    // Richardson to separate from that error (Celik et al. ask for iteration
    // errors well below the discretisation errors): its "order" and
    // extrapolation are noise (the blower pair's CPU die: 42.89, 42.91,
    // 42.98 °C gave p = 0.07 and 44.27 °C), so the default is judged against
    // the finer grid instead.
    const bool within_settle_band = !throttled &&
                                    std::abs(value(at[0]) - value(at[1])) < kBuildSettle_K &&
                                    std::abs(value(at[1]) - value(at[2])) < kBuildSettle_K;
    const double reference = within_settle_band ? value(at[0]) : g.extrapolated;
    const double default_off = value(at[1]) - reference;
    std::cout << fmt::format(
        "  {} {}: finer {:.2f}, default {:.2f}, preview {:.2f} ({}); order {:.2f}, extrapolated "
        "{:.2f}, GCI(finer) {:.2f} %, default - {} {:+.2f} {}\n",
        c.name, throttled ? "power W" : "die °C", value(at[0]), value(at[1]), value(at[2]), g.kind,
        g.observed_order, g.extrapolated, 100.0 * g.gci_fine,
        within_settle_band ? "finer (every change within the settle band)" : "extrapolated",
        default_off, throttled ? "W" : "K");
    // Where the observed order is unreasonable (the changes oscillate, or it
    // lies far from the scheme's 2: a low one reaches past every grid's
    // answer, a high one comes of a coarse change inside the settle band),
    // Roache's fallback, the formal order with a factor of safety of 3, is
    // shown beside the procedure's value. The test still judges on the
    // procedure's value.
    if (!within_settle_band &&
        (g.kind == "oscillatory" || std::abs(g.observed_order - kSchemeFormalOrder) > 1.0)) {
      const GridConvergence formal =
          grid_convergence_at_order({answers[0].h_m, value(at[0])}, {answers[1].h_m, value(at[1])},
                                    kSchemeFormalOrder, kFormalOrderSafetyFactor);
      std::cout << fmt::format(
          "    at the formal order 2 (Roache, factor of safety 3): extrapolated {:.2f}, GCI(finer) "
          "{:.2f} %, default - that {:+.2f} {} ({:+.1f} %)\n",
          formal.extrapolated, 100.0 * formal.gci_fine, value(at[1]) - formal.extrapolated,
          throttled ? "W" : "K",
          100.0 * (value(at[1]) - formal.extrapolated) / formal.extrapolated);
    }
    if (throttled)
      EXPECT_LT(std::abs(default_off), 0.05 * g.extrapolated) << c.name;
    else
      EXPECT_LT(std::abs(default_off), 1.0) << c.name;
  }
}

TEST(GridStudy, PairAdjacentDefaultGridIsWithinOneKelvinOfTheExtrapolatedDies) {
  study("pair-adjacent");
}

// The second build: blowers breathe at their tail end, not through the gap,
// so this tells whether the stacked pair's 10 % belongs to the gap's flow.
TEST(GridStudy, PairBlowerAdjacentDefaultGridIsWithinOneKelvinOfTheExtrapolatedDies) {
  study("pair-blower-adjacent");
}

// The third: the same open-air cards with a free slot between (23 mm), the
// other half of the slot-order verdict; no card is starved, so this tells
// how far the default grid is for a build without a stacked card.
TEST(GridStudy, PairSpacedDefaultGridIsWithinOneKelvinOfTheExtrapolatedDies) {
  study("pair-spaced");
}

// The fourth: one blower card alone (the simplest deep-learning box), so
// that a build without a stacked card can quote a build of its own kind
// rather than the spaced open-air pair, whose cards still heat each other.
TEST(GridStudy, SingleBlowerDefaultGridIsWithinOneKelvinOfTheExtrapolatedDies) {
  study("single-1080ti");
}

// The fifth: the example dual Titan RTX build, two open-air cards with free
// slots between them in another case, to tell how far the spaced pair's
// figures carry to a build of the same kind (a 4.1 M-cell finer grid:
// hours on one core; run it with RT_GRID_STUDY_DIR set so that it can be
// continued). Measured 2026-12-06: it fails on the upper card, whose power
// oscillates across the grids within 1.3 % while the procedure's order
// (0.27) extrapolates 18 W below them (docs/grid-study.md, "A fifth build").
TEST(GridStudy, DualTitanDefaultGridIsWithinOneKelvinOfTheExtrapolatedDies) {
  study("dual-titan-rtx");
}

// The sixth: one passive data-centre card (an A100 PCIe) cooled by a fan
// on its tail, the kind a single passive card is: its air comes only from
// the case and the tail fan, through fins a coarse grid may resolve
// differently than a card's own fans do (a 3.2 M-cell finer grid: run it
// with RT_GRID_STUDY_DIR set so that it can be continued). Measured
// 2026-12-06: it fails, its power falling across the grids (2.1 %) too
// slowly for an order (0.09; docs/grid-study.md, "A sixth build").
TEST(GridStudy, PassiveTailFanDefaultGridIsWithinOneKelvinOfTheExtrapolatedDies) {
  study("passive-a100-tail-fan");
}

// The seventh: one open-air card alone, not throttled (an RTX 4090 FE at
// its 450 W limit in a Meshify C, the real-world row's build), so its die
// is the answer: the kind a single open-air card is (a 2.2 M-cell finer
// grid). Measured 2026-12-06: it fails, the die 0.55 K apart across the
// grids but the procedure's order 0.44 extrapolating 1.35 K above the
// default (docs/grid-study.md, "A seventh build").
TEST(GridStudy, SingleOpenAirDefaultGridIsWithinOneKelvinOfTheExtrapolatedDies) {
  study("rtx-4090-fe-in-a-case", "real-world");
}

}  // namespace
}  // namespace rt
