#pragma once
// The numerical settings of the SIMPLEC outer iteration (steady_solver.hpp)
// and of the linear solves within it, with the measurements that chose them.

#include "solver/compute_backend.hpp"
#include "solver/linear/linear_settings.hpp"

namespace rt {

struct SimplecSettings {
  // 0.9 converges the cavities ~25 % faster but the ventilated box and the
  // channel slower (and, before openings had an implicit head, let the box
  // blow up); 0.8 is the safer default for cases nobody has tuned.
  double relax_velocity = 0.8;
  // A run's grid that starts from a converged coarser grid's answer
  // (coarse_grid_start.hpp) is near its answer from the first iteration,
  // past the stretch where 0.9 can fall into a limit cycle, and there 0.9
  // is faster: the peer cavities in 85 / 86 / 66 iterations instead of
  // 138 / 141 / 95 (2-D Ra 1e5 / 1e6, 3-D Ra 1e5), the same Nusselt
  // numbers; the lid-driven cavity at 128^2 in 75 / 413 instead of 540 /
  // 1323 (Re 100 / 1000). Slower on a ventilated box with a chip (64 x 32
  // x 32 cells, tolerance 1e-5): 91 instead of 67. The coarse levels keep
  // relax_velocity (0.9 on the Ra 1e6 cavity's 64^2 level: 50 iterations
  // instead of 44).
  double relax_velocity_near_answer = 0.9;
  double relax_pressure = 1.0;
  double relax_energy = 1.0;
  double relax_fan = 0.3;      // step of a fan's pressure rise towards its curve per iteration
  double relax_control = 0.2;  // step of fan speeds and throttled powers towards their targets
  // Red-black Gauss-Seidel sweeps per momentum solve, at most. With 2 the
  // loosely solved momentum equations held the outer iteration back: 1.75x
  // the iterations on the peer cavities; 16 every time cost +6 % per
  // iteration on a 2-D 128^2 cavity, +48 % at 128^3, where they stream from
  // memory (bench/README.md, solver/README.md).
  int momentum_sweeps = 16;
  // The sweeps stop once the residual a sweep meets (its sum of squares,
  // gauss_seidel_row) has fallen to this share of the first sweep's, as
  // OpenFOAM's relTol 0.1 for U. Measured: 2.9 sweeps on average on the
  // pair-adjacent build (162 s to settle instead of 184-190 s, same dies),
  // 2-D cavities +5 % iterations at -18 % wall time.
  double momentum_relative_tolerance = 0.1;
  // Anderson acceleration of the outer iteration (anderson_acceleration.hpp):
  // the differences of the last `acceleration_depth` iterations combined
  // (0 turns it off), from iteration `acceleration_start` on (the first
  // iterations, far from the answer, are not the linear convergence it
  // accelerates). Runs that stop on settled temperatures (settle_K > 0)
  // go without (SteadySolver's constructor says why). Measured with depth
  // 2: the peer cavities in 241 / 207 iterations instead of 890 / 492; depth
  // 3 gained ~5 % more iterations for 40 B per cell more.
  int acceleration_depth = 2;
  int acceleration_start = 20;
  // Inner solves only need to follow the outer iteration: tighter tolerances
  // did not change the outer convergence on the cavity cases, only the cost.
  LinearSolveSettings pressure{5e-2, 0.0, 100};
  LinearSolveSettings energy{1e-1, 0.0, 200};
  // The closing solves of a run that stopped before its residuals converged
  // (SteadySolver::close_energy): the flow made conservative, then energy.
  LinearSolveSettings closing_pressure{1e-10, 0.0, 300};
  LinearSolveSettings closing_energy{1e-10, 0.0, 300};
  MultigridSettings multigrid;
  // Where the field work of an iteration runs (simplec_steps.hpp), and for
  // ComputeBackend::cuda what makes its steps (compute_backend.hpp).
  ComputeBackend backend = ComputeBackend::cpu;
  DeviceStepsMaker device_steps = nullptr;
};

}  // namespace rt
