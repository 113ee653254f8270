#include "scenarios/builds/sanity/build_sanity.hpp"

#include <algorithm>

namespace rt {

std::string_view sanity_level_text(SanityLevel level) {
  switch (level) {
    case SanityLevel::skip:
      return "SKIP";
    case SanityLevel::ok:
      return "OK";
    case SanityLevel::warn:
      return "WARN";
    case SanityLevel::fail:
      return "FAIL";
  }
  return "?";
}

std::vector<SanityCheck> build_sanity(const BuildScenario& build) {
  std::vector<SanityCheck> out = pcie_lane_checks(build);
  for (SanityCheck& c : power_budget_checks(build)) out.push_back(std::move(c));
  for (SanityCheck& c : side_panel_checks(build)) out.push_back(std::move(c));
  for (SanityCheck& c : nvlink_checks(build)) out.push_back(std::move(c));
  for (SanityCheck& c : ram_clearance_checks(build)) out.push_back(std::move(c));
  return out;
}

std::vector<SanityLine> sanity_lines(const std::vector<SanityCheck>& checks) {
  std::vector<SanityLine> out;
  for (const SanityCheck& c : checks)
    out.push_back({c.topic, std::string(sanity_level_text(c.level)), c.text, c.fix});
  return out;
}

SanityLevel worst_level(const std::vector<SanityCheck>& checks) {
  SanityLevel worst = SanityLevel::skip;
  for (const SanityCheck& c : checks) worst = std::max(worst, c.level);
  return worst;
}

}  // namespace rt
