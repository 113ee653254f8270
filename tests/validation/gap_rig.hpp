#pragma once
// The gap test's rig (examples/gap-test/gap-rig.toml): one open-air card
// above a flat plate in open air, the plate moved to a chosen gap, the card
// swapped, solved with the build's own lowering and compared with the
// one-dimensional estimate of scenarios/builds/card_air_path.hpp. Shared by the
// validation test (preview grid) and the long test (default and fine grids).

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "geometry/snapped_grid.hpp"
#include "scenarios/model/air_properties.hpp"
#include "scenarios/builds/board_layout.hpp"
#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/card_air_path.hpp"
#include "scenarios/builds/lower_build.hpp"
#include "solver/steady_solver.hpp"

namespace rt::gap_rig {

// The rig's numbers the test relies on: the card's fan face and the plate's
// thickness, as written in gap-rig.toml.
constexpr double kFanFace_mm = 97.0;
constexpr double kPlate_mm = 2.0;
constexpr const char* kPlateLine =
    "plate = { min_mm = [8, 92.4, 53.3], max_mm = [127, 94.4, 320], removable = false }";

inline std::string rig_text() {
  const std::string path = std::string(RT_SOURCE_DIR) + "/examples/gap-test/gap-rig.toml";
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The rig's text with `card` in slot 1 and the plate `gap_mm` below its fans
// (no plate: free air).
inline std::string rig_with(const std::string& card, std::optional<double> gap_mm) {
  std::string t = rig_text();
  auto replace = [&](const std::string& from, const std::string& to) {
    const std::size_t at = t.find(from);
    if (at == std::string::npos) throw std::runtime_error("gap-rig.toml lacks: " + from);
    t.replace(at, from.size(), to);
  };
  replace("model = \"rtx-2080-ti-fe\"", "model = \"" + card + "\"");
  if (gap_mm) {
    const double top = kFanFace_mm - *gap_mm;
    replace(kPlateLine, fmt::format("plate = {{ min_mm = [8, {}, 53.3], max_mm = [127, {}, 320], "
                                    "removable = false }}",
                                    top - kPlate_mm, top));
  } else {
    replace(kPlateLine, "");
  }
  return t;
}

struct Mesh {
  const char* name;
  double growth;
  int cells_per_gap;
  double max_cell_mm;
};
constexpr Mesh kPreview{"preview", 2.0, 3, 10.0};
constexpr Mesh kDefault{"default", 1.3, 3, 10.0};
constexpr Mesh kFine{"fine", 1.2, 5, 6.0};

struct GapResult {
  std::optional<double> gap_mm;
  double flow_m3_s = 0;      // solver, through the fin stack
  double estimate_m3_s = 0;  // one-dimensional network
  double die_C = 0;
  double intake_C = 0;
  std::size_t cells = 0;
  int iterations = 0;
  double wall_s = 0;
};

inline GapResult run(const std::string& card, std::optional<double> gap_mm, const Mesh& mesh,
                     int max_iterations) {
  GapResult r;
  r.gap_mm = gap_mm;
  BuildScenario b = parse_build_scenario(rig_with(card, gap_mm), "gap-rig(" + card + ")");
  b.mesh.growth = mesh.growth;
  b.mesh.min_cells_per_gap = mesh.cells_per_gap;
  b.mesh.max_cell_m = mesh.max_cell_mm * 1e-3;
  Model model = lower_build(b);
  model.solver.max_iterations = max_iterations;
  const Grid grid = make_grid(model);
  r.cells = grid.total_cells();
  SteadySolver solver(model, grid, SimplecSettings{});
  const Summary s = solver.solve(RunOptions{});
  r.iterations = s.iterations;
  r.wall_s = s.wall_time_s;
  for (const ComponentSummary& c : s.components)
    if (c.name == "gpu1.fins") {
      r.flow_m3_s = c.flow_m3_s;
      r.die_C = c.T_die_C;
      r.intake_C = c.inlet_air_C;
    }
  const GpuModel& gm = b.gpus.at(0).model;
  std::optional<FacingGap> gap;
  // The air enters the gap at the card's tail and along its outer edge,
  // and along the board through the slit between the card's slot edge and
  // the board (the case's rear wall closes the fourth side); it runs from
  // an edge to the fan holes across the card's height.
  if (gap_mm)
    gap = FacingGap{
        *gap_mm * 1e-3, gm.length_m + gm.height_m, 0.5 * (gm.height_m - gm.fan_diameter_m),
        gm.length_m,    kCardEdgeAbove_m,          gm.thickness_m};
  const double speed = b.gpus.at(0).fan_speed_pct.value_or(100.0) / 100.0;
  r.estimate_m3_s =
      estimate_card_air_path(gm, speed, gap, model.fluid.density_kg_m3, model.fluid.viscosity_Pa_s)
          .flow_m3_s;
  std::cout << fmt::format(
      "{} {} grid ({} cells): gap {}: fins {:.2f} L/s, estimate {:.2f} L/s ({:+.0f} %), die "
      "{:.1f} °C, intake {:.1f} °C; {} iterations, {:.0f} s ({})\n",
      card, mesh.name, r.cells, gap_mm ? fmt::format("{} mm", *gap_mm) : std::string("none"),
      r.flow_m3_s * 1e3, r.estimate_m3_s * 1e3, 100.0 * (r.flow_m3_s / r.estimate_m3_s - 1.0),
      r.die_C, r.intake_C, r.iterations, r.wall_s, s.stop_reason);
  return r;
}

}  // namespace rt::gap_rig
