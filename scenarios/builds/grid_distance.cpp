#include "scenarios/builds/grid_distance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "scenarios/builds/build_scenario.hpp"

namespace rt {
namespace {

// docs/grid-study.md, re-measured 2026-12-06 with the GP-12 stock fans and
// the settle test that holds throttled powers (build/tests/test_grid_study
// from 68dd4d5, each grid started from the coarser one's answer):
// examples/builds/pair-adjacent.toml, two open-air cards 2.64 mm apart,
// both held at their throttle point, so the answer is their power. The
// upper card's sustained power on each grid against the finer grid
// (1.77 M cells) and against the Richardson-extrapolated value.
struct StudiedGrid {
  const char* name;
  double growth;
  double upper_card_vs_finer_pct;         // (grid - finer) / finer
  double upper_card_vs_extrapolated_pct;  // (grid - extrapolated) / extrapolated
};
constexpr double kStudiedMaxCell_m = 0.010;
constexpr int kStudiedCellsPerGap = 3;
constexpr double kStudiedGap_m = 0.00264;
constexpr double kStudiedFinerGci_pct = 1.55;
constexpr StudiedGrid kStudiedGrids[] = {
    {"default", 1.3, 100.0 * (110.74 - 123.01) / 123.01, 100.0 * (110.74 - 124.54) / 124.54},
    {"preview", 2.0, 100.0 * (110.18 - 123.01) / 123.01, 100.0 * (110.18 - 124.54) / 124.54},
};
// The same default grid from rest (settle test off) let the upper card's
// power wander between 114.3 and 115.9 W over 2,600 iterations, where the
// chained study's settled 110.74 W: the starved card's answer depends on
// where the run starts (docs/build-scenarios.md, "Throttled cards: their
// power holds too"). Measured on the default grid only.
constexpr double kStudiedDefaultFromSettledPreview_W = 110.74;
constexpr double kStudiedDefaultFromRestHighest_W = 115.9;
// Stacked: the next card closer than about one slot pitch to a card's fans.
constexpr double kStackedGap_m = 0.020;

// docs/grid-study.md, "A second build", measured 2026-12-06
// (build/tests/test_grid_study from 71bb7ff, each grid started from the
// coarser one's answer): examples/builds/pair-blower-adjacent.toml, two
// blower cards 0.64 mm apart, neither throttled. Each card's die on the
// preview and default grids and its Richardson-extrapolated value (from
// those and the 2.8 M-cell finer grid); the CPU die's changes stayed inside
// the settle band (0.07 K from the default to the finer grid).
struct BlowerPairDie {
  double preview_C, default_C, extrapolated_C;
};
constexpr double kBlowerPairGap_m = 0.00064;
constexpr BlowerPairDie kBlowerPairDies[] = {{83.47, 83.31, 83.35}, {80.72, 80.86, 81.01}};
constexpr double kBlowerPairCpuVsFiner_K = 0.07;

// A studied build's figure on the studied grid of this growth: the
// preview's (growth 2) or the default's (growth 1.3).
double on_studied_grid(double growth, double preview, double default_grid) {
  return growth > 1.5 ? preview : default_grid;
}

// docs/grid-study.md, "A third build", measured 2026-12-06
// (build/tests/test_grid_study from c334848, each grid started from the
// coarser one's answer): examples/builds/pair-spaced.toml, the open-air
// pair with a free slot between (23 mm), both cards held at their throttle
// point. Each card's sustained power on the three grids (the finer one
// 1.94 M cells) and its Richardson-extrapolated value; the observed order
// of the upper card was low (0.65), its GCI 4.9 %. The CPU die's changes
// stayed inside the settle band.
struct SpacedPairCard {
  double preview_W, default_W, finer_W, extrapolated_W;
};
constexpr SpacedPairCard kSpacedPairCards[] = {{203.36, 200.61, 197.09, 189.30},
                                               {218.34, 217.42, 212.92, 209.61}};
constexpr double kSpacedPairFinerGci_pct = 4.94;
constexpr double kSpacedPairLowestOrder = 0.65;
constexpr double kSpacedPairCpuPreview_C = 47.19, kSpacedPairCpuDefault_C = 47.26,
                 kSpacedPairCpuFiner_C = 47.28;

// The farthest of the spaced pair's card powers from the finer grid's or
// the extrapolated value on the studied grid of this growth, in per cent.
double spaced_pair_distance_pct(double growth, bool from_extrapolated) {
  double worst = 0;
  for (const SpacedPairCard& c : kSpacedPairCards) {
    const double reference = from_extrapolated ? c.extrapolated_W : c.finer_W;
    worst = std::max(
        worst, 100.0 * std::abs(on_studied_grid(growth, c.preview_W, c.default_W) - reference) /
                   reference);
  }
  return worst;
}

double spaced_pair_cpu_vs_finer_K(double growth) {
  return std::abs(on_studied_grid(growth, kSpacedPairCpuPreview_C, kSpacedPairCpuDefault_C) -
                  kSpacedPairCpuFiner_C);
}

// The farthest of the blower pair's dies from its extrapolated value on the
// studied grid of this growth.
double blower_pair_distance_K(double growth) {
  double worst = 0;
  for (const BlowerPairDie& d : kBlowerPairDies)
    worst = std::max(
        worst, std::abs(on_studied_grid(growth, d.preview_C, d.default_C) - d.extrapolated_C));
  return worst;
}

std::optional<StudiedGrid> studied_grid(const BuildMesh& mesh) {
  if (std::abs(mesh.max_cell_m - kStudiedMaxCell_m) > 1e-9 ||
      mesh.min_cells_per_gap != kStudiedCellsPerGap)
    return std::nullopt;
  for (const StudiedGrid& g : kStudiedGrids)
    if (std::abs(mesh.growth - g.growth) < 1e-9) return g;
  return std::nullopt;
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

// A stacked card on a [mesh] the study did not solve: nothing to claim.
std::string unstudied_mesh(const std::string& card, double gap_m) {
  return fmt::format(
      "{} sits {:.1f} mm above the next card; this [mesh] was not part of the grid study "
      "(docs/grid-study.md: max cell 10 mm, {} cells per gap, growth 1.3 or 2): its distance "
      "from the grid-independent answer is not known",
      card, gap_m * 1e3, kStudiedCellsPerGap);
}

}  // namespace

std::string grid_distance_statement(const BuildScenario& b) {
  std::string upper;
  const double gap = narrowest_stacked_gap_m(b, false, &upper);
  const std::optional<StudiedGrid> grid = studied_grid(b.mesh);
  if (gap == 0) {
    std::string blower;
    const double blower_gap = narrowest_stacked_gap_m(b, true, &blower);
    if (blower_gap == 0) {
      if (!grid)
        return fmt::format(
            "no card sits within 20 mm above another card; this [mesh] was not part of the "
            "grid study (docs/grid-study.md: max cell 10 mm, {} cells per gap, growth 1.3 or "
            "2): its distance from the grid-independent answer is not known",
            kStudiedCellsPerGap);
      return fmt::format(
          "no card sits within 20 mm above another card: on the {} grid the grid study's "
          "spaced pair (docs/grid-study.md, two open-air cards 23 mm apart, both held at their "
          "throttle point) found the cards' sustained powers up to {:.1f} % above the finer "
          "grid's and {:.1f} % above the extrapolated grid-independent value (their throttling "
          "understated; a low observed order, {:.2f}, makes the extrapolation uncertain: GCI of "
          "the finer grid {:.1f} %) and the CPU die within {:.2f} K of the finer grid: the "
          "pair's upper card misses 5 % of the extrapolated value; other builds without a "
          "stacked card were not studied",
          grid->name, spaced_pair_distance_pct(grid->growth, false),
          spaced_pair_distance_pct(grid->growth, true), kSpacedPairLowestOrder,
          kSpacedPairFinerGci_pct, spaced_pair_cpu_vs_finer_K(grid->growth));
    }
    if (!grid) return unstudied_mesh(blower + " (a blower)", blower_gap);
    return fmt::format(
        "{} (a blower) sits {:.1f} mm above the next card: on the {} grid the grid study's "
        "blower pair (docs/grid-study.md, {:.2f} mm apart, neither card throttled) found both "
        "cards' dies within {:.2f} K of the extrapolated grid-independent value and the CPU die "
        "within {:.2f} K of the finer grid (that build met 1 K on this grid; a blower stack of "
        "other cards or another case was not studied)",
        blower, blower_gap * 1e3, grid->name, kBlowerPairGap_m * 1e3,
        blower_pair_distance_K(grid->growth), kBlowerPairCpuVsFiner_K);
  }
  if (!grid) return unstudied_mesh(upper, gap);
  std::string start_dependence;
  if (std::string(grid->name) == "default")
    start_dependence = fmt::format(
        "; on this grid that power also depends on where the run starts, by up to {:.0f} % "
        "({:.1f} W from a settled preview, up to {:.1f} W from rest)",
        100.0 * (kStudiedDefaultFromRestHighest_W - kStudiedDefaultFromSettledPreview_W) /
            kStudiedDefaultFromSettledPreview_W,
        kStudiedDefaultFromSettledPreview_W, kStudiedDefaultFromRestHighest_W);
  return fmt::format(
      "{} sits {:.1f} mm above the next card: on the {} grid the grid study "
      "(docs/grid-study.md, a stacked pair {:.2f} mm apart) found such a starved card's "
      "sustained power {:+.0f} % from the finer grid and {:+.0f} % from the extrapolated value "
      "(GCI of the finer grid {:.1f} %), the card below it within 4 %, the slot-order verdict "
      "the same on every grid: not within 1 K / 5 % (the finer grid: [mesh] max_cell_mm = 7, "
      "min_cells_per_gap = 4, growth = 1.15, about 4.7 times the cells){}",
      upper, gap * 1e3, grid->name, kStudiedGap_m * 1e3, grid->upper_card_vs_finer_pct,
      grid->upper_card_vs_extrapolated_pct, kStudiedFinerGci_pct, start_dependence);
}

}  // namespace rt
