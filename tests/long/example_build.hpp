#pragma once
// What the long tests share about the example builds: reading one from
// examples/builds/, and the summary's component of the card of a model.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/lower_build.hpp"
#include "scenarios/model/summary.hpp"

namespace rt {

// examples/builds/NAME.toml, parsed.
inline BuildScenario read_example_build(const std::string& name) {
  const std::string path = std::string(RT_SOURCE_DIR) + "/examples/builds/" + name + ".toml";
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream text;
  text << in.rdbuf();
  return parse_build_scenario(text.str(), path);
}

// The card of this model (the example builds that compare slot orders carry
// one card of each model).
inline const ComponentSummary& card_component(const BuildScenario& build, const Summary& s,
                                              const std::string& model) {
  for (std::size_t g = 0; g < build.gpus.size(); ++g)
    if (build.gpus[g].model.info.id == model)
      for (const ComponentSummary& c : s.components)
        if (c.name == lowered_gpu_name(g) + ".fins") return c;
  ADD_FAILURE() << "no " << model << " in " << build.source_name;
  static const ComponentSummary none;
  return none;
}

}  // namespace rt
