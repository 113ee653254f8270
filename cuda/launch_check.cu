#include "cuda/cuda_check.hpp"
#include "cuda/launch.cuh"
#include "cuda/launch_check.hpp"

namespace rt {

namespace {

struct CountVisit {
  Extent e;
  int* counts;
  __device__ void operator()(int i, int j, int k) const { atomicAdd(counts + e.index(i, j, k), 1); }
};

struct NeighbourMean {
  Extent e;
  double* x;
  __device__ void operator()(int i, int j, int k) const {
    double sum = 0.0;
    const int c[3] = {i, j, k};
    for (int a = 0; a < 3; ++a)
      for (int side = -1; side <= 1; side += 2) {
        int q[3] = {c[0], c[1], c[2]};
        q[a] += side;
        if (e.contains(q[0], q[1], q[2])) sum += x[e.index(q[0], q[1], q[2])];
      }
    x[e.index(i, j, k)] = 1.0 + sum / 8.0;
  }
};

}  // namespace

std::vector<int> device_visit_counts(const Extent& e, int colour) {
  const std::size_t n = e.size();
  int* counts = nullptr;
  cuda::check(cudaMalloc(&counts, n * sizeof(int) + sizeof(int)), "cudaMalloc");
  std::vector<int> out(n, 0);
  try {
    cuda::check(cudaMemset(counts, 0, n * sizeof(int) + sizeof(int)), "cudaMemset");
    if (colour < 0)
      cuda::for_each_point(e, CountVisit{e, counts});
    else
      cuda::for_each_point_of_colour(e, colour, CountVisit{e, counts});
    cuda::check(cudaGetLastError(), "launch");
    cuda::check(cudaMemcpy(out.data(), counts, n * sizeof(int), cudaMemcpyDeviceToHost),
                "cudaMemcpy");
  } catch (...) {
    cudaFree(counts);
    throw;
  }
  cudaFree(counts);
  return out;
}

std::vector<double> device_red_black_example(const Extent& e, int first_colour) {
  const std::size_t n = e.size();
  double* x = nullptr;
  cuda::check(cudaMalloc(&x, n * sizeof(double) + sizeof(double)), "cudaMalloc");
  std::vector<double> out(n, 0.0);
  try {
    cuda::check(cudaMemset(x, 0, n * sizeof(double) + sizeof(double)), "cudaMemset");
    cuda::red_black_sweep(e, first_colour, NeighbourMean{e, x});
    cuda::check(cudaGetLastError(), "launch");
    cuda::check(cudaMemcpy(out.data(), x, n * sizeof(double), cudaMemcpyDeviceToHost),
                "cudaMemcpy");
  } catch (...) {
    cudaFree(x);
    throw;
  }
  cudaFree(x);
  return out;
}

}  // namespace rt
