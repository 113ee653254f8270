#pragma once
// `rigtherm calibrate LOG.csv --build BUILD.toml --gpu SLOT`: fits the
// compact die model of the card in SLOT to the user's nvidia-smi log
// (scenarios/builds/calibration/: the log reader, the fit, the part file)
// under the build's solved intake air and fin-stack flow, and writes the
// calibrated card as a part file (my-parts/NAME.toml) that builds name by
// id through `[parts] path` or RIGTHERM_PARTS_EXTRA. The solved state comes
// from finished `rigtherm run`s of the build (--result DIR, once per run:
// several, with the card's fans fixed at different speeds, give the flow at
// each speed) or, without one, from solves of the build on its preview grid
// here with the card's fans fixed at the log's lowest and highest speed
// under load.

#include <string>
#include <vector>

namespace rt::app {

struct CalibrateArgs {
  std::string log;
  std::string build;
  int slot = 0;
  std::vector<std::string> result_dirs;  // empty: solve the build here (preview grid)
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
