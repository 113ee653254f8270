#pragma once
// The CPU's Krylov solvers: krylov_on.hpp (CG for the symmetric
// pressure-correction equation, BiCGSTAB for the non-symmetric energy
// equation, one multigrid V-cycle as the preconditioner) on the host
// backend, taking a Stencil7 and std::vectors. Only active rows (aP != 0)
// take part; inactive entries of x are not touched.

#include <vector>

#include "solver/linear/krylov_on.hpp"
#include "solver/linear/linear_settings.hpp"
#include "solver/linear/multigrid.hpp"
#include "solver/linear/stencil7.hpp"
#include "solver/parallel/host_backend.hpp"

namespace rt {

using KrylovWorkspace = KrylovWorkspaceOn<HostBackend>;

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
