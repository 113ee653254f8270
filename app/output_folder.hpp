#pragma once
// Where the command line will write, checked before any work: a folder is
// created when missing and a probe file written into it and removed, so that
// a read-only folder, a missing parent or a full disk is found before hours
// of solving, not after them (issue 17).

#include <filesystem>
#include <optional>
#include <string>

namespace rt::app {

// "" when `dir` exists (created here if need be) and a file can be written
// in it; otherwise one line: the path and the reason.
std::string output_folder_problem(const std::filesystem::path& dir);

// The same for the folder a file will be written to (its parent; the
// current folder for a bare name).
std::string output_file_problem(const std::filesystem::path& file);

// A run's folder is its own: `rigtherm run` refuses a folder holding the
// results of another scenario file (unless --overwrite) and removes its own
// summary.json before solving, so that summary.json always is the complete
// result of the run that last wrote there.
//
// What `out` holds of an earlier run: the scenario file of its summary.json,
// else of an interrupted run's lone checkpoint.h5 (killed before it wrote a
// summary), else nullopt (nothing, or nothing readable: a damaged
// checkpoint cannot be resumed and is not kept).
struct EarlierResults {
  std::string scenario;
  bool checkpoint_only = false;
};
std::optional<EarlierResults> earlier_results(const std::filesystem::path& out);

// Whether two scenario paths name the same file (compared as canonical
// paths, so "./a.toml" and "a.toml" agree).
bool same_scenario_file(const std::string& a, const std::string& b);

}  // namespace rt::app
