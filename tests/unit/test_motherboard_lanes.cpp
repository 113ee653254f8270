// Motherboards' PCIe wiring (issue 19): the population table picked for the
// populated slots and the CPU's lane count, M.2 drives taking a slot's
// lanes, chipset slots, and the file:line:key errors of a build naming a
// slot, socket or board the board lacks. A made-up board with every rule
// (tests/unit/data/test-parts/) stands in for the library's boards.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/motherboard_model.hpp"
#include "scenarios/builds/parts_library.hpp"
#include "scenarios/builds/sanity/build_sanity.hpp"
#include "scenarios/model/scenario_error.hpp"

namespace {

using rt::SanityLevel;

const rt::PartsLibrary& library() {
  static const rt::PartsLibrary lib =
      rt::PartsLibrary::load(std::string(RT_SOURCE_DIR) + "/scenarios/builds/parts",
                             {std::string(RT_SOURCE_DIR) + "/tests/unit/data/test-parts"});
  return lib;
}

const rt::MotherboardModel& board() { return library().motherboard("made-up-x299-board"); }

rt::BuildScenario build(const std::string& body) {
  return rt::parse_build_scenario(
      "[case]\nmodel = \"phanteks-enthoo-pro\"\n[board]\nmodel = \"made-up-x299-board\"\n" + body,
      "build.toml", library());
}

std::string cards(const std::vector<int>& slots, const std::string& cpu) {
  std::string s = "[cpu]\nmodel = \"" + cpu + "\"\n";
  for (int slot : slots)
    s += "[[gpu]]\nslot = " + std::to_string(slot) + "\nmodel = \"rtx-2080-ti-fe\"\n";
  return s;
}

std::vector<SanityLevel> levels(const std::vector<rt::SanityCheck>& checks) {
  std::vector<SanityLevel> out;
  for (const rt::SanityCheck& c : checks) out.push_back(c.level);
  return out;
}

TEST(MotherboardLanes, TheTableRowFollowsThePopulatedSlots) {
  using W = std::map<int, int>;
  const auto widths = [](std::vector<int> slots, int cpu_lanes) {
    return rt::negotiated_slot_widths(board(), cpu_lanes, slots, {}).lanes;
  };
  // 44 lanes: x16 alone, x16/x16 for two, x16/x8/x16/x8 for four
  EXPECT_EQ(widths({1}, 44), (W{{1, 16}, {2, 1}, {3, 0}, {4, 4}, {5, 0}, {7, 0}}));
  EXPECT_EQ(widths({1, 5}, 44), (W{{1, 16}, {2, 1}, {3, 0}, {4, 4}, {5, 16}, {7, 0}}));
  EXPECT_EQ(widths({1, 3, 5}, 44), (W{{1, 16}, {2, 1}, {3, 8}, {4, 4}, {5, 16}, {7, 8}}));
  // 28 lanes: the same two cards get x16/x8, four get x8/x4/x8/x4
  EXPECT_EQ(widths({1, 5}, 28).at(5), 8);
  EXPECT_EQ(widths({1, 3, 5, 7}, 28), (W{{1, 8}, {2, 1}, {3, 4}, {4, 4}, {5, 8}, {7, 4}}));
  // a CPU the table has no row for: the slots keep their wiring, no row
  const rt::SlotWidths unknown = rt::negotiated_slot_widths(board(), std::nullopt, {1, 5}, {});
  EXPECT_TRUE(unknown.cpu_rows_unusable);
  EXPECT_EQ(unknown.row, nullptr);
}

TEST(MotherboardLanes, AnM2DriveTakesTheSlotItShares) {
  const rt::SlotWidths w = rt::negotiated_slot_widths(board(), 44, {1, 3, 5, 7}, {"m2-1"});
  EXPECT_EQ(w.lanes.at(7), 0);
  EXPECT_EQ(rt::negotiated_slot_widths(board(), 44, {1, 3, 5, 7}, {"m2-2"}).lanes.at(7), 8);
}

TEST(MotherboardLanes, FourCardsOnA44LaneCpuGetX16X8X16X8) {
  const std::vector<rt::SanityCheck> c =
      rt::pcie_lane_checks(build(cards({1, 3, 5, 7}, "made-up-44-lane-cpu")));
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(levels(c), std::vector<SanityLevel>(4, SanityLevel::ok));
  EXPECT_NE(c[0].text.find("slot 1 (PCI_E1): x16 PCIe 3.0 from the CPU"), std::string::npos)
      << c[0].text;
  EXPECT_NE(c[1].text.find("slot 3 (PCI_E3): x8"), std::string::npos) << c[1].text;
}

TEST(MotherboardLanes, FourCardsOnA28LaneCpuWarnBelowX8) {
  const std::vector<rt::SanityCheck> c =
      rt::pcie_lane_checks(build(cards({1, 3, 5, 7}, "made-up-28-lane-cpu")));
  EXPECT_EQ(levels(c), (std::vector<SanityLevel>{SanityLevel::ok, SanityLevel::warn,
                                                 SanityLevel::ok, SanityLevel::warn}));
  EXPECT_NE(c[1].text.find("x4 PCIe 3.0 from the CPU"), std::string::npos) << c[1].text;
  EXPECT_NE(c[1].text.find("below x8"), std::string::npos) << c[1].text;
}

TEST(MotherboardLanes, ADriveThatTakesACardsLanesFails) {
  const std::vector<rt::SanityCheck> c = rt::pcie_lane_checks(
      build(cards({1, 3, 5, 7}, "made-up-44-lane-cpu") +
            "[[drive]]\nmodel = \"samsung-970-evo-plus-1tb\"\nposition = \"m2-1\"\n"));
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[3].level, SanityLevel::fail);
  EXPECT_NE(c[3].text.find("gets no lanes"), std::string::npos) << c[3].text;
  EXPECT_NE(c[3].text.find("m2-1 (M2_1) holds a drive"), std::string::npos) << c[3].text;
  EXPECT_NE(c[3].fix.find("move the drive"), std::string::npos) << c[3].fix;
}

