// Build scenarios (issue 3, first slice): parts resolved from the library,
// placed in the case frame, layout checked; every error class names the
// file, the line and the key.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "scenarios/builds/board_layout.hpp"
#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/parts_library.hpp"

namespace {

namespace fs = std::filesystem;

const rt::PartsLibrary& lib() {
  static const rt::PartsLibrary l =
      rt::PartsLibrary::load(std::string(RT_SOURCE_DIR) + "/scenarios/builds/parts");
  return l;
}

rt::BuildScenario parse(const std::string& text) {
  return rt::parse_build_scenario(text, "build.toml", lib());
}

// The ScenarioError a text raises (fails the test when it parses).
rt::ScenarioError error_of(const std::string& text, const rt::PartsLibrary& l = lib()) {
  try {
    rt::parse_build_scenario(text, "build.toml", l);
  } catch (const rt::ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return rt::ScenarioError("", 0, "", "");
}

const char* kTwoCards = R"(
[case]
model = "fractal-meshify-c"

[[gpu]]
slot = 1
model = "titan-rtx"

[[gpu]]
slot = 4
model = "titan-rtx"
)";

TEST(BoardLayout, FormFactors) {
  const rt::BoardFormFactor* atx = rt::find_form_factor("ATX");
  ASSERT_NE(atx, nullptr);
  EXPECT_DOUBLE_EQ(atx->length_m, 0.305);
  EXPECT_DOUBLE_EQ(atx->depth_m, 0.244);
  EXPECT_EQ(atx->slots, 7);
  EXPECT_NEAR(atx->slot_down_m(2) - atx->slot_down_m(1), 0.02032, 1e-12);
  EXPECT_EQ(rt::find_form_factor("E-ATX")->slots, 7);
  EXPECT_DOUBLE_EQ(rt::find_form_factor("E-ATX")->depth_m, 0.330);
  EXPECT_EQ(rt::find_form_factor("micro-ATX")->slots, 4);
  EXPECT_DOUBLE_EQ(rt::find_form_factor("micro-ATX")->length_m, 0.244);
  EXPECT_EQ(rt::find_form_factor("atx"), nullptr);
  // micro-ATX's last slot stays on its board.
  const rt::BoardFormFactor* m = rt::find_form_factor("micro-ATX");
  EXPECT_LT(m->slot_down_m(m->slots) + rt::kSlotPitch_m / 2, m->length_m);
}

TEST(BoardLayout, PlacedInTheCaseFrame) {
  const rt::CaseModel& c = lib().case_model("fractal-meshify-c");
  const rt::BoardPlacement p = rt::place_board(*rt::find_form_factor("ATX"), c);
  const rt::Box o = p.outline();
  // Board up = +y, rear = +z, components face +x: top-rear corner at the
  // case's board_io_corner.
  EXPECT_NEAR(o.max_m[1], c.board_io_corner_m[1], 1e-12);
  EXPECT_NEAR(o.max_m[2], c.board_io_corner_m[2], 1e-12);
  EXPECT_NEAR(o.max_m[0], c.board_io_corner_m[0], 1e-12);
  EXPECT_NEAR(o.size_m()[1], 0.305, 1e-12);
  EXPECT_NEAR(o.size_m()[2], 0.244, 1e-12);
}

TEST(BuildScenario, TwoCardAtxPlacement) {
  const rt::BuildScenario s = parse(kTwoCards);
  ASSERT_EQ(s.gpus.size(), 2u);
  const rt::BuildGpu& a = s.gpus[0];
  const rt::BuildGpu& b = s.gpus[1];
  EXPECT_EQ(a.slot, 1);
  EXPECT_EQ(a.last_slot, 2);
  EXPECT_EQ(b.slot, 4);
  // Slot pitch: the cards' tops are 3 slots apart along y (board up = +y).
  EXPECT_NEAR(a.box.max_m[1] - b.box.max_m[1], 3 * 0.02032, 1e-9);
  // Card envelope: thickness 38 mm along y, length 266.7 mm from the rear
  // panel's expansion plane forward along z, height 115.7 mm along x.
  EXPECT_NEAR(a.box.size_m()[1], 0.038, 1e-9);
  EXPECT_NEAR(a.box.size_m()[2], 0.2667, 1e-9);
  EXPECT_NEAR(a.box.size_m()[0], 0.1157, 1e-9);
  EXPECT_NEAR(a.box.max_m[2], s.case_model.interior_m[2], 1e-9);
  // Gaps: 3 slots minus one card's thickness between them.
  EXPECT_NEAR(a.gap_below_m, 3 * 0.02032 - 0.038, 1e-9);
  EXPECT_NEAR(b.gap_above_m, a.gap_below_m, 1e-12);
  EXPECT_NE(a.below.find("slot 4"), std::string::npos);
  EXPECT_NE(b.above.find("slot 1"), std::string::npos);
  // The lower card looks down onto the Meshify C's PSU shroud (top at 95 mm).
  EXPECT_EQ(b.below, "PSU shroud");
  EXPECT_NEAR(b.gap_below_m, b.box.min_m[1] - 0.095, 1e-9);
  EXPECT_DOUBLE_EQ(a.power_W, 280.0);
  // GPUs plus the default CPU (no [cpu]; no library PSU fits the 175 mm bay).
  EXPECT_DOUBLE_EQ(s.total_heat_W(), 560.0 + 165.0);
  // Open-air cards exhaust into the case and face the front vent.
  ASSERT_FALSE(a.faces.empty());
  EXPECT_EQ(a.faces[0], "exhausts into the case");
  bool front = false;
  for (const std::string& f : a.faces) front = front || f.find("front") != std::string::npos;
  EXPECT_TRUE(front);
}

TEST(BuildScenario, MinimalFileHasDefaults) {
  const rt::BuildScenario s = parse(
      "gpu = [{ slot = 1, model = \"titan-rtx\" }, { slot = 4, model = \"titan-rtx\" }]\n"
      "[case]\nmodel = \"fractal-meshify-c\"\n[board]\nform_factor = \"ATX\"\n");
  EXPECT_EQ(s.board.form.name, "ATX");
  EXPECT_NEAR(s.ambient_K, 298.15, 1e-9);
  EXPECT_TRUE(s.stock_fans);
  ASSERT_EQ(s.fans.size(), 2u);  // the Meshify C's front and rear stock fans
  EXPECT_TRUE(s.fans[0].intake);
  EXPECT_FALSE(s.fans[1].intake);
  // No [cpu]: the default CPU and cooler; no [psu]: no library PSU fits the
  // Meshify C's 175 mm bay, so none (both said in the notes).
  ASSERT_TRUE(s.cpu);
  EXPECT_TRUE(s.default_cpu);
  EXPECT_EQ(s.cpu->model.info.id, "intel-i9-9920x");
  EXPECT_EQ(s.cpu->cooler.info.id, "noctua-nh-d15");
  EXPECT_FALSE(s.psu);
  std::string notes;
  for (const std::string& n : s.notes) notes += n + "\n";
  EXPECT_NE(notes.find("no [cpu]: default intel-i9-9920x"), std::string::npos) << notes;
  EXPECT_NE(notes.find("no [psu]: no library PSU"), std::string::npos) << notes;
}

TEST(BuildScenario, ShippedExamplesCheck) {
  for (const char* name : {"minimal.toml", "dual-titan-rtx.toml"}) {
    SCOPED_TRACE(name);
    const std::string path = std::string(RT_SOURCE_DIR) + "/examples/builds/" + name;
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_TRUE(rt::is_build_scenario(text.str()));
    EXPECT_NO_THROW(rt::parse_build_scenario(text.str(), path, lib()));
  }
  const rt::BuildScenario s = rt::parse_build_scenario(
      [] {
        std::ifstream in(std::string(RT_SOURCE_DIR) + "/examples/builds/dual-titan-rtx.toml");
        std::stringstream t;
        t << in.rdbuf();
        return t.str();
      }(),
      "dual", lib());
  ASSERT_TRUE(s.cpu && s.psu);
  // Default PSU load: GPUs + CPU + 50 W.
  EXPECT_DOUBLE_EQ(s.psu->load_W, 280 + 280 + 165 + 50);
  EXPECT_NEAR(s.psu->heat_W, lib().psu("evga-supernova-1200-p2").heat_W(775), 1e-9);
  // NH-D15 clears the card in slot 1 by a few millimetres.
  EXPECT_NE(s.gpus[0].above.find("noctua-nh-d15"), std::string::npos);
  EXPECT_GT(s.gpus[0].gap_above_m, 0.0);
  EXPECT_LT(s.gpus[0].gap_above_m, 0.010);
}

TEST(BuildScenario, Detection) {
  EXPECT_TRUE(rt::is_build_scenario("[case]\nmodel = \"x\"\n"));
  EXPECT_TRUE(rt::is_build_scenario("# c\n  [[ gpu ]]  # card\nslot = 1\n"));
  EXPECT_FALSE(rt::is_build_scenario("[domain]\nsize_m = [1, 1, 1]\n# [case]\n"));
}

TEST(BuildScenario, PowerAndFanOverrides) {
  const rt::BuildScenario s = parse(R"(
[case]
model = "fractal-meshify-c"
[[gpu]]
slot = 1
model = "titan-rtx"
power_W = 250
fan_speed_pct = 80
[[fan]]
mount = "top-1"
model = "noctua-nf-a14-pwm"
speed_pct = 50
)");
  EXPECT_DOUBLE_EQ(s.gpus[0].power_W, 250.0);
  EXPECT_DOUBLE_EQ(*s.gpus[0].fan_speed_pct, 80.0);
  ASSERT_EQ(s.fans.size(), 1u);
  EXPECT_FALSE(s.fans[0].intake);  // top: exhaust by default
  EXPECT_NEAR(s.fans[0].flow_m3_s(),
              0.5 * lib().case_fan("noctua-nf-a14-pwm").curve.max_flow_m3_s(), 1e-12);
  EXPECT_FALSE(s.stock_fans);
}

// ---- errors: file:line, the key, what is valid ----------------------------

void expect_error(const rt::ScenarioError& e, int line, const std::string& key,
                  const std::string& part) {
  EXPECT_EQ(e.file, "build.toml");
  EXPECT_EQ(e.line, line) << e.what();
  EXPECT_EQ(e.key, key) << e.what();
  EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
}

TEST(BuildScenarioErrors, UnknownPartSuggests) {
  const auto e = error_of(R"(
[case]
model = "fractal-meshify-c"
[[gpu]]
slot = 1
model = "titan-rtz"
)");
  expect_error(e, 6, "gpu[1].model", "did you mean: titan-rtx");
}

TEST(BuildScenarioErrors, GrowthBeyondThePreviewRange) {
  const auto e = error_of("[case]\nmodel = \"fractal-meshify-c\"\n[mesh]\ngrowth = 2.5\n");
  expect_error(e, 4, "mesh.growth", "must be > 1 and <= 2");
  // 2 itself is a coarse preview, accepted.
  EXPECT_DOUBLE_EQ(
      parse("[case]\nmodel = \"fractal-meshify-c\"\n[mesh]\ngrowth = 2.0\n").mesh.growth, 2.0);
}

TEST(BuildScenarioErrors, UnknownCase) {
  const auto e = error_of("[case]\nmodel = \"fractal-meshfy-c\"\n");
  expect_error(e, 2, "case.model", "did you mean: fractal-meshify-c");
}

TEST(BuildScenarioErrors, UnknownKey) {
  const auto e = error_of(R"(
[case]
model = "fractal-meshify-c"
[[gpu]]
slot = 1
model = "titan-rtx"
powr_W = 250
)");
  expect_error(e, 7, "gpu[1].powr_W", "unknown key; expected one of: slot, model, power_W");
}

TEST(BuildScenarioErrors, UnknownTable) {
  const auto e = error_of("[case]\nmodel = \"fractal-meshify-c\"\n[gpus]\nslot = 1\n");
  expect_error(e, 3, "gpus", "unknown table");
}

TEST(BuildScenarioErrors, OverlappingCards) {
  const auto e = error_of(R"(
[case]
model = "fractal-meshify-c"
[[gpu]]
slot = 1
model = "titan-rtx"
[[gpu]]
slot = 2
model = "rtx-2080-ti-fe"
)");
  expect_error(e, 8, "gpu[2].slot", "overlaps titan-rtx in slot 1 (line 4) by 1 slot");
  EXPECT_NE(std::string(e.what()).find("rtx-2080-ti-fe in slot 2"), std::string::npos);
  EXPECT_NE(std::string(e.what()).find("next free slot is 3"), std::string::npos);
}

TEST(BuildScenarioErrors, OverlapByThreeSlotCard) {
  const auto e = error_of(R"(
[case]
model = "phanteks-enthoo-pro"
[[gpu]]
slot = 3
model = "titan-rtx"
[[gpu]]
slot = 1
model = "rtx-3090-fe"
)");
  expect_error(e, 8, "gpu[2].slot", "overlaps titan-rtx in slot 3 (line 4) by 1 slot");
}

TEST(BuildScenarioErrors, SlotNotOnBoard) {
  const auto e = error_of(R"(
[case]
model = "fractal-meshify-c"
[board]
form_factor = "micro-ATX"
[[gpu]]
slot = 5
model = "titan-rtx"
)");
  expect_error(e, 7, "gpu[1].slot", "expected 1..4 (micro-ATX has 4 slots)");
}

TEST(BuildScenarioErrors, CardNeedsSlotsTheCaseLacks) {
  const auto e = error_of(R"(
[case]
model = "fractal-meshify-c"
[[gpu]]
slot = 7
model = "titan-rtx"
)");
  expect_error(e, 5, "gpu[1].slot", "needs expansion slots 7..8");
}

TEST(BuildScenarioErrors, FanOnMissingMount) {
  const auto e = error_of(R"(
[case]
model = "fractal-meshify-c"
[[fan]]
mount = "side-1"
)");
  expect_error(e, 5, "fan[1].mount", "has no fan mount 'side-1'; expected one of: front-1");
}

TEST(BuildScenarioErrors, TwoFansOnOneMount) {
  const auto e = error_of(R"(
[case]
model = "fractal-meshify-c"
[[fan]]
mount = "front-1"
[[fan]]
mount = "rear-1"
[[fan]]
mount = "front-1"
)");
  expect_error(e, 9, "fan[3].mount", "already has a fan (line 4)");
}

TEST(BuildScenarioErrors, AlternativeMountsOverlap) {
  const auto e = error_of(R"(
[case]
model = "fractal-meshify-c"
[[fan]]
mount = "front-1"
[[fan]]
mount = "front-140-1"
)");
  expect_error(e, 7, "fan[2].mount", "overlaps the fan on front-1");
}

TEST(BuildScenarioErrors, FanSizeDoesNotFitMount) {
  const auto e = error_of(R"(
[case]
model = "fractal-meshify-c"
[[fan]]
mount = "front-1"
model = "noctua-nf-a14-pwm"
)");
  expect_error(e, 6, "fan[1].model", "mount front-1 takes 120 mm");
}

TEST(BuildScenarioErrors, BadDirectionAndSpeed) {
  expect_error(error_of("[case]\nmodel = \"fractal-meshify-c\"\n[[fan]]\nmount = \"rear-1\"\n"
                        "direction = \"out\"\n"),
               5, "fan[1].direction", "expected \"intake\" or \"exhaust\"");
  expect_error(error_of("[case]\nmodel = \"fractal-meshify-c\"\n[[fan]]\nmount = \"rear-1\"\n"
                        "speed_pct = 120\n"),
               5, "fan[1].speed_pct", "must be 0 (off) or in 1..100 %, got 120");
  // Far below 1 % the fan laws scale a curve to nothing: refused at its
  // key, not deep in the solver's setup (issue 17).
  expect_error(error_of("[case]\nmodel = \"fractal-meshify-c\"\n[[fan]]\nmount = \"rear-1\"\n"
                        "speed_pct = 1e-160\n"),
               5, "fan[1].speed_pct", "got 1e-160 (slower, no fan turns)");
}

TEST(BuildScenarioErrors, NegativePower) {
  const auto e = error_of(R"(
[case]
model = "fractal-meshify-c"
[[gpu]]
slot = 1
model = "titan-rtx"
power_W = -280
)");
  expect_error(e, 7, "gpu[1].power_W", "must be > 0 W");
  expect_error(error_of("[case]\nmodel = \"fractal-meshify-c\"\n[cpu]\nmodel = \"intel-i9-9920x\"\n"
                        "power_W = 0\n"),
               5, "cpu.power_W", "must be > 0 W");
}

TEST(BuildScenarioErrors, BoardTheCaseDoesNotTake) {
  const auto e = error_of(R"(
[case]
model = "fractal-meshify-c"
[board]
form_factor = "E-ATX"
)");
  expect_error(e, 5, "board.form_factor", "does not take E-ATX");
  expect_error(error_of("[case]\nmodel = \"fractal-meshify-c\"\n[board]\nform_factor = \"ITX\"\n"),
               4, "board.form_factor", "expected one of: ATX, E-ATX, micro-ATX");
}

TEST(BuildScenarioErrors, MissingCase) {
  const auto e = error_of("[[gpu]]\nslot = 1\nmodel = \"titan-rtx\"\n");
  EXPECT_EQ(e.key, "case");
  EXPECT_NE(std::string(e.what()).find("fractal-meshify-c"), std::string::npos);
}

TEST(BuildScenarioErrors, PsuOverloaded) {
  const auto e = error_of(R"(
[case]
model = "phanteks-enthoo-pro"
[[gpu]]
slot = 1
model = "rtx-4090-fe"
[[gpu]]
slot = 4
model = "rtx-4090-fe"
[psu]
model = "corsair-hx1000"
load_W = 1100
)");
  expect_error(e, 12, "psu.load_W", "exceeds corsair-hx1000's rating of 1000 W");
}

// A parts library copy with extra cases: one whose only vent is covered by
// an intake fan, one that takes short cards only.
class ExtraCases : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("rt-build-parts-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::copy(fs::path(RT_SOURCE_DIR) / "scenarios/builds/parts", dir_);
    std::ofstream out(dir_ / "cases.toml", std::ios::app);
    for (const char* id : {"sealed-box", "short-box"}) {
      const bool sealed = std::string(id) == "sealed-box";
      out << "\n[case." << id << "]\n"
          << "name = \"test case\"\nsource = \"unit test\"\n"
          << "interior_mm = [185, 420, 370]\n"
          << "form_factors = [\"ATX\"]\n"
          << "board_io_corner_mm = [7.95, 400, 358]\nboard_up = \"+y\"\nboard_rear = \"+z\"\n"
          << "max_gpu_length_mm = " << (sealed ? 315 : 250) << "\n"
          << "max_cpu_cooler_height_mm = 170\nmax_psu_length_mm = 175\n"
          << "psu_corner_mm = [15, 5, 370]\npsu_intake = \"-y\"\n"
          << "expansion_slots = 7\nexpansion_min_mm = [10, 88, 370]\n"
          << "expansion_max_mm = [125, 245, 370]\nexpansion_blank_free_area = 0\n"
          << "[case." << id << ".vent]\n"
          << "front = { min_mm = [32.5, 285, 0], max_mm = [152.5, 405, 0], free_area = 0.6 }\n"
          << "rear = { min_mm = [32.5, 285, 370], max_mm = [152.5, 405, 370], free_area = 0.6 }\n"
          << "[case." << id << ".fan_mount]\n"
          << "front-1 = { centre_mm = [92.5, 345, 0], size_mm = 120 }\n"
          << "rear-1 = { centre_mm = [92.5, 345, 370], size_mm = 120 }\n";
    }
    out.close();
    lib_ = new rt::PartsLibrary(rt::PartsLibrary::load(dir_.string()));
  }
  static void TearDownTestSuite() {
    delete lib_;
    lib_ = nullptr;
    fs::remove_all(dir_);
  }
  static fs::path dir_;
  static rt::PartsLibrary* lib_;
};
fs::path ExtraCases::dir_;
rt::PartsLibrary* ExtraCases::lib_ = nullptr;

