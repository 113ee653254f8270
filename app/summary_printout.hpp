#pragma once
// What `rigtherm run` prints when a run ends: the summary.json of the run in
// °C, W and CFM, one line per part, fan and vent.

#include <string>

#include "scenarios/model/model.hpp"
#include "scenarios/model/summary.hpp"

namespace rt::app {

void print_summary(const Summary& s, const std::string& scenario);

}  // namespace rt::app
