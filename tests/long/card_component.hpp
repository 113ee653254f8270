#pragma once
// The summary's component of the card of a given model in a build (the
// example builds that compare slot orders carry one card of each model).

#include <gtest/gtest.h>

#include <string>

#include "scenarios/build_scenario.hpp"
#include "scenarios/lower_build.hpp"
#include "solver/summary.hpp"

namespace rt {

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
