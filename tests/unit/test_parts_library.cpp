// The parts library: every data file loads, the models the PC layer needs
// are there with their published numbers, every part says where its numbers
// come from, the data are physically sane, the fan laws and PSU heat come
// out right, and bad ids and bad files get messages with a line and a key.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "scenarios/builds/parts_library.hpp"

namespace {

namespace fs = std::filesystem;
using rt::kCelsiusToKelvin;

const std::string kPartsDir = std::string(RT_SOURCE_DIR) + "/scenarios/builds/parts";

const rt::PartsLibrary& library() {
  static const rt::PartsLibrary lib = rt::PartsLibrary::load(kPartsDir);
  return lib;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::trunc);
  out << text;
}

// A copy of the data files in a fresh temporary folder, to break one.
class BrokenLibrary : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rigtherm-parts-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const auto& e : fs::directory_iterator(kPartsDir))
      fs::copy(e.path(), dir_ / e.path().filename());
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Replaces the first occurrence of `from` in `file`; returns its line.
  int edit(const std::string& file, const std::string& from, const std::string& to) {
    std::string text = read_text(dir_ / file);
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    text.replace(at, from.size(), to);
    write_text(dir_ / file, text);
    return line;
  }

  rt::ScenarioError load_error() {
    try {
      rt::PartsLibrary::load(dir_.string());
    } catch (const rt::ScenarioError& e) {
      return e;
    }
    ADD_FAILURE() << "the broken library loaded";
    return rt::ScenarioError("", 0, "", "");
  }

  fs::path dir_;
};

// ---- loading and contents ----------------------------------------------------

TEST(PartsLibrary, EveryFamilyLoadsWithParts) {
  const rt::PartsLibrary& lib = library();
  EXPECT_EQ(lib.dir(), kPartsDir);
  EXPECT_EQ(rt::PartsLibrary::families().size(), 9u);
  for (const auto& f : rt::PartsLibrary::families()) {
    EXPECT_TRUE(fs::exists(fs::path(kPartsDir) / f.file)) << f.file;
    EXPECT_FALSE(lib.ids(f.name).empty()) << f.name;
  }
}

TEST(PartsLibrary, RequiredModelsExist) {
  const rt::PartsLibrary& lib = library();
  for (const char* id : {"gtx-1080-ti-fe", "rtx-2080-ti-fe", "asus-turbo-rtx-2080-ti", "titan-rtx",
                         "rtx-3090-fe", "gigabyte-rtx-3090-turbo", "rtx-4090-fe", "rtx-a6000"}) {
    EXPECT_TRUE(contains(lib.gpu_ids(), id)) << id;
  }
  for (const char* id : {"noctua-nf-a12x25-pwm", "arctic-p12-pwm-pst", "noctua-nf-f12-pwm",
                         "noctua-nf-a14-pwm", "arctic-p14-pwm-pst"}) {
    EXPECT_TRUE(contains(lib.case_fan_ids(), id)) << id;
  }
  EXPECT_TRUE(contains(lib.cpu_cooler_ids(), "noctua-nh-d15"));
  EXPECT_TRUE(contains(lib.cpu_ids(), "intel-i9-9920x"));
  EXPECT_TRUE(contains(lib.cpu_ids(), "amd-threadripper-2950x"));
  EXPECT_GE(lib.cpu_ids().size(), 4u);
  for (const char* id :
       {"phanteks-enthoo-pro", "fractal-meshify-c", "fractal-define-r6", "open-bench"}) {
    EXPECT_TRUE(contains(lib.case_ids(), id)) << id;
  }

  // At least three 120 mm and two 140 mm case fans.
  int fans120 = 0;
  int fans140 = 0;
  for (const std::string& id : lib.case_fan_ids()) {
    const double mm = lib.case_fan(id).size_m * 1e3;
    fans120 += std::abs(mm - 120) < 0.5;
    fans140 += std::abs(mm - 140) < 0.5;
  }
  EXPECT_GE(fans120, 3);
  EXPECT_GE(fans140, 2);

  // A 240 and a 360 mm AIO.
  std::vector<int> radiators;
  for (const std::string& id : lib.cpu_cooler_ids()) {
    const rt::CpuCoolerModel& c = lib.cpu_cooler(id);
    if (c.kind == rt::CpuCoolerKind::aio) radiators.push_back(c.radiator_size_mm);
  }
  EXPECT_NE(std::find(radiators.begin(), radiators.end(), 240), radiators.end());
  EXPECT_NE(std::find(radiators.begin(), radiators.end(), 360), radiators.end());

  // PSUs spanning 1000-1600 W.
  double lo = 1e9;
  double hi = 0;
  for (const std::string& id : lib.psu_ids()) {
    lo = std::min(lo, lib.psu(id).rated_W);
    hi = std::max(hi, lib.psu(id).rated_W);
  }
  EXPECT_EQ(lo, 1000.0);
  EXPECT_EQ(hi, 1600.0);

  // NVMe, 2.5" and 3.5" drives; DDR4 modules.
  std::vector<std::string> forms;
  for (const std::string& id : lib.drive_ids()) forms.push_back(lib.drive(id).form_factor);
  for (const char* f : {"m.2-2280", "2.5in", "3.5in"}) EXPECT_TRUE(contains(forms, f)) << f;
  bool ddr4 = false;
  for (const std::string& id : lib.dimm_ids()) ddr4 = ddr4 || lib.dimm(id).generation == "DDR4";
  EXPECT_TRUE(ddr4);
}

