// The sweep's ranking and report (io/sweep_report.hpp) on synthetic
// summaries, and summary.json read back (io/summary_json.hpp).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "io/summary_json.hpp"
#include "io/sweep_report.hpp"

namespace {

rt::ComponentSummary gpu(const std::string& name, double die_C, double perf_pct = 100) {
  rt::ComponentSummary c;
  c.name = name;
  c.kind = "porous";
  c.power_W = 250;
  c.has_die = true;
  c.T_die_C = die_C;
  c.T_max_C = die_C - 5;
  c.has_throttle = true;
  c.throttle_C = 84;
  c.throttling = perf_pct < 100;
  c.sustained_performance_pct = perf_pct;
  return c;
}

rt::SweepRow row(const std::string& name, std::vector<std::string> choices,
                 std::vector<rt::ComponentSummary> comps, double fan_flow = 0.05,
                 std::vector<std::string> ids = {"titan", "ti"}) {
  rt::SweepRow r;
  r.name = name;
  r.choices = std::move(choices);
  r.status = "done";
  r.has_summary = true;
  r.summary.converged = true;
  r.summary.components = std::move(comps);
  r.summary.components.push_back({"cpu.fins", "porous", 100.0, 60.0, 50.0});  // no die: not a GPU
  rt::FanSummary f;
  f.name = "front-1";
  f.flow_m3_s = fan_flow;
  r.summary.fans.push_back(f);
  r.card_ids = ids;
  for (const std::string& id : ids) r.card_labels.push_back(id + " card");
  return r;
}

// Cards that all throttle sit at their throttle point: the layout whose
// worst card sustains more power ranks first, though its die reads a few
// tenths of a kelvin hotter (the preview-grid sweep of the RTX 2080 Ti FE
// and Titan RTX: 84.17 °C at 76 % against 84.10 °C at 87 %).
TEST(SweepRanking, SustainedPerformanceBeforeAPinnedDie) {
  std::vector<rt::SweepRow> rows;
  rows.push_back(
      row("starved-upper", {"a"}, {gpu("gpu1.fins", 84.10, 76), gpu("gpu2.fins", 84.0, 97)}));
  rows.push_back(row("spaced", {"b"}, {gpu("gpu1.fins", 84.40, 87), gpu("gpu2.fins", 84.2, 90)}));
  // Within 0.5 % points of "spaced": a tie on performance, then the die.
  rows.push_back(
      row("spaced-cooler", {"c"}, {gpu("gpu1.fins", 84.20, 86.7), gpu("gpu2.fins", 84.0, 90)}));
  const std::vector<rt::RankedRow> r = rt::rank_sweep(rows);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].row.name, "spaced-cooler");
  EXPECT_EQ(r[1].row.name, "spaced");
  EXPECT_EQ(r[2].row.name, "starved-upper");
}

