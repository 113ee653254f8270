#pragma once
// `rigtherm calibrate LOG.csv --build BUILD.toml --gpu SLOT`: fits the
// compact die model of the card in SLOT to the user's nvidia-smi log
// (scenarios/builds/calibration/: the log reader, the fit, the part file)
// under the build's solved intake air and fin-stack flow, and writes the
// calibrated card as a part file (my-parts/NAME.toml) that builds name by
// id through `[parts] path` or RIGTHERM_PARTS_EXTRA. The solved state comes
// from a finished `rigtherm run` of the build (--result DIR) or, without
// it, from a solve of the build on its preview grid here.

#include <string>

namespace rt::app {

struct CalibrateArgs {
  std::string log;
  std::string build;
  int slot = 0;
  std::string result_dir;  // empty: solve the build here (preview grid)
  std::string name;        // empty: <card id>-calibrated
  std::string out_dir = "my-parts";
  bool overwrite = false;
  bool quiet = false;
  int threads = 0;
};

// Exit status: 0 written; 2 (kExitUsage) a log, build, result folder or
// output that cannot be used, with one line saying why.
int cmd_calibrate(const CalibrateArgs& args);

}  // namespace rt::app
