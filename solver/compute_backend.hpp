#pragma once
// Where a solve's field work runs: the OpenMP loops of solver/parallel, a
// CUDA device (cuda/), or the debug mirror, which runs the device's code path
// (a second copy of the fields, every transfer made) on the host, so that a
// missing upload or download shows up in a test on a machine without a GPU
// (the MFEM "debug device" idea). Chosen by `rigtherm run --backend`.

#include <optional>
#include <string>

namespace rt {

enum class ComputeBackend { cpu, cuda, mirror };

inline const char* backend_name(ComputeBackend b) {
  switch (b) {
    case ComputeBackend::cuda:
      return "cuda";
    case ComputeBackend::mirror:
      return "mirror";
    default:
      return "cpu";
  }
}

inline std::optional<ComputeBackend> parse_backend(const std::string& name) {
  if (name == "cpu") return ComputeBackend::cpu;
  if (name == "cuda") return ComputeBackend::cuda;
  if (name == "mirror") return ComputeBackend::mirror;
  return std::nullopt;
}

}  // namespace rt
