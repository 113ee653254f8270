#include "solver/model_placement.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>

#include "geometry/plane_patch.hpp"
#include "geometry/voxelize.hpp"
#include "solver/core/extent.hpp"
#include "solver/memory_estimate.hpp"

namespace rt {

HeatPaths heat_paths(const Model& model) {
  HeatPaths h;
  for (const Block& b : model.blocks) h.heat_input = h.heat_input || b.power_W != 0.0;
  for (const PorousBlock& b : model.porous) h.heat_input = h.heat_input || b.power_W != 0.0;
  for (const Boundary& b : model.boundary) {
    h.fixed_temperature = h.fixed_temperature ||
                          (b.type == BoundaryType::wall && b.T_K.has_value()) ||
                          b.type == BoundaryType::inlet || b.type == BoundaryType::opening;
    h.heat_input = h.heat_input || b.heat_flux_W_m2.value_or(0.0) != 0.0;
  }
  if (!model.vents.empty() || !model.fans.empty()) h.fixed_temperature = true;
  return h;
}

void check_heat_can_leave(const Model& model) {
  const HeatPaths h = heat_paths(model);
  // A transient run has an answer either way: the heat is stored.
  if (h.heat_input && !h.fixed_temperature && model.solver.mode == SolveMode::steady)
    throw std::invalid_argument(
        "no steady state: heat is released but cannot leave the domain; give a boundary a fixed "
        "temperature (wall T_C) or let air through it (inlet or opening)");
}

ModelPlacement place_model(const Model& model, const Grid& grid) {
  ModelPlacement out;
  Extent cells;
  for (int a = 0; a < 3; ++a) cells.n[a] = grid.cells(a);

  out.material = voxelize_blocks(grid, model.blocks);
  const auto block_cells = count_block_cells(out.material, model.blocks.size());
  for (std::size_t b = 0; b < model.blocks.size(); ++b)
    if (block_cells[b] == 0)
      throw std::invalid_argument("block '" + model.blocks[b].name +
                                  "' is thinner than one cell and covers no cell centre; "
                                  "refine [grid] cells or enlarge the block");

  voxelize_porous(grid, model.porous, out.material);
  for (std::size_t p = 0; p < model.porous.size(); ++p) {
    if (std::find(out.material.begin(), out.material.end(), -static_cast<std::int32_t>(p + 1)) ==
        out.material.end())
      throw std::invalid_argument("porous block '" + model.porous[p].name +
                                  "' covers no air cell centre; refine the grid or enlarge it");
  }

  // Patches: the vents, then the fans (patch index = vents + fan index).
  struct Placement {
    const std::string* name;
    std::optional<int> internal_axis;
    Face face;
    Vec3 lo, hi;
    double diameter, hub;
  };
  std::vector<Placement> places;
  for (const Vent& vent : model.vents)
    places.push_back({&vent.name, vent.internal_axis, vent.face, vent.min_m, vent.max_m, 0.0, 0.0});
  for (const Fan& fan : model.fans)
    places.push_back({&fan.name, fan.internal_axis, fan.face, fan.min_m, fan.max_m, fan.diameter_m,
                      fan.hub_diameter_m});
  auto too_small = [](const std::string& name) {
    return std::invalid_argument("'" + name +
                                 "' is smaller than one cell and covers no cell face; refine the "
                                 "grid or enlarge it");
  };
  struct FrameFace {
    int axis;
    std::size_t index;
    std::size_t patch;
  };
  std::vector<FrameFace> frames;
  for (std::size_t p = 0; p < places.size(); ++p) {
    const Placement& r = places[p];
    const int a = r.internal_axis ? *r.internal_axis : face_axis(r.face);
    const PlanePatchCells covered = plane_patch_cells(grid, a, r.lo, r.hi, r.diameter, r.hub);
    if (covered.open.empty()) throw too_small(*r.name);
    const int t1 = (a + 1) % 3, t2 = (a + 2) % 3;
    if (!r.internal_axis) {
      // Hub faces on a domain face keep the face's own condition (a wall).
      std::vector<std::int16_t>& patch_of = out.patch_of[static_cast<int>(r.face)];
      if (patch_of.empty())
        patch_of.assign(static_cast<std::size_t>(cells.n[t1]) * cells.n[t2], -1);
      for (const PlaneFace& f : covered.open)
        patch_of[f.t1 + static_cast<std::size_t>(cells.n[t1]) * f.t2] =
            static_cast<std::int16_t>(p);
      continue;
    }
    // On a plane inside the domain: the faces on the grid line nearest to it
    // (the snapped grid puts a line there).
    const int line = nearest_grid_line(grid, a, r.lo[a]);
    if (line <= 0 || line >= cells.n[a])
      throw std::invalid_argument("'" + *r.name +
                                  "' lies on the domain boundary; put it on a face instead");
    const Extent fe = face_extent(cells, a);
    std::vector<std::int16_t>& patch_of = out.internal_patch_of[a];
    if (patch_of.empty()) patch_of.assign(fe.size(), -1);
    auto face_at = [&](const PlaneFace& f) {
      int q[3];
      q[a] = line;
      q[t1] = f.t1;
      q[t2] = f.t2;
      return fe.index(q[0], q[1], q[2]);
    };
    for (const PlaneFace& f : covered.open) {
      std::int16_t& slot = patch_of[face_at(f)];
      if (slot >= 0)
        throw std::invalid_argument("'" + *r.name + "' overlaps '" +
                                    *places[static_cast<std::size_t>(slot)].name +
                                    "' on the same plane");
      slot = static_cast<std::int16_t>(p);
    }
    for (const PlaneFace& f : covered.hub) out.closed_faces.push_back({a, face_at(f)});
    for (const PlaneFace& f : covered.frame) frames.push_back({a, face_at(f), p});
  }
  // A round fan's frame closes the corners of its square; checked after all
  // patches are placed, as a later patch may claim a face of an earlier frame.
  for (const FrameFace& f : frames) {
    const std::int16_t slot = out.internal_patch_of[f.axis][f.index];
    if (slot >= 0 && static_cast<std::size_t>(slot) != f.patch)
      throw std::invalid_argument("'" + *places[static_cast<std::size_t>(slot)].name +
                                  "' overlaps the square frame of the round fan '" +
                                  *places[f.patch].name + "' on the same plane");
    out.closed_faces.push_back({f.axis, f.index});
  }
  return out;
}

bool placement_fits_in_memory(const Grid& grid) {
  const std::optional<double> available = available_memory_bytes();
  return !available ||
         kPlacementBytesPerCell * static_cast<double>(grid.total_cells()) <= 0.5 * *available;
}

void check_solvable(const Model& model, const Grid& grid) {
  (void)place_model(model, grid);
  check_heat_can_leave(model);
}

}  // namespace rt
