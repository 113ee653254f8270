// The outer iterations a run is expected to take before it starts
// (sweep --dry-run, Slurm time limits): solver/grid_sequencing.hpp.

#include <gtest/gtest.h>

#include "scenarios/model/model.hpp"
#include "solver/grid_sequencing.hpp"

namespace rt {
namespace {

Model steady_build_from_rest(double settle_K, int max_iterations) {
  Model m;
  m.solver.settle_K = settle_K;
  m.solver.settle_iterations = 500;
  m.solver.max_iterations = max_iterations;
  return m;
}

// A build solved from rest stops on its settle test after about 3.6
// windows (the example builds on their preview grids: 690 to 2,780
// iterations), not at max_iterations.
TEST(IterationEstimates, ASettlingRunFromRestCountsItsWindows) {
  EXPECT_DOUBLE_EQ(expected_iterations_from_rest(steady_build_from_rest(0.1, 3000)), 1800);
  EXPECT_DOUBLE_EQ(expected_iterations_from_rest(steady_build_from_rest(0.1, 800)), 800);
}

TEST(IterationEstimates, ARunWithoutASettleTestCountsMaxIterations) {
  EXPECT_DOUBLE_EQ(expected_iterations_from_rest(steady_build_from_rest(0.0, 3000)), 3000);
}

}  // namespace
}  // namespace rt
