#pragma once
// The one error every reader of the scenario layer throws (scenario files,
// builds, sweeps, the parts library, command-line overrides), so that the
// command line reports them all as FILE:LINE: key '...': problem.

#include <stdexcept>
#include <string>

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

}  // namespace rt
