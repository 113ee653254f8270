// The range a temperature still moves over at the end of a run that did not
// converge (solver/diagnostics.hpp, late_temperature_bands).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "solver/diagnostics.hpp"

namespace rt {
namespace {

TemperatureHistory history_of(int entries, double (*T)(int)) {
  TemperatureHistory h;
  h.series.push_back({"die", {}});
  for (int n = 1; n <= entries; ++n) {
    h.iteration.push_back(10 * n);
    h.series[0].T_C.push_back(T(10 * n));
  }
  return h;
}

TEST(TemperatureBands, LastQuarterOfTheIterations) {
  // Settling exponentially, then a +-0.3 K swing: the band is the swing's.
  const TemperatureHistory h = history_of(
      400, [](int it) { return 43.0 + 5.0 * std::exp(-it / 200.0) + 0.3 * std::sin(it / 60.0); });
  const std::vector<TemperatureBand> bands = late_temperature_bands(h, 0.25);
  ASSERT_EQ(bands.size(), 1u);
  EXPECT_EQ(bands[0].name, "die");
  EXPECT_EQ(bands[0].from_iteration, 3000);
  EXPECT_NEAR(bands[0].min_C, 42.7, 0.01);
  EXPECT_NEAR(bands[0].max_C, 43.3, 0.01);
}

TEST(TemperatureBands, TooFewSamplesOrNoFiniteValuesGiveNone) {
  EXPECT_TRUE(late_temperature_bands(history_of(8, [](int) { return 40.0; }), 0.25).empty());
  EXPECT_TRUE(
      late_temperature_bands(
          history_of(100, [](int) { return std::numeric_limits<double>::infinity(); }), 0.25)
          .empty());
  EXPECT_TRUE(late_temperature_bands(TemperatureHistory{}, 0.25).empty());
}

}  // namespace
}  // namespace rt
