// The range a temperature still moves over at the end of a run that did not
// converge (solver/diagnostics.hpp, late_temperature_bands), and the test
// that stops a steady run as settled (temperatures_settled).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "solver/diagnostics.hpp"
#include "solver/settle_estimate.hpp"

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
  // ... unless it is one the caller leaves out (a monitor, a point probe).
  EXPECT_TRUE(temperatures_settled(two, 3000, 0.1, {"probe"}));
  EXPECT_FALSE(temperatures_settled(two, 3000, 0.1, {"die"}));
}

// A flow with no steady state: a die swinging +-0.2 K with a period of 100
// iterations around 43 °C fails the band test but settles in the mean; a
// drift that the band test refuses is refused in the mean too, and so is a
// swing wider than the cap.
TEST(TemperaturesSteadyInMean, SwingAroundAFixedMeanPassesADriftDoesNot) {
  const TemperatureHistory swing =
      history_of(400, [](int it) { return 43.0 + 0.2 * std::sin(2.0 * M_PI * it / 100.0); });
  EXPECT_FALSE(temperatures_settled(swing, 3000, 0.1));
  EXPECT_TRUE(temperatures_steady_in_mean(swing, 3500, 4000, 0.1, 1.0));
  EXPECT_FALSE(temperatures_steady_in_mean(swing, 3500, 4000, 0.1, 0.3));  // wider than the cap
  // A drift of 0.24 K over the window (0.12 K between the halves' means) is
  // refused; one of 0.16 K (0.08 K between them) passes in the mean, where
  // the band test refuses it.
  const TemperatureHistory drift = history_of(400, [](int it) { return 43.0 + 4.8e-4 * it; });
  EXPECT_FALSE(temperatures_steady_in_mean(drift, 3500, 4000, 0.1, 1.0));
  EXPECT_FALSE(temperatures_settled(drift, 3500, 0.1));
  const TemperatureHistory creep = history_of(400, [](int it) { return 43.0 + 3.2e-4 * it; });
  EXPECT_TRUE(temperatures_steady_in_mean(creep, 3500, 4000, 0.1, 1.0));
  EXPECT_FALSE(temperatures_settled(creep, 3500, 0.1));
  // The monitors are left out as in the band test; a history that starts
  // late does not know.
  TemperatureHistory with_probe = swing;
  with_probe.series.push_back({"probe", {}});
  for (int it : with_probe.iteration) with_probe.series[1].T_C.push_back(30.0 + 0.01 * it);
  EXPECT_FALSE(temperatures_steady_in_mean(with_probe, 3500, 4000, 0.1, 1.0));
  EXPECT_TRUE(temperatures_steady_in_mean(with_probe, 3500, 4000, 0.1, 1.0, {"probe"}));
  EXPECT_FALSE(temperatures_steady_in_mean(swing, 0, 500, 0.1, 1.0));
  // The late bands carry the mean of the swing.
  const std::vector<TemperatureBand> bands = late_temperature_bands(swing, 0.25);
  ASSERT_EQ(bands.size(), 1u);
  EXPECT_NEAR(bands[0].mean_C, 43.0, 0.01);
}

