#pragma once
// Wall distance from a Poisson equation (Spalding; Tucker, "Differential
// equation-based wall distance computation for DES and RANS", J. Comput.
// Phys. 190 (2003) 229-248):
//
//   lap(phi) = -1 in air and porous cells, phi = 0 on walls,
//   d = -|grad phi| + sqrt(|grad phi|^2 + 2 phi).
//
// Exact for parallel plates (phi = y (H - y) / 2 gives d = min(y, H - y));
// near any wall d tends to the true distance, farther out it is a smooth
// estimate (too small in corners, too large in wide gaps), which is all an
// algebraic model's length scale needs.
//
// Walls (phi = 0 on the face, conducting over the half cell): no-slip domain
// faces ("wall") and the surfaces of solid blocks. Every other boundary is
// zero-gradient: symmetry planes, inlets, openings, vents and fans are not
// surfaces the air rubs on, and a fan or vent must not reset the turbulence
// of the air passing through it. Porous cells are part of the field (their
// fins are not resolved; the air beside a heat sink is not at a wall).
//
// Discretised like the pressure correction: a symmetric M-matrix with
// A / distance links, solid cells inactive rows (phi held at 0).

#include <cmath>

#include "solver/flow_view.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

// Rows of -lap(phi) = 1 times the cell volume.
RT_HOST_DEVICE inline void assemble_wall_distance_poisson(const FlowView& v, const StencilView& S,
                                                          int i, int j, int k) {
  const MeshView& m = v.mesh;
  const std::size_t P = m.cells.index(i, j, k);
  for (int s = 0; s < kNeighbourSlots; ++s) S.a[s][P] = 0.0;
  if (m.material[P] > 0) {
    S.aP[P] = 0.0;
    S.b[P] = 0.0;
    return;
  }
  const int c[3] = {i, j, k};
  double aP = 0.0;
  for (int a = 0; a < 3; ++a) {
    const double area = m.width((a + 1) % 3, c[(a + 1) % 3]) * m.width((a + 2) % 3, c[(a + 2) % 3]);
    const long st = static_cast<long>(m.cells.stride(a));
    for (int side = 0; side < 2; ++side) {
      const int dir = side ? 1 : -1;
      const int nb = c[a] + dir;
      const double half = std::fabs(m.edge[a][c[a] + side] - m.xc(a, c[a]));
      if (nb >= 0 && nb < m.cells.n[a]) {
        if (m.material[P + dir * st] > 0) {
          aP += area / half;  // block surface
        } else {
          const double coef = area / std::fabs(m.xc(a, nb) - m.xc(a, c[a]));
          S.a[2 * a + side][P] = coef;
          aP += coef;
        }
        continue;
      }
      if (boundary_at(v, domain_face(a, side), c).kind == kWall) aP += area / half;
    }
  }
  S.aP[P] = aP;
  S.b[P] = m.width(0, i) * m.width(1, j) * m.width(2, k);
}

// |grad phi|^2 of air cell (i, j, k) from the converged phi: the Green-Gauss
// gradient, face values linear between cell centres, 0 on walls and block
// surfaces, the cell's own on zero-gradient boundaries.
RT_HOST_DEVICE inline double potential_gradient2(const FlowView& v, const double* phi, int i,
                                                 int j, int k) {
  const MeshView& m = v.mesh;
  const std::size_t P = m.cells.index(i, j, k);
  const int c[3] = {i, j, k};
  double g2 = 0.0;
  for (int a = 0; a < 3; ++a) {
    const long st = static_cast<long>(m.cells.stride(a));
    double face[2];
    for (int side = 0; side < 2; ++side) {
      const int dir = side ? 1 : -1;
      const int nb = c[a] + dir;
      const double edge = m.edge[a][c[a] + side];
      if (nb >= 0 && nb < m.cells.n[a]) {
        const std::size_t N = P + dir * st;
        if (m.material[N] > 0) {
          face[side] = 0.0;
        } else {
          const double w = std::fabs(edge - m.xc(a, c[a])) / std::fabs(m.xc(a, nb) - m.xc(a, c[a]));
          face[side] = phi[P] + w * (phi[N] - phi[P]);
        }
        continue;
      }
      face[side] = boundary_at(v, domain_face(a, side), c).kind == kWall ? 0.0 : phi[P];
    }
    const double g = (face[1] - face[0]) / m.width(a, c[a]);
    g2 += g * g;
  }
  return g2;
}

// Where cell (i, j, k) sits in the passage it belongs to, from the converged phi.
struct WallLengths {
  double distance;   // d = -|grad phi| + sqrt(|grad phi|^2 + 2 phi), m
  double thickness;  // delta = sqrt(|grad phi|^2 + 2 phi) = d + |grad phi|, m
};

// d and delta of cell (i, j, k); 0 in solid cells. delta is the local
// thickness of the wall layer the cell belongs to: between parallel plates
// (phi = y (H - y) / 2) it is H / 2 at every height, the half-width that
// bounds a channel's turbulent length scale (turbulence_k.hpp); in a round
// pipe of radius R it runs from R / 2 at the wall to R / sqrt(2) on the axis.
RT_HOST_DEVICE inline WallLengths wall_lengths_from_potential(const FlowView& v, const double* phi,
                                                              int i, int j, int k) {
  const std::size_t P = v.mesh.cells.index(i, j, k);
  if (v.mesh.material[P] > 0 || !(phi[P] > 0.0)) return {0.0, 0.0};
  const double g2 = potential_gradient2(v, phi, i, j, k);
  const double root = std::sqrt(g2 + 2.0 * phi[P]);
  // -|g| + root without the cancellation far from walls.
  return {2.0 * phi[P] / (std::sqrt(g2) + root), root};
}

}  // namespace rt
