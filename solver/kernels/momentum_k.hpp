#pragma once
// Momentum for the velocity component normal to faces of axis a, on the
// staggered control volume around face (q0,q1,q2) (Patankar 1980, ch. 6):
//
//   [rho V du/dt] + sum_f F_f u_f - sum_f mu A_f du/dn
//       = (p_lo - p_hi) A_a - rho beta (T - T_ref) g_a V
//
// F_f outward mass fluxes, upwind implicit plus TVD deferred correction
// (convection_k.hpp), central diffusion with mu the effective viscosity of a
// turbulent run (turbulence_k.hpp; see cv_face_viscosity for where it is
// taken; the part div(mu_t grad(u)^T) of the stress is left out, as in most
// algebraic-model codes: it vanishes in fully developed and in uniform-mu_t
// flow), Boussinesq buoyancy in the reduced
// pressure (hydrostatics of the reference air removed). The continuity-
// corrected form aP = sum a_nb keeps the matrix an M-matrix while the mass
// fluxes are not yet conservative. The CV spans the centres of the two cells
// beside the face; at an opening the face is on the boundary and the CV is the
// half cell inside, with a zero-gradient outer face and a boundary pressure
// that is static for outflow and total (p_b - rho u^2/2) for inflow.
//
// The time term (transient runs only) is implicit, time_k.hpp; porous CVs
// keep the plain rho V (superficial velocity, no 1/porosity). Behind a round
// fan with swirl the in-plane components are pinned to the fan's swirl
// (fan_swirl_k.hpp).
// Under-relaxation (Patankar, with a pseudo-time floor, see Props::pressure_driven_speed)
// and the SIMPLEC factor d = A_a / (aP/alpha -
// sum of the free neighbours' a_nb) (Van Doormaal & Raithby 1984) are applied here.

#include <cmath>

#include "solver/core/larger_of.hpp"
#include "solver/flow_view.hpp"
#include "solver/kernels/convection_k.hpp"
#include "solver/kernels/fan_swirl_k.hpp"
#include "solver/kernels/residual_k.hpp"
#include "solver/kernels/time_k.hpp"
#include "solver/kernels/turbulence_k.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

// Pressure just inside an opening face, as the half control volume sees it:
// p_b + rho K u^2/2 for outflow (pushing through the grille), p_b - rho (1 + K)
// u^2/2 for inflow (accelerated from ambient at rest, then the grille loss),
// plus a fan's pressure rise (intake) or minus it (exhaust).
// The head is linearised as rho |u_old| u / 2: its implicit part, returned in
// `implicit_coef` (added to aP), opposes the flow either way; a lagged head let
// inflow at openings oscillate.
struct OpeningPressure {
  double explicit_Pa = 0;    // the part that goes to the source
  double implicit_coef = 0;  // kg/(m2 s): per unit area, times the face area into aP
};

RT_HOST_DEVICE inline OpeningPressure opening_face_pressure(const FlowView& v,
                                                            const BoundarySpec& b, int face,
                                                            double u_normal) {
  const bool max_side = (face % 2) == 1;
  const bool inflow = max_side ? u_normal < 0.0 : u_normal > 0.0;
  OpeningPressure out;
  out.explicit_Pa = b.pressure + b.fan_direction * b.fan_pressure;
  out.implicit_coef =
      0.5 * v.props.rho * (b.loss_coefficient + (inflow ? 1.0 : 0.0)) * std::fabs(u_normal);
  return out;
}

// A fan or grille on a plane inside the domain, on face P of axis a: the
// fan's rise pushes along its blowing direction (a source); the grille loss
// rho K |u| u / 2 opposes the flow either way (implicit, into aP).
RT_HOST_DEVICE inline void add_internal_plane_terms(const FlowView& v, int a, std::size_t P,
                                                    double u, double area, double& aP,
                                                    double& src) {
  const std::int16_t* patch_of = v.bc.internal_patch_of[a];
  if (!patch_of || patch_of[P] < 0) return;
  const BoundarySpec& b = v.bc.patches[patch_of[P]];
  src += b.fan_direction * b.fan_pressure * area;
  aP += 0.5 * v.props.rho * b.loss_coefficient * std::fabs(u) * area;
}

// Linear index a cell would have at (i, j, k), also for i, j or k one past
// the end: the cell "above" a boundary face, used only with offsets that
// land inside. Kernels index with strides rather than writing small int
// arrays at run-time positions, which compilers keep on the stack (a
// store-forwarding stall that cost a third of the momentum assembly).
RT_HOST_DEVICE inline long cell_offset(const Extent& cells, int i, int j, int k) {
  return static_cast<long>(i) +
         static_cast<long>(cells.n[0]) * (static_cast<long>(j) + static_cast<long>(cells.n[1]) * k);
}

