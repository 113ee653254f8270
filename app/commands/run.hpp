#pragma once
// `rigtherm run SCENARIO.toml -o OUT/`: solve a scenario and write its
// results (app/pipeline/run_folder.hpp: which files, in which order).

#include <string>
#include <vector>

namespace rt::app {

struct RunArgs {
  std::string scenario;
  std::vector<std::string> overrides;  // KEY.PATH=VALUE
  std::string out_dir;
  std::string backend = "cpu";
  int threads = 0;
  bool quiet = false;
  bool resume = false;
  int checkpoint_every = 500;        // iterations; 0: not by count
  double checkpoint_minutes = 15.0;  // 0: not by time
  std::string log_json;              // file for JSON progress lines, "-" = stdout
  bool no_pictures = false;
  bool force = false;      // no refusal for memory
  bool overwrite = false;  // replace another scenario's results in the folder
};

// Exit status: app/exit_status.hpp (0 converged, 3 diverged, 4 not
// converged, 130 interrupted with results so far written).
int cmd_run(const RunArgs& args);

}  // namespace rt::app
