#include "solver/linear/coarsest_solver.hpp"

namespace rt {

void CoarsestSolver::factorise(const ConstStencilView& A) {
  active_.clear();
  std::vector<long> unknown_of(A.ext.size(), -1);
  for (std::size_t p = 0; p < A.ext.size(); ++p)
    if (A.aP[p] != 0.0) {
      unknown_of[p] = static_cast<long>(active_.size());
      active_.push_back(p);
    }
  const long n = static_cast<long>(active_.size());
  Eigen::MatrixXd M = Eigen::MatrixXd::Zero(n, n);
  for (long r = 0; r < n; ++r) {
    const std::size_t p = active_[r];
    M(r, r) = A.aP[p];
    const int i = static_cast<int>(p % A.ext.n[0]);
    const int j = static_cast<int>((p / A.ext.n[0]) % A.ext.n[1]);
    const int k = static_cast<int>(p / (static_cast<std::size_t>(A.ext.n[0]) * A.ext.n[1]));
    const int idx[3] = {i, j, k};
    for (int axis = 0; axis < 3; ++axis)
      for (int side = 0; side < 2; ++side) {
        const int nb = idx[axis] + (side ? 1 : -1);
        if (nb < 0 || nb >= A.ext.n[axis]) continue;
        const std::size_t pn = side ? p + A.ext.stride(axis) : p - A.ext.stride(axis);
        if (unknown_of[pn] >= 0) M(r, unknown_of[pn]) -= A.a[2 * axis + side][p];
      }
  }
  if (n > 0) solver_.compute(M);
}

void CoarsestSolver::solve(const double* rhs, double* x) const {
  const long n = static_cast<long>(active_.size());
  if (n == 0) return;
  Eigen::VectorXd r(n);
  for (long u = 0; u < n; ++u) r[u] = rhs[active_[u]];
  const Eigen::VectorXd y = solver_.solve(r);
  for (long u = 0; u < n; ++u) x[active_[u]] = y[u];
}

}  // namespace rt
