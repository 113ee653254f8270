// Sweep files (scenarios/sweeps/sweep_file.hpp): the variables, the product, the
// permutations of cards over slots with the layout checks of build
// scenarios, duplicates, names, and every error class.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "scenarios/sweeps/sweep_file.hpp"

namespace {

const std::string kBuilds = std::string(RT_SOURCE_DIR) + "/examples/builds/";
// Sweep text "lives" in examples/builds/ so that base = "minimal.toml" resolves.
const std::string kName = kBuilds + "test.sweep.toml";

rt::Sweep parse(const std::string& text) { return rt::parse_sweep(text, kName); }

// The ScenarioError of text, or fails.
rt::ScenarioError error_of(const std::string& text, std::optional<int> max = std::nullopt) {
  try {
    rt::parse_sweep(text, kName, max);
  } catch (const rt::ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return rt::ScenarioError("", 0, "", "");
}

std::vector<std::string> names(const rt::Sweep& s) {
  std::vector<std::string> out;
  for (const rt::SweepVariant& v : s.variants) out.push_back(v.name);
  return out;
}

TEST(SweepFile, ShortGpuNames) {
  EXPECT_EQ(rt::short_gpu_name("titan-rtx"), "titan");
  EXPECT_EQ(rt::short_gpu_name("rtx-2080-ti-fe"), "2080ti");
  EXPECT_EQ(rt::short_gpu_name("gigabyte-rtx-3090-turbo"), "3090turbo");
}

TEST(SweepFile, PermutationOfTwoDifferentCards) {
  const rt::Sweep s = parse(
      "base = \"2080ti-plus-titan.toml\"\n"
      "[gpu_permutation]\n"
      "slots = [1, 4]\n");
  EXPECT_TRUE(s.build);
  EXPECT_EQ(s.combinations, 2);
  ASSERT_EQ(s.variants.size(), 2u);
  EXPECT_EQ(names(s), (std::vector<std::string>{"s1.2080ti-s4.titan", "s1.titan-s4.2080ti"}));
  // The resolved text is a valid build with the cards where the name says,
  // in slot order.
  const rt::BuildScenario b = rt::parse_build_scenario(s.variants[1].text, "v");
  ASSERT_EQ(b.gpus.size(), 2u);
  EXPECT_EQ(b.gpus[0].slot, 1);
  EXPECT_EQ(b.gpus[0].model.info.id, "titan-rtx");
  // The Titan keeps its power limit from the base when it moves.
  EXPECT_DOUBLE_EQ(b.gpus[0].power_W, 250.0);
  EXPECT_EQ(b.gpus[1].model.info.id, "rtx-2080-ti-fe");
  ASSERT_EQ(s.variants[1].cards.size(), 2u);
  EXPECT_EQ(s.variants[1].cards[0].base_index, 2);
  EXPECT_EQ(s.variants[1].cards[0].slot, 1);
}

TEST(SweepFile, SlotWidthConflictsAreSkippedAndMirrorsDeduplicated) {
  // Two identical 2-slot Titans over slots 1, 2, 4: {1,2} overlaps (both
  // orders), {1,4} and {4,1} are the same build, as are {2,4} and {4,2}.
  const rt::Sweep s = parse(
      "base = \"minimal.toml\"\n"
      "[gpu_permutation]\n"
      "slots = [1, 2, 4]\n");
  EXPECT_EQ(s.combinations, 6);
  EXPECT_EQ(names(s), (std::vector<std::string>{"s1.titan-s4.titan", "s2.titan-s4.titan"}));
  int impossible = 0, duplicates = 0;
  for (const rt::SkippedVariant& k : s.skipped) {
    if (k.duplicate) {
      ++duplicates;
      EXPECT_NE(k.reason.find("duplicate of"), std::string::npos);
    } else {
      ++impossible;
      EXPECT_NE(k.reason.find("impossible layout"), std::string::npos) << k.reason;
      EXPECT_NE(k.reason.find("overlaps"), std::string::npos) << k.reason;
    }
  }
  EXPECT_EQ(impossible, 2);
  EXPECT_EQ(duplicates, 2);
}

TEST(SweepFile, ProductOfPowerLimitsAndKeyPaths) {
  const rt::Sweep s = parse(
      "base = \"2080ti-plus-titan.toml\"\n"
      "gpu_power_W = [250, 200]\n"
      "[set]\n"
      "\"gpu[1].fan_speed_pct\" = [60, 100]\n"
      "\"solver.max_iterations\" = 50\n");
  // 2 x 2 x 1; the single-valued key is in no name.
  ASSERT_EQ(s.variants.size(), 4u);
  EXPECT_EQ(s.dimensions.size(), 3u);
  EXPECT_EQ(s.variants[0].name, "pw250_gpu1-fanspeed60");
  const rt::BuildScenario b = rt::parse_build_scenario(s.variants[3].text, "v");
  EXPECT_DOUBLE_EQ(b.gpus[0].power_W, 200.0);
  EXPECT_DOUBLE_EQ(b.gpus[1].power_W, 200.0);
  ASSERT_TRUE(b.gpus[0].fan_speed_pct.has_value());
  EXPECT_DOUBLE_EQ(*b.gpus[0].fan_speed_pct, 100.0);
  EXPECT_EQ(b.solver.max_iterations, 50);
}

TEST(SweepFile, CasePresetsByKeyPath) {
  const rt::Sweep s = parse(
      "base = \"minimal.toml\"\n"
      "[set]\n"
      "\"case.model\" = [\"fractal-meshify-c\", \"phanteks-enthoo-pro\", \"no-such-case\"]\n");
  EXPECT_EQ(names(s),
            (std::vector<std::string>{"case-fractal-meshify-c", "case-phanteks-enthoo-pro"}));
  ASSERT_EQ(s.skipped.size(), 1u);
  EXPECT_NE(s.skipped[0].reason.find("unknown case 'no-such-case'"), std::string::npos)
      << s.skipped[0].reason;
  EXPECT_EQ(rt::parse_build_scenario(s.variants[1].text, "v").case_model.info.id,
            "phanteks-enthoo-pro");
}

TEST(SweepFile, ExplicitList) {
  const rt::Sweep s = parse(
      "base = \"2080ti-plus-titan.toml\"\n"
      "[[variant]]\n"
      "name = \"quiet\"\n"
      "\"gpu[2].power_W\" = 200\n"
      "[[variant]]\n"
      "\"gpu[2].power_W\" = 280\n");
  EXPECT_EQ(names(s), (std::vector<std::string>{"quiet", "v2"}));
  const rt::BuildScenario b = rt::parse_build_scenario(s.variants[0].text, "v");
  EXPECT_DOUBLE_EQ(b.gpus[1].power_W, 200.0);
}

TEST(SweepFile, FanSets) {
  const rt::Sweep s = parse(
      "base = \"dual-titan-rtx.toml\"\n"
      "[[fan_set]]\n"
      "name = \"as-built\"\n"
      "[[fan_set]]\n"
      "name = \"no-top\"\n"
      "remove = [\"top-1\"]\n");
  ASSERT_EQ(s.variants.size(), 2u);
  const rt::BuildScenario a = rt::parse_build_scenario(s.variants[0].text, "a");
  const rt::BuildScenario b = rt::parse_build_scenario(s.variants[1].text, "b");
  EXPECT_EQ(b.fans.size() + 1, a.fans.size());
  for (const rt::BuildFan& f : b.fans) EXPECT_NE(f.mount, "top-1");
}

TEST(SweepFile, GenericScenarioByKeyPath) {
  const rt::Sweep s = rt::parse_sweep(
      "base = \"../../tests/cli/resume-box.toml\"\n"
      "[set]\n"
      "\"porous[1].power_W\" = [150, 250.5]\n",
      kName);
  EXPECT_FALSE(s.build);
  EXPECT_EQ(names(s), (std::vector<std::string>{"porous1-power150", "porous1-power250.5"}));
  const rt::Model m = rt::parse_scenario(s.variants[1].text, "v");
  ASSERT_EQ(m.porous.size(), 1u);
  EXPECT_DOUBLE_EQ(m.porous[0].power_W, 250.5);
}

// Every sweep file shipped in examples/sweeps must stay valid and give
// variants.
TEST(SweepFile, ShippedSweepsParse) {
  namespace fs = std::filesystem;
  int n = 0;
  for (const auto& e : fs::directory_iterator(std::string(RT_SOURCE_DIR) + "/examples/sweeps")) {
    if (e.path().extension() != ".toml") continue;
    SCOPED_TRACE(e.path().string());
    EXPECT_FALSE(rt::load_sweep(e.path().string()).variants.empty());
    ++n;
  }
  EXPECT_GT(n, 0);
}

// --- errors: file, line, key, what is valid -------------------------------

TEST(SweepFileErrors, TomlSyntax) {
  const rt::ScenarioError e = error_of("base = \"minimal.toml\"\nslots = [1,\n");
  EXPECT_EQ(e.file, kName);
  EXPECT_GE(e.line, 2);
}

TEST(SweepFileErrors, UnknownKey) {
  const rt::ScenarioError e = error_of("base = \"minimal.toml\"\n\ngpu_power = [1]\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.key, "gpu_power");
  EXPECT_NE(e.problem.find("gpu_power_W"), std::string::npos);
}

TEST(SweepFileErrors, MissingOrUnreadableBase) {
  EXPECT_EQ(error_of("gpu_power_W = [1]\n").key, "base");
  const rt::ScenarioError e = error_of("base = \"nope.toml\"\n");
  EXPECT_EQ(e.line, 1);
  EXPECT_NE(e.problem.find("cannot read"), std::string::npos);
  EXPECT_EQ(error_of("base = 3\n").key, "base");
}

TEST(SweepFileErrors, BadValues) {
  EXPECT_EQ(error_of("base = \"minimal.toml\"\ngpu_power_W = []\n").line, 2);
  EXPECT_EQ(error_of("base = \"minimal.toml\"\ngpu_power_W = [\"a\"]\n").key, "gpu_power_W");
  const rt::ScenarioError e =
      error_of("base = \"minimal.toml\"\n[set]\n\"gpu[0].power_W\" = [1]\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_NE(e.problem.find("indexed from 1"), std::string::npos);
  EXPECT_EQ(error_of("base = \"minimal.toml\"\nmax_variants = 0\n").key, "max_variants");
}

TEST(SweepFileErrors, PermutationKeys) {
  EXPECT_EQ(error_of("base = \"minimal.toml\"\n[gpu_permutation]\nslots = [1, 1]\n").key,
            "gpu_permutation.slots");
  EXPECT_EQ(error_of("base = \"minimal.toml\"\n[gpu_permutation]\nslots = [1]\n").key,
            "gpu_permutation.slots");  // two cards, one slot
  EXPECT_EQ(
      error_of("base = \"minimal.toml\"\n[gpu_permutation]\nslots = [1, 4]\ngpus = [3]\n").key,
      "gpu_permutation.gpus");
  EXPECT_EQ(error_of("base = \"minimal.toml\"\n[gpu_permutation]\nslot = [1, 4]\n").key,
            "gpu_permutation.slot");
  EXPECT_NE(error_of("base = \"../../tests/cli/resume-box.toml\"\n[gpu_permutation]\nslots = [1]\n")
                .problem.find("not a build"),
            std::string::npos);
}

TEST(SweepFileErrors, TooManyVariants) {
  const std::string text =
      "base = \"minimal.toml\"\nmax_variants = 3\ngpu_power_W = [200, 220, 240, 260]\n";
  const rt::ScenarioError e = error_of(text);
  EXPECT_EQ(e.key, "max_variants");
  EXPECT_NE(e.problem.find("4 combinations"), std::string::npos) << e.problem;
  // --max-variants overrides the file.
  EXPECT_EQ(rt::parse_sweep(text, kName, 4).variants.size(), 4u);
  EXPECT_EQ(error_of(text, 2).key, "max_variants");
}

TEST(SweepFileErrors, ZeroVariants) {
  // Both placements of two 2-slot cards on slots 1 and 2 overlap.
  const rt::ScenarioError e =
      error_of("base = \"minimal.toml\"\n[gpu_permutation]\nslots = [1, 2]\n");
  EXPECT_NE(e.problem.find("zero variants"), std::string::npos) << e.problem;
  EXPECT_NE(e.problem.find("overlaps"), std::string::npos) << e.problem;
  // A key path the base lacks makes every variant impossible.
  const rt::ScenarioError f =
      error_of("base = \"minimal.toml\"\n[set]\n\"gpu[5].power_W\" = [1, 2]\n");
  EXPECT_NE(f.problem.find("no gpu[5]"), std::string::npos) << f.problem;
}

TEST(SweepFileErrors, FanSetAndVariantKeys) {
  EXPECT_EQ(error_of("base = \"minimal.toml\"\n[[fan_set]]\nname = \"a\"\nspeed = 3\n").key,
            "fan_set[1].speed");
  EXPECT_EQ(error_of("base = \"minimal.toml\"\n[[fan_set]]\nremove = []\n").key, "fan_set[1].name");
  EXPECT_EQ(error_of("base = \"minimal.toml\"\n[[variant]]\n\"gpu[1].power_W\" = [1, 2]\n").key,
            "variant[1].gpu[1].power_W");
  // A fan set removing a fan the base does not list.
  const rt::ScenarioError e =
      error_of("base = \"minimal.toml\"\n[[fan_set]]\nname = \"a\"\nremove = [\"top-1\"]\n");
  EXPECT_NE(e.problem.find("no [[fan]] on mount 'top-1'"), std::string::npos) << e.problem;
}

}  // namespace
