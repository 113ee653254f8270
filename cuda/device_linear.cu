#include <cmath>
#include <memory>
#include <vector>

#include "cuda/coarsest_host.hpp"
#include "cuda/cuda_check.hpp"
#include "cuda/device_flow_state.hpp"
#include "cuda/device_linear.hpp"
#include "cuda/launch.cuh"
#include "solver/linear/multigrid_k.hpp"
#include "solver/linear/stencil7_k.hpp"

namespace rt {

namespace {

// ---- Per-point and per-element work, as functors copied into the kernels.

struct GaussSeidelPoint {
  ConstStencilView A;
  double* x;
  const double* rhs;
  __device__ void operator()(int i, int j, int k) const { gauss_seidel_update(A, x, rhs, i, j, k); }
};

struct ResidualPoint {
  ConstStencilView A;
  const double* x;
  const double* rhs;
  double* r;
  __device__ void operator()(int i, int j, int k) const {
    r[A.ext.index(i, j, k)] = row_residual(A, x, rhs, i, j, k);
  }
};

// r = rhs - A x at element m, returning r^2 (residual and its norm in one pass).
struct ResidualSquared {
  ConstStencilView A;
  const double* x;
  const double* rhs;
  double* r;
  __device__ double operator()(std::size_t m) const {
    int i, j, k;
    cuda::unflatten(A.ext, m, i, j, k);
    const double v = row_residual(A, x, rhs, i, j, k);
    r[m] = v;
    return v * v;
  }
};

// y = A x at element m, returning other[m] * y (other == nullptr: y * y).
struct ApplyDot {
  ConstStencilView A;
  const double* x;
  double* y;
  const double* other;
  __device__ double operator()(std::size_t m) const {
    int i, j, k;
    cuda::unflatten(A.ext, m, i, j, k);
    const double v = row_apply(A, x, i, j, k);
    y[m] = v;
    return (other ? other[m] : v) * v;
  }
};

struct CoarseOperatorPoint {
  ConstStencilView F;
  StencilView C;
  CoarseningSteps st;
  __device__ void operator()(int I, int J, int K) const {
    coarse_operator_point(F, C, st, I, J, K);
  }
};

struct RestrictPoint {
  Extent F, C;
  CoarseningSteps st;
  const double* res;
  double* crhs;
  double* cx;
  __device__ void operator()(int I, int J, int K) const {
    restrict_point(F, C, st, res, crhs, cx, I, J, K);
  }
};

struct ProlongPoint {
  ConstStencilView A;
  Extent C;
  CoarseningSteps st;
  double scale;
  const double* cx;
  double* xf;
  __device__ void operator()(int i, int j, int k) const {
    prolong_point(A, C, st, scale, cx, xf, i, j, k);
  }
};

struct Product {
  const double* x;
  const double* y;
  __device__ double operator()(std::size_t m) const { return x[m] * y[m]; }
};

struct AbsOrInf {
  const double* x;
  __device__ double operator()(std::size_t m) const {
    const double v = x[m];
    return isnan(v) ? __longlong_as_double(0x7ff0000000000000LL) : fabs(v);
  }
};

struct Copy {
  const double* from;
  double* to;
  __device__ void operator()(std::size_t m) const { to[m] = from[m]; }
};

// CG: x += alpha p, r -= alpha q, returning r^2.
struct CgStep {
  double alpha;
  const double* p;
  const double* q;
  double* x;
  double* r;
  __device__ double operator()(std::size_t m) const {
    x[m] += alpha * p[m];
    const double v = r[m] + (-alpha) * q[m];
    r[m] = v;
    return v * v;
  }
};

// CG: p = z + beta p.
struct CgDirection {
  double beta;
  const double* z;
  double* p;
  __device__ void operator()(std::size_t m) const { p[m] = z[m] + beta * p[m]; }
};

// BiCGSTAB: p = r + beta (p - omega nu).
struct BicgDirection {
  double beta, omega;
  const double* r;
  const double* nu;
  double* p;
  __device__ void operator()(std::size_t m) const { p[m] = r[m] + beta * (p[m] - omega * nu[m]); }
};

// BiCGSTAB: s = r - alpha nu, returning s^2.
struct BicgHalfStep {
  double alpha;
  const double* r;
  const double* nu;
  double* s;
  __device__ double operator()(std::size_t m) const {
    const double v = r[m] - alpha * nu[m];
    s[m] = v;
    return v * v;
  }
};

// BiCGSTAB: x += alpha p_hat (the early exit after the half step).
struct Axpy {
  double alpha;
  const double* x;
  double* y;
  __device__ void operator()(std::size_t m) const { y[m] += alpha * x[m]; }
};

// BiCGSTAB: x += alpha p_hat + omega s_hat, r = s - omega t, returning r^2.
struct BicgStep {
  double alpha, omega;
  const double* p_hat;
  const double* s_hat;
  const double* s;
  const double* t;
  double* x;
  double* r;
  __device__ double operator()(std::size_t m) const {
    x[m] += alpha * p_hat[m] + omega * s_hat[m];
    const double v = s[m] - omega * t[m];
    r[m] = v;
    return v * v;
  }
};

// ---- Reductions: one scratch buffer per process (kReduceBlocks partials
// and the result), allocated on first use.

double* reduce_scratch() {
  static double* scratch = nullptr;
  if (scratch == nullptr)
    cuda::check(cudaMalloc(&scratch, (cuda::kReduceBlocks + 1) * sizeof(double)), "cudaMalloc");
  return scratch;
}

template <class Op, class F>
double reduce(std::size_t n, const F& f) {
  double* scratch = reduce_scratch();
  cuda::reduce_over_range<Op>(n, f, scratch, scratch + cuda::kReduceBlocks);
  cuda::check(cudaGetLastError(), "reduction kernel launch");
  double out = 0.0;
  cuda::check(
      cudaMemcpy(&out, scratch + cuda::kReduceBlocks, sizeof(double), cudaMemcpyDeviceToHost),
      "reduction");
  return out;
}

template <class F>
double sum(std::size_t n, const F& f) {
  return reduce<cuda::SumOp>(n, f);
}

void launched(const char* what) { cuda::check(cudaGetLastError(), what); }

bool done(double r, double r0, const LinearSolveSettings& s) {
  return r <= s.relative_tolerance * r0 || r <= s.absolute_tolerance;
}

}  // namespace

// ---- DeviceVector

DeviceVector::~DeviceVector() { cudaFree(p_); }

void DeviceVector::resize(std::size_t n) {
  if (n == n_) return;
  cudaFree(p_);
  p_ = nullptr;
  n_ = 0;
  if (n == 0) return;
  cuda::check(cudaMalloc(&p_, n * sizeof(double)), "cudaMalloc");
  n_ = n;
  cuda::check(cudaMemset(p_, 0, n * sizeof(double)), "cudaMemset");
}

void DeviceVector::upload(const std::vector<double>& host) {
  resize(host.size());
  if (n_ == 0) return;
  cuda::check(cudaMemcpy(p_, host.data(), n_ * sizeof(double), cudaMemcpyHostToDevice),
              "cudaMemcpy to device");
}

void DeviceVector::download(std::vector<double>& host) const {
  host.resize(n_);
  if (n_ == 0) return;
  cuda::check(cudaMemcpy(host.data(), p_, n_ * sizeof(double), cudaMemcpyDeviceToHost),
              "cudaMemcpy to host");
}

// ---- Reductions, smoother, residual

double device_dot(const double* x, const double* y, std::size_t n) { return sum(n, Product{x, y}); }

double device_norm2(const double* x, std::size_t n) { return std::sqrt(sum(n, Product{x, x})); }

double device_norm_max(const double* x, std::size_t n) {
  if (n == 0) return 0.0;
  return reduce<cuda::MaxOp>(n, AbsOrInf{x});
}

void device_gauss_seidel(const ConstStencilView& A, double* x, const double* rhs, int sweeps,
                         int first_colour) {
  for (int s = 0; s < sweeps; ++s)
    cuda::red_black_sweep(A.ext, first_colour, GaussSeidelPoint{A, x, rhs});
  launched("Gauss-Seidel kernel launch");
  cuda::check(cudaDeviceSynchronize(), "Gauss-Seidel");
}

double device_residual(const ConstStencilView& A, const double* x, double* r) {
  return std::sqrt(sum(A.ext.size(), ResidualSquared{A, x, A.b, r}));
}

// ---- Multigrid

struct DeviceMultigrid::Impl {
  MultigridSettings settings;
  ConstStencilView fine{};
  std::vector<std::unique_ptr<DeviceStencil>> coarse;  // levels 1..L-1
  std::vector<DeviceVector> x, rhs, residual;          // per level (x, rhs unused at 0)
  HostCoarsestSolver coarsest;
  std::vector<double> host_rhs, host_x;  // the coarsest level's, on the host
  double* x0 = nullptr;                  // level 0: the caller's z during apply()
  const double* rhs0 = nullptr;          // level 0: the caller's r during apply()

