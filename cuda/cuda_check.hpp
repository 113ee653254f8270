#pragma once
// Throws std::runtime_error naming the call and CUDA's reason when a CUDA
// runtime call fails. For .cu files.

#include <cuda_runtime.h>

#include <stdexcept>
#include <string>

namespace rt::cuda {

inline void check(cudaError_t err, const char* what) {
  if (err == cudaSuccess) return;
  throw std::runtime_error(std::string(what) + ": " + cudaGetErrorName(err) + ": " +
                           cudaGetErrorString(err));
}

}  // namespace rt::cuda
