#pragma once
// Krylov solvers for a seven-point system A x = b (b is the stencil's own
// b), preconditioned (one multigrid V-cycle, multigrid_on.hpp), written once
// for both backends (solver/parallel/host_backend.hpp,
// cuda/device_backend.cuh):
//   - conjugate gradients for the symmetric pressure-correction equation,
//   - BiCGSTAB (van der Vorst 1992) for the non-symmetric energy equation.
// Only active rows (aP != 0) take part; inactive entries of x are not
// touched. The element-wise updates that feed a norm are fused with it (one
// pass over the vectors instead of three). The scalars live on the host, so
// on a device every reduction is a synchronisation.
//
// Preconditioner: apply(const double* r, double* z), z = M^-1 r.
// Workspace: ensure(n) and v[0..7], Backend::Vectors kept between solves (a
// solve per outer iteration would otherwise allocate eight field-sized
// vectors every time).

#include <cmath>
#include <cstddef>

#include "solver/linear/linear_settings.hpp"
#include "solver/linear/stencil7.hpp"
#include "solver/linear/stencil7_k.hpp"

namespace rt {

template <class Backend>
struct KrylovWorkspaceOn {
  typename Backend::Vector v[8];
  void ensure(std::size_t n) {
    for (auto& w : v) w.resize(n);
  }
};

namespace krylov_steps {

inline bool done(double r, double r0, const LinearSolveSettings& s) {
  return r <= s.relative_tolerance * r0 || r <= s.absolute_tolerance;
}

template <class Backend>
double dot(const double* a, const double* b, std::size_t n) {
  return Backend::sum_over_range(n, [=] RT_HOST_DEVICE(std::size_t m) { return a[m] * b[m]; });
}

// y = A x, returning y . other (other == nullptr: y . y).
template <class Backend>
double apply_dot(const ConstStencilView& A, const double* x, double* y, const double* other) {
  Backend::for_each_point(A.ext, [=] RT_HOST_DEVICE(int i, int j, int k) {
    y[A.ext.index(i, j, k)] = row_apply(A, x, i, j, k);
  });
  return dot<Backend>(other ? other : y, y, A.ext.size());
}

}  // namespace krylov_steps

// r = b - A x over the active rows (0 elsewhere); returns ||r||_2.
template <class Backend>
double residual_on(const ConstStencilView& A, const double* x, double* r) {
  Backend::for_each_point(A.ext, [=] RT_HOST_DEVICE(int i, int j, int k) {
    r[A.ext.index(i, j, k)] = row_residual(A, x, A.b, i, j, k);
  });
  return std::sqrt(krylov_steps::dot<Backend>(r, r, A.ext.size()));
}

template <class Backend, class Preconditioner, class Workspace>
LinearSolveReport solve_cg_on(const ConstStencilView& A, double* x, Preconditioner& M,
                              const LinearSolveSettings& s, Workspace& work) {
  using krylov_steps::done;
  const std::size_t n = A.ext.size();
  work.ensure(n);
  double *r = work.v[0].data(), *z = work.v[1].data(), *p = work.v[2].data(), *q = work.v[3].data();
  LinearSolveReport rep;
  rep.initial_residual = rep.final_residual = residual_on<Backend>(A, x, r);
  if (rep.initial_residual == 0.0 || done(rep.initial_residual, rep.initial_residual * 2, s)) {
    rep.converged = true;
    return rep;
  }
  M.apply(r, z);
  Backend::copy(z, p, n);
  double rz = krylov_steps::dot<Backend>(r, z, n);
  for (int it = 1; it <= s.max_iterations; ++it) {
    const double pq = krylov_steps::apply_dot<Backend>(A, p, q, p);
    if (pq == 0.0 || !std::isfinite(pq)) break;
    const double alpha = rz / pq;
    rep.iterations = it;
    // x += alpha p, r -= alpha q, and |r|^2.
    rep.final_residual = std::sqrt(Backend::sum_over_range(n, [=] RT_HOST_DEVICE(std::size_t m) {
      x[m] += alpha * p[m];
      const double v = r[m] + (-alpha) * q[m];
      r[m] = v;
      return v * v;
    }));
    if (done(rep.final_residual, rep.initial_residual, s)) {
      rep.converged = true;
      break;
    }
    M.apply(r, z);
    const double rz_new = krylov_steps::dot<Backend>(r, z, n);
    const double beta = rz_new / rz;
    rz = rz_new;
    Backend::for_each_index(n, [=] RT_HOST_DEVICE(std::size_t m) { p[m] = z[m] + beta * p[m]; });
  }
  Backend::finish("CG");
  return rep;
}

template <class Backend, class Preconditioner, class Workspace>
LinearSolveReport solve_bicgstab_on(const ConstStencilView& A, double* x, Preconditioner& M,
                                    const LinearSolveSettings& s, Workspace& work) {
  using krylov_steps::done;
  const std::size_t n = A.ext.size();
  work.ensure(n);
  double *r = work.v[0].data(), *r_hat = work.v[1].data(), *p = work.v[2].data(),
         *p_hat = work.v[3].data(), *nu = work.v[4].data(), *s_vec = work.v[5].data(),
         *s_hat = work.v[6].data(), *t = work.v[7].data();
  // The first direction update reads p and nu: they must start at zero.
  Backend::fill_zero(p, n);
  Backend::fill_zero(nu, n);
  LinearSolveReport rep;
  rep.initial_residual = rep.final_residual = residual_on<Backend>(A, x, r);
  if (rep.initial_residual == 0.0 || done(rep.initial_residual, rep.initial_residual * 2, s)) {
    rep.converged = true;
    return rep;
  }
  Backend::copy(r, r_hat, n);
  double rho = 1.0, alpha = 1.0, omega = 1.0;
  for (int it = 1; it <= s.max_iterations; ++it) {
    const double rho_new = krylov_steps::dot<Backend>(r_hat, r, n);
    if (rho_new == 0.0 || !std::isfinite(rho_new)) break;
    const double beta = (rho_new / rho) * (alpha / omega);
    rho = rho_new;
    {
      const double w = omega;
      Backend::for_each_index(
          n, [=] RT_HOST_DEVICE(std::size_t m) { p[m] = r[m] + beta * (p[m] - w * nu[m]); });
    }
    M.apply(p, p_hat);
    const double rn = krylov_steps::apply_dot<Backend>(A, p_hat, nu, r_hat);
    if (rn == 0.0 || !std::isfinite(rn)) break;
    alpha = rho / rn;
    rep.iterations = it;
    const double a = alpha;
    // s = r - alpha nu, and |s|^2.
    const double s_norm = std::sqrt(Backend::sum_over_range(n, [=] RT_HOST_DEVICE(std::size_t m) {
      const double v = r[m] - a * nu[m];
      s_vec[m] = v;
      return v * v;
    }));
    if (done(s_norm, rep.initial_residual, s)) {
      Backend::for_each_index(n, [=] RT_HOST_DEVICE(std::size_t m) { x[m] += a * p_hat[m]; });
      rep.final_residual = s_norm;
      rep.converged = true;
      break;
    }
    M.apply(s_vec, s_hat);
    const double tt = krylov_steps::apply_dot<Backend>(A, s_hat, t, nullptr);
    omega = tt > 0.0 ? krylov_steps::dot<Backend>(t, s_vec, n) / tt : 0.0;
    const double w = omega;
    // x += alpha p_hat + omega s_hat, r = s - omega t, and |r|^2.
    rep.final_residual = std::sqrt(Backend::sum_over_range(n, [=] RT_HOST_DEVICE(std::size_t m) {
      x[m] += a * p_hat[m] + w * s_hat[m];
      const double v = s_vec[m] - w * t[m];
      r[m] = v;
      return v * v;
    }));
    if (done(rep.final_residual, rep.initial_residual, s)) {
      rep.converged = true;
      break;
    }
    if (omega == 0.0) break;
  }
  Backend::finish("BiCGSTAB");
  return rep;
}

}  // namespace rt
