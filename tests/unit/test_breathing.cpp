// How a build's GPUs breathe (scenarios/breathing): the figure is the fin
// stack's flow over the card's free-air estimate at the speed its fans ended
// at, blowers get none, summary.json carries it only where it exists, and
// the gap plane of an open-air card lies between its fans and the card
// below. No solve: a lowered example build and a summary filled by hand.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "io/summary_json.hpp"
#include "scenarios/builds/breathing.hpp"
#include "scenarios/builds/card_air_path.hpp"
#include "scenarios/builds/lower_build.hpp"

namespace rt {
namespace {

// Slots 1 and 3 open-air (Titan RTX, RTX 2080 Ti FE), 5 and 7 blowers.
BuildScenario mixed_build() {
  return load_build_scenario(std::string(RT_SOURCE_DIR) + "/examples/builds/mixed-four-b.toml");
}

// What a solve would report: each card's fin flow and fan speed.
Summary solved(const BuildScenario& b, double flow_m3_s, double speed_pct) {
  Summary s;
  for (std::size_t i = 0; i < b.gpus.size(); ++i) {
    ComponentSummary c;
    c.name = lowered_gpu_name(i) + ".fins";
    c.kind = "porous";
    c.has_die = true;
    c.flow_m3_s = flow_m3_s * static_cast<double>(i + 1);
    s.components.push_back(c);
    FanSummary f;
    f.name = lowered_gpu_name(i) + ".fan1";
    f.speed_pct = speed_pct;
    s.fans.push_back(f);
  }
  s.components.push_back({"psu", "block", 50, 40, 35});
  return s;
}

TEST(Breathing, FlowOverTheFreeAirEstimateAtTheFansEndSpeed) {
  const BuildScenario b = mixed_build();
  const Model m = lower_build(b);
  Summary s = solved(b, 0.004, 70);
  add_breathing(b, m, s);
  for (std::size_t i : {0u, 1u}) {
    const ComponentSummary& c = s.components[i];
    ASSERT_TRUE(c.has_breathing) << c.name;
    const double free_air = estimate_card_air_path(b.gpus[i].model, 0.7, std::nullopt,
                                                   m.fluid.density_kg_m3, m.fluid.viscosity_Pa_s)
                                .flow_m3_s;
    EXPECT_DOUBLE_EQ(c.free_air_flow_m3_s, free_air) << c.name;
    EXPECT_DOUBLE_EQ(c.breathing_pct, 100.0 * c.flow_m3_s / free_air) << c.name;
    EXPECT_GT(c.breathing_pct, 5.0);
    EXPECT_LT(c.breathing_pct, 100.0);
  }
  // The fans' speed matters: at full speed the card would draw more in free air.
  Summary full = solved(b, 0.004, 100);
  add_breathing(b, m, full);
  EXPECT_GT(full.components[0].free_air_flow_m3_s, s.components[0].free_air_flow_m3_s);
}

TEST(Breathing, BlowersStoppedFansAndOtherPartsGetNone) {
  const BuildScenario b = mixed_build();
  const Model m = lower_build(b);
  Summary s = solved(b, 0.004, 100);
  s.fans[1].speed_pct = 0;  // gpu2's fans stopped
  add_breathing(b, m, s);
  EXPECT_TRUE(s.components[0].has_breathing);
  EXPECT_FALSE(s.components[1].has_breathing);
  EXPECT_FALSE(s.components[2].has_breathing);  // blower
  EXPECT_FALSE(s.components[3].has_breathing);  // blower
  EXPECT_FALSE(s.components[4].has_breathing);  // psu
}

TEST(Breathing, SummaryJsonCarriesTheFieldsOnlyWhereThereIsAFigure) {
  const BuildScenario b = mixed_build();
  Summary s = solved(b, 0.004, 100);
  add_breathing(b, lower_build(b), s);
  const nlohmann::json j = summary_to_json(s);
  const nlohmann::json& comps = j.at("components");
  EXPECT_DOUBLE_EQ(comps[0].at("breathing_pct").get<double>(), s.components[0].breathing_pct);
  EXPECT_DOUBLE_EQ(comps[0].at("free_air_flow_m3_s").get<double>(),
                   s.components[0].free_air_flow_m3_s);
  EXPECT_FALSE(comps[2].contains("breathing_pct"));
  EXPECT_FALSE(comps[4].contains("free_air_flow_m3_s"));
  const Summary back = summary_from_json(j);
  EXPECT_TRUE(back.components[0].has_breathing);
  EXPECT_DOUBLE_EQ(back.components[0].breathing_pct, s.components[0].breathing_pct);
  EXPECT_FALSE(back.components[2].has_breathing);
}

TEST(Breathing, GapPlaneLiesBetweenTheFansAndTheCardBelow) {
  const BuildScenario b = mixed_build();
  const Model m = lower_build(b);
  const std::vector<StackGapPlane> planes = stack_gap_planes(b, m);
  ASSERT_EQ(planes.size(), 2u);  // the two blowers have none
  EXPECT_EQ(planes[0].gpu, "gpu1");
  EXPECT_EQ(planes[1].gpu, "gpu2");
  for (const StackGapPlane& p : planes) {
    // Fans face the card below: down in the tower, by less than the gap.
    EXPECT_EQ(p.axis, 1) << p.gpu;
    const std::size_t i = p.gpu == "gpu1" ? 0 : 1;
    EXPECT_LT(p.value_m, p.cooler_face_m) << p.gpu;
    EXPECT_LT(p.cooler_face_m - p.value_m, b.gpus[i].gap_below_m) << p.gpu;
    EXPECT_NEAR(p.cooler_face_m, b.gpus[i].box.min_m[1], 1e-12) << p.gpu;
    for (int a : {0, 2}) {
      EXPECT_LE(p.min_m[a], b.gpus[i].box.min_m[a]);
      EXPECT_GE(p.max_m[a], b.gpus[i].box.max_m[a]);
    }
  }
}

}  // namespace
}  // namespace rt
