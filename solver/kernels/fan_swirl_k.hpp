#pragma once
// Swirl behind a round axial fan: the air leaving the blades turns about the
// fan axis. With n the blowing direction (unit, along axis b), c the disc
// centre and omega = s * 2 pi rpm / 60 * speed (s the swirl fraction), the
// tangential velocity just downstream of the disc is the solid-body value
//
//   u_target = omega n x (x - c),   |u_target| = s omega_fan r,
//
// imposed on the in-plane velocity components (axes other than b) of the
// faces in the first cell layer downstream of the fan plane, inside the
// annulus r_hub <= r <= r_tip (r of the face centre; the hub's wake keeps
// what the flow gives it). Momentum of such a face gets an implicit source
//
//   S = -C (u - u_target),   C = kSwirlPin * aP,
//
// aP the face's own assembled diagonal (convection, diffusion, porous and
// time terms). A penalty relative to the row itself pins u to within about
// 1/kSwirlPin of the target on any grid and in any flow: a physical
// actuator-disc coefficient (the fan's mass flux rho |u_n| A) is of the same
// order as the upwind inflow of unswirled air it competes with, so a coarse
// grid would keep only about half the swirl. The penalty only adds to the
// diagonal: the row stays an M-matrix, more diagonally dominant than before,
// and its SIMPLEC factor d shrinks, so the pressure correction leaves these
// faces nearly alone, as it leaves fixed faces (an inlet) alone; SIMPLEC is
// not destabilised. Under-relaxation then closes a fixed fraction of the gap
// to the target each outer iteration. Since a Cartesian face carries one
// component, the radial part of the in-plane velocity is held at zero in that
// layer too (the blades' exit flow is axial plus swirl). The solid-body
// target is discretely divergence-free on the MAC grid (each in-plane
// component varies only across its own axis), so it adds no mass. Blade
// element theory would give a profile of u_theta(r); s omega r is the usual
// first model (Wilson & Lissaman's actuator disc with constant circulation
// per radius would give 1/r instead: not modelled).

#include <cmath>

#include "solver/flow_view.hpp"

namespace rt {

// How strongly a swirling face is pinned to its target, relative to its own
// diagonal: the steady error is about 1/kSwirlPin of the target.
constexpr double kSwirlPin = 1.0e3;

// The patch of a swirling fan whose disc feeds cell c (in range) from
// upstream along axis b, or -1: a fan on the b-face below c blowing +b, or
// on the one above blowing -b (on a domain face, an intake). `blow` gets the
// blowing direction along b (+1 or -1).
RT_HOST_DEVICE inline int swirl_patch_feeding(const FlowView& v, int b, const int c[3], int& blow) {
  const Extent& cells = v.mesh.cells;
  const int t1 = (b + 1) % 3, t2 = (b + 2) % 3;
  for (int side = 0; side < 2; ++side) {
    const int qb = c[b] + side;  // the b-face below (side 0) or above (side 1) the cell
    const int want = side ? -1 : 1;
    int patch = -1, dir = 0;
    if (qb > 0 && qb < cells.n[b]) {
      const std::int16_t* map = v.bc.internal_patch_of[b];
      if (!map) continue;
      int q[3] = {c[0], c[1], c[2]};
      q[b] = qb;
      patch = map[v.faces(b).index(q[0], q[1], q[2])];
      if (patch >= 0) dir = v.bc.patches[patch].fan_direction;
    } else {
      const std::int16_t* map = v.bc.patch_of[domain_face(b, side)];
      if (!map) continue;
      patch = map[c[t1] + cells.n[t1] * c[t2]];
      // On a domain face fan_direction is +1 for an intake: into the domain.
      if (patch >= 0) dir = v.bc.patches[patch].fan_direction * want;
    }
    if (patch < 0 || dir != want || v.bc.patches[patch].swirl_omega == 0.0) continue;
    blow = want;
    return patch;
  }
  return -1;
}

// Target of the in-plane velocity component `a` at position x behind a
// swirling fan on axis b blowing `blow`: omega (blow e_b) x (x - c), the
// a-component. Sets inside to whether x lies in the blade annulus.
RT_HOST_DEVICE inline double swirl_target(const BoundarySpec& fan, int b, int blow, int a,
                                          const double x[3], bool& inside) {
  const int t1 = (b + 1) % 3, t2 = (b + 2) % 3;
  const double d1 = x[t1] - fan.swirl_centre[t1];
  const double d2 = x[t2] - fan.swirl_centre[t2];
  const double r = std::sqrt(d1 * d1 + d2 * d2);
  inside = r >= fan.swirl_r_hub && r <= fan.swirl_r_tip;
  // e_b x (d1 e_t1 + d2 e_t2) = d1 e_t2 - d2 e_t1.
  const double cross = a == t2 ? d1 : -d2;
  return blow * fan.swirl_omega * cross;
}

// The swirl penalty on the momentum of face q of axis a: for each fan axis b
// other than a, the face lies in cell layer q[b]; if a swirling fan feeds
// either cell beside the face from upstream and the face centre is in its
// annulus, aP += C and src += C u_target (C = kSwirlPin aP, see above).
// Scenarios without swirl return at the first test and change nothing.
RT_HOST_DEVICE inline void add_fan_swirl_terms(const FlowView& v, int a, const int q[3], double& aP,
                                               double& src) {
  if (!v.bc.any_swirl) return;
  const MeshView& m = v.mesh;
  const double x[3] = {a == 0 ? m.edge[0][q[0]] : m.xc(0, q[0]),
                       a == 1 ? m.edge[1][q[1]] : m.xc(1, q[1]),
                       a == 2 ? m.edge[2][q[2]] : m.xc(2, q[2])};
  for (int b = 0; b < 3; ++b) {
    if (b == a) continue;
    for (int side = 0; side < 2; ++side) {
      int c[3] = {q[0], q[1], q[2]};
      c[a] = q[a] - 1 + side;
      if (c[a] < 0 || c[a] >= m.cells.n[a]) continue;
      int blow = 0;
      const int patch = swirl_patch_feeding(v, b, c, blow);
      if (patch < 0) continue;
      bool inside = false;
      const double target = swirl_target(v.bc.patches[patch], b, blow, a, x, inside);
      if (!inside) return;
      const double C = kSwirlPin * aP;
      aP += C;
      src += C * target;
      return;
    }
  }
}

}  // namespace rt
