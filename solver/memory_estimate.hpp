#pragma once
// What a run will hold in memory, planned before anything is allocated, and
// whether the machine has it: the one figure `check`, `run` and the sweep's
// job requests use (issue 17).

#include <cstddef>
#include <optional>
#include <string>

#include "geometry/grid.hpp"
#include "scenarios/model/model.hpp"

namespace rt {

// Resident memory of a CPU solve per cell: 430 B measured (rigtherm_bench,
// the 128^3 cavity, FP64: fields, one seven-point system shared by
// momentum, pressure and energy, multigrid levels, Krylov vectors, the
// acceleration's history; 269 B without the acceleration, as builds run)
// plus ~45 B of output fields. A planning figure.
constexpr double kSolveBytesPerCell = 480.0;
// What a transient run adds: T and three velocities at two earlier time
// levels and p at one (FlowState::History), FP64.
constexpr double kTransientBytesPerCell = 72.0;

struct MemoryPlan {
  std::size_t cells = 0;  // the run's grid, and a preview or coarse level held beside it
  double bytes_per_cell = 0;
  double bytes() const { return bytes_per_cell * static_cast<double>(cells); }
};

MemoryPlan plan_memory(const Model& model, const Grid& grid);

// The memory the system can give a new process without swapping
// (MemAvailable of /proc/meminfo), nullopt where it cannot be read.
std::optional<double> available_memory_bytes();

// Bytes for people: "1.9 MiB", "491127.1 TiB".
std::string memory_text(double bytes);

// Empty when the plan fits in `available` bytes; else why not, with the
// figures and what to change.
std::string memory_refusal(const MemoryPlan& plan, double available);

}  // namespace rt
