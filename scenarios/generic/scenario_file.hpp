#pragma once
// Reading a generic-layer scenario (TOML) into an rt::Model.
//
// The key names, units and defaults are listed in docs/scenario-keys.md;
// examples/heated-cavity.toml is a complete example. Everything is checked
// before a Model is returned: unknown tables and keys, types, array lengths,
// ranges, block and monitor placement. The first problem found is thrown as
// a ScenarioError naming the file, line and dotted key.

#include <stdexcept>
#include <string>
#include <string_view>

#include "scenarios/model/model.hpp"
#include "scenarios/model/scenario_error.hpp"

namespace rt {

// Parses scenario text; source_name is used in messages and stored in the
// Model (with the text itself). Throws ScenarioError.
Model parse_scenario(std::string_view text, const std::string& source_name);

// Reads and parses the file at path. Throws ScenarioError (also when the file
// cannot be read).
Model load_scenario(const std::string& path);

}  // namespace rt
