// The SIMPLEC steps on a CUDA device: the CPU's code
// (solver/simplec_steps_on.hpp) on the device backend, over a FlowMirror in
// device memory (solver/mirrored_simplec_steps.hpp says what crosses when).

#include "cuda/device_simplec_steps.hpp"

#include <stdexcept>
#include <string>

#include "cuda/device_backend.cuh"
#include "cuda/device_flow_state.hpp"
#include "cuda/device_query.hpp"
#include "solver/mirrored_simplec_steps.hpp"

namespace rt {

std::unique_ptr<SimplecSteps> make_device_simplec_steps(FlowState& state,
                                                        const SimplecSettings& s) {
  std::string why;
  if (!cuda_device_available(&why)) throw std::runtime_error("no CUDA device (" + why + ")");
  return std::make_unique<MirroredSimplecSteps<DeviceBackend>>(state, cuda_mirror_memory(), s);
}

}  // namespace rt
