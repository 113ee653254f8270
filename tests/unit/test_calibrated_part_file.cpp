// A calibrated card's part file (scenarios/builds/calibration/
// part_file_writer.hpp) read back by the parts library from an extra folder;
// extra parts folders on top of the library (PartsLibrary::load with
// extra_dirs, RIGTHERM_PARTS_EXTRA, a build's [parts] path): ids new to the
// library are usable by builds, ids it has are refused.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/calibration/part_file_writer.hpp"
#include "scenarios/builds/parts_library.hpp"
#include "scenarios/model/model.hpp"
#include "scenarios/model/scenario_error.hpp"
#include "synthetic_nvidia_smi_log.hpp"

namespace {

namespace fs = std::filesystem;
using rt::kCelsiusToKelvin;

const std::string kPartsDir = std::string(RT_SOURCE_DIR) + "/scenarios/builds/parts";

const rt::PartsLibrary& library() {
  static const rt::PartsLibrary lib = rt::PartsLibrary::load(kPartsDir);
  return lib;
}

class CalibratedPartFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rt-calibrated-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "my-parts");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const fs::path& p, const std::string& text) { std::ofstream(dir_ / p) << text; }
  std::string calibrated_text(const std::string& id) {
    const rt::test::SyntheticCard truth;
    const rt::NvidiaSmiLog log =
        rt::parse_nvidia_smi_log(rt::test::synthetic_log(truth), "synthetic.csv");
    fit_ = rt::fit_die_model(log, library().gpu("gtx-1080-ti-fe"),
                             rt::SolvedFlowCurve({{truth.T_in_C + kCelsiusToKelvin,
                                                   truth.Q_solved_m3_s, truth.s_solved}}));
    return rt::calibrated_gpu_toml(
        library(), library().gpu("gtx-1080-ti-fe"), id, fit_,
        {"synthetic.csv", "build.toml", "the run in out/", "2026-12-05"});
  }
  fs::path dir_;
  rt::DieModelFit fit_;
};

TEST_F(CalibratedPartFile, ReadsBackAsTheLibraryCardWithTheFittedValues) {
  write("my-parts/mine.toml", calibrated_text("gtx-1080-ti-mine"));
  const rt::PartsLibrary lib = rt::PartsLibrary::load(kPartsDir, {(dir_ / "my-parts").string()});
  const rt::GpuModel& lib_card = lib.gpu("gtx-1080-ti-fe");
  const rt::GpuModel& card = lib.gpu("gtx-1080-ti-mine");
  // Fitted: written with 4 significant digits.
  EXPECT_NEAR(card.thermal.R_ref_K_W / fit_.R_ref_K_W, 1.0, 1e-3);
  EXPECT_NEAR(card.thermal.exponent / fit_.exponent, 1.0, 1e-3);
  EXPECT_DOUBLE_EQ(card.thermal.Q_ref_m3_s, lib_card.thermal.Q_ref_m3_s);
  ASSERT_EQ(card.fan_control.T_K().size(), fit_.fan_control.T_K().size());
  for (std::size_t i = 0; i < card.fan_control.T_K().size(); ++i) {
    EXPECT_NEAR(card.fan_control.T_K()[i], fit_.fan_control.T_K()[i], 1e-3);
    EXPECT_NEAR(card.fan_control.fraction()[i], fit_.fan_control.fraction()[i], 1e-3);
  }
  // Everything else is the library card's.
  EXPECT_DOUBLE_EQ(card.length_m, lib_card.length_m);
  EXPECT_DOUBLE_EQ(card.tdp_W, lib_card.tdp_W);
  EXPECT_EQ(card.fan.flow_m3_s(), lib_card.fan.flow_m3_s());
  EXPECT_EQ(card.fan.pressure_Pa(), lib_card.fan.pressure_Pa());
  EXPECT_DOUBLE_EQ(card.heatsink.pitch_m, lib_card.heatsink.pitch_m);
  EXPECT_EQ(lib.fields(card.info).size(), lib.fields(lib_card.info).size());
  // Its sources: the log and the date; the fitted keys are no longer estimates.
  EXPECT_NE(card.info.source.find("synthetic.csv on 2026-12-05"), std::string::npos);
  EXPECT_FALSE(card.info.is_estimated("R_ref_K_W"));
  EXPECT_FALSE(card.info.is_estimated("fan_control_pct"));
  EXPECT_TRUE(card.info.is_estimated("Q_ref_m3_s"));
  EXPECT_NE(card.info.note.find("±"), std::string::npos);
  EXPECT_NE(card.info.file.find("mine.toml"), std::string::npos);
}

