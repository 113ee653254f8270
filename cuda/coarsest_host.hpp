#pragma once
// The device multigrid's coarsest level, solved on the host by the CPU
// multigrid's dense solver (CoarsestSolver, solver/linear/multigrid.hpp)
// behind an interface without Eigen, so that nvcc never reads Eigen's
// headers. Compiled by the host compiler (coarsest_host.cpp).

#include <memory>

#include "solver/linear/stencil7.hpp"

namespace rt {

class CoarsestSolver;

class HostCoarsestSolver {
 public:
  HostCoarsestSolver();
  ~HostCoarsestSolver();
  HostCoarsestSolver(const HostCoarsestSolver&) = delete;
  HostCoarsestSolver& operator=(const HostCoarsestSolver&) = delete;

  void factorise(const ConstStencilView& A);  // host arrays
  // x = A^-1 rhs on the active points (host arrays); other entries untouched.
  void solve(const double* rhs, double* x) const;

 private:
  std::unique_ptr<CoarsestSolver> solver_;
};

}  // namespace rt
