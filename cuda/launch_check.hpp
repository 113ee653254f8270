#pragma once
// Test hooks for the CUDA launchers (cuda/launch.cuh): how often each point
// of an extent is visited. Plain C++ interface; CUDA builds only.

#include <vector>

#include "solver/core/extent.hpp"

namespace rt {

// Visits per point (x fastest) by for_each_point (colour < 0) or by
// for_each_point_of_colour(colour), run on the device. Throws
// std::runtime_error on a CUDA error.
std::vector<int> device_visit_counts(const Extent& e, int colour);

// One red-black sweep on the device of x_P <- 1 + (sum of the six
// neighbours' x) / 8 on a zero-initialised field (the same as on the CPU: the
// points of one colour only read the other colour).
std::vector<double> device_red_black_example(const Extent& e, int first_colour);

}  // namespace rt
