// The implicit time term (kernels/time_k.hpp): the backward-difference
// coefficients are exact for the polynomials of their order on variable
// steps, and the momentum and energy kernels add exactly C a0/dt to the
// diagonal and C (a1 phi_n - a2 phi_{n-1})/dt to the source, with C the
// control volume's mass or heat capacity (a block's density x specific heat,
// air's rho c_p), and nothing at all in a steady run.

#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "geometry/snapped_grid.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "solver/flow_state.hpp"
#include "solver/kernels/energy_k.hpp"
#include "solver/kernels/momentum_k.hpp"
#include "solver/kernels/time_k.hpp"

namespace rt {
namespace {

// a0 phi(t+dt) - a1 phi(t) + a2 phi(t-dt_prev) = dt phi'(t+dt) for every
// quadratic (BDF2) or linear (Euler) phi.
TEST(TimeCoefficients, ExactForPolynomialsOfTheirOrder) {
  const TimeCoefficients bdf2 = bdf_coefficients(0.1, 0.1, true);
  EXPECT_DOUBLE_EQ(bdf2.a0, 1.5);
  EXPECT_DOUBLE_EQ(bdf2.a1, 2.0);
  EXPECT_DOUBLE_EQ(bdf2.a2, 0.5);
  const TimeCoefficients first = bdf_coefficients(0.1, 0.0, true);  // no previous step
  EXPECT_EQ(first.a0, 1.0);
  EXPECT_EQ(first.a2, 0.0);

  const double t = 2.0;
  for (double dt_prev : {0.3, 0.2}) {
    for (double dt : {0.2, 0.07}) {
      auto phi = [](double s) { return 1.0 - 3.0 * s + 0.7 * s * s; };
      const double dphi = -3.0 + 1.4 * (t + dt);
      const TimeCoefficients c = bdf_coefficients(dt, dt_prev, true);
      EXPECT_NEAR(c.a0 * phi(t + dt) - c.a1 * phi(t) + c.a2 * phi(t - dt_prev), dt * dphi, 1e-13)
          << "dt " << dt << " dt_prev " << dt_prev;
      auto line = [](double s) { return 4.0 + 2.5 * s; };
      const TimeCoefficients e = bdf_coefficients(dt, dt_prev, false);
      EXPECT_NEAR(e.a0 * line(t + dt) - e.a1 * line(t) + e.a2 * line(t - dt_prev), dt * 2.5, 1e-13);
    }
  }
}

// A closed box of air with a block, uneven cells, flow and temperatures that
// differ per point.
constexpr char kBox[] = R"(
[domain]
size_m = [0.04, 0.03, 0.02]
[grid]
max_cell_m = 0.008
growth = 1.3
[boundary.xmin]
type = "wall"
T_C = 30
[[block]]
name = "chip"
min_m = [0.01, 0.0, 0.0]
max_m = [0.02, 0.01, 0.01]
conductivity_W_mK = 150.0
density_kg_m3 = 2330.0
specific_heat_J_kgK = 700.0
power_W = 2.0
[solver]
mode = "transient"
time_step_s = 0.5
end_time_s = 10
)";

// A smooth, point-dependent value for index n of a field and a time level.
double pattern(std::size_t n, int level) {
  return std::sin(0.37 * static_cast<double>(n) + 1.3 * level) + 0.1 * level;
}

void fill_fields(FlowState& st, int level) {
  for (std::size_t n = 0; n < st.T.size(); ++n) st.T[n] = 300.0 + 5.0 * pattern(n, level);
  for (int a = 0; a < 3; ++a)
    for (std::size_t f = 0; f < st.vel[a].size(); ++f)
      if (st.face_state[a][f] == kFaceFree) st.vel[a][f] = 0.2 * pattern(f + 7 * a, level);
}

template <class F>
void for_each_point_serial(const Extent& e, F f) {
  for (int k = 0; k < e.n[2]; ++k)
    for (int j = 0; j < e.n[1]; ++j)
      for (int i = 0; i < e.n[0]; ++i) f(i, j, k);
}

struct Assembled {
  Stencil7 energy;
  std::array<Stencil7, 3> momentum;
};

Assembled assemble(FlowState& st) {
  Assembled out;
  const FlowView v = st.view();
  out.energy.resize(st.cells());
  const StencilView E = out.energy.view();
  for_each_point_serial(st.cells(),
                        [&](int i, int j, int k) { assemble_energy(v, E, i, j, k, 1.0, 300.0); });
  for (int a = 0; a < 3; ++a) {
    out.momentum[a].resize(face_extent(st.cells(), a));
    const StencilView M = out.momentum[a].view();
    for_each_point_serial(
        M.ext, [&](int i, int j, int k) { assemble_momentum(v, M, a, i, j, k, 1.0, 0.0); });
  }
  return out;
}

TEST(TimeTerm, KernelsAddExactlyTheCapacityOverTheStep) {
  const Model model = parse_scenario(kBox, "box");
  const Grid grid = make_grid(model);
  FlowState st(model, grid);
  ASSERT_EQ(st.props.pressure_driven_speed, 0.0);  // no relaxation floor in the way

  // Levels n-1 and n, then the fields being solved for.
  fill_fields(st, 0);
  st.begin_time_step(0.4, 1.0, 1.0, 0.0);
  fill_fields(st, 1);
  const double dt = 0.25;
  const TimeCoefficients c = bdf_coefficients(dt, 0.4, true);
  st.begin_time_step(dt, c.a0, c.a1, c.a2);
  fill_fields(st, 2);
  const Assembled with = assemble(st);
  st.end_time_stepping();
  const Assembled without = assemble(st);

  const FlowState::History& h = st.history();
  const Extent& C = st.cells();
  int solid_cells = 0;
  for (int k = 0; k < C.n[2]; ++k)
    for (int j = 0; j < C.n[1]; ++j)
      for (int i = 0; i < C.n[0]; ++i) {
        const std::size_t P = C.index(i, j, k);
        const bool solid = st.material[P] > 0;
        solid_cells += solid;
        const double rho_cp =
            solid ? 2330.0 * 700.0 : model.fluid.density_kg_m3 * model.fluid.specific_heat_J_kgK;
        const double cap = rho_cp * grid.width(0, i) * grid.width(1, j) * grid.width(2, k) / dt;
        const ConstStencilView W = static_cast<const Stencil7&>(with.energy).view();
        const ConstStencilView O = static_cast<const Stencil7&>(without.energy).view();
        EXPECT_NEAR(W.aP[P] - O.aP[P], cap * c.a0, 1e-9 * cap) << "cell " << P;
        EXPECT_NEAR(W.b[P] - O.b[P], cap * (c.a1 * h.T_n[P] - c.a2 * h.T_nm1[P]), 1e-9 * cap * 300)
            << "cell " << P;
        for (int s = 0; s < kNeighbourSlots; ++s) EXPECT_EQ(W.a[s][P], O.a[s][P]);
      }
  EXPECT_GT(solid_cells, 0);

  int free_faces = 0;
  for (int a = 0; a < 3; ++a) {
    const Extent fe = face_extent(C, a);
    const ConstStencilView W = static_cast<const Stencil7&>(with.momentum[a]).view();
    const ConstStencilView O = static_cast<const Stencil7&>(without.momentum[a]).view();
    const int tb = (a + 1) % 3, tc = (a + 2) % 3;
    for (int k = 0; k < fe.n[2]; ++k)
      for (int j = 0; j < fe.n[1]; ++j)
        for (int i = 0; i < fe.n[0]; ++i) {
          const std::size_t P = fe.index(i, j, k);
          const int q[3] = {i, j, k};
          if (st.face_state[a][P] != kFaceFree) {
            EXPECT_EQ(W.aP[P], O.aP[P]);  // fixed faces keep their value
            continue;
          }
          ++free_faces;
          // Interior face: the CV spans the two cell centres beside it.
          const double len = grid.centre(a, q[a]) - grid.centre(a, q[a] - 1);
          const double mass =
              model.fluid.density_kg_m3 * len * grid.width(tb, q[tb]) * grid.width(tc, q[tc]);
          EXPECT_NEAR(W.aP[P] - O.aP[P], mass / dt * c.a0, 1e-9 * mass / dt) << a << " " << P;
          EXPECT_NEAR(W.b[P] - O.b[P], mass / dt * (c.a1 * h.vel_n[a][P] - c.a2 * h.vel_nm1[a][P]),
                      1e-9 * mass / dt)
              << a << " " << P;
        }
  }
  EXPECT_GT(free_faces, 0);
}

}  // namespace
}  // namespace rt
