#pragma once
// `rigtherm check SCENARIO.toml`: read and validate a scenario (generic or
// build), describe what will be solved (a build's case, vents, fans, layout
// table and heat; the model it lowers to; the grid and the memory it needs)
// and draw its layout. Nothing is solved.

#include <string>
#include <vector>

namespace rt::app {

struct CheckArgs {
  std::string scenario;
  std::vector<std::string> overrides;  // KEY.PATH=VALUE
  std::string layout;                  // PNG path; empty: <scenario stem>-layout.png here
  bool no_pictures = false;
  bool force = false;  // no refusal for memory
};

// 0 valid; 2 invalid, or more memory than the machine has (without --force).
int cmd_check(const CheckArgs& args);

}  // namespace rt::app
