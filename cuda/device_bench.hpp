#pragma once
// Device measurements for bench/rigtherm_bench (issue 6). Plain C++
// interface; only in builds with CUDA (RT_HAVE_CUDA).

#include <cstddef>
#include <string>

#include "solver/flow_state.hpp"

namespace rt {

struct DeviceBandwidth {
  std::string device;     // name, memory
  double copy_GB_s = 0;   // a[i] = b[i]: 16 B per element
  double triad_GB_s = 0;  // a[i] = b[i] + s c[i]: 24 B per element (STREAM convention)
};

// Best of `reps` of each kernel over arrays of `mb_per_array` MB (FP64).
// Throws std::runtime_error on a CUDA error.
DeviceBandwidth measure_device_bandwidth(std::size_t mb_per_array, int reps);

struct DeviceAssemblyRate {
  std::size_t points = 0;        // momentum points, all three axes
  double seconds = 0;            // per assembly of the three momentum equations (best)
  double points_per_s = 0;       // momentum point-assemblies per second
  std::size_t device_bytes = 0;  // held by the DeviceFlowState and the three stencils
};

// Assembles the three momentum equations of `host` on the device `reps`
// times (after one untimed) and reports the best.
DeviceAssemblyRate measure_device_momentum_assembly(FlowState& host, int reps);

}  // namespace rt
