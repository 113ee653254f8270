#pragma once
// Build sanity (issue 19): what can go wrong with a build besides heat,
// checked on the parsed build before anything is solved. Each check is one
// line, OK / WARN / FAIL, with the numbers behind it and, when not OK, what
// to change: the PSU's headroom for the cards' power spikes and its cables
// (power_budget.cpp), the side panel over the cards' top-edge power
// connectors and their cables (side_panel.cpp), the spacing of NVLink
// bridges (nvlink_bridges.cpp), the CPU's PCIe lanes (pcie_lanes.cpp), the
// memory's height under a tower cooler (ram_clearance.cpp).
// Sources and thresholds: docs/build-scenarios.md, "Build sanity".

#include <string>
#include <string_view>
#include <vector>

#include "scenarios/model/summary.hpp"

namespace rt {

struct BuildScenario;

// skip: the library lacks the data to check (said in the text); not a
// finding about the build.
enum class SanityLevel { skip, ok, warn, fail };

struct SanityCheck {
  std::string topic;  // "power", "cables", "side panel"
  SanityLevel level = SanityLevel::ok;
  std::string text;  // the finding with its numbers
  std::string fix;   // what to change; empty when OK
};

std::string_view sanity_level_text(SanityLevel level);  // "SKIP", "OK", "WARN", "FAIL"

std::vector<SanityCheck> power_budget_checks(const BuildScenario& build);
std::vector<SanityCheck> side_panel_checks(const BuildScenario& build);
std::vector<SanityCheck> nvlink_checks(const BuildScenario& build);
std::vector<SanityCheck> pcie_lane_checks(const BuildScenario& build);
std::vector<SanityCheck> ram_clearance_checks(const BuildScenario& build);
// All of them, in the order check prints them.
std::vector<SanityCheck> build_sanity(const BuildScenario& build);

// As summary.json and report.html carry them.
std::vector<SanityLine> sanity_lines(const std::vector<SanityCheck>& checks);

// The worst level among the checks (skip when none).
SanityLevel worst_level(const std::vector<SanityCheck>& checks);

}  // namespace rt
