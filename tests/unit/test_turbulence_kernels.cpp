// The LVEL closure (solver/kernels/turbulence_k.hpp) in its limits: in the
// viscous sublayer u+ = y+ and nu_t -> 0; in the log region u+ = ln(E y+)/k
// and nu_eff/nu -> k y+; the Newton solve inverts Spalding's law everywhere
// between; the wall viscosity is the secant y+/u+. The strain rate that
// feeds the outer-layer cap, on linear velocity fields, and the cap itself.

#include <gtest/gtest.h>

#include <cmath>

#include "scenarios/generic/scenario_file.hpp"
#include "solver/flow_state.hpp"
#include "solver/kernels/turbulence_k.hpp"

namespace rt {
namespace {

TEST(Lvel, InvertsSpaldingsLawOverTheWholeRange) {
  for (double u_plus = 0.01; u_plus < 40.0; u_plus *= 1.1) {
    const double Re = u_plus * spalding_y_plus(u_plus);
    EXPECT_NEAR(spalding_u_plus(Re), u_plus, 1e-9 * (1.0 + u_plus)) << "Re = " << Re;
  }
  EXPECT_EQ(spalding_u_plus(0.0), 0.0);
  EXPECT_EQ(lvel_viscosity_ratio(0.0), 1.0);
}

TEST(Lvel, ViscousSublayerIsLaminar) {
  // y+ = 1: u+ = y+ to within (k u+)^4 / (24 E), nu_t / nu about (k/E) (k u+)^3 / 6.
  const double u_plus = spalding_u_plus(1.0);
  EXPECT_NEAR(u_plus, 1.0, 2e-4);
  EXPECT_LT(lvel_viscosity_ratio(1.0) - 1.0, 1e-3);
  EXPECT_GT(lvel_viscosity_ratio(1.0) - 1.0, 0.0);
  EXPECT_NEAR(wall_viscosity_ratio(1.0), 1.0, 1e-3);
  EXPECT_NEAR(wall_viscosity_ratio(1e-8), 1.0, 1e-12);
}

TEST(Lvel, LogRegionFollowsTheLogLaw) {
  // At y+ = 1000 the polynomial terms are < 0.2 % of e^(k u+).
  for (double y_plus : {300.0, 1000.0, 5000.0}) {
    const double u_log = std::log(kLogLawE * y_plus) / kKarman;
    const double Re = u_log * y_plus;  // the local Re a log-law point has
    const double u_plus = spalding_u_plus(Re);
    EXPECT_NEAR(u_plus, u_log, 0.03 * u_log) << "y+ = " << y_plus;
    // nu_eff / nu = dy+/du+ -> k y+ (the log law's mixing length k y).
    EXPECT_NEAR(lvel_viscosity_ratio(Re), kKarman * y_plus, 0.05 * kKarman * y_plus);
    // Wall (secant) viscosity y+ / u+.
    EXPECT_NEAR(wall_viscosity_ratio(Re), Re / (u_plus * u_plus), 1e-9 * Re);
  }
}

TEST(Lvel, ClampsBeyondTheRangeOfAnyEnclosureFlow) {
  const double huge = 1e15;
  EXPECT_DOUBLE_EQ(spalding_u_plus(huge), kMaxUPlus);
  EXPECT_TRUE(std::isfinite(lvel_viscosity_ratio(huge)));
}

TEST(ZeroEquation, LinearInSpeedAndDistance) {
  EXPECT_DOUBLE_EQ(zero_equation_viscosity_ratio(0.0), 1.0);
  EXPECT_DOUBLE_EQ(zero_equation_viscosity_ratio(1000.0), 1.0 + 38.74);
}

// A 6^3 box of air with every face velocity set from `velocity(x, y, z)`.
template <class Field>
FlowState box_with_velocity(const Grid& grid, const Model& m, Field velocity) {
  FlowState s(m, grid);
  for (int a = 0; a < 3; ++a) {
    const Extent fe = face_extent(s.cells(), a);
    for (int k = 0; k < fe.n[2]; ++k)
      for (int j = 0; j < fe.n[1]; ++j)
        for (int i = 0; i < fe.n[0]; ++i) {
          const int q[3] = {i, j, k};
          double x[3];
          for (int b = 0; b < 3; ++b)
            x[b] = b == a ? grid.edges[b][q[b]] : grid.centre(b, q[b]);
          s.vel[a][fe.index(i, j, k)] = velocity(x)[a];
        }
  }
  return s;
}

const char* kAirBox = R"(
[domain]
size_m = [1.0, 1.0, 1.0]
[grid]
cells = [6, 6, 6]
[physics]
turbulence = "lvel"
)";

TEST(StrainRate, ShearAndRotationOnLinearFields) {
  const Model m = parse_scenario(kAirBox, "strain-rate");
  const Grid grid = make_uniform_grid(m.size_m, m.cells);
  // u = 3 y, w = 4 x: S_xy = 3/2, S_xz = 2, |S| = sqrt(2 * 2 * (9/4 + 4)) = 5.
  FlowState shear = box_with_velocity(grid, m, [](const double* x) {
    return std::array<double, 3>{3.0 * x[1], 0.0, 4.0 * x[0]};
  });
  // Solid-body rotation u = -y, v = x: no strain at all.
  FlowState spin = box_with_velocity(grid, m, [](const double* x) {
    return std::array<double, 3>{-x[1], x[0], 0.0};
  });
  // Uniform stretching u = 2 x, v = -2 y: |S| = sqrt(2 (4 + 4)) = 4.
  FlowState stretch = box_with_velocity(grid, m, [](const double* x) {
    return std::array<double, 3>{2.0 * x[0], -2.0 * x[1], 0.0};
  });
  const FlowView vs = shear.view(), vr = spin.view(), vt = stretch.view();
  for (int k = 1; k < 5; ++k)
    for (int j = 1; j < 5; ++j)
      for (int i = 1; i < 5; ++i) {
        EXPECT_NEAR(cell_strain_rate(vs, i, j, k), 5.0, 1e-12);
        EXPECT_NEAR(cell_strain_rate(vr, i, j, k), 0.0, 1e-12);
        EXPECT_NEAR(cell_strain_rate(vt, i, j, k), 4.0, 1e-12);
      }
}

TEST(Lvel, OuterCapLimitsTheMixingLengthAwayFromWalls) {
  const Model m = parse_scenario(kAirBox, "outer-cap");
  const Grid grid = make_uniform_grid(m.size_m, m.cells);
  // A weak shear u = 0.01 y at a cell 0.4 m from a wall in a 0.5 m layer:
  // LVEL alone gives nu_t = k u_tau d (tens of nu); the cap (0.09 delta)^2 |S|.
  FlowState s = box_with_velocity(grid, m, [](const double* x) {
    return std::array<double, 3>{1.0 + 0.01 * x[1], 0.0, 0.0};
  });
  const FlowView v = s.view();
  std::vector<double> d(s.cells().size(), 0.4), delta(s.cells().size(), 0.5);
  const double nu = m.fluid.viscosity_Pa_s / m.fluid.density_kg_m3;
  const double Re = cell_speed(v, 2, 2, 2) * 0.4 / nu;
  const double lvel = lvel_viscosity_ratio(Re);
  const double outer = std::pow(kOuterMixingLength * 0.5, 2) * 0.01 / nu;
  ASSERT_LT(outer, lvel - 1.0);  // the cap binds here
  const CellViscosity mu = effective_viscosity(v, d.data(), delta.data(), kLvel, 2, 2, 2);
  EXPECT_NEAR(mu.interior / m.fluid.viscosity_Pa_s, 1.0 + outer, 1e-9 * (1.0 + outer));
  // Near a wall (d = 1 mm, the buffer layer) the cap is above LVEL and leaves it as published.
  std::vector<double> d_near(s.cells().size(), 1e-3);
  const double lvel_near = lvel_viscosity_ratio(cell_speed(v, 2, 2, 2) * 1e-3 / nu);
  ASSERT_GT(outer, lvel_near - 1.0);
  const CellViscosity near = effective_viscosity(v, d_near.data(), delta.data(), kLvel, 2, 2, 2);
  EXPECT_NEAR(near.interior / m.fluid.viscosity_Pa_s, lvel_near, 1e-9 * lvel_near);
}

}  // namespace
}  // namespace rt
