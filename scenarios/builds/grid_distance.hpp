#pragma once
// How far a build's grid is from the grid-independent answer (issue 18,
// item 4): what the grid study (docs/grid-study.md) measured for grids like
// this one, stated in `check`, the run's printout, summary.json and the
// report. A statement from a measured study, not a new estimate: builds and
// grids the study did not cover are said to be unstudied.

#include <string>

#include "scenarios/builds/build_scenario.hpp"

namespace rt {

// The study's three grids, coarse to fine: the preview and the default as
// a user runs them, and a finer one that refines every knob of the default
// (tests/long/test_grid_study.cpp solves on these; the statement knows its
// figures for these and no other [mesh]).
struct GridStudyLevel {
  const char* name;
  double max_cell_m;
  int cells_per_gap;
  double growth;
};
inline constexpr GridStudyLevel kGridStudyLevels[] = {
    {"preview", kBuildDefaultMaxCell_m, kBuildDefaultCellsPerGap, kMaxPreviewGrowth},
    {"default", kBuildDefaultMaxCell_m, kBuildDefaultCellsPerGap, kBuildDefaultGrowth},
    {"finer", 0.007, 4, 1.15}};

std::string grid_distance_statement(const BuildScenario& build);

}  // namespace rt
