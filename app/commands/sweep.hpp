#pragma once
// `rigtherm sweep` (issue 7): expand a sweep file into variants, run each as
// a child `rigtherm run` (this very executable), resumable, and rank them.
// docs/sweeps.md.

#include <string>

namespace rt::app {

struct SweepArgs {
  std::string sweep_file;
  std::string out_dir;
  std::string collect;  // --collect DIR: only build the report from what has finished
  bool dry_run = false;
  int jobs = 1;
  int threads = 0;  // in all; 0 = the machine's cores
  bool retry_failed = false;
  bool resume = false;   // accepted for symmetry: re-running always resumes
  int max_variants = 0;  // 0: the sweep file's (or the default)
  bool no_pictures = false;
  int checkpoint_every = 500;
  double checkpoint_minutes = 15.0;
  bool slurm = false;      // write DIR/slurm/sweep.sbatch (a job array) and submit it
  bool no_submit = false;  // with --slurm: only write the script
  std::string slurm_partition;
};

// Exit status: 0 every variant done and converged; 4 some ended not
// converged (none failed); 3 some failed (recorded, the rest ran); 130
// interrupted (children checkpointed); 2 bad sweep file or command line.
int cmd_sweep(const SweepArgs& args);

}  // namespace rt::app
