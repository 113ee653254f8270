#pragma once
// SIMPLEC pressure correction (Van Doormaal & Raithby, Numer. Heat Transfer
// 7 (1984) 147-163). With u_f = u*_f + d_f (p'_lo - p'_hi) on every free face,
// continuity of cell P becomes
//
//   sum_f rho d_f A_f (p'_P - p'_nb) = - sum_f rho u*_f A_f   (outward)
//
// a symmetric M-matrix. Fixed faces (walls, inlets, solid surfaces) carry no
// correction; at an opening p' = 0 just outside (Dirichlet). Solid cells are
// inactive rows; porous cells carry flow like air.

#include <cmath>

#include "solver/flow_view.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

struct MassImbalance {
  double imbalance = 0;   // |net outflow| of the cell, kg/s
  double throughput = 0;  // half the sum of |face fluxes|, kg/s
};

RT_HOST_DEVICE inline MassImbalance assemble_pressure_correction(const FlowView& v,
                                                                 const StencilView& S, int i, int j,
                                                                 int k) {
  const MeshView& m = v.mesh;
  const std::size_t P = m.cells.index(i, j, k);
  for (int s = 0; s < kNeighbourSlots; ++s) S.a[s][P] = 0.0;
  if (m.material[P] > 0) {
    S.aP[P] = 0.0;
    S.b[P] = 0.0;
    return {};
  }
  const int c[3] = {i, j, k};
  double aP = 0.0, net_out = 0.0, gross = 0.0;
  for (int a = 0; a < 3; ++a) {
    const Extent fe = v.faces(a);
    const double area = m.width((a + 1) % 3, c[(a + 1) % 3]) * m.width((a + 2) % 3, c[(a + 2) % 3]);
    for (int side = 0; side < 2; ++side) {
      int q[3] = {i, j, k};
      q[a] += side;
      const std::size_t f = fe.index(q[0], q[1], q[2]);
      const double F = (side ? 1.0 : -1.0) * v.props.rho * v.vel[a][f] * area;
      net_out += F;
      gross += std::fabs(F);
      if (v.face_state[a][f] != kFaceFree) continue;
      const double coef = v.props.rho * v.d[a][f] * area;
      aP += coef;
      const int nb = c[a] + (side ? 1 : -1);
      if (nb >= 0 && nb < m.cells.n[a]) S.a[2 * a + side][P] = coef;
    }
  }
  S.aP[P] = aP;
  S.b[P] = -net_out;
  return {std::fabs(net_out), 0.5 * gross};
}

// u_f += d_f (p'_lo - p'_hi) on a free face; p' = 0 outside openings.
RT_HOST_DEVICE inline void correct_face_velocity(const FlowView& v, const double* p_corr, int a,
                                                 int q0, int q1, int q2) {
  const Extent fe = v.faces(a);
  const std::size_t f = fe.index(q0, q1, q2);
  if (v.face_state[a][f] != kFaceFree) return;
  const int q[3] = {q0, q1, q2};
  int lo[3] = {q0, q1, q2};
  lo[a] -= 1;
  const Extent& cells = v.mesh.cells;
  const double pl = q[a] > 0 ? p_corr[cells.index(lo[0], lo[1], lo[2])] : 0.0;
  const double ph = q[a] < cells.n[a] ? p_corr[cells.index(q0, q1, q2)] : 0.0;
  v.vel[a][f] += v.d[a][f] * (pl - ph);
}

}  // namespace rt
