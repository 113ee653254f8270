#include <cuda_runtime.h>

#include "cuda/device_query.hpp"

namespace rt {

bool cuda_device_available(std::string* why) {
  int count = 0;
  const cudaError_t err = cudaGetDeviceCount(&count);
  if (err != cudaSuccess) {
    if (why != nullptr) {
      *why = std::string(cudaGetErrorName(err)) + ": " + cudaGetErrorString(err);
    }
    // Reset the runtime's last-error state so later calls do not report it again.
    cudaGetLastError();
    return false;
  }
  if (count < 1) {
    if (why != nullptr) *why = "the CUDA runtime reports no devices";
    return false;
  }
  if (why != nullptr) why->clear();
  return true;
}

}  // namespace rt

#include "cuda/device_memory.hpp"

namespace rt {

bool cuda_device_memory(std::size_t* free_bytes, std::size_t* total_bytes, std::string* why) {
  if (free_bytes != nullptr) *free_bytes = 0;
  if (total_bytes != nullptr) *total_bytes = 0;
  if (!cuda_device_available(why)) return false;
  std::size_t f = 0, t = 0;
  const cudaError_t err = cudaMemGetInfo(&f, &t);
  if (err != cudaSuccess) {
    if (why != nullptr) *why = std::string(cudaGetErrorName(err)) + ": " + cudaGetErrorString(err);
    cudaGetLastError();
    return false;
  }
  if (free_bytes != nullptr) *free_bytes = f;
  if (total_bytes != nullptr) *total_bytes = t;
  return true;
}

}  // namespace rt
