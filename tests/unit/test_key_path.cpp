// Key paths and command-line overrides (scenarios/toml/key_path.hpp): the
// paths a sweep and `rigtherm run KEY.PATH=VALUE` share.

#include <gtest/gtest.h>

#include <string>

#include "scenarios/generic/scenario_file.hpp"
#include "scenarios/toml/key_path.hpp"

namespace rt {
namespace {

constexpr const char* kScenario = R"(
[solver]
max_iterations = 100
[[fan]]
name = "front"
speed_pct = 100
[[fan]]
name = "rear"
speed_pct = 80
)";

TEST(KeyPath, ParsesKeysAndIndicesFromOne) {
  std::string why;
  const std::vector<KeyPathPart> p = parse_key_path("fan[2].speed_pct", &why);
  ASSERT_EQ(p.size(), 2u) << why;
  EXPECT_EQ(p[0].key, "fan");
  EXPECT_EQ(p[0].index, 2);
  EXPECT_EQ(p[1].key, "speed_pct");
  EXPECT_EQ(p[1].index, 0);
  for (const char* bad : {"fan[0].speed_pct", "fan[x].name", "solver..x", "", "a b", "fan[2]x"}) {
    why.clear();
    EXPECT_TRUE(parse_key_path(bad, &why).empty()) << bad;
    EXPECT_NE(why.find("is not a key path"), std::string::npos) << bad << ": " << why;
  }
}

TEST(KeyPath, SetsExistingEntriesAndCreatesMissingTables) {
  toml::table t = toml::parse(kScenario);
  std::string why;
  EXPECT_EQ(set_key_path(t, parse_key_path("fan[2].speed_pct", &why), toml::value<int64_t>(60)),
            "");
  EXPECT_EQ(t["fan"][1]["speed_pct"].value_or(0), 60);
  EXPECT_EQ(t["fan"][0]["speed_pct"].value_or(0), 100);
  EXPECT_EQ(set_key_path(t, parse_key_path("mesh.growth", &why), toml::value<double>(2.0)), "");
  EXPECT_EQ(t["mesh"]["growth"].value_or(0.0), 2.0);
  EXPECT_EQ(set_key_path(t, parse_key_path("fan[3].name", &why), toml::value<std::string>("x")),
            "the scenario has 2 'fan' entries, so there is no fan[3]");
  EXPECT_EQ(
      set_key_path(t, parse_key_path("solver.max_iterations.x", &why), toml::value<int64_t>(1)),
      "solver.max_iterations is not a table in the scenario");
}

TEST(KeyPath, OverridesTakeTomlValuesAndBareTextAsStrings) {
  const std::string text = with_key_overrides(
      kScenario, "s.toml",
      {"solver.max_iterations=500", "fan[1].name=intake", "fan[2].speed_pct=62.5",
       "solver.tolerance=1e-5", "mesh.preview_start=false", "grid.cells=[4, 5, 1]",
       "fan[2].name=\"exhaust\""});
  const toml::table t = toml::parse(text);
  EXPECT_EQ(t["solver"]["max_iterations"].value_or(0), 500);
  EXPECT_TRUE(t["solver"]["max_iterations"].is_integer());
  EXPECT_EQ(t["fan"][0]["name"].value_or(std::string()), "intake");
  EXPECT_EQ(t["fan"][1]["speed_pct"].value_or(0.0), 62.5);
  EXPECT_EQ(t["solver"]["tolerance"].value_or(0.0), 1e-5);
  EXPECT_EQ(t["mesh"]["preview_start"].value_or(true), false);
  EXPECT_EQ(t["grid"]["cells"].as_array()->size(), 3u);
  EXPECT_EQ(t["fan"][1]["name"].value_or(std::string()), "exhaust");
  // The rewritten text says what changed.
  EXPECT_EQ(text.rfind("# s.toml with the command line's overrides: solver.max_iterations=500", 0),
            0u);
}

TEST(KeyPath, NoOverridesLeaveTheTextAsItIs) {
  EXPECT_EQ(with_key_overrides(kScenario, "s.toml", {}), std::string(kScenario));
}

TEST(KeyPath, AnOverrideThatDoesNotApplyNamesItsKey) {
  try {
    with_key_overrides(kScenario, "s.toml", {"fan[4].speed_pct=10"});
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.file, "s.toml");
    EXPECT_EQ(e.key, "fan[4].speed_pct");
    EXPECT_NE(e.problem.find("no fan[4]"), std::string::npos) << e.problem;
  }
  EXPECT_THROW(with_key_overrides(kScenario, "s.toml", {"=3"}), ScenarioError);
  EXPECT_THROW(with_key_overrides(kScenario, "s.toml", {"solver.max_iterations"}), ScenarioError);
}

}  // namespace
}  // namespace rt
