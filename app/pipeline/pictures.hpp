#pragma once
// Pictures and the report of a run (viz/), and the layout `check` draws.
// Optional output: a picture that cannot be drawn is reported with its
// reason and the rest go on; none of it changes a command's exit status.

#include <filesystem>
#include <string>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/model/model.hpp"
#include "solver/run.hpp"

namespace rt::app {

// The file name of a scenario, as pictures and the report title it.
std::string scenario_title(const std::string& path);

// The pictures and report.html of an earlier run in the folder: they must
// not sit beside this run's.
void remove_old_pictures(const std::filesystem::path& out);

// side/top slices, convergence plot, layout, a build's stack-gap close-ups,
// then report.html, into `out`; with `no_pictures` the report alone.
// `build` is null for a generic scenario.
void pictures_and_report(const Model& model, const BuildScenario* build,
                         const std::string& scenario, bool no_pictures, const RunResult& result,
                         const std::filesystem::path& out);

// The layout picture `check` draws of what it checked, at `png`.
void draw_layout(const Model& m, bool is_build, const std::string& scenario,
                 const std::string& png);

}  // namespace rt::app
