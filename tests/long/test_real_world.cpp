// The published measurements of README.md's "Real world" table, each a
// build under examples/real-world/ whose header names the source and the
// measured figures, solved on the preview grid and held to those figures.
// What a row may differ by is the measurement's own spread (reviews round
// fan speeds to 100 rpm and power to 5-10 W), not a fit: a part whose
// estimated values drift away from the published behaviour fails here.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <iostream>
#include <string>

#include "long/example_build.hpp"

namespace rt {
namespace {

struct CardAnswer {
  double die_C = 0, power_W = 0, full_power_W = 0, fan_rpm = 0;
  bool throttling = false;
};

// The card in slot order `index` of a solved real-world build, with its
// first fan's speed in rpm (the fan-control curve's percentage of the
// library's fan_rpm_max).
CardAnswer card_answer(const ExampleRun& r, std::size_t index) {
  CardAnswer a;
  const std::string n = lowered_gpu_name(index);
  for (const ComponentSummary& c : r.summary.components)
    if (c.name == n + ".fins") {
      a.die_C = c.T_die_C;
      a.power_W = c.power_W;
      a.full_power_W = c.full_power_W;
      a.throttling = c.throttling;
    }
  for (const FanSummary& f : r.summary.fans)
    if (f.name == n + ".fan1")
      a.fan_rpm = f.speed_pct / 100.0 * r.build.gpus[index].model.fan_rpm_max;
  std::cout << fmt::format("  {}: die {:.1f} °C, {:.0f} of {:.0f} W{}, fan {:.0f} rpm\n", n,
                           a.die_C, a.power_W, a.full_power_W, a.throttling ? " (throttling)" : "",
                           a.fan_rpm);
  return a;
}

// Tom's Hardware and ComputerBase (build headers): 84 °C held by GPU Boost,
// about 215-220 W warm, the blower near 2,400 rpm; the same on a bench.
void expect_gtx_1080_ti_fe_at_its_target(const CardAnswer& a) {
  EXPECT_TRUE(a.throttling);
  EXPECT_NEAR(a.die_C, 84.0, 0.5);
  EXPECT_GE(a.power_W, 210.0);
  EXPECT_LE(a.power_W, 235.0);
  EXPECT_NEAR(a.fan_rpm, 2400.0, 240.0);
}

TEST(RealWorld, Gtx1080TiFeHoldsItsTargetInAClosedCase) {
  const ExampleRun r = run_example("gtx-1080-ti-fe-closed-case", "real-world");
  expect_gtx_1080_ti_fe_at_its_target(card_answer(r, 0));
}

TEST(RealWorld, Gtx1080TiFeIsTheSameOnAnOpenBench) {
  const ExampleRun r = run_example("gtx-1080-ti-fe-open-bench", "real-world");
  expect_gtx_1080_ti_fe_at_its_target(card_answer(r, 0));
}

// ComputerBase: at 3,600 rpm the card is held by its power limit, not its
// temperature, at 87 °C; here with the default 250 W limit.
TEST(RealWorld, Gtx1080TiFeAt3600RpmHoldsFullPower) {
  const ExampleRun r = run_example("gtx-1080-ti-fe-fan-3600rpm", "real-world");
  const CardAnswer a = card_answer(r, 0);
  EXPECT_FALSE(a.throttling);
  EXPECT_NEAR(a.power_W, a.full_power_W, 1e-6);
  EXPECT_LE(a.die_C, 87.0);
  EXPECT_NEAR(a.fan_rpm, 3600.0, 1.0);
}

// digitblue: about 67 °C at a 21.5 °C room in a game whose power is not
// given; rigtherm at the card's 450 W limit is hotter (README, "Real
// world": +6.9 K when measured). A guard, not an agreement: the answer must
// stay within 10 K above and not fall below the measurement, and the card
// must not throttle, until a published power lets the card be calibrated.
TEST(RealWorld, Rtx4090FeInACaseStaysWithinItsKnownOffset) {
  const ExampleRun r = run_example("rtx-4090-fe-in-a-case", "real-world");
  const CardAnswer a = card_answer(r, 0);
  EXPECT_FALSE(a.throttling);
  EXPECT_GE(a.die_C, 67.0);
  EXPECT_LE(a.die_C, 77.0);
}

// club-3090 issue 178: two power-capped RTX 3090s adjacent in a case with
// poor airflow; measured upper 87-88 °C, lower 90-91 °C (both throttling,
// the lower deeper, "sandwiched between GPU0 and the PSU"). rigtherm in a
// Define R6 with its stock fans answers both cooler and the ranking the
// other way round (README, "Real world": upper 78.5 °C, starved at 61 %
// breathing; lower 71.5 °C with fresh air from the front fans above the
// PSU shroud): the case, its PSU position and the room are unknown. A
// guard of that known disagreement, not an agreement: if the model moves,
// the README row must be looked at again.
TEST(RealWorld, TwoAdjacent3090sKnownDisagreement) {
  const ExampleRun r = run_example("two-3090-adjacent-poor-airflow", "real-world");
  const CardAnswer upper = card_answer(r, 0), lower = card_answer(r, 1);
  EXPECT_FALSE(upper.throttling);
  EXPECT_FALSE(lower.throttling);
  EXPECT_NEAR(upper.die_C, 78.5, 3.0);
  EXPECT_NEAR(lower.die_C, 71.5, 3.0);
  EXPECT_GT(upper.die_C, lower.die_C + 3.0);
}

}  // namespace
}  // namespace rt
