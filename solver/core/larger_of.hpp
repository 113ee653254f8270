#pragma once
// std::fmax written out: on the host it is a call into libm (2.4 % of the
// 2-D peer cavity's time, from the momentum assembly's relaxation floor and
// the divergence scan), where a compare inlines. Same values: a NaN argument
// yields the other one.

#include "solver/core/host_device.hpp"

namespace rt {

RT_HOST_DEVICE inline double larger_of(double x, double y) { return x > y || y != y ? x : y; }

}  // namespace rt
