#pragma once
// Where a model's parts land on its grid, and what makes a model unsolvable
// there: a block or fin stack that covers no cell centre, a vent or fan
// smaller than a cell face or overlapping another on its plane, heat with
// no way out of a steady run. FlowState places every solve with it, and
// `rigtherm check` and `sweep --dry-run` check with it, so they refuse what
// a run would refuse, in the same words, without allocating the fields
// (about 10 B per cell: the materials and the patch maps).

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "geometry/grid.hpp"
#include "scenarios/model/model.hpp"

namespace rt {

// A face closed by a round fan's hub or frame inside the domain.
struct ClosedFace {
  int axis;
  std::size_t index;
};

struct ModelPlacement {
  std::vector<std::int32_t> material;  // per cell: 0 air, b+1 block b, -(p+1) porous block p
  // Per domain face, the patch (vents first, then fans) on each of its
  // boundary faces, -1 none; empty when the face has none.
  std::array<std::vector<std::int16_t>, kFaceCount> patch_of;
  // Per axis, the patch on each face of that axis inside the domain.
  std::array<std::vector<std::int16_t>, 3> internal_patch_of;
  std::vector<ClosedFace> closed_faces;
};

// Throws std::invalid_argument naming the part when one cannot be placed.
ModelPlacement place_model(const Model& model, const Grid& grid);

// Whether the model releases heat, and whether any boundary, vent or fan
// fixes a temperature (a way for it out).
struct HeatPaths {
  bool heat_input = false;
  bool fixed_temperature = false;
};
HeatPaths heat_paths(const Model& model);

// Throws std::invalid_argument ("no steady state: ...") for a steady model
// whose heat cannot leave.
void check_heat_can_leave(const Model& model);

// Everything above that a run would refuse, in the order a run meets it.
void check_solvable(const Model& model, const Grid& grid);

// What place_model holds while it checks: the materials (4 B per cell) and
// the patch maps (2 B per face, three faces per cell).
constexpr double kPlacementBytesPerCell = 10.0;

// Whether place_model on `grid` takes at most half the memory available
// (true when that cannot be told). Callers that only check (`check --force`
// and the sweep on a grid beyond memory) skip the placement otherwise: such
// a grid is the memory refusal's.
bool placement_fits_in_memory(const Grid& grid);

}  // namespace rt
