#pragma once
// Scenarios that exercise every transfer of a solve on another backend
// (solver/mirrored_simplec_steps.hpp): the debug mirror against the CPU to
// the bit (tests/regression/test_backends.cpp) and the CUDA device against
// the CPU to round-off (tests/cuda/test_cuda_steady.cpp).

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "geometry/snapped_grid.hpp"
#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/lower_build.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "solver/steady_solver.hpp"

namespace rt {

struct BackendCase {
  const char* name;
  const char* path;     // from the source tree
  const char* physics;  // inserted after [physics] ("" for none)
  int iterations;       // outer iterations run (the run stops there unconverged)
};

// - resume-box: a fan whose speed follows a die, a die model that throttles,
//   a grille, a solid with power: fan pressures, swirl-free patches and heat
//   sources change between steps; stops unconverged, so its closing solves
//   (pressure correction alone, then energy) run too.
// - the same with LVEL: the viscosity arrays cross every iteration.
// - ventilated-chip and snapped-cavity: the regression cases, the second a
//   closed cavity (the pressure's mean held at 0 on the copy).
// - minimal.toml: a whole build on a coarse grid (round fans with swirl,
//   internal fans, heat sinks, two throttling dies).
inline const std::vector<BackendCase>& backend_cases() {
  static const std::vector<BackendCase> cases = {
      {"resume_box", "tests/cli/resume-box.toml", "", 40},
      {"resume_box_lvel", "tests/cli/resume-box.toml", "turbulence = \"lvel\"\n", 40},
      {"ventilated_chip", "tests/regression/cases/ventilated-chip.toml", "", 60},
      {"snapped_cavity", "tests/regression/cases/snapped-cavity.toml", "", 60},
      {"minimal_build", "examples/builds/minimal.toml", "", 25},
  };
  return cases;
}

inline std::string backend_case_text(const std::string& path) {
  std::ifstream in(std::string(RT_SOURCE_DIR) + "/" + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The case's model, stopping after c.iterations.
inline Model backend_case_model(const BackendCase& c) {
  const std::string path = std::string(RT_SOURCE_DIR) + "/" + c.path;
  std::string text = backend_case_text(c.path);
  Model model;
  if (std::string(c.path).find("builds/") != std::string::npos) {
    BuildScenario b = parse_build_scenario(text, path);
    b.mesh.max_cell_m = 0.03;
    b.mesh.growth = kMaxPreviewGrowth;
    b.mesh.min_cells_per_gap = 1;
    b.mesh.preview_start = false;
    model = lower_build(b);
  } else {
    if (c.physics[0] != '\0') text.insert(text.find("[physics]\n") + 10, c.physics);
    model = parse_scenario(text, path);
  }
  model.solver.max_iterations = c.iterations;
  return model;
}

// gtest prints the case by its name.
inline void PrintTo(const BackendCase& c, std::ostream* os) { *os << c.name; }

inline std::string backend_case_name(const ::testing::TestParamInfo<BackendCase>& info) {
  return info.param.name;
}

}  // namespace rt
