// "My case doesn't close": a card whose power connectors sit on its top
// edge (facing the side panel) needs room above that edge for the plugs and
// the cables' bend, on top of the card's own height. A card with them at its
// end (blowers) needs that room beyond its tail instead, within the length
// the case takes (the maker's maximum card length: drive cages and front
// fans are already counted in it).

#include <fmt/format.h>

#include <cmath>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/power_connectors.hpp"
#include "scenarios/builds/sanity/build_sanity.hpp"

namespace rt {
namespace {

// Room a 16-pin 12VHPWR / 12V-2x6 cable needs above the socket: ours, the
// 35 mm straight run before the first bend that cable makers quote after
// the RTX 4090 melting reports (no primary NVIDIA or PCI-SIG page found).
constexpr double k16PinAllowance_m = 0.035;
// An 8-pin (or 6-pin, or 12-pin Micro-Fit) plug and a tight bend of its
// cable: ours, about 30 mm (the plug stands about 20 mm proud of the socket;
// no maker states a bend radius for these cables).
constexpr double k8PinAllowance_m = 0.030;
// Less room than this beyond the allowance: the cable presses on the panel.
constexpr double kTightMargin_m = 0.010;

// FAIL short of the cable's allowance, WARN within kTightMargin_m of it.
SanityLevel cable_room_level(double room_m, double need_m) {
  if (room_m < need_m) return SanityLevel::fail;
  if (room_m < need_m + kTightMargin_m) return SanityLevel::warn;
  return SanityLevel::ok;
}

// The panel the board's components face (the side panel of a tower): the
// interior's extent towards it, and the distance from the card's top edge.
struct PanelRoom {
  double interior_m = 0, above_card_m = 0;
};
PanelRoom room_above(const BuildScenario& b, const BuildGpu& g) {
  const Vec3& n = b.case_model.board_normal;
  for (int a = 0; a < 3; ++a) {
    if (n[a] > 0.5)
      return {b.case_model.interior_m[a], b.case_model.interior_m[a] - g.box.max_m[a]};
    if (n[a] < -0.5) return {b.case_model.interior_m[a], g.box.min_m[a]};
  }
  return {};
}

}  // namespace

std::vector<SanityCheck> side_panel_checks(const BuildScenario& b) {
  std::vector<SanityCheck> out;
  for (const BuildGpu& g : b.gpus) {
    const GpuModel& m = g.model;
    const PanelRoom panel = room_above(b, g);
    const double room = panel.above_card_m;
    if (!m.power_connector_edge) {
      out.push_back({"side panel", SanityLevel::skip,
                     fmt::format("slot {} {}: not checked, the library does not say where its "
                                 "power connectors sit; {:.0f} mm from its top edge to the side "
                                 "panel",
                                 g.slot, m.info.id, room * 1e3),
                     ""});
      continue;
    }
    bool has_16pin = false;
    for (PowerConnector c : m.power_connectors) has_16pin |= c == PowerConnector::pcie_16pin;
    const double need = has_16pin ? k16PinAllowance_m : k8PinAllowance_m;
    const std::string what = has_16pin ? "a 16-pin cable's 35 mm straight run"
                                       : "an 8-pin plug and its cable's bend, ~30 mm";
    if (*m.power_connector_edge == PowerConnectorEdge::end) {
      const double beyond = b.case_model.max_gpu_length_m - m.length_m;
      SanityCheck c{
          "card end", SanityLevel::ok,
          fmt::format("slot {} {}: power connectors at its tail, {:.0f} mm beyond it "
                      "within the case's {:.0f} mm card length for {}",
                      g.slot, m.info.id, beyond * 1e3, b.case_model.max_gpu_length_m * 1e3, what),
          ""};
      c.level = cable_room_level(beyond, need);
      if (c.level == SanityLevel::fail) {
        c.text += fmt::format(": {:.0f} mm short, the plugs hit what is in front of the card",
                              (need - beyond) * 1e3);
        c.fix = fmt::format(
            "a 90-degree adapter, a card with its connectors on the top edge, or a case that "
            "takes cards of at least {:.0f} mm",
            std::ceil((m.length_m + need) * 1e3 - 1e-6));
      } else if (c.level == SanityLevel::warn) {
        c.text += fmt::format(": {:.0f} mm to spare", (beyond - need) * 1e3);
        c.fix = "a 90-degree adapter or angled cable";
      }
      out.push_back(std::move(c));
      continue;
    }
    SanityCheck c{"side panel", SanityLevel::ok,
                  fmt::format("slot {} {}: power connectors on its top edge, {:.0f} mm to the side "
                              "panel for {}",
                              g.slot, m.info.id, room * 1e3, what),
                  ""};
    c.level = cable_room_level(room, need);
    if (c.level == SanityLevel::fail) {
      c.text += fmt::format(": {:.0f} mm short, the side panel will not close over the cables",
                            (need - room) * 1e3);
      c.fix = fmt::format(
          "a 90-degree {} adapter or angled cable, a card with its connectors at the end, or a "
          "case with at least {:.0f} mm from the board to the side panel",
          has_16pin ? "16-pin" : "PCIe", std::ceil((panel.interior_m - room + need) * 1e3));
    } else if (c.level == SanityLevel::warn) {
      c.text += fmt::format(": {:.0f} mm to spare, the cable will press on the panel",
                            (room - need) * 1e3);
      c.fix = has_16pin ? "a 90-degree 16-pin adapter: a 16-pin plug bent hard at the socket can "
                          "overheat"
                        : "a 90-degree adapter or angled cable";
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace rt
