// The range a temperature still moves over at the end of a run that did not
// converge (solver/diagnostics.hpp, late_temperature_bands), and the test
// that stops a steady run as settled (temperatures_settled).

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

// The settled test of steady runs ([solver] settle_K): every series within
// the band from an iteration on, and a history that reaches back that far.
TEST(TemperaturesSettled, BandFromAnIterationOn) {
  // 43 + 5 e^(-it/200): moves 5 e^(-it/200) (1 - e^(-window/200)) over a window.
  const TemperatureHistory h =
      history_of(400, [](int it) { return 43.0 + 5.0 * std::exp(-it / 200.0); });
  // Over 3000..4000 it moves 5 (e^-15 - e^-20) = 1.5e-6 K; over 500..4000 0.41 K.
  EXPECT_TRUE(temperatures_settled(h, 3000, 0.1));
  EXPECT_FALSE(temperatures_settled(h, 500, 0.1));
  EXPECT_TRUE(temperatures_settled(h, 500, 0.5));
  // Before the first sample (a resumed run's history starts late): not known.
  EXPECT_FALSE(temperatures_settled(h, 5, 10.0));
  EXPECT_FALSE(temperatures_settled(TemperatureHistory{}, 0, 10.0));
  // One series still moving spoils it.
  TemperatureHistory two = h;
  two.series.push_back({"probe", {}});
  for (int it : two.iteration) two.series[1].T_C.push_back(30.0 + 0.001 * it);
  EXPECT_FALSE(temperatures_settled(two, 3000, 0.1));
  EXPECT_TRUE(temperatures_settled(two, 3950, 0.1));
}

}  // namespace
}  // namespace rt