TEST_F(ExtraCases, NoAirOutletAnywhere) {
  const auto e = error_of(R"(
[case]
model = "sealed-box"
[[gpu]]
slot = 1
model = "titan-rtx"
[[fan]]
mount = "front-1"
[[fan]]
mount = "rear-1"
direction = "intake"
)",
                          *lib_);
  expect_error(e, 9, "fan[2]", "no air outlet anywhere in sealed-box");
  // An exhaust fan, or a blower exhausting through its bracket, is an outlet.
  EXPECT_NO_THROW(rt::parse_build_scenario(
      "[case]\nmodel = \"sealed-box\"\n[[fan]]\nmount = \"front-1\"\n[[fan]]\nmount = \"rear-1\"\n",
      "b", *lib_));
  EXPECT_NO_THROW(rt::parse_build_scenario(
      "[case]\nmodel = \"sealed-box\"\n[[gpu]]\nslot = 1\nmodel = \"gtx-1080-ti-fe\"\n"
      "[[fan]]\nmount = \"front-1\"\n[[fan]]\nmount = \"rear-1\"\ndirection = \"intake\"\n",
      "b", *lib_));
}

TEST_F(ExtraCases, CardLongerThanTheCaseAllows) {
  const auto e = error_of(R"(
[case]
model = "short-box"
[[gpu]]
slot = 1
model = "rtx-3090-fe"
)",
                          *lib_);
  expect_error(e, 6, "gpu[1].model",
               "rtx-3090-fe is 313 mm long, 63 mm more than short-box takes (250 mm)");
}

}  // namespace

