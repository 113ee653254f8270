#include "solver/linear/krylov.hpp"

namespace rt {

double compute_residual(const Stencil7& A, const std::vector<double>& x, std::vector<double>& r) {
  return residual_on<HostBackend>(A.const_view(), x.data(), r.data());
}

LinearSolveReport solve_cg(const Stencil7& A, std::vector<double>& x,
                           AdditiveCorrectionMultigrid& M, const LinearSolveSettings& s,
                           KrylovWorkspace& work) {
  return solve_cg_on<HostBackend>(A.const_view(), x.data(), M, s, work);
}

LinearSolveReport solve_bicgstab(const Stencil7& A, std::vector<double>& x,
                                 AdditiveCorrectionMultigrid& M, const LinearSolveSettings& s,
                                 KrylovWorkspace& work) {
  return solve_bicgstab_on<HostBackend>(A.const_view(), x.data(), M, s, work);
}

}  // namespace rt