TEST(SweepRanking, PerformanceThenHottestDieThenFanFlow) {
  std::vector<rt::SweepRow> rows;
  rows.push_back(row("hot", {"a", "x"}, {gpu("gpu1.fins", 90, 85), gpu("gpu2.fins", 70)}));
  rows.push_back(row("cool", {"b", "x"}, {gpu("gpu1.fins", 75), gpu("gpu2.fins", 80)}));
  // Same hottest die as "cool" (within 0.05 °C) but a throttling card.
  rows.push_back(
      row("cool-throttled", {"c", "x"}, {gpu("gpu1.fins", 80.02, 90), gpu("gpu2.fins", 60)}));
  // Same temperatures and performance as "cool", more fan flow.
  rows.push_back(
      row("cool-loud", {"d", "x"}, {gpu("gpu1.fins", 75), gpu("gpu2.fins", 80.03)}, 0.08));
  rt::SweepRow failed = row("broken", {"e", "x"}, {});
  failed.status = "failed";
  failed.reason = "diverged: NaN";
  failed.has_summary = false;
  rows.push_back(failed);
  rt::SweepRow nan = row("nan", {"f", "x"}, {gpu("gpu1.fins", std::nan(""))});
  rows.push_back(nan);

  const std::vector<rt::RankedRow> r = rt::rank_sweep(rows);
  ASSERT_EQ(r.size(), 6u);
  EXPECT_EQ(r[0].row.name, "cool");
  EXPECT_EQ(r[1].row.name, "cool-loud");
  EXPECT_EQ(r[2].row.name, "cool-throttled");
  EXPECT_EQ(r[3].row.name, "hot");
  EXPECT_EQ(r[3].rank, 4);
  EXPECT_DOUBLE_EQ(r[3].hottest_C, 90);
  EXPECT_DOUBLE_EQ(r[3].performance_pct, 85);
  ASSERT_EQ(r[3].gpus.size(), 2u);  // the CPU (no die model) is not a card
  EXPECT_EQ(r[3].gpus[0].card, "titan card");
  // Unranked rows last, by name.
  EXPECT_EQ(r[4].row.name, "broken");
  EXPECT_EQ(r[4].rank, 0);
  EXPECT_EQ(r[5].row.name, "nan");
  EXPECT_EQ(r[5].rank, 0);

  const std::string csv = rt::ranking_csv(r);
  EXPECT_NE(csv.find("rank,variant,status,hottest_die_C"), std::string::npos);
  EXPECT_NE(csv.find("\n1,cool,done,80.00,100.0,0,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n4,hot,done,90.00,85.0,1,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",broken,failed,"), std::string::npos) << csv;
}

// Equal hottest die and equal worst card: the layout whose other card
// throttles less ranks first, whatever the names (issue 17).
TEST(SweepRanking, EqualWorstCardThenTheOthersPerformance) {
  std::vector<rt::SweepRow> rows;
  rows.push_back(row("a-others-throttle", {"a"},
                     {gpu("gpu1.fins", 84, 80), gpu("gpu2.fins", 84, 82), gpu("gpu3.fins", 70)}));
  rows.push_back(row("b-others-free", {"b"},
                     {gpu("gpu1.fins", 84, 80), gpu("gpu2.fins", 84, 95), gpu("gpu3.fins", 70)}));
  const std::vector<rt::RankedRow> r = rt::rank_sweep(rows);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].row.name, "b-others-free");
  EXPECT_DOUBLE_EQ(r[0].performance_pct, 80);
  EXPECT_NEAR(r[0].mean_performance_pct, (80 + 95 + 100) / 3.0, 1e-12);
}

TEST(SweepRanking, WithoutGpusTheDieModelsOrPoweredPartsCount) {
  rt::SweepRow a = row("a", {"a"}, {}, 0.0, {});
  a.summary.components = {{"regulator", "block", 5.0, 50.0, 40.0},
                          {"idle", "block", 0.0, 99.0, 30.0}};
  rt::SweepRow b = row("b", {"b"}, {}, 0.0, {});
  b.summary.components = {{"regulator", "block", 5.0, 45.0, 40.0}};
  const auto r = rt::rank_sweep({a, b});
  EXPECT_EQ(r[0].row.name, "b");
  EXPECT_DOUBLE_EQ(r[1].hottest_C, 50.0);  // the unpowered block is not counted
}

TEST(SweepRanking, BiggestSingleChanges) {
  // Dimensions: slot order, power limit. The Titan is gpu1 in "A" layouts
  // and gpu2 in "B" layouts: identity follows the card, not the slot.
  std::vector<rt::SweepRow> rows;
  rows.push_back(row("A_p1", {"A", "p1"}, {gpu("gpu1.fins", 90), gpu("gpu2.fins", 70)}, 0.05,
                     {"titan", "ti"}));
  rows.push_back(row("B_p1", {"B", "p1"}, {gpu("gpu1.fins", 72), gpu("gpu2.fins", 73)}, 0.05,
                     {"ti", "titan"}));
  rows.push_back(row("A_p2", {"A", "p2"}, {gpu("gpu1.fins", 85), gpu("gpu2.fins", 69)}, 0.05,
                     {"titan", "ti"}));
  // Differs in both dimensions from A_p1: never a "single change".
  rows.push_back(row("B_p2", {"B", "p2"}, {gpu("gpu1.fins", 60), gpu("gpu2.fins", 80)}, 0.05,
                     {"ti", "titan"}));
  const auto ranked = rt::rank_sweep(rows);
  const auto changes = rt::biggest_changes(ranked, {"gpu_permutation", "gpu_power_W"}, 3);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].from_variant, "A_p1");
  EXPECT_EQ(changes[0].to_variant, "B_p1");
  EXPECT_NEAR(changes[0].from_C - changes[0].to_C, 17.0, 1e-12);  // the Titan: 90 -> 73
  EXPECT_NE(changes[0].text.find("titan"), std::string::npos) << changes[0].text;
  EXPECT_NE(changes[0].text.find("17.0 °C"), std::string::npos) << changes[0].text;
  EXPECT_EQ(changes[0].dimension, "gpu_permutation");
  for (const rt::AnswerChange& c : changes) {
    EXPECT_LT(c.to_C, c.from_C);
    EXPECT_FALSE(c.from_variant == "A_p1" && c.to_variant == "B_p2");
  }

  rt::SweepReportInput in;
  in.title = "t.sweep.toml";
  in.criterion = rt::kRankingCriterion;
  in.ranked = ranked;
  in.changes = changes;
  const std::string html = rt::sweep_report_html(in);
  EXPECT_NE(html.find("Best and worst"), std::string::npos);
  EXPECT_NE(html.find("lowers titan"), std::string::npos);
}

