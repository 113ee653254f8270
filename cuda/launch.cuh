#pragma once
// The CUDA launchers: the device twins of solver/parallel/for_each.hpp.
// Physics stays in the per-point functions of solver/kernels/*_k.hpp; these
// only decide which thread runs which point. Included by .cu files only.
//
// f is a functor or an __device__ (or __host__ __device__) lambda, copied by
// value into the kernel: capture views (FlowView, StencilView), never host
// containers.

#include <cuda_runtime.h>

#include <cstddef>

#include "cuda/launch_index.hpp"
#include "solver/core/extent.hpp"

namespace rt::cuda {

constexpr int kBlockSize = 256;

// Blocks for `count` points: enough to fill the device a few times over; the
// grid-stride loop covers the rest.
inline int blocks_for(std::size_t count) {
  const std::size_t blocks = (count + kBlockSize - 1) / kBlockSize;
  constexpr std::size_t kMaxBlocks = 65535;
  return static_cast<int>(blocks < 1 ? 1 : (blocks > kMaxBlocks ? kMaxBlocks : blocks));
}

template <class F>
__global__ void for_each_point_kernel(Extent e, std::size_t count, F f) {
  const std::size_t stride = static_cast<std::size_t>(blockDim.x) * gridDim.x;
  for (std::size_t m = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; m < count;
       m += stride) {
    int i, j, k;
    unflatten(e, m, i, j, k);
    f(i, j, k);
  }
}

// f(i, j, k) for every point of the extent, on `stream`. Asynchronous.
template <class F>
void for_each_point(const Extent& e, F f, cudaStream_t stream = nullptr) {
  const std::size_t count = e.size();
  if (count == 0) return;
  for_each_point_kernel<<<blocks_for(count), kBlockSize, 0, stream>>>(e, count, f);
}

// Points of one colour, (i + j + k) % 2 == colour: half the extent. Thread m
// takes the m-th point of that colour (row by row, x fastest).
template <class F>
__global__ void for_each_colour_kernel(Extent e, int colour, std::size_t count, F f) {
  const std::size_t stride = static_cast<std::size_t>(blockDim.x) * gridDim.x;
  for (std::size_t m = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; m < count;
       m += stride) {
    int i, j, k;
    if (colour_point(e, colour, m, i, j, k)) f(i, j, k);
  }
}

// f(i, j, k) for the points with (i + j + k) % 2 == colour. A red-black
// Gauss-Seidel sweep on the device is two launches (first colour, then the
// other); within one launch the points of a colour are independent, as in
// the CPU's red_black_sweep (which pipelines the two over z-planes for the
// cache; the result is the same).
template <class F>
void for_each_point_of_colour(const Extent& e, int colour, F f, cudaStream_t stream = nullptr) {
  const std::size_t count = colour_thread_count(e);
  if (count == 0) return;
  for_each_colour_kernel<<<blocks_for(count), kBlockSize, 0, stream>>>(e, colour, count, f);
}

template <class F>
void red_black_sweep(const Extent& e, int first_colour, F f, cudaStream_t stream = nullptr) {
  for_each_point_of_colour(e, first_colour, f, stream);
  for_each_point_of_colour(e, 1 - first_colour, f, stream);
}

}  // namespace rt::cuda

namespace rt::cuda {

// Three sums at once (a residual's imbalance, scale and magnitude).
struct Sum3 {
  double s[3];
};

template <class F>
__global__ void sum3_kernel(Extent e, std::size_t count, F f, double* out) {
  const std::size_t stride = static_cast<std::size_t>(blockDim.x) * gridDim.x;
  double acc[3] = {0.0, 0.0, 0.0};
  for (std::size_t m = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; m < count;
       m += stride) {
    int i, j, k;
    unflatten(e, m, i, j, k);
    const Sum3 r = f(i, j, k);
    for (int c = 0; c < 3; ++c) acc[c] += r.s[c];
  }
  // Warp sums, then one atomic per warp (the order of the additions, and so
  // the last bits of the sums, differ from the CPU's and from run to run).
  for (int c = 0; c < 3; ++c) {
    double x = acc[c];
    for (int offset = 16; offset > 0; offset /= 2) x += __shfl_down_sync(0xffffffffu, x, offset);
    if ((threadIdx.x & 31) == 0) atomicAdd(out + c, x);
  }
}

// Sums of f(i, j, k) (returning Sum3) over the extent into out[0..2] (device
// memory, zeroed here). Asynchronous.
template <class F>
void sum3_over_points(const Extent& e, F f, double* out, cudaStream_t stream = nullptr) {
  cudaMemsetAsync(out, 0, 3 * sizeof(double), stream);
  const std::size_t count = e.size();
  if (count == 0) return;
  sum3_kernel<<<blocks_for(count), kBlockSize, 0, stream>>>(e, count, f, out);
}

}  // namespace rt::cuda
