#include "solver/linear/multigrid.hpp"

#include "solver/linear/multigrid_k.hpp"
#include "solver/linear/stencil7_k.hpp"
#include "solver/parallel/for_each.hpp"

namespace rt {

std::vector<Extent> multigrid_level_extents(const Extent& fine, std::size_t coarsest_cells,
                                            int max_levels) {
  std::vector<Extent> extents{fine};
  while (static_cast<int>(extents.size()) < max_levels && extents.back().size() > coarsest_cells) {
    const Extent c = coarsen(extents.back());
    if (c.size() == extents.back().size()) break;
    extents.push_back(c);
  }
  return extents;
}

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

ConstStencilView AdditiveCorrectionMultigrid::level_view(int level) const {
  return level == 0 ? fine_->view() : coarse_[level - 1].view();
}

void AdditiveCorrectionMultigrid::build(const Stencil7& fine) {
  fine_ = &fine;
  const std::vector<Extent> extents =
      multigrid_level_extents(fine.extent(), settings_.coarsest_cells, settings_.max_levels);
  if (coarse_.size() != extents.size() - 1) coarse_.resize(extents.size() - 1);
  x_.resize(extents.size());
  rhs_.resize(extents.size());
  residual_.resize(extents.size());
  for (std::size_t l = 0; l < extents.size(); ++l) {
    if (l > 0) {
      const Extent& have = coarse_[l - 1].extent();
      if (have.n[0] != extents[l].n[0] || have.n[1] != extents[l].n[1] ||
          have.n[2] != extents[l].n[2])
        coarse_[l - 1].resize(extents[l]);
      const ConstStencilView F = level_view(static_cast<int>(l) - 1);
      const StencilView C = coarse_[l - 1].view();
      const CoarseningSteps st = coarsening_steps(F.ext);
      for_each_point(C.ext, [=](int I, int J, int K) { coarse_operator_point(F, C, st, I, J, K); });
      // Every entry is written by the V-cycle before it is read.
      x_[l].resize(extents[l].size());
      rhs_[l].resize(extents[l].size());
    }
    residual_[l].resize(extents[l].size());
  }
  coarsest_solver_.factorise(level_view(level_count() - 1));
}

void AdditiveCorrectionMultigrid::smooth(int level, int sweeps, bool reverse_colours) {
  const ConstStencilView A = level_view(level);
  double* x = x_at(level);
  const double* rhs = rhs_at(level);
  for (int s = 0; s < sweeps; ++s)
    red_black_sweep(A.ext, reverse_colours ? 1 : 0,
                    [=](int j, int k, int colour) { gauss_seidel_row(A, x, rhs, j, k, colour); });
}

void AdditiveCorrectionMultigrid::solve_coarsest() {
  const int last = level_count() - 1;
  coarsest_solver_.solve(rhs_at(last), x_at(last));
}

void AdditiveCorrectionMultigrid::v_cycle(int level) {
  if (level == level_count() - 1) {
    solve_coarsest();
    return;
  }
  const ConstStencilView A = level_view(level);
  smooth(level, settings_.pre_sweeps, false);

  double* res = residual_[level].data();
  const double* x = x_at(level);
  const double* rhs = rhs_at(level);
  for_each_point(A.ext, [=](int i, int j, int k) {
    res[A.ext.index(i, j, k)] = row_residual(A, x, rhs, i, j, k);
  });

  const Extent C = level_view(level + 1).ext;
  const CoarseningSteps st = coarsening_steps(A.ext);
  double* crhs = rhs_[level + 1].data();
  double* cx = x_at(level + 1);
  const Extent F = A.ext;
  for_each_point(C, [=](int I, int J, int K) { restrict_point(F, C, st, res, crhs, cx, I, J, K); });

  v_cycle(level + 1);

  double* xf = x_at(level);
  const double scale = settings_.coarse_correction_scale;
  for_each_point(F, [=](int i, int j, int k) { prolong_point(A, C, st, scale, cx, xf, i, j, k); });
  smooth(level, settings_.post_sweeps, true);
}

void AdditiveCorrectionMultigrid::apply(const std::vector<double>& r, std::vector<double>& z) {
  // Level 0 works in the caller's vectors: no copies in and out.
  rhs0_ = r.data();
  z.assign(r.size(), 0.0);
  x0_ = z.data();
  v_cycle(0);
}

}  // namespace rt
