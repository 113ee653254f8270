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
template <class View>
RT_HOST_DEVICE inline void gauss_seidel_update(const View& A, double* x, const double* rhs, int i,
                                               int j, int k) {
  const std::size_t p = A.ext.index(i, j, k);
  if (A.aP[p] == 0.0) return;
  x[p] = (rhs[p] + neighbour_sum(A, x, i, j, k)) / A.aP[p];
}

}  // namespace rt
