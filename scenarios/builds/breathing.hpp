#pragma once
// How a build's GPUs breathe, for the run's summary and pictures: the flow
// through each open-air card's fin stack as a percentage of the same card's
// flow in free air, and the plane through the gap its fans draw from. PC
// knowledge (names "gpuN.fins", "gpuN.fan1", "gpuN.intake" from
// lower_build.hpp) applied to a generic model and its summary; `rigtherm
// run` (app/) calls it for build scenarios. Why a stacked card starves:
// docs/build-scenarios.md, "How a stacked card breathes".

#include <string>
#include <vector>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/model/model.hpp"
#include "scenarios/model/summary.hpp"

namespace rt {

// Sets has_breathing, free_air_flow_m3_s and breathing_pct on each GPU's fin
// stack component ("gpuN.fins"): free air is estimate_card_air_path
// (card_air_path.hpp) with no facing gap, at the speed the summary's
// "gpuN.fan1" ended at, in the model's air; breathing_pct = 100 flow_m3_s /
// free air. Cards the estimate does not cover (blowers, fin stacks whose air
// does not run along the card's height) and cards without a fan (passive
// cards: no free-air flow of their own) or a flow in the summary get none.
void add_breathing(const BuildScenario& build, const Model& model, Summary& summary);

// The plane through the middle of the gap an open-air GPU's fans draw from:
// normal to the fans' axis, through the "gpuN.intake" monitor the lowering
// puts in that gap; the card's extent across the plane, with a margin, is
// what a picture of it shows.
struct StackGapPlane {
  std::string gpu;  // "gpu1"
  int axis = 1;     // plane normal: the fans' axis (0 x, 1 y, 2 z)
  double value_m = 0;
  Vec3 min_m{}, max_m{};     // the view's extent on the in-plane axes
  double cooler_face_m = 0;  // the card's face its fans draw through, along `axis`
};

// One plane per GPU with fans that is not a blower, in slot order (passive
// cards draw from no gap: none).
std::vector<StackGapPlane> stack_gap_planes(const BuildScenario& build, const Model& model);

}  // namespace rt
