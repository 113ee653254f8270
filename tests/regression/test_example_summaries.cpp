// Every example, run by the `rigtherm` program for a fixed few iterations on
// a small grid, writes the summary.json it wrote before: the guard of issue
// 16's behaviour-preserving moves (reader, lowering, grid, solver, output
// protocol, all through the command line). Volatile entries (wall times,
// the scenario's path) are left out; numbers must agree to 1e-12. When a
// change of the answers is intended, regenerate with RT_REGENERATE=1 and
// commit the new files with a note on why they moved.
//
// Builds run on their preview grid (growth 2, the coarsest a user runs)
// without grid sequencing; one thread, so that sums add in one order.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace rt {
namespace {

namespace fs = std::filesystem;

struct Example {
  std::string name;      // the stored file's stem and the test's name
  std::string path;      // below examples/
  std::string settings;  // KEY.PATH=VALUE overrides
};

void PrintTo(const Example& e, std::ostream* os) { *os << e.path << " " << e.settings; }

const std::string kSteady = "solver.max_iterations=3";
const std::string kBuild = kSteady + " mesh.growth=2 mesh.preview_start=false";

std::vector<Example> examples() {
  std::vector<Example> out = {
      {"heated_cavity", "heated-cavity.toml", kSteady},
      {"stacked_cards_2d", "stacked-cards-2d.toml", kSteady},
      {"transient_block", "transient-block.toml",
       "solver.end_time_s=30 solver.output_interval_s=10 solver.iterations_per_step=5"},
      {"gap_rig", "gap-test/gap-rig.toml", kBuild},
  };
  for (const char* b :
       {"2080ti-plus-titan", "dual-titan-rtx", "minimal", "mixed-four-a", "mixed-four-b",
        "pair-adjacent", "pair-blower-adjacent", "pair-spaced", "passive-a100-stock",
        "passive-a100-tail-fan", "quad-3090-blower", "single-1080ti", "three-cards-x570"}) {
    std::string name = b;
    for (char& c : name)
      if (c == '-') c = '_';
    out.push_back({name, std::string("builds/") + b + ".toml", kBuild});
  }
  for (const char* b :
       {"gtx-1080-ti-fe-closed-case", "gtx-1080-ti-fe-open-bench", "gtx-1080-ti-fe-fan-3600rpm",
        "rtx-4090-fe-in-a-case", "two-3090-adjacent-poor-airflow"}) {
    std::string name = std::string("real_world_") + b;
    for (char& c : name)
      if (c == '-') c = '_';
    out.push_back({name, std::string("real-world/") + b + ".toml", kBuild});
  }
  return out;
}

// What may differ between two runs of the same code: how long they took and
// where the file was.
void drop_volatile(nlohmann::json& j) {
  if (j.is_object()) {
    j.erase("wall_time_s");
    j.erase("scenario");
    for (auto& [key, value] : j.items()) drop_volatile(value);
  } else if (j.is_array()) {
    for (auto& value : j) drop_volatile(value);
  }
}

void expect_same(const nlohmann::json& got, const nlohmann::json& want, const std::string& path) {
  if (want.is_number_float() || (want.is_number() && got.is_number_float())) {
    const double a = got.get<double>(), b = want.get<double>();
    EXPECT_NEAR(a, b, 1e-12 * std::fabs(b) + 1e-300) << path;
    return;
  }
  if (want.is_object() || want.is_array()) {
    ASSERT_EQ(got.type(), want.type()) << path;
    ASSERT_EQ(got.size(), want.size()) << path;
    if (want.is_object())
      for (auto it = want.begin(); it != want.end(); ++it) {
        ASSERT_TRUE(got.contains(it.key())) << path << "/" << it.key();
        expect_same(got.at(it.key()), it.value(), path + "/" + it.key());
      }
    else
      for (std::size_t i = 0; i < want.size(); ++i)
        expect_same(got.at(i), want.at(i), path + "[" + std::to_string(i) + "]");
    return;
  }
  EXPECT_EQ(got, want) << path;
}

class ExampleSummary : public ::testing::TestWithParam<Example> {};

TEST_P(ExampleSummary, IsWhatItWasBefore) {
  const Example& e = GetParam();
  const fs::path out = fs::path(RT_BINARY_DIR) / "example-summaries" / e.name;
  fs::remove_all(out);
  const std::string command = std::string("\"") + RT_RIGTHERM + "\" run \"" + RT_SOURCE_DIR +
                              "/examples/" + e.path + "\" " + e.settings + " -o \"" + out.string() +
                              "\" --threads 1 --quiet --no-pictures > \"" + out.string() +
                              ".log\" 2>&1";
  fs::create_directories(out.parent_path());
  const int status = std::system(command.c_str());
  std::ifstream in(out / "summary.json");
  ASSERT_TRUE(in) << "no summary.json (exit status " << status << "; " << out.string() << ".log)";
  nlohmann::json got = nlohmann::json::parse(in);
  drop_volatile(got);

  const std::string stored =
      std::string(RT_SOURCE_DIR) + "/tests/regression/examples/" + e.name + ".summary.json";
  if (std::getenv("RT_REGENERATE")) {
    std::ofstream(stored) << got.dump(1) << "\n";
    GTEST_SKIP() << "regenerated " << stored;
  }
  std::ifstream want_in(stored);
  ASSERT_TRUE(want_in) << "no stored " << stored << " (RT_REGENERATE=1 writes it)";
  expect_same(got, nlohmann::json::parse(want_in), e.name);
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleSummary, ::testing::ValuesIn(examples()),
                         [](const ::testing::TestParamInfo<Example>& i) { return i.param.name; });

}  // namespace
}  // namespace rt