TEST_F(CalibratedPartFile, AnIdTheLibraryHasIsRefused) {
  write("my-parts/clash.toml", calibrated_text("gtx-1080-ti-fe"));
  try {
    rt::PartsLibrary::load(kPartsDir, {(dir_ / "my-parts").string()});
    FAIL() << "loaded";
  } catch (const rt::ScenarioError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("clash.toml:"), std::string::npos) << what;
    EXPECT_NE(what.find("id already used by gpu.gtx-1080-ti-fe (" + kPartsDir + "/gpus.toml:"),
              std::string::npos)
        << what;
  }
  // Also across families: a GPU named as a case.
  fs::remove(dir_ / "my-parts/clash.toml");
  write("my-parts/clash.toml", calibrated_text("fractal-meshify-c"));
  EXPECT_THROW(rt::PartsLibrary::load(kPartsDir, {(dir_ / "my-parts").string()}),
               rt::ScenarioError);
}

TEST_F(CalibratedPartFile, AnExtraFolderRefusesTablesOfNoFamily) {
  write("my-parts/odd.toml", "[graphics.my-card]\nname = \"x\"\n");
  try {
    rt::PartsLibrary::load(kPartsDir, {(dir_ / "my-parts").string()});
    FAIL() << "loaded";
  } catch (const rt::ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("odd.toml:1: key 'graphics': unknown table"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(rt::PartsLibrary::load(kPartsDir, {(dir_ / "missing").string()}), rt::ScenarioError);
}

TEST_F(CalibratedPartFile, ABuildNamesItThroughItsPartsPath) {
  write("my-parts/mine.toml", calibrated_text("gtx-1080-ti-mine"));
  const std::string build =
      "[case]\nmodel = \"fractal-meshify-c\"\n\n[parts]\npath = "
      "\"my-parts\"\n\n[[gpu]]\nslot = 1\nmodel = \"gtx-1080-ti-mine\"\n";
  write("build.toml", build);
  const std::string path = (dir_ / "build.toml").string();
  const rt::BuildScenario s = rt::parse_build_scenario(build, path);
  ASSERT_EQ(s.gpus.size(), 1u);
  EXPECT_EQ(s.gpus[0].model.info.id, "gtx-1080-ti-mine");
  EXPECT_NEAR(s.gpus[0].model.thermal.R_ref_K_W / fit_.R_ref_K_W, 1.0, 1e-3);
  // Without the key the id is unknown; a folder that is not there is named.
  std::string without = build;
  without.replace(without.find("[parts]"), std::string("[parts]\npath = \"my-parts\"\n").size(),
                  "");
  EXPECT_THROW(rt::parse_build_scenario(without, path), rt::ScenarioError);
  std::string missing = build;
  missing.replace(missing.find("\"my-parts\""), 10, "\"elsewhere\"");
  try {
    rt::parse_build_scenario(missing, path);
    FAIL() << "parsed";
  } catch (const rt::ScenarioError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("key 'parts.path'"), std::string::npos) << what;
    EXPECT_NE(what.find("elsewhere not found"), std::string::npos) << what;
  }
}

TEST_F(CalibratedPartFile, RigthermPartsExtraAddsFolders) {
  write("my-parts/mine.toml", calibrated_text("gtx-1080-ti-mine"));
  fs::create_directories(dir_ / "more");
  const std::string list = (dir_ / "my-parts").string() + ":" + (dir_ / "more").string();
  ::setenv("RIGTHERM_PARTS_EXTRA", list.c_str(), 1);
  const std::vector<std::string> dirs = rt::PartsLibrary::default_extra_dirs();
  const rt::PartsLibrary lib = rt::PartsLibrary::load_default();
  ::unsetenv("RIGTHERM_PARTS_EXTRA");
  ASSERT_EQ(dirs.size(), 2u);
  EXPECT_EQ(lib.extra_dirs().size(), 2u);
  EXPECT_EQ(lib.gpu("gtx-1080-ti-mine").info.id, "gtx-1080-ti-mine");
  EXPECT_TRUE(rt::PartsLibrary::default_extra_dirs().empty());
}

TEST(PartFileWriter, QuotesStrings) {
  EXPECT_EQ(rt::toml_quoted("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
}

}  // namespace
