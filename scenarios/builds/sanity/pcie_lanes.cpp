// The CPU's PCIe lanes against the cards: a card wants x8 or more from the
// CPU (below that, or through the chipset's shared link, multi-GPU training
// slows on the transfers). With a board model ([board] model) each card's
// link comes from the board's wiring (motherboard_model.hpp: the population
// table for this CPU, then the M.2 drives' sharing); on a generic board
// only the CPU's total is checked: how many cards can have x8 at all.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/sanity/build_sanity.hpp"

namespace rt {
namespace {

constexpr int kWantedLanes = 8;

std::string widths_text(const std::map<int, int>& widths) {
  std::vector<std::string> out;
  for (const auto& [pos, w] : widths) out.push_back(fmt::format("slot {} x{}", pos, w));
  return fmt::format("{}", fmt::join(out, ", "));
}

// One line per card from the board's wiring.
std::vector<SanityCheck> per_slot_checks(const BuildScenario& b, const MotherboardModel& board) {
  std::vector<int> slots;
  for (const BuildGpu& g : b.gpus) slots.push_back(g.slot);
  std::vector<std::string> m2;
  for (const BuildDrive& d : b.drives)
    if (board.m2_socket(d.position)) m2.push_back(d.position);
  const std::optional<int> cpu_lanes = b.cpu ? b.cpu->model.pcie_lanes : std::nullopt;
  const SlotWidths w = negotiated_slot_widths(board, cpu_lanes, slots, m2);
  std::vector<SanityCheck> out;
  if (w.cpu_rows_unusable && !w.row) {
    out.push_back({"pcie lanes", SanityLevel::skip,
                   fmt::format("not checked: the {}'s slot widths depend on the CPU's lane count "
                               "and the build's CPU ({}) has none in the library",
                               board.info.id, b.cpu ? b.cpu->model.info.id : "none"),
                   ""});
    return out;
  }
  const std::string row =
      w.row ? fmt::format("; the board's table: {}", widths_text(w.row->widths)) : "";
  for (const BuildGpu& g : b.gpus) {
    const PcieSlotWiring& slot = *board.slot_at(g.slot);
    const int lanes = w.lanes.at(g.slot);
    const char* from = slot.from == LaneSource::cpu ? "the CPU" : "the chipset";
    SanityCheck c{"pcie lanes", SanityLevel::ok,
                  fmt::format("{} in slot {} ({}): x{} PCIe {}.0 from {}", g.model.info.id, g.slot,
                              slot.label, lanes, slot.gen, from),
                  ""};
    // The M.2 drive that took the slot's lanes, if one did.
    std::string taken_by;
    for (const std::string& name : m2) {
      const M2Socket& k = *board.m2_socket(name);
      const auto it = k.shares.find(g.slot);
      if (it != k.shares.end() && it->second == lanes && lanes < slot.lanes)
        taken_by = fmt::format("{} ({})", k.name, k.label);
    }
    if (lanes == 0) {
      c.level = SanityLevel::fail;
      c.text = fmt::format(
          "{} in slot {} ({}) gets no lanes: the board switches the slot off {}", g.model.info.id,
          g.slot, slot.label,
          taken_by.empty() ? "with these slots populated" : "when " + taken_by + " holds a drive");
      c.fix = taken_by.empty()
                  ? "a slot the board's table gives lanes with these cards, or fewer cards"
                  : "move the drive to another M.2 socket, or the card to another slot";
    } else if (slot.from == LaneSource::chipset) {
      c.level = SanityLevel::warn;
      c.text += ": shared with the drives and USB behind the chipset's uplink";
      c.fix = "a slot wired to the CPU (" + board.info.id + ": " +
              board.slot_list(LaneSource::cpu) + ")";
    } else if (lanes < kWantedLanes) {
      c.level = SanityLevel::warn;
      c.text += fmt::format(": below x{}{}", kWantedLanes,
                            taken_by.empty() ? "" : ", " + taken_by + " takes the rest");
      c.fix = taken_by.empty() ? "another slot, or a CPU with more lanes"
                               : "move the drive to another M.2 socket";
    }
    if (slot.mechanical < 16) {
      c.level = std::max(c.level, SanityLevel::warn);
      c.text += fmt::format("; the connector is x{}: a x16 card fits only an open-ended slot",
                            slot.mechanical);
      if (c.fix.empty()) c.fix = "a x16 slot";
    }
    c.text += row;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::vector<SanityCheck> pcie_lane_checks(const BuildScenario& b) {
  if (b.gpus.empty()) return {};
  if (b.motherboard) return per_slot_checks(b, *b.motherboard);
  if (!b.cpu) return {{"pcie lanes", SanityLevel::skip, "not checked: no CPU in the build", ""}};
  const CpuModel& cpu = b.cpu->model;
  if (!cpu.pcie_lanes_for_slots)
    return {{"pcie lanes", SanityLevel::skip,
             "not checked: the library lacks " + cpu.info.id + "'s PCIe lanes", ""}};
  const int lanes = *cpu.pcie_lanes_for_slots;
  const int cards = static_cast<int>(b.gpus.size());
  const int at_x8 = lanes / kWantedLanes;
  SanityCheck c{
      "pcie lanes", SanityLevel::ok,
      fmt::format("{} x{}{} from the CPU, {} lanes; {} gives {} to the "
                  "slots (the board's wiring decides each slot's width: a generic board "
                  "is not checked per slot)",
                  cards == 1 ? "1 card wants" : fmt::format("{} cards want", cards), kWantedLanes,
                  cards == 1 ? "" : " each", cards * kWantedLanes, cpu.info.id, lanes),
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
