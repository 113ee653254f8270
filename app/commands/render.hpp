#pragma once
// `rigtherm render RESULT.h5 -o PNG`: one picture of a stored result, a
// slice of temperature, air speed or pressure with the parts outlined.

#include <string>

namespace rt::app {

struct RenderArgs {
  std::string h5;
  std::string png;
  std::string slice;  // "z=0.12", "y=120mm"; empty: the mid z plane
  std::string field = "T";
  bool streamlines = false;
  bool no_arrows = false;
  std::string range;  // "lo:hi"
  std::string size = "1600x1000";
};

// 0 drawn; 2 bad option, unreadable or damaged result, or no VTK.
int cmd_render(const RenderArgs& args);

}  // namespace rt::app
