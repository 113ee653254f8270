// Lowering a build scenario to the generic Model. What each part becomes,
// the formulas and which values are estimates: docs/build-scenarios.md,
// "How a build becomes a model". Axes and names: lower_build.hpp.
//
// The parts' own steps are in lower/ (one file per part kind).
//
// Order: domain and physics; fans on the walls (case fans, an AIO's fans,
// the PSU's exhaust), then everything inside (board, GPUs, CPU cooler, PSU,
// shroud, obstructions, drives), then the vents on the walls (card brackets,
// blank slot covers, the case's grilles) with the wall patches already taken
// cut out, so that no vent overlaps a fan or another vent; finally a check
// that no two solid or porous parts overlap.

#include "scenarios/builds/lower_build.hpp"

#include <utility>

#include "scenarios/builds/lower/lowering.hpp"
#include "scenarios/model/air_properties.hpp"

namespace rt {
namespace lowering {
namespace {

// The turbulence model of lowered builds, the one place that chooses it:
// LVEL, the algebraic model for cluttered enclosures (issue 4). Case flows
// reach Re ~ 1e4 in the fan jets and between the cards, where laminar
// viscosity alone leaves the jets unsteady and the steady solve wandering.
constexpr Turbulence kBuildTurbulence = Turbulence::lvel;

}  // namespace

void Lowering::lower() {
  const CaseModel& c = s.case_model;
  m.source_name = s.source_name;
  m.size_m = c.interior_m;
  m.cells = {1, 1, 1};
  m.snapped_grid = SnappedGridSpec{s.mesh.max_cell_m, s.mesh.min_cells_per_gap, s.mesh.growth};
  // A grid that is itself the preview (or near it) gains nothing from one.
  if (s.mesh.preview_start && s.mesh.growth < kMaxPreviewGrowth)
    m.preview_grid =
        SnappedGridSpec{s.mesh.max_cell_m, s.mesh.min_cells_per_gap, kMaxPreviewGrowth};
  m.fluid = dry_air_at(s.ambient_K);
  m.physics.gravity_m_s2 = {0.0, -9.81, 0.0};  // y is up in the case frame
  m.physics.reference_T_K = s.ambient_K;
  m.physics.turbulence = kBuildTurbulence;
  m.solver = s.solver;
  rho = m.fluid.density_kg_m3;
  k_air = m.fluid.conductivity_W_mK;
  case_walls();

  case_fans();
  board();
  for (std::size_t i = 0; i < s.gpus.size(); ++i) gpu(i);
  if (s.cpu) cpu();
  if (s.psu) psu();
  shroud_and_obstructions();
  drives();
  slot_vents();
  case_vents();
  case_fan_controls();
  quantize();
  check_overlaps();
}

void Lowering::check_overlaps() const {
  struct Named {
    const std::string* name;
    Box box;
  };
  std::vector<Named> all;
  for (const Block& b : m.blocks) all.push_back({&b.name, Box{b.min_m, b.max_m}});
  for (const PorousBlock& p : m.porous) all.push_back({&p.name, Box{p.min_m, p.max_m}});
  for (std::size_t i = 0; i < all.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (positive_overlap(all[i].box, all[j].box, -1))
        throw ScenarioError(s.source_name, 0, "",
                            "the lowered parts '" + *all[i].name + "' and '" + *all[j].name +
                                "' overlap; the build cannot be modelled as placed");
}

}  // namespace lowering

std::string lowered_gpu_name(std::size_t index) { return "gpu" + std::to_string(index + 1); }

Model lower_build(const BuildScenario& build, std::vector<std::string>* notes) {
  lowering::Lowering l{build, notes, {}, {}, 0, 0};
  l.lower();
  return std::move(l.m);
}

}  // namespace rt
