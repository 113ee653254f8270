#pragma once
// The SIMPLEC steps on a CUDA device, handed to the solver as
// RunOptions::device_steps by whoever chooses --backend cuda (the solver is
// a floor below and never calls up). In a build without CUDA it throws
// "built without CUDA" (device_simplec_steps_none.cpp).

#include <memory>

#include "solver/simplec_steps.hpp"

namespace rt {

std::unique_ptr<SimplecSteps> make_device_simplec_steps(FlowState& state, const SimplecSettings& s);

}  // namespace rt
