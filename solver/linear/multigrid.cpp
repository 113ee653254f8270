#include "solver/linear/multigrid.hpp"

#include "solver/linear/stencil7_k.hpp"
#include "solver/parallel/for_each.hpp"

namespace rt {
namespace {

Extent coarsen(const Extent& fine) {
  Extent c;
  for (int a = 0; a < 3; ++a) c.n[a] = fine.n[a] > 1 ? (fine.n[a] + 1) / 2 : 1;
  return c;
}

int child_step(const Extent& fine, int axis) { return fine.n[axis] > 1 ? 2 : 1; }

// Sums the fine equations of each block into the coarse system (see header).
void build_coarse_operator(const ConstStencilView& F, Stencil7& coarse) {
  StencilView C = coarse.view();
  const int step[3] = {child_step(F.ext, 0), child_step(F.ext, 1), child_step(F.ext, 2)};
  for_each_point(C.ext, [=](int I, int J, int K) {
    const std::size_t pc = C.ext.index(I, J, K);
    double aP = 0.0, fine_diagonal = 0.0, a[kNeighbourSlots] = {0, 0, 0, 0, 0, 0};
    const int base[3] = {I * step[0], J * step[1], K * step[2]};
    for (int dk = 0; dk < step[2]; ++dk)
      for (int dj = 0; dj < step[1]; ++dj)
        for (int di = 0; di < step[0]; ++di) {
          const int f[3] = {base[0] + di, base[1] + dj, base[2] + dk};
          if (!F.ext.contains(f[0], f[1], f[2])) continue;
          const std::size_t pf = F.ext.index(f[0], f[1], f[2]);
          if (F.aP[pf] == 0.0) continue;
          aP += F.aP[pf];
          fine_diagonal += F.aP[pf];
          for (int axis = 0; axis < 3; ++axis)
            for (int side = 0; side < 2; ++side) {
              const int s = 2 * axis + side;
              const int nb = f[axis] + (side ? 1 : -1);
              if (nb < 0 || nb >= F.ext.n[axis]) continue;
              const std::size_t pn = side ? pf + F.ext.stride(axis) : pf - F.ext.stride(axis);
              // A link to an inactive point is a fixed (zero-correction) neighbour.
              if (F.aP[pn] == 0.0) continue;
              const bool same_block = nb / step[axis] == f[axis] / step[axis];
              if (same_block)
                aP -= F.a[s][pf];
              else
                a[s] += F.a[s][pf];
            }
        }
    // A block that covers a whole singular region (a closed cavity, a sealed
    // air pocket) has an exactly zero diagonal, which round-off leaves at
    // ~1e-14 of the fine diagonals. Its correction is a free constant: make
    // it inactive (zero correction) rather than divide by round-off.
    const bool singular = aP <= 1e-12 * fine_diagonal;
    C.aP[pc] = singular ? 0.0 : aP;
    for (int s = 0; s < kNeighbourSlots; ++s) C.a[s][pc] = singular ? 0.0 : a[s];
    C.b[pc] = 0.0;
  });
}

}  // namespace

const ConstStencilView AdditiveCorrectionMultigrid::level_view(int level) const {
  return level == 0 ? fine_->view() : coarse_[level - 1].view();
}

void AdditiveCorrectionMultigrid::build(const Stencil7& fine) {
  fine_ = &fine;
  std::vector<Extent> extents{fine.extent()};
  while (static_cast<int>(extents.size()) < settings_.max_levels &&
         extents.back().size() > settings_.coarsest_cells) {
    const Extent c = coarsen(extents.back());
    if (c.size() == extents.back().size()) break;
    extents.push_back(c);
  }
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
      build_coarse_operator(level_view(static_cast<int>(l) - 1), coarse_[l - 1]);
      // Every entry is written by the V-cycle before it is read.
      x_[l].resize(extents[l].size());
      rhs_[l].resize(extents[l].size());
    }
    residual_[l].resize(extents[l].size());
  }

  // Dense factorisation of the coarsest active unknowns.
  const ConstStencilView A = level_view(level_count() - 1);
  coarsest_active_.clear();
  std::vector<long> unknown_of(A.ext.size(), -1);
  for (std::size_t p = 0; p < A.ext.size(); ++p)
    if (A.aP[p] != 0.0) {
      unknown_of[p] = static_cast<long>(coarsest_active_.size());
      coarsest_active_.push_back(p);
    }
  const long n = static_cast<long>(coarsest_active_.size());
  Eigen::MatrixXd M = Eigen::MatrixXd::Zero(n, n);
  for (long r = 0; r < n; ++r) {
    const std::size_t p = coarsest_active_[r];
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
  if (n > 0) coarsest_solver_.compute(M);
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
  const long n = static_cast<long>(coarsest_active_.size());
  if (n == 0) return;
  Eigen::VectorXd r(n);
  const double* rhs = rhs_at(last);
  double* xl = x_at(last);
  for (long u = 0; u < n; ++u) r[u] = rhs[coarsest_active_[u]];
  const Eigen::VectorXd x = coarsest_solver_.solve(r);
  for (long u = 0; u < n; ++u) xl[coarsest_active_[u]] = x[u];
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
  const int step[3] = {child_step(A.ext, 0), child_step(A.ext, 1), child_step(A.ext, 2)};
  double* crhs = rhs_[level + 1].data();
  double* cx = x_at(level + 1);
  const Extent F = A.ext;
  for_each_point(C, [=](int I, int J, int K) {
    double sum = 0.0;
    for (int dk = 0; dk < step[2]; ++dk)
      for (int dj = 0; dj < step[1]; ++dj)
        for (int di = 0; di < step[0]; ++di) {
          const int f[3] = {I * step[0] + di, J * step[1] + dj, K * step[2] + dk};
          if (F.contains(f[0], f[1], f[2])) sum += res[F.index(f[0], f[1], f[2])];
        }
    const std::size_t pc = C.index(I, J, K);
    crhs[pc] = sum;
    cx[pc] = 0.0;
  });

  v_cycle(level + 1);

  double* xf = x_at(level);
  const double scale = settings_.coarse_correction_scale;
  for_each_point(F, [=](int i, int j, int k) {
    const std::size_t p = F.index(i, j, k);
    if (A.aP[p] != 0.0) xf[p] += scale * cx[C.index(i / step[0], j / step[1], k / step[2])];
  });
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
