// Stored small results at tight tolerance: any change to the numerics shows
// up here even when the validation tolerances would hide it. When a change
// is intended, regenerate with RT_REGENERATE=1 and commit the new files
// with a note on why the numbers moved.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "geometry/snapped_grid.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "solver/diagnostics.hpp"
#include "solver/steady_solver.hpp"

namespace rt {
namespace {

nlohmann::json fingerprint(const std::string& case_name) {
  const Model model =
      load_scenario(std::string(RT_SOURCE_DIR) + "/tests/regression/cases/" + case_name + ".toml");
  const Grid grid = make_grid(model);
  SteadySolver solver(model, grid, SimplecSettings{});
  const Summary s = solver.solve(RunOptions{});
  const CellFields f = cell_fields(solver.state());
  double T_sum = 0.0, T_sq = 0.0, speed_sum = 0.0;
  for (std::size_t c = 0; c < f.T_C.size(); ++c) {
    T_sum += f.T_C[c];
    T_sq += f.T_C[c] * f.T_C[c];
    speed_sum +=
        std::sqrt(f.U_m_s[3 * c] * f.U_m_s[3 * c] + f.U_m_s[3 * c + 1] * f.U_m_s[3 * c + 1] +
                  f.U_m_s[3 * c + 2] * f.U_m_s[3 * c + 2]);
  }
  nlohmann::json j;
  j["cells"] = {grid.nx(), grid.ny(), grid.nz()};
  j["iterations"] = s.iterations;
  j["final_residuals"] = {s.convergence.back().mass, s.convergence.back().momentum,
                          s.convergence.back().energy};
  j["T_sum_C"] = T_sum;
  j["T_rms_C"] = std::sqrt(T_sq / f.T_C.size());
  j["speed_sum_m_s"] = speed_sum;
  for (int face = 0; face < 6; ++face) j["heat_out_W"].push_back(s.boundaries[face].heat_out_W);
  for (const auto& c : s.components) j["T_max_C"][c.name] = c.T_max_C;
  for (const auto& m : s.monitors) j["monitor_T_C"][m.name] = m.T_C;
  return j;
}

// Relative agreement, with an absolute floor for numbers that are ~0.
void expect_close(const nlohmann::json& got, const nlohmann::json& want, const std::string& path) {
  if (want.is_number()) {
    const double a = got.get<double>(), b = want.get<double>();
    EXPECT_NEAR(a, b, 1e-7 * std::fabs(b) + 1e-12) << path;
    return;
  }
  if (want.is_array() || want.is_object()) {
    ASSERT_EQ(got.size(), want.size()) << path;
    for (auto it = want.begin(); it != want.end(); ++it) {
      const std::string key =
          want.is_object() ? it.key() : std::to_string(std::distance(want.begin(), it));
      const nlohmann::json& g =
          want.is_object() ? got.at(it.key()) : got.at(std::distance(want.begin(), it));
      expect_close(g, it.value(), path + "/" + key);
    }
  }
}

class Regression : public ::testing::TestWithParam<std::string> {};

TEST_P(Regression, MatchesStoredResult) {
  const std::string name = GetParam();
  const std::string stored =
      std::string(RT_SOURCE_DIR) + "/tests/regression/expected/" + name + ".json";
  const nlohmann::json got = fingerprint(name);
  if (std::getenv("RT_REGENERATE")) {
    std::ofstream(stored) << got.dump(2) << "\n";
    GTEST_SKIP() << "regenerated " << stored;
  }
  std::ifstream in(stored);
  ASSERT_TRUE(in) << "no stored result " << stored << " (run with RT_REGENERATE=1)";
  const nlohmann::json want = nlohmann::json::parse(in);
  std::cout << name << ": " << got.dump() << "\n";
  expect_close(got, want, name);
}

INSTANTIATE_TEST_SUITE_P(Stored, Regression, ::testing::Values("ventilated-chip", "snapped-cavity"),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

}  // namespace
}  // namespace rt
