// result.h5 layout (issue 5): every dataset of DESIGN.md's layout is there
// with its units, the parts table names what /fields/part numbers, the file
// reads back as written, the XDMF sidecar's dimensions and dataset paths
// match the HDF5 file, and a truncated or damaged result is refused.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "geometry/grid.hpp"
#include "io/h5_file.hpp"
#include "io/result_h5.hpp"
#include "io/summary_json.hpp"
#include "scenarios/model/model.hpp"
#include "scenarios/model/summary.hpp"

#ifdef RT_HAVE_HDF5
#include <hdf5.h>
#endif

namespace fs = std::filesystem;

namespace rt {
namespace {

std::string read_all(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_all(const std::string& p, const std::string& content) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << content;
}

class ResultFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!result_h5_available()) GTEST_SKIP() << "built without HDF5";
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("rigtherm-test_result_files-") + info->name() +
                                        "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

// A model with every kind of part: two blocks, a porous block with a die
// model and one without, a fan and a vent; its grid is 6 x 4 x 3 cells
// (non-uniform so that axis mix-ups show), materials painted by hand.
struct Sample {
  Model model;
  Grid grid;
  CellFields fields;
  Summary summary;
};

Sample sample() {
  Sample s;
  Model& m = s.model;
  m.blocks.push_back({"chip", {0.0, 0.0, 0.0}, {0.01, 0.01, 0.01}, 150, 2330, 700, 10.0});
  m.blocks.push_back({"vrm", {0.02, 0.0, 0.0}, {0.03, 0.01, 0.01}, 20, 2000, 800, 2.0});
  PorousBlock fins;
  fins.name = "gpu0.fins";
  fins.min_m = {0.0, 0.02, 0.0};
  fins.max_m = {0.02, 0.03, 0.02};
  fins.power_W = 300;
  fins.die_resistance_K_W = 0.1;
  fins.throttle_K = 83.0 + kCelsiusToKelvin;
  m.porous.push_back(fins);
  PorousBlock plain;
  plain.name = "psu.fins";
  plain.min_m = {0.04, 0.02, 0.0};
  plain.max_m = {0.05, 0.03, 0.02};
  plain.power_W = 30;
  m.porous.push_back(plain);
  Fan fan;
  fan.name = "front1";
  fan.min_m = {0.0, 0.0, 0.0};
  fan.max_m = {0.0, 0.03, 0.03};
  fan.speed_fraction = 0.8;
  m.fans.push_back(fan);
  Vent vent;
  vent.name = "rear grille";
  vent.min_m = {0.06, 0.0, 0.0};
  vent.max_m = {0.06, 0.03, 0.03};
  m.vents.push_back(vent);
  Monitor a, b;
  a.name = "inlet";
  b.name = "exhaust";
  m.monitors = {a, b};

  const int n[3] = {6, 4, 3};
  for (int ax = 0; ax < 3; ++ax) {
    double x = 0;
    s.grid.edges[ax].push_back(x);
    for (int i = 0; i < n[ax]; ++i)
      s.grid.edges[ax].push_back(x += 0.001 * (ax + 1) * (1 + 0.1 * i));
  }
  CellFields& f = s.fields;
  f.cells = {6, 4, 3};
  const std::size_t cells = s.grid.total_cells();
  for (std::size_t c = 0; c < cells; ++c) {
    f.T_C.push_back(20.0 + 0.5 * c);
    f.p_Pa.push_back(-0.25 * c);
    for (int ax = 0; ax < 3; ++ax) f.U_m_s.push_back(0.01 * c + ax);
    const int i = static_cast<int>(c % 6);
    f.material.push_back(i == 0 ? 1 : i == 1 ? 2 : i == 3 ? -1 : i == 4 ? -2 : 0);
  }

  Summary& sm = s.summary;
  sm.scenario = "sample.toml";
  sm.cells = {6, 4, 3};
  sm.iterations = 3;
  sm.components.push_back({"chip", "block", 10.0, 61.5, 55.25});
  sm.components.push_back({"vrm", "block", 2.0, 41.0, 40.5});
  ComponentSummary gpu{"gpu0.fins", "porous", 250.0, 70.0, 60.0};
  gpu.has_die = true;
  gpu.T_die_C = 83.0;
  gpu.flow_m3_s = 0.004;
  gpu.has_throttle = true;
  gpu.throttle_C = 83.0;
  sm.components.push_back(gpu);
  sm.components.push_back({"psu.fins", "porous", 30.0, 45.0, 35.0});
  sm.fans.push_back({"front1", 0.021, 12.4, 80.0, false});
  VentSummary vs;
  vs.name = "rear grille";
  vs.flow_m3_s = 0.02;
  sm.vents.push_back(vs);
  sm.monitors.push_back({"inlet", {0, 0, 0}, 25.0, {0, 0, 0}});
  sm.monitors.push_back({"exhaust", {0, 0, 0}, 40.0, {0, 0, 0}});
  sm.convergence = {{1, 1.0, 1.0, 1.0}, {2, 0.5, 0.25, 0.125}, {3, 1e-6, 2e-6, 3e-6}};
  sm.monitor_history_C = {{25.0, 30.0}, {25.0, 35.0}, {25.0, 40.0}};
  return s;
}

// Writes the sample's result.h5 and result.xmf in dir; returns the h5 path.
std::string write_sample(const Sample& s, const fs::path& dir) {
  const std::string h5 = (dir / "result.h5").string();
  const std::vector<ResultPart> parts = result_parts(s.model, s.summary);
  write_result_h5(h5, s.grid, s.fields, s.summary, "[domain]\n# the scenario\n",
                  summary_json_text(s.summary), parts);
  write_result_xdmf((dir / "result.xmf").string(), h5, s.grid, s.fields, parts);
  return h5;
}

#ifdef RT_HAVE_HDF5
// Every dataset in the file with its shape and units attribute ("<none>").
struct DatasetInfo {
  std::vector<std::size_t> dims;
  std::string units;
};

herr_t visit(hid_t obj, const char* name, const H5O_info_t* info, void* out) {
  if (info->type != H5O_TYPE_DATASET) return 0;
  auto& map = *static_cast<std::map<std::string, DatasetInfo>*>(out);
  DatasetInfo d;
  const hid_t dset = H5Dopen2(obj, name, H5P_DEFAULT);
  const hid_t space = H5Dget_space(dset);
  std::vector<hsize_t> dims(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  d.dims.assign(dims.begin(), dims.end());
  d.units = "<none>";
  if (H5Aexists(dset, "units") > 0) {
    const hid_t attr = H5Aopen(dset, "units", H5P_DEFAULT);
    const hid_t type = H5Aget_type(attr);
    char* text = nullptr;
    if (H5Tis_variable_str(type) > 0 && H5Aread(attr, type, &text) >= 0 && text != nullptr) {
      d.units = text;
      H5free_memory(text);
    }
    H5Tclose(type);
    H5Aclose(attr);
  }
  H5Sclose(space);
  H5Dclose(dset);
  map["/" + std::string(name)] = d;
  return 0;
}

std::map<std::string, DatasetInfo> datasets(const std::string& file) {
  std::map<std::string, DatasetInfo> out;
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  EXPECT_GE(f, 0);
  H5Ovisit(f, H5_INDEX_NAME, H5_ITER_NATIVE, visit, &out);
  H5Fclose(f);
  return out;
}
#endif

TEST_F(ResultFilesTest, LayoutHasEveryDatasetWithItsUnits) {
#ifdef RT_HAVE_HDF5
  const Sample s = sample();
  const std::map<std::string, DatasetInfo> d = datasets(write_sample(s, dir_));
  const std::vector<std::size_t> cells = {3, 4, 6}, parts = {6};
  const std::map<std::string, std::pair<std::vector<std::size_t>, std::string>> expected = {
      {"/grid/x", {{7}, "m"}},
      {"/grid/y", {{5}, "m"}},
      {"/grid/z", {{4}, "m"}},
      {"/fields/T", {cells, "degC"}},
      {"/fields/p", {cells, "Pa"}},
      {"/fields/U", {{3, 4, 6, 3}, "m/s"}},
      {"/fields/material", {cells, "1"}},
      {"/fields/part", {cells, "1"}},
      {"/fields/T_die", {cells, "degC"}},
      {"/parts/name", {parts, "1"}},
      {"/parts/kind", {parts, "1"}},
      {"/parts/min_m", {{6, 3}, "m"}},
      {"/parts/max_m", {{6, 3}, "m"}},
      {"/parts/material", {parts, "1"}},
      {"/parts/power_W", {parts, "W"}},
      {"/parts/full_power_W", {parts, "W"}},
      {"/parts/T_max_C", {parts, "degC"}},
      {"/parts/T_mean_C", {parts, "degC"}},
      {"/parts/T_die_C", {parts, "degC"}},
      {"/parts/throttle_C", {parts, "degC"}},
      {"/parts/flow_m3_s", {parts, "m3/s"}},
      {"/parts/pressure_Pa", {parts, "Pa"}},
      {"/parts/speed_pct", {parts, "%"}},
      {"/convergence", {{3, 4}, "1"}},
      {"/convergence_monitors", {{3, 2}, "degC"}},
  };
  for (const auto& [name, want] : expected) {
    const auto it = d.find(name);
    ASSERT_NE(it, d.end()) << "missing " << name;
    EXPECT_EQ(it->second.dims, want.first) << name;
    EXPECT_EQ(it->second.units, want.second) << name;
  }
  for (const auto& [name, info] : d)
    EXPECT_TRUE(expected.count(name)) << "dataset not in the documented layout: " << name;

  h5::Reader r(path("result.h5"), "result");
  EXPECT_EQ(r.attribute("/", "schema"), "rigtherm.result/1");
  EXPECT_EQ(r.attribute("/", "scenario"), "[domain]\n# the scenario\n");
  EXPECT_EQ(r.attribute("/", "summary"), summary_json_text(s.summary));
  EXPECT_EQ(r.attribute_strings("/convergence_monitors", "columns"),
            (std::vector<std::string>{"inlet", "exhaust"}));
#else
  GTEST_SKIP() << "built without HDF5";
#endif
}

TEST_F(ResultFilesTest, ReadsBackWhatWasWritten) {
  const Sample s = sample();
  const ResultFile r = read_result_h5(write_sample(s, dir_));
  EXPECT_EQ(r.schema, kResultSchema);
  EXPECT_EQ(r.scenario_text, "[domain]\n# the scenario\n");
  EXPECT_EQ(r.summary_json, summary_json_text(s.summary));
  for (int a = 0; a < 3; ++a) EXPECT_EQ(r.grid.edges[a], s.grid.edges[a]);
  EXPECT_EQ(r.fields.cells, s.fields.cells);
  EXPECT_EQ(r.fields.T_C, s.fields.T_C);
  EXPECT_EQ(r.fields.p_Pa, s.fields.p_Pa);
  EXPECT_EQ(r.fields.U_m_s, s.fields.U_m_s);
  EXPECT_EQ(r.fields.material, s.fields.material);

  // The parts table: blocks, porous blocks, fans, vents, in model order.
  ASSERT_EQ(r.parts.size(), 6u);
  const char* names[] = {"chip", "vrm", "gpu0.fins", "psu.fins", "front1", "rear grille"};
  const char* kinds[] = {"block", "block", "porous", "porous", "fan", "vent"};
  const std::int32_t materials[] = {1, 2, -1, -2, 0, 0};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(r.parts[i].name, names[i]);
    EXPECT_EQ(r.parts[i].kind, kinds[i]);
    EXPECT_EQ(r.parts[i].material, materials[i]);
  }
  EXPECT_EQ(r.parts[2].min_m, (std::array<double, 3>{0.0, 0.02, 0.0}));
  EXPECT_EQ(r.parts[2].max_m, (std::array<double, 3>{0.02, 0.03, 0.02}));
  EXPECT_EQ(r.parts[2].power_W, 250.0);  // throttled
  EXPECT_EQ(r.parts[2].full_power_W, 300.0);
  EXPECT_EQ(r.parts[2].T_die_C, 83.0);
  EXPECT_DOUBLE_EQ(r.parts[2].throttle_C, 83.0);
  EXPECT_TRUE(std::isnan(r.parts[3].T_die_C)) << "no die model";
  EXPECT_EQ(r.parts[0].T_max_C, 61.5);
  EXPECT_EQ(r.parts[4].flow_m3_s, 0.021);
  EXPECT_EQ(r.parts[4].pressure_Pa, 12.4);
  EXPECT_EQ(r.parts[4].speed_pct, 80.0);
  EXPECT_TRUE(std::isnan(r.parts[4].power_W));
  EXPECT_EQ(r.parts[5].flow_m3_s, 0.02);

  // /fields/part names each cell's part; T_die only on the die model's cells.
  ASSERT_EQ(r.part.size(), s.fields.material.size());
  ASSERT_EQ(r.T_die_C.size(), s.fields.material.size());
  for (std::size_t c = 0; c < r.part.size(); ++c) {
    const std::int32_t m = s.fields.material[c];
    if (m == 0) {
      EXPECT_EQ(r.part[c], -1) << c;
    } else {
      ASSERT_GE(r.part[c], 0) << c;
      EXPECT_EQ(r.parts[static_cast<std::size_t>(r.part[c])].material, m) << c;
    }
    if (m == -1) {
      EXPECT_EQ(r.T_die_C[c], 83.0) << c;
    } else {
      EXPECT_TRUE(std::isnan(r.T_die_C[c])) << c;
    }
  }

  ASSERT_EQ(r.convergence.size(), 3u);
  EXPECT_EQ(r.convergence[2].iteration, 3);
  EXPECT_EQ(r.convergence[2].energy, 3e-6);
  EXPECT_EQ(r.monitor_names, (std::vector<std::string>{"inlet", "exhaust"}));
  EXPECT_EQ(r.monitor_history_C, s.summary.monitor_history_C);
}

TEST_F(ResultFilesTest, WithoutPartsThereIsNoPartField) {
  Sample s = sample();
  const std::string h5 = path("result.h5");
  write_result_h5(h5, s.grid, s.fields, s.summary, "", "{}");
  const ResultFile r = read_result_h5(h5);
  EXPECT_TRUE(r.parts.empty());
  EXPECT_TRUE(r.part.empty());
  EXPECT_TRUE(r.T_die_C.empty());
  write_result_xdmf(path("result.xmf"), h5, s.grid, s.fields);
  EXPECT_EQ(read_all(path("result.xmf")).find("/fields/part"), std::string::npos);
}

// Every DataItem of the sidecar names a dataset of the HDF5 file, relative
// to the sidecar, with the file's shape; the topology has one more node than
// cells per axis.
TEST_F(ResultFilesTest, XdmfDimensionsAndPathsMatchTheHdf5File) {
  const Sample s = sample();
  fs::create_directories(dir_ / "run");
  const std::string h5 = (dir_ / "run" / "result.h5").string();
  const std::vector<ResultPart> parts = result_parts(s.model, s.summary);
  write_result_h5(h5, s.grid, s.fields, s.summary, "", "{}", parts);
  write_result_xdmf(path("view.xmf"), h5, s.grid, s.fields, parts);
  const std::string x = read_all(path("view.xmf"));

  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      x, m, std::regex("TopologyType=\"3DRectMesh\" Dimensions=\"(\\d+) (\\d+) (\\d+)\"")));
  const ResultFile r = read_result_h5(h5);
  EXPECT_EQ(std::stoul(m[1]), r.grid.edges[2].size());
  EXPECT_EQ(std::stoul(m[2]), r.grid.edges[1].size());
  EXPECT_EQ(std::stoul(m[3]), r.grid.edges[0].size());

  h5::Reader reader(h5, "result");
  const std::regex item(
      "<DataItem Dimensions=\"([0-9 ]+)\" NumberType=\"(\\w+)\" Precision=\"(\\d)\" "
      "Format=\"HDF\">([^:<]+):([^<]+)</DataItem>");
  std::set<std::string> named;
  for (auto it = std::sregex_iterator(x.begin(), x.end(), item); it != std::sregex_iterator();
       ++it) {
    const std::smatch& d = *it;
    EXPECT_EQ(d[4].str(), "run/result.h5");
    const std::string dataset = d[5];
    named.insert(dataset);
    ASSERT_TRUE(reader.exists(dataset)) << dataset;
    std::vector<std::size_t> dims;
    if (d[2] == "Int") {
      EXPECT_EQ(d[3], "4") << dataset;
      reader.ints(dataset, &dims);
    } else {
      EXPECT_EQ(d[2], "Float") << dataset;
      EXPECT_EQ(d[3], "8") << dataset;
      reader.doubles(dataset, &dims);
    }
    std::ostringstream shape;
    for (std::size_t i = 0; i < dims.size(); ++i) shape << (i ? " " : "") << dims[i];
    EXPECT_EQ(d[1].str(), shape.str()) << dataset;
  }
  EXPECT_EQ(named, (std::set<std::string>{"/grid/x", "/grid/y", "/grid/z", "/fields/T", "/fields/p",
                                          "/fields/U", "/fields/material", "/fields/part",
                                          "/fields/T_die"}));
}

