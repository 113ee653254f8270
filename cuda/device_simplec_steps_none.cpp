#include <stdexcept>

#include "cuda/device_simplec_steps.hpp"

namespace rt {

std::unique_ptr<SimplecSteps> make_device_simplec_steps(FlowState&, const SimplecSettings&) {
  throw std::runtime_error("this rigtherm was built without CUDA; use --backend cpu");
}

}  // namespace rt
