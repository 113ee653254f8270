#pragma once
// Where a solve's field work runs: the OpenMP loops of solver/parallel, a
// CUDA device (cuda/), or the debug mirror, which runs the device's code path
// (a second copy of the fields, every transfer made) on the host, so that a
// missing upload or download shows up in a test on a machine without a GPU
// (the MFEM "debug device" idea). Chosen by `rigtherm run --backend`.

#include <memory>
#include <optional>
#include <string>

namespace rt {

class FlowState;
class SimplecSteps;
struct SimplecSettings;

// Makes the SIMPLEC steps of ComputeBackend::cuda (simplec_steps.hpp). The
// device backend lives on the floor above the solver (cuda/), which the
// solver never calls: whoever chooses the backend hands its maker down
// (the command line: cuda/device_simplec_steps.hpp's
// make_device_simplec_steps, which in a build without CUDA says so).
using DeviceStepsMaker = std::unique_ptr<SimplecSteps> (*)(FlowState&, const SimplecSettings&);

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
