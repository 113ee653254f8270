#include "app/pipeline/scenario_input.hpp"

#include <fmt/core.h>

#include "scenarios/toml/input_file.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "scenarios/toml/key_path.hpp"

namespace rt::app {

namespace {

// A reader's error on an overridden text: its line is the rewritten text's.
template <class Parse>
auto with_override_note(const ScenarioInput& in, Parse parse) {
  if (in.overrides.empty()) return parse();
  try {
    return parse();
  } catch (const ScenarioError& e) {
    throw ScenarioError(e.file, 0, e.key, e.problem + " (with the command line's overrides)");
  }
}

}  // namespace

ScenarioInput read_scenario_input(const std::string& path,
                                  const std::vector<std::string>& overrides) {
  ScenarioInput in;
  in.path = path;
  in.overrides = overrides;
  const std::string original = input_file_text(path, "scenario file");
  in.sweep = is_sweep_file(original);
  if (in.sweep) return in;
  in.build = is_build_scenario(original);
  in.text = with_key_overrides(original, path, overrides);
  return in;
}

BuildScenario parse_build_input(const ScenarioInput& in) {
  return with_override_note(in, [&] { return parse_build_scenario(in.text, in.path); });
}

Model parse_generic_input(const ScenarioInput& in) {
  return with_override_note(in, [&] { return parse_scenario(in.text, in.path); });
}

bool refused_as_sweep_file(const ScenarioInput& in) {
  if (!in.sweep) return false;
  const std::string& path = in.path;
  fmt::print(stderr,
             "rigtherm: {} is a sweep file (its `base` names the scenario it varies): run it with "
             "`rigtherm sweep {} -o DIR`, or list its variants with `rigtherm sweep {} -o DIR "
             "--dry-run`\n",
             path, path, path);
  return true;
}

}  // namespace rt::app
