// io/: summary.json schema, atomic replacement, result.h5 round trip, the
// XDMF sidecar and the transient time series (summary.json, CSV).

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "geometry/grid.hpp"
#include "io/atomic_file.hpp"
#include "io/result_h5.hpp"
#include "io/summary_json.hpp"
#include "io/time_series_csv.hpp"
#include "mutation_test.hpp"
#include "scenarios/model/summary.hpp"

namespace fs = std::filesystem;

namespace {

// A fresh, empty directory per test, removed afterwards.
class IoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("rigtherm-test_io-") + info->name() + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // Names in the directory that look like leftovers of an atomic write.
  std::vector<std::string> temp_files() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) {
      const std::string n = e.path().filename().string();
      if (n.find(".tmp-") != std::string::npos) out.push_back(n);
    }
    return out;
  }

  fs::path dir_;
};

std::string read_all(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

rt::Summary sample_summary() {
  rt::Summary s;
  s.scenario = "examples/heated-cavity.toml";
  s.backend = "cpu";
  s.threads = 2;
  s.converged = true;
  s.stop_reason = "converged";
  s.iterations = 812;
  s.wall_time_s = 3.25;
  s.cells = {3, 4, 2};
  s.sources_W = 10.0;
  s.out_W = 9.98;
  s.energy_error_pct = 0.2;
  s.boundaries[1] = {9.98, 0.0};
  s.components.push_back({"chip", "block", 10.0, 61.5, 55.25});
  s.monitors.push_back({"probe", {0.01, 0.02, 0.003}, 31.5, {0.0, 0.25, -0.125}});
  s.convergence = {{1, 1.0, 1.0, 1.0}, {2, 0.5, 0.25, 0.125}, {3, 1e-6, 2e-6, 3e-6}};
  return s;
}

// Non-uniform grid (edges differ per axis) so that axis mix-ups show.
rt::Grid sample_grid(int nx, int ny, int nz) {
  rt::Grid g;
  const int n[3] = {nx, ny, nz};
  for (int a = 0; a < 3; ++a) {
    double x = 0;
    g.edges[a].push_back(x);
    for (int i = 0; i < n[a]; ++i) {
      x += 0.001 * (a + 1) * (1.0 + 0.1 * i);
      g.edges[a].push_back(x);
    }
  }
  return g;
}

rt::CellFields sample_fields(const rt::Grid& g) {
  rt::CellFields f;
  f.cells = {g.nx(), g.ny(), g.nz()};
  const std::size_t n = g.total_cells();
  f.T_C.resize(n);
  f.p_Pa.resize(n);
  f.U_m_s.resize(3 * n);
  f.material.resize(n);
  for (int k = 0; k < g.nz(); ++k) {
    for (int j = 0; j < g.ny(); ++j) {
      for (int i = 0; i < g.nx(); ++i) {
        const std::size_t c = i + static_cast<std::size_t>(g.nx()) * (j + g.ny() * k);
        f.T_C[c] = 20.0 + i + 0.01 * j + 1e-4 * k;
        f.p_Pa[c] = -0.5 * static_cast<double>(c);
        f.U_m_s[3 * c + 0] = i;
        f.U_m_s[3 * c + 1] = j;
        f.U_m_s[3 * c + 2] = k;
        f.material[c] = (i + j + k) % 3;
      }
    }
  }
  return f;
}

TEST_F(IoTest, SummaryJsonHasTheSchemaFields) {
  const nlohmann::json j = rt::summary_to_json(sample_summary());
  EXPECT_EQ(j.at("schema"), "rigtherm.summary/1");
  for (const char* key :
       {"scenario", "backend", "threads", "converged", "stop_reason", "iterations", "wall_time_s",
        "grid", "turbulence", "energy_balance", "boundaries", "components", "monitors"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_FALSE(j.contains("convergence")) << "residual history belongs in result.h5";
  EXPECT_EQ(j.at("grid").at("cells"), nlohmann::json::array({3, 4, 2}));
  EXPECT_EQ(j.at("grid").at("total"), 24);
  EXPECT_DOUBLE_EQ(j.at("energy_balance").at("sources_W").get<double>(), 10.0);
  EXPECT_DOUBLE_EQ(j.at("energy_balance").at("out_W").get<double>(), 9.98);
  EXPECT_DOUBLE_EQ(j.at("energy_balance").at("error_pct").get<double>(), 0.2);

  const nlohmann::json& b = j.at("boundaries");
  ASSERT_EQ(b.size(), 6u);
  for (const char* face : {"xmin", "xmax", "ymin", "ymax", "zmin", "zmax"}) {
    ASSERT_TRUE(b.contains(face)) << face;
    EXPECT_TRUE(b.at(face).contains("heat_out_W"));
    EXPECT_TRUE(b.at(face).contains("mass_out_kg_s"));
  }
  EXPECT_DOUBLE_EQ(b.at("xmax").at("heat_out_W").get<double>(), 9.98);

  ASSERT_EQ(j.at("components").size(), 1u);
  const nlohmann::json& c = j.at("components")[0];
  EXPECT_EQ(c.at("name"), "chip");
  EXPECT_EQ(c.at("kind"), "block");
  EXPECT_DOUBLE_EQ(c.at("power_W").get<double>(), 10.0);
  EXPECT_DOUBLE_EQ(c.at("T_max_C").get<double>(), 61.5);
  EXPECT_DOUBLE_EQ(c.at("T_mean_C").get<double>(), 55.25);

  ASSERT_EQ(j.at("monitors").size(), 1u);
  const nlohmann::json& m = j.at("monitors")[0];
  EXPECT_EQ(m.at("name"), "probe");
  EXPECT_EQ(m.at("position_m").size(), 3u);
  EXPECT_DOUBLE_EQ(m.at("T_C").get<double>(), 31.5);
  EXPECT_DOUBLE_EQ(m.at("U_m_s")[1].get<double>(), 0.25);
}

TEST_F(IoTest, SummaryJsonFileRoundTrips) {
  const rt::Summary s = sample_summary();
  const std::string p = path("summary.json");
  rt::write_summary_json(p, s);
  const nlohmann::json back = nlohmann::json::parse(read_all(p));
  EXPECT_EQ(back, rt::summary_to_json(s));
  EXPECT_EQ(back.at("iterations"), 812);
  EXPECT_EQ(back.at("converged"), true);
  EXPECT_TRUE(temp_files().empty());
  // The file keeps the schema's order for people reading it.
  EXPECT_EQ(read_all(p).rfind("{\n  \"schema\": \"rigtherm.summary/1\",\n", 0), 0u);
  EXPECT_EQ(read_all(p), rt::summary_json_text(s));
}

TEST_F(IoTest, SummaryJsonWritesNonFiniteAsNull) {
  rt::Summary s = sample_summary();
  s.out_W = std::numeric_limits<double>::quiet_NaN();
  s.components[0].T_max_C = std::numeric_limits<double>::infinity();
  const nlohmann::json j = nlohmann::json::parse(rt::summary_to_json(s).dump());
  EXPECT_TRUE(j.at("energy_balance").at("out_W").is_null());
  EXPECT_TRUE(j.at("components")[0].at("T_max_C").is_null());
}

// Fans with swirl carry its figures; fans without have no swirl keys at all.
TEST_F(IoTest, SummaryJsonSwirlKeysOnlyForSwirlingFans) {
  rt::Summary s = sample_summary();
  rt::FanSummary plain;
  plain.name = "plain";
  plain.flow_m3_s = 0.02;
  rt::FanSummary swirl = plain;
  swirl.name = "swirl";
  swirl.swirl_fraction = 0.5;
  swirl.swirl_torque_N_m = 4.9e-4;
  swirl.swirl_torque_ideal_N_m = 5.0e-4;
  s.fans = {plain, swirl};
  const nlohmann::json j = rt::summary_to_json(s);
  EXPECT_FALSE(j.at("fans")[0].contains("swirl_fraction"));
  EXPECT_FALSE(j.at("fans")[0].contains("swirl_torque_N_m"));
  EXPECT_EQ(j.at("fans")[1].at("swirl_fraction"), 0.5);
  EXPECT_EQ(j.at("fans")[1].at("swirl_torque_N_m"), 4.9e-4);
  EXPECT_EQ(j.at("fans")[1].at("swirl_torque_ideal_N_m"), 5.0e-4);
  const rt::Summary back = rt::summary_from_json(j);
  ASSERT_EQ(back.fans.size(), 2u);
  EXPECT_EQ(back.fans[0].swirl_fraction, 0.0);
  EXPECT_EQ(back.fans[1].swirl_fraction, 0.5);
  EXPECT_EQ(back.fans[1].swirl_torque_N_m, 4.9e-4);
  EXPECT_EQ(back.fans[1].swirl_torque_ideal_N_m, 5.0e-4);
}

// A transient run's summary: two samples of a block with a die model and
// of a monitor.
rt::Summary transient_summary() {
  rt::Summary s = sample_summary();
  s.transient = true;
  s.stop_reason = "end_time";
  s.time.scheme = "bdf2";
  s.time.time_step_s = 0.5;
  s.time.end_time_s = 1.0;
  s.time.time_s = 1.0;
  s.time.steps = 2;
  s.time.steps_planned = 2;
  s.time.stored_W = 0.75;
  s.components[0].has_die = true;
  s.components[0].has_throttle = true;
  s.components[0].throttle_C = 60.0;
  s.components[0].throttle_time_s = 0.8;
  s.time_series.time_s = {0.0, 1.0};
  s.time_series.step = {0, 2};
  s.time_series.iterations = {0, 7};
  s.time_series.components.push_back({"gpu, slot 1", {20.0, 40.5}, {20.0, 61.25}, {20.0, 70.0}});
  s.time_series.monitors.push_back({"probe", {20.0, 21.125}});
  return s;
}

TEST_F(IoTest, SummaryJsonTransientFields) {
  const nlohmann::json j = rt::summary_to_json(transient_summary());
  EXPECT_EQ(j.at("transient").at("scheme"), "bdf2");
  EXPECT_EQ(j.at("transient").at("steps"), 2);
  EXPECT_DOUBLE_EQ(j.at("transient").at("time_s").get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j.at("energy_balance").at("stored_W").get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(j.at("components")[0].at("throttle_time_s").get<double>(), 0.8);
  const nlohmann::json& ts = j.at("time_series");
  EXPECT_EQ(ts.at("time_s"), nlohmann::json::array({0.0, 1.0}));
  EXPECT_EQ(ts.at("iterations"), nlohmann::json::array({0, 7}));
  EXPECT_EQ(ts.at("components")[0].at("name"), "gpu, slot 1");
  EXPECT_DOUBLE_EQ(ts.at("components")[0].at("T_max_C")[1].get<double>(), 61.25);
  EXPECT_DOUBLE_EQ(ts.at("components")[0].at("T_die_C")[1].get<double>(), 70.0);
  EXPECT_DOUBLE_EQ(ts.at("monitors")[0].at("T_C")[1].get<double>(), 21.125);

  // A steady summary has none of them; a component that never throttled: null.
  const nlohmann::json steady = rt::summary_to_json(sample_summary());
  EXPECT_FALSE(steady.contains("transient"));
  EXPECT_FALSE(steady.contains("time_series"));
  EXPECT_FALSE(steady.at("energy_balance").contains("stored_W"));
  rt::Summary never = transient_summary();
  never.components[0].throttle_time_s = -1;
  EXPECT_TRUE(rt::summary_to_json(never).at("components")[0].at("throttle_time_s").is_null());
}

TEST_F(IoTest, TimeSeriesCsvHasOneRowPerSample) {
  const rt::Summary s = transient_summary();
  const std::string p = path("time_series.csv");
  rt::write_time_series_csv(p, s.time_series);
  EXPECT_EQ(read_all(p),
            "time_s,step,iterations,\"gpu, slot 1.T_mean_C\",\"gpu, slot 1.T_max_C\","
            "\"gpu, slot 1.T_die_C\",probe.T_C\n"
            "0,0,0,20,20,20,20\n"
            "1,2,7,40.5,61.25,70,21.125\n");
  EXPECT_TRUE(temp_files().empty());
}

TEST_F(IoTest, AtomicWriteReplacesContentAndLeavesNoTemp) {
  const std::string p = path("file.txt");
  rt::write_text_atomic(p, "old content, longer than the new one\n");
  EXPECT_EQ(read_all(p), "old content, longer than the new one\n");
  rt::write_text_atomic(p, "new\n");
  EXPECT_EQ(read_all(p), "new\n");
  EXPECT_TRUE(temp_files().empty());
  EXPECT_EQ(rt::atomic_temp_path(p), p + ".tmp-" + std::to_string(::getpid()));
}

TEST_F(IoTest, AtomicWriteFailureKeepsOldFileAndRemovesTemp) {
  const std::string p = path("file.txt");
  rt::write_text_atomic(p, "complete\n");
  EXPECT_THROW(rt::write_file_atomic(p,
                                     [](const std::string& tmp) {
                                       std::ofstream(tmp) << "half";
                                       throw std::runtime_error("interrupted");
                                     }),
               std::runtime_error);
  EXPECT_EQ(read_all(p), "complete\n");
  EXPECT_TRUE(temp_files().empty());
}

TEST_F(IoTest, ResultH5RoundTripsGridAndT) {
  const rt::Grid g = sample_grid(3, 4, 2);
  const rt::CellFields f = sample_fields(g);
  const std::string p = path("result.h5");
  if (!rt::result_h5_available()) {
    EXPECT_THROW(rt::write_result_h5(p, g, f, sample_summary(), "text", "{}"), std::runtime_error);
    GTEST_SKIP() << "built without HDF5";
  }
  const std::string scenario = "[domain]\nsize_m = [0.1, 0.1, 0.01]\n";
  rt::write_result_h5(p, g, f, sample_summary(), scenario, "{\"schema\": 1}");
  EXPECT_TRUE(temp_files().empty());

  const rt::ResultGridAndT r = rt::read_result_h5_grid_and_T(p);
  EXPECT_EQ(r.schema, "rigtherm.result/1");
  EXPECT_EQ(r.cells, (std::array<int, 3>{3, 4, 2}));
  for (int a = 0; a < 3; ++a) EXPECT_EQ(r.grid.edges[a], g.edges[a]) << "axis " << a;
  EXPECT_EQ(r.T_C, f.T_C);
}

// One damaged byte anywhere is refused before libhdf5 parses the file
// (io/file_seal.hpp); render's reader is tested the same way in test_viz.
TEST_F(IoTest, ResultH5WithADamagedByteIsRefusedWithoutACrash) {
  if (!rt::result_h5_available()) GTEST_SKIP() << "built without HDF5";
  const rt::Grid g = sample_grid(3, 4, 2);
  const std::string p = path("damaged.h5");
  rt::write_result_h5(p, g, sample_fields(g), sample_summary(), "scenario", "{}");
  ASSERT_NO_THROW(rt::read_result_h5_grid_and_T(p));
  rt::expect_every_mutant_refused(p, [&] { rt::read_result_h5_grid_and_T(p); });
}

TEST_F(IoTest, ResultH5LargeFieldsAreCompressedAndReadBack) {
  if (!rt::result_h5_available()) GTEST_SKIP() << "built without HDF5";
  const rt::Grid g = sample_grid(50, 41, 40);  // 82,000 cells: chunked + deflate
  const rt::CellFields f = sample_fields(g);
  const std::string p = path("big.h5");
  rt::write_result_h5(p, g, f, sample_summary(), "", "{}");
  const rt::ResultGridAndT r = rt::read_result_h5_grid_and_T(p);
  EXPECT_EQ(r.cells, (std::array<int, 3>{50, 41, 40}));
  EXPECT_EQ(r.T_C, f.T_C);
  // Smooth fields compress well below the raw size of T, p, U (5 doubles/cell).
  EXPECT_LT(fs::file_size(p), 5 * 8 * g.total_cells());
}

TEST_F(IoTest, ResultH5RejectsFieldsOfTheWrongSize) {
  const rt::Grid g = sample_grid(3, 4, 2);
  rt::CellFields f = sample_fields(g);
  f.T_C.pop_back();
  const std::string p = path("result.h5");
  EXPECT_ANY_THROW(rt::write_result_h5(p, g, f, sample_summary(), "", "{}"));
  EXPECT_FALSE(fs::exists(p));
  EXPECT_TRUE(temp_files().empty());
}

TEST_F(IoTest, XdmfNamesNodeDimensionsAndDatasets) {
  const rt::Grid g = sample_grid(3, 4, 2);  // nx 3, ny 4, nz 2
  const rt::CellFields f = sample_fields(g);
  const std::string xmf = path("result.xmf");
  rt::write_result_xdmf(xmf, path("result.h5"), g, f);
  const std::string x = read_all(xmf);
  EXPECT_TRUE(temp_files().empty());

  EXPECT_NE(x.find("TopologyType=\"3DRectMesh\" Dimensions=\"3 5 4\""), std::string::npos) << x;
  EXPECT_NE(x.find("GeometryType=\"VXVYVZ\""), std::string::npos);
  EXPECT_NE(x.find("Dimensions=\"4\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">"
                   "result.h5:/grid/x<"),
            std::string::npos)
      << x;
  EXPECT_NE(x.find("Dimensions=\"5\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">"
                   "result.h5:/grid/y<"),
            std::string::npos);
  EXPECT_NE(x.find("Dimensions=\"3\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">"
                   "result.h5:/grid/z<"),
            std::string::npos);
  EXPECT_NE(x.find("Dimensions=\"2 4 3\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">"
                   "result.h5:/fields/T<"),
            std::string::npos);
  EXPECT_NE(x.find("result.h5:/fields/p<"), std::string::npos);
  EXPECT_NE(x.find("Dimensions=\"2 4 3 3\" NumberType=\"Float\" Precision=\"8\" "
                   "Format=\"HDF\">result.h5:/fields/U<"),
            std::string::npos);
  EXPECT_NE(x.find("NumberType=\"Int\" Precision=\"4\" Format=\"HDF\">result.h5:/fields/material<"),
            std::string::npos);
  EXPECT_EQ(x.find("Center=\"Node\""), std::string::npos);
}

TEST_F(IoTest, XdmfAndH5DatasetPathsAgree) {
  if (!rt::result_h5_available()) GTEST_SKIP() << "built without HDF5";
  const rt::Grid g = sample_grid(2, 3, 4);
  const rt::CellFields f = sample_fields(g);
  fs::create_directories(dir_ / "sub");
  const std::string h5 = path("sub/result.h5");
  rt::write_result_h5(h5, g, f, rt::Summary{}, "", "{}");  // empty residual history too
  // The sidecar one level up refers to the file relative to itself.
  rt::write_result_xdmf(path("view.xmf"), h5, g, f);
  const std::string x = read_all(path("view.xmf"));
  EXPECT_NE(x.find(">sub/result.h5:/fields/T<"), std::string::npos) << x;
  EXPECT_NE(x.find("Dimensions=\"5 4 3\""), std::string::npos) << x;
}

}  // namespace
