#include "cuda/device_memory.hpp"

namespace rt {

bool cuda_device_memory(std::size_t* free_bytes, std::size_t* total_bytes, std::string* why) {
  if (free_bytes != nullptr) *free_bytes = 0;
  if (total_bytes != nullptr) *total_bytes = 0;
  if (why != nullptr) *why = "this rigtherm was built without CUDA";
  return false;
}

}  // namespace rt