TEST(PartsLibrary, PublishedNumbersInSI) {
  const rt::PartsLibrary& lib = library();
  const rt::GpuModel& titan = lib.gpu("titan-rtx");
  EXPECT_EQ(titan.tdp_W, 280.0);
  EXPECT_EQ(titan.cooler, rt::CoolerStyle::open_air);
  EXPECT_DOUBLE_EQ(titan.throttle_K, 84.0 + kCelsiusToKelvin);
  EXPECT_DOUBLE_EQ(titan.slowdown_K, 91.0 + kCelsiusToKelvin);
  EXPECT_NEAR(titan.length_m, 0.2667, 1e-9);
  EXPECT_EQ(lib.gpu("rtx-4090-fe").tdp_W, 450.0);
  EXPECT_EQ(lib.gpu("rtx-3090-fe").tdp_W, 350.0);
  EXPECT_NEAR(lib.gpu("rtx-3090-fe").length_m, 0.313, 1e-12);
  EXPECT_EQ(lib.gpu("rtx-a6000").tdp_W, 300.0);
  EXPECT_EQ(lib.gpu("rtx-a6000").cooler, rt::CoolerStyle::blower);
  EXPECT_EQ(lib.gpu("gtx-1080-ti-fe").cooler, rt::CoolerStyle::blower);
  // Fan hubs, read in mm.
  EXPECT_DOUBLE_EQ(titan.fan_hub_diameter_m, 0.034);
  EXPECT_DOUBLE_EQ(lib.gpu("gigabyte-rtx-3090-turbo").fan_hub_diameter_m, 0.044);
  // Where the fan curves' end points come from: a data sheet scaled, or an estimate.
  EXPECT_NE(titan.fan_curve_source.find("AFB0812VHB"), std::string::npos) << titan.fan_curve_source;
  EXPECT_EQ(lib.gpu("gtx-1080-ti-fe").fan_curve_source.rfind("estimate", 0), 0u);
  EXPECT_EQ(lib.cpu("intel-i9-9920x").tdp_W, 165.0);
  EXPECT_EQ(lib.cpu("amd-threadripper-2950x").tdp_W, 180.0);

  // 102.1 m³/h and 2.34 mmH2O, as published.
  const rt::CaseFanModel& a12 = lib.case_fan("noctua-nf-a12x25-pwm");
  EXPECT_NEAR(a12.curve.max_flow_m3_s(), 102.1 / 3600.0, 1e-4);
  EXPECT_NEAR(a12.curve.max_pressure_Pa(), 2.34 * 9.80665, 0.05);
  EXPECT_DOUBLE_EQ(a12.size_m, 0.120);
  // 56.3 CFM.
  EXPECT_NEAR(lib.case_fan("arctic-p12-pwm-pst").curve.max_flow_m3_s(), 56.3 * 4.71947e-4, 1e-4);

  const rt::CpuCoolerModel& d15 = lib.cpu_cooler("noctua-nh-d15");
  EXPECT_EQ(d15.kind, rt::CpuCoolerKind::tower);
  EXPECT_DOUBLE_EQ(d15.height_m, 0.165);
  EXPECT_EQ(d15.fan_count, 2);
  EXPECT_NO_THROW(lib.case_fan(d15.fan_model));
  for (const std::string& id : lib.cpu_cooler_ids()) {
    EXPECT_NO_THROW(lib.case_fan(lib.cpu_cooler(id).fan_model)) << id;
  }
}

TEST(PartsLibrary, EveryPartHasASourceAndMarksItsEstimates) {
  const rt::PartsLibrary& lib = library();
  for (const auto& f : rt::PartsLibrary::families()) {
    for (const std::string& id : lib.ids(f.name)) {
      const rt::PartInfo& p = lib.info(f.name, id);
      EXPECT_EQ(p.family, f.name);
      EXPECT_EQ(p.id, id);
      EXPECT_FALSE(p.name.empty()) << id;
      EXPECT_GE(p.source.size(), 10u) << id << ": source too short to say anything";
      EXPECT_GT(p.line, 0) << id;
      EXPECT_NE(p.file.find(f.file), std::string::npos) << id;
      // Every listed key is a data key of the part (the loader checks that
      // too); every part with estimates says why.
      if (!p.estimated.empty())
        EXPECT_FALSE(p.note.empty()) << id << ": says what is estimated, not why";
    }
  }
  // Thermal parameters and fin geometry are never published.
  for (const std::string& id : lib.gpu_ids()) {
    const rt::PartInfo& p = lib.gpu(id).info;
    for (const char* key : {"R_ref_K_W", "Q_ref_m3_s", "R_exponent", "fin_pitch_mm"})
      EXPECT_TRUE(p.is_estimated(key)) << id << " " << key;
    EXPECT_FALSE(p.is_estimated("tdp_W")) << id;
    EXPECT_FALSE(p.is_estimated("length_mm")) << id;
    if (!lib.gpu(id).has_fans()) continue;  // a passive card has no fan keys
    for (const char* key : {"fan_curve_pressure_Pa", "fan_control_pct"})
      EXPECT_TRUE(p.is_estimated(key)) << id << " " << key;
    EXPECT_TRUE(p.is_estimated("fan_hub_diameter_mm")) << id;  // no GPU fan hub is published
    // The curve's end points: a data sheet (with its address) or a stated estimate.
    const std::string& curve = lib.gpu(id).fan_curve_source;
    EXPECT_TRUE(curve.find("https://") != std::string::npos || curve.rfind("estimate", 0) == 0)
        << id << ": " << curve;
  }
  // Intermediate fan-curve points are estimated; the published end points
  // not, except a static pressure no source gives (the Phanteks 200 and
  // 140 mm fans), which its note must explain.
  for (const std::string& id : lib.case_fan_ids()) {
    const rt::PartInfo& p = lib.case_fan(id).info;
    EXPECT_TRUE(p.is_estimated("curve_pressure_Pa")) << id;
    EXPECT_FALSE(p.is_estimated("max_flow_m3_h") || p.is_estimated("max_flow_cfm")) << id;
    if (p.is_estimated("max_pressure_mmH2O"))
      EXPECT_NE(p.note.find("pressure"), std::string::npos) << id;
  }
  // A listed table marks its entries.
  const rt::PartInfo& meshify = lib.case_model("fractal-meshify-c").info;
  EXPECT_TRUE(meshify.is_estimated("vent.front"));
  EXPECT_TRUE(meshify.is_estimated("vent"));
  EXPECT_FALSE(meshify.is_estimated("ventilation"));
  EXPECT_FALSE(meshify.is_estimated("max_gpu_length_mm"));
}

// ---- physical sanity ---------------------------------------------------------

void expect_sane_curve(const rt::FanCurve& c, const std::string& what) {
  ASSERT_GE(c.flow_m3_s().size(), 2u) << what;
  EXPECT_EQ(c.flow_m3_s().front(), 0.0) << what;
  EXPECT_EQ(c.pressure_Pa().back(), 0.0) << what;
  for (std::size_t i = 1; i < c.flow_m3_s().size(); ++i) {
    EXPECT_GT(c.flow_m3_s()[i], c.flow_m3_s()[i - 1]) << what;
    EXPECT_LT(c.pressure_Pa()[i], c.pressure_Pa()[i - 1]) << what << ": pressure falls with flow";
  }
  // 120-200 mm fans: well under 1 m³/s and 1 kPa.
  EXPECT_LT(c.max_flow_m3_s(), 0.1) << what;
  EXPECT_LT(c.max_pressure_Pa(), 1000.0) << what;
}

