#pragma once
// The model of a scenario text of either kind: a build ([case], [[gpu]];
// read and lowered, scenarios/builds/lower_build.hpp) or a generic scenario. The
// one place that decides it from the text (`check` and `run` decide once per
// file in app/pipeline/scenario_input.hpp, which keeps the build itself).

#include <string>
#include <string_view>

#include "scenarios/model/model.hpp"

namespace rt {

// Throws ScenarioError. *is_build, when given, says which kind it was.
Model model_of_scenario_text(std::string_view text, const std::string& source_name,
                             bool* is_build = nullptr);

}  // namespace rt
