// The LVEL closure (solver/kernels/turbulence_k.hpp) in its limits: in the
// viscous sublayer u+ = y+ and nu_t -> 0; in the log region u+ = ln(E y+)/k
// and nu_eff/nu -> k y+; the Newton solve inverts Spalding's law everywhere
// between; the wall viscosity is the secant y+/u+.

#include <gtest/gtest.h>

#include <cmath>

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

}  // namespace
}  // namespace rt
