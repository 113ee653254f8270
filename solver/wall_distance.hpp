#pragma once
// The distance from every cell centre to the nearest wall, for the algebraic
// turbulence models: the Poisson method of kernels/wall_distance_k.hpp solved
// once per run (the walls do not move) with the same CG + multigrid as the
// pressure correction.

#include <vector>

#include "solver/flow_view.hpp"
#include "solver/linear/krylov.hpp"
#include "solver/linear/multigrid.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

struct WallDistanceReport {
  LinearSolveReport solve;
  bool has_wall = true;  // false: no wall anywhere, every distance set to the domain diagonal
};

// Fills distance and thickness (m, one per cell, 0 in solid cells: the wall
// distance d and the wall layer's thickness delta of wall_lengths_from_potential).
// `system`, `preconditioner` and `work` are scratch of the cell extent: the
// solver lends its energy and pressure-correction workspace, so the solve
// costs no memory of its own.
WallDistanceReport compute_wall_distance(const FlowView& v, Stencil7& system,
                                         AdditiveCorrectionMultigrid& preconditioner,
                                         KrylovWorkspace& work, std::vector<double>& distance,
                                         std::vector<double>& thickness);

// The same with scratch of its own (tests, tools).
WallDistanceReport compute_wall_distance(const FlowView& v, std::vector<double>& distance,
                                         std::vector<double>& thickness);
WallDistanceReport compute_wall_distance(const FlowView& v, std::vector<double>& distance);

}  // namespace rt
