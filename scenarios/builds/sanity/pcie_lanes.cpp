// The CPU's PCIe lanes against the cards: a card wants x8 or more from the
// CPU (below that, or through the chipset's shared link, multi-GPU training
// slows on the transfers). Without the motherboard's slot wiring (issue 19's
// motherboard library, not yet in) only the CPU's total is checked: how many
// cards can have x8 at all.

#include <fmt/format.h>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/sanity/build_sanity.hpp"

namespace rt {
namespace {

constexpr int kWantedLanes = 8;

}  // namespace

std::vector<SanityCheck> pcie_lane_checks(const BuildScenario& b) {
  if (b.gpus.empty()) return {};
  if (!b.cpu) return {{"pcie lanes", SanityLevel::skip, "not checked: no CPU in the build", ""}};
  const CpuModel& cpu = b.cpu->model;
  if (!cpu.pcie_lanes_for_slots)
    return {{"pcie lanes", SanityLevel::skip,
             "not checked: the library lacks " + cpu.info.id + "'s PCIe lanes", ""}};
  const int lanes = *cpu.pcie_lanes_for_slots;
  const int cards = static_cast<int>(b.gpus.size());
  const int at_x8 = lanes / kWantedLanes;
  SanityCheck c{"pcie lanes", SanityLevel::ok,
                fmt::format("{} card{} want x{} each from the CPU, {} lanes; {} gives {} to the "
                            "slots (the board's wiring decides each slot's width: a generic board "
                            "is not checked per slot)",
                            cards, cards == 1 ? "" : "s", kWantedLanes, cards * kWantedLanes,
                            cpu.info.id, lanes),
                ""};
  if (at_x8 < cards) {
    c.level = SanityLevel::warn;
    c.text += fmt::format(
        ": at most {} at x{}, {} through the chipset's shared link (x4 or less) "
        "or without a slot",
        at_x8, kWantedLanes, cards - at_x8);
    c.fix = "a CPU with more lanes (a Threadripper 2950X gives 60), or fewer cards";
  }
  return {c};
}

}  // namespace rt
