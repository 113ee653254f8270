#include "cuda/device_query.hpp"

namespace rt {

bool cuda_device_available(std::string* why) {
  if (why != nullptr) *why = "this rigtherm was built without CUDA";
  return false;
}

}  // namespace rt
