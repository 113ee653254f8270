#pragma once
// Energy in air and solid blocks (conjugate heat transfer):
//
//   [rho c_p V dT/dt] + sum_f cp F_f T_f - sum_f k_f A_f dT/dn = q''' V
//
// Conduction across a face uses the series (harmonic-mean) conductance
// A / (d_P/k_P + d_N/k_N) (Patankar 1980, sec. 4.2-3), exact for a linear
// profile in each material; convection is upwind + TVD deferred correction
// in air, zero through solid faces (their velocity is fixed at 0). Boundary
// faces: fixed-T walls conduct over the half cell, heat-flux walls add q A,
// air entering through inlets and openings brings its temperature, air
// leaving carries the cell's own (zero gradient). Continuity-corrected form
// aP = sum a_nb as in momentum_k.hpp. The time term (transient runs only)
// is implicit (time_k.hpp) with the cell's own rho c_p: air's, a block's
// density x specific heat, or a porous block's air plus its fins' mass.
// aP = sum a_nb as in momentum_k.hpp. In a turbulent run the conductivity
// of air cells is k + cp mu_t / Pr_t (turbulence_k.hpp); over the half cell
// next to a fixed-temperature wall or a block surface mu_t is the wall
// viscosity's, as for the shear (the law of the wall at that cell).

#include <cmath>

#include "solver/flow_view.hpp"
#include "solver/kernels/convection_k.hpp"
#include "solver/kernels/residual_k.hpp"
#include "solver/kernels/time_k.hpp"
#include "solver/kernels/turbulence_k.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

// Outward mass flux (kg/s) through the side of cell c normal to axis a.
RT_HOST_DEVICE inline double cell_face_mass_flux(const FlowView& v, const int c[3], int a,
                                                 int side) {
  const MeshView& m = v.mesh;
  int q[3] = {c[0], c[1], c[2]};
  q[a] += side;
  const double area = m.width((a + 1) % 3, c[(a + 1) % 3]) * m.width((a + 2) % 3, c[(a + 2) % 3]);
  return (side ? 1.0 : -1.0) * v.props.rho * v.vel[a][v.faces(a).index(q[0], q[1], q[2])] * area;
}

// Conductivity of cell P, W/(m K): its material's, plus the turbulent part in
// air; `at_wall` for the half cell between an air cell and a wall or solid.
RT_HOST_DEVICE inline double cell_conductivity(const FlowView& v, std::size_t P, bool at_wall) {
  return v.mesh.conductivity[P] + turbulent_conductivity(v, P, at_wall);
}

// Conductance (W/K) between the centre of cell c and the domain face it
// touches on (a, side): the half cell in the cell's own material.
RT_HOST_DEVICE inline double boundary_conductance(const FlowView& v, const int c[3], int a,
                                                  int side, bool at_wall = true) {
  const MeshView& m = v.mesh;
  const double area = m.width((a + 1) % 3, c[(a + 1) % 3]) * m.width((a + 2) % 3, c[(a + 2) % 3]);
  const double half = std::fabs(m.edge[a][c[a] + side] - m.xc(a, c[a]));
  return cell_conductivity(v, m.cells.index(c[0], c[1], c[2]), at_wall) * area / half;
}

// Conductance (W/K) from the centre of cell c to the temperature a wall with
// has_T imposes: the half cell, and for a wall with an outside film (U > 0)
// that film and panel in series, so q = G (T_P - T_outside).
RT_HOST_DEVICE inline double wall_conductance(const FlowView& v, const BoundarySpec& b,
                                              const int c[3], int a, int side) {
  const double G = boundary_conductance(v, c, a, side);
  if (!(b.wall_U > 0.0)) return G;
  const MeshView& m = v.mesh;
  const double area = m.width((a + 1) % 3, c[(a + 1) % 3]) * m.width((a + 2) % 3, c[(a + 2) % 3]);
  return 1.0 / (1.0 / G + 1.0 / (b.wall_U * area));
}

