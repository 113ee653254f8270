// Lowering build scenarios to the generic Model (scenarios/builds/lower_build.hpp):
// every example build lowers; the model carries the build's heat; every GPU
// has a die model; blowers exhaust through a vent on the rear wall; fans and
// vents do not overlap on a wall; solid and porous parts do not overlap; the
// snapped grid of each example stays within its cell budget.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "geometry/snapped_grid.hpp"
#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/card_air_path.hpp"
#include "scenarios/builds/lower_build.hpp"
#include "scenarios/model/perforated_plate.hpp"

namespace fs = std::filesystem;

namespace {

const rt::PartsLibrary& lib() {
  static const rt::PartsLibrary l = rt::PartsLibrary::load_default();
  return l;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream t;
  t << in.rdbuf();
  return t.str();
}

std::vector<fs::path> example_builds() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(RT_SOURCE_DIR) / "examples/builds"))
    if (e.path().extension() == ".toml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

rt::BuildScenario build_of(const std::string& text) {
  return rt::parse_build_scenario(text, "test.toml", lib());
}

rt::BuildScenario example(const std::string& name) {
  const fs::path p = fs::path(RT_SOURCE_DIR) / "examples/builds" / name;
  return rt::parse_build_scenario(read(p), p.string(), lib());
}

// The fan of that name, or nullptr.
const rt::Fan* fan_named(const rt::Model& m, const std::string& name) {
  for (const rt::Fan& f : m.fans)
    if (f.name == name) return &f;
  return nullptr;
}

// The message of the ScenarioError reading and lowering `text` throws, or
// "no error".
std::string lowering_error(const std::string& text) {
  try {
    rt::lower_build(build_of(text));
  } catch (const rt::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

double model_power(const rt::Model& m) {
  double w = 0;
  for (const rt::Block& b : m.blocks) w += b.power_W;
  for (const rt::PorousBlock& p : m.porous) w += p.power_W;
  return w;
}

bool overlap_except(const rt::Vec3& a0, const rt::Vec3& a1, const rt::Vec3& b0, const rt::Vec3& b1,
                    int skip) {
  for (int k = 0; k < 3; ++k)
    if (k != skip && std::min(a1[k], b1[k]) - std::max(a0[k], b0[k]) <= 1e-9) return false;
  return true;
}

const rt::PorousBlock* porous(const rt::Model& m, const std::string& name) {
  for (const rt::PorousBlock& p : m.porous)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace

TEST(LowerBuild, EveryExampleLowersWithItsHeat) {
  for (const fs::path& p : example_builds()) {
    SCOPED_TRACE(p.filename().string());
    const rt::BuildScenario b = rt::parse_build_scenario(read(p), p.string(), lib());
    const rt::Model m = rt::lower_build(b);
    double unplaced = 0;
    for (const rt::BuildDrive& d : b.drives)
      if (!d.box) unplaced += d.model.active_W;
    EXPECT_NEAR(model_power(m), b.total_heat_W() - unplaced, 1e-9 * b.total_heat_W());
    EXPECT_EQ(m.size_m, b.case_model.interior_m);
    EXPECT_DOUBLE_EQ(m.physics.reference_T_K, b.ambient_K);
    EXPECT_EQ(m.physics.turbulence, rt::Turbulence::lvel);
    ASSERT_TRUE(m.snapped_grid);
    // Every GPU: a fin stack with its power, the die model and the throttle point.
    for (std::size_t i = 0; i < b.gpus.size(); ++i) {
      const rt::BuildGpu& g = b.gpus[i];
      const rt::PorousBlock* fins = porous(m, rt::lowered_gpu_name(i) + ".fins");
      ASSERT_NE(fins, nullptr);
      EXPECT_DOUBLE_EQ(fins->power_W, g.power_W);
      ASSERT_TRUE(fins->die_resistance_K_W);
      EXPECT_DOUBLE_EQ(*fins->die_resistance_K_W, g.model.thermal.R_ref_K_W);
      EXPECT_DOUBLE_EQ(fins->die_reference_flow_m3_s, g.model.thermal.Q_ref_m3_s);
      ASSERT_TRUE(fins->throttle_K);
      EXPECT_DOUBLE_EQ(*fins->throttle_K, g.model.throttle_K);
      // Inside the card's envelope.
      for (int k = 0; k < 3; ++k) {
        EXPECT_GE(fins->min_m[k], g.box.min_m[k] - 1e-9);
        EXPECT_LE(fins->max_m[k], g.box.max_m[k] + 1e-9);
      }
      // The fins close exactly one axis (the one they are stacked along).
      int closed = 0;
      for (int k = 0; k < 3; ++k) closed += fins->permeability_m2[k] == 0.0;
      EXPECT_EQ(closed, 1);
    }
  }
}

TEST(LowerBuild, FansAndVentsDoNotOverlapOnAWall) {
  for (const fs::path& p : example_builds()) {
    SCOPED_TRACE(p.filename().string());
    const rt::Model m = rt::lower_build(rt::parse_build_scenario(read(p), p.string(), lib()));
    struct Patch {
      std::string name;
      rt::Face face;
      rt::Vec3 lo, hi;
    };
    std::vector<Patch> patches;
    for (const rt::Fan& f : m.fans)
      if (!f.internal_axis) patches.push_back({f.name, f.face, f.min_m, f.max_m});
    for (const rt::Vent& v : m.vents)
      if (!v.internal_axis) patches.push_back({v.name, v.face, v.min_m, v.max_m});
    for (std::size_t i = 0; i < patches.size(); ++i) {
      const Patch& a = patches[i];
      const int ax = rt::face_axis(a.face);
      const double at = rt::face_is_max(a.face) ? m.size_m[ax] : 0.0;
      EXPECT_NEAR(a.lo[ax], at, 1e-12) << a.name;
      EXPECT_NEAR(a.hi[ax], at, 1e-12) << a.name;
      for (int k = 0; k < 3; ++k) {
        EXPECT_GE(a.lo[k], -1e-12) << a.name;
        EXPECT_LE(a.hi[k], m.size_m[k] + 1e-12) << a.name;
      }
      for (std::size_t j = 0; j < i; ++j) {
        const Patch& b = patches[j];
        if (a.face != b.face) continue;
        EXPECT_FALSE(overlap_except(a.lo, a.hi, b.lo, b.hi, ax)) << a.name << " / " << b.name;
      }
    }
  }
}

TEST(LowerBuild, SolidAndPorousPartsDoNotOverlap) {
  for (const fs::path& p : example_builds()) {
    SCOPED_TRACE(p.filename().string());
    const rt::Model m = rt::lower_build(rt::parse_build_scenario(read(p), p.string(), lib()));
    struct Part {
      std::string name;
      rt::Vec3 lo, hi;
    };
    std::vector<Part> parts;
    for (const rt::Block& b : m.blocks) parts.push_back({b.name, b.min_m, b.max_m});
    for (const rt::PorousBlock& b : m.porous) parts.push_back({b.name, b.min_m, b.max_m});
    for (std::size_t i = 0; i < parts.size(); ++i) {
      for (int k = 0; k < 3; ++k) {
        EXPECT_GE(parts[i].lo[k], -1e-12) << parts[i].name;
        EXPECT_LE(parts[i].hi[k], m.size_m[k] + 1e-12) << parts[i].name;
        EXPECT_LT(parts[i].lo[k], parts[i].hi[k]) << parts[i].name;
      }
      for (std::size_t j = 0; j < i; ++j)  // touching is fine (a shroud on its fins)
        EXPECT_FALSE(overlap_except(parts[i].lo, parts[i].hi, parts[j].lo, parts[j].hi, -1))
            << parts[i].name << " / " << parts[j].name;
    }
    // Names are unique within each kind.
    for (std::size_t i = 0; i < parts.size(); ++i)
      for (std::size_t j = 0; j < i; ++j) EXPECT_NE(parts[i].name, parts[j].name);
  }
}

TEST(LowerBuild, BlowersExhaustThroughABracketVentOnTheRearWall) {
  const rt::BuildScenario b = example("quad-3090-blower.toml");
  const rt::Model m = rt::lower_build(b);
  ASSERT_EQ(b.gpus.size(), 4u);
  const double K = rt::perforated_plate_loss(b.gpus[0].model.bracket_free_area);
  for (std::size_t i = 0; i < b.gpus.size(); ++i) {
    const std::string n = rt::lowered_gpu_name(i);
    const rt::Vent* bracket = nullptr;
    for (const rt::Vent& v : m.vents)
      if (v.name == n + ".bracket") bracket = &v;
    ASSERT_NE(bracket, nullptr) << n;
    EXPECT_EQ(bracket->face, rt::Face::zmax);
    EXPECT_FALSE(bracket->internal_axis);
    EXPECT_DOUBLE_EQ(bracket->loss_coefficient, K);
    // The vent covers the card's slots across the up axis (y), and the fin
    // stack's outlet lies in front of it.
    const rt::PorousBlock* fins = porous(m, n + ".fins");
    ASSERT_NE(fins, nullptr);
    EXPECT_LE(bracket->min_m[1], fins->min_m[1] + 1e-9);
    EXPECT_GE(bracket->max_m[1], fins->max_m[1] - 1e-9);
    // Fins along the card (z) are open, across the height (x) closed.
    EXPECT_GT(fins->permeability_m2[2], 0.0);
    EXPECT_EQ(fins->permeability_m2[0], 0.0);
    // One fan, inside the case, on the y plane, blowing up into the shroud,
    // following the card's fan control on its own die.
    int fans = 0;
    for (const rt::Fan& f : m.fans) {
      if (f.name.rfind(n + ".fan", 0) != 0) continue;
      ++fans;
      ASSERT_TRUE(f.internal_axis);
      EXPECT_EQ(*f.internal_axis, 1);
      EXPECT_EQ(f.blow_sign, 1);
      EXPECT_DOUBLE_EQ(f.diameter_m, b.gpus[i].model.fan_diameter_m);
      ASSERT_TRUE(f.control);
      EXPECT_EQ(f.control->sensor, n + ".fins");
      EXPECT_DOUBLE_EQ(f.min_m[1], f.max_m[1]);
      EXPECT_DOUBLE_EQ(f.min_m[1], fins->min_m[1]);  // on the cooler side of the fin stack
    }
    EXPECT_EQ(fans, 1);
  }
}

TEST(LowerBuild, OpenAirCardsBlowIntoTheirFinsAndReleaseIntoTheCase) {
  const rt::BuildScenario b = example("dual-titan-rtx.toml");
  const rt::Model m = rt::lower_build(b);
  const rt::GpuModel& titan = lib().gpu("titan-rtx");
  const rt::PorousBlock* fins = porous(m, "gpu1.fins");
  ASSERT_NE(fins, nullptr);
  // Parallel plates 1.6 mm apart, porosity 0.8: K = eps s^2 / 12, closed along z.
  const double eps = titan.heatsink.porosity(), s = titan.heatsink.gap_m();
  EXPECT_NEAR(fins->permeability_m2[0], eps * s * s / 12, 1e-15);
  EXPECT_NEAR(fins->permeability_m2[1], eps * s * s / 12, 1e-15);
  EXPECT_EQ(fins->permeability_m2[2], 0.0);
  EXPECT_NEAR(fins->inertial_coefficient_1_m[1],
              (0.5 * (1 - eps) + (1 - eps) * (1 - eps)) / (eps * eps * titan.heatsink.fin_height_m),
              1e-9);
  int fans = 0;
  for (const rt::Fan& f : m.fans) {
    if (f.name.rfind("gpu1.fan", 0) != 0) continue;
    ++fans;
    ASSERT_TRUE(f.internal_axis);
    EXPECT_EQ(*f.internal_axis, 1);
    EXPECT_EQ(f.blow_sign, 1);  // up, from the cooler side into the fins
    EXPECT_DOUBLE_EQ(f.min_m[1], fins->min_m[1]);
    EXPECT_EQ(f.curve_pressure_Pa, titan.fan.pressure_Pa());
    ASSERT_TRUE(f.control);
    // The zero-rpm entries are dropped; the rest is the card's curve.
    EXPECT_EQ(f.control->T_K, titan.fan_control.T_K());
  }
  EXPECT_EQ(fans, titan.fan_count);
  // No vent for an open-air card's air but its bracket's holes.
  bool bracket = false;
  for (const rt::Vent& v : m.vents) bracket = bracket || v.name == "gpu1.bracket";
  EXPECT_TRUE(bracket);
  // The CPU tower: fins with the CPU's power, throttling at TjMax - P R_jc.
  const rt::PorousBlock* cpu = porous(m, "cpu.fins");
  ASSERT_NE(cpu, nullptr);
  ASSERT_TRUE(b.cpu);
  EXPECT_DOUBLE_EQ(cpu->power_W, b.cpu->power_W);
  EXPECT_NEAR(*cpu->throttle_K, b.cpu->model.tjmax_K - b.cpu->power_W * b.cpu->model.R_jc_K_W,
              1e-9);
  EXPECT_EQ(cpu->permeability_m2[0], 0.0);  // fins stacked off the board (x)
  // Case fans: round, on their walls, front intakes, rear exhaust.
  for (const rt::Fan& f : m.fans) {
    if (f.name == "front-1") {
      EXPECT_EQ(f.face, rt::Face::zmin);
      EXPECT_TRUE(f.intake);
      EXPECT_DOUBLE_EQ(f.diameter_m, 0.140);
      // Behind the front grille and filter: a lower free delivery.
      EXPECT_LT(f.curve_flow_m3_s.back(),
                lib().case_fan("noctua-nf-a14-pwm").curve.max_flow_m3_s());
    }
    if (f.name == "rear-1") {
      EXPECT_EQ(f.face, rt::Face::zmax);
      EXPECT_FALSE(f.intake);
    }
  }
  // The PSU exhausts through the rear wall.
  bool psu_fan = false;
  for (const rt::Fan& f : m.fans)
    psu_fan = psu_fan || (f.name == "psu.fan" && f.face == rt::Face::zmax && !f.intake);
  EXPECT_TRUE(psu_fan);
}

TEST(LowerBuild, PassiveCardIsADuctFromItsTailToItsBracket) {
  std::vector<std::string> notes;
  const rt::BuildScenario b = build_of(R"(
[case]
model = "fractal-meshify-c"
[[gpu]]
slot = 1
model = "a100-pcie-40gb"
)");
  ASSERT_FALSE(b.gpus[0].faces.empty());
  EXPECT_EQ(b.gpus[0].faces[0].rfind("passive: needs the case's airflow through it", 0), 0u)
      << b.gpus[0].faces[0];
  const rt::Model m = rt::lower_build(b, &notes);
  const rt::BuildGpu& g = b.gpus[0];
  // No fan of its own.
  for (const rt::Fan& f : m.fans) EXPECT_NE(f.name.rfind("gpu1.", 0), 0u) << f.name;
  bool noted = false;
  for (const std::string& n : notes) noted = noted || n.find("gpu1 (a100-pcie-40gb): passive") == 0;
  EXPECT_TRUE(noted);
  // Fins along the card (z) open, stacked across its height (x).
  const rt::PorousBlock* fins = porous(m, "gpu1.fins");
  ASSERT_NE(fins, nullptr);
  EXPECT_GT(fins->permeability_m2[2], 0.0);
  EXPECT_EQ(fins->permeability_m2[0], 0.0);
  EXPECT_DOUBLE_EQ(fins->power_W, 250.0);
  // The bracket vent over the card's slots, in front of the fins' outlet.
  const rt::Vent* bracket = nullptr;
  for (const rt::Vent& v : m.vents)
    if (v.name == "gpu1.bracket") bracket = &v;
  ASSERT_NE(bracket, nullptr);
  EXPECT_EQ(bracket->face, rt::Face::zmax);
  EXPECT_LE(bracket->min_m[1], fins->min_m[1] + 1e-9);
  EXPECT_GE(bracket->max_m[1], fins->max_m[1] - 1e-9);
  // Three shroud sheets (cooler side and both sides of the fins) over the
  // card's whole length: nothing closes the tail or the bracket end.
  int sheets = 0;
  for (const rt::Block& blk : m.blocks) {
    if (blk.name.rfind("gpu1.shroud", 0) != 0) continue;
    ++sheets;
    EXPECT_NEAR(blk.min_m[2], g.box.min_m[2], 3.5e-3) << blk.name;
    EXPECT_NEAR(blk.max_m[2], g.box.max_m[2], 3.5e-3) << blk.name;
  }
  EXPECT_EQ(sheets, 3);
  // Monitors: the air ahead of the tail, and at the bracket.
  bool intake = false, exhaust = false;
  for (const rt::Monitor& mo : m.monitors) {
    if (mo.name == "gpu1.intake") {
      intake = true;
      EXPECT_LT(mo.position_m[2], g.box.min_m[2]);
    }
    if (mo.name == "gpu1.exhaust") {
      exhaust = true;
      EXPECT_GT(mo.position_m[2], fins->max_m[2]);
    }
  }
  EXPECT_TRUE(intake && exhaust);
  // Nothing to estimate in free air: the case sets its flow.
  EXPECT_THROW(rt::estimate_card_air_path(g.model, 1.0, std::nullopt, 1.18, 1.85e-5),
               std::invalid_argument);
  // A fixed fan speed names what is wrong.
  const std::string e = lowering_error(
      "[case]\nmodel = \"fractal-meshify-c\"\n[[gpu]]\nslot = 1\nmodel = "
      "\"a100-pcie-40gb\"\nfan_speed_pct = 80\n");
  EXPECT_NE(e.find("gpu[1].fan_speed_pct"), std::string::npos) << e;
  EXPECT_NE(e.find("is passive: it has no fan of its own"), std::string::npos) << e;
}

TEST(LowerBuild, FixedFanSpeedReplacesTheFanControl) {
  const rt::Model m = rt::lower_build(build_of(R"(
[case]
model = "fractal-meshify-c"
[[gpu]]
slot = 1
model = "titan-rtx"
fan_speed_pct = 60
)"));
  int fans = 0;
  for (const rt::Fan& f : m.fans) {
    if (f.name.rfind("gpu1.fan", 0) != 0) continue;
    ++fans;
    EXPECT_FALSE(f.control);
    EXPECT_DOUBLE_EQ(f.speed_fraction, 0.6);
  }
  EXPECT_EQ(fans, 2);
}

TEST(LowerBuild, CaseFanFollowsACardOrTheCpuOnItsPwmCurve) {
  const rt::Model m = rt::lower_build(build_of(R"(
[case]
model = "fractal-meshify-c"
[[gpu]]
slot = 1
model = "titan-rtx"
[[gpu]]
slot = 4
model = "rtx-2080-ti-fe"
[[fan]]
mount = "front-1"
control = "gpu2"
control_C = [40, 80]
control_pct = [30, 100]
[[fan]]
mount = "rear-1"
control = "cpu"
control_C = [50, 90]
control_pct = [40, 100]
)"));
  const rt::Fan* front = fan_named(m, "front-1");
  const rt::Fan* rear = fan_named(m, "rear-1");
  ASSERT_TRUE(front && rear);
  ASSERT_TRUE(front->control && rear->control);
  EXPECT_EQ(front->control->sensor, "gpu2.fins");
  EXPECT_EQ(rear->control->sensor.rfind("cpu.", 0), 0u);
  EXPECT_DOUBLE_EQ(front->control->speed_fraction[0], 0.3);
  EXPECT_DOUBLE_EQ(rear->control->T_K[1], 90 + rt::kCelsiusToKelvin);
  bool sensor_has_die = false;
  for (const rt::PorousBlock& p : m.porous)
    sensor_has_die = sensor_has_die || (p.name == rear->control->sensor && p.die_resistance_K_W);
  EXPECT_TRUE(sensor_has_die);
}

TEST(LowerBuild, PwmCurveErrorsNameTheKey) {
  const std::string head =
      "[case]\nmodel = \"fractal-meshify-c\"\n[[gpu]]\nslot = 1\nmodel = \"titan-rtx\"\n"
      "[[fan]]\nmount = \"front-1\"\n";  // [[fan]] on line 6
  auto error_of = [&](const std::string& tail) { return lowering_error(head + tail); };
  EXPECT_NE(error_of("control = \"gpu3\"\ncontrol_C = [40, 80]\ncontrol_pct = [30, 100]\n")
                .find("key 'fan[1].control': this build has 1 card(s); no gpu3"),
            std::string::npos);
  EXPECT_NE(error_of("control = \"psu\"\ncontrol_C = [40, 80]\ncontrol_pct = [30, 100]\n")
                .find("is not a sensor"),
            std::string::npos);
  EXPECT_NE(error_of("control = \"gpu1\"\ncontrol_C = [40, 80]\ncontrol_pct = [30]\n")
                .find("as many points"),
            std::string::npos);
  EXPECT_NE(error_of("control_C = [40, 80]\n").find("goes with control"), std::string::npos);
}

// A case given by its interior, vents and mounts in the build file
// ([case.custom], the library's case keys) lowers exactly like the preset it
// copies.
// A preset's tables from cases.toml, renamed [case.custom...].
std::string custom_copy_of(const std::string& id) {
  const std::string text = read(fs::path(RT_SOURCE_DIR) / "scenarios/builds/parts/cases.toml");
  const std::string head = "[case." + id + "]";
  const std::size_t start = text.find(head);
  EXPECT_NE(start, std::string::npos) << id;
  if (start == std::string::npos) return "";
  std::size_t end = text.find("\n[case.", start + head.size());
  while (end != std::string::npos &&
         text.compare(end + 1, head.size() - 1, head.substr(0, head.size() - 1)) == 0)
    end = text.find("\n[case.", end + 1);
  std::string custom = text.substr(start, end == std::string::npos ? end : end - start);
  const std::string from = "[case." + id;
  for (std::size_t at; (at = custom.find(from)) != std::string::npos;)
    custom.replace(at, from.size(), "[case.custom");
  return custom;
}

TEST(LowerBuild, CustomCaseLowersLikeThePresetItCopies) {
  const std::string custom = custom_copy_of("fractal-meshify-c");
  const std::string cards = "[[gpu]]\nslot = 1\nmodel = \"titan-rtx\"\n";
  const rt::Model preset =
      rt::lower_build(build_of("[case]\nmodel = \"fractal-meshify-c\"\n" + cards));
  const rt::Model mine = rt::lower_build(build_of(cards + "[case]\nmodel = \"custom\"\n" + custom));
  EXPECT_EQ(mine.size_m, preset.size_m);
  ASSERT_EQ(mine.vents.size(), preset.vents.size());
  ASSERT_EQ(mine.fans.size(), preset.fans.size());
  for (std::size_t i = 0; i < mine.vents.size(); ++i) {
    EXPECT_EQ(mine.vents[i].min_m, preset.vents[i].min_m) << mine.vents[i].name;
    EXPECT_DOUBLE_EQ(mine.vents[i].loss_coefficient, preset.vents[i].loss_coefficient);
  }
  EXPECT_EQ(mine.blocks.size(), preset.blocks.size());
  EXPECT_EQ(mine.porous.size(), preset.porous.size());
}

// Issue 18: the Enthoo Pro's 200 mm stock front fan is modelled (it was left
// out while the library had no 200 mm fan), as its PH-F200SP.
TEST(LowerBuild, EnthooProStockFrontFanIsModelled) {
  const rt::BuildScenario b = build_of(
      "[case]\nmodel = \"phanteks-enthoo-pro\"\n[[gpu]]\nslot = 1\nmodel = \"titan-rtx\"\n");
  const rt::Model m = rt::lower_build(b);
  const rt::Fan* front = fan_named(m, "front-200");
  ASSERT_NE(front, nullptr);
  EXPECT_TRUE(front->intake);
  EXPECT_EQ(front->face, rt::Face::zmin);
  EXPECT_DOUBLE_EQ(front->diameter_m, 0.2);
  const rt::Fan* rear = fan_named(m, "rear-1");
  ASSERT_NE(rear, nullptr);
  EXPECT_FALSE(rear->intake);
  EXPECT_DOUBLE_EQ(rear->diameter_m, 0.14);
}

// A custom case names its stock fans' models like a preset, checked against
// the library at the build file's line.
TEST(LowerBuild, CustomCaseStockFanModelsAreChecked) {
  const std::string custom = custom_copy_of("phanteks-enthoo-pro");
  const std::string head = "[[gpu]]\nslot = 1\nmodel = \"titan-rtx\"\n[case]\nmodel = \"custom\"\n";
  const rt::BuildScenario ok = build_of(head + custom);
  ASSERT_EQ(ok.fans.size(), 2u);
  EXPECT_EQ(ok.fans[0].model.info.id, "phanteks-ph-f200sp");
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = custom;
    t.replace(t.find(from), from.size(), to);
    return head + t;
  };
  const std::string unknown = lowering_error(with("\"phanteks-ph-f140sp\"", "\"no-such-fan\""));
  EXPECT_NE(unknown.find("case.custom.stock_fans.rear-1.fan"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("unknown case fan 'no-such-fan'"), std::string::npos) << unknown;
  const std::string size = lowering_error(with("\"phanteks-ph-f140sp\"", "\"phanteks-ph-f200sp\""));
  EXPECT_NE(size.find("is a 200 mm fan; mount rear-1 takes 120 or 140 mm"), std::string::npos)
      << size;
}

// Every case preset takes a one-card build as it ships (stock fans, default
// CPU and PSU) and lowers it with the build's heat.
TEST(LowerBuild, EveryCasePresetLowersATinyBuild) {
  for (const std::string& id : lib().case_ids()) {
    SCOPED_TRACE(id);
    const rt::BuildScenario b =
        build_of("[case]\nmodel = \"" + id + "\"\n[[gpu]]\nslot = 1\nmodel = \"titan-rtx\"\n");
    const rt::Model m = rt::lower_build(b);
    EXPECT_NEAR(model_power(m), b.total_heat_W(), 1e-9 * b.total_heat_W());
    for (const rt::BuildFan& f : b.fans)
      if (!f.stand_in) EXPECT_NE(fan_named(m, f.mount), nullptr) << f.mount;
  }
}

TEST(LowerBuild, CustomCaseNeedsItsTable) {
  try {
    build_of("[case]\nmodel = \"custom\"\n[[gpu]]\nslot = 1\nmodel = \"titan-rtx\"\n");
    FAIL() << "no error";
  } catch (const rt::ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("[case.custom]"), std::string::npos) << e.what();
  }
}

TEST(LowerBuild, CasePanelsPassHeatToTheRoom) {
  const std::string cards = "[[gpu]]\nslot = 1\nmodel = \"titan-rtx\"\n";
  const rt::Model steel =
      rt::lower_build(build_of("[case]\nmodel = \"fractal-meshify-c\"\nambient_C = 22\n" + cards));
  for (const rt::Boundary& b : steel.boundary) {
    EXPECT_EQ(b.type, rt::BoundaryType::wall);
    ASSERT_TRUE(b.T_K);
    EXPECT_DOUBLE_EQ(*b.T_K, 22 + rt::kCelsiusToKelvin);
    // 1 / (1/10 + 0.8 mm / 50 W/(m K)): the outside film dominates.
    EXPECT_NEAR(b.heat_transfer_coefficient_W_m2K, 1.0 / (0.1 + 0.8e-3 / 50.0), 1e-12);
  }
  const rt::Model acrylic = rt::lower_build(
      build_of("[case]\nmodel = \"fractal-meshify-c\"\nwall_material = \"acrylic\"\n" + cards));
  EXPECT_NEAR(acrylic.boundary[0].heat_transfer_coefficient_W_m2K, 1.0 / (0.1 + 3e-3 / 0.19),
              1e-12);
  const rt::Model closed = rt::lower_build(
      build_of("[case]\nmodel = \"fractal-meshify-c\"\nwall_material = \"adiabatic\"\n" + cards));
  for (const rt::Boundary& b : closed.boundary) EXPECT_FALSE(b.T_K);
  EXPECT_THROW(
      build_of("[case]\nmodel = \"fractal-meshify-c\"\nwall_material = \"wood\"\n" + cards),
      rt::ScenarioError);
}

TEST(LowerBuild, FanAtAnExplicitPosition) {
  // Meshify C interior 185 x 420 x 370 mm: a 120 mm exhaust in the top panel
  // and one inside the case blowing towards the rear.
  const rt::Model m = rt::lower_build(build_of(R"(
[case]
model = "fractal-meshify-c"
[[gpu]]
slot = 1
model = "titan-rtx"
[[fan]]
centre_mm = [100, 420, 300]
normal = "+y"
model = "arctic-p12-pwm-pst"
direction = "exhaust"
[[fan]]
centre_mm = [100, 300, 200]
normal = "+z"
model = "arctic-p12-pwm-pst"
direction = "exhaust"
)"));
  const rt::Fan* top = fan_named(m, "fan-1");
  const rt::Fan* inside = fan_named(m, "fan-2");
  ASSERT_TRUE(top && inside);
  EXPECT_FALSE(top->internal_axis);
  EXPECT_EQ(top->face, rt::Face::ymax);
  EXPECT_FALSE(top->intake);
  ASSERT_TRUE(inside->internal_axis);
  EXPECT_EQ(*inside->internal_axis, 2);
  EXPECT_EQ(inside->blow_sign, 1);  // exhaust blows along its normal
  EXPECT_NEAR(inside->diameter_m, 0.12, 1e-9);
  auto error_of = [](const std::string& fan) {
    return lowering_error(
        "[case]\nmodel = \"fractal-meshify-c\"\n[[gpu]]\nslot = 1\nmodel = "
        "\"titan-rtx\"\n[[fan]]\n" +
        fan);
  };
  EXPECT_NE(error_of("centre_mm = [100, 0, 300]\nnormal = \"+y\"\nmodel = \"arctic-p12-pwm-pst\"\n")
                .find("point into"),
            std::string::npos);
  EXPECT_NE(
      error_of("centre_mm = [10, 300, 300]\nnormal = \"+y\"\nmodel = \"arctic-p12-pwm-pst\"\n")
          .find("leaves the case"),
      std::string::npos);
  EXPECT_NE(error_of("centre_mm = [100, 300, 300]\nnormal = \"+y\"\n").find("model"),
            std::string::npos);
}

TEST(LowerBuild, DefaultsForCpuAndPsuAreNoted) {
  const rt::BuildScenario b = build_of(R"(
[case]
model = "phanteks-enthoo-pro"
[[gpu]]
slot = 1
model = "titan-rtx"
)");
  ASSERT_TRUE(b.cpu);
  EXPECT_TRUE(b.default_cpu);
  ASSERT_TRUE(b.psu);
  EXPECT_TRUE(b.default_psu);
  // The smallest PSU for 280 + 165 + 50 W that fits the 250 mm bay.
  EXPECT_DOUBLE_EQ(b.psu->load_W, 280 + 165 + 50);
  EXPECT_DOUBLE_EQ(b.psu->model.rated_W, 1000);
  bool cpu_note = false, psu_note = false;
  for (const std::string& n : b.notes) {
    cpu_note = cpu_note || n.find("no [cpu]: default intel-i9-9920x") != std::string::npos;
    psu_note = psu_note || n.find("no [psu]: default") != std::string::npos;
  }
  EXPECT_TRUE(cpu_note);
  EXPECT_TRUE(psu_note);
}

TEST(LowerBuild, MeshAndSolverTablesOverrideTheDefaults) {
  const rt::BuildScenario b = build_of(R"(
[case]
model = "fractal-meshify-c"
[[gpu]]
slot = 1
model = "titan-rtx"
[mesh]
max_cell_mm = 15
min_cells_per_gap = 2
growth = 1.25
[solver]
max_iterations = 123
tolerance = 1e-4
)");
  const rt::Model m = rt::lower_build(b);
  ASSERT_TRUE(m.snapped_grid);
  EXPECT_DOUBLE_EQ(m.snapped_grid->max_cell_m, 0.015);
  EXPECT_EQ(m.snapped_grid->min_cells_per_gap, 2);
  EXPECT_DOUBLE_EQ(m.snapped_grid->growth, 1.25);
  EXPECT_EQ(m.solver.max_iterations, 123);
  EXPECT_DOUBLE_EQ(m.solver.tolerance, 1e-4);
  // Builds stop when their temperatures have settled unless told otherwise.
  EXPECT_DOUBLE_EQ(m.solver.settle_K, rt::kBuildSettle_K);
  // Grid sequencing: the same mesh at the preview's growth first, unless
  // turned off or the grid is the preview already.
  ASSERT_TRUE(m.preview_grid);
  EXPECT_DOUBLE_EQ(m.preview_grid->max_cell_m, 0.015);
  EXPECT_EQ(m.preview_grid->min_cells_per_gap, 2);
  EXPECT_DOUBLE_EQ(m.preview_grid->growth, rt::kMaxPreviewGrowth);
  const std::string card =
      "[case]\nmodel = \"fractal-meshify-c\"\n[[gpu]]\nslot = 1\nmodel = \"titan-rtx\"\n";
  EXPECT_FALSE(rt::lower_build(build_of(card + "[mesh]\npreview_start = false\n")).preview_grid);
  EXPECT_FALSE(rt::lower_build(build_of(card + "[mesh]\ngrowth = 2\n")).preview_grid);
  EXPECT_THROW(build_of(card + "[mesh]\npreview_start = 1\n"), rt::ScenarioError);
  EXPECT_DOUBLE_EQ(
      rt::lower_build(build_of("[case]\nmodel = \"fractal-meshify-c\"\n[[gpu]]\nslot = 1\nmodel = "
                               "\"titan-rtx\"\n[solver]\nsettle_K = 0\n"))
          .solver.settle_K,
      0.0);
  try {
    build_of("[case]\nmodel = \"fractal-meshify-c\"\n[mesh]\nmax_cell_mm = 0.1\n");
    FAIL() << "expected an error";
  } catch (const rt::ScenarioError& e) {
    EXPECT_EQ(e.line, 4);
    EXPECT_EQ(e.key, "mesh.max_cell_mm");
  }
}

TEST(LowerBuild, AioRadiatorOnAFreeMount) {
  std::vector<std::string> notes;
  const rt::BuildScenario b = build_of(R"(
[case]
model = "fractal-meshify-c"
[[gpu]]
slot = 1
model = "titan-rtx"
[[fan]]
mount = "rear-1"
[cpu]
model = "amd-ryzen-9-5950x"
cooler = "arctic-liquid-freezer-ii-240"
)");
  const rt::Model m = rt::lower_build(b, &notes);
  const rt::PorousBlock* rad = porous(m, "cpu.radiator");
  ASSERT_NE(rad, nullptr);
  // The front mounts are free: the radiator goes behind the front fans.
  EXPECT_NEAR(rad->min_m[2], 0.025, 1e-9);
  EXPECT_NEAR(rad->max_m[2], 0.025 + 0.038, 1e-9);
  EXPECT_DOUBLE_EQ(rad->power_W, b.cpu->power_W);
  EXPECT_GT(rad->permeability_m2[2], 0.0);
  EXPECT_EQ(rad->permeability_m2[0], 0.0);
  EXPECT_EQ(rad->permeability_m2[1], 0.0);
  int fans = 0;
  for (const rt::Fan& f : m.fans)
    if (f.name.rfind("cpu.fan", 0) == 0) {
      ++fans;
      EXPECT_EQ(f.face, rt::Face::zmin);
      EXPECT_TRUE(f.intake);
    }
  EXPECT_EQ(fans, 2);
}

// Cells of the default snapped grid of each example: the budget that keeps a
// steady solve within reach of a 2-core machine (docs/build-scenarios.md
// lists the counts).
TEST(LowerBuild, ExampleGridsFitTheCellBudget) {
  constexpr std::size_t kBudget = 2'000'000;
  for (const fs::path& p : example_builds()) {
    const rt::Model m = rt::lower_build(rt::parse_build_scenario(read(p), p.string(), lib()));
    const rt::Grid g = rt::make_grid(m);
    double lo = 1, hi = 0;
    for (int a = 0; a < 3; ++a)
      for (int i = 0; i < g.cells(a); ++i) {
        lo = std::min(lo, g.width(a, i));
        hi = std::max(hi, g.width(a, i));
      }
    std::printf("%-24s %4d x %4d x %4d = %8zu cells, %.2f to %.1f mm\n",
                p.filename().string().c_str(), g.nx(), g.ny(), g.nz(), g.total_cells(), lo * 1e3,
                hi * 1e3);
    EXPECT_LE(g.total_cells(), kBudget) << p.filename().string();
  }
}
