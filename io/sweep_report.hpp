#pragma once
// The morning report of a sweep (issue 7): the variants ranked, as
// ranking.csv and report.html. Pure functions over the variants' summaries
// (no solving, no files read), so the ranking is tested on synthetic
// summaries.
//
// Ranking criterion (docs/sweeps.md): the higher sustained GPU performance
// first (the lowest of the cards' sustained_performance_pct; within 0.5
// percentage points a tie); then the lowest hottest-GPU die temperature
// (ties within 0.05 °C); then the higher mean performance over the cards;
// then the lower total fan flow (the same temperatures with less air:
// quieter). Performance first because a throttling card's die is pinned at
// its throttle point: between two layouts whose cards all throttle, the
// dies differ by the throttle's settling (tenths of a kelvin) while the
// power they sustain differs by tens of watts. "GPU" is a
// component with a die model named gpuN...; a scenario without any is
// judged on its components with a die model, else on every component with
// power (their hottest cell). Variants without a usable summary (failed,
// impossible, not run) come last, unranked; not converged ones are ranked
// and marked.

#include <string>
#include <vector>

#include "scenarios/model/summary.hpp"

namespace rt {

// One variant as the sweep knows it.
struct SweepRow {
  std::string name;
  std::vector<std::string> choices;      // one label per sweep dimension
  std::vector<std::string> card_labels;  // per gpuN (slot order): "titan-rtx (gpu[1]) in slot 3"
  std::vector<std::string> card_ids;     // per gpuN: the card's identity across variants
  std::string status;  // "done", "not converged", "failed", "impossible", "duplicate", "not run"
  std::string reason;  // why it failed / was skipped
  bool has_summary = false;
  Summary summary;
  // Side view in NAME/: "sweep-side.png" (the sweep's common colour
  // range), "side.png" (the run's own), or empty.
  std::string side_picture;
};

struct RankedGpu {
  std::string component;  // "gpu1.fins"
  std::string card;       // card label, or the component name
  std::string id;         // identity across variants (card id, else component name)
  double die_C = 0;       // die temperature (hottest cell when no die model)
  bool throttling = false;
  // At its power floor and still above its throttle point: die_C is the die
  // model's runaway reading, not a temperature (ComponentSummary).
  bool cannot_hold_throttle = false;
  double performance_pct = 100;
  double power_W = 0;
};

struct RankedRow {
  SweepRow row;
  int rank = 0;  // 1 = best; 0 = not ranked
  double hottest_C = 0;
  double performance_pct = 100;       // the lowest card's
  double mean_performance_pct = 100;  // over the cards: how much the others throttle
  double fan_flow_m3_s = 0;           // sum over fans
  std::vector<RankedGpu> gpus;
  // Build sanity warnings of the variant ("power: spikes up to ..."): ranked,
  // but marked (a variant that fails one is not run at all).
  std::vector<std::string> sanity_warnings;
};

// The rows sorted: ranked ones by the criterion, then the rest by name.
std::vector<RankedRow> rank_sweep(const std::vector<SweepRow>& rows);

// A single change (one dimension's value, all else equal) and what it did
// to one card's die temperature.
struct AnswerChange {
  // What the change does, in the order the list gives them: a card that
  // could not hold its throttle point now holds it; where a card throttles
  // in either variant, the worst card sustains more (dies are pinned at
  // the throttle point, so their temperatures say nothing; `card` and the
  // figures are the worst cards'); where none throttles, a card runs cooler.
  enum class Kind { holds_throttle, performance, temperature };
  Kind kind = Kind::temperature;
  std::string dimension;
  std::string from_variant, to_variant;
  std::string from_choice, to_choice;
  std::string card;
  double from_C = 0, to_C = 0;  // to_C - from_C < 0: cooler
  double from_performance_pct = 100, to_performance_pct = 100;
  std::string text;  // "moving ... lowers titan-rtx's die temperature by 17.0 °C"
};

// The changes that help most, each pair of variants once, in the direction
// that ranks better: first those that let a card hold its throttle point,
// then the largest gains in the worst card's sustained performance (where
// cards throttle), then the largest drops in a card's die temperature
// (where none throttles).
std::vector<AnswerChange> biggest_changes(const std::vector<RankedRow>& ranked,
                                          const std::vector<std::string>& dimension_keys,
                                          std::size_t count);

std::string ranking_csv(const std::vector<RankedRow>& ranked);

struct SweepReportInput {
  std::string title;      // the sweep file
  std::string base;       // the base scenario
  std::string criterion;  // how the ranking was made, in words
  std::vector<std::string> dimension_keys;
  std::vector<RankedRow> ranked;
  std::vector<AnswerChange> changes;
};
std::string sweep_report_html(const SweepReportInput& in);

extern const char* const kRankingCriterion;

}  // namespace rt
