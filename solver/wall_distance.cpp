#include "solver/wall_distance.hpp"

#include <cmath>
#include <cstdint>

#include "solver/kernels/wall_distance_k.hpp"
#include "solver/parallel/for_each.hpp"

namespace rt {

WallDistanceReport compute_wall_distance(const FlowView& v, Stencil7& system,
                                         AdditiveCorrectionMultigrid& preconditioner,
                                         KrylovWorkspace& work, std::vector<double>& distance,
                                         std::vector<double>& thickness) {
  const Extent C = v.mesh.cells;
  system.resize(C);
  const StencilView S = system.view();
  for_each_point(C, [=](int i, int j, int k) { assemble_wall_distance_poisson(v, S, i, j, k); });

  WallDistanceReport report;
  distance.assign(C.size(), 0.0);
  thickness.assign(C.size(), 0.0);
  // Without any wall (no "wall" face, no block) the system is singular and
  // no cell is near a wall: the domain diagonal stands for "far".
  const double wall_links = sum_over_range(C.size(), [=](std::size_t P) {
    double links = 0.0;
    for (int s = 0; s < kNeighbourSlots; ++s) links += S.a[s][P];
    return S.aP[P] - links;
  });
  if (!(wall_links > 0.0)) {
    report.has_wall = false;
    double diagonal2 = 0.0;
    for (int a = 0; a < 3; ++a) {
      const double L = v.mesh.edge[a][C.n[a]] - v.mesh.edge[a][0];
      diagonal2 += L * L;
    }
    const double diagonal = std::sqrt(diagonal2);
    const std::int32_t* mat = v.mesh.material;
    double* d = distance.data();
    double* delta = thickness.data();
    for_each_index(C.size(), [=](std::size_t P) {
      d[P] = mat[P] > 0 ? 0.0 : diagonal;
      delta[P] = d[P];
    });
    return report;
  }

  std::vector<double> phi(C.size(), 0.0);
  preconditioner.build(system);
  // Solved once per run: a tight tolerance costs little next to the flow.
  report.solve = solve_cg(system, phi, preconditioner, LinearSolveSettings{1e-10, 0.0, 1000}, work);
  const double* ph = phi.data();
  double* d = distance.data();
  double* delta = thickness.data();
  for_each_point(C, [=](int i, int j, int k) {
    const WallLengths l = wall_lengths_from_potential(v, ph, i, j, k);
    const std::size_t P = C.index(i, j, k);
    d[P] = l.distance;
    delta[P] = l.thickness;
  });
  return report;
}

WallDistanceReport compute_wall_distance(const FlowView& v, std::vector<double>& distance,
                                         std::vector<double>& thickness) {
  Stencil7 system;
  AdditiveCorrectionMultigrid preconditioner;
  KrylovWorkspace work;
  return compute_wall_distance(v, system, preconditioner, work, distance, thickness);
}

WallDistanceReport compute_wall_distance(const FlowView& v, std::vector<double>& distance) {
  std::vector<double> thickness;
  return compute_wall_distance(v, distance, thickness);
}

}  // namespace rt