std::string read_error(const std::string& p) {
  try {
    read_result_h5(p);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST_F(ResultFilesTest, TruncatedOrDamagedResultIsRefused) {
  const Sample s = sample();
  const std::string h5 = write_sample(s, dir_);
  const std::string whole = read_all(h5);
  ASSERT_EQ(read_error(h5), "");
  for (double keep : {0.0, 0.3, 0.7, 0.99}) {
    write_all(h5, whole.substr(0, static_cast<std::size_t>(keep * whole.size())));
    EXPECT_NE(read_error(h5).find("truncated, damaged or not HDF5"), std::string::npos)
        << keep << ": " << read_error(h5);
  }
  // One bit of a temperature, of the scenario text, of a part's name: the
  // Fletcher-32 filter or the checksum notices.
  const auto bytes = [](const std::vector<double>& v, std::size_t i) {
    return std::string(reinterpret_cast<const char*>(&v[i]), 2 * sizeof(double));
  };
  for (const std::string& needle :
       {bytes(s.fields.T_C, 40), std::string("# the scenario"), std::string("rear grille")}) {
    std::string damaged = whole;
    const std::size_t at = damaged.find(needle);
    ASSERT_NE(at, std::string::npos);
    damaged[at + 3] = static_cast<char>(damaged[at + 3] ^ 0x04);
    write_all(h5, damaged);
    const std::string e = read_error(h5);
    EXPECT_NE(e.find("damaged"), std::string::npos) << e;
  }
}

// Issue 17, point 5: a sealed, checksummed file whose shapes disagree (as a
// foreign writer or an edited-and-resealed file can make) is refused with
// the dataset named, from the headers, before any field is read; render,
// sweep --collect and the tests all read through read_result_h5.
TEST_F(ResultFilesTest, ShapesAreCheckedAgainstTheGridBeforeReading) {
  if (!result_h5_available()) GTEST_SKIP() << "built without HDF5";
  const auto write = [&](const std::vector<std::size_t>& x_edges,
                         const std::vector<std::size_t>& t_dims) {
    const std::string p = (dir_ / "shapes.h5").string();
    h5::Writer w(p, p);
    w.attribute("/", "schema", kResultSchema);
    w.attribute("/", "scenario", "");
    w.attribute("/", "summary", "{}");
    w.group("/grid");
    w.group("/fields");
    const std::vector<double> values(64, 1.0);
    w.doubles("/grid/x", x_edges, values.data(), "m");
    w.doubles("/grid/y", {3}, values.data(), "m");
    w.doubles("/grid/z", {2}, values.data(), "m");
    std::size_t n = 1;
    for (std::size_t d : t_dims) n *= d;
    const std::vector<double> T(n, 30.0);
    w.doubles("/fields/T", t_dims, T.data(), "degC");
    w.close();
    return read_error(p);
  };
  // Grid 3 x 2 x 1 cells: /fields/T is [z][y][x] = [1][2][3].
  EXPECT_NE(write({4}, {1, 2, 3}).find("/convergence"), std::string::npos)
      << "the right shapes pass the shape checks";
  EXPECT_NE(write({4}, {1, 3, 2}).find("/fields/T does not have the shape of the grid"),
            std::string::npos);
  EXPECT_NE(write({4}, {6}).find("/fields/T does not have the shape of the grid"),
            std::string::npos);
  EXPECT_NE(write({2, 2}, {1, 2, 1}).find("/grid/x is not a list of 2 to"), std::string::npos);
  EXPECT_NE(write({1}, {1, 2, 0}).find("/grid/x is not a list of 2 to"), std::string::npos);
}

}  // namespace
}  // namespace rt
