#pragma once
// Fields of one grid carried onto another grid of the same domain, for grid
// sequencing: a build is first solved on its coarse preview grid, where the
// case-wide flow (which fan feeds which card, where the warm air recirculates)
// settles at a fraction of the cost per iteration, and the fine grid starts
// from that flow instead of from rest. Values are interpolated linearly along
// each axis between the source's sample points (cell centres, or face planes
// along a face array's own axis) and held at the ends; what the fine grid
// resolves that the coarse one did not (thin gaps, boundary layers) is then
// the fine solve's work, and the first pressure correction makes the
// interpolated flow conservative on the fine grid.

#include <vector>

#include "geometry/grid.hpp"

namespace rt {

// A cell-centred field of `from` (p, T) at the cell centres of `to`.
std::vector<double> interpolate_cell_field(const Grid& from, const std::vector<double>& field,
                                           const Grid& to);

// The face velocities of axis `axis` of `from` (staggered, face_extent) at
// the faces of that axis of `to`.
std::vector<double> interpolate_face_field(const Grid& from, const std::vector<double>& field,
                                           int axis, const Grid& to);

}  // namespace rt
