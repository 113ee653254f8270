// Every discrete operator of the SIMPLEC solver (momentum for each axis,
// pressure correction, energy) on a small 3-D problem, against the same
// operator assembled independently here, from the formulas, as an Eigen
// sparse matrix and right-hand side.
//
// The problem: 5x4x3 cells on a non-uniform, non-cubic grid; one solid block
// (2x2x1 cells, conducting, powered) with one face buried in it per tangential
// direction; an inlet (xmin), an opening (xmax, with both inflow and outflow
// faces), a moving fixed-T wall (ymin), a heat-flux wall (ymax), a symmetry
// plane (zmin) and a moving adiabatic wall (zmax); buoyancy along all axes.
//
// The expected systems use the textbook finite-volume forms (Patankar 1980):
//   energy    a_nb = A / (dP/kP + dN/kN) + cp max(-F, 0), fixed-T wall k A /
//             (half cell), heat-flux wall q'' A, volumetric source q''' V,
//             inflow at inlets and openings cp |F| T_b plus conduction to
//             the outside air G A(|Pe|), G = k A / (half cell), power law
//             A = max(0, 1 - 0.1 |Pe|)^5, Pe = cp |F| / G;
//   pressure  a_nb = rho d_f A_f on free faces, Dirichlet (p' = 0) outside
//             openings, b = - net mass outflow; symmetric;
//   momentum  a_nb = mu A / dist + max(-F, 0), half distances at walls (domain
//             walls and faces buried in a solid), wall velocity sources,
//             pressure-difference source (p_lo - p_hi) A, Boussinesq source,
//             opening pressure static for outflow, total for inflow,
//             d = A / (aP/alpha - sum of free a_nb);
// with upwind implicit convection, van Leer deferred correction in the
// source, and the continuity-corrected diagonal aP = sum a_nb (+ boundary
// terms). Geometry, solid cells and face states are computed here from the
// grid and the model, not taken from FlowState.
//
// Also checked: matrix-free application (rt::row_apply) equals the Eigen
// matrix built from the kernel's Stencil7; M-matrix structure; symmetry of
// the pressure matrix; inactive rows; and that solving the kernel's systems
// gives physically consistent answers (continuity after the pressure
// correction, the global energy balance of pure conduction).

#include <gtest/gtest.h>

#include <Eigen/Sparse>
#include <Eigen/SparseLU>
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "geometry/grid.hpp"
#include "scenarios/model/model.hpp"
#include "solver/flow_state.hpp"
#include "solver/flow_view.hpp"
#include "solver/kernels/energy_k.hpp"
#include "solver/kernels/momentum_k.hpp"
#include "solver/kernels/pressure_k.hpp"
#include "solver/linear/krylov.hpp"
#include "solver/linear/multigrid.hpp"
#include "solver/linear/stencil7.hpp"
#include "solver/linear/stencil7_k.hpp"

namespace {

using rt::Extent;
using rt::Stencil7;

constexpr double kCoefficientTolerance = 1e-12;  // relative
using SpMat = Eigen::SparseMatrix<double>;

// ---------------------------------------------------------------------------
// The problem.

constexpr int kN[3] = {5, 4, 3};
const std::array<std::vector<double>, 3> kEdges = {
    {{0.0, 0.1, 0.25, 0.35, 0.5, 0.6}, {0.0, 0.05, 0.12, 0.2, 0.3}, {0.0, 0.2, 0.3, 0.45}}};
// The block covers cells i = 2..3, j = 1..2, k = 1.
bool in_block(int i, int j, int k) { return i >= 2 && i <= 3 && j >= 1 && j <= 2 && k == 1; }

constexpr double kRho = 1.15, kMu = 0.02, kKair = 0.03, kCp = 1007.0, kBeta = 3.3e-3;
constexpr double kTref = 295.0;
constexpr double kG[3] = {0.4, -9.81, 0.7};
constexpr double kKblock = 150.0, kPower = 2.5;

rt::Model make_model() {
  rt::Model m;
  m.source_name = "operators-vs-eigen";
  m.size_m = {0.6, 0.3, 0.45};
  m.cells = {kN[0], kN[1], kN[2]};
  m.fluid.density_kg_m3 = kRho;
  m.fluid.viscosity_Pa_s = kMu;
  m.fluid.conductivity_W_mK = kKair;
  m.fluid.specific_heat_J_kgK = kCp;
  m.fluid.expansion_1_K = kBeta;
  m.physics.gravity_m_s2 = {kG[0], kG[1], kG[2]};
  m.physics.reference_T_K = kTref;
  using rt::BoundaryType;
  auto& b = m.boundary;
  b[0].type = BoundaryType::inlet;  // xmin
  b[0].velocity_m_s = {0.4, 0.05, -0.03};
  b[0].T_K = 290.0;
  b[1].type = BoundaryType::opening;  // xmax
  b[1].pressure_Pa = 1.5;
  b[1].T_K = 300.0;
  b[2].type = BoundaryType::wall;  // ymin: moving, fixed T
  b[2].velocity_m_s = {0.2, 0.0, 0.1};
  b[2].T_K = 310.0;
  b[3].type = BoundaryType::wall;  // ymax: heat flux
  b[3].heat_flux_W_m2 = 40.0;
  b[4].type = BoundaryType::symmetry;  // zmin
  b[5].type = BoundaryType::wall;      // zmax: moving, adiabatic
  b[5].velocity_m_s = {-0.15, 0.1, 0.0};
  rt::Block blk;
  blk.name = "chip";
  blk.min_m = {0.26, 0.06, 0.22};
  blk.max_m = {0.45, 0.19, 0.29};
  blk.conductivity_W_mK = kKblock;
  blk.density_kg_m3 = 2700.0;
  blk.specific_heat_J_kgK = 900.0;
  blk.power_W = kPower;
  m.blocks.push_back(blk);
  return m;
}

// Independent geometry of the MAC grid.
struct Geometry {
  Extent cells() const {
    Extent e;
    for (int a = 0; a < 3; ++a) e.n[a] = kN[a];
    return e;
  }
  Extent faces(int a) const {
    Extent e = cells();
    e.n[a] += 1;
    return e;
  }
  double edge(int a, int i) const { return kEdges[a][i]; }
  double w(int a, int i) const { return kEdges[a][i + 1] - kEdges[a][i]; }
  // Cell centre; i = -1 and i = n give the domain faces.
  double xc(int a, int i) const {
    if (i < 0) return kEdges[a].front();
    if (i >= kN[a]) return kEdges[a].back();
    return 0.5 * (kEdges[a][i] + kEdges[a][i + 1]);
  }
  bool cell_in(const int c[3]) const {
    return c[0] >= 0 && c[1] >= 0 && c[2] >= 0 && c[0] < kN[0] && c[1] < kN[1] && c[2] < kN[2];
  }
  bool solid(const int c[3]) const { return in_block(c[0], c[1], c[2]); }
  std::size_t cell(const int c[3]) const { return cells().index(c[0], c[1], c[2]); }
  double k_of(const int c[3]) const { return solid(c) ? kKblock : kKair; }
  double block_volume() const {
    double v = 0.0;
    for (int k = 0; k < kN[2]; ++k)
      for (int j = 0; j < kN[1]; ++j)
        for (int i = 0; i < kN[0]; ++i)
          if (in_block(i, j, k)) v += w(0, i) * w(1, j) * w(2, k);
    return v;
  }
  bool face_in(int a, const int q[3]) const {
    const Extent f = faces(a);
    return f.contains(q[0], q[1], q[2]);
  }
  // Face q of axis a: free unless it touches a solid cell, or lies on the
  // domain boundary and is not an opening.
  bool face_free(int a, const int q[3], const rt::Model& m) const {
    for (int side = 0; side < 2; ++side) {
      int c[3] = {q[0], q[1], q[2]};
      c[a] = q[a] - 1 + side;
      if (cell_in(c) && solid(c)) return false;
    }
    if (q[a] > 0 && q[a] < kN[a]) return true;
    const int f = 2 * a + (q[a] == kN[a] ? 1 : 0);
    return m.boundary[f].type == rt::BoundaryType::opening;
  }
  // Every existing cell beside the face is solid.
  bool face_buried(int a, const int q[3]) const {
    bool any = false;
    for (int side = 0; side < 2; ++side) {
      int c[3] = {q[0], q[1], q[2]};
      c[a] = q[a] - 1 + side;
      if (!cell_in(c)) continue;
      any = true;
      if (!solid(c)) return false;
    }
    return any;
  }
};

// Smooth, non-trivial fields.
double u_field(int a, double x, double y, double z) {
  if (a == 0) return 0.05 + 0.3 * std::sin(7.0 * y + 3.0 * z + x);
  if (a == 1) return 0.1 * std::cos(2.0 * x + z) - 0.15 * y + 0.02;
  return -0.05 + 0.1 * std::sin(4.0 * y) * x + 0.03 * std::cos(5.0 * x);
}
double T_field(double x, double y, double z) {
  return 300.0 + 10.0 * std::sin(5.0 * x) * std::cos(4.0 * y) + 5.0 * z;
}
double p_field(double x, double y, double z) {
  return 2.0 + 3.0 * std::cos(4.0 * x) + 10.0 * y * z;
}

struct Problem {
  rt::Model model = make_model();
  Geometry geo;
  std::unique_ptr<rt::FlowState> state;