TEST(PartsLibrary, GpusAreSane) {
  const rt::PartsLibrary& lib = library();
  for (const std::string& id : lib.gpu_ids()) {
    const rt::GpuModel& g = lib.gpu(id);
    SCOPED_TRACE(id);
    EXPECT_GT(g.tdp_W, 0.0);
    EXPECT_LT(g.tdp_W, 700.0);
    if (g.cooler == rt::CoolerStyle::blower || !g.has_fans()) {
      EXPECT_TRUE(g.exhausts_through_bracket());
      EXPECT_GE(g.bracket_exhaust_fraction, 0.7);
      EXPECT_EQ(g.heatsink.flow, rt::CardAxis::length);  // towards the bracket
      EXPECT_EQ(g.fan_count, g.has_fans() ? 1 : 0);
    } else {
      EXPECT_FALSE(g.exhausts_through_bracket());
      EXPECT_LT(g.bracket_exhaust_fraction, 0.5);
    }
    EXPECT_LE(g.thickness_m, g.slot_width * 20.32e-3 + 2e-3);
    EXPECT_GT(g.length_m, 0.2);
    EXPECT_LT(g.length_m, 0.36);
    EXPECT_GT(g.height_m, 0.1);
    EXPECT_GT(g.slowdown_K, g.throttle_K - 1e-9);
    EXPECT_GT(g.throttle_K, 70 + kCelsiusToKelvin);
    EXPECT_LT(g.slowdown_K, 100 + kCelsiusToKelvin);
    EXPECT_GT(g.heatsink.porosity(), 0.5);
    EXPECT_LT(g.heatsink.porosity(), 1.0);
    EXPECT_NE(g.heatsink.flow, g.heatsink.normal);
    if (g.has_fans()) {
      expect_sane_curve(g.fan, id + " fan");
      EXPECT_GT(g.fan_hub_diameter_m, 0.2 * g.fan_diameter_m);
      EXPECT_LT(g.fan_hub_diameter_m, 0.7 * g.fan_diameter_m);
      // Fan control: full speed at the slowdown point at the latest.
      EXPECT_LE(g.fan_control.fraction_at(g.throttle_K - 40),
                g.fan_control.fraction_at(g.throttle_K));
      EXPECT_GT(g.fan_control.fraction_at(g.throttle_K), 0.3);
    } else {
      EXPECT_EQ(g.fan_diameter_m, 0.0);
      EXPECT_TRUE(g.fan_control.T_K().empty());
    }
    // Die temperature at TDP, full fan flow through the fins, 25 °C air:
    // below the throttle point on an open bench, as real cards are.
    const double dT = g.tdp_W * g.thermal.resistance_K_W(g.thermal.Q_ref_m3_s);
    EXPECT_GT(25 + dT, 45.0);
    EXPECT_LT(25 + dT + kCelsiusToKelvin, g.throttle_K);
  }
}

TEST(PartsLibrary, OtherPartsAreSane) {
  const rt::PartsLibrary& lib = library();
  for (const std::string& id : lib.case_fan_ids()) {
    const rt::CaseFanModel& f = lib.case_fan(id);
    expect_sane_curve(f.curve, id);
    EXPECT_LT(f.hub_diameter_m, f.size_m) << id;
    EXPECT_GT(f.rpm_max, 500) << id;
  }
  for (const std::string& id : lib.psu_ids()) {
    const rt::PsuModel& p = lib.psu(id);
    SCOPED_TRACE(id);
    expect_sane_curve(p.fan, id);
    for (double eta : p.efficiency.efficiency()) {
      EXPECT_GT(eta, 0.0);
      EXPECT_LT(eta, 1.0);
    }
    EXPECT_DOUBLE_EQ(p.width_m, 0.150);
    EXPECT_DOUBLE_EQ(p.height_m, 0.086);
    EXPECT_GE(p.length_m, 0.140);
    EXPECT_LE(p.length_m, 0.210);
    EXPECT_GE(p.rated_W, 1000.0);
    EXPECT_LE(p.rated_W, 1600.0);
  }
  for (const std::string& id : lib.cpu_ids()) {
    const rt::CpuModel& c = lib.cpu(id);
    EXPECT_GT(c.tdp_W, 0.0) << id;
    EXPECT_GE(c.max_power_W, c.tdp_W) << id;
    EXPECT_GT(c.tjmax_K, 60 + kCelsiusToKelvin) << id;
  }
  for (const std::string& id : lib.drive_ids()) {
    const rt::DriveModel& d = lib.drive(id);
    EXPECT_GT(d.active_W, 0.0) << id;
    EXPECT_LT(d.active_W, 12.0) << id;
    if (d.form_factor == "m.2-2280") {
      EXPECT_NEAR(d.length_m, 0.080, 0.001) << id;
      EXPECT_GE(d.active_W, 5.0) << id;
      EXPECT_LE(d.active_W, 8.0) << id;
    }
  }
  for (const std::string& id : lib.dimm_ids()) {
    const rt::DimmModel& m = lib.dimm(id);
    EXPECT_NEAR(m.length_m, 0.13335, 1e-9) << id;
    EXPECT_GE(m.power_W, 2.0) << id;
    EXPECT_LE(m.power_W, 6.0) << id;
    if (m.generation == "DDR4") EXPECT_LE(m.power_W, 5.0) << id;
  }
}

TEST(PartsLibrary, CasesAreConsistent) {
  const rt::PartsLibrary& lib = library();
  for (const std::string& id : lib.case_ids()) {
    const rt::CaseModel& c = lib.case_model(id);
    SCOPED_TRACE(id);
    EXPECT_TRUE(c.supports_form_factor("atx"));
    // Board normal = up x rear, a unit axis vector.
    double n2 = 0;
    for (double v : c.board_normal) n2 += v * v;
    EXPECT_DOUBLE_EQ(n2, 1.0);
    EXPECT_FALSE(c.vents.empty());
    bool air_out = false;
    for (const rt::CaseVent& v : c.vents) {
      EXPECT_GT(v.area_m2(), 0.0) << v.name;
      EXPECT_GT(v.free_area, 0.0) << v.name;
      EXPECT_LE(v.free_area, 1.0) << v.name;
      air_out = air_out || (v.face && v.open);
    }
    EXPECT_TRUE(air_out) << "no open vent on any face";
    for (const rt::CaseFanMount& m : c.fan_mounts) {
      ASSERT_TRUE(m.face.has_value()) << m.name;
      const int axis = rt::face_axis(*m.face);
      EXPECT_EQ(m.normal[axis], rt::face_is_max(*m.face) ? 1.0 : -1.0) << m.name;
      // The fan's square fits inside the face.
      for (int a = 0; a < 3; ++a) {
        if (a == axis) continue;
        EXPECT_GE(m.centre_m[a] - m.size_m / 2, -1e-9) << m.name;
        EXPECT_LE(m.centre_m[a] + m.size_m / 2, c.interior_m[a] + 1e-9) << m.name;
      }
      EXPECT_FALSE(m.fits_m.empty()) << m.name;
    }
    for (const rt::CaseStockFan& s : c.stock_fans) EXPECT_NE(c.fan_mount(s.mount), nullptr);
    for (const rt::CaseRadiatorMount& r : c.radiators) {
      for (const std::string& m : r.mounts) EXPECT_NE(c.fan_mount(m), nullptr) << r.name;
    }
    EXPECT_GE(c.expansion_slots, 7);
    EXPECT_GT(c.max_gpu_length_m, 0.3);
  }
  // Towers: board on the tray facing the window, slots at the rear.
  for (const char* id : {"phanteks-enthoo-pro", "fractal-meshify-c", "fractal-define-r6"}) {
    const rt::CaseModel& c = lib.case_model(id);
    EXPECT_EQ(c.board_normal, (rt::Vec3{1, 0, 0})) << id;
    ASSERT_TRUE(c.expansion_face.has_value()) << id;
    EXPECT_EQ(*c.expansion_face, rt::Face::zmax) << id;
    EXPECT_STREQ(rt::case_face_name(*c.expansion_face), "rear");
    EXPECT_NE(c.fan_mount("front-1"), nullptr) << id;
    EXPECT_NE(c.fan_mount("rear-1"), nullptr) << id;
    EXPECT_EQ(c.psu_intake, (rt::Vec3{0, -1, 0})) << id;
  }
  const rt::CaseModel& meshify = lib.case_model("fractal-meshify-c");
  EXPECT_EQ(*meshify.fan_mount("front-1")->face, rt::Face::zmin);
  EXPECT_EQ(meshify.fan_mount("front-1")->normal, (rt::Vec3{0, 0, -1}));
  EXPECT_TRUE(meshify.psu_shroud.has_value());
  EXPECT_DOUBLE_EQ(meshify.max_gpu_length_m, 0.315);
  // The closed front lets in much less air than the mesh front.
  EXPECT_LT(lib.case_model("fractal-define-r6").vent("front")->free_area,
            meshify.vent("front")->free_area / 2);
  EXPECT_FALSE(lib.case_model("fractal-define-r6").vent("top")->open);
  // The bench: board flat, components up.
  EXPECT_EQ(lib.case_model("open-bench").board_normal, (rt::Vec3{0, 1, 0}));
}

