#pragma once
// The exit status of every rigtherm command, in one place: scripts and the
// sweep runner (which reads its children's) rely on these numbers.

namespace rt::app {

constexpr int kExitError = 1;  // unexpected error
constexpr int kExitUsage = 2;  // bad command line, scenario, backend or output folder
// `run`: the solution diverged (summary.json says so, no result.h5);
// `sweep`: some variants failed (recorded, the rest ran).
constexpr int kExitDiverged = 3;
constexpr int kExitFailed = 3;
// Not converged within max_iterations, or transient steps that stopped at
// iterations_per_step (results written).
constexpr int kExitNotConverged = 4;
constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

}  // namespace rt::app
