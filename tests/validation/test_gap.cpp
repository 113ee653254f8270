// The gap test (issue 14): an open-air card's fans facing a flat plate must
// starve as the gap closes. The RTX 2080 Ti FE in examples/gap-test/gap-rig.toml,
// its fans at 100 %, the plate at 40, 10, 5, 2.6 and 1 mm, on the preview
// grid. The flow through its fin stack must fall with every step and stay
// within 25 % of the one-dimensional network estimate
// (scenarios/builds/card_air_path.hpp: the fans' curve against the gap's entry and
// friction and the fin stack's loss; docs/build-scenarios.md, "How a stacked
// card breathes"). The long test repeats it on the default and a fine grid.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "tests/validation/gap_rig.hpp"

namespace rt {
namespace {

constexpr double kWithinEstimate = 0.25;
constexpr int kIterations = 1200;

TEST(GapTest, OpenAirCardStarvesAsTheGapClosesAsTheNetworkEstimateSays) {
  std::vector<gap_rig::GapResult> runs;
  for (double gap : {40.0, 10.0, 5.0, 2.6, 1.0})
    runs.push_back(gap_rig::run("rtx-2080-ti-fe", gap, gap_rig::kPreview, kIterations));
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const gap_rig::GapResult& r = runs[i];
    EXPECT_NEAR(r.flow_m3_s / r.estimate_m3_s, 1.0, kWithinEstimate)
        << "gap " << *r.gap_mm << " mm";
    if (i > 0) EXPECT_LT(r.flow_m3_s, runs[i - 1].flow_m3_s) << "gap " << *r.gap_mm << " mm";
  }
  // Starved: less air, so a hotter die, at the narrow gaps than with room.
  EXPECT_GT(runs.back().die_C, runs.front().die_C);
}

}  // namespace
}  // namespace rt
