#pragma once
// What the long tests share about the example builds: reading one from
// examples/builds/ or examples/real-world/, solving it on the preview grid,
// and the summary's component of the card of a model.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "geometry/snapped_grid.hpp"
#include "scenarios/builds/breathing.hpp"
#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/lower_build.hpp"
#include "scenarios/model/summary.hpp"
#include "solver/diagnostics.hpp"
#include "solver/steady_solver.hpp"

namespace rt {

inline std::string example_build_path(const std::string& name, const std::string& folder) {
  return std::string(RT_SOURCE_DIR) + "/examples/" + folder + "/" + name + ".toml";
}

// examples/FOLDER/NAME.toml, as text.
inline std::string example_build_text(const std::string& name,
                                      const std::string& folder = "builds") {
  const std::string path = example_build_path(name, folder);
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// examples/FOLDER/NAME.toml, parsed.
inline BuildScenario read_example_build(const std::string& name,
                                        const std::string& folder = "builds") {
  return parse_build_scenario(example_build_text(name, folder), example_build_path(name, folder));
}

// The coarse preview grid ([mesh] growth = 2, about a quarter of the
// default cells) and an iteration budget every example settles within.
constexpr double kPreviewGrowth = 2.0;
constexpr int kIterations = 3000;

struct ExampleRun {
  BuildScenario build;
  Summary summary;
  std::size_t cells = 0;
};

// Solves examples/FOLDER/NAME.toml on the preview grid and prints what the
// tables of docs/validation.md and the README's "Real world" quote: cells,
// iterations, each die, the balances.
inline ExampleRun run_example(const std::string& name, const std::string& folder = "builds") {
  ExampleRun r;
  r.build = read_example_build(name, folder);
  r.build.mesh.growth = kPreviewGrowth;
  Model model = lower_build(r.build);
  model.solver.max_iterations = kIterations;
  model.solver.tolerance = 1e-4;
  const Grid grid = make_grid(model);
  r.cells = grid.total_cells();
  SteadySolver solver(model, grid, SimplecSettings{});
  r.summary = solver.solve(RunOptions{});
  add_breathing(r.build, model, r.summary);
  const Summary& s = r.summary;
  const ResidualRecord& last = s.convergence.back();
  std::cout << fmt::format(
      "{}: {} cells, {} iterations in {:.0f} s ({}); residuals mass {:.1e}, momentum {:.1e}, "
      "energy {:.1e}\n",
      name, r.cells, s.iterations, s.wall_time_s, s.stop_reason, last.mass, last.momentum,
      last.energy);
  for (const ComponentSummary& c : s.components)
    if (c.has_die)
      std::cout << fmt::format(
          "  {}: die {:.1f} °C, intake {:.1f} °C at {:.5f} m3/s{}, {:.0f} of {:.0f} W ({:.0f} %)\n",
          c.name, c.T_die_C, c.inlet_air_C, c.flow_m3_s,
          c.has_breathing ? fmt::format(" (breathing {:.0f} %)", c.breathing_pct) : "", c.power_W,
          c.full_power_W, c.sustained_performance_pct);
  for (const FanSummary& f : s.fans)
    std::cout << fmt::format("  {}: {:.1f} % at {:.5f} m3/s, {:.1f} Pa\n", f.name, f.speed_pct,
                             f.flow_m3_s, f.pressure_Pa);
  std::cout << fmt::format("  energy balance {:+.3f} %, mass balance {:+.4f} %\n",
                           s.energy_error_pct, s.mass_error_pct);
  return r;
}

// The card of this model (the example builds that compare slot orders carry
// one card of each model).
inline const ComponentSummary& card_component(const BuildScenario& build, const Summary& s,
                                              const std::string& model) {
  for (std::size_t g = 0; g < build.gpus.size(); ++g)
    if (build.gpus[g].model.info.id == model)
      for (const ComponentSummary& c : s.components)
        if (c.name == lowered_gpu_name(g) + ".fins") return c;
  ADD_FAILURE() << "no " << model << " in " << build.source_name;
  static const ComponentSummary none;
  return none;
}

}  // namespace rt
