// The turbulent channel of tests/validation/test_turbulent_channel.cpp on 80
// cells across (first cell in the viscous sublayer, y+ ~ 2.6): the last step
// of its grid refinement, about half a minute on one core, so in the `long`
// label. Measured: c_f -0.05 % against the LVEL model's own solution,
// +9.7 % against Dean.

#include <gtest/gtest.h>

#include "validation/turbulent_channel.hpp"

namespace rt {
namespace {

TEST(TurbulentChannelFine, LvelFrictionMatchesTheModelAndDeanOn80Cells) {
  channel::check_lvel_channel(80);
}

}  // namespace
}  // namespace rt
