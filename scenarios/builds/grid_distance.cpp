#include "scenarios/builds/grid_distance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace rt {
namespace {

enum Level { kPreview, kDefault, kFiner };

// A studied build's answer for one part on the study's three grids, and
// the Richardson-extrapolated grid-independent value.
struct Studied {
  double on[3];  // preview, default, finer
  double extrapolated;
};

double percent_from(double value, double reference) {
  return 100.0 * (value - reference) / reference;
}

// "-10 % from the finer grid and -11 % from the extrapolated value"; on
// the finer grid itself only the second half has anything to say.
std::string power_distance(Level level, const Studied& s, int decimals) {
  const std::string ext = fmt::format("{:+.{}f} % from the extrapolated value",
                                      percent_from(s.on[level], s.extrapolated), decimals);
  if (level == kFiner) return ext;
  return fmt::format("{:+.{}f} % from the finer grid and {}",
                     percent_from(s.on[level], s.on[kFiner]), decimals, ext);
}

// "-0.32 K from the finer grid and -1.35 K from the extrapolated value",
// the first half left out on the finer grid itself.
std::string die_distance(Level level, const Studied& s) {
  const std::string ext =
      fmt::format("{:+.2f} K from the extrapolated value", s.on[level] - s.extrapolated);
  if (level == kFiner) return ext;
  return fmt::format("{:+.2f} K from the finer grid and {}", s.on[level] - s.on[kFiner], ext);
}

// ", the CPU die within 0.02 K of the finer grid", nothing on the finer grid.
std::string cpu_distance(Level level, const double (&cpu_C)[3]) {
  if (level == kFiner) return "";
  return fmt::format(", the CPU die within {:.2f} K of the finer grid",
                     std::abs(cpu_C[level] - cpu_C[kFiner]));
}

// docs/grid-study.md, re-measured 2026-12-06 with the GP-12 stock fans and
// the settle test that holds throttled powers (build/tests/test_grid_study
// from 68dd4d5, each grid started from the coarser one's answer):
// examples/builds/pair-adjacent.toml, two open-air cards 2.64 mm apart,
// both held at their throttle point, so the answer is their power.
constexpr double kStackedPairGap_m = 0.00264;
constexpr Studied kStackedPairUpper_W = {{110.18, 110.74, 123.01}, 124.54};
constexpr Studied kStackedPairLower_W = {{240.13, 240.65, 233.82}, 232.75};  // oscillatory
constexpr double kStackedPairFinerGci_pct = 1.55;
// The same default grid from rest (settle test off) let the upper card's
// power wander between 114.3 and 115.9 W over 2,600 iterations, where the
// chained study's settled 110.74 W: the starved card's answer depends on
// where the run starts (docs/build-scenarios.md, "Throttled cards: their
// power holds too"). Measured on the default grid only.
constexpr double kStackedPairDefaultFromRestHighest_W = 115.9;
// Stacked: the next card closer than about one slot pitch to a card's fans.
constexpr double kStackedGap_m = 0.020;

// docs/grid-study.md, "A second build", measured 2026-12-06
// (build/tests/test_grid_study from 71bb7ff, each grid started from the
// coarser one's answer): examples/builds/pair-blower-adjacent.toml, two
// blower cards 0.64 mm apart, neither throttled, so the answer is their
// dies. The CPU die's changes stayed inside the settle band.
constexpr double kBlowerPairGap_m = 0.00064;
constexpr Studied kBlowerPairDies_C[] = {{{83.47, 83.31, 83.35}, 83.35},
                                         {{80.72, 80.86, 80.97}, 81.01}};
constexpr double kBlowerPairCpu_C[3] = {42.89, 42.91, 42.98};

// docs/grid-study.md, "A third build", measured 2026-12-06
// (build/tests/test_grid_study from c334848, each grid started from the
// coarser one's answer): examples/builds/pair-spaced.toml, the open-air
// pair with a free slot between (23 mm), both cards held at their throttle
// point. The observed order of the upper card was low (0.65), its GCI
// 4.9 %. The CPU die's changes stayed inside the settle band.
constexpr Studied kSpacedPairCards_W[] = {{{203.36, 200.61, 197.09}, 189.30},
                                          {{218.34, 217.42, 212.92}, 209.61}};
constexpr double kSpacedPairFinerGci_pct = 4.94;
constexpr double kSpacedPairLowestOrder = 0.65;
constexpr double kSpacedPairCpu_C[3] = {47.19, 47.26, 47.28};

// docs/grid-study.md, "A fourth build", measured 2026-12-06
// (build/tests/test_grid_study from e62199a, each grid started from the
// coarser one's answer): examples/builds/single-1080ti.toml, one blower
// GTX 1080 Ti FE alone in a Meshify C, held at its throttle point on every
// grid (the finer one 1.89 M cells); observed order 2.49, monotonic. The
// CPU die's changes stayed inside the settle band.
constexpr Studied kSingleCard_W = {{218.52, 217.39, 210.73}, 208.19};
constexpr double kSingleCardFinerGci_pct = 1.50;
constexpr double kSingleCardCpu_C[3] = {43.43, 43.40, 43.38};

// docs/grid-study.md, "A fifth build", measured 2026-12-06
// (build/tests/test_grid_study from eaf09f0, each grid started
// from the coarser one's answer; the finer grid, 4.07 M cells, resumed from
// stored states): examples/builds/dual-titan-rtx.toml, two open-air Titan
// RTX 23 mm apart in a full tower. The upper card is held at its throttle
// point and its power oscillates across the grids (no order is observed:
// only distances between grids are quoted); the lower card runs at full
// power, so its die is the answer.
constexpr double kDualTitanUpper_W[3] = {232.45, 234.98, 231.97};
constexpr double kDualTitanLowerDie_C[3] = {81.54, 81.57, 82.46};

// docs/grid-study.md, "A sixth build", measured 2026-12-06
// (build/tests/test_grid_study from c7b1c8e, each grid started from
// the coarser one's answer): examples/builds/passive-a100-tail-fan.toml, a
// passive A100 PCIe with a 120 mm fan ducted onto its tail in a Meshify C,
// held at its throttle point on every grid. Its power falls steadily but
// too slowly for an order (0.09): only distances between grids are quoted.
// The CPU die's changes stayed inside the settle band.
constexpr double kPassiveCard_W[3] = {115.12, 114.07, 112.77};
constexpr double kPassiveCardCpu_C[3] = {42.65, 42.67, 42.70};

// docs/grid-study.md, "A seventh build", measured 2026-12-06
// (build/tests/test_grid_study from 2e34bd9, each grid
// started from the coarser one's answer): examples/real-world/rtx-4090-fe-in-a-case.toml,
// one flow-through RTX 4090 FE at its 450 W limit in a Meshify C, not
// throttled, so its die is the answer; monotonic with a low observed order
// (0.44).
constexpr Studied kSingleOpenAirDie_C = {{73.49, 73.72, 74.04}, 75.07};
constexpr double kSingleOpenAirOrder = 0.44;
constexpr double kSingleOpenAirFinerGci_pct = 1.74;
constexpr double kSingleOpenAirCpu_C[3] = {50.68, 50.50, 50.32};

std::optional<Level> studied_level(const BuildMesh& mesh) {
  for (int i = 0; i < 3; ++i) {
    const GridStudyLevel& g = kGridStudyLevels[i];
    if (std::abs(mesh.max_cell_m - g.max_cell_m) < 1e-9 &&
        mesh.min_cells_per_gap == g.cells_per_gap && std::abs(mesh.growth - g.growth) < 1e-9)
      return static_cast<Level>(i);
  }
  return std::nullopt;
}

// Where a power this far off stands against the 5 % the study asks,
// judged on the figure as printed: a reader shown "+5.0 %" is not told
// "within".
const char* against_five_percent(double percent_off, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double shown = std::round(std::abs(percent_off) * scale) / scale;
  return shown < 5.0 ? "within" : shown == 5.0 ? "at" : "beyond";
}

// The narrowest gap below a card of this cooler style (an open-air card's
// fans, or a blower's intake) to the next card, 0 when none.
double narrowest_stacked_gap_m(const BuildScenario& b, bool blowers, std::string* upper) {
  double best = 0;
  for (std::size_t i = 0; i + 1 < b.gpus.size(); ++i) {
    const BuildGpu& g = b.gpus[i];
    const BuildGpu& next = b.gpus[i + 1];
    if (g.model.cooler == CoolerStyle::passive) continue;
    if ((g.model.cooler == CoolerStyle::blower) != blowers) continue;
    if (g.below.rfind(next.model.info.id + " in slot ", 0) != 0) continue;
    if (g.gap_below_m >= kStackedGap_m) continue;
    if (best == 0 || g.gap_below_m < best) {
      best = g.gap_below_m;
      *upper = fmt::format("{} in slot {}", g.model.info.id, g.slot);
    }
  }
  return best;
}

// What the build is, for a [mesh] the study did not solve.
std::string unstudied_mesh(const std::string& what) {
  return fmt::format(
      "{}; this [mesh] was not part of the grid study (docs/grid-study.md: max cell 10 mm, {} "
      "cells per gap, growth 2 or 1.3; or 7 mm, 4 per gap, growth 1.15): its distance from the "
      "grid-independent answer is not known",
      what, kBuildDefaultCellsPerGap);
}

std::string stacked_open_air(const std::string& card, double gap_m, Level level) {
  const double off = percent_from(kStackedPairUpper_W.on[level], kStackedPairUpper_W.extrapolated);
  const bool within = std::string(against_five_percent(off, 0)) == "within";
  const double lower_off =
      std::abs(percent_from(kStackedPairLower_W.on[level], kStackedPairLower_W.extrapolated));
  std::string start_dependence;
  if (level == kDefault)
    start_dependence = fmt::format(
        "; on this grid that power also depends on where the run starts, by up to {:.0f} % "
        "({:.1f} W from a settled preview, up to {:.1f} W from rest)",
        percent_from(kStackedPairDefaultFromRestHighest_W, kStackedPairUpper_W.on[kDefault]),
        kStackedPairUpper_W.on[kDefault], kStackedPairDefaultFromRestHighest_W);
  const std::string finer_advice =
      level == kFiner ? ""
                      : " (the finer grid: [mesh] max_cell_mm = 7, min_cells_per_gap = 4, "
                        "growth = 1.15, about 4.7 times the cells)";
  return fmt::format(
      "{} sits {:.1f} mm above the next card: on the {} grid the grid study "
      "(docs/grid-study.md, a stacked pair {:.2f} mm apart) found such a starved card's "
      "sustained power {} (GCI of the finer grid {:.1f} %), the card below it within {:.0f} %, "
      "the slot-order verdict the same on every grid: {} 1 K / 5 %{}{}",
      card, gap_m * 1e3, kGridStudyLevels[level].name, kStackedPairGap_m * 1e3,
      power_distance(level, kStackedPairUpper_W, 0), kStackedPairFinerGci_pct, std::ceil(lower_off),
      within ? "within" : "not within", within ? "" : finer_advice, start_dependence);
}

std::string stacked_blower(const std::string& card, double gap_m, Level level) {
  double worst = 0;
  for (const Studied& d : kBlowerPairDies_C)
    worst = std::max(worst, std::abs(d.on[level] - d.extrapolated));
  return fmt::format(
      "{} (a blower) sits {:.1f} mm above the next card: on the {} grid the grid study's "
      "blower pair (docs/grid-study.md, {:.2f} mm apart, neither card throttled) found both "
      "cards' dies within {:.2f} K of the extrapolated grid-independent value{} (that build "
      "{} 1 K on this grid; a blower stack of other cards or another case was not studied)",
      card, gap_m * 1e3, kGridStudyLevels[level].name, kBlowerPairGap_m * 1e3, worst,
      cpu_distance(level, kBlowerPairCpu_C), worst < 1.0 ? "met" : "missed");
}

// How far a part's answers on the three grids lie apart, in their unit.
double spread_of(const double (&on)[3]) {
  return *std::max_element(std::begin(on), std::end(on)) -
         *std::min_element(std::begin(on), std::end(on));
}

// A passive card's power by distance from the finer grid: its changes give
// Richardson nothing to go on.
std::string one_passive_card(Level level) {
  const double spread = 100.0 * spread_of(kPassiveCard_W) / kPassiveCard_W[kFiner];
  const std::string distance =
      level == kFiner ? fmt::format("moved by {:.1f} % across the three grids", spread)
                      : fmt::format("{:+.1f} % from the finer grid",
                                    percent_from(kPassiveCard_W[level], kPassiveCard_W[kFiner]));
  return fmt::format(
      "one passive card, no other near it: on the {} grid the grid study's passive card "
      "(docs/grid-study.md, an A100 PCIe with a fan ducted onto its tail in a mid tower, held at "
      "its throttle point) found its sustained power {} (falling as the grid is refined, too "
      "slowly for an observed order: no extrapolated value){}; a passive card cooled otherwise "
      "was not studied",
      kGridStudyLevels[level].name, distance, cpu_distance(level, kPassiveCardCpu_C));
}

std::string one_open_air_card(Level level) {
  const double off = kSingleOpenAirDie_C.on[level] - kSingleOpenAirDie_C.extrapolated;
  return fmt::format(
      "one card with fans on its face, no other near it: on the {} grid the grid study's "
      "single such card (docs/grid-study.md, a flow-through RTX 4090 FE at its 450 W limit alone "
      "in a mid tower, not throttled) found its die {} (a low observed order, {:.2f}, makes the "
      "extrapolation uncertain: GCI of the finer grid {:.1f} %){}: that build is {} 1 K; an "
      "open-air card alone was not studied separately",
      kGridStudyLevels[level].name, die_distance(level, kSingleOpenAirDie_C), kSingleOpenAirOrder,
      kSingleOpenAirFinerGci_pct, cpu_distance(level, kSingleOpenAirCpu_C),
      std::abs(off) < 1.0 ? "within" : "beyond");
}

std::string one_blower_card(Level level) {
  const double off = percent_from(kSingleCard_W.on[level], kSingleCard_W.extrapolated);
  return fmt::format(
      "one card, no other near it: on the {} grid the grid study's single card "
      "(docs/grid-study.md, a blower GTX 1080 Ti FE alone in a mid tower, held at its throttle "
      "point) found its sustained power {} (GCI of the finer grid {:.1f} %){}: that build is {} "
      "5 %",
      kGridStudyLevels[level].name, power_distance(level, kSingleCard_W, 1),
      kSingleCardFinerGci_pct, cpu_distance(level, kSingleCardCpu_C), against_five_percent(off, 1));
}

// The second studied build with spaced cards, by distance from its finer
// grid: its upper card's oscillating powers give Richardson nothing to go on.
std::string second_spaced_build(Level level) {
  const std::string what =
      "a second build with spaced cards (two open-air Titan RTX in a full tower, also 23 mm "
      "apart)";
  const double spread = 100.0 * spread_of(kDualTitanUpper_W) / kDualTitanUpper_W[kFiner];
  const std::string no_extrapolation = fmt::format(
      "its upper card's power oscillates across the grids, within {:.1f} %: no extrapolated value",
      spread);
  if (level == kFiner)
    return fmt::format(
        "{} moved across the three grids by up to {:.1f} % on its upper card's power and {:.2f} K "
        "on its lower card's die ({})",
        what, spread, spread_of(kDualTitanLowerDie_C), no_extrapolation);
  return fmt::format(
      "{} was on the {} grid {:+.1f} % from the finer grid on its upper card's power and "
      "{:+.2f} K on its lower card's die ({})",
      what, kGridStudyLevels[level].name,
      percent_from(kDualTitanUpper_W[level], kDualTitanUpper_W[kFiner]),
      kDualTitanLowerDie_C[level] - kDualTitanLowerDie_C[kFiner], no_extrapolation);
}

std::string spaced_cards(Level level) {
  double vs_finer = 0, vs_extrapolated = 0;
  for (const Studied& c : kSpacedPairCards_W) {
    vs_finer = std::max(vs_finer, percent_from(c.on[level], c.on[kFiner]));
    vs_extrapolated = std::max(vs_extrapolated, percent_from(c.on[level], c.extrapolated));
  }
  const double upper_off =
      percent_from(kSpacedPairCards_W[0].on[level], kSpacedPairCards_W[0].extrapolated);
  const std::string distance =
      level == kFiner
          ? fmt::format("up to {:.1f} % above the extrapolated", vs_extrapolated)
          : fmt::format("up to {:.1f} % above the finer grid's and {:.1f} % above the extrapolated",
                        vs_finer, vs_extrapolated);
  return fmt::format(
      "no card sits within 20 mm above another card: on the {} grid the grid study's spaced "
      "pair (docs/grid-study.md, two open-air cards 23 mm apart, both held at their throttle "
      "point) found the cards' sustained powers {} grid-independent value (their throttling "
      "understated; a low observed order, {:.2f}, "
      "makes the extrapolation uncertain: GCI of the finer grid {:.1f} %){}: the pair's upper "
      "card is {} 5 % of the extrapolated value; {}; other builds with spaced cards were not "
      "studied",
      kGridStudyLevels[level].name, distance, kSpacedPairLowestOrder, kSpacedPairFinerGci_pct,
      cpu_distance(level, kSpacedPairCpu_C), against_five_percent(upper_off, 1),
      second_spaced_build(level));
}

}  // namespace

