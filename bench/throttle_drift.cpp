// How a throttled card's power moves while its die stays pinned: solves a
// build from rest with the settle test off for a fixed number of outer
// iterations and prints each throttle-capable die's power every 100.
// docs/build-scenarios.md ("Throttled cards: their power holds too") quotes
// what it measured on the pair-adjacent build.
//
//   bench/rigtherm_throttle_drift BUILD.toml [GROWTH=2] [ITERATIONS=4000]
//   (run with OMP_NUM_THREADS to choose the threads)

#include <fmt/format.h>

#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "geometry/snapped_grid.hpp"
#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/lower_build.hpp"
#include "solver/checkpoint.hpp"
#include "solver/steady_solver.hpp"

int main(int argc, char** argv) try {
  if (argc < 2) {
    std::cerr << "usage: rigtherm_throttle_drift BUILD.toml [GROWTH=2] [ITERATIONS=4000]\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) throw std::runtime_error(std::string("cannot read ") + argv[1]);
  std::stringstream text;
  text << in.rdbuf();
  rt::BuildScenario build = rt::parse_build_scenario(text.str(), argv[1]);
  build.mesh.growth = argc > 2 ? std::atof(argv[2]) : 2.0;
  build.mesh.preview_start = false;
  rt::Model model = rt::lower_build(build);
  model.solver.max_iterations = argc > 3 ? std::atoi(argv[3]) : 4000;
  model.solver.settle_K = 0;       // run to the end
  model.solver.tolerance = 1e-12;  // a build's residuals never get there
  const rt::Grid grid = rt::make_grid(model);
  std::cout << fmt::format("{}: growth {}, {} cells, {} iterations from rest\n", argv[1],
                           build.mesh.growth, grid.total_cells(), model.solver.max_iterations);
  rt::SteadySolver solver(model, grid, rt::SimplecSettings{});
  rt::RunOptions options;
  options.checkpoint_every = 100;  // the checkpoint carries the powers
  options.on_checkpoint = [&](const rt::SolverCheckpoint& c) {
    std::string line = fmt::format("it {:5d}", c.iteration);
    for (std::size_t b = 0; b < model.porous.size(); ++b)
      if (model.porous[b].die_resistance_K_W && model.porous[b].throttle_K)
        line += fmt::format("  {} {:.2f} W", model.porous[b].name, c.porous_power_W[b]);
    std::cout << line << std::endl;
  };
  const rt::Summary s = solver.solve(options);
  for (const rt::ComponentSummary& c : s.components)
    if (c.has_die)
      std::cout << fmt::format("  {}: die {:.2f} °C, {:.2f} of {:.0f} W, intake {:.2f} °C\n",
                               c.name, c.T_die_C, c.power_W, c.full_power_W, c.inlet_air_C);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "rigtherm_throttle_drift: " << e.what() << "\n";
  return 1;
}