  Problem() {
    rt::Grid grid;
    grid.edges = kEdges;
    state = std::make_unique<rt::FlowState>(model, grid);
  }

  // with_flow: free faces get the smooth velocity field (fixed ones keep what
  // FlowState set: zero, or the inlet velocity); otherwise all velocities are 0.
  void fill(bool with_flow) {
    for (int a = 0; a < 3; ++a) {
      const Extent fe = geo.faces(a);
      for (int k = 0; k < fe.n[2]; ++k)
        for (int j = 0; j < fe.n[1]; ++j)
          for (int i = 0; i < fe.n[0]; ++i) {
            const int q[3] = {i, j, k};
            double pos[3];
            for (int t = 0; t < 3; ++t) pos[t] = t == a ? geo.edge(a, q[a]) : geo.xc(t, q[t]);
            double& u = state->vel[a][fe.index(i, j, k)];
            if (!with_flow)
              u = 0.0;
            else if (geo.face_free(a, q, model))
              u = u_field(a, pos[0], pos[1], pos[2]);
          }
    }
    const Extent C = geo.cells();
    for (int k = 0; k < C.n[2]; ++k)
      for (int j = 0; j < C.n[1]; ++j)
        for (int i = 0; i < C.n[0]; ++i) {
          const std::size_t c = C.index(i, j, k);
          state->T[c] = T_field(geo.xc(0, i), geo.xc(1, j), geo.xc(2, k));
          state->p[c] = in_block(i, j, k) ? 0.0 : p_field(geo.xc(0, i), geo.xc(1, j), geo.xc(2, k));
        }
  }
};

// ---------------------------------------------------------------------------
// Expected rows and their comparison with a Stencil7.

struct Row {
  bool active = true;
  double aP = 0;
  double a[rt::kNeighbourSlots] = {0, 0, 0, 0, 0, 0};
  double b = 0;
  double b_scale = 0;  // sum of |terms| of b: what its round-off is relative to
  double d = 0;        // momentum only
  void add_b(double term) {
    b += term;
    b_scale += std::fabs(term);
  }
};
using Rows = std::vector<Row>;

// Khosla-Rubin deferred correction with the van Leer limiter for the face
// between P and its neighbour N with outward flux F: the source is
// -F (phi_f(TVD) - phi_upwind), with phi_f = phi_C + psi(r)/2 (phi_D - phi_C),
// r = (phi_C - phi_U) / (phi_D - phi_C); no correction without a U point.
double deferred_correction(double F, double phiP, double phiN, bool hasPfar, double phiPfar,
                           bool hasNfar, double phiNfar) {
  double C, D, U;
  if (F > 0.0) {
    if (!hasPfar) return 0.0;
    C = phiP, D = phiN, U = phiPfar;
  } else if (F < 0.0) {
    if (!hasNfar) return 0.0;
    C = phiN, D = phiP, U = phiNfar;
  } else {
    return 0.0;
  }
  if (D == C) return 0.0;
  const double r = (C - U) / (D - C);
  const double psi = (r + std::fabs(r)) / (1.0 + std::fabs(r));
  return -F * (0.5 * psi * (D - C));
}

// Opening: the pressure just outside is static for outflow, total for inflow,
// p_b - rho u^2 / 2, with the head linearised as rho |u_old| u / 2 and kept
// implicit: the static part goes to b, rho |u| A / 2 to aP.
double opening_pressure(const rt::Model& m, int face, double) {
  return m.boundary[face].pressure_Pa;
}
double opening_head_coefficient(int face, double u) {
  const bool inflow = (face % 2 == 1) ? u < 0.0 : u > 0.0;
  return inflow ? 0.5 * kRho * std::fabs(u) : 0.0;
}

Rows expected_momentum(const Problem& pb, int a) {
  const Geometry& g = pb.geo;
  const rt::Model& M = pb.model;
  const rt::FlowState& st = *pb.state;
  const Extent fe = g.faces(a);
  const std::vector<double>& u = st.vel[a];
  auto U = [&](const int q[3]) { return u[fe.index(q[0], q[1], q[2])]; };
  Rows rows(fe.size());
  for (int k = 0; k < fe.n[2]; ++k)
    for (int j = 0; j < fe.n[1]; ++j)
      for (int i = 0; i < fe.n[0]; ++i) {
        const int q[3] = {i, j, k};
        const std::size_t P = fe.index(i, j, k);
        Row& r = rows[P];
        if (!g.face_free(a, q, M)) {
          r.active = false;
          r.b = u[P];
          continue;
        }
        const int tb = (a + 1) % 3, tc = (a + 2) % 3;
        const double A_a = g.w(tb, q[tb]) * g.w(tc, q[tc]);
        const double L_a = g.xc(a, q[a]) - g.xc(a, q[a] - 1);  // CV length (half at an opening)
        double free_sum = 0.0;
        auto link = [&](int slot, const int qn[3], double coef) {
          r.a[slot] = coef;
          r.aP += coef;
          if (g.face_free(a, qn, M)) free_sum += coef;
        };

        // Normal direction: CV faces at the centres of the cells beside the face.
        for (int side = 0; side < 2; ++side) {
          const int dir = side ? 1 : -1;
          const int cell = side ? q[a] : q[a] - 1;
          if (cell < 0 || cell >= kN[a]) continue;  // outer face of an opening half CV
          int qn[3] = {q[0], q[1], q[2]};
          qn[a] += dir;
          const double F = dir * kRho * 0.5 * (U(q) + U(qn)) * A_a;
          link(2 * a + side, qn, kMu * A_a / g.w(a, cell) + std::max(-F, 0.0));
          int qPf[3] = {q[0], q[1], q[2]}, qNf[3] = {qn[0], qn[1], qn[2]};
          qPf[a] -= dir;
          qNf[a] += dir;
          const bool hP = g.face_in(a, qPf), hN = g.face_in(a, qNf);
          r.add_b(
              deferred_correction(F, U(q), U(qn), hP, hP ? U(qPf) : 0.0, hN, hN ? U(qNf) : 0.0));
        }

        // Tangential directions.
        for (int t : {tb, tc}) {
          const int o = 3 - a - t;
          const double A_t = L_a * g.w(o, q[o]);
          const Extent ft = g.faces(t);
          for (int side = 0; side < 2; ++side) {
            const int dir = side ? 1 : -1;
            // Mass flux through the CV face on edge q[t] + side of axis t: the
            // t-velocities of the two cells' faces, each over its share.
            double flux = 0.0;
            for (int c = q[a] - 1; c <= q[a]; ++c) {
              if (c < 0 || c >= kN[a]) continue;
              int f[3];
              f[a] = c;
              f[t] = q[t] + side;
              f[o] = q[o];
              flux += kRho * st.vel[t][ft.index(f[0], f[1], f[2])] *
                      std::fabs(g.edge(a, q[a]) - g.xc(a, c)) * g.w(o, q[o]);
            }
            const double F = dir * flux;
            const double half = std::fabs(g.edge(t, q[t] + side) - g.xc(t, q[t]));
            const int nbt = q[t] + dir;
            if (nbt >= 0 && nbt < kN[t]) {
              int qn[3] = {q[0], q[1], q[2]};
              qn[t] = nbt;
              const bool buried = g.face_buried(a, qn);  // a wall at the block surface
              const double dist = buried ? half : std::fabs(g.xc(t, nbt) - g.xc(t, q[t]));
              link(2 * t + side, qn, kMu * A_t / dist + std::max(-F, 0.0));
              if (!buried) {
                int qPf[3] = {q[0], q[1], q[2]}, qNf[3] = {qn[0], qn[1], qn[2]};
                qPf[t] -= dir;
                qNf[t] += dir;
                const bool hP = qPf[t] >= 0 && qPf[t] < kN[t], hN = qNf[t] >= 0 && qNf[t] < kN[t];
                r.add_b(deferred_correction(F, U(q), U(qn), hP, hP ? U(qPf) : 0.0, hN,
                                            hN ? U(qNf) : 0.0));
              }
              continue;
            }
            const int f = 2 * t + side;
            const rt::Boundary& B = M.boundary[f];
            switch (B.type) {
              case rt::BoundaryType::wall: {
                const double D = kMu * A_t / half;
                r.aP += D;
                r.add_b(D * B.velocity_m_s[a]);
                break;
              }
              case rt::BoundaryType::inlet: {
                const double coef = kMu * A_t / half + std::max(-F, 0.0);
                r.aP += coef;
                r.add_b(coef * B.velocity_m_s[a]);
                break;
              }
              case rt::BoundaryType::opening:  // inflow brings zero tangential velocity
                if (F < 0.0) r.aP += -F;
                break;
              case rt::BoundaryType::symmetry:
                break;
            }
          }
        }

        // Pressure difference and buoyancy.
        int lo[3] = {q[0], q[1], q[2]};
        lo[a] -= 1;
        const bool has_lo = q[a] > 0, has_hi = q[a] < kN[a];
        const double p_lo = has_lo ? st.p[g.cell(lo)] : opening_pressure(M, 2 * a, U(q));
        const double p_hi = has_hi ? st.p[g.cell(q)] : opening_pressure(M, 2 * a + 1, U(q));
        r.add_b(p_lo * A_a);
        r.add_b(-p_hi * A_a);
        if (!has_lo) r.aP += opening_head_coefficient(2 * a, U(q)) * A_a;
        if (!has_hi) r.aP += opening_head_coefficient(2 * a + 1, U(q)) * A_a;
        double T_face;
        if (has_lo && has_hi) {
          const double x0 = g.xc(a, q[a] - 1), x1 = g.xc(a, q[a]), xf = g.edge(a, q[a]);
          T_face = st.T[g.cell(lo)] + (xf - x0) / (x1 - x0) * (st.T[g.cell(q)] - st.T[g.cell(lo)]);
        } else {
          T_face = has_lo ? st.T[g.cell(lo)] : st.T[g.cell(q)];
        }
        r.add_b(-kRho * kBeta * (T_face - kTref) * kG[a] * L_a * A_a);
        r.d = A_a / (r.aP - free_sum);
      }
  return rows;
}

Rows expected_energy(const Problem& pb) {
  const Geometry& g = pb.geo;
  const rt::Model& M = pb.model;
  const rt::FlowState& st = *pb.state;
  const Extent C = g.cells();
  const double q_vol = kPower / g.block_volume();
  Rows rows(C.size());
  for (int k = 0; k < C.n[2]; ++k)
    for (int j = 0; j < C.n[1]; ++j)
      for (int i = 0; i < C.n[0]; ++i) {
        const int c[3] = {i, j, k};
        const std::size_t P = g.cell(c);
        Row& r = rows[P];
        for (int a = 0; a < 3; ++a) {
          const double A = g.w((a + 1) % 3, c[(a + 1) % 3]) * g.w((a + 2) % 3, c[(a + 2) % 3]);
          const Extent fe = g.faces(a);
          for (int side = 0; side < 2; ++side) {
            const int dir = side ? 1 : -1;
            int q[3] = {i, j, k};
            q[a] += side;
            const double F = dir * kRho * st.vel[a][fe.index(q[0], q[1], q[2])] * A;  // outward
            int n[3] = {i, j, k};
            n[a] += dir;
            const double edge = g.edge(a, c[a] + side);
            if (g.cell_in(n)) {
              const double dP = std::fabs(edge - g.xc(a, c[a])),
                           dN = std::fabs(g.xc(a, n[a]) - edge);
              const double G = A / (dP / g.k_of(c) + dN / g.k_of(n));
              const double coef = G + kCp * std::max(-F, 0.0);
              r.a[2 * a + side] = coef;
              r.aP += coef;
              int Pf[3] = {i, j, k}, Nf[3] = {n[0], n[1], n[2]};
              Pf[a] -= dir;
              Nf[a] += dir;
              const bool hP = g.cell_in(Pf), hN = g.cell_in(Nf);
              r.add_b(deferred_correction(kCp * F, st.T[P], st.T[g.cell(n)], hP,
                                          hP ? st.T[g.cell(Pf)] : 0.0, hN,
                                          hN ? st.T[g.cell(Nf)] : 0.0));
              continue;
            }
            const rt::Boundary& B = M.boundary[2 * a + side];
            switch (B.type) {
              case rt::BoundaryType::wall:
                if (B.T_K) {
                  const double G = g.k_of(c) * A / std::fabs(edge - g.xc(a, c[a]));
                  r.aP += G;
                  r.add_b(G * *B.T_K);
                } else if (B.heat_flux_W_m2) {
                  r.add_b(*B.heat_flux_W_m2 * A);
                }
                break;
              case rt::BoundaryType::inlet:
              case rt::BoundaryType::opening: {
                // Power-law weighted conduction to the outside air plus inflow.
                const double G = g.k_of(c) * A / std::fabs(edge - g.xc(a, c[a]));
                const double w = std::max(0.0, 1.0 - 0.1 * kCp * std::fabs(F) / G);
                const double coef = G * std::pow(w, 5) + (F < 0.0 ? -kCp * F : 0.0);
                r.aP += coef;
                r.add_b(coef * B.T_K.value_or(kTref));
                break;
              }
              case rt::BoundaryType::symmetry:
                break;
            }
          }
        }
        if (g.solid(c)) r.add_b(q_vol * g.w(0, i) * g.w(1, j) * g.w(2, k));
      }
  return rows;
}

Rows expected_pressure_correction(const Problem& pb) {
  const Geometry& g = pb.geo;
  const rt::FlowState& st = *pb.state;
  const Extent C = g.cells();
  Rows rows(C.size());
  for (int k = 0; k < C.n[2]; ++k)
    for (int j = 0; j < C.n[1]; ++j)
      for (int i = 0; i < C.n[0]; ++i) {
        const int c[3] = {i, j, k};
        Row& r = rows[g.cell(c)];
        if (g.solid(c)) {
          r.active = false;
          r.b = 0.0;
          continue;
        }
        for (int a = 0; a < 3; ++a) {
          const double A = g.w((a + 1) % 3, c[(a + 1) % 3]) * g.w((a + 2) % 3, c[(a + 2) % 3]);
          const Extent fe = g.faces(a);
          for (int side = 0; side < 2; ++side) {
            int q[3] = {i, j, k};
            q[a] += side;
            const std::size_t f = fe.index(q[0], q[1], q[2]);
            r.add_b(-(side ? 1.0 : -1.0) * kRho * st.vel[a][f] * A);
            if (!g.face_free(a, q, pb.model)) continue;
            const double coef = kRho * st.d[a][f] * A;
            r.aP += coef;
            int n[3] = {i, j, k};
            n[a] += side ? 1 : -1;
            if (g.cell_in(n)) r.a[2 * a + side] = coef;  // else: p' = 0 outside the opening
          }
        }
      }
  return rows;
}

// The matrix of a Stencil7 (inactive rows are zero rows, as rt::row_apply
// sees them), and the same for the expected rows.
SpMat matrix_of(const rt::ConstStencilView& S, const std::function<bool(std::size_t)>& active,
                const std::function<double(std::size_t)>& diag,
                const std::function<double(std::size_t, int)>& link) {
  const Extent& e = S.ext;
  std::vector<Eigen::Triplet<double>> t;
  for (int k = 0; k < e.n[2]; ++k)
    for (int j = 0; j < e.n[1]; ++j)
      for (int i = 0; i < e.n[0]; ++i) {
        const std::size_t P = e.index(i, j, k);
        if (!active(P)) continue;
        t.emplace_back(static_cast<int>(P), static_cast<int>(P), diag(P));
        const int c[3] = {i, j, k};
        for (int axis = 0; axis < 3; ++axis)
          for (int side = 0; side < 2; ++side) {
            const int nb = c[axis] + (side ? 1 : -1);
            if (nb < 0 || nb >= e.n[axis]) continue;
            const std::size_t N = side ? P + e.stride(axis) : P - e.stride(axis);
            const double a = link(P, 2 * axis + side);
            if (a != 0.0) t.emplace_back(static_cast<int>(P), static_cast<int>(N), -a);
          }
      }
  SpMat A(static_cast<int>(e.size()), static_cast<int>(e.size()));
  A.setFromTriplets(t.begin(), t.end());
  return A;
}

SpMat kernel_matrix(const Stencil7& S) {
  const rt::ConstStencilView v = S.view();
  return matrix_of(
      v, [&](std::size_t P) { return v.aP[P] != 0.0; }, [&](std::size_t P) { return v.aP[P]; },
      [&](std::size_t P, int s) { return v.a[s][P]; });
}

SpMat expected_matrix(const Stencil7& S, const Rows& rows) {
  return matrix_of(
      S.view(), [&](std::size_t P) { return rows[P].active; },
      [&](std::size_t P) { return rows[P].aP; },
      [&](std::size_t P, int s) { return rows[P].a[s]; });
}

struct Comparison {
  double coef = 0;    // max relative error of aP and a_s
  double rhs = 0;     // max error of b relative to the size of its terms
  double matrix = 0;  // ||A_kernel - A_expected||_F / ||A_expected||_F
};

// Coefficient by coefficient, and as Eigen matrices.
Comparison compare(const std::string& name, const Stencil7& S, const Rows& rows) {
  const rt::ConstStencilView v = S.view();
  const Extent& e = v.ext;
  Comparison c;
  int reported = 0;
  auto note = [&](double err, double tol, const std::string& what, int i, int j, int k, double got,
                  double want) {
    if (err > tol && reported++ < 10)
      ADD_FAILURE() << name << ": " << what << " at (" << i << "," << j << "," << k << "): kernel "
                    << got << ", expected " << want;
  };
  for (int k = 0; k < e.n[2]; ++k)
    for (int j = 0; j < e.n[1]; ++j)
      for (int i = 0; i < e.n[0]; ++i) {
        const std::size_t P = e.index(i, j, k);
        const Row& r = rows[P];
        if (!r.active) {
          note(v.aP[P] == 0.0 ? 0.0 : 1.0, 0.0, "aP of an inactive row", i, j, k, v.aP[P], 0.0);
          for (int s = 0; s < rt::kNeighbourSlots; ++s)
            note(v.a[s][P] == 0.0 ? 0.0 : 1.0, 0.0,
                 "a_" + std::to_string(s) + " of an inactive row", i, j, k, v.a[s][P], 0.0);
          note(v.b[P] == r.b ? 0.0 : 1.0, 0.0, "b of an inactive row", i, j, k, v.b[P], r.b);
          continue;
        }
        const double e_aP = std::fabs(v.aP[P] - r.aP) / std::fabs(r.aP);
        note(e_aP, kCoefficientTolerance, "aP", i, j, k, v.aP[P], r.aP);
        c.coef = std::max(c.coef, e_aP);
        for (int s = 0; s < rt::kNeighbourSlots; ++s) {
          const double err = r.a[s] == 0.0 ? (v.a[s][P] == 0.0 ? 0.0 : 1.0)
                                           : std::fabs(v.a[s][P] - r.a[s]) / std::fabs(r.a[s]);
          note(err, kCoefficientTolerance, "a_" + std::to_string(s), i, j, k, v.a[s][P], r.a[s]);
          c.coef = std::max(c.coef, err);
        }
        const double e_b = std::fabs(v.b[P] - r.b) / std::max(r.b_scale, 1e-300);
        note(e_b, kCoefficientTolerance, "b", i, j, k, v.b[P], r.b);
        c.rhs = std::max(c.rhs, e_b);
      }
  const SpMat Ak = kernel_matrix(S), Ae = expected_matrix(S, rows);
  c.matrix = (Ak - Ae).norm() / Ae.norm();
  EXPECT_LT(c.matrix, kCoefficientTolerance) << name;
  std::cout << name << ": max rel. error aP/a_nb " << c.coef << ", b " << c.rhs
            << ", ||A_kernel - A_eigen||/||A_eigen|| " << c.matrix << "\n";
  return c;
}

// rt::row_apply over all points equals the Eigen matrix of the Stencil7 times
// a random vector.
double check_matrix_free(const std::string& name, const Stencil7& S) {
  const rt::ConstStencilView v = S.view();
  const Extent& e = v.ext;
  std::mt19937 gen(12345);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  Eigen::VectorXd x(static_cast<int>(e.size()));
  for (int m = 0; m < x.size(); ++m) x[m] = dist(gen);
  const Eigen::VectorXd y = kernel_matrix(S) * x;
  double err = 0.0, scale = 0.0;
  for (int k = 0; k < e.n[2]; ++k)
    for (int j = 0; j < e.n[1]; ++j)
      for (int i = 0; i < e.n[0]; ++i) {
        const std::size_t P = e.index(i, j, k);
        const double got = rt::row_apply(v, x.data(), i, j, k);
        err = std::max(err, std::fabs(got - y[static_cast<int>(P)]));
        scale = std::max(scale, std::fabs(v.aP[P]));
      }
  std::cout << name << ": matrix-free vs Eigen A x, max |diff| / max aP = " << err / scale << "\n";
  EXPECT_LT(err / scale, 1e-14) << name;
  return err / scale;
}

// M-matrix structure: a_s >= 0 and aP >= sum a_s on active rows.
void check_m_matrix(const std::string& name, const Stencil7& S) {
  const rt::ConstStencilView v = S.view();
  for (std::size_t P = 0; P < v.ext.size(); ++P) {
    if (v.aP[P] == 0.0) continue;
    double sum = 0.0;
    for (int s = 0; s < rt::kNeighbourSlots; ++s) {
      EXPECT_GE(v.a[s][P], 0.0) << name << " point " << P << " slot " << s;
      sum += v.a[s][P];
    }
    EXPECT_GT(v.aP[P], 0.0) << name << " point " << P;
    EXPECT_GE(v.aP[P], sum * (1.0 - 1e-14)) << name << " point " << P;
  }
}

// Runs the kernels over their extents.
void assemble_momentum_all(Problem& pb, std::array<Stencil7, 3>& M, double relax) {
  const rt::FlowView v = pb.state->view();
  for (int a = 0; a < 3; ++a) {
    M[a].resize(pb.geo.faces(a));
    const rt::StencilView S = M[a].view();
    for (int k = 0; k < S.ext.n[2]; ++k)
      for (int j = 0; j < S.ext.n[1]; ++j)
        for (int i = 0; i < S.ext.n[0]; ++i) rt::assemble_momentum(v, S, a, i, j, k, relax, 0.0);
  }
}

void assemble_energy_all(Problem& pb, Stencil7& E, double relax) {
  const rt::FlowView v = pb.state->view();
  E.resize(pb.geo.cells());
  const rt::StencilView S = E.view();
  for (int k = 0; k < S.ext.n[2]; ++k)
    for (int j = 0; j < S.ext.n[1]; ++j)
      for (int i = 0; i < S.ext.n[0]; ++i) rt::assemble_energy(v, S, i, j, k, relax, 0.0);
}

void assemble_pressure_all(Problem& pb, Stencil7& Pc) {
  const rt::FlowView v = pb.state->view();
  Pc.resize(pb.geo.cells());
  const rt::StencilView S = Pc.view();
  for (int k = 0; k < S.ext.n[2]; ++k)
    for (int j = 0; j < S.ext.n[1]; ++j)
      for (int i = 0; i < S.ext.n[0]; ++i) rt::assemble_pressure_correction(v, S, i, j, k);
}

// Eigen sparse LU of the active rows of a Stencil7; held x of inactive
// neighbours go to the right-hand side.
std::vector<double> eigen_solve(const Stencil7& S, const std::vector<double>& held) {
  const rt::ConstStencilView v = S.view();
  const Extent& e = v.ext;
  std::vector<int> id(e.size(), -1);
  int m = 0;
  for (std::size_t P = 0; P < e.size(); ++P)
    if (v.aP[P] != 0.0) id[P] = m++;
  std::vector<Eigen::Triplet<double>> t;
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(m);
  for (int k = 0; k < e.n[2]; ++k)
    for (int j = 0; j < e.n[1]; ++j)
      for (int i = 0; i < e.n[0]; ++i) {
        const std::size_t P = e.index(i, j, k);
        if (id[P] < 0) continue;
        t.emplace_back(id[P], id[P], v.aP[P]);
        rhs[id[P]] += v.b[P];
        const int c[3] = {i, j, k};
        for (int axis = 0; axis < 3; ++axis)
          for (int side = 0; side < 2; ++side) {
            const int nb = c[axis] + (side ? 1 : -1);
            if (nb < 0 || nb >= e.n[axis]) continue;
            const std::size_t N = side ? P + e.stride(axis) : P - e.stride(axis);
            const double a = v.a[2 * axis + side][P];
            if (id[N] >= 0)
              t.emplace_back(id[P], id[N], -a);
            else
              rhs[id[P]] += a * held[N];
          }
      }
  SpMat A(m, m);
  A.setFromTriplets(t.begin(), t.end());
  A.makeCompressed();
  Eigen::SparseLU<SpMat> lu;
  lu.compute(A);
  EXPECT_EQ(lu.info(), Eigen::Success);
  const Eigen::VectorXd x = lu.solve(rhs);
  std::vector<double> out = held;
  for (std::size_t P = 0; P < e.size(); ++P)
    if (id[P] >= 0) out[P] = x[id[P]];
  return out;
}

// ---------------------------------------------------------------------------
// The problem set-up itself.

TEST(OperatorsVsEigen, ProblemSetUpMatchesIndependentGeometry) {
  Problem pb;
  const Geometry& g = pb.geo;
  const rt::FlowState& st = *pb.state;
  for (int k = 0; k < kN[2]; ++k)
    for (int j = 0; j < kN[1]; ++j)
      for (int i = 0; i < kN[0]; ++i) {
        const int c[3] = {i, j, k};
        EXPECT_EQ(st.material[g.cell(c)] != 0, g.solid(c)) << i << "," << j << "," << k;
        EXPECT_DOUBLE_EQ(st.conductivity[g.cell(c)], g.k_of(c));
      }
  std::size_t buried = 0, free_faces = 0;
  for (int a = 0; a < 3; ++a) {
    const Extent fe = g.faces(a);
    for (int k = 0; k < fe.n[2]; ++k)
      for (int j = 0; j < fe.n[1]; ++j)
        for (int i = 0; i < fe.n[0]; ++i) {
          const int q[3] = {i, j, k};
          const bool free_face = g.face_free(a, q, pb.model);
          EXPECT_EQ(st.face_state[a][fe.index(i, j, k)] == rt::kFaceFree, free_face)
              << "axis " << a << " face " << i << "," << j << "," << k;
          free_faces += free_face;
          buried += g.face_buried(a, q);
        }
  }
  EXPECT_EQ(buried, 2u + 2u);  // x-faces i=3 and y-faces j=2 inside the 2x2x1 block
  EXPECT_GT(free_faces, 100u);
  EXPECT_TRUE(st.has_opening());
  EXPECT_TRUE(st.energy_active());
}

// ---------------------------------------------------------------------------
// (i) Pure conduction energy.

TEST(OperatorsVsEigen, EnergyPureConduction) {
  Problem pb;
  pb.fill(false);
  Stencil7 E;
  assemble_energy_all(pb, E, 1.0);
  const Comparison c = compare("energy, pure conduction", E, expected_energy(pb));
  EXPECT_LT(c.coef, kCoefficientTolerance);
  EXPECT_LT(c.rhs, kCoefficientTolerance);
  check_matrix_free("energy, pure conduction", E);
  check_m_matrix("energy, pure conduction", E);

  // Conduction is symmetric (harmonic-mean conductances).
  const SpMat A = kernel_matrix(E);
  const double asym = (A - SpMat(A.transpose())).norm() / A.norm();
  EXPECT_LT(asym, 1e-15);

  // Solved, the global balance holds: block power + heat-flux wall = heat
  // leaving through the fixed-T wall and by conduction through the inlet and
  // the opening (the rest is adiabatic).
  const std::vector<double> T = eigen_solve(E, pb.state->T);
  const Geometry& g = pb.geo;
  double out = 0.0, in = kPower;
  for (int k = 0; k < kN[2]; ++k)
    for (int i = 0; i < kN[0]; ++i) {
      const int lo[3] = {i, 0, k};
      const double A_y = g.w(0, i) * g.w(2, k);
      out += g.k_of(lo) * A_y / (0.5 * g.w(1, 0)) * (T[g.cell(lo)] - 310.0);
      in += 40.0 * A_y;
    }
  // Air at rest at the inlet and the opening conducts to the air outside.
  for (int side = 0; side < 2; ++side)
    for (int k = 0; k < kN[2]; ++k)
      for (int j = 0; j < kN[1]; ++j) {
        const int c[3] = {side ? kN[0] - 1 : 0, j, k};
        const double A_x = g.w(1, j) * g.w(2, k);
        const double T_b = pb.model.boundary[side].T_K.value_or(kTref);
        out += g.k_of(c) * A_x / (0.5 * g.w(0, c[0])) * (T[g.cell(c)] - T_b);
      }
  std::cout << "energy, pure conduction: heat in " << in
            << " W, out through the fixed-T wall, inlet and opening " << out
            << " W, relative imbalance " << std::fabs(out - in) / in << "\n";
  EXPECT_NEAR(out, in, 1e-10 * in);
}

// Under-relaxation: aP/alpha and b + (aP/alpha - aP) T_P.
TEST(OperatorsVsEigen, EnergyUnderRelaxed) {
  Problem pb;
  pb.fill(true);
  Stencil7 E;
  const double alpha = 0.8;
  assemble_energy_all(pb, E, alpha);
  Rows rows = expected_energy(pb);
  for (std::size_t P = 0; P < rows.size(); ++P) {
    const double aP = rows[P].aP / alpha;
    rows[P].add_b((aP - rows[P].aP) * pb.state->T[P]);
    rows[P].aP = aP;
  }
  const Comparison c = compare("energy with flow, alpha 0.8", E, rows);
  EXPECT_LT(c.coef, kCoefficientTolerance);
  EXPECT_LT(c.rhs, kCoefficientTolerance);
}

// (b) Energy with flow: upwind convection (+ deferred correction), inflow at
// the inlet and opening, conjugate block.
TEST(OperatorsVsEigen, EnergyWithFlow) {
  Problem pb;
  pb.fill(true);
  Stencil7 E;
  assemble_energy_all(pb, E, 1.0);
  const Comparison c = compare("energy with flow", E, expected_energy(pb));
  EXPECT_LT(c.coef, kCoefficientTolerance);
  EXPECT_LT(c.rhs, kCoefficientTolerance);
  check_matrix_free("energy with flow", E);
  check_m_matrix("energy with flow", E);
  // The flow makes it non-symmetric.
  const SpMat A = kernel_matrix(E);
  EXPECT_GT((A - SpMat(A.transpose())).norm() / A.norm(), 1e-3);

  // The solver's path for it (BiCGSTAB + multigrid) agrees with Eigen's LU,
  // with the default and a deep hierarchy.
  const std::vector<double> T_eigen = eigen_solve(E, pb.state->T);
  for (std::size_t coarsest : {std::size_t(128), std::size_t(2)}) {
    rt::AdditiveCorrectionMultigrid::Settings ms;
    ms.coarsest_cells = coarsest;
    rt::AdditiveCorrectionMultigrid mg(ms);
    mg.build(E);
    std::vector<double> T = pb.state->T;
    rt::LinearSolveSettings ls;
    ls.relative_tolerance = 1e-12;
    const rt::LinearSolveReport rep = rt::solve_bicgstab(E, T, mg, ls);
    double diff = 0.0, scale = 0.0;
    for (std::size_t P = 0; P < T.size(); ++P) {
      diff = std::max(diff, std::fabs(T[P] - T_eigen[P]));
      scale = std::max(scale, std::fabs(T_eigen[P] - kTref));
    }
    std::cout << "energy with flow: BiCGSTAB + multigrid (" << mg.level_count() << " levels) "
              << rep.iterations
              << " iterations, max|T - T_eigen|/max|T_eigen - T_ref| = " << diff / scale << "\n";
    EXPECT_TRUE(rep.converged);
    EXPECT_LT(rep.iterations, 60);
    EXPECT_LT(diff / scale, 1e-9);
  }
}

// ---------------------------------------------------------------------------
// (iii) Momentum at rest: pure diffusion, wall velocities, pressure and
// buoyancy sources.

TEST(OperatorsVsEigen, MomentumPureDiffusion) {
  Problem pb;
  pb.fill(false);
  std::array<Stencil7, 3> M;
  assemble_momentum_all(pb, M, 1.0);
  for (int a = 0; a < 3; ++a) {
    const std::string name = "momentum " + std::string(1, "xyz"[a]) + ", at rest";
    const Rows rows = expected_momentum(pb, a);
    const Comparison c = compare(name, M[a], rows);
    EXPECT_LT(c.coef, kCoefficientTolerance) << name;
    EXPECT_LT(c.rhs, kCoefficientTolerance) << name;
    double d_err = 0.0;
    for (std::size_t P = 0; P < rows.size(); ++P)
      d_err = std::max(d_err, rows[P].active ? std::fabs(pb.state->d[a][P] - rows[P].d) / rows[P].d
                                             : std::fabs(pb.state->d[a][P]));
    std::cout << name << ": max rel. error of d " << d_err << "\n";
    EXPECT_LT(d_err, kCoefficientTolerance) << name;
    check_matrix_free(name, M[a]);
    check_m_matrix(name, M[a]);
    // Pure diffusion of a face-centred quantity between free faces is
    // symmetric on the free-free block.
    const rt::ConstStencilView v = std::as_const(M[a]).view();
    const Extent& e = v.ext;
    double asym = 0.0;
    for (int axis = 0; axis < 3; ++axis)
      for (int k = 0; k < e.n[2]; ++k)
        for (int j = 0; j < e.n[1]; ++j)
          for (int i = 0; i < e.n[0]; ++i) {
            const int c3[3] = {i, j, k};
            if (c3[axis] + 1 >= e.n[axis]) continue;
            const std::size_t P = e.index(i, j, k), N = P + e.stride(axis);
            if (v.aP[P] == 0.0 || v.aP[N] == 0.0) continue;
            asym = std::max(
                asym, std::fabs(v.a[2 * axis + 1][P] - v.a[2 * axis][N]) / v.a[2 * axis + 1][P]);
          }
    EXPECT_LT(asym, 1e-14) << name;
  }
}

// (b) Momentum with flow: upwind convection with continuity-corrected
// diagonal, deferred correction, inflow/outflow at the opening, inlet.
TEST(OperatorsVsEigen, MomentumWithFlow) {
  Problem pb;
  pb.fill(true);
  // The opening has both inflow and outflow faces, so both boundary
  // pressures (static, total) are exercised.
  int inflow = 0, outflow = 0;
  const Extent fx = pb.geo.faces(0);
  for (int k = 0; k < kN[2]; ++k)
    for (int j = 0; j < kN[1]; ++j) {
      const double u = pb.state->vel[0][fx.index(kN[0], j, k)];
      inflow += u < 0.0;
      outflow += u > 0.0;
    }
  ASSERT_GT(inflow, 0);
  ASSERT_GT(outflow, 0);

  std::array<Stencil7, 3> M;
  assemble_momentum_all(pb, M, 1.0);
  for (int a = 0; a < 3; ++a) {
    const std::string name = "momentum " + std::string(1, "xyz"[a]) + " with flow";
    const Rows rows = expected_momentum(pb, a);
    const Comparison c = compare(name, M[a], rows);
    EXPECT_LT(c.coef, kCoefficientTolerance) << name;
    EXPECT_LT(c.rhs, kCoefficientTolerance) << name;
    double d_err = 0.0;
    for (std::size_t P = 0; P < rows.size(); ++P)
      if (rows[P].active)
        d_err = std::max(d_err, std::fabs(pb.state->d[a][P] - rows[P].d) / rows[P].d);
    EXPECT_LT(d_err, kCoefficientTolerance) << name;
    check_matrix_free(name, M[a]);
    check_m_matrix(name, M[a]);
    // Fixed faces are inactive rows holding their velocity.
    const rt::ConstStencilView v = std::as_const(M[a]).view();
    const Extent fe = pb.geo.faces(a);
    for (std::size_t P = 0; P < fe.size(); ++P)
      if (pb.state->face_state[a][P] != rt::kFaceFree) {
        EXPECT_EQ(v.aP[P], 0.0);
        EXPECT_EQ(v.b[P], pb.state->vel[a][P]);
        EXPECT_EQ(pb.state->d[a][P], 0.0);
      }
  }
}

// Under-relaxation and the SIMPLEC factor: aP/alpha, b + (aP/alpha - aP) u,
// d = A / (aP/alpha - sum of the free neighbours' a_nb).
TEST(OperatorsVsEigen, MomentumUnderRelaxed) {
  Problem pb;
  pb.fill(true);
  std::array<Stencil7, 3> M;
  const double alpha = 0.7;
  assemble_momentum_all(pb, M, alpha);
  const Geometry& g = pb.geo;
  for (int a = 0; a < 3; ++a) {
    Rows rows = expected_momentum(pb, a);
    const Extent fe = g.faces(a);
    double d_err = 0.0;
    for (int k = 0; k < fe.n[2]; ++k)
      for (int j = 0; j < fe.n[1]; ++j)
        for (int i = 0; i < fe.n[0]; ++i) {
          const std::size_t P = fe.index(i, j, k);
          Row& r = rows[P];
          if (!r.active) continue;
          const int q[3] = {i, j, k};
          double free_sum = 0.0;
          for (int s = 0; s < rt::kNeighbourSlots; ++s) {
            int qn[3] = {q[0], q[1], q[2]};
            qn[s / 2] += (s % 2) ? 1 : -1;
            if (r.a[s] != 0.0 && g.face_in(a, qn) && g.face_free(a, qn, pb.model))
              free_sum += r.a[s];
          }
          const int tb = (a + 1) % 3, tc = (a + 2) % 3;
          const double aP = r.aP / alpha;
          r.add_b((aP - r.aP) * pb.state->vel[a][P]);
          r.aP = aP;
          r.d = g.w(tb, q[tb]) * g.w(tc, q[tc]) / (aP - free_sum);
          d_err = std::max(d_err, std::fabs(pb.state->d[a][P] - r.d) / r.d);
        }
    const std::string name = "momentum " + std::string(1, "xyz"[a]) + ", alpha 0.7";
    const Comparison c = compare(name, M[a], rows);
    EXPECT_LT(c.coef, kCoefficientTolerance) << name;
    EXPECT_LT(c.rhs, kCoefficientTolerance) << name;
    std::cout << name << ": max rel. error of d " << d_err << "\n";
    EXPECT_LT(d_err, kCoefficientTolerance) << name;
  }
}

// ---------------------------------------------------------------------------
// (ii) Pressure correction, after a momentum assembly produced d.

TEST(OperatorsVsEigen, PressureCorrection) {
  Problem pb;
  pb.fill(true);
  std::array<Stencil7, 3> M;
  assemble_momentum_all(pb, M, 0.7);
  Stencil7 Pc;
  assemble_pressure_all(pb, Pc);
  const Rows rows = expected_pressure_correction(pb);
  const Comparison c = compare("pressure correction", Pc, rows);
  EXPECT_LT(c.coef, kCoefficientTolerance);
  EXPECT_LT(c.rhs, kCoefficientTolerance);
  check_matrix_free("pressure correction", Pc);
  check_m_matrix("pressure correction", Pc);

  // Symmetric, exactly.
  const SpMat A = kernel_matrix(Pc);
  EXPECT_EQ((A - SpMat(A.transpose())).norm(), 0.0);
  // Solid cells are inactive rows and nothing links to them.
  const rt::ConstStencilView v = std::as_const(Pc).view();
  const Geometry& g = pb.geo;
  for (int k = 0; k < kN[2]; ++k)
    for (int j = 0; j < kN[1]; ++j)
      for (int i = 0; i < kN[0]; ++i) {
        const int cc[3] = {i, j, k};
        const std::size_t P = g.cell(cc);
        if (g.solid(cc)) {
          EXPECT_EQ(v.aP[P], 0.0);
          EXPECT_EQ(v.b[P], 0.0);
        }
        for (int s = 0; s < rt::kNeighbourSlots; ++s) {
          int n[3] = {i, j, k};
          n[s / 2] += (s % 2) ? 1 : -1;
          if (g.cell_in(n) && g.solid(n)) {
            EXPECT_EQ(v.a[s][P], 0.0);
          }
        }
      }
  // Dirichlet at the opening: the cells beside it are strictly dominant,
  // the others have aP == sum a_nb.
  for (int k = 0; k < kN[2]; ++k)
    for (int j = 0; j < kN[1]; ++j)
      for (int i = 0; i < kN[0]; ++i) {
        const int cc[3] = {i, j, k};
        const std::size_t P = g.cell(cc);
        if (g.solid(cc)) continue;
        double sum = 0.0;
        for (int s = 0; s < rt::kNeighbourSlots; ++s) sum += v.a[s][P];
        if (i == kN[0] - 1) {
          EXPECT_GT(v.aP[P], sum * (1.0 + 1e-6));
        } else {
          EXPECT_NEAR(v.aP[P], sum, 1e-14 * sum);
        }
      }

  // Solving it and correcting the face velocities satisfies continuity in
  // every fluid cell (SIMPLEC consistency of the operator with
  // rt::correct_face_velocity). Solved both by Eigen and by CG + multigrid.
  const std::vector<double> zeros(g.cells().size(), 0.0);
  const std::vector<double> pc_eigen = eigen_solve(Pc, zeros);
  for (std::size_t coarsest : {std::size_t(128), std::size_t(2)}) {
    std::vector<double> pc_cg = zeros;
    rt::AdditiveCorrectionMultigrid::Settings ms;
    ms.coarsest_cells = coarsest;
    rt::AdditiveCorrectionMultigrid mg(ms);
    mg.build(Pc);
    rt::LinearSolveSettings ls;
    ls.relative_tolerance = 1e-12;
    const rt::LinearSolveReport rep = rt::solve_cg(Pc, pc_cg, mg, ls);
    double diff = 0.0, scale = 0.0;
    for (std::size_t P = 0; P < zeros.size(); ++P) {
      diff = std::max(diff, std::fabs(pc_cg[P] - pc_eigen[P]));
      scale = std::max(scale, std::fabs(pc_eigen[P]));
    }
    std::cout << "pressure correction: CG + multigrid (" << mg.level_count() << " levels) "
              << rep.iterations
              << " iterations, max|p'_cg - p'_eigen|/max|p'_eigen| = " << diff / scale << "\n";
    EXPECT_TRUE(rep.converged);
    EXPECT_LT(rep.iterations, 60);
    EXPECT_LT(diff / scale, 1e-9);
  }

  const rt::FlowView fv = pb.state->view();
  for (int a = 0; a < 3; ++a) {
    const Extent fe = g.faces(a);
    for (int k = 0; k < fe.n[2]; ++k)
      for (int j = 0; j < fe.n[1]; ++j)
        for (int i = 0; i < fe.n[0]; ++i)
          rt::correct_face_velocity(fv, pc_eigen.data(), a, i, j, k);
  }
  double worst = 0.0;
  for (int k = 0; k < kN[2]; ++k)
    for (int j = 0; j < kN[1]; ++j)
      for (int i = 0; i < kN[0]; ++i) {
        const int cc[3] = {i, j, k};
        if (g.solid(cc)) continue;
        double net = 0.0, gross = 0.0;
        for (int a = 0; a < 3; ++a) {
          const double A = g.w((a + 1) % 3, cc[(a + 1) % 3]) * g.w((a + 2) % 3, cc[(a + 2) % 3]);
          for (int side = 0; side < 2; ++side) {
            int q[3] = {i, j, k};
            q[a] += side;
            const double F = (side ? 1.0 : -1.0) * kRho *
                             pb.state->vel[a][g.faces(a).index(q[0], q[1], q[2])] * A;
            net += F;
            gross += std::fabs(F);
          }
        }
        worst = std::max(worst, std::fabs(net) / gross);
      }
  std::cout << "pressure correction: max |net mass outflow| / throughput after correction " << worst
            << "\n";
  EXPECT_LT(worst, 1e-12);
}

}  // namespace