// A card that cannot hold its throttle point even at its power floor (a
// passive card without the case's airflow): its die reading is the model's
// runaway, so the ranking says so in words, and a change that feeds it air
// is told as that, not as thousands of kelvin.
// Cards held at their throttle point: a change is told by the worst card's
// sustained performance, not by a die temperature that moves by the
// throttle's settling (the preview-grid slot-order sweep listed "lowers
// titan-rtx's temperature by 1.1 °C (84.4 -> 83.3 °C)" for a move that cost
// it 5 % points), nor per card (a swap "raised" the card that left the
// starved slot by 22 % points and starved the other).
TEST(SweepRanking, AThrottlingCardsChangeIsItsPerformance) {
  std::vector<rt::SweepRow> rows;
  rows.push_back(
      row("adjacent", {"adj"}, {gpu("gpu1.fins", 84.1, 75.0), gpu("gpu2.fins", 84.2, 98.6)}));
  rows.push_back(
      row("spaced", {"sp"}, {gpu("gpu1.fins", 84.3, 92.1), gpu("gpu2.fins", 84.4, 95.5)}));
  // Within the ranking's 0.5 % point tie of "spaced": no change to tell.
  rows.push_back(
      row("spaced-again", {"sp2"}, {gpu("gpu1.fins", 83.3, 92.4), gpu("gpu2.fins", 84.4, 95.5)}));
  const auto changes = rt::biggest_changes(rt::rank_sweep(rows), {"gpu_permutation"}, 10);
  ASSERT_GE(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind, rt::AnswerChange::Kind::performance);
  EXPECT_EQ(changes[0].from_variant, "adjacent");  // the largest gain first: 75.0 -> 92.4 %
  EXPECT_EQ(changes[0].to_variant, "spaced-again");
  EXPECT_NE(changes[0].text.find("raises the worst card's sustained performance by 17.4 % "
                                 "points (titan 75.0 %"),
            std::string::npos)
      << changes[0].text;
  EXPECT_EQ(changes[1].to_variant, "spaced");
  EXPECT_NE(changes[1].text.find("by 17.1 % points"), std::string::npos) << changes[1].text;
  for (const rt::AnswerChange& c : changes) {
    EXPECT_EQ(c.text.find("lowers"), std::string::npos) << c.text;
    EXPECT_FALSE(c.from_variant == "spaced" && c.to_variant == "spaced-again") << c.text;
    EXPECT_GT(c.to_performance_pct - c.from_performance_pct, 0.5) << c.text;
  }
}

// Two cards swapped: the one that leaves the starved slot gains what the
// other loses. The swap is listed only by the worst card, and only when
// that improves beyond the tie.
TEST(SweepRanking, ASwapThatMovesTheStarvationIsNoAdvice) {
  std::vector<rt::SweepRow> rows;
  rows.push_back(row("titan-starved", {"a"},
                     {gpu("gpu1.fins", 84.1, 75.0), gpu("gpu2.fins", 84.2, 98.6)}, 0.05,
                     {"titan", "ti"}));
  rows.push_back(row("ti-starved", {"b"},
                     {gpu("gpu1.fins", 84.1, 75.3), gpu("gpu2.fins", 84.2, 97.4)}, 0.05,
                     {"ti", "titan"}));
  const auto changes = rt::biggest_changes(rt::rank_sweep(rows), {"gpu_permutation"}, 10);
  EXPECT_TRUE(changes.empty()) << changes.front().text;
}

