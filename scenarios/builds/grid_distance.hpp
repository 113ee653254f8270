#pragma once
// How far a build's grid is from the grid-independent answer (issue 18,
// item 4): what the grid study (docs/grid-study.md) measured for grids like
// this one, stated in `check`, the run's printout, summary.json and the
// report. A statement from a measured study, not a new estimate: builds and
// grids the study did not cover are said to be unstudied.

#include <string>

namespace rt {

struct BuildScenario;

std::string grid_distance_statement(const BuildScenario& build);

}  // namespace rt
