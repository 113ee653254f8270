// Build sanity (issue 19, scenarios/builds/sanity/): the cables a card asks
// of the PSU, the PSU's headroom for sustained load and spikes, and the side
// panel over top-edge power connectors ("my case doesn't close"), on the
// example builds with their parts changed in place.

#include <gtest/gtest.h>

#include <string>

#include "io/summary_json.hpp"
#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/parts_library.hpp"
#include "scenarios/builds/power_connectors.hpp"
#include "scenarios/builds/sanity/build_sanity.hpp"
#include "scenarios/model/scenario_error.hpp"

namespace {

using rt::PowerConnector;
using rt::SanityLevel;

rt::BuildScenario example(const std::string& text) {
  static const rt::PartsLibrary lib =
      rt::PartsLibrary::load(std::string(RT_SOURCE_DIR) + "/scenarios/builds/parts");
  return rt::parse_build_scenario(text, "build.toml", lib);
}

// A build in the Enthoo Pro (its bay takes the long PSUs) with these parts.
std::string in_enthoo_pro(const std::string& parts) {
  return "[case]\nmodel = \"phanteks-enthoo-pro\"\n[board]\nform_factor = \"ATX\"\n" + parts;
}

const std::string kOneCard = in_enthoo_pro(R"([[gpu]]
slot = 1
model = "rtx-4090-fe"
[psu]
model = "corsair-rm1000x"
)");

const rt::SanityCheck* find(const std::vector<rt::SanityCheck>& checks, const std::string& topic,
                            const std::string& text_part = "") {
  for (const rt::SanityCheck& c : checks)
    if (c.topic == topic && c.text.find(text_part) != std::string::npos) return &c;
  return nullptr;
}

TEST(CableDemand, EachConnectorAsksForItsCables) {
  using V = std::vector<PowerConnector>;
  EXPECT_EQ(
      rt::card_cable_demand(V{PowerConnector::pcie_8pin, PowerConnector::pcie_6pin}, 250, false)
          .pcie_8pin,
      2);
  // The RTX 30 FE 12-pin: NVIDIA's adapter from two 8-pin.
  EXPECT_EQ(rt::card_cable_demand(V{PowerConnector::pcie_12pin}, 350, false).pcie_8pin, 2);
  // 16-pin: one native cable, or an 8-pin leg per 150 W above the slot's 75 W.
  const rt::CableDemand native = rt::card_cable_demand(V{PowerConnector::pcie_16pin}, 450, true);
  EXPECT_EQ(native.pcie_16pin, 1);
  EXPECT_EQ(native.pcie_8pin, 0);
  EXPECT_EQ(rt::card_cable_demand(V{PowerConnector::pcie_16pin}, 450, false).pcie_8pin, 3);
  EXPECT_EQ(rt::card_cable_demand(V{PowerConnector::pcie_16pin}, 600, false).pcie_8pin, 4);
  EXPECT_EQ(rt::card_cable_demand(V{PowerConnector::pcie_16pin}, 200, false).pcie_8pin, 2);
  EXPECT_EQ(rt::card_cable_demand(V{PowerConnector::eps_8pin}, 300, false).eps_8pin, 1);
}

TEST(PowerConnectors, SpellingsReadBack) {
  for (const std::string t : {"pcie-6pin", "pcie-8pin", "pcie-12pin", "pcie-16pin", "eps-8pin"})
    EXPECT_EQ(rt::power_connector_text(*rt::power_connector_from_text(t)), t);
  EXPECT_FALSE(rt::power_connector_from_text("8-pin").has_value());
}

// The issue's case: a card with a rigid 16-pin plug on its top edge in a
// case whose side panel is close above it.
TEST(SidePanel, ACaseTooNarrowForTheTopEdgeCableDoesNotClose) {
  rt::BuildScenario b = example(kOneCard);
  rt::BuildGpu& g = b.gpus[0];
  g.model.power_connector_edge = rt::PowerConnectorEdge::top;
  // 20 mm from the card's top edge to the side panel (board normal +x).
  ASSERT_GT(b.case_model.board_normal[0], 0.5);
  b.case_model.interior_m[0] = g.box.max_m[0] + 0.020;
  const auto checks = rt::side_panel_checks(b);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].level, SanityLevel::fail);
  EXPECT_NE(checks[0].text.find("20 mm to the side panel"), std::string::npos) << checks[0].text;
  EXPECT_NE(checks[0].text.find("15 mm short, the side panel will not close"), std::string::npos)
      << checks[0].text;
  EXPECT_NE(checks[0].fix.find("90-degree 16-pin adapter"), std::string::npos) << checks[0].fix;
  // Tight: the allowance fits with less than 10 mm to spare.
  b.case_model.interior_m[0] = g.box.max_m[0] + 0.040;
  EXPECT_EQ(rt::side_panel_checks(b)[0].level, SanityLevel::warn);
  b.case_model.interior_m[0] = g.box.max_m[0] + 0.060;
  EXPECT_EQ(rt::side_panel_checks(b)[0].level, SanityLevel::ok);
  // Connectors at the card's end: nothing above it (room beyond its tail:
  // EndConnectorsNeedRoomBeyondTheTail).
  b.case_model.interior_m[0] = g.box.max_m[0] + 0.020;
  b.case_model.max_gpu_length_m = g.model.length_m + 0.100;
  g.model.power_connector_edge = rt::PowerConnectorEdge::end;
  EXPECT_EQ(rt::side_panel_checks(b)[0].level, SanityLevel::ok);
  // Not known: said, not guessed.
  g.model.power_connector_edge.reset();
  EXPECT_EQ(rt::side_panel_checks(b)[0].level, SanityLevel::skip);
}

