// The relaxation backs off only when a whole window of iterations makes no
// progress, and never below its floors.

#include <gtest/gtest.h>

#include "solver/relaxation_control.hpp"

namespace rt {
namespace {

ResidualRecord residuals(double worst) { return {0, worst, worst / 2, worst / 3}; }

TEST(RelaxationControl, SteadyProgressKeepsTheFactors) {
  RelaxationControl rc(0.8, 1.0);
  double r = 1.0;
  for (int it = 0; it < 2000; ++it, r *= 0.995) EXPECT_FALSE(rc.observe(residuals(r)));
  EXPECT_DOUBLE_EQ(rc.velocity(), 0.8);
  EXPECT_DOUBLE_EQ(rc.energy(), 1.0);
}

TEST(RelaxationControl, StallStepsDownToTheFloors) {
  RelaxationControl rc(0.8, 1.0);
  int changes = 0;
  for (int it = 0; it < 5000; ++it) changes += rc.observe(residuals(it % 7 == 0 ? 0.1 : 0.3));
  // The first window only sets the reference; every later one stalls.
  EXPECT_GT(changes, 3);
  EXPECT_DOUBLE_EQ(rc.velocity(), 0.3);
  EXPECT_DOUBLE_EQ(rc.energy(), 0.6);
  EXPECT_EQ(rc.reductions(), changes);
}

TEST(RelaxationControl, OneReductionPerStalledWindow) {
  RelaxationControl rc(0.8, 1.0);
  for (int it = 0; it < 100; ++it) rc.observe(residuals(0.2));
  for (int it = 0; it < 99; ++it) EXPECT_FALSE(rc.observe(residuals(0.2)));
  EXPECT_TRUE(rc.observe(residuals(0.2)));
  EXPECT_NEAR(rc.velocity(), 0.68, 1e-12);
  EXPECT_NEAR(rc.energy(), 0.9, 1e-12);
}

}  // namespace
}  // namespace rt
