#pragma once
// The CUDA backend of the algorithms written once for both backends
// (solver/linear/krylov_on.hpp, multigrid_on.hpp): device memory and the
// launchers of launch.cuh, the same interface as
// solver/parallel/host_backend.hpp (which lists it). Included by .cu files
// only; the loop bodies are the algorithms' RT_HOST_DEVICE lambdas (nvcc
// --extended-lambda).
//
// Differences from the host backend that show in the answers (round-off
// only): nvcc contracts a * b + c into fused multiply-adds, the reductions
// add in another order (deterministically: two passes, no atomics), and
// the red-black sweep runs each colour over the whole extent instead of
// pipelining the colours over z-planes (same values).

#include <cuda_runtime.h>

#include <cstddef>
#include <vector>

#include "cuda/coarsest_host.hpp"
#include "cuda/cuda_check.hpp"
#include "cuda/device_flow_state.hpp"
#include "cuda/device_linear.hpp"
#include "cuda/launch.cuh"
#include "solver/linear/stencil7.hpp"
#include "solver/linear/stencil7_k.hpp"

namespace rt {

// The coarsest multigrid level solved on the host: downloaded once when
// factorised, its right-hand side down and its answer up on every V-cycle
// (a few hundred bytes each way).
class DeviceCoarsestSolver {
 public:
  // A's arrays are device memory.
  void factorise(const ConstStencilView& A) {
    Stencil7 host(A.ext);
    const StencilView h = host.view();
    const std::size_t n = A.ext.size();
    cuda::check(cudaMemcpy(h.aP, A.aP, n * sizeof(double), cudaMemcpyDeviceToHost),
                "coarsest level to host");
    for (int s = 0; s < kNeighbourSlots; ++s)
      cuda::check(cudaMemcpy(h.a[s], A.a[s], n * sizeof(double), cudaMemcpyDeviceToHost),
                  "coarsest level to host");
    solver_.factorise(host.const_view());
    n_ = n;
  }
  // x = A^-1 rhs (device arrays); the inactive entries of x are set to 0.
  void solve(const double* rhs, double* x) {
    host_rhs_.resize(n_);
    host_x_.assign(n_, 0.0);
    cuda::check(cudaMemcpy(host_rhs_.data(), rhs, n_ * sizeof(double), cudaMemcpyDeviceToHost),
                "coarsest level to host");
    solver_.solve(host_rhs_.data(), host_x_.data());
    cuda::check(cudaMemcpy(x, host_x_.data(), n_ * sizeof(double), cudaMemcpyHostToDevice),
                "coarsest level to device");
  }

 private:
  HostCoarsestSolver solver_;
  std::size_t n_ = 0;
  std::vector<double> host_rhs_, host_x_;
};

struct DeviceBackend {
  using Vector = DeviceVector;
  using Stencil = DeviceStencil;
  using CoarsestSolver = DeviceCoarsestSolver;

  template <class F>
  static void for_each_point(const Extent& e, F f) {
    cuda::for_each_point(e, f);
  }
  template <class F>
  static void for_each_index(std::size_t n, F f) {
    cuda::for_each_index(n, f);
  }
  // Synchronous: the sum comes back to the host.
  template <class F>
  static double sum_over_range(std::size_t n, F f) {
    return reduce<cuda::SumOp>(n, f);
  }
  template <class Op, class F>
  static double reduce(std::size_t n, F f) {
    double* scratch = reduce_scratch();
    cuda::reduce_over_range<Op>(n, f, scratch, scratch + cuda::kReduceBlocks);
    cuda::check(cudaGetLastError(), "reduction kernel launch");
    double out = 0.0;
    cuda::check(
        cudaMemcpy(&out, scratch + cuda::kReduceBlocks, sizeof(double), cudaMemcpyDeviceToHost),
        "reduction");
    return out;
  }
  // Synchronous: the three sums come back to the host.
  template <class F>
  static Sums3 sums_over_points(const Extent& e, F f) {
    double* scratch = sums3_scratch();
    double* out = scratch + 3 * cuda::kReduceBlocks;
    cuda::sums3_over_points(e, f, scratch, out);
    cuda::check(cudaGetLastError(), "reduction kernel launch");
    double host[3] = {0.0, 0.0, 0.0};
    cuda::check(cudaMemcpy(host, out, sizeof(host), cudaMemcpyDeviceToHost), "reduction");
    return {host[0], host[1], host[2]};
  }
  // Each colour is a reduction over its points that updates them
  // (gauss_seidel_update_measured); the sum comes back to the host.
  static double measured_sweep(const ConstStencilView& A, double* x, const double* rhs,
                               int first_colour) {
    double total = 0.0;
    for (int colour : {first_colour, 1 - first_colour}) {
      const Extent e = A.ext;
      total += reduce<cuda::SumOp>(cuda::colour_thread_count(e), [=] __device__(std::size_t m) {
        int i, j, k;
        if (!cuda::colour_point(e, colour, m, i, j, k)) return 0.0;
        return gauss_seidel_update_measured(A, x, rhs, i, j, k);
      });
    }
    return total;
  }
  static void gauss_seidel_sweep(const ConstStencilView& A, double* x, const double* rhs,
                                 int first_colour) {
    cuda::red_black_sweep(A.ext, first_colour, [=] __device__(int i, int j, int k) {
      gauss_seidel_update(A, x, rhs, i, j, k);
    });
  }
  static void fill_zero(double* p, std::size_t n) {
    if (n > 0) cuda::check(cudaMemset(p, 0, n * sizeof(double)), "cudaMemset");
  }
  static void copy(const double* from, double* to, std::size_t n) {
    if (n > 0)
      cuda::check(cudaMemcpy(to, from, n * sizeof(double), cudaMemcpyDeviceToDevice), "cudaMemcpy");
  }
  static void finish(const char* what) {
    cuda::check(cudaGetLastError(), what);
    cuda::check(cudaDeviceSynchronize(), what);
  }

 private:
  // kReduceBlocks partials and the result, one buffer per process (the
  // reductions are not thread-safe), allocated on first use.
  static double* reduce_scratch() {
    static double* scratch = nullptr;
    if (scratch == nullptr)
      cuda::check(cudaMalloc(&scratch, (cuda::kReduceBlocks + 1) * sizeof(double)), "cudaMalloc");
    return scratch;
  }
  // 3 kReduceBlocks partials and the three sums.
  static double* sums3_scratch() {
    static double* scratch = nullptr;
    if (scratch == nullptr)
      cuda::check(cudaMalloc(&scratch, (3 * cuda::kReduceBlocks + 3) * sizeof(double)),
                  "cudaMalloc");
    return scratch;
  }
};

}  // namespace rt
