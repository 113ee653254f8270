#pragma once
// Key paths into a scenario's TOML: "gpu[1].power_W", "solver.max_iterations"
// (keys joined by '.', arrays of tables indexed from 1, as the scenario
// readers number them in their messages). A sweep's [set] and [[variant]]
// change its base through them, and `rigtherm run` / `check` take
// KEY.PATH=VALUE overrides on the command line through the same code, so a
// user can try `fan[2].speed_pct=60` without editing the file.

#include <toml++/toml.h>

#include <string>
#include <string_view>
#include <vector>

namespace rt {

struct KeyPathPart {
  std::string key;
  int index = 0;  // 1-based; 0: none
};

// The parts of `path`; empty, with *why set, when it is not a key path.
std::vector<KeyPathPart> parse_key_path(const std::string& path, std::string* why);

// Sets `path` in t to value, creating missing tables; an array index must
// exist. Returns an empty string, or why it cannot be set in this table.
std::string set_key_path(toml::table& t, const std::vector<KeyPathPart>& path,
                         const toml::node& value);

// The scenario `text` with each "KEY.PATH=VALUE" of `assignments` applied,
// written back as TOML under a comment that lists them. VALUE is read as a
// TOML value (60, 1e-5, true, "text", [1, 2]); anything else is taken as a
// string (case.model=fractal-meshify-c). Without assignments the text is
// returned as it is. Throws ScenarioError (source_name: 'KEY.PATH': why).
std::string with_key_overrides(std::string_view text, const std::string& source_name,
                               const std::vector<std::string>& assignments);

}  // namespace rt