// A blower with its 8-pins at the tail needs the plug's room within the
// card length the case takes.
TEST(SidePanel, EndConnectorsNeedRoomBeyondTheTail) {
  rt::BuildScenario b = example(in_enthoo_pro(R"([[gpu]]
slot = 1
model = "gigabyte-rtx-3090-turbo"
)"));
  ASSERT_EQ(b.gpus[0].model.power_connector_edge, rt::PowerConnectorEdge::end);
  const double length = b.gpus[0].model.length_m;  // 267 mm
  b.case_model.max_gpu_length_m = length + 0.020;
  auto checks = rt::side_panel_checks(b);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].topic, "card end");
  EXPECT_EQ(checks[0].level, SanityLevel::fail);
  EXPECT_NE(checks[0].text.find("10 mm short"), std::string::npos) << checks[0].text;
  EXPECT_NE(checks[0].fix.find("cards of at least 297 mm"), std::string::npos) << checks[0].fix;
  b.case_model.max_gpu_length_m = length + 0.035;
  EXPECT_EQ(rt::side_panel_checks(b)[0].level, SanityLevel::warn);
  b.case_model.max_gpu_length_m = length + 0.080;
  EXPECT_EQ(rt::side_panel_checks(b)[0].level, SanityLevel::ok);
}

TEST(SidePanel, The30SeriesFoundersEditionsConnectorIsOnTop) {
  const rt::BuildScenario b = example(in_enthoo_pro(R"([[gpu]]
slot = 1
model = "rtx-3090-fe"
)"));
  const auto checks = rt::side_panel_checks(b);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].level, SanityLevel::ok) << checks[0].text;
  EXPECT_NE(checks[0].text.find("on its top edge"), std::string::npos) << checks[0].text;
}

TEST(PowerBudget, SustainedLoadAndSpikesAgainstTheRating) {
  rt::BuildScenario b = example(kOneCard);
  // 450 W card + CPU + 50 W on a 1000 W unit: sustained fine.
  auto checks = rt::power_budget_checks(b);
  const rt::SanityCheck* sustained = find(checks, "power", "sustained");
  ASSERT_NE(sustained, nullptr);
  EXPECT_EQ(sustained->level, SanityLevel::ok) << sustained->text;
  // Two more such cards' worth of load: above 85 % of the rating.
  b.psu->load_W = 900;
  checks = rt::power_budget_checks(b);
  EXPECT_EQ(find(checks, "power", "sustained")->level, SanityLevel::warn);
  EXPECT_NE(find(checks, "power", "sustained")->fix.find("1100 W"), std::string::npos)
      << find(checks, "power", "sustained")->fix;

  // Spikes: a card spiking to twice its limit on a unit without an ATX 3.x
  // rating is judged against 100 % of the rating; ATX 3.x with a 16-pin
  // output against 160 %.
  b = example(kOneCard);
  b.gpus[0].model.power_spike_W = 2 * b.gpus[0].model.tdp_W;
  const rt::SanityCheck spikes = *find(rt::power_budget_checks(b), "power", "spikes");
  EXPECT_EQ(spikes.level, SanityLevel::warn) << spikes.text;
  EXPECT_NE(spikes.text.find("not known as ATX 3.x"), std::string::npos) << spikes.text;
  b.psu->model.atx_version = 3;
  b.psu->model.cables = rt::PsuModel::Cables{4, 1, 2};
  const rt::SanityCheck atx3 = *find(rt::power_budget_checks(b), "power", "spikes");
  EXPECT_EQ(atx3.level, SanityLevel::ok) << atx3.text;
  EXPECT_NE(atx3.text.find("160 %"), std::string::npos) << atx3.text;
}

