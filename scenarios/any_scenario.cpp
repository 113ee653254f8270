#include "scenarios/any_scenario.hpp"

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/lower_build.hpp"
#include "scenarios/generic/scenario_file.hpp"

namespace rt {

Model model_of_scenario_text(std::string_view text, const std::string& source_name,
                             bool* is_build) {
  const bool build = is_build_scenario(text);
  if (is_build) *is_build = build;
  return build ? lower_build(parse_build_scenario(text, source_name))
               : parse_scenario(text, source_name);
}

}  // namespace rt
