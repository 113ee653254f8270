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
#include "solver/core/sums3.hpp"

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

template <class F>
__global__ void for_each_index_kernel(std::size_t count, F f) {
  const std::size_t stride = static_cast<std::size_t>(blockDim.x) * gridDim.x;
  for (std::size_t m = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; m < count;
       m += stride)
    f(m);
}

// f(m) for m in [0, count): the twin of solver/parallel's for_each_index.
template <class F>
void for_each_index(std::size_t count, F f, cudaStream_t stream = nullptr) {
  if (count == 0) return;
  for_each_index_kernel<<<blocks_for(count), kBlockSize, 0, stream>>>(count, f);
}

// Reductions over a flat range in FP64, deterministic for a given count:
// pass 1 has each of at most kReduceBlocks blocks sum its grid-stride share
// (per thread, then a fixed tree over the block) into partials[block]; pass 2
// is one block summing the partials in a fixed order. No atomics, so the same
// input gives the same bits on every run (not the CPU's bits: the order of the
// additions differs).
constexpr int kReduceBlocks = 1024;

struct SumOp {
  __device__ static double identity() { return 0.0; }
  __device__ static double combine(double a, double b) { return a + b; }
};

// Largest value; callers map NaN to +inf first (fmax would drop it).
struct MaxOp {
  __device__ static double identity() { return -__longlong_as_double(0x7ff0000000000000LL); }
  __device__ static double combine(double a, double b) { return a > b ? a : b; }
};

// Reduces v over the threads of the block (blockDim.x == kBlockSize); the
// result is valid in thread 0.
template <class Op>
__device__ double block_reduce(double v) {
  __shared__ double warp_part[kBlockSize / 32];
  for (int offset = 16; offset > 0; offset /= 2)
    v = Op::combine(v, __shfl_down_sync(0xffffffffu, v, offset));
  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
  if (lane == 0) warp_part[warp] = v;
  __syncthreads();
  if (warp == 0) {
    v = lane < kBlockSize / 32 ? warp_part[lane] : Op::identity();
    for (int offset = 16; offset > 0; offset /= 2)
      v = Op::combine(v, __shfl_down_sync(0xffffffffu, v, offset));
  }
  return v;
}

template <class Op, class F>
__global__ void reduce_pass1_kernel(std::size_t count, F f, double* partials) {
  const std::size_t stride = static_cast<std::size_t>(blockDim.x) * gridDim.x;
  double acc = Op::identity();
  for (std::size_t m = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; m < count;
       m += stride)
    acc = Op::combine(acc, f(m));
  acc = block_reduce<Op>(acc);
  if (threadIdx.x == 0) partials[blockIdx.x] = acc;
}

template <class Op>
__global__ void reduce_pass2_kernel(const double* partials, int count, double* out) {
  double acc = Op::identity();
  for (int m = threadIdx.x; m < count; m += blockDim.x) acc = Op::combine(acc, partials[m]);
  acc = block_reduce<Op>(acc);
  if (threadIdx.x == 0) *out = acc;
}

inline int reduce_blocks_for(std::size_t count) {
  const int b = blocks_for(count);
  return b < kReduceBlocks ? b : kReduceBlocks;
}

// *out (device) = Op-reduction of f(m) over [0, count); partials (device)
// holds kReduceBlocks doubles. Asynchronous. An empty range gives the
// identity.
template <class Op, class F>
void reduce_over_range(std::size_t count, F f, double* partials, double* out,
                       cudaStream_t stream = nullptr) {
  const int blocks = count == 0 ? 0 : reduce_blocks_for(count);
  if (blocks > 0) reduce_pass1_kernel<Op><<<blocks, kBlockSize, 0, stream>>>(count, f, partials);
  reduce_pass2_kernel<Op><<<1, kBlockSize, 0, stream>>>(partials, blocks, out);
}

// Three sums of f(i, j, k) (returning Sums3) over the extent, deterministic
// as reduce_over_range: pass 1 reduces each block's share of the three into
// partials[c * kReduceBlocks + block], pass 2 sums each row of partials
// into out[c]. partials (device) holds 3 kReduceBlocks doubles, out three.
// Asynchronous.
template <class F>
__global__ void sums3_pass1_kernel(Extent e, std::size_t count, F f, double* partials) {
  const std::size_t stride = static_cast<std::size_t>(blockDim.x) * gridDim.x;
  double acc[3] = {0.0, 0.0, 0.0};
  for (std::size_t m = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; m < count;
       m += stride) {
    int i, j, k;
    unflatten(e, m, i, j, k);
    const Sums3 r = f(i, j, k);
    acc[0] += r.a;
    acc[1] += r.b;
    acc[2] += r.c;
  }
  for (int c = 0; c < 3; ++c) {
    const double v = block_reduce<SumOp>(acc[c]);
    if (threadIdx.x == 0) partials[c * kReduceBlocks + blockIdx.x] = v;
    __syncthreads();  // block_reduce's shared words are reused by the next sum
  }
}

template <class F>
void sums3_over_points(const Extent& e, F f, double* partials, double* out,
                       cudaStream_t stream = nullptr) {
  const std::size_t count = e.size();
  const int blocks = count == 0 ? 0 : reduce_blocks_for(count);
  if (blocks > 0) sums3_pass1_kernel<<<blocks, kBlockSize, 0, stream>>>(e, count, f, partials);
  for (int c = 0; c < 3; ++c)
    reduce_pass2_kernel<SumOp>
        <<<1, kBlockSize, 0, stream>>>(partials + c * kReduceBlocks, blocks, out + c);
}

}  // namespace rt::cuda