TEST(PowerBudget, CablesShortOfWhatTheCardsNeedFail) {
  rt::BuildScenario b = example(in_enthoo_pro(R"([[gpu]]
slot = 1
model = "rtx-3090-fe"
[[gpu]]
slot = 4
model = "rtx-3090-fe"
[psu]
model = "corsair-ax1600i"
)"));
  // Not in the library yet: said, not guessed.
  EXPECT_EQ(find(rt::power_budget_checks(b), "cables")->level, SanityLevel::skip);
  // Two 12-pin FE cards need four 8-pin cables; three on the unit.
  b.psu->model.cables = rt::PsuModel::Cables{3, 0, 2};
  const rt::SanityCheck c = *find(rt::power_budget_checks(b), "cables");
  EXPECT_EQ(c.level, SanityLevel::fail) << c.text;
  EXPECT_NE(c.text.find("need 4 PCIe 8-pin"), std::string::npos) << c.text;
  EXPECT_NE(c.text.find("short of 1 PCIe 8-pin"), std::string::npos) << c.text;
  b.psu->model.cables = rt::PsuModel::Cables{4, 0, 1};
  EXPECT_EQ(find(rt::power_budget_checks(b), "cables")->level, SanityLevel::ok);
  EXPECT_EQ(rt::worst_level(rt::power_budget_checks(b)), SanityLevel::ok);
}

const std::string kTwoTitans = in_enthoo_pro(R"([[gpu]]
slot = 1
model = "titan-rtx"
[[gpu]]
slot = SECOND
model = "titan-rtx"
[[nvlink]]
slots = [1, SECOND]
)");

rt::BuildScenario two_titans(int second) {
  std::string text = kTwoTitans;
  for (std::size_t at; (at = text.find("SECOND")) != std::string::npos;)
    text.replace(at, 6, std::to_string(second));
  return example(text);
}

// The dual Titan RTX build's 3-slot bridge (slots 1 and 4) exists, a 5-slot
// one does not; a card without the connector cannot be bridged.
TEST(Nvlink, TheSlotSpacingMustMatchABridge) {
  auto checks = rt::nvlink_checks(two_titans(4));
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].level, SanityLevel::ok) << checks[0].text;
  EXPECT_NE(checks[0].text.find("a 3-slot bridge"), std::string::npos) << checks[0].text;
  EXPECT_EQ(rt::nvlink_checks(two_titans(5))[0].level, SanityLevel::ok);  // 4-slot

  checks = rt::nvlink_checks(two_titans(6));
  EXPECT_EQ(checks[0].level, SanityLevel::fail);
  EXPECT_NE(checks[0].text.find("no 5-slot bridge; bridges for these cards are 3- or 4-slot"),
            std::string::npos)
      << checks[0].text;
  EXPECT_NE(checks[0].fix.find("move the second card to slot 4 or 5"), std::string::npos)
      << checks[0].fix;

  rt::BuildScenario b = two_titans(4);
  b.gpus[1].model.bridge_slot_spacings = std::vector<int>{};
  EXPECT_EQ(rt::nvlink_checks(b)[0].level, SanityLevel::fail);
  EXPECT_NE(rt::nvlink_checks(b)[0].text.find("has no NVLink or SLI connector"), std::string::npos);
  b.gpus[1].model.bridge_slot_spacings.reset();
  EXPECT_EQ(rt::nvlink_checks(b)[0].level, SanityLevel::skip);
}

