#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "cuda/cuda_check.hpp"
#include "cuda/device_assembly.hpp"
#include "cuda/device_bench.hpp"
#include "cuda/device_flow_state.hpp"

namespace rt {

namespace {

__global__ void copy_kernel(double* a, const double* b, std::size_t n) {
  const std::size_t stride = static_cast<std::size_t>(blockDim.x) * gridDim.x;
  for (std::size_t m = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; m < n;
       m += stride)
    a[m] = b[m];
}

__global__ void triad_kernel(double* a, const double* b, const double* c, double s, std::size_t n) {
  const std::size_t stride = static_cast<std::size_t>(blockDim.x) * gridDim.x;
  for (std::size_t m = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; m < n;
       m += stride)
    a[m] = b[m] + s * c[m];
}

__global__ void fill_kernel(double* a, double value, std::size_t n) {
  const std::size_t stride = static_cast<std::size_t>(blockDim.x) * gridDim.x;
  for (std::size_t m = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; m < n;
       m += stride)
    a[m] = value;
}

struct DeviceArray {
  double* p = nullptr;
  explicit DeviceArray(std::size_t n) {
    cuda::check(cudaMalloc(&p, n * sizeof(double)), "cudaMalloc");
  }
  ~DeviceArray() { cudaFree(p); }
};

// Best time of `reps` runs of launch(), in seconds, timed with events.
template <class Launch>
double best_time(int reps, Launch launch) {
  cudaEvent_t start, stop;
  cuda::check(cudaEventCreate(&start), "cudaEventCreate");
  cuda::check(cudaEventCreate(&stop), "cudaEventCreate");
  launch();  // warm-up
  cuda::check(cudaDeviceSynchronize(), "warm-up");
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    cudaEventRecord(start);
    launch();
    cudaEventRecord(stop);
    cuda::check(cudaEventSynchronize(stop), "timed kernel");
    float ms = 0;
    cudaEventElapsedTime(&ms, start, stop);
    best = std::min(best, 1e-3 * ms);
  }
  cudaEventDestroy(start);
  cudaEventDestroy(stop);
  return best;
}

}  // namespace

DeviceBandwidth measure_device_bandwidth(std::size_t mb_per_array, int reps) {
  DeviceBandwidth out;
  int dev = 0;
  cuda::check(cudaGetDevice(&dev), "cudaGetDevice");
  cudaDeviceProp prop{};
  cuda::check(cudaGetDeviceProperties(&prop, dev), "cudaGetDeviceProperties");
  char name[512];
  std::snprintf(name, sizeof name, "%s, %.1f GiB, sm_%d%d", prop.name,
                static_cast<double>(prop.totalGlobalMem) / (1024.0 * 1024.0 * 1024.0), prop.major,
                prop.minor);
  out.device = name;
  const std::size_t n = mb_per_array * 1000000 / sizeof(double);
  DeviceArray a(n), b(n), c(n);
  const int threads = 256;
  const int blocks = prop.multiProcessorCount * 8;
  fill_kernel<<<blocks, threads>>>(a.p, 0.0, n);
  fill_kernel<<<blocks, threads>>>(b.p, 1.0, n);
  fill_kernel<<<blocks, threads>>>(c.p, 2.0, n);
  cuda::check(cudaGetLastError(), "fill");
  const double t_copy = best_time(reps, [&] { copy_kernel<<<blocks, threads>>>(a.p, b.p, n); });
  const double t_triad =
      best_time(reps, [&] { triad_kernel<<<blocks, threads>>>(a.p, b.p, c.p, 3.0, n); });
  cuda::check(cudaGetLastError(), "bandwidth kernels");
  // Check the triad did its work: a = 1 + 3 * 2 = 7 everywhere (sampled).
  double sample[2] = {0, 0};
  cuda::check(cudaMemcpy(&sample[0], a.p, sizeof(double), cudaMemcpyDeviceToHost), "check");
  cuda::check(cudaMemcpy(&sample[1], a.p + n - 1, sizeof(double), cudaMemcpyDeviceToHost), "check");
  if (sample[0] != 7.0 || sample[1] != 7.0)
    throw std::runtime_error("device triad gave a wrong result");
  out.copy_GB_s = 16.0 * static_cast<double>(n) / t_copy / 1e9;
  out.triad_GB_s = 24.0 * static_cast<double>(n) / t_triad / 1e9;
  return out;
}

DeviceAssemblyRate measure_device_momentum_assembly(FlowState& host, int reps) {
  DeviceFlowState dev(host);
  const FlowView v = dev.view();
  std::unique_ptr<DeviceStencil> S[3];
  DeviceAssemblyRate out;
  out.device_bytes = dev.bytes();
  for (int a = 0; a < 3; ++a) {
    S[a] = std::make_unique<DeviceStencil>(v.faces(a));
    out.points += v.faces(a).size();
    out.device_bytes += 8 * sizeof(double) * v.faces(a).size();
  }
  const auto assemble_all = [&] {
    for (int a = 0; a < 3; ++a) assemble_momentum_on_device(v, S[a]->view(), a, 0.7, 0.0);
  };
  assemble_all();  // warm-up
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    assemble_all();  // synchronous: returns when the kernels are done
    best = std::min(best,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  out.seconds = best;
  out.points_per_s = static_cast<double>(out.points) / best;
  return out;
}

}  // namespace rt