// ---- behaviour: fan laws, PSU heat, compact model -----------------------------

// Stock fans by model (issue 18): a case names the model of each fan it
// ships with; the old form (no model) is still read, for stock fans whose
// figures could not be sourced.
TEST(PartsLibrary, StockFansNameTheirModels) {
  const rt::PartsLibrary& lib = library();
  const rt::CaseModel& pro = lib.case_model("phanteks-enthoo-pro");
  ASSERT_EQ(pro.stock_fans.size(), 2u);
  EXPECT_EQ(pro.stock_fans[0].mount, "front-200");
  EXPECT_EQ(pro.stock_fans[0].fan, "phanteks-ph-f200sp");
  EXPECT_TRUE(pro.stock_fans[0].intake);
  EXPECT_EQ(pro.stock_fans[1].mount, "rear-1");
  EXPECT_EQ(pro.stock_fans[1].fan, "phanteks-ph-f140sp");
  EXPECT_FALSE(pro.stock_fans[1].intake);
  EXPECT_GT(pro.stock_fans[1].line, pro.info.line);
  // No source names them: the Dark Base Pro 900's stock fans (old form, no
  // model).
  const rt::CaseModel& dbp900 = lib.case_model("bequiet-dark-base-pro-900-rev2");
  ASSERT_EQ(dbp900.stock_fans.size(), 3u);
  for (const rt::CaseStockFan& f : dbp900.stock_fans) EXPECT_TRUE(f.fan.empty()) << f.mount;
  // Every named model is a library fan of a size its mount takes.
  for (const std::string& id : lib.case_ids()) {
    const rt::CaseModel& c = lib.case_model(id);
    for (const rt::CaseStockFan& f : c.stock_fans) {
      if (f.fan.empty()) continue;
      const rt::CaseFanModel& fan = lib.case_fan(f.fan);
      bool fits = false;
      for (double s : c.fan_mount(f.mount)->fits_m) fits = fits || std::abs(s - fan.size_m) < 1e-6;
      EXPECT_TRUE(fits) << id << " " << f.mount;
    }
  }
}