  int levels() const { return static_cast<int>(coarse.size()) + 1; }
  ConstStencilView view(int level) const {
    return level == 0 ? fine : coarse[level - 1]->const_view();
  }
  double* x_at(int level) { return level == 0 ? x0 : x[level].data(); }
  const double* rhs_at(int level) const { return level == 0 ? rhs0 : rhs[level].data(); }

  void smooth(int level, int sweeps, bool reverse_colours) {
    const ConstStencilView A = view(level);
    for (int s = 0; s < sweeps; ++s)
      cuda::red_black_sweep(A.ext, reverse_colours ? 1 : 0,
                            GaussSeidelPoint{A, x_at(level), rhs_at(level)});
  }

  // Download the right-hand side, solve on the host, upload the answer. The
  // inactive entries stay 0, as the restriction left them.
  void solve_coarsest() {
    const int last = levels() - 1;
    const std::size_t n = view(last).ext.size();
    host_rhs.resize(n);
    host_x.assign(n, 0.0);
    cuda::check(
        cudaMemcpy(host_rhs.data(), rhs_at(last), n * sizeof(double), cudaMemcpyDeviceToHost),
        "coarsest level to host");
    coarsest.solve(host_rhs.data(), host_x.data());
    cuda::check(cudaMemcpy(x_at(last), host_x.data(), n * sizeof(double), cudaMemcpyHostToDevice),
                "coarsest level to device");
  }

