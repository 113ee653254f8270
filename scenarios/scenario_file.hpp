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

#include "scenarios/model.hpp"

namespace rt {

// A problem in a scenario file. what() reads
//   FILE:LINE: key 'boundary.xmin.tpye': unknown key; expected one of: ...
// (FILE:LINE:COLUMN: for TOML syntax errors; no LINE when the problem has no
// place in the file, e.g. a missing file or a missing top-level table).
struct ScenarioError : std::runtime_error {
  ScenarioError(std::string file, int line, std::string key, std::string problem, int column = 0);

  std::string file;
  int line = 0;     // 1-based; 0 = no line
  int column = 0;   // 1-based; 0 = no column
  std::string key;  // full dotted path, e.g. "block[1].min_m"; empty if none
  std::string problem;
};

// Parses scenario text; source_name is used in messages and stored in the
// Model (with the text itself). Throws ScenarioError.
Model parse_scenario(std::string_view text, const std::string& source_name);

// Reads and parses the file at path. Throws ScenarioError (also when the file
// cannot be read).
Model load_scenario(const std::string& path);

}  // namespace rt
