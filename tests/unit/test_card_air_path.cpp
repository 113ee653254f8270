// The one-dimensional air path of an open-air card (scenarios/card_air_path):
// the returned point lies on the fans' curve and on the system's losses, the
// flow falls as a facing gap closes, a second way into the gap (the slit
// along the board) lets more air in, and blower cards are refused.

#include <gtest/gtest.h>

#include <stdexcept>

#include "scenarios/model/air_properties.hpp"
#include "scenarios/builds/board_layout.hpp"
#include "scenarios/builds/card_air_path.hpp"

namespace rt {
namespace {

const PartsLibrary& lib() {
  static const PartsLibrary l = PartsLibrary::load(std::string(RT_SOURCE_DIR) + "/scenarios/builds/parts");
  return l;
}

const FluidProperties kAir = dry_air_at(298.15);

FacingGap gap_below(const GpuModel& g, double gap_m, bool slit) {
  return FacingGap{gap_m,
                   g.length_m + g.height_m,
                   0.5 * (g.height_m - g.fan_diameter_m),
                   slit ? g.length_m : 0.0,
                   kCardEdgeAbove_m,
                   g.thickness_m};
}

TEST(CardAirPath, OperatingPointLiesOnTheFanCurveAndTheLosses) {
  const GpuModel& g = lib().gpu("rtx-2080-ti-fe");
  for (double speed : {0.5, 1.0}) {
    const CardAirPath free =
        estimate_card_air_path(g, speed, std::nullopt, kAir.density_kg_m3, kAir.viscosity_Pa_s);
    const double q = free.flow_m3_s / g.fan_count;
    EXPECT_NEAR(free.fan_Pa, g.fan.at_speed(speed).pressure_at(q), 1e-9);
    EXPECT_NEAR(free.fan_Pa, free.fins_Pa, 1e-6 * free.fan_Pa);
    EXPECT_EQ(free.gap_entry_Pa, 0.0);
    EXPECT_GT(free.flow_m3_s, 0.0);
    EXPECT_LT(free.flow_m3_s, g.fan_count * speed * g.fan.max_flow_m3_s());
    const CardAirPath tight = estimate_card_air_path(g, speed, gap_below(g, 2.6e-3, true),
                                                     kAir.density_kg_m3, kAir.viscosity_Pa_s);
    EXPECT_NEAR(tight.fan_Pa, tight.gap_entry_Pa + tight.gap_friction_Pa + tight.fins_Pa,
                1e-6 * tight.fan_Pa);
  }
}

TEST(CardAirPath, FlowFallsAsTheGapClosesAndTheSlitLetsMoreIn) {
  const GpuModel& g = lib().gpu("titan-rtx");
  double last =
      estimate_card_air_path(g, 1.0, std::nullopt, kAir.density_kg_m3, kAir.viscosity_Pa_s)
          .flow_m3_s;
  for (double gap : {40e-3, 10e-3, 5e-3, 2.6e-3, 1e-3}) {
    const double with_slit = estimate_card_air_path(g, 1.0, gap_below(g, gap, true),
                                                    kAir.density_kg_m3, kAir.viscosity_Pa_s)
                                 .flow_m3_s;
    const double without = estimate_card_air_path(g, 1.0, gap_below(g, gap, false),
                                                  kAir.density_kg_m3, kAir.viscosity_Pa_s)
                               .flow_m3_s;
    EXPECT_LT(with_slit, last) << gap;
    EXPECT_GT(with_slit, without) << gap;
    last = with_slit;
  }
}

TEST(CardAirPath, BlowersAreNotEstimated) {
  EXPECT_THROW(estimate_card_air_path(lib().gpu("gtx-1080-ti-fe"), 1.0, std::nullopt,
                                      kAir.density_kg_m3, kAir.viscosity_Pa_s),
               std::invalid_argument);
}

}  // namespace
}  // namespace rt
