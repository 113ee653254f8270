#pragma once
// Krylov solvers for a Stencil7 system A x = b (b is the stencil's own b),
// preconditioned by one additive-correction multigrid V-cycle:
//   - conjugate gradients for the symmetric pressure-correction equation,
//   - BiCGSTAB (van der Vorst 1992) for the non-symmetric energy equation.
// Only active rows (aP != 0) take part; inactive entries of x are not touched.

#include <vector>

#include "solver/linear/linear_settings.hpp"
#include "solver/linear/multigrid.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

// Work vectors kept between solves: a solve per outer iteration would
// otherwise allocate and page in eight field-sized vectors every time.
struct KrylovWorkspace {
  std::vector<double> v[8];
  void ensure(std::size_t n) {
    for (auto& w : v)
      if (w.size() != n) w.assign(n, 0.0);
  }
};

LinearSolveReport solve_cg(const Stencil7& A, std::vector<double>& x,
                           AdditiveCorrectionMultigrid& preconditioner,
                           const LinearSolveSettings& settings, KrylovWorkspace& work);

LinearSolveReport solve_bicgstab(const Stencil7& A, std::vector<double>& x,
                                 AdditiveCorrectionMultigrid& preconditioner,
                                 const LinearSolveSettings& settings, KrylovWorkspace& work);

// The same with a workspace of their own (tests, one-off solves).
inline LinearSolveReport solve_cg(const Stencil7& A, std::vector<double>& x,
                                  AdditiveCorrectionMultigrid& preconditioner,
                                  const LinearSolveSettings& settings) {
  KrylovWorkspace work;
  return solve_cg(A, x, preconditioner, settings, work);
}

inline LinearSolveReport solve_bicgstab(const Stencil7& A, std::vector<double>& x,
                                        AdditiveCorrectionMultigrid& preconditioner,
                                        const LinearSolveSettings& settings) {
  KrylovWorkspace work;
  return solve_bicgstab(A, x, preconditioner, settings, work);
}

// r = b - A x over the active rows; returns ||r||_2.
double compute_residual(const Stencil7& A, const std::vector<double>& x, std::vector<double>& r);

}  // namespace rt