std::string grid_distance_statement(const BuildScenario& b) {
  const std::optional<Level> level = studied_level(b.mesh);
  std::string upper;
  if (const double gap = narrowest_stacked_gap_m(b, false, &upper); gap > 0)
    return level ? stacked_open_air(upper, gap, *level)
                 : unstudied_mesh(
                       fmt::format("{} sits {:.1f} mm above the next card", upper, gap * 1e3));
  if (const double gap = narrowest_stacked_gap_m(b, true, &upper); gap > 0)
    return level ? stacked_blower(upper, gap, *level)
                 : unstudied_mesh(fmt::format("{} (a blower) sits {:.1f} mm above the next card",
                                              upper, gap * 1e3));
  if (b.gpus.empty())
    return "no graphics card in the build: the grid study (docs/grid-study.md) solved builds "
           "with cards only; this build's distance from the grid-independent answer is not "
           "known";
  if (!level) return unstudied_mesh("no card sits within 20 mm above another card");
  if (b.gpus.size() > 1) return spaced_cards(*level);
  switch (b.gpus[0].model.cooler) {
    case CoolerStyle::passive:
      return one_passive_card(*level);
    case CoolerStyle::blower:
      return one_blower_card(*level);
    default:
      return one_open_air_card(*level);
  }
}

}  // namespace rt
