// Every example build (examples/builds/*.toml), lowered and solved on the
// coarse preview grid ([mesh] growth = 2, a quarter of the default cells),
// 3000 iterations each. Issue 4 asks that every PC example closes its energy
// balance within 1 % (sources = heat out through vents, fans and walls) and
// its mass balance within 0.1 %, and that the two slot orders of the mixed
// four-card example rank as users report for real machines: an open-air card
// whose fans sit directly above another card runs hotter than the same card
// in the bottom slot with open air below it.
//
// The balances are conservation properties of the discretisation and hold
// on any grid; the preview grid makes the seven builds fit in about an hour
// on two cores (label `long`, not in the default run). The slot order is the
// physics of tests/validation/test_stacked_cards.cpp, here in the full case.
// Figures measured on the development VM are in docs/validation.md.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>

#include "long/example_build.hpp"

namespace rt {
namespace {

// Issue 4's balances, and an answer that has settled: every die model steady
// within 1 K over the last quarter of the run (the case flow does not reach
// the residual tolerance within the budget; jets and wakes keep moving, and
// the band is the answer's uncertainty from that, reported in the summary).
void expect_balanced(const ExampleRun& r) {
  const Summary& s = r.summary;
  double full = 0.0, released = 0.0;
  for (const ComponentSummary& c : s.components) {
    full += c.full_power_W;
    released += c.power_W;
  }
  EXPECT_NEAR(full, r.build.total_heat_W(), 1e-6 * r.build.total_heat_W());
  EXPECT_NEAR(s.sources_W, released, 1e-9 * released);
  EXPECT_LT(std::abs(s.energy_error_pct), 1.0);
  EXPECT_LT(std::abs(s.mass_error_pct), 0.1);
  for (const TemperatureBand& b : s.late_bands)
    if (b.name.find(".fins") != std::string::npos) {
      std::cout << fmt::format("  {} moved {:.2f} K from iteration {} on\n", b.name,
                               b.max_C - b.min_C, b.from_iteration);
      EXPECT_LT(b.max_C - b.min_C, 1.0) << b.name << " still moving";
    }
}

class ExampleBuild : public ::testing::TestWithParam<const char*> {};

TEST_P(ExampleBuild, BalancesHeatAndMassOnThePreviewGrid) {
  expect_balanced(run_example(GetParam()));
}

// The mixed-four builds run in the slot-order test below (with these checks).
INSTANTIATE_TEST_SUITE_P(Examples, ExampleBuild,
                         ::testing::Values("minimal", "2080ti-plus-titan", "single-1080ti",
                                           "dual-titan-rtx", "quad-3090-blower"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

// The component of the GPU of this model in a build (there is one of each in the mixed builds).
const ComponentSummary& card(const ExampleRun& r, const std::string& model) {
  return card_component(r.build, r.summary, model);
}

// Order a: blowers in slots 1 and 3, the open-air Titan RTX in 5 and the
// open-air RTX 2080 Ti FE in 7, the bottom slot, with open air below it.
// Order b: Titan RTX in 1, 2080 Ti FE in 3 with its fans directly above the
// blower in slot 5. The same 2080 Ti FE must run hotter in b: its intake air
// hotter, and its die hotter or (when it reaches its throttle point in both)
// held there at less power.
TEST(SlotOrder, OpenAirCardAboveAnotherCardRunsHotterThanInTheBottomSlot) {
  const ExampleRun a = run_example("mixed-four-a");
  expect_balanced(a);
  const ExampleRun b = run_example("mixed-four-b");
  expect_balanced(b);
  const ComponentSummary& bottom = card(a, "rtx-2080-ti-fe");
  const ComponentSummary& above = card(b, "rtx-2080-ti-fe");
  std::cout << fmt::format(
      "RTX 2080 Ti FE in the bottom slot (a): intake {:.1f} °C, {:.5f} m3/s, die {:.1f} °C, {:.0f} "
      "W, {:.0f} %\n"
      "RTX 2080 Ti FE above a blower (b):     intake {:.1f} °C, {:.5f} m3/s, die {:.1f} °C, {:.0f} "
      "W, {:.0f} %\n",
      bottom.inlet_air_C, bottom.flow_m3_s, bottom.T_die_C, bottom.power_W,
      bottom.sustained_performance_pct, above.inlet_air_C, above.flow_m3_s, above.T_die_C,
      above.power_W, above.sustained_performance_pct);
  EXPECT_GT(above.inlet_air_C, bottom.inlet_air_C + 2.0);
  const bool hotter_die = above.T_die_C > bottom.T_die_C + 2.0;
  const bool deeper_throttle = above.throttling && above.power_W < bottom.power_W - 5.0;
  EXPECT_TRUE(hotter_die || deeper_throttle)
      << "the card above another one is neither hotter nor throttled deeper";
}

// Issue 14's stacks: how much worse the upper card of a pair does than the
// lower one, in the issue's own units: 1 = 5 K hotter die or 10 % deeper
// throttling, whichever is more.
struct PairDeficit {
  double die_K = 0, performance_pct = 0;
  double deficit() const { return std::max(die_K / 5.0, performance_pct / 10.0); }
};

PairDeficit upper_minus_lower(const std::string& name) {
  const ExampleRun r = run_example(name);
  expect_balanced(r);
  const ComponentSummary* upper = nullptr;
  const ComponentSummary* lower = nullptr;
  for (const ComponentSummary& c : r.summary.components) {
    if (c.name == "gpu1.fins") upper = &c;
    if (c.name == "gpu2.fins") lower = &c;
  }
  EXPECT_TRUE(upper && lower) << name;
  if (!upper || !lower) return {};
  const PairDeficit d{upper->T_die_C - lower->T_die_C,
                      lower->sustained_performance_pct - upper->sustained_performance_pct};
  std::cout << fmt::format(
      "{}: upper {:.2f} L/s at {:.1f} °C, die {:.1f} °C, {:.0f} %; lower {:.2f} L/s at {:.1f} °C, "
      "die {:.1f} °C, {:.0f} %; upper - lower: die {:+.1f} K, performance {:+.0f} % (deficit "
      "{:.2f})\n",
      name, upper->flow_m3_s * 1e3, upper->inlet_air_C, upper->T_die_C,
      upper->sustained_performance_pct, lower->flow_m3_s * 1e3, lower->inlet_air_C, lower->T_die_C,
      lower->sustained_performance_pct, d.die_K, -d.performance_pct, d.deficit());
  return d;
}

// Two open-air RTX 2080 Ti FE adjacent (slots 1 and 3): the upper one at
// least 5 K hotter or throttled 10 % deeper; with a free slot between (1 and
// 4) less so; two blower cards adjacent less so than the open-air pair.
TEST(StackedPairs, UpperOpenAirCardStarvesMostWhenAdjacent) {
  const PairDeficit adjacent = upper_minus_lower("pair-adjacent");
  const PairDeficit spaced = upper_minus_lower("pair-spaced");
  const PairDeficit blowers = upper_minus_lower("pair-blower-adjacent");
  EXPECT_GE(adjacent.deficit(), 1.0);
  EXPECT_LT(spaced.deficit(), adjacent.deficit());
  EXPECT_LT(blowers.deficit(), adjacent.deficit());
}

// A passive data-centre card (no fan of its own) in a tower with the case's
// stock fans gets next to no air through its fins: at its power floor its
// die still cannot hold the throttle point. A 120 mm fan in a duct on its
// tail pushes a fifth of the card's calibration flow through it, and the card
// holds its throttle point at more power (not all of it: a case fan's 25 Pa
// is far from what the dense fins need, docs/build-scenarios.md, "A passive
// card"). If the model stops showing this difference, the passive lowering
// (a duct open at the tail and the bracket) or the die model at low flow has
// broken. Measured (2026-12-05, the CLI on the same grid): stock about
// 0.01 L/s, 75 of 250 W, die model far above 85 °C; tail fan 2.87 L/s, die
// 85.0 °C, 115 W.
TEST(PassiveCard, StarvesInATowerUnlessAFanBlowsThroughIt) {
  const ExampleRun stock = run_example("passive-a100-stock");
  // Balances only: the starved die's model reading (thousands of kelvin at
  // next to no flow) swings with the last digits of that flow, so it is no
  // band to settle in.
  EXPECT_LT(std::abs(stock.summary.energy_error_pct), 1.0);
  EXPECT_LT(std::abs(stock.summary.mass_error_pct), 0.1);
  const ExampleRun fan = run_example("passive-a100-tail-fan");
  expect_balanced(fan);
  const ComponentSummary& starved = card(stock, "a100-pcie-40gb");
  const ComponentSummary& fed = card(fan, "a100-pcie-40gb");
  const GpuModel& a100 = stock.build.gpus[0].model;
  const double throttle_C = a100.throttle_K - kCelsiusToKelvin;
  std::cout << fmt::format(
      "A100 PCIe, stock fans: {:.3f} L/s at {:.1f} °C, die {:.1f} °C, {:.0f} of {:.0f} W\n"
      "A100 PCIe, tail fan:   {:.3f} L/s at {:.1f} °C, die {:.1f} °C, {:.0f} of {:.0f} W\n",
      starved.flow_m3_s * 1e3, starved.inlet_air_C, starved.T_die_C, starved.power_W,
      starved.full_power_W, fed.flow_m3_s * 1e3, fed.inlet_air_C, fed.T_die_C, fed.power_W,
      fed.full_power_W);
  // Starved: a few percent of its calibration flow at most, down at its
  // power floor, and even there above its throttle point.
  EXPECT_LT(starved.flow_m3_s, 0.05 * a100.thermal.Q_ref_m3_s);
  EXPECT_TRUE(starved.throttling);
  EXPECT_LT(starved.power_W, 0.31 * a100.tdp_W);
  EXPECT_GT(starved.T_die_C, throttle_C + 5.0);
  EXPECT_TRUE(starved.cannot_hold_throttle);
  EXPECT_FALSE(fed.cannot_hold_throttle);
  // Fed: a fifth of its calibration flow or more, its die held at its
  // throttle point, and clearly more power.
  EXPECT_GT(fed.flow_m3_s, 0.2 * a100.thermal.Q_ref_m3_s);
  EXPECT_LT(fed.T_die_C, throttle_C + 0.5);
  EXPECT_GT(fed.power_W, starved.power_W + 25.0);
}

}  // namespace
}  // namespace rt
