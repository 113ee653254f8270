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
