#pragma once
// Additive-correction multigrid (Hutchinson & Raithby, Numer. Heat Transfer
// 9 (1986) 511-537) for seven-point M-matrices.
//
// Coarse cells agglomerate 2x2x2 fine cells (2 along an axis only while the
// axis has more than one cell). The coarse equations are the sums of the fine
// equations of a block, with the correction taken constant in the block:
//
//   aP_C = sum_f aP_f - sum(links between two active cells of the block)
//   a_s,C = sum of the fine links that cross from C into its neighbour s
//
// so closed faces (zero links), conductivity jumps and inactive rows are
// respected at every level by construction, with no geometric knowledge. The
// coarsest level (<= coarsest_cells) is solved by Eigen's complete orthogonal
// decomposition, which also gives the minimum-norm answer for the singular
// all-Neumann pressure-correction systems of closed cavities.
//
// Used as the preconditioner of the Krylov solvers (krylov.hpp): one V-cycle
// with red-black Gauss-Seidel smoothing, symmetric when the matrix is.

#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "solver/linear/linear_settings.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

// The coarsest level's direct solver: a dense complete orthogonal
// decomposition of the active unknowns (aP != 0), minimum-norm for singular
// systems. Also used by the device multigrid (cuda/device_linear.hpp), which
// solves its coarsest level on the host.
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

class AdditiveCorrectionMultigrid {
 public:
  using Settings = MultigridSettings;

  AdditiveCorrectionMultigrid() = default;
  explicit AdditiveCorrectionMultigrid(Settings s) : settings_(s) {}

  // Builds the coarse levels from the fine system (kept by reference: it must
  // outlive the use of this object and keep its coefficients).
  void build(const Stencil7& fine);

  // z = M^-1 r: one V-cycle from z = 0.
  void apply(const std::vector<double>& r, std::vector<double>& z);

  int level_count() const { return static_cast<int>(coarse_.size()) + 1; }
  const Settings& settings() const { return settings_; }
  // The system of a level (0: the fine system given to build()).
  ConstStencilView level_view(int level) const;

 private:
  void v_cycle(int level);
  void smooth(int level, int sweeps, bool reverse_colours);
  void solve_coarsest();
  double* x_at(int level) { return level == 0 ? x0_ : x_[level].data(); }
  const double* rhs_at(int level) const { return level == 0 ? rhs0_ : rhs_[level].data(); }

  Settings settings_;
  const Stencil7* fine_ = nullptr;
  std::vector<Stencil7> coarse_;                         // levels 1..L-1
  std::vector<std::vector<double>> x_, rhs_, residual_;  // per level (x_, rhs_ unused at 0)
  double* x0_ = nullptr;                                 // level 0: the caller's z during apply()
  const double* rhs0_ = nullptr;                         // level 0: the caller's r during apply()
  CoarsestSolver coarsest_solver_;
};

}  // namespace rt
