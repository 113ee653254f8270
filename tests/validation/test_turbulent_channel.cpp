// Turbulent channel friction with LVEL (issue 4: fully developed channel flow
// at Re_Dh ~ 1e4, friction within 10 % of the Blasius/Dean correlation); the
// case and its references are in turbulent_channel.hpp.
//
// Measured (this test; 80 cells in tests/long/test_turbulent_channel_fine.cpp):
// the capped LVEL model's own 1-D solution is +9.8 % above Dean at Re_m 6000
// (Re_Dh 1.2e4; +12.0 % at Re_m 5000, the low-Re limit of Spalding's law,
// turbulence_k.hpp). The solver approaches it from below as the grid is
// refined: -1.8 / -1.0 / -0.3 / -0.05 % on 10 / 20 / 40 / 80 cells across,
// i.e. +7.8 / +8.6 / +9.5 / +9.7 % against Dean. Before the law-of-the-wall
// secant between cells (momentum_k.hpp, cv_edge_viscosity) the arithmetic
// mean of the cells' viscosities gave -1 / +4.6 / +7 / +2.9 % against the
// model, +14.8 % against Dean on 20 cells. Limits: Dean 10 % (the issue),
// the model 3 % (discretisation). Blasius on the hydraulic diameter,
// f = 0.316 Re_Dh^-0.25 (Darcy, c_f = f/4), is printed beside it: for
// parallel plates it reads about 10 % below Dean.
//
// The zero-equation model is printed for information, not tested: it has no
// wall function, so on a grid this coarse its wall shear is the laminar one
// of the first cell.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "validation/turbulent_channel.hpp"

namespace rt {
namespace {

using channel::ChannelResult;

class TurbulentChannelGrid : public ::testing::TestWithParam<int> {};

TEST_P(TurbulentChannelGrid, LvelFrictionMatchesTheModelAndDean) {
  channel::check_lvel_channel(GetParam());
}

// 10 cells across: the first cell in the log layer (y+ ~ 20), 20 in the
// buffer layer (y+ ~ 10), 40 at its edge with the sublayer (y+ ~ 5).
INSTANTIATE_TEST_SUITE_P(CellsAcross, TurbulentChannelGrid, ::testing::Values(10, 20, 40));

TEST(TurbulentChannel, ZeroEquationForInformation) {
  const ChannelResult zero = channel::run_channel("zero-equation", 20);
  std::cout << fmt::format(
      "  zero-equation (not tested): c_f = {:.5f} ({:+.1f} % vs Dean), {} iterations, max "
      "mu_t/mu {:.1f}\n",
      zero.cf_pressure, validation::percent_error(zero.cf_pressure, channel::dean_cf()),
      zero.iterations, zero.max_viscosity_ratio);
  EXPECT_TRUE(zero.converged);
}

}  // namespace
}  // namespace rt