// Conduction (W/K) across an inlet or opening to the outside air, weighted by
// Patankar's power law A(|Pe|) = max(0, 1 - 0.1 |Pe|)^5 on the face Peclet
// number cp |F| / G (Patankar 1980, sec. 5.2-7): the whole half-cell
// conductance while the air rests, nothing once it passes at |Pe| >= 10, as
// the exact 1-D convection-diffusion solution has it. Without it an enclosure
// whose only ways out are fans that have not started yet has no heat path in
// the first iterations: its energy equation is singular and drifts without
// bound.
RT_HOST_DEVICE inline double opening_conductance(const FlowView& v, const int c[3], int a, int side,
                                                 double cp_F) {
  const double G = boundary_conductance(v, c, a, side, false);
  const double w = std::fmax(0.0, 1.0 - 0.1 * std::fabs(cp_F) / G);
  return G * w * w * w * w * w;
}

RT_HOST_DEVICE inline ResidualPart assemble_energy(const FlowView& v, const StencilView& S, int i,
                                                   int j, int k, double relax, double T_mean) {
  const MeshView& m = v.mesh;
  const std::size_t P = m.cells.index(i, j, k);
  const int c[3] = {i, j, k};
  const double cp = v.props.cp;
  const double* T = v.T;
  double aP = 0.0, src = 0.0, nb_sum = 0.0, a_sum = 0.0;
  for (int a = 0; a < 3; ++a) {
    const double area = m.width((a + 1) % 3, c[(a + 1) % 3]) * m.width((a + 2) % 3, c[(a + 2) % 3]);
    const long st = static_cast<long>(m.cells.stride(a));
    for (int side = 0; side < 2; ++side) {
      const int slot = 2 * a + side;
      const int dir = side ? 1 : -1;
      const double F = cell_face_mass_flux(v, c, a, side);
      const int nb = c[a] + dir;
      if (nb >= 0 && nb < m.cells.n[a]) {
        const std::size_t N = P + dir * st;
        const double edge = m.edge[a][c[a] + side];
        const double dP = std::fabs(edge - m.xc(a, c[a]));
        const double dN = std::fabs(m.xc(a, nb) - edge);
        // Between air and a solid the air's half cell is a wall's.
        const bool at_wall = v.mu_eff && (m.material[P] > 0) != (m.material[N] > 0);
        const double G =
            area / (dP / cell_conductivity(v, P, at_wall) + dN / cell_conductivity(v, N, at_wall));
        const double coef = G + cp * inflow_part(F);
        S.a[slot][P] = coef;
        aP += coef;
        a_sum += coef;
        nb_sum += coef * T[N];
        const int far_P = c[a] - dir, far_N = c[a] + 2 * dir;
        const bool has_P_far = far_P >= 0 && far_P < m.cells.n[a];
        const bool has_N_far = far_N >= 0 && far_N < m.cells.n[a];
        src += deferred_correction_source(cp * F, T[P], T[N], has_P_far,
                                          has_P_far ? T[P - dir * st] : 0.0, has_N_far,
                                          has_N_far ? T[N + dir * st] : 0.0);
        continue;
      }
      S.a[slot][P] = 0.0;
      const int f = domain_face(a, side);
      const BoundarySpec& b = boundary_at(v, f, c);
      switch (b.kind) {
        case kWall:
          if (b.has_T) {
            const double G = wall_conductance(v, b, c, a, side);
            aP += G;
            src += G * b.T;
          } else {
            src += b.heat_flux * area;
          }
          break;
        case kInlet:
        case kOpening: {
          const double coef = opening_conductance(v, c, a, side, cp * F) + cp * inflow_part(F);
          aP += coef;
          src += coef * b.T;
          break;
        }
        default:
          break;
      }
    }
  }
  const double volume = m.width(0, i) * m.width(1, j) * m.width(2, k);
  src += m.heat_source[P] * volume;
  if (v.time.inv_dt > 0.0) {
    const TimeContribution tc =
        time_derivative(v.time, m.heat_capacity[P] * volume, v.time.T_n[P], v.time.T_nm1[P]);
    aP += tc.diagonal;
    src += tc.source;
  }

  if (aP <= 0.0) aP = 1e-30;
  const ResidualPart res = row_residual_part(aP, a_sum, nb_sum, T[P], src, T_mean);
  const double aP_relaxed = aP / relax;
  S.aP[P] = aP_relaxed;
  S.b[P] = src + (aP_relaxed - aP) * T[P];
  return res;
}

}  // namespace rt
