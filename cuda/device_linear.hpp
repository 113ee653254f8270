#pragma once
// The linear solvers on the device (issue 6): krylov_on.hpp and
// multigrid_on.hpp, the algorithms the CPU runs, instantiated on the device
// backend (device_backend.cuh) for a seven-point system whose arrays live
// in device memory (a DeviceStencil, cuda/device_flow_state.hpp):
//
//   - FP64 reductions (dot product, 2-norm, max-norm) over device arrays:
//     a deterministic two-pass block reduction (cuda/launch.cuh).
//   - The red-black Gauss-Seidel smoother: the per-point update of
//     stencil7_k.hpp over the points of one colour, then the other; the same
//     values as the CPU's pipelined sweep of gauss_seidel_row.
//   - The additive-correction multigrid V-cycle, its coarse operators built
//     on the device; the coarsest level (<= coarsest_cells points) is solved
//     on the host by the CPU's dense solver (a few hundred bytes each way).
//   - CG and BiCGSTAB preconditioned by one V-cycle; the scalars live on the
//     host, so every reduction is a synchronisation.
//
// Same answers as the CPU to solver tolerance, not to the bit: nvcc contracts
// a * b + c into fused multiply-adds and the reductions add in another order,
// so iterates differ by round-off and iteration counts may differ by one or
// two when a residual lands near the tolerance.
//
// Plain C++ interface (device pointers as double*, no CUDA types): usable
// from .cpp files; only exists in builds with CUDA (RT_HAVE_CUDA). Every
// function is synchronous unless it says otherwise and throws
// std::runtime_error on a CUDA error. Not thread-safe: the reductions share
// one scratch buffer per process.

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "solver/linear/linear_settings.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

// An owning array of doubles in device memory (zeroed when allocated).
class DeviceVector {
 public:
  DeviceVector() = default;
  explicit DeviceVector(std::size_t n) { resize(n); }
  ~DeviceVector();
  DeviceVector(const DeviceVector&) = delete;
  DeviceVector& operator=(const DeviceVector&) = delete;
  DeviceVector(DeviceVector&& o) noexcept : p_(o.p_), n_(o.n_) {
    o.p_ = nullptr;
    o.n_ = 0;
  }
  DeviceVector& operator=(DeviceVector&& o) noexcept {
    std::swap(p_, o.p_);
    std::swap(n_, o.n_);
    return *this;
  }

  // Reallocates (and zeroes) when n differs from size().
  void resize(std::size_t n);
  std::size_t size() const { return n_; }
  double* data() { return p_; }
  const double* data() const { return p_; }
  void upload(const std::vector<double>& host);    // resizes to host.size()
  void download(std::vector<double>& host) const;  // resizes host to size()

 private:
  double* p_ = nullptr;
  std::size_t n_ = 0;
};

// Reductions over n doubles at device pointers, accumulated in FP64.
double device_dot(const double* x, const double* y, std::size_t n);
double device_norm2(const double* x, std::size_t n);
double device_norm_max(const double* x, std::size_t n);  // max |x|; NaN counts as +inf

// `sweeps` red-black Gauss-Seidel sweeps of A x = rhs, each the points with
// (i + j + k) % 2 == first_colour first: the CPU's
// red_black_sweep(ext, first_colour, gauss_seidel_row) (the momentum
// smoother and the multigrid's). A, x and rhs are device memory.
void device_gauss_seidel(const ConstStencilView& A, double* x, const double* rhs, int sweeps,
                         int first_colour);

// r = A.b - A x on the active rows (0 elsewhere); returns ||r||_2.
double device_residual(const ConstStencilView& A, const double* x, double* r);

class DeviceMultigrid {
 public:
  explicit DeviceMultigrid(MultigridSettings s = {});
  ~DeviceMultigrid();
  DeviceMultigrid(const DeviceMultigrid&) = delete;
  DeviceMultigrid& operator=(const DeviceMultigrid&) = delete;

  // Builds the coarse levels on the device from the fine system (device
  // arrays, kept by pointer: they must outlive the use of this object and
  // keep their coefficients) and factorises the coarsest on the host.
  void build(const ConstStencilView& fine);
  // z = M^-1 r (device arrays of the fine extent): one V-cycle from z = 0.
  void apply(const double* r, double* z);

  int level_count() const;
  // A coarse level's system (1 <= level < level_count()) into host (resized).
  void download_level(int level, Stencil7& host) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Work vectors kept between solves (eight field-sized device arrays).
struct DeviceKrylovWorkspace {
  DeviceVector v[8];
  void ensure(std::size_t n) {
    for (auto& w : v) w.resize(n);
  }
};

// CG and BiCGSTAB for A x = A.b with A, x in device memory; as
// solve_cg / solve_bicgstab of krylov.hpp (the preconditioner must have been
// built on A).
LinearSolveReport solve_cg_on_device(const ConstStencilView& A, double* x,
                                     DeviceMultigrid& preconditioner,
                                     const LinearSolveSettings& settings,
                                     DeviceKrylovWorkspace& work);
LinearSolveReport solve_bicgstab_on_device(const ConstStencilView& A, double* x,
                                           DeviceMultigrid& preconditioner,
                                           const LinearSolveSettings& settings,
                                           DeviceKrylovWorkspace& work);

}  // namespace rt
