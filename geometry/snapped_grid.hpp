#pragma once
// Object-snapped rectilinear grids: every face of every solid part is a grid
// line (so boxes voxelize exactly), no cell is larger than max_cell_m, every
// air gap between two parts that face each other (or a part and the domain
// wall) has at least min_cells_per_gap cells across it, and neighbouring
// cells differ in size by at most the growth ratio.
//
// Per axis: the required lines cut [0, L] into intervals; an interval inside
// a gap wants cells of gap / min_cells_per_gap, others max_cell_m. A size
// field h(x) = min over intervals (h_i + (growth - 1) * distance to the
// interval) lets small cells grow geometrically into large ones; each
// interval is filled with cells of equal integral of 1/h. The field grows at
// 80 % of the allowed rate; where rounding the cell counts still leaves the
// cells on the two sides of a line too different, the count on the coarser
// side is raised until the growth bound holds.

#include <array>
#include <vector>

#include "geometry/grid.hpp"
#include "scenarios/model/model.hpp"

namespace rt {

// An interval [lo, hi] along one axis that needs min_cells_per_gap cells.
struct Gap {
  double lo = 0;
  double hi = 0;
};

// Cell edges on [0, length] containing every line (within 1e-9 length).
std::vector<double> snapped_axis_edges(double length, std::vector<double> lines,
                                       const std::vector<Gap>& gaps,
                                       const SnappedGridSpec& controls);

// The lines and gaps of the model's blocks along axis a: block faces (and
// the edges of vents on the faces across this axis), and
// the air between two blocks (or a block and the domain wall) whose
// footprints across the other two axes overlap.
std::vector<double> block_lines(const Model& model, int axis);
std::vector<Gap> block_gaps(const Model& model, int axis);

Grid make_snapped_grid(const Model& model, const SnappedGridSpec& controls);

// The grid a model asks for: uniform `cells`, or snapped when the model
// carries grid controls.
Grid make_grid(const Model& model);

}  // namespace rt
