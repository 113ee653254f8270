#pragma once
// The scenario file a command was given, read once: its text with the
// command line's KEY.PATH=VALUE overrides applied (scenarios/toml/key_path.hpp)
// and whether it is a build ([case], [[gpu]]) or a generic scenario. The
// build-or-generic decision of `check` and `run` is made here (issue 16).

#include <string>
#include <vector>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/model/model.hpp"

namespace rt::app {

struct ScenarioInput {
  std::string path;                    // as given: the models' source name
  std::string text;                    // with the overrides applied
  std::vector<std::string> overrides;  // as given
  bool build = false;
  bool sweep = false;  // a sweep file (`base = ...`): not a scenario; nothing applied
};

// Throws ScenarioError when the file cannot be read or an override does not
// apply (a sweep file is only recognised: `sweep`).
ScenarioInput read_scenario_input(const std::string& path,
                                  const std::vector<std::string>& overrides);

// The readers of the two kinds. Their messages cite the file's lines; with
// overrides the text is rewritten, so they cite the key and say so instead.
BuildScenario parse_build_input(const ScenarioInput& in);
Model parse_generic_input(const ScenarioInput& in);

// A sweep file given to `check` or `run`: says on stderr what it is and what
// to run instead of failing on its top-level `base` key. True when refused.
bool refused_as_sweep_file(const ScenarioInput& in);

}  // namespace rt::app