// True when every cell beside a face of axis a is solid: the face is buried
// in a block, and a tangential neighbour there is a wall at the block surface.
// c_hi is the (possibly one-past-the-end) cell above the face, has_lo/has_hi
// whether the cells below/above exist.
RT_HOST_DEVICE inline bool face_inside_solid(const MeshView& m, long c_hi, long stride_a,
                                             bool has_lo, bool has_hi) {
  if (has_lo && m.material[c_hi - stride_a] <= 0) return false;
  if (has_hi && m.material[c_hi] <= 0) return false;
  return has_lo || has_hi;
}

// Mass flux (kg/s) through the tangential face of the momentum CV of face q
// (axis a) that lies on edge q[t] + side of axis t, positive along +t. The CV
// spans half of cell q[a]-1 and half of cell q[a]; each half carries the
// t-velocity of its own cell. f_hi is the index of the t-face at (q with
// q[t] + side), in the cell column q[a] (possibly one past the end).
RT_HOST_DEVICE inline double momentum_cv_tangential_flux(const FlowView& v, int a, int o, int qa,
                                                         int qo, long f_hi, long ft_stride_a) {
  const MeshView& m = v.mesh;
  const double* vt = v.vel[3 - a - o];
  const double edge = m.edge[a][qa];
  double flux = 0.0;
  if (qa > 0) flux += vt[f_hi - ft_stride_a] * (edge - m.xc(a, qa - 1));
  if (qa < m.cells.n[a]) flux += vt[f_hi] * (m.xc(a, qa) - edge);
  return v.props.rho * flux * m.width(o, qo);
}

// Viscosity on a face of the momentum CV of a face of axis a, from the cell
// values mu_cell: v.mu_eff inside the air, v.mu_wall on the CV faces that lie
// on a wall or block surface (turbulence_k.hpp). c_hi is the cell above the
// momentum face (cell q[a], possibly one past the end), c_lo = c_hi - cs_a
// the one below, has_lo/has_hi whether they exist. Laminar runs (null
// mu_cell) get props.mu itself, so their arithmetic is unchanged. Turbulent
// runs: on the CV faces along a, the value of the cell whose centre the face
// passes through (pass c_lo or c_hi alone); on a tangential face, which lies
// on the edge shared by four cells, the arithmetic mean over the air cells
// of the own column (c_lo, c_hi) and, when `offset` is not 0, of the
// neighbouring column (c + offset). The mean, not the harmonic mean, because
// mu_t varies smoothly through the air: the harmonic mean suits series
// resistances of different materials and would let the small mu_t of one
// cell in a corner throttle the shear of the other three.
RT_HOST_DEVICE inline double cv_face_viscosity(const FlowView& v, const double* mu_cell, long c_lo,
                                               long c_hi, bool has_lo, bool has_hi, long offset) {
  if (!mu_cell) return v.props.mu;
  double sum = 0.0;
  int count = 0;
  const auto add = [&](long c) {
    if (v.mesh.material[c] > 0) return;
    sum += mu_cell[c];
    ++count;
  };
  for (int column = 0; column < (offset != 0 ? 2 : 1); ++column) {
    const long shift = column * offset;
    if (has_lo) add(c_lo + shift);
    if (has_hi) add(c_hi + shift);
  }
  return count > 0 ? sum / count : v.props.mu;
}

// Viscosity on a tangential CV face inside the air (offset != 0): the mean
// of cv_face_viscosity over the cells around the edge, except that in LVEL
// runs each pair of plain air cells across the face, (c, c + offset), counts with
// the law of the wall's secant between them (turbulence_k.hpp): where the
// face crosses the buffer layer, the mean of the two cells' slopes put the
// shear between them up to 25 % high and the channel's friction up to 7 %.
RT_HOST_DEVICE inline double cv_edge_viscosity(const FlowView& v, long c_lo, long c_hi, bool has_lo,
                                               bool has_hi, long offset) {
  if (!v.law_u_plus) return cv_face_viscosity(v, v.mu_eff, c_lo, c_hi, has_lo, has_hi, offset);
  double sum = 0.0;
  int count = 0;
  const auto add_pair = [&](long c) {
    const long across = c + offset;
    if (v.mesh.material[c] == 0 && v.mesh.material[across] == 0) {  // both plain air
      sum += 2.0 * law_of_the_wall_pair_viscosity(v, static_cast<std::size_t>(c),
                                                  static_cast<std::size_t>(across));
      count += 2;
      return;
    }
    for (long cell : {c, across}) {  // porous cells keep mu; solids do not count
      if (v.mesh.material[cell] > 0) continue;
      sum += v.mu_eff[cell];
      ++count;
    }
  };
  if (has_lo) add_pair(c_lo);
  if (has_hi) add_pair(c_hi);
  return count > 0 ? sum / count : v.props.mu;
}

