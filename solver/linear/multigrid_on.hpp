#pragma once
// Additive-correction multigrid (Hutchinson & Raithby, Numer. Heat Transfer
// 9 (1986) 511-537) for seven-point M-matrices, written once for both
// backends (Backend: solver/parallel/host_backend.hpp, cuda/device_backend.cuh).
//
// Coarse cells agglomerate 2x2x2 fine cells (2 along an axis only while the
// axis has more than one cell). The coarse equations are the sums of the fine
// equations of a block, with the correction taken constant in the block:
//
//   aP_C = sum_f aP_f - sum(links between two active cells of the block)
//   a_s,C = sum of the fine links that cross from C into its neighbour s
//
// so closed faces (zero links), conductivity jumps and inactive rows are
// respected at every level by construction, with no geometric knowledge
// (multigrid_k.hpp has the per-point operations). The coarsest level
// (<= coarsest_cells) is solved directly (coarsest_solver.hpp).
//
// Used as the preconditioner of the Krylov solvers (krylov_on.hpp): one
// V-cycle with red-black Gauss-Seidel smoothing, symmetric when the matrix
// is.

#include <memory>
#include <vector>

#include "solver/linear/linear_settings.hpp"
#include "solver/linear/multigrid_k.hpp"
#include "solver/linear/stencil7.hpp"
#include "solver/linear/stencil7_k.hpp"

namespace rt {

// The per-level steps, free functions so that their loop bodies can be
// device lambdas (nvcc allows those only in public, named functions).
namespace multigrid_steps {

template <class Backend>
void build_coarse_operator(const ConstStencilView& F, const StencilView& C) {
  const CoarseningSteps st = coarsening_steps(F.ext);
  Backend::for_each_point(
      C.ext, [=] RT_HOST_DEVICE(int I, int J, int K) { coarse_operator_point(F, C, st, I, J, K); });
}

template <class Backend>
void residual(const ConstStencilView& A, const double* x, const double* rhs, double* r) {
  Backend::for_each_point(A.ext, [=] RT_HOST_DEVICE(int i, int j, int k) {
    r[A.ext.index(i, j, k)] = row_residual(A, x, rhs, i, j, k);
  });
}

template <class Backend>
void restrict_residual(const Extent& F, const Extent& C, const double* res, double* coarse_rhs,
                       double* coarse_x) {
  const CoarseningSteps st = coarsening_steps(F);
  Backend::for_each_point(C, [=] RT_HOST_DEVICE(int I, int J, int K) {
    restrict_point(F, C, st, res, coarse_rhs, coarse_x, I, J, K);
  });
}

template <class Backend>
void prolong_correction(const ConstStencilView& A, const Extent& C, double scale,
                        const double* coarse_x, double* x) {
  const CoarseningSteps st = coarsening_steps(A.ext);
  Backend::for_each_point(A.ext, [=] RT_HOST_DEVICE(int i, int j, int k) {
    prolong_point(A, C, st, scale, coarse_x, x, i, j, k);
  });
}

}  // namespace multigrid_steps

template <class Backend>
class MultigridOn {
 public:
  using Settings = MultigridSettings;

  MultigridOn() = default;
  explicit MultigridOn(Settings s) : settings_(s) {}

  // Builds the coarse levels from the fine system (its arrays are kept by
  // pointer: they must outlive the use of this object and keep their
  // coefficients) and factorises the coarsest.
  void build(const ConstStencilView& fine) {
    fine_ = fine;
    const std::vector<Extent> extents =
        multigrid_level_extents(fine.ext, settings_.coarsest_cells, settings_.max_levels);
    coarse_.resize(extents.size() - 1);
    x_.resize(extents.size());
    rhs_.resize(extents.size());
    residual_.resize(extents.size());
    for (std::size_t l = 0; l < extents.size(); ++l) {
      const Extent& e = extents[l];
      if (l > 0) {
        std::unique_ptr<typename Backend::Stencil>& c = coarse_[l - 1];
        if (!c || !same_extent(c->const_view().ext, e))
          c = std::make_unique<typename Backend::Stencil>(e);
        multigrid_steps::build_coarse_operator<Backend>(level_view(static_cast<int>(l) - 1),
                                                        c->view());
        // Every entry is written by the V-cycle before it is read.
        x_[l].resize(e.size());
        rhs_[l].resize(e.size());
      }
      residual_[l].resize(e.size());
    }
    coarsest_.factorise(level_view(level_count() - 1));
    Backend::finish("multigrid build");
  }

  // z = M^-1 r (arrays of the fine extent): one V-cycle from z = 0.
  void apply(const double* r, double* z) {
    const std::size_t n = fine_.ext.size();
    if (n == 0) return;
    Backend::fill_zero(z, n);
    // Level 0 works in the caller's arrays: no copies in and out.
    rhs0_ = r;
    x0_ = z;
    v_cycle(0);
    Backend::finish("multigrid V-cycle");
  }

  int level_count() const { return static_cast<int>(coarse_.size()) + 1; }
  const Settings& settings() const { return settings_; }
  // The system of a level (0: the fine system given to build()); its arrays
  // are the backend's.
  ConstStencilView level_view(int level) const {
    return level == 0 ? fine_ : coarse_[level - 1]->const_view();
  }

 private:
  static bool same_extent(const Extent& a, const Extent& b) {
    return a.n[0] == b.n[0] && a.n[1] == b.n[1] && a.n[2] == b.n[2];
  }
  double* x_at(int level) { return level == 0 ? x0_ : x_[level].data(); }
  const double* rhs_at(int level) const { return level == 0 ? rhs0_ : rhs_[level].data(); }

  void smooth(int level, int sweeps, bool reverse_colours) {
    for (int s = 0; s < sweeps; ++s)
      Backend::gauss_seidel_sweep(level_view(level), x_at(level), rhs_at(level),
                                  reverse_colours ? 1 : 0);
  }

  void v_cycle(int level) {
    if (level == level_count() - 1) {
      coarsest_.solve(rhs_at(level), x_at(level));
      return;
    }
    const ConstStencilView A = level_view(level);
    smooth(level, settings_.pre_sweeps, false);
    double* res = residual_[level].data();
    multigrid_steps::residual<Backend>(A, x_at(level), rhs_at(level), res);
    const Extent C = level_view(level + 1).ext;
    multigrid_steps::restrict_residual<Backend>(A.ext, C, res, rhs_[level + 1].data(),
                                                x_at(level + 1));
    v_cycle(level + 1);
    multigrid_steps::prolong_correction<Backend>(A, C, settings_.coarse_correction_scale,
                                                 x_at(level + 1), x_at(level));
    smooth(level, settings_.post_sweeps, true);
  }

  Settings settings_;
  ConstStencilView fine_{};
  std::vector<std::unique_ptr<typename Backend::Stencil>> coarse_;  // levels 1..L-1
  std::vector<typename Backend::Vector> x_, rhs_, residual_;  // per level (x_, rhs_ unused at 0)
  double* x0_ = nullptr;                                      // level 0: the caller's z in apply()
  const double* rhs0_ = nullptr;                              // level 0: the caller's r in apply()
  typename Backend::CoarsestSolver coarsest_;
};

}  // namespace rt
