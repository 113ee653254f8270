#include "cuda/coarsest_host.hpp"

#include "solver/linear/coarsest_solver.hpp"

namespace rt {

HostCoarsestSolver::HostCoarsestSolver() : solver_(std::make_unique<CoarsestSolver>()) {}
HostCoarsestSolver::~HostCoarsestSolver() = default;

void HostCoarsestSolver::factorise(const ConstStencilView& A) { solver_->factorise(A); }

void HostCoarsestSolver::solve(const double* rhs, double* x) const { solver_->solve(rhs, x); }

}  // namespace rt