// A bridge the reader refuses: file:line:key like every build error.
TEST(Nvlink, ABridgeToAnEmptySlotIsRefused) {
  std::string text = kTwoTitans;
  for (std::size_t at; (at = text.find("SECOND")) != std::string::npos;) text.replace(at, 6, "4");
  text.replace(text.find("slots = [1, 4]"), 14, "slots = [1, 5]");
  try {
    example(text);
    FAIL() << "accepted";
  } catch (const rt::ScenarioError& e) {
    EXPECT_EQ(e.key, "nvlink[1].slots");
    EXPECT_NE(e.problem.find("no card in slot 5 (cards in slots 1, 4)"), std::string::npos)
        << e.what();
  }
  text.replace(text.find("slots = [1, 5]"), 14, "slots = [4, 4]");
  EXPECT_THROW(example(text), rt::ScenarioError);
}

// The issue's case: four cards on a CPU with 20 lanes (16 for the slots).
TEST(PcieLanes, FourCardsOnA20LaneCpuFallShort) {
  const std::string four = in_enthoo_pro(R"([cpu]
model = "intel-i9-13900k"
cooler = "noctua-nh-d15"
[[gpu]]
slot = 1
model = "gtx-1080-ti-fe"
[[gpu]]
slot = 3
model = "gtx-1080-ti-fe"
[[gpu]]
slot = 5
model = "gtx-1080-ti-fe"
[[gpu]]
slot = 7
model = "gtx-1080-ti-fe"
)");
  auto checks = rt::pcie_lane_checks(example(four));
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].level, SanityLevel::warn) << checks[0].text;
  EXPECT_NE(checks[0].text.find("4 cards want x8 each from the CPU, 32 lanes; intel-i9-13900k "
                                "gives 16 to the slots"),
            std::string::npos)
      << checks[0].text;
  EXPECT_NE(checks[0].text.find("at most 2 at x8, 2 through the chipset"), std::string::npos)
      << checks[0].text;
  // The same four on a Threadripper 2950X (60 lanes): OK.
  std::string tr = four;
  tr.replace(tr.find("intel-i9-13900k"), 15, "amd-threadripper-2950x");
  EXPECT_EQ(rt::pcie_lane_checks(example(tr))[0].level, SanityLevel::ok);
  // ... and on an i9-9920X (44, the X299 chipset on its own DMI link): OK.
  std::string skylake = four;
  skylake.replace(skylake.find("intel-i9-13900k"), 15, "intel-i9-9920x");
  EXPECT_EQ(rt::pcie_lane_checks(example(skylake))[0].level, SanityLevel::ok);
  // A CPU whose lanes the library lacks: said, not guessed.
  std::string unknown = four;
  unknown.replace(unknown.find("intel-i9-13900k"), 15, "amd-threadripper-3970x");
  const auto unknown_checks = rt::pcie_lane_checks(example(unknown));
  EXPECT_EQ(unknown_checks[0].level, SanityLevel::skip);
  EXPECT_NE(unknown_checks[0].text.find("the library lacks amd-threadripper-3970x's PCIe lanes"),
            std::string::npos)
      << unknown_checks[0].text;
}

// summary.json carries the lines as check prints them, and reads them back.
TEST(BuildSanity, SummaryJsonCarriesTheLines) {
  rt::BuildScenario b = example(kOneCard);
  b.gpus[0].model.power_connector_edge = rt::PowerConnectorEdge::top;
  b.case_model.interior_m[0] = b.gpus[0].box.max_m[0] + 0.020;
  rt::Summary s;
  s.build_sanity = rt::sanity_lines(rt::build_sanity(b));
  ASSERT_FALSE(s.build_sanity.empty());
  const rt::Summary back = rt::summary_from_json(rt::summary_to_json(s));
  ASSERT_EQ(back.build_sanity.size(), s.build_sanity.size());
  bool fail_read = false;
  for (std::size_t i = 0; i < s.build_sanity.size(); ++i) {
    EXPECT_EQ(back.build_sanity[i].level, s.build_sanity[i].level);
    EXPECT_EQ(back.build_sanity[i].text, s.build_sanity[i].text);
    EXPECT_EQ(back.build_sanity[i].fix, s.build_sanity[i].fix);
    fail_read |= back.build_sanity[i].level == "FAIL" && back.build_sanity[i].topic == "side panel";
  }
  EXPECT_TRUE(fail_read);
}

}  // namespace
