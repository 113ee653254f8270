#pragma once
// Whether this process can use a CUDA device. Any error from the CUDA
// runtime (no driver, driver too old, no device) counts as "not available";
// GPU tests skip on the same check.

#include <string>

namespace rt {

// True when at least one CUDA device can be used. Otherwise false, and
// *why (when not null) says why in words, e.g. the CUDA runtime's error.
bool cuda_device_available(std::string* why);

}  // namespace rt