TEST(MotherboardLanes, AChipsetSlotWarns) {
  const std::vector<rt::SanityCheck> c =
      rt::pcie_lane_checks(build(cards({4}, "made-up-44-lane-cpu")));
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].level, SanityLevel::warn);
  EXPECT_NE(c[0].text.find("from the chipset"), std::string::npos) << c[0].text;
  EXPECT_NE(c[0].fix.find("1 (PCI_E1), 3 (PCI_E3), 5 (PCI_E5), 7 (PCI_E7)"), std::string::npos)
      << c[0].fix;
  EXPECT_EQ(c[0].fix.find("PCI_E4"), std::string::npos) << c[0].fix;
}

TEST(MotherboardLanes, NoCpuLeavesTheLaneCountUnknownAndTheCheckSkipped) {
  const std::vector<rt::SanityCheck> c = rt::pcie_lane_checks(
      build("[cpu]\nmodel = \"none\"\n[[gpu]]\nslot = 1\nmodel = \"rtx-2080-ti-fe\"\n"));
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].level, SanityLevel::skip);
  EXPECT_NE(c[0].text.find("depend on the CPU's lane count"), std::string::npos) << c[0].text;
}

// ---- bad input ----------------------------------------------------------------

std::string error_of(const std::string& body) {
  try {
    build(body);
  } catch (const rt::ScenarioError& e) {
    return e.what();
  } catch (const rt::UnknownPartError& e) {
    return e.what();
  }
  return "";
}

TEST(MotherboardInput, ASlotTheBoardLacksIsAnError) {
  const std::string e = error_of(cards({6}, "made-up-44-lane-cpu"));
  EXPECT_NE(e.find("gpu[1].slot"), std::string::npos) << e;
  EXPECT_NE(e.find("has no PCIe slot at position 6"), std::string::npos) << e;
  EXPECT_NE(e.find("5 (PCI_E5), 7 (PCI_E7)"), std::string::npos) << e;
}

TEST(MotherboardInput, AnM2SocketTheBoardLacksIsAnError) {
  const std::string e = error_of(cards({1}, "made-up-44-lane-cpu") +
                                 "[[drive]]\nmodel = \"samsung-970-evo-plus-1tb\"\n"
                                 "position = \"m2-3\"\n");
  EXPECT_NE(e.find("drive[1].position"), std::string::npos) << e;
  EXPECT_NE(e.find("expected one of: m2-1, m2-2"), std::string::npos) << e;
}

TEST(MotherboardInput, AnUnknownBoardNamesCloseMatches) {
  std::string msg;
  try {
    rt::parse_build_scenario(
        "[case]\nmodel = \"phanteks-enthoo-pro\"\n[board]\nmodel = \"made-up-x299-bord\"\n",
        "build.toml", library());
  } catch (const rt::ScenarioError& err) {
    msg = err.what();
  }
  EXPECT_NE(msg.find("board.model"), std::string::npos) << msg;
  EXPECT_NE(msg.find("made-up-x299-board"), std::string::npos) << msg;
}

TEST(MotherboardInput, ACpuOfAnotherSocketAndAContradictingFormFactorAreErrors) {
  EXPECT_NE(error_of(cards({1}, "amd-ryzen-9-5950x")).find("does not fit the made-up-x299-board"),
            std::string::npos);
  std::string msg;
  try {
    rt::parse_build_scenario(
        "[case]\nmodel = \"phanteks-enthoo-pro\"\n[board]\nmodel = "
        "\"made-up-x299-board\"\nform_factor = \"E-ATX\"\n",
        "build.toml", library());
  } catch (const rt::ScenarioError& err) {
    msg = err.what();
  }
  EXPECT_NE(msg.find("is ATX, not E-ATX"), std::string::npos) << msg;
}

}  // namespace
