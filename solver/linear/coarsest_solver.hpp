#pragma once
// The coarsest level of the additive-correction multigrid
// (multigrid_on.hpp), solved directly: a dense complete orthogonal
// decomposition of the active unknowns (aP != 0), which also gives the
// minimum-norm answer of the singular all-Neumann pressure-correction
// systems of closed cavities. Host memory only; the device multigrid
// downloads its coarsest level and uses this through cuda/coarsest_host.hpp,
// so that nvcc never reads Eigen.

#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "solver/linear/stencil7.hpp"

namespace rt {

class CoarsestSolver {
 public:
  void factorise(const ConstStencilView& A);
  // x = A^-1 rhs on the active points; inactive entries of x are untouched.
  void solve(const double* rhs, double* x) const;
  std::size_t unknowns() const { return active_.size(); }

 private:
  std::vector<std::size_t> active_;  // point index of each unknown
  Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> solver_;
};

}  // namespace rt
