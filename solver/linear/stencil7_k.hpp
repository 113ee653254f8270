#pragma once
// Per-point operations on a seven-point system (see stencil7.hpp): the
// neighbour sum, the residual and the Gauss-Seidel update. Shared by the
// smoother, the Krylov solvers and the multigrid levels on both backends.

#include "solver/core/host_device.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

// sum_s a_s x_s at point (i,j,k); neighbours outside the extent have a_s == 0
// by construction and are not read.
template <class View>
RT_HOST_DEVICE inline double neighbour_sum(const View& A, const double* x, int i, int j, int k) {
  const std::size_t p = A.ext.index(i, j, k);
  const int idx[3] = {i, j, k};
  double s = 0.0;
  for (int axis = 0; axis < 3; ++axis) {
    const std::size_t st = A.ext.stride(axis);
    if (idx[axis] > 0) s += A.a[2 * axis][p] * x[p - st];
    if (idx[axis] < A.ext.n[axis] - 1) s += A.a[2 * axis + 1][p] * x[p + st];
  }
  return s;
}

// r = b + sum a_s x_s - aP x_P (zero for inactive rows).
template <class View>
RT_HOST_DEVICE inline double row_residual(const View& A, const double* x, const double* rhs, int i,
                                          int j, int k) {
  const std::size_t p = A.ext.index(i, j, k);
  if (A.aP[p] == 0.0) return 0.0;
  return rhs[p] + neighbour_sum(A, x, i, j, k) - A.aP[p] * x[p];
}

// (A x)_P = aP x_P - sum a_s x_s: the operator the Krylov solvers apply.
template <class View>
RT_HOST_DEVICE inline double row_apply(const View& A, const double* x, int i, int j, int k) {
  const std::size_t p = A.ext.index(i, j, k);
  if (A.aP[p] == 0.0) return 0.0;
  return A.aP[p] * x[p] - neighbour_sum(A, x, i, j, k);
}

// Gauss-Seidel: solve row P for x_P with the neighbours as they are now.
// The per-point form (for a GPU thread per point); the CPU sweeps use
// gauss_seidel_row below, which must give the same values.
template <class View>
RT_HOST_DEVICE inline void gauss_seidel_update(const View& A, double* x, const double* rhs, int i,
                                               int j, int k) {
  const std::size_t p = A.ext.index(i, j, k);
  if (A.aP[p] == 0.0) return;
  x[p] = (rhs[p] + neighbour_sum(A, x, i, j, k)) / A.aP[p];
}

// gauss_seidel_update returning what gauss_seidel_row sums for the point:
// its squared residual just before the update (aP times the change). The
// per-point form of the measured sweeps that stop the momentum solves.
template <class View>
RT_HOST_DEVICE inline double gauss_seidel_update_measured(const View& A, double* x,
                                                          const double* rhs, int i, int j, int k) {
  const std::size_t p = A.ext.index(i, j, k);
  if (A.aP[p] == 0.0) return 0.0;
  const double updated = (rhs[p] + neighbour_sum(A, x, i, j, k)) / A.aP[p];
  const double r = A.aP[p] * (updated - x[p]);
  x[p] = updated;
  return r * r;
}

// Gauss-Seidel over the points of one colour in the x-row (j, k): the same
// update as gauss_seidel_update, with the neighbour rows resolved once per
// row instead of once per point. A missing neighbour row across y (domain
// edge) is replaced by the row itself: its coefficient is zero, so it adds
// nothing. Missing rows across z are skipped instead: a 2-D case (one cell
// in z) has no z-neighbours anywhere, and their two products were a quarter
// of its smoother's arithmetic.
// Returns the sum of the squared residuals the points had just before their
// update (aP-scaled: the change of x times aP), a free measure of how far
// the sweep still is from the solution.
template <class View>
RT_HOST_DEVICE inline double gauss_seidel_row(const View& A, double* x, const double* rhs, int j,
                                              int k, int colour) {
  const Extent& e = A.ext;
  const int ni = e.n[0];
  const std::size_t row = e.index(0, j, k);
  const std::size_t sy = e.stride(1), sz = e.stride(2);
  const double* xs = j > 0 ? x + row - sy : x + row;
  const double* xn = j < e.n[1] - 1 ? x + row + sy : x + row;
  const bool has_b = k > 0, has_t = k < e.n[2] - 1;
  const double* xb = has_b ? x + row - sz : x + row;
  const double* xt = has_t ? x + row + sz : x + row;
  double* xr = x + row;
  const double* aP = A.aP + row;
  const double *aW = A.a[0] + row, *aE = A.a[1] + row, *aS = A.a[2] + row, *aN = A.a[3] + row;
  const double *aB = A.a[4] + row, *aT = A.a[5] + row;
  const double* b = rhs + row;
  double squared_residual = 0.0;
  for (int i = (j + k + colour) & 1; i < ni; i += 2) {
    if (aP[i] == 0.0) continue;
    // Summed in neighbour_sum's order, so both forms round alike.
    double sum = 0.0;
    if (i > 0) sum += aW[i] * xr[i - 1];
    if (i < ni - 1) sum += aE[i] * xr[i + 1];
    sum += aS[i] * xs[i];
    sum += aN[i] * xn[i];
    if (has_b) sum += aB[i] * xb[i];
    if (has_t) sum += aT[i] * xt[i];
    const double updated = (b[i] + sum) / aP[i];
    const double r = aP[i] * (updated - xr[i]);
    squared_residual += r * r;
    xr[i] = updated;
  }
  return squared_residual;
}

}  // namespace rt
