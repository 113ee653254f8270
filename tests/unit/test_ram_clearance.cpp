// Memory under a tower cooler (issue 19's build sanity): the module's
// height against the cooler's RAM clearance, an AIO leaving the slots free,
// a cooler without a published clearance skipped, and more modules than
// the board has slots refused.

#include <gtest/gtest.h>

#include <string>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/parts_library.hpp"
#include "scenarios/builds/sanity/build_sanity.hpp"
#include "scenarios/model/scenario_error.hpp"

namespace {

using rt::SanityLevel;

rt::BuildScenario build(const std::string& cooler, const std::string& dimm,
                        const std::string& more = "") {
  static const rt::PartsLibrary lib =
      rt::PartsLibrary::load(std::string(RT_SOURCE_DIR) + "/scenarios/builds/parts",
                             {std::string(RT_SOURCE_DIR) + "/tests/unit/data/test-parts"});
  return rt::parse_build_scenario("[case]\nmodel = \"phanteks-enthoo-pro\"\n" + more +
                                      "[cpu]\nmodel = \"intel-i9-9920x\"\ncooler = \"" + cooler +
                                      "\"\n[memory]\nmodel = \"" + dimm + "\"\nmodules = 4\n",
                                  "build.toml", lib);
}

rt::SanityCheck only(const std::vector<rt::SanityCheck>& c) {
  EXPECT_EQ(c.size(), 1u);
  return c.empty() ? rt::SanityCheck{} : c.front();
}

TEST(RamClearance, AModuleTallerThanTheClearanceDoesNotFit) {
  // 34 mm Vengeance LPX under 32 mm
  const rt::SanityCheck c =
      only(rt::ram_clearance_checks(build("made-up-tower-cooler", "corsair-vengeance-lpx-ddr4")));
  EXPECT_EQ(c.level, SanityLevel::fail);
  EXPECT_NE(c.text.find("2.0 mm short"), std::string::npos) << c.text;
  EXPECT_NE(c.fix.find("raise the cooler's front fan"), std::string::npos) << c.fix;
  EXPECT_NE(c.fix.find("193 mm cooler limit"), std::string::npos) << c.fix;
}

TEST(RamClearance, ATightFitWarnsAndRoomToSpareIsOk) {
  // the JEDEC 31.25 mm module: 0.75 mm to spare
  EXPECT_EQ(only(rt::ram_clearance_checks(build("made-up-tower-cooler", "ddr4-udimm"))).level,
            SanityLevel::warn);
  EXPECT_EQ(
      only(rt::ram_clearance_checks(build("made-up-tower-cooler", "made-up-low-profile-dimm")))
          .level,
      SanityLevel::ok);
}

TEST(RamClearance, AnAioLeavesTheSlotsFreeAndAnUnknownClearanceIsSkipped) {
  const rt::SanityCheck aio = only(rt::ram_clearance_checks(
      build("arctic-liquid-freezer-ii-240", "corsair-vengeance-lpx-ddr4")));
  EXPECT_EQ(aio.level, SanityLevel::ok);
  EXPECT_NE(aio.text.find("pump block leaves the DIMM slots free"), std::string::npos);
  const rt::SanityCheck d15 =
      only(rt::ram_clearance_checks(build("noctua-nh-d15", "corsair-vengeance-lpx-ddr4")));
  EXPECT_EQ(d15.level, SanityLevel::skip);
  EXPECT_NE(d15.text.find("lacks the noctua-nh-d15's RAM clearance"), std::string::npos);
}

TEST(RamClearance, MoreModulesThanTheBoardHasSlotsIsAnError) {
  std::string msg;
  try {
    build("noctua-nh-d15", "ddr4-udimm", "[board]\nmodel = \"made-up-x299-board\"\n");
  } catch (const rt::ScenarioError& e) {
    msg = e.what();
  }
  EXPECT_EQ(msg, "");  // 4 of 8 slots
  // 4 modules on a 4-slot board pass; the board's count is the limit
  EXPECT_THROW(rt::parse_build_scenario(
                   "[case]\nmodel = \"phanteks-enthoo-pro\"\n[board]\nmodel = "
                   "\"msi-meg-x570-unify\"\n[cpu]\nmodel = \"amd-ryzen-9-5950x\"\n[memory]\n"
                   "model = \"ddr4-udimm\"\nmodules = 6\n",
                   "build.toml", rt::PartsLibrary::load_default()),
               rt::ScenarioError);
}

}  // namespace
