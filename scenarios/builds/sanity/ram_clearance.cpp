// Memory under a tower cooler: the cooler's front fan overhangs the DIMM
// slots nearest the socket, so a module taller than the cooler's RAM
// clearance (its maker's figure) does not fit as shipped ("the RGB ones had
// a slightly higher height"). An AIO's pump block leaves the slots free.

#include <fmt/format.h>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/sanity/build_sanity.hpp"

namespace rt {
namespace {

// Less room than this to spare is a tight fit (tolerances of heat spreaders
// and of how far the fan clip sits): ours.
constexpr double kTightRamFit_m = 0.002;

}  // namespace

std::vector<SanityCheck> ram_clearance_checks(const BuildScenario& b) {
  if (!b.memory || !b.cpu) return {};
  const CpuCoolerModel& cooler = b.cpu->cooler;
  const DimmModel& dimm = b.memory->model;
  const double h_mm = dimm.height_m * 1e3;
  if (cooler.kind == CpuCoolerKind::aio)
    return {{"ram height", SanityLevel::ok,
             fmt::format("{} modules of {} ({:.1f} mm): the {} pump block leaves the DIMM "
                         "slots free",
                         b.memory->modules, dimm.info.id, h_mm, cooler.info.id),
             ""}};
  if (!cooler.ram_clearance_m)
    return {{"ram height", SanityLevel::skip,
             fmt::format("not checked: the library lacks the {}'s RAM clearance ({} is "
                         "{:.1f} mm high)",
                         cooler.info.id, dimm.info.id, h_mm),
             ""}};
  const double room_mm = *cooler.ram_clearance_m * 1e3;
  SanityCheck c{"ram height", SanityLevel::ok,
                fmt::format("{} ({:.1f} mm) under the {}: {:.1f} mm of RAM clearance", dimm.info.id,
                            h_mm, cooler.info.id, room_mm),
                ""};
  if (h_mm > room_mm) {
    c.level = SanityLevel::fail;
    c.text += fmt::format(", {:.1f} mm short", h_mm - room_mm);
    c.fix = fmt::format(
        "modules at most {:.0f} mm high, or raise the cooler's front fan (it then stands "
        "taller: check the case's {:.0f} mm cooler limit), or an AIO",
        room_mm, b.case_model.max_cpu_cooler_height_m * 1e3);
  } else if (room_mm - h_mm < kTightRamFit_m * 1e3) {
    c.level = SanityLevel::warn;
    c.text += fmt::format(", {:.1f} mm to spare", room_mm - h_mm);
    c.fix = "lower modules leave room for the fan clips";
  }
  return {c};
}

}  // namespace rt
