#pragma once
// checkpoint.h5 (schema "rigtherm.checkpoint/1"): the state a run continues
// from with `rigtherm run ... --resume` (solver/checkpoint.hpp says what it
// holds). Written atomically (temporary name, then rename) like the results,
// with the same checks (io/h5_file.hpp): a truncated or damaged checkpoint is
// refused with a message, never used.
//
//   /                    attributes: schema, scenario (file name),
//                        fingerprint (scenario text and grid), mode
//                        ("steady" | "transient"), state (JSON: iteration,
//                        relaxation, time-step bookkeeping, time series),
//                        checksum
//   /grid/x, y, z        cell edges, m
//   /state/u, v, w       face velocities, m/s (staggered: (nx+1) ny nz, ...)
//   /state/p, T          cell centres: Pa, K
//   /controls/fan_pressure_Pa, fan_speed (fraction), porous_power_W
//   /convergence         [n][4] residual history; /convergence_monitors [n][m]
//   /time_levels/T_prev, u_prev, v_prev, w_prev   transient runs: the level
//                        before the current fields (K, m/s)

#include <stdexcept>
#include <string>

#include "geometry/grid.hpp"
#include "solver/checkpoint.hpp"

namespace rt {

inline constexpr const char* kCheckpointSchema = "rigtherm.checkpoint/1";

// Thrown when a checkpoint cannot be used: missing, truncated, damaged, or
// written for another scenario or grid. The message says which and what to do.
struct CheckpointError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What ties a checkpoint to its run: a hash of the scenario text and of the
// grid (cell counts and edges), as text.
std::string scenario_fingerprint(const std::string& scenario_text, const Grid& grid);

// Writes `c` to path atomically. scenario_name goes into messages.
void write_checkpoint_h5(const std::string& path, const SolverCheckpoint& c, const Grid& grid,
                         const std::string& scenario_name, const std::string& scenario_text);

// The scenario file a checkpoint was written for (its `scenario` attribute),
// after the same checks of schema and seal; CheckpointError otherwise.
std::string checkpoint_scenario_name(const std::string& path);

// Reads the checkpoint at path and checks that it is complete, undamaged and
// belongs to this scenario text and grid; CheckpointError otherwise.
SolverCheckpoint read_checkpoint_h5(const std::string& path, const Grid& grid,
                                    const std::string& scenario_text);

}  // namespace rt
