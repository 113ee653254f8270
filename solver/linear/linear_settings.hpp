#pragma once
// Settings and reports of the linear solvers, shared by the CPU solvers
// (krylov.hpp, multigrid.hpp) and the device ones (cuda/device_linear.hpp).
// Plain structs: no Eigen, no CUDA, so any translation unit can include them.

#include <cstddef>

namespace rt {

struct LinearSolveReport {
  int iterations = 0;
  double initial_residual = 0;  // L2 norm of b - A x0
  double final_residual = 0;
  bool converged = false;
};

struct LinearSolveSettings {
  double relative_tolerance = 1e-3;  // on ||b - A x|| / ||b - A x0||
  double absolute_tolerance = 0.0;   // stop as well when ||r|| falls below it
  int max_iterations = 200;
};

// AdditiveCorrectionMultigrid::Settings (multigrid.hpp explains them).
struct MultigridSettings {
  int pre_sweeps = 2;
  int post_sweeps = 2;
  std::size_t coarsest_cells = 128;
  int max_levels = 24;
  // Piecewise-constant prolongation under-estimates smooth corrections;
  // scaling them (over-correction) roughly halves the Krylov iterations on
  // the cavity cases. Measured: 1.0 -> 9 CG iterations, 1.6 -> 4.
  double coarse_correction_scale = 1.6;
};

}  // namespace rt