TEST(FanCurve, FanLawsScaleFlowLinearlyAndPressureQuadratically) {
  const rt::FanCurve full = library().case_fan("noctua-nf-a12x25-pwm").curve;
  const rt::FanCurve half = full.at_speed(0.5);
  EXPECT_DOUBLE_EQ(half.max_flow_m3_s(), 0.5 * full.max_flow_m3_s());
  EXPECT_DOUBLE_EQ(half.max_pressure_Pa(), 0.25 * full.max_pressure_Pa());
  for (double q : {0.0, 0.004, 0.01, 0.02, 0.028}) {
    EXPECT_NEAR(half.pressure_at(0.5 * q), 0.25 * full.pressure_at(q), 1e-12) << q;
  }
  EXPECT_EQ(full.at_speed(1.0).pressure_Pa(), full.pressure_Pa());
  EXPECT_THROW(full.at_speed(0.0), std::invalid_argument);
  EXPECT_THROW(full.at_speed(1.2), std::invalid_argument);

  // Against a quadratic system curve Δp = k Q² the operating flow scales
  // with speed exactly (the fan laws' promise).
  const double k = 2.0e4;  // Pa/(m³/s)²
  auto operating_flow = [k](const rt::FanCurve& c) {
    double lo = 0.0;
    double hi = c.max_flow_m3_s();
    for (int i = 0; i < 200; ++i) {
      const double mid = 0.5 * (lo + hi);
      (c.pressure_at(mid) > k * mid * mid ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
  };
  const double q_full = operating_flow(full);
  EXPECT_GT(q_full, 0.0);
  EXPECT_NEAR(operating_flow(full.at_speed(0.6)), 0.6 * q_full, 1e-9);
}

TEST(FanCurve, InterpolatesAndInverts) {
  const rt::FanCurve c({0.0, 0.01, 0.02}, {20.0, 10.0, 0.0});
  EXPECT_DOUBLE_EQ(c.pressure_at(0.005), 15.0);
  EXPECT_DOUBLE_EQ(c.pressure_at(0.015), 5.0);
  EXPECT_DOUBLE_EQ(c.pressure_at(-0.01), 20.0);  // reverse flow: shut-off
  EXPECT_DOUBLE_EQ(c.pressure_at(0.025), -5.0);  // driven past free delivery
  EXPECT_DOUBLE_EQ(c.flow_at(15.0), 0.005);
  EXPECT_DOUBLE_EQ(c.flow_at(25.0), 0.0);
  EXPECT_DOUBLE_EQ(c.flow_at(-1.0), 0.02);
  for (double q : {0.001, 0.007, 0.013, 0.019}) EXPECT_NEAR(c.flow_at(c.pressure_at(q)), q, 1e-15);
  EXPECT_THROW(rt::FanCurve({0.0, 0.01}, {10.0, 12.0}), std::invalid_argument);
  EXPECT_THROW(rt::FanCurve({0.001, 0.01}, {10.0, 0.0}), std::invalid_argument);
}

TEST(PsuModel, HeatFromTheEfficiencyCurve) {
  const rt::PsuModel& hx = library().psu("corsair-hx1000");  // Platinum: 90/92/89 % at 20/50/100 %
  EXPECT_DOUBLE_EQ(hx.efficiency_at(500.0), 0.92);
  EXPECT_NEAR(hx.heat_W(500.0), 500.0 * (1 / 0.92 - 1), 1e-9);    // 43.5 W
  EXPECT_NEAR(hx.heat_W(1000.0), 1000.0 * (1 / 0.89 - 1), 1e-9);  // 123.6 W
  // 35 % load: halfway between the 20 % (0.90) and 50 % (0.92) points.
  EXPECT_NEAR(hx.efficiency_at(350.0), 0.91, 1e-12);
  EXPECT_NEAR(hx.heat_W(350.0), 350.0 * (1 / 0.91 - 1), 1e-9);
  EXPECT_NEAR(hx.ac_input_W(350.0), 350.0 / 0.91, 1e-9);
  EXPECT_DOUBLE_EQ(hx.heat_W(0.0), 0.0);
  // Below the first point the efficiency is held.
  EXPECT_DOUBLE_EQ(hx.efficiency_at(20.0), hx.efficiency.efficiency().front());
  EXPECT_THROW(hx.heat_W(1200.0), std::invalid_argument);
  EXPECT_THROW(hx.heat_W(-1.0), std::invalid_argument);
  // Titanium wastes less than Platinum at the same load.
  EXPECT_LT(library().psu("corsair-ax1600i").heat_W(800.0),
            library().psu("evga-supernova-1200-p2").heat_W(800.0));
}

TEST(CompactThermal, ResistanceFallsWithFlow) {
  const rt::CompactThermal& t = library().gpu("titan-rtx").thermal;
  EXPECT_DOUBLE_EQ(t.resistance_K_W(t.Q_ref_m3_s), t.R_ref_K_W);
  EXPECT_NEAR(t.resistance_K_W(0.5 * t.Q_ref_m3_s), t.R_ref_K_W * std::pow(2.0, t.exponent), 1e-12);
  // No air through the fins: no way out for the heat (the solver's law).
  EXPECT_TRUE(std::isinf(t.resistance_K_W(0.0)));
  EXPECT_GT(t.resistance_K_W(1e-3 * t.Q_ref_m3_s), t.resistance_K_W(0.1 * t.Q_ref_m3_s));
}

TEST(FanControlCurve, FollowsTheDieTemperature) {
  const rt::FanControlCurve& c = library().gpu("rtx-3090-fe").fan_control;
  const double K = kCelsiusToKelvin;
  EXPECT_DOUBLE_EQ(c.fraction_at(40 + K), 0.0);     // fans stopped at idle
  EXPECT_NEAR(c.fraction_at(75 + K), 0.65, 1e-12);  // between 55 % at 70 °C and 75 % at 80 °C
  EXPECT_DOUBLE_EQ(c.fraction_at(95 + K), 1.0);
}

// ---- errors --------------------------------------------------------------------

TEST(PartsLibrary, UnknownIdListsCloseMatches) {
  const rt::PartsLibrary& lib = library();
  try {
    lib.gpu("rtx-3090-tubro");
    FAIL() << "no exception";
  } catch (const rt::UnknownPartError& e) {
    EXPECT_EQ(e.family, "gpu");
    EXPECT_EQ(e.id, "rtx-3090-tubro");
    ASSERT_FALSE(e.close_matches.empty());
    EXPECT_EQ(e.close_matches.front(), "gigabyte-rtx-3090-turbo");
    EXPECT_TRUE(contains(e.available, "titan-rtx"));
    const std::string msg = e.what();
    EXPECT_NE(msg.find("unknown GPU 'rtx-3090-tubro'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("did you mean: gigabyte-rtx-3090-turbo"), std::string::npos) << msg;
    EXPECT_NE(msg.find("available: "), std::string::npos) << msg;
  }
  try {
    lib.case_fan("nf-a12x25");
    FAIL() << "no exception";
  } catch (const rt::UnknownPartError& e) {
    EXPECT_TRUE(contains(e.close_matches, "noctua-nf-a12x25-pwm")) << e.what();
  }
  try {
    lib.gpu("zzzz");
    FAIL() << "no exception";
  } catch (const rt::UnknownPartError& e) {
    EXPECT_TRUE(e.close_matches.empty()) << e.what();
    EXPECT_EQ(std::string(e.what()).find("did you mean"), std::string::npos);
  }
  // A right id in the wrong family is still unknown there.
  EXPECT_THROW(lib.psu("titan-rtx"), rt::UnknownPartError);
}

TEST(PartsLibrary, FindsByIdAcrossFamilies) {
  const rt::PartsLibrary& lib = library();
  EXPECT_EQ(lib.find("titan-rtx").family, "gpu");
  EXPECT_EQ(lib.find("gpu.titan-rtx").id, "titan-rtx");
  EXPECT_EQ(lib.find("corsair-hx1000").family, "psu");
  EXPECT_EQ(lib.find("fractal-meshify-c").family, "case");
  EXPECT_THROW(lib.find("psu.titan-rtx"), rt::UnknownPartError);
  try {
    lib.find("meshify-c");
    FAIL() << "no exception";
  } catch (const rt::UnknownPartError& e) {
    EXPECT_TRUE(contains(e.close_matches, "fractal-meshify-c")) << e.what();
  }
}

TEST(PartsLibrary, FieldsCarryUnitsAndEstimateMarks) {
  const rt::PartsLibrary& lib = library();
  const std::vector<rt::PartField>& fields = lib.fields(lib.find("titan-rtx"));
  auto field = [&fields](const std::string& key) -> const rt::PartField* {
    for (const rt::PartField& f : fields) {
      if (f.key == key) return &f;
    }
    return nullptr;
  };
  ASSERT_NE(field("tdp_W"), nullptr);
  EXPECT_EQ(field("tdp_W")->value, "280");
  EXPECT_EQ(field("tdp_W")->unit, "W");
  EXPECT_FALSE(field("tdp_W")->estimated);
  EXPECT_EQ(field("throttle_C")->unit, "°C");
  EXPECT_EQ(field("length_mm")->unit, "mm");
  EXPECT_TRUE(field("R_ref_K_W")->estimated);
  EXPECT_EQ(field("R_ref_K_W")->unit, "K/W");
  EXPECT_EQ(field("name"), nullptr);  // shown separately
  for (std::size_t i = 1; i < fields.size(); ++i) EXPECT_GT(fields[i].line, fields[i - 1].line);

  const std::vector<rt::PartField>& c = lib.fields(lib.find("fractal-meshify-c"));
  const auto vent =
      std::find_if(c.begin(), c.end(), [](const auto& f) { return f.key == "vent.front"; });
  ASSERT_NE(vent, c.end());
  EXPECT_TRUE(vent->estimated);
  EXPECT_NE(vent->value.find("free_area"), std::string::npos) << vent->value;
  EXPECT_FALSE(lib.summary(lib.find("fractal-meshify-c")).empty());
  EXPECT_NE(lib.summary(lib.find("gtx-1080-ti-fe")).find("blower"), std::string::npos);
}

// The numbers of a GPU's derived fan line (`rigtherm parts show`), parsed.
struct FanLine {
  double rpm = 0;
  double shut_off_Pa = 0;
  double free_delivery_m3_s = 0;
  double free_delivery_cfm = 0;
  double hub_mm = 0;
};

FanLine parse_fan_line(const std::string& line) {
  static const std::regex pattern(
      R"(fan curve \(one fan, 100 % = ([0-9.]+) rpm\): shut-off ([0-9.]+) Pa, free delivery )"
      R"(([0-9.]+) m³/s \(([0-9.]+) CFM\); hub ([0-9.]+) mm)");
  std::smatch m;
  EXPECT_TRUE(std::regex_match(line, m, pattern)) << line;
  if (m.size() != 6) return {};
  return {std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), std::stod(m[5])};
}

// Three significant digits: within half a unit of the third.
void expect_printed(double printed, double exact, const std::string& what) {
  EXPECT_NEAR(printed, exact, 0.005 * std::abs(exact)) << what;
}

void expect_fan_line_of(const rt::PartsLibrary& lib, const std::string& id) {
  const rt::GpuModel& g = lib.gpu(id);
  const std::vector<std::string> lines = lib.derived(g.info);
  ASSERT_EQ(lines.size(), 1u) << id;
  const FanLine f = parse_fan_line(lines[0]);
  EXPECT_EQ(f.rpm, g.fan_rpm_max) << lines[0];
  expect_printed(f.shut_off_Pa, g.fan.pressure_at(0.0), lines[0]);
  expect_printed(f.free_delivery_m3_s, g.fan.flow_at(0.0), lines[0]);
  expect_printed(f.free_delivery_cfm, g.fan.flow_at(0.0) / rt::kCubicMetresPerSecondPerCfm,
                 lines[0]);
  expect_printed(f.hub_mm, g.fan_hub_diameter_m * 1e3, lines[0]);
}

TEST(PartsLibrary, ShowPrintsEachGpuFanCurvesEndPoints) {
  const rt::PartsLibrary& lib = library();
  for (const std::string& id : lib.gpu_ids())
    if (lib.gpu(id).has_fans()) expect_fan_line_of(lib, id);
  // As printed for the Titan RTX: 44.6 Pa, 0.0185 m³/s = 39.3 CFM, 34 mm hub.
  const FanLine titan = parse_fan_line(lib.derived(lib.find("titan-rtx")).at(0));
  EXPECT_EQ(titan.shut_off_Pa, 44.6);
  EXPECT_EQ(titan.free_delivery_cfm, 39.3);
  EXPECT_TRUE(lib.derived(lib.find("corsair-hx1000")).empty());
}

TEST(PartsLibrary, DefaultDirectoryFromTheEnvironment) {
  ASSERT_EQ(::unsetenv("RIGTHERM_PARTS"), 0);
  EXPECT_EQ(fs::path(rt::PartsLibrary::default_dir()).lexically_normal().string(),
            fs::path(kPartsDir).lexically_normal().string());
  ASSERT_EQ(::setenv("RIGTHERM_PARTS", "/somewhere/else", 1), 0);
  EXPECT_EQ(rt::PartsLibrary::default_dir(), "/somewhere/else");
  ASSERT_EQ(::unsetenv("RIGTHERM_PARTS"), 0);
  EXPECT_NO_THROW(rt::PartsLibrary::load_default());
}

TEST_F(BrokenLibrary, MisspelledKeyNamesFileLineAndKey) {
  const int line = edit("gpus.toml", "length_mm = 313", "lenght_mm = 313");
  ASSERT_GT(line, 0);
  const rt::ScenarioError e = load_error();
  EXPECT_EQ(fs::path(e.file).filename().string(), "gpus.toml");
  EXPECT_EQ(e.line, line);
  EXPECT_EQ(e.key, "gpu.rtx-3090-fe.lenght_mm");
  const std::string msg = e.what();
  EXPECT_NE(msg.find("gpus.toml:" + std::to_string(line) +
                     ": key 'gpu.rtx-3090-fe.lenght_mm': "
                     "unknown key; expected one of:"),
            std::string::npos)
      << msg;
}

TEST_F(BrokenLibrary, RisingFanCurveIsRefusedAtItsLine) {
  const int line = edit("case_fans.toml", "curve_pressure_Pa = [22.95, 18.36,",
                        "curve_pressure_Pa = [22.95, 23.5,");
  const rt::ScenarioError e = load_error();
  EXPECT_EQ(e.line, line);
  EXPECT_EQ(e.key, "case_fan.noctua-nf-a12x25-pwm.curve_pressure_Pa");
  EXPECT_NE(e.problem.find("decrease strictly"), std::string::npos) << e.what();
}

TEST_F(BrokenLibrary, OtherMistakes) {
  {
    const int line = edit("gpus.toml", "tdp_W = 280", "tdp_W = -280");
    const rt::ScenarioError e = load_error();
    EXPECT_EQ(e.line, line);
    EXPECT_EQ(e.key, "gpu.titan-rtx.tdp_W");
    EXPECT_NE(e.problem.find("> 0"), std::string::npos);
    edit("gpus.toml", "tdp_W = -280", "tdp_W = 280");
  }
  {
    const int line =
        edit("psus.toml", "efficiency = [0.90, 0.92, 0.94, 0.90]", "efficiency = [90, 92, 94, 90]");
    const rt::ScenarioError e = load_error();
    EXPECT_EQ(e.line, line);
    EXPECT_NE(e.problem.find("(0, 1)"), std::string::npos) << e.what();
    edit("psus.toml", "efficiency = [90, 92, 94, 90]", "efficiency = [0.90, 0.92, 0.94, 0.90]");
  }
  {
    // A blower card that claims to exhaust into the case.
    const int line = edit("gpus.toml", "exhaust = \"bracket\"", "exhaust = \"case\"");
    const rt::ScenarioError e = load_error();
    EXPECT_EQ(e.line, line);
    EXPECT_NE(e.problem.find("blower"), std::string::npos) << e.what();
    edit("gpus.toml", "exhaust = \"case\"\nbracket_exhaust_fraction = 0.9",
         "exhaust = \"bracket\"\nbracket_exhaust_fraction = 0.9");
  }
  {
    const int line =
        edit("cpus.toml", "estimated = [\"R_jc_K_W\"]\nnote", "estimated = [\"R_jc_KW\"]\nnote");
    const rt::ScenarioError e = load_error();
    EXPECT_EQ(e.line, line);
    EXPECT_NE(e.problem.find("'R_jc_KW'"), std::string::npos) << e.what();
    edit("cpus.toml", "[\"R_jc_KW\"]", "[\"R_jc_K_W\"]");
  }
  {
    const int line = edit("cpu_coolers.toml", "fan_model = \"noctua-nf-a15-pwm\"",
                          "fan_model = \"noctua-nf-a15\"");
    const rt::ScenarioError e = load_error();
    EXPECT_EQ(e.line, line);
    EXPECT_NE(e.problem.find("did you mean: noctua-nf-a15-pwm"), std::string::npos) << e.what();
    edit("cpu_coolers.toml", "\"noctua-nf-a15\"", "\"noctua-nf-a15-pwm\"");
  }
  {
    // A fan mount with no vent in front of it.
    const int line = edit("cases.toml", "rear-1 = { centre_mm = [115, 320, 370]",
                          "rear-1 = { centre_mm = [115, 120, 370]");
    const rt::ScenarioError e = load_error();
    EXPECT_EQ(e.line, line);
    EXPECT_EQ(e.key, "case.fractal-meshify-c.fan_mount.rear-1.centre_mm");
    EXPECT_NE(e.problem.find("no vent on the rear face"), std::string::npos) << e.what();
    edit("cases.toml", "[115, 120, 370]", "[115, 320, 370]");
  }
  EXPECT_NO_THROW(rt::PartsLibrary::load(dir_.string()));  // all repaired
}

TEST_F(BrokenLibrary, StockFanModelErrorsNameTheEntry) {
  {
    // An id the library does not have: refused at the entry, with the
    // close matches.
    const int line =
        edit("cases.toml", "fan = \"phanteks-ph-f140sp\"", "fan = \"phanteks-ph-f140\"");
    const rt::ScenarioError e = load_error();
    EXPECT_EQ(fs::path(e.file).filename().string(), "cases.toml");
    EXPECT_EQ(e.line, line);
    EXPECT_EQ(e.key, "case.phanteks-enthoo-pro.stock_fans.rear-1.fan");
    EXPECT_NE(e.problem.find("did you mean: phanteks-ph-f140sp"), std::string::npos) << e.what();
    edit("cases.toml", "\"phanteks-ph-f140\"", "\"phanteks-ph-f140sp\"");
  }
  {
    // A 200 mm fan on a 120/140 mm mount.
    const int line =
        edit("cases.toml", "fan = \"phanteks-ph-f140sp\"", "fan = \"phanteks-ph-f200sp\"");
    const rt::ScenarioError e = load_error();
    EXPECT_EQ(e.line, line);
    EXPECT_EQ(e.key, "case.phanteks-enthoo-pro.stock_fans.rear-1.fan");
    EXPECT_NE(
        e.problem.find("phanteks-ph-f200sp is a 200 mm fan; mount rear-1 takes 120 or 140 mm"),
        std::string::npos)
        << e.what();
    edit("cases.toml", "rear-1 = { flow = \"exhaust\", fan = \"phanteks-ph-f200sp\"",
         "rear-1 = { flow = \"exhaust\", fan = \"phanteks-ph-f140sp\"");
  }
  {
    const int line =
        edit("cases.toml", "rear-1 = { flow = \"exhaust\"", "rear-1 = { flow = \"out\"");
    const rt::ScenarioError e = load_error();
    EXPECT_EQ(e.line, line);
    EXPECT_EQ(e.key, "case.phanteks-enthoo-pro.stock_fans.rear-1.flow");
    EXPECT_NE(e.problem.find("expected \"intake\" or \"exhaust\""), std::string::npos) << e.what();
    edit("cases.toml", "flow = \"out\"", "flow = \"exhaust\"");
  }
  {
    const int line = edit("cases.toml", "rear-1 = { flow = \"exhaust\", fan",
                          "rear-1 = { flow = \"exhaust\", fans");
    const rt::ScenarioError e = load_error();
    EXPECT_EQ(e.line, line);
    EXPECT_EQ(e.key, "case.phanteks-enthoo-pro.stock_fans.rear-1.fans");
    EXPECT_NE(e.problem.find("unknown key"), std::string::npos) << e.what();
    edit("cases.toml", "\"exhaust\", fans", "\"exhaust\", fan");
  }
  {
    const int line = edit("cases.toml", "stock_fans = { front-1 = \"intake\", front-2",
                          "stock_fans = { front-1 = 1, front-2");
    const rt::ScenarioError e = load_error();
    EXPECT_EQ(e.line, line);
    EXPECT_EQ(e.key, "case.bequiet-dark-base-pro-900-rev2.stock_fans.front-1");
    EXPECT_NE(e.problem.find("expected { flow ="), std::string::npos) << e.what();
    edit("cases.toml", "front-1 = 1, front-2", "front-1 = \"intake\", front-2");
  }
  EXPECT_NO_THROW(rt::PartsLibrary::load(dir_.string()));  // all repaired
}

TEST_F(BrokenLibrary, FanHubAsWideAsTheFanIsRefused) {
  // The RTX 3090 FE's hub (the first 110 mm fan; other cards share the 44).
  const int line = edit("gpus.toml", "fan_diameter_mm = 110\nfan_hub_diameter_mm = 44",
                        "fan_diameter_mm = 110\nfan_hub_diameter_mm = 110") +
                   1;
  const rt::ScenarioError e = load_error();
  EXPECT_EQ(fs::path(e.file).filename().string(), "gpus.toml");
  EXPECT_EQ(e.line, line);
  EXPECT_EQ(e.key, "gpu.rtx-3090-fe.fan_hub_diameter_mm");
  EXPECT_NE(e.problem.find("must be < fan_diameter_mm (110 mm)"), std::string::npos) << e.what();

  edit("gpus.toml", "fan_hub_diameter_mm = 110", "fan_hub_diameter_mm = -1");
  EXPECT_EQ(load_error().key, "gpu.rtx-3090-fe.fan_hub_diameter_mm");
  edit("gpus.toml", "fan_hub_diameter_mm = -1", "fan_hub_diameter_mm = 0");
  EXPECT_EQ(rt::PartsLibrary::load(dir_.string()).gpu("rtx-3090-fe").fan_hub_diameter_m, 0.0);
}

TEST_F(BrokenLibrary, MissingFanCurveSourceIsRefused) {
  std::string text = read_text(dir_ / "gpus.toml");
  const std::size_t at = text.find("fan_curve_source = ");
  ASSERT_NE(at, std::string::npos);
  text.erase(at, text.find('\n', at) + 1 - at);
  write_text(dir_ / "gpus.toml", text);
  const std::size_t header = text.find("[gpu.gtx-1080-ti-fe]");
  ASSERT_LT(header, at);  // the first card lost its source
  const rt::ScenarioError e = load_error();
  EXPECT_EQ(e.line, 1 + static_cast<int>(std::count(text.begin(), text.begin() + header, '\n')));
  EXPECT_EQ(e.key, "gpu.gtx-1080-ti-fe.fan_curve_source");
  EXPECT_NE(e.problem.find("required key is missing"), std::string::npos) << e.what();
}

TEST_F(BrokenLibrary, ShownFanEndPointsFollowTheCurve) {
  edit("gpus.toml", "fan_curve_flow_m3_s = [0.0, 0.008, 0.016, 0.024, 0.032]",
       "fan_curve_flow_m3_s = [0.0, 0.008, 0.016, 0.024, 0.0413]");
  edit("gpus.toml", "fan_curve_pressure_Pa = [40.0, 32.0, 22.0, 12.0, 0.0]",
       "fan_curve_pressure_Pa = [57.5, 32.0, 22.0, 12.0, 0.0]");
  const rt::PartsLibrary lib = rt::PartsLibrary::load(dir_.string());
  expect_fan_line_of(lib, "rtx-3090-fe");
  const FanLine f = parse_fan_line(lib.derived(lib.find("rtx-3090-fe")).at(0));
  EXPECT_EQ(f.shut_off_Pa, 57.5);
  EXPECT_EQ(f.free_delivery_m3_s, 0.0413);
  EXPECT_EQ(f.free_delivery_cfm, 87.5);  // 0.0413 / 4.719e-4 = 87.51
}

TEST_F(BrokenLibrary, SyntaxErrorAndMissingFile) {
  const int line = edit("memory.toml", "power_W = 3.0", "power_W = = 3.0");
  rt::ScenarioError e = load_error();
  EXPECT_EQ(e.line, line);
  EXPECT_GT(e.column, 0);
  EXPECT_NE(std::string(e.what()).find("TOML syntax error"), std::string::npos);

  edit("memory.toml", "power_W = = 3.0", "power_W = 3.0");
  fs::remove(dir_ / "drives.toml");
  e = load_error();
  EXPECT_EQ(fs::path(e.file).filename().string(), "drives.toml");
  EXPECT_NE(e.problem.find("cannot open"), std::string::npos);
}

TEST_F(BrokenLibrary, IdsAreUniqueAcrossFamilies) {
  std::string text = read_text(dir_ / "psus.toml");
  text += "\n[psu.titan-rtx]\n" + text.substr(text.find("name = \"Corsair AX1600i\""));
  write_text(dir_ / "psus.toml", text);
  const rt::ScenarioError e = load_error();
  EXPECT_EQ(e.key, "psu.titan-rtx");
  EXPECT_NE(e.problem.find("already used by gpu.titan-rtx"), std::string::npos) << e.what();
}

}  // namespace

// ---- the passive style (data-centre cards without a fan) --------------------

TEST(PartsLibrary, PassiveCardHasNoFanAndSaysWhatItNeeds) {
  const rt::PartsLibrary& lib = library();
  const rt::GpuModel& a100 = lib.gpu("a100-pcie-40gb");
  EXPECT_EQ(a100.cooler, rt::CoolerStyle::passive);
  EXPECT_FALSE(a100.has_fans());
  EXPECT_EQ(a100.fan_count, 0);
  EXPECT_EQ(a100.heatsink.flow, rt::CardAxis::length);
  EXPECT_TRUE(a100.exhausts_through_bracket());
  EXPECT_DOUBLE_EQ(a100.tdp_W, 250.0);
  EXPECT_DOUBLE_EQ(a100.length_m, 0.267);
  // Calibration: at Q_ref and a 45 °C inlet the die sits at its throttle
  // point at full power (the note's GRID K2 point scaled to 250 W).
  EXPECT_NEAR(
      45.0 + kCelsiusToKelvin + a100.tdp_W * a100.thermal.resistance_K_W(a100.thermal.Q_ref_m3_s),
      a100.throttle_K, 1e-9);
  // Starved, R never falls below the air's own heating 1/(rho cp Q).
  for (double f : {1.0, 0.3, 0.1, 0.01, 0.002}) {
    const double Q = f * a100.thermal.Q_ref_m3_s;
    EXPECT_GT(a100.thermal.resistance_K_W(Q), 1.0 / (1.2 * 1005.0 * Q)) << f;
  }
  EXPECT_EQ(lib.summary(a100.info).rfind("passive, 250 W", 0), 0u) << lib.summary(a100.info);
  const std::vector<std::string> lines = lib.derived(a100.info);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("no fan of its own (passive)"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("22.2 CFM"), std::string::npos) << lines[0];
}

TEST_F(BrokenLibrary, PassiveCardWithAFanKeyIsRefused) {
  const int line =
      edit("gpus.toml", "cooler = \"passive\"\n", "cooler = \"passive\"\nfan_rpm_max = 3000\n") + 1;
  const rt::ScenarioError e = load_error();
  EXPECT_EQ(e.line, line);
  EXPECT_EQ(e.key, "gpu.a100-pcie-40gb.fan_rpm_max");
  EXPECT_NE(e.problem.find("a passive card has no fan of its own"), std::string::npos) << e.what();
  EXPECT_NE(e.problem.find("leave out fan_count"), std::string::npos) << e.what();
}

TEST_F(BrokenLibrary, PassiveCardBreathesAlongItselfOutOfItsBracket) {
  {
    const int line = edit("gpus.toml", "cooler = \"passive\"\nexhaust = \"bracket\"",
                          "cooler = \"passive\"\nexhaust = \"case\"") +
                     1;
    const rt::ScenarioError e = load_error();
    EXPECT_EQ(e.line, line);
    EXPECT_EQ(e.key, "gpu.a100-pcie-40gb.exhaust");
    EXPECT_NE(e.problem.find("a passive card exhausts through its bracket"), std::string::npos)
        << e.what();
    edit("gpus.toml", "cooler = \"passive\"\nexhaust = \"case\"",
         "cooler = \"passive\"\nexhaust = \"bracket\"");
  }
  {
    const int line =
        edit("gpus.toml", "fin_flow = \"length\"\nfin_normal = \"height\"\nfin_pitch_mm = 2.0",
             "fin_flow = \"thickness\"\nfin_normal = \"height\"\nfin_pitch_mm = 2.0");
    const rt::ScenarioError e = load_error();
    EXPECT_EQ(e.line, line);
    EXPECT_EQ(e.key, "gpu.a100-pcie-40gb.fin_flow");
    EXPECT_NE(e.problem.find("expected \"length\""), std::string::npos) << e.what();
  }
}