  void v_cycle(int level) {
    if (level == levels() - 1) {
      solve_coarsest();
      return;
    }
    const ConstStencilView A = view(level);
    smooth(level, settings.pre_sweeps, false);
    double* res = residual[level].data();
    cuda::for_each_point(A.ext, ResidualPoint{A, x_at(level), rhs_at(level), res});
    const Extent C = view(level + 1).ext;
    const CoarseningSteps st = coarsening_steps(A.ext);
    double* cx = x_at(level + 1);
    cuda::for_each_point(C, RestrictPoint{A.ext, C, st, res, rhs[level + 1].data(), cx});
    launched("multigrid kernel launch");

    v_cycle(level + 1);

    cuda::for_each_point(A.ext,
                         ProlongPoint{A, C, st, settings.coarse_correction_scale, cx, x_at(level)});
    smooth(level, settings.post_sweeps, true);
    launched("multigrid kernel launch");
  }
};

DeviceMultigrid::DeviceMultigrid(MultigridSettings s) : impl_(std::make_unique<Impl>()) {
  impl_->settings = s;
}

DeviceMultigrid::~DeviceMultigrid() = default;

int DeviceMultigrid::level_count() const { return impl_->levels(); }

void DeviceMultigrid::build(const ConstStencilView& fine) {
  Impl& m = *impl_;
  m.fine = fine;
  const std::vector<Extent> extents =
      multigrid_level_extents(fine.ext, m.settings.coarsest_cells, m.settings.max_levels);
  m.coarse.resize(extents.size() - 1);
  m.x.resize(extents.size());
  m.rhs.resize(extents.size());
  m.residual.resize(extents.size());
  for (std::size_t l = 0; l < extents.size(); ++l) {
    const Extent& e = extents[l];
    if (l > 0) {
      std::unique_ptr<DeviceStencil>& c = m.coarse[l - 1];
      if (!c || c->view().ext.n[0] != e.n[0] || c->view().ext.n[1] != e.n[1] ||
          c->view().ext.n[2] != e.n[2])
        c = std::make_unique<DeviceStencil>(e);
      const ConstStencilView F = m.view(static_cast<int>(l) - 1);
      cuda::for_each_point(e, CoarseOperatorPoint{F, c->view(), coarsening_steps(F.ext)});
      launched("coarse operator kernel launch");
      m.x[l].resize(e.size());
      m.rhs[l].resize(e.size());
    }
    m.residual[l].resize(e.size());
  }
  // The coarsest system to the host, factorised there.
  const int last = m.levels() - 1;
  const Extent& ce = extents.back();
  Stencil7 host(ce);
  if (last == 0) {
    // A single level: the fine system itself is small enough.
    const StencilView h = host.view();
    const std::size_t n = ce.size();
    cuda::check(cudaMemcpy(h.aP, fine.aP, n * sizeof(double), cudaMemcpyDeviceToHost), "to host");
    for (int s = 0; s < kNeighbourSlots; ++s)
      cuda::check(cudaMemcpy(h.a[s], fine.a[s], n * sizeof(double), cudaMemcpyDeviceToHost),
                  "to host");
  } else {
    m.coarse[last - 1]->download(host);  // synchronises with the coarse-operator kernels
  }
  m.coarsest.factorise(static_cast<const Stencil7&>(host).view());
}

void DeviceMultigrid::apply(const double* r, double* z) {
  Impl& m = *impl_;
  const std::size_t n = m.fine.ext.size();
  if (n == 0) return;
  cuda::check(cudaMemset(z, 0, n * sizeof(double)), "cudaMemset");
  m.rhs0 = r;
  m.x0 = z;
  m.v_cycle(0);
}

void DeviceMultigrid::download_level(int level, Stencil7& host) const {
  const DeviceStencil& c = *impl_->coarse.at(static_cast<std::size_t>(level - 1));
  const Extent e = c.view().ext;
  const Extent& h = host.extent();
  if (h.n[0] != e.n[0] || h.n[1] != e.n[1] || h.n[2] != e.n[2]) host.resize(e);
  c.download(host);
}

// ---- Krylov solvers: krylov.cpp's recurrences with device vectors; the
// element-wise updates that feed a norm are fused with it.

LinearSolveReport solve_cg_on_device(const ConstStencilView& A, double* x, DeviceMultigrid& M,
                                     const LinearSolveSettings& s, DeviceKrylovWorkspace& work) {
  const std::size_t n = A.ext.size();
  work.ensure(n);
  double *r = work.v[0].data(), *z = work.v[1].data(), *p = work.v[2].data(), *q = work.v[3].data();
  LinearSolveReport rep;
  rep.initial_residual = rep.final_residual = device_residual(A, x, r);
  if (rep.initial_residual == 0.0 || done(rep.initial_residual, rep.initial_residual * 2, s)) {
    rep.converged = true;
    return rep;
  }
  M.apply(r, z);
  cuda::for_each_index(n, Copy{z, p});
  double rz = device_dot(r, z, n);
  for (int it = 1; it <= s.max_iterations; ++it) {
    const double pq = sum(n, ApplyDot{A, p, q, p});
    if (pq == 0.0 || !std::isfinite(pq)) break;
    const double alpha = rz / pq;
    rep.iterations = it;
    rep.final_residual = std::sqrt(sum(n, CgStep{alpha, p, q, x, r}));
    if (done(rep.final_residual, rep.initial_residual, s)) {
      rep.converged = true;
      break;
    }
    M.apply(r, z);
    const double rz_new = device_dot(r, z, n);
    const double beta = rz_new / rz;
    rz = rz_new;
    cuda::for_each_index(n, CgDirection{beta, z, p});
  }
  launched("CG kernel launch");
  cuda::check(cudaDeviceSynchronize(), "CG");
  return rep;
}

LinearSolveReport solve_bicgstab_on_device(const ConstStencilView& A, double* x, DeviceMultigrid& M,
                                           const LinearSolveSettings& s,
                                           DeviceKrylovWorkspace& work) {
  const std::size_t n = A.ext.size();
  work.ensure(n);
  double *r = work.v[0].data(), *r_hat = work.v[1].data(), *p = work.v[2].data(),
         *p_hat = work.v[3].data(), *nu = work.v[4].data(), *s_vec = work.v[5].data(),
         *s_hat = work.v[6].data(), *t = work.v[7].data();
  // The first direction update reads p and nu: they must start at zero.
  cuda::check(cudaMemset(p, 0, n * sizeof(double)), "cudaMemset");
  cuda::check(cudaMemset(nu, 0, n * sizeof(double)), "cudaMemset");
  LinearSolveReport rep;
  rep.initial_residual = rep.final_residual = device_residual(A, x, r);
  if (rep.initial_residual == 0.0 || done(rep.initial_residual, rep.initial_residual * 2, s)) {
    rep.converged = true;
    return rep;
  }
  cuda::for_each_index(n, Copy{r, r_hat});
  double rho = 1.0, alpha = 1.0, omega = 1.0;
  for (int it = 1; it <= s.max_iterations; ++it) {
    const double rho_new = device_dot(r_hat, r, n);
    if (rho_new == 0.0 || !std::isfinite(rho_new)) break;
    const double beta = (rho_new / rho) * (alpha / omega);
    rho = rho_new;
    cuda::for_each_index(n, BicgDirection{beta, omega, r, nu, p});
    M.apply(p, p_hat);
    const double rn = sum(n, ApplyDot{A, p_hat, nu, r_hat});
    if (rn == 0.0 || !std::isfinite(rn)) break;
    alpha = rho / rn;
    rep.iterations = it;
    const double s_norm = std::sqrt(sum(n, BicgHalfStep{alpha, r, nu, s_vec}));
    if (done(s_norm, rep.initial_residual, s)) {
      cuda::for_each_index(n, Axpy{alpha, p_hat, x});
      rep.final_residual = s_norm;
      rep.converged = true;
      break;
    }
    M.apply(s_vec, s_hat);
    const double tt = sum(n, ApplyDot{A, s_hat, t, nullptr});
    omega = tt > 0.0 ? device_dot(t, s_vec, n) / tt : 0.0;
    rep.final_residual = std::sqrt(sum(n, BicgStep{alpha, omega, p_hat, s_hat, s_vec, t, x, r}));
    if (done(rep.final_residual, rep.initial_residual, s)) {
      rep.converged = true;
      break;
    }
    if (omega == 0.0) break;
  }
  launched("BiCGSTAB kernel launch");
  cuda::check(cudaDeviceSynchronize(), "BiCGSTAB");
  return rep;
}

}  // namespace rt