namespace {

// `model = "none"` leaves the CPU or the PSU out (a rig holding cards only);
// any other key beside it is an error, as it would be meaningless.
TEST(BuildScenario, NoCpuAndNoPsu) {
  const rt::BuildScenario s =
      parse(std::string(kTwoCards) + "[cpu]\nmodel = \"none\"\n[psu]\nmodel = \"none\"\n");
  EXPECT_FALSE(s.cpu);
  EXPECT_FALSE(s.default_cpu);
  EXPECT_FALSE(s.psu);
  std::string notes;
  for (const std::string& n : s.notes) notes += n + "\n";
  EXPECT_NE(notes.find("no CPU modelled"), std::string::npos) << notes;
  EXPECT_NE(notes.find("no PSU modelled"), std::string::npos) << notes;
  const rt::ScenarioError e =
      error_of(std::string(kTwoCards) + "[cpu]\nmodel = \"none\"\npower_W = 100\n");
  EXPECT_NE(std::string(e.what()).find("power_W"), std::string::npos) << e.what();
}

// Stock fans by model (issue 18): the Enthoo Pro's two stock fans are its
// Phanteks models, both present (the 200 mm front fan used to be left out
// for want of a 200 mm stand-in); the Meshify C's are its Dynamic X2 GP-12,
// the H440's its FN V2 120 and 140, the Torrent's its 180 mm front and
// 140 mm floor fans; the Dark Base Pro 900, whose stock fans no source
// names, gets same-size stand-ins and the notes say so.
TEST(BuildScenario, StockFansAreTheCasesModels) {
  const std::string card = "[[gpu]]\nslot = 1\nmodel = \"titan-rtx\"\n";
  const rt::BuildScenario pro = parse("[case]\nmodel = \"phanteks-enthoo-pro\"\n" + card);
  EXPECT_TRUE(pro.stock_fans);
  ASSERT_EQ(pro.fans.size(), 2u);
  EXPECT_EQ(pro.fans[0].mount, "front-200");
  EXPECT_EQ(pro.fans[0].model.info.id, "phanteks-ph-f200sp");
  EXPECT_TRUE(pro.fans[0].intake);
  EXPECT_FALSE(pro.fans[0].stand_in);
  EXPECT_EQ(pro.fans[1].mount, "rear-1");
  EXPECT_EQ(pro.fans[1].model.info.id, "phanteks-ph-f140sp");
  EXPECT_FALSE(pro.fans[1].intake);
  std::string notes;
  for (const std::string& n : pro.notes) notes += n + "\n";
  EXPECT_NE(notes.find("stock fans (2): front-200 phanteks-ph-f200sp, rear-1 phanteks-ph-f140sp"),
            std::string::npos)
      << notes;
  EXPECT_EQ(notes.find("stand"), std::string::npos) << notes;
  EXPECT_EQ(notes.find("left out"), std::string::npos) << notes;

  const rt::BuildScenario meshify = parse("[case]\nmodel = \"fractal-meshify-c\"\n" + card);
  ASSERT_EQ(meshify.fans.size(), 2u);
  for (const rt::BuildFan& f : meshify.fans) {
    EXPECT_FALSE(f.stand_in) << f.mount;
    EXPECT_EQ(f.model.info.id, "fractal-dynamic-x2-gp-12") << f.mount;
  }

  const rt::BuildScenario h440 = parse("[case]\nmodel = \"nzxt-h440\"\n" + card);
  ASSERT_EQ(h440.fans.size(), 4u);
  for (const rt::BuildFan& f : h440.fans) EXPECT_FALSE(f.stand_in) << f.mount;
  EXPECT_EQ(h440.fans[0].model.info.id, "nzxt-fn-v2-120");
  EXPECT_EQ(h440.fans[3].model.info.id, "nzxt-fn-v2-140");

  const rt::BuildScenario torrent = parse("[case]\nmodel = \"fractal-torrent\"\n" + card);
  ASSERT_EQ(torrent.fans.size(), 5u);  // the 180 mm front fans are no longer left out
  for (const rt::BuildFan& f : torrent.fans) {
    EXPECT_FALSE(f.stand_in) << f.mount;
    EXPECT_TRUE(f.intake) << f.mount;
    EXPECT_EQ(f.model.info.id, f.mount.rfind("front-", 0) == 0 ? "fractal-dynamic-x2-gp-18-pwm"
                                                               : "fractal-dynamic-x2-gp-14-pwm")
        << f.mount;
  }

  const rt::BuildScenario dbp900 =
      parse("[case]\nmodel = \"bequiet-dark-base-pro-900-rev2\"\n" + card);
  ASSERT_EQ(dbp900.fans.size(), 3u);
  for (const rt::BuildFan& f : dbp900.fans) {
    EXPECT_TRUE(f.stand_in) << f.mount;
    EXPECT_EQ(f.model.info.id, "arctic-p14-pwm-pst") << f.mount;
  }
  notes.clear();
  for (const std::string& n : dbp900.notes) notes += n + "\n";
  EXPECT_NE(notes.find("stock fan model not given by bequiet-dark-base-pro-900-rev2 (not "
                       "sourced): a library fan of the mount's size stands in on front-1 "
                       "(arctic-p14-pwm-pst), front-2 (arctic-p14-pwm-pst), rear-1 "
                       "(arctic-p14-pwm-pst)"),
            std::string::npos)
      << notes;
}

// A case with no stock fans and no [[fan]] (the gap-test rig) says it has no
// case fans instead of "the case's stock fans (0)".
TEST(BuildScenario, NoStockFansSaysNoCaseFans) {
  std::ifstream in(std::string(RT_SOURCE_DIR) + "/examples/gap-test/gap-rig.toml");
  std::stringstream text;
  text << in.rdbuf();
  const rt::BuildScenario s = parse(text.str());
  EXPECT_TRUE(s.fans.empty());
  std::string notes;
  for (const std::string& n : s.notes) notes += n + "\n";
  EXPECT_NE(notes.find("no stock fan in the case"), std::string::npos) << notes;
  EXPECT_EQ(notes.find("stock fans (0)"), std::string::npos) << notes;
}

}  // namespace
