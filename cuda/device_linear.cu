// The device linear solvers: krylov_on.hpp and multigrid_on.hpp on the
// device backend (device_backend.cuh), plus the device arrays and the
// reductions the tests and the bench call directly.

#include <cmath>
#include <memory>
#include <vector>

#include "cuda/cuda_check.hpp"
#include "cuda/device_backend.cuh"
#include "cuda/device_flow_state.hpp"
#include "cuda/device_linear.hpp"
#include "cuda/launch.cuh"
#include "solver/linear/krylov_on.hpp"
#include "solver/linear/multigrid_on.hpp"

namespace rt {

template class MultigridOn<DeviceBackend>;

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

double device_dot(const double* x, const double* y, std::size_t n) {
  return krylov_steps::dot<DeviceBackend>(x, y, n);
}

double device_norm2(const double* x, std::size_t n) { return std::sqrt(device_dot(x, x, n)); }

double device_norm_max(const double* x, std::size_t n) {
  if (n == 0) return 0.0;
  return DeviceBackend::reduce<cuda::MaxOp>(n, [=] __device__(std::size_t m) {
    const double v = x[m];
    return isnan(v) ? __longlong_as_double(0x7ff0000000000000LL) : fabs(v);
  });
}

void device_gauss_seidel(const ConstStencilView& A, double* x, const double* rhs, int sweeps,
                         int first_colour) {
  for (int s = 0; s < sweeps; ++s) DeviceBackend::gauss_seidel_sweep(A, x, rhs, first_colour);
  DeviceBackend::finish("Gauss-Seidel");
}

double device_residual(const ConstStencilView& A, const double* x, double* r) {
  return residual_on<DeviceBackend>(A, x, r);
}

// ---- Multigrid

struct DeviceMultigrid::Impl {
  explicit Impl(MultigridSettings s) : levels(s) {}
  MultigridOn<DeviceBackend> levels;
};

DeviceMultigrid::DeviceMultigrid(MultigridSettings s) : impl_(std::make_unique<Impl>(s)) {}

DeviceMultigrid::~DeviceMultigrid() = default;

int DeviceMultigrid::level_count() const { return impl_->levels.level_count(); }

void DeviceMultigrid::build(const ConstStencilView& fine) { impl_->levels.build(fine); }

void DeviceMultigrid::apply(const double* r, double* z) { impl_->levels.apply(r, z); }

void DeviceMultigrid::download_level(int level, Stencil7& host) const {
  const ConstStencilView v = impl_->levels.level_view(level);
  const Extent& h = host.extent();
  if (h.n[0] != v.ext.n[0] || h.n[1] != v.ext.n[1] || h.n[2] != v.ext.n[2]) host.resize(v.ext);
  const StencilView hv = host.view();
  const std::size_t n = v.ext.size();
  cuda::check(cudaMemcpy(hv.aP, v.aP, n * sizeof(double), cudaMemcpyDeviceToHost), "to host");
  cuda::check(cudaMemcpy(hv.b, v.b, n * sizeof(double), cudaMemcpyDeviceToHost), "to host");
  for (int s = 0; s < kNeighbourSlots; ++s)
    cuda::check(cudaMemcpy(hv.a[s], v.a[s], n * sizeof(double), cudaMemcpyDeviceToHost), "to host");
}

// ---- Krylov solvers

LinearSolveReport solve_cg_on_device(const ConstStencilView& A, double* x, DeviceMultigrid& M,
                                     const LinearSolveSettings& s, DeviceKrylovWorkspace& work) {
  return solve_cg_on<DeviceBackend>(A, x, M, s, work);
}

LinearSolveReport solve_bicgstab_on_device(const ConstStencilView& A, double* x, DeviceMultigrid& M,
                                           const LinearSolveSettings& s,
                                           DeviceKrylovWorkspace& work) {
  return solve_bicgstab_on<DeviceBackend>(A, x, M, s, work);
}

}  // namespace rt