RT_HOST_DEVICE inline ResidualPart assemble_momentum(const FlowView& v, const StencilView& S, int a,
                                                     int q0, int q1, int q2, double relax,
                                                     double u_mean) {
  const int q[3] = {q0, q1, q2};
  const Extent fe = v.faces(a);
  const std::size_t P = fe.index(q0, q1, q2);
  const double* u = v.vel[a];
  const std::uint8_t* state = v.face_state[a];
  for (int s = 0; s < kNeighbourSlots; ++s) S.a[s][P] = 0.0;
  if (state[P] != kFaceFree) {
    S.aP[P] = 0.0;
    S.b[P] = u[P];
    v.d[a][P] = 0.0;
    return {};
  }
  const MeshView& m = v.mesh;
  const double rho = v.props.rho;
  const int na = m.cells.n[a];
  const double len_a = m.xc(a, q[a]) - m.xc(a, q[a] - 1);
  const int tb = (a + 1) % 3, tc = (a + 2) % 3;
  const double area_a = m.width(tb, q[tb]) * m.width(tc, q[tc]);

  double aP = 0.0, src = 0.0, free_sum = 0.0, nb_sum = 0.0, a_sum = 0.0;
  auto add_neighbour = [&](int slot, std::size_t Pn, double coef) {
    S.a[slot][P] = coef;
    aP += coef;
    a_sum += coef;
    nb_sum += coef * u[Pn];
    if (state[Pn] == kFaceFree) free_sum += coef;
  };

  const long c_hi = cell_offset(m.cells, q0, q1, q2);  // cell q[a] (may be one past the end)
  const long cs_a = static_cast<long>(m.cells.stride(a));
  const long c_lo = c_hi - cs_a;
  const bool has_lo = q[a] > 0, has_hi = q[a] < na;

  // Along a: CV faces at the centres of cells q[a]-1 and q[a].
  for (int side = 0; side < 2; ++side) {
    const int cell = side ? q[a] : q[a] - 1;
    if (cell < 0 || cell >= na) continue;  // opening half CV: zero-gradient outer face
    const int dir = side ? 1 : -1;
    const std::size_t Pn = side ? P + fe.stride(a) : P - fe.stride(a);
    const double F = dir * rho * 0.5 * (u[P] + u[Pn]) * area_a;
    const double mu = cv_face_viscosity(v, v.mu_eff, c_lo, c_hi, side == 0, side == 1, 0);
    const double D = mu * area_a / m.width(a, cell);
    add_neighbour(2 * a + side, Pn, D + inflow_part(F));
    const int far_P = q[a] - dir, far_N = q[a] + 2 * dir;
    const bool has_P_far = far_P >= 0 && far_P <= na;
    const bool has_N_far = far_N >= 0 && far_N <= na;
    src += deferred_correction_source(
        F, u[P], u[Pn], has_P_far, has_P_far ? u[P - dir * static_cast<long>(fe.stride(a))] : 0.0,
        has_N_far, has_N_far ? u[Pn + dir * static_cast<long>(fe.stride(a))] : 0.0);
  }

  // Across the two tangential axes.
  for (int t : {tb, tc}) {
    const int o = 3 - a - t;
    const int nt = m.cells.n[t];
    const double area_t = len_a * m.width(o, q[o]);
    const Extent ft = v.faces(t);
    const long ft_here = static_cast<long>(ft.index(q0, q1, q2));  // t-face below cell q
    const long ft_stride_t = static_cast<long>(ft.stride(t));
    const long ft_stride_a = static_cast<long>(ft.stride(a));
    const long cs_t = static_cast<long>(m.cells.stride(t));
    const long st = static_cast<long>(fe.stride(t));
    for (int side = 0; side < 2; ++side) {
      const int dir = side ? 1 : -1;
      const double F = dir * momentum_cv_tangential_flux(v, a, o, q[a], q[o],
                                                         ft_here + side * ft_stride_t, ft_stride_a);
      const double edge_t = m.edge[t][q[t] + side];
      const double half = std::fabs(edge_t - m.xc(t, q[t]));
      const int nbt = q[t] + dir;
      if (nbt >= 0 && nbt < nt) {
        const bool wall = face_inside_solid(m, c_hi + dir * cs_t, cs_a, has_lo, has_hi);
        const double dist = wall ? half : std::fabs(m.xc(t, nbt) - m.xc(t, q[t]));
        const std::size_t Pn = P + dir * st;
        const double mu = wall ? cv_face_viscosity(v, v.mu_wall, c_lo, c_hi, has_lo, has_hi, 0)
                               : cv_edge_viscosity(v, c_lo, c_hi, has_lo, has_hi, dir * cs_t);
        add_neighbour(2 * t + side, Pn, mu * area_t / dist + inflow_part(F));
        if (!wall) {
          const int far_P = q[t] - dir, far_N = q[t] + 2 * dir;
          const bool has_P_far = far_P >= 0 && far_P < nt;
          const bool has_N_far = far_N >= 0 && far_N < nt;
          src += deferred_correction_source(F, u[P], u[Pn], has_P_far,
                                            has_P_far ? u[P - dir * st] : 0.0, has_N_far,
                                            has_N_far ? u[Pn + dir * st] : 0.0);
        }
        continue;
      }
      const int f = domain_face(t, side);
      // The boundary cell beside this node (the upper of its two cells).
      int c[3] = {q0, q1, q2};
      if (c[a] == na) c[a] = na - 1;
      const BoundarySpec& b = boundary_at(v, f, c);
      switch (b.kind) {
        case kWall: {
          const double mu = cv_face_viscosity(v, v.mu_wall, c_lo, c_hi, has_lo, has_hi, 0);
          const double D = mu * area_t / half;
          aP += D;
          src += D * b.velocity[a];
          break;
        }
        case kInlet: {
          const double mu = cv_face_viscosity(v, v.mu_eff, c_lo, c_hi, has_lo, has_hi, 0);
          const double coef = mu * area_t / half + inflow_part(F);
          aP += coef;
          src += coef * b.velocity[a];
          break;
        }
        case kOpening:  // air enters with no tangential velocity, leaves with its own
          if (F < 0.0) aP += -F;
          break;
        default:  // symmetry: no shear, no flux
          break;
      }
    }
  }

  // Pressure force and buoyancy.
  // At an opening the dynamic head of inflow always opposes it, so on either
  // side its implicit part adds to aP (see opening_face_pressure).
  double p_lo, p_hi;
  if (has_lo) {
    p_lo = v.p[c_lo];
  } else {
    const int c[3] = {q0, q1, q2};  // q[a] == 0: the cell beside the face
    const OpeningPressure op =
        opening_face_pressure(v, boundary_at(v, domain_face(a, 0), c), domain_face(a, 0), u[P]);
    p_lo = op.explicit_Pa;
    aP += op.implicit_coef * area_a;
  }
  if (has_hi) {
    p_hi = v.p[c_hi];
  } else {
    int c[3] = {q0, q1, q2};
    c[a] = na - 1;
    const OpeningPressure op =
        opening_face_pressure(v, boundary_at(v, domain_face(a, 1), c), domain_face(a, 1), u[P]);
    p_hi = op.explicit_Pa;
    aP += op.implicit_coef * area_a;
  }
  src += (p_lo - p_hi) * area_a;
  add_internal_plane_terms(v, a, P, u[P], area_a, aP, src);
  double T_face;
  if (has_lo && has_hi) {
    const double w = (m.edge[a][q[a]] - m.xc(a, q[a] - 1)) / len_a;
    T_face = v.T[c_lo] + w * (v.T[c_hi] - v.T[c_lo]);
  } else {
    T_face = has_lo ? v.T[c_lo] : v.T[c_hi];
  }
  src += -rho * v.props.beta * (T_face - v.props.T_ref) * v.props.g[a] * len_a * area_a;

  // Darcy-Forchheimer sink of porous cells on the part of the CV inside them,
  // implicit (the inertial part linearised with the current |u|).
  for (int half = 0; half < 2; ++half) {
    if (half == 0 ? !has_lo : !has_hi) continue;
    const std::int32_t mat = v.mesh.material[half == 0 ? c_lo : c_hi];
    if (mat >= 0) continue;
    const PorousProps& pp = v.mesh.porous[-mat - 1];
    const double part =
        half == 0 ? m.edge[a][q[a]] - m.xc(a, q[a] - 1) : m.xc(a, q[a]) - m.edge[a][q[a]];
    aP += (pp.viscous[a] + pp.inertial[a] * std::fabs(u[P])) * part * area_a;
  }

  if (v.time.inv_dt > 0.0) {
    const TimeContribution tc =
        time_derivative(v.time, rho * len_a * area_a, v.time.vel_n[a][P], v.time.vel_nm1[a][P]);
    aP += tc.diagonal;
    src += tc.source;
  }
  // Last: the swirl pin is relative to everything else on the diagonal.
  add_fan_swirl_terms(v, a, q, aP, src);

  if (aP <= 0.0) aP = 1e-30;
  const ResidualPart res = row_residual_part(aP, a_sum, nb_sum, u[P], src, u_mean);
  // Relaxation, at least the inertia of a pseudo time step L_cv / U_pressure.
  const double aP_relaxed =
      larger_of(aP / relax, aP + rho * v.props.pressure_driven_speed * area_a);
  S.aP[P] = aP_relaxed;
  S.b[P] = src + (aP_relaxed - aP) * u[P];
  v.d[a][P] = area_a / (aP_relaxed - free_sum);
  return res;
}

}  // namespace rt