// A card held at its throttle point: its die stays pinned while its power
// drifts with the air through its heat sink. The settle test reads the power
// series as the die step it stands for, dP times the card's present
// R = (T_die - T_intake) / P: a 3 W drift over the 500-iteration window at
// R = 0.33 K/W (the starved upper card of the pair-adjacent build, 84 °C
// die, 47.7 °C intake, 110 W) is a 1 K step and holds the run open, in the
// band and in the mean; the same drift on a card with a twentieth of that R
// passes. A card at full power all along is a constant series; a
// card without a die or throttle point has no power series; the late bands
// (temperatures) leave the watts out.
TEST(ThrottledPowers, ReadAsTheDieStepTheyStandFor) {
  TemperatureHistory h = history_of(400, [](int) { return 84.0; });
  h.series[0].name = "gpu1.fins";
  h.series.push_back({power_series_name("gpu1.fins"), {}});
  for (int it : h.iteration) h.series[1].T_C.push_back(87.0 + 3.0 * it / 500.0);
  h.series.push_back({power_series_name("gpu2.fins"), {}});
  for (std::size_t i = 0; i < h.iteration.size(); ++i) h.series[2].T_C.push_back(260.0);
  EXPECT_TRUE(is_power_series(h.series[1].name));
  EXPECT_FALSE(is_power_series("gpu1.fins intake"));
  EXPECT_FALSE(is_power_series(" power W"));

  ComponentSummary starved;
  starved.name = "gpu1.fins";
  starved.has_die = starved.has_throttle = true;
  starved.T_die_C = 84.0;
  starved.inlet_air_C = 47.7;
  starved.power_W = 110.0;
  ComponentSummary full = starved;
  full.name = "gpu2.fins";
  full.inlet_air_C = 40.0;
  full.power_W = 260.0;
  ComponentSummary cpu = starved;  // no throttle point: no power series to read
  cpu.name = "cpu.fins";
  cpu.has_throttle = false;

  const TemperatureHistory K = throttled_powers_as_kelvin(h, {starved, full, cpu});
  ASSERT_EQ(K.series.size(), 2u);
  EXPECT_EQ(K.iteration, h.iteration);
  const double R = (84.0 - 47.7) / 110.0;
  EXPECT_NEAR(K.series[0].T_C.back() - K.series[0].T_C.front(), R * 3.0 * 3990.0 / 500.0, 1e-9);
  EXPECT_FALSE(temperatures_settled(K, 3500, 0.1));
  EXPECT_FALSE(temperatures_steady_in_mean(K, 3500, 4000, 0.1, 1.0));
  // The same drift where the air barely matters (R twenty times smaller).
  ComponentSummary well_cooled = starved;
  well_cooled.inlet_air_C = 84.0 - R * 110.0 / 20.0;
  EXPECT_TRUE(temperatures_settled(throttled_powers_as_kelvin(h, {well_cooled, full}), 3500, 0.1));
  // A history without power series (an older checkpoint) has nothing to hold.
  EXPECT_TRUE(temperatures_settled(
      throttled_powers_as_kelvin(history_of(400, [](int) { return 84.0; }), {starved}), 3500, 0.1));

  const std::vector<TemperatureBand> bands = late_temperature_bands(h, 0.25);
  ASSERT_EQ(bands.size(), 1u);
  EXPECT_EQ(bands[0].name, "gpu1.fins");
}

// The progress line's estimate of when a run settles, from the widest band
// over two consecutive stretches (solver/settle_estimate.hpp): on a die
// relaxing as 43 + 5 e^(-it/300) with a 0.1 K band over 500 iterations, the
// range over the window ending at `it`, 5 e^(-(it-500)/300) (1 - e^(-5/3)),
// first falls below 0.1 K at it = 500 + 300 ln(50 (1 - e^(-5/3))) = 1611
// (sampled: 1620).
TEST(SettleEstimate, PredictsWhenAnExponentiallySettlingDieHolds) {
  const TemperatureHistory h =
      history_of(400, [](int it) { return 43.0 + 5.0 * std::exp(-it / 300.0); });
  int settles_at = 0;
  for (int it = 500; it <= 4000 && settles_at == 0; it += 10)
    if (widest_band_K(h, it - 500, it) < 0.1) settles_at = it;
  EXPECT_EQ(settles_at, 1620);
  for (int at : {300, 400, 800, 1200}) {
    Progress p;
    p.iteration = at;
    p.settle_K = 0.1;
    p.settle_iterations = 500;
    p.settle_span = 100;
    p.settle_band_K = widest_band_K(h, at - 100, at);
    p.settle_band_earlier_K = widest_band_K(h, at - 200, at - 100);
    EXPECT_NEAR(at + iterations_until_settled(p), settles_at, 15) << "estimated at " << at;
  }
  // Not settling (a swing that does not shrink), or no history yet: unknown.
  Progress swinging;
  swinging.settle_K = 0.1;
  swinging.settle_iterations = 500;
  swinging.settle_span = 100;
  swinging.settle_band_K = 0.6;
  swinging.settle_band_earlier_K = 0.6;
  EXPECT_TRUE(std::isnan(iterations_until_settled(swinging)));
  swinging.settle_band_earlier_K = std::nan("");
  EXPECT_TRUE(std::isnan(iterations_until_settled(swinging)));
}

}  // namespace
}  // namespace rt