TEST(SweepRanking, ARunawayCardIsNamedNotGivenATemperature) {
  rt::ComponentSummary starved = gpu("gpu1.fins", 6018.0, 67);
  starved.cannot_hold_throttle = true;
  std::vector<rt::SweepRow> rows;
  rows.push_back(row("stock", {"stock"}, {starved}, 0.05, {"a100"}));
  rows.push_back(row("tail-fan", {"tail-fan"}, {gpu("gpu1.fins", 84.0, 80)}, 0.06, {"a100"}));
  const auto ranked = rt::rank_sweep(rows);
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].row.name, "tail-fan");
  EXPECT_TRUE(ranked[1].gpus[0].cannot_hold_throttle);
  const std::string csv = rt::ranking_csv(ranked);
  EXPECT_NE(csv.find("gpu1_runaway"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",stock,"), std::string::npos);
  const std::string stock_line = csv.substr(csv.find(",stock,"));
  EXPECT_NE(stock_line.find(",67.0,1,"), std::string::npos) << stock_line;

  const auto changes = rt::biggest_changes(ranked, {"fans"}, 3);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_NE(changes[0].text.find("lets a100 hold its throttle point"), std::string::npos)
      << changes[0].text;
  rt::SweepReportInput in;
  in.title = "t.sweep.toml";
  in.criterion = rt::kRankingCriterion;
  in.ranked = ranked;
  const std::string html = rt::sweep_report_html(in);
  EXPECT_NE(html.find("cannot hold its throttle point"), std::string::npos);
  EXPECT_EQ(html.find("6018"), std::string::npos);
}

// A variant whose build sanity warns (power spikes above an old PSU's
// rating) is ranked as usual and marked, in the CSV and the report.
TEST(SweepRanking, SanityWarningsAreMarked) {
  std::vector<rt::SweepRow> rows;
  rows.push_back(row("a", {"a"}, {gpu("gpu1.fins", 70.0)}, 0.05, {"ti"}));
  rows.back().summary.build_sanity.push_back(
      {"power", "WARN", "spikes up to 1771 W over 5-10 ms against 1600 W", "an ATX 3.x PSU"});
  rows.back().summary.build_sanity.push_back({"cables", "SKIP", "not checked", ""});
  rows.push_back(row("b", {"b"}, {gpu("gpu1.fins", 75.0)}, 0.05, {"ti"}));
  const auto ranked = rt::rank_sweep(rows);
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].row.name, "a");  // still ranked first: a warning, not a failure
  ASSERT_EQ(ranked[0].sanity_warnings.size(), 1u);
  EXPECT_TRUE(ranked[1].sanity_warnings.empty());
  const std::string csv = rt::ranking_csv(ranked);
  EXPECT_NE(csv.find(",sanity_warnings,choices,reason\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("power: spikes up to 1771 W"), std::string::npos) << csv;
  rt::SweepReportInput in;
  in.title = "t.sweep.toml";
  in.criterion = rt::kRankingCriterion;
  in.ranked = ranked;
  EXPECT_NE(rt::sweep_report_html(in).find("WARN power: spikes up to 1771 W"), std::string::npos);
}

TEST(SummaryJson, ReadsBackWhatSweepsRankOn) {
  rt::Summary s;
  s.scenario = "x.toml";
  s.converged = true;
  s.stop_reason = "converged";
  s.iterations = 42;
  s.wall_time_s = 1.5;
  s.cells = {4, 5, 6};
  s.components.push_back(gpu("gpu1.fins", 88.5, 91));
  s.components.push_back({"blk", "block", 3.0, std::numeric_limits<double>::quiet_NaN(), 20.0});
  rt::FanSummary f;
  f.name = "front";
  f.flow_m3_s = 0.02;
  f.speed_pct = 60;
  s.fans.push_back(f);
  const rt::Summary r = rt::summary_from_json(rt::summary_to_json(s));
  EXPECT_TRUE(r.converged);
  EXPECT_EQ(r.stop_reason, "converged");
  EXPECT_EQ(r.iterations, 42);
  EXPECT_EQ(r.cells[2], 6);
  ASSERT_EQ(r.components.size(), 2u);
  EXPECT_TRUE(r.components[0].has_die);
  EXPECT_DOUBLE_EQ(r.components[0].T_die_C, 88.5);
  EXPECT_TRUE(r.components[0].throttling);
  EXPECT_DOUBLE_EQ(r.components[0].sustained_performance_pct, 91);
  EXPECT_FALSE(r.components[0].cannot_hold_throttle);
  s.components[0].cannot_hold_throttle = true;
  EXPECT_TRUE(rt::summary_from_json(rt::summary_to_json(s)).components[0].cannot_hold_throttle);
  EXPECT_FALSE(r.components[1].has_die);
  EXPECT_TRUE(std::isnan(r.components[1].T_max_C));
  ASSERT_EQ(r.fans.size(), 1u);
  EXPECT_DOUBLE_EQ(r.fans[0].flow_m3_s, 0.02);
  EXPECT_THROW(rt::summary_from_json(nlohmann::json::object()), nlohmann::json::exception);
}

}  // namespace
