#pragma once
// Which cell faces of a plane a vent or fan covers. The plane is normal to
// `axis`; its cell faces are indexed by the two tangential axes t1 = axis+1,
// t2 = axis+2 (mod 3), as the solver's boundary patch maps are.
//
// A rectangle covers the faces whose centres lie inside it. A round fan
// covers an annulus: faces are taken in order of their centre's distance from
// the disc's centre until their area is closest to the true disc area, and
// the hub likewise, so the voxelized fan passes the flow of the real one on
// any grid (a staircase disc picked by centres alone is up to a few cells
// off, a 10-20 % area error for a 120 mm fan on 10 mm cells).

#include <vector>

#include "geometry/grid.hpp"
#include "scenarios/model/model.hpp"

namespace rt {

struct PlaneFace {
  int t1 = 0;  // cell index along axis+1
  int t2 = 0;  // cell index along axis+2
};

struct PlanePatchCells {
  std::vector<PlaneFace> open;  // where air passes (the fan annulus, the vent)
  std::vector<PlaneFace> hub;   // a round fan's hub: closed to flow
  std::vector<PlaneFace> frame; // a round fan's square frame outside the disc: closed
  double open_area_m2 = 0;
};

// `lo`, `hi`: the rectangle (its axis components are ignored). diameter 0:
// the whole rectangle; otherwise the disc centred in it, hub closed, and the
// rest of the rectangle is the fan's frame (a real axial fan sits in a square
// housing, a GPU fan in its shroud's opening: air does not pass its corners).
PlanePatchCells plane_patch_cells(const Grid& grid, int axis, const Vec3& lo, const Vec3& hi,
                                  double diameter_m = 0.0, double hub_diameter_m = 0.0);

// Index of the grid line (cell edge) along `axis` nearest to x.
int nearest_grid_line(const Grid& grid, int axis, double x);

}  // namespace rt
