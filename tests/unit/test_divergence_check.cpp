// The blow-up detector must name the cell where a field went bad, and must
// not fire on a healthy state.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "solver/divergence_check.hpp"

namespace rt {
namespace {

Model small_box() {
  Model m;
  m.size_m = {0.4, 0.2, 0.1};
  m.cells = {4, 2, 1};
  m.fluid = {1.2, 1.8e-5, 0.026, 1006.0, 3.4e-3};
  return m;
}

TEST(DivergenceCheck, HealthyStateIsNotFlagged) {
  const Model m = small_box();
  FlowState s(m, make_uniform_grid(m.size_m, m.cells));
  EXPECT_FALSE(find_blow_up(s, runaway_speed_limit(m)).has_value());
}

TEST(DivergenceCheck, NamesTheNonFiniteCell) {
  const Model m = small_box();
  FlowState s(m, make_uniform_grid(m.size_m, m.cells));
  s.T[s.cells().index(2, 1, 0)] = std::numeric_limits<double>::quiet_NaN();
  const auto where = find_blow_up(s, runaway_speed_limit(m));
  ASSERT_TRUE(where.has_value());
  EXPECT_NE(where->find("cell (2, 1, 0)"), std::string::npos) << *where;
  EXPECT_NE(where->find("(0.25, 0.15, 0.05) m"), std::string::npos) << *where;
}

TEST(DivergenceCheck, NamesTheFastestRunawayCell) {
  const Model m = small_box();
  const double limit = runaway_speed_limit(m);
  // Free-fall speed over the longest side bounds buoyant flow.
  EXPECT_NEAR(limit, 1e3 * std::sqrt(9.81 * 0.4), 1e-9);
  FlowState s(m, make_uniform_grid(m.size_m, m.cells));
  const Extent fx = face_extent(s.cells(), 0);
  s.vel[0][fx.index(1, 0, 0)] = 4.0 * limit;  // cells 0 and 1 see 2x the limit
  s.vel[0][fx.index(3, 1, 0)] = 8.0 * limit;  // cells 2 and 3 of row 1 see 4x
  const auto where = find_blow_up(s, limit);
  ASSERT_TRUE(where.has_value());
  EXPECT_NE(where->find("cell (2, 1, 0)"), std::string::npos) << *where;
  EXPECT_NE(where->find("runaway"), std::string::npos) << *where;
}

}  // namespace
}  // namespace rt
