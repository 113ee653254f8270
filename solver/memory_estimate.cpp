#include "solver/memory_estimate.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "solver/coarse_grid_start.hpp"
#include "solver/grid_sequencing.hpp"

namespace rt {

MemoryPlan plan_memory(const Model& model, const Grid& grid) {
  MemoryPlan plan;
  // Both grids' solvers are held while a preview stage or a coarse level runs.
  plan.cells = grid.total_cells() + preview_cells(model) + coarse_start_cells(model, grid);
  plan.bytes_per_cell = kSolveBytesPerCell +
                        (model.solver.mode == SolveMode::transient ? kTransientBytesPerCell : 0.0);
  return plan;
}

std::string memory_text(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 4) {
    bytes /= 1024.0;
    ++u;
  }
  return fmt::format("{:.1f} {}", bytes, units[u]);
}

std::optional<double> available_memory_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    std::istringstream in(line);
    std::string key;
    double kib = 0.0;
    if (in >> key >> kib && key == "MemAvailable:") return kib * 1024.0;
  }
  return std::nullopt;
}

std::string memory_refusal(const MemoryPlan& plan, double available) {
  if (plan.bytes() <= available) return {};
  return fmt::format(
      "the run needs about {} ({} cells x {:g} B) and this machine has {} available; use coarser "
      "cells ([grid] cells or max_cell_m, a build's [mesh] max_cell_mm) or another machine, or "
      "--force if you know better",
      memory_text(plan.bytes()), plan.cells, plan.bytes_per_cell, memory_text(available));
}

}  // namespace rt
