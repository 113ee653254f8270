#include "solver/linear/krylov.hpp"

#include <cmath>

#include "solver/linear/stencil7_k.hpp"
#include "solver/parallel/for_each.hpp"

namespace rt {
namespace {

void apply_operator(const ConstStencilView& A, const std::vector<double>& x,
                    std::vector<double>& y) {
  const double* xp = x.data();
  double* yp = y.data();
  for_each_point(
      A.ext, [=](int i, int j, int k) { yp[A.ext.index(i, j, k)] = row_apply(A, xp, i, j, k); });
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  const double* ap = a.data();
  const double* bp = b.data();
  return sum_over_range(a.size(), [=](std::size_t m) { return ap[m] * bp[m]; });
}

// y += alpha x
void axpy(double alpha, const std::vector<double>& x, std::vector<double>& y) {
  const double* xp = x.data();
  double* yp = y.data();
  for_each_index(x.size(), [=](std::size_t m) { yp[m] += alpha * xp[m]; });
}

bool done(double r, double r0, const LinearSolveSettings& s) {
  return r <= s.relative_tolerance * r0 || r <= s.absolute_tolerance;
}

}  // namespace

double compute_residual(const Stencil7& A, const std::vector<double>& x, std::vector<double>& r) {
  const ConstStencilView v = A.view();
  const double* xp = x.data();
  double* rp = r.data();
  for_each_point(v.ext, [=](int i, int j, int k) {
    rp[v.ext.index(i, j, k)] = row_residual(v, xp, v.b, i, j, k);
  });
  return std::sqrt(dot(r, r));
}

LinearSolveReport solve_cg(const Stencil7& A, std::vector<double>& x,
                           AdditiveCorrectionMultigrid& M, const LinearSolveSettings& s,
                           KrylovWorkspace& work) {
  const ConstStencilView v = A.view();
  const std::size_t n = v.ext.size();
  work.ensure(n);
  std::vector<double>&r = work.v[0], &z = work.v[1], &p = work.v[2], &q = work.v[3];
  LinearSolveReport rep;
  rep.initial_residual = rep.final_residual = compute_residual(A, x, r);
  if (rep.initial_residual == 0.0 || done(rep.initial_residual, rep.initial_residual * 2, s)) {
    rep.converged = true;
    return rep;
  }
  M.apply(r, z);
  p = z;
  double rz = dot(r, z);
  for (int it = 1; it <= s.max_iterations; ++it) {
    apply_operator(v, p, q);
    const double pq = dot(p, q);
    if (pq == 0.0 || !std::isfinite(pq)) break;
    const double alpha = rz / pq;
    axpy(alpha, p, x);
    axpy(-alpha, q, r);
    rep.iterations = it;
    rep.final_residual = std::sqrt(dot(r, r));
    if (done(rep.final_residual, rep.initial_residual, s)) {
      rep.converged = true;
      break;
    }
    M.apply(r, z);
    const double rz_new = dot(r, z);
    const double beta = rz_new / rz;
    rz = rz_new;
    double* pp = p.data();
    const double* zp = z.data();
    for_each_index(n, [=](std::size_t m) { pp[m] = zp[m] + beta * pp[m]; });
  }
  return rep;
}

LinearSolveReport solve_bicgstab(const Stencil7& A, std::vector<double>& x,
                                 AdditiveCorrectionMultigrid& M, const LinearSolveSettings& s,
                                 KrylovWorkspace& work) {
  const ConstStencilView v = A.view();
  const std::size_t n = v.ext.size();
  work.ensure(n);
  std::vector<double>&r = work.v[0], &r_hat = work.v[1], &p = work.v[2], &p_hat = work.v[3],
  &nu = work.v[4], &s_vec = work.v[5], &s_hat = work.v[6], &t = work.v[7];
  // The first direction update reads p and nu: they must start at zero.
  std::fill(p.begin(), p.end(), 0.0);
  std::fill(nu.begin(), nu.end(), 0.0);
  LinearSolveReport rep;
  rep.initial_residual = rep.final_residual = compute_residual(A, x, r);
  if (rep.initial_residual == 0.0 || done(rep.initial_residual, rep.initial_residual * 2, s)) {
    rep.converged = true;
    return rep;
  }
  r_hat = r;
  double rho = 1.0, alpha = 1.0, omega = 1.0;
  for (int it = 1; it <= s.max_iterations; ++it) {
    const double rho_new = dot(r_hat, r);
    if (rho_new == 0.0 || !std::isfinite(rho_new)) break;
    const double beta = (rho_new / rho) * (alpha / omega);
    rho = rho_new;
    {
      double* pp = p.data();
      const double* rp = r.data();
      const double* np = nu.data();
      for_each_index(n, [=](std::size_t m) { pp[m] = rp[m] + beta * (pp[m] - omega * np[m]); });
    }
    M.apply(p, p_hat);
    apply_operator(v, p_hat, nu);
    const double rn = dot(r_hat, nu);
    if (rn == 0.0 || !std::isfinite(rn)) break;
    alpha = rho / rn;
    {
      double* sp = s_vec.data();
      const double* rp = r.data();
      const double* np = nu.data();
      for_each_index(n, [=](std::size_t m) { sp[m] = rp[m] - alpha * np[m]; });
    }
    rep.iterations = it;
    const double s_norm = std::sqrt(dot(s_vec, s_vec));
    if (done(s_norm, rep.initial_residual, s)) {
      axpy(alpha, p_hat, x);
      rep.final_residual = s_norm;
      rep.converged = true;
      break;
    }
    M.apply(s_vec, s_hat);
    apply_operator(v, s_hat, t);
    const double tt = dot(t, t);
    omega = tt > 0.0 ? dot(t, s_vec) / tt : 0.0;
    {
      double* xp = x.data();
      const double* ph = p_hat.data();
      const double* sh = s_hat.data();
      const double a = alpha, w = omega;
      for_each_index(n, [=](std::size_t m) { xp[m] += a * ph[m] + w * sh[m]; });
      double* rp = r.data();
      const double* sp = s_vec.data();
      const double* tp = t.data();
      for_each_index(n, [=](std::size_t m) { rp[m] = sp[m] - w * tp[m]; });
    }
    rep.final_residual = std::sqrt(dot(r, r));
    if (done(rep.final_residual, rep.initial_residual, s)) {
      rep.converged = true;
      break;
    }
    if (omega == 0.0) break;
  }
  return rep;
}

}  // namespace rt
