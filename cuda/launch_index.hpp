#pragma once
// Which point thread m of a CUDA launch takes (cuda/launch.cuh). Plain
// host-device functions, so that the mapping is tested on the CPU too
// (tests/unit/test_launch_index.cpp).

#include <cstddef>

#include "solver/core/extent.hpp"
#include "solver/core/host_device.hpp"

namespace rt::cuda {

// Point m of the extent (x fastest) as (i, j, k).
RT_HOST_DEVICE inline void unflatten(const Extent& e, std::size_t m, int& i, int& j, int& k) {
  const std::size_t ni = static_cast<std::size_t>(e.n[0]), nj = static_cast<std::size_t>(e.n[1]);
  i = static_cast<int>(m % ni);
  const std::size_t rest = m / ni;
  j = static_cast<int>(rest % nj);
  k = static_cast<int>(rest / nj);
}

// Threads a launch over the points of one colour needs: rows x ceil(n0/2).
RT_HOST_DEVICE inline std::size_t colour_thread_count(const Extent& e) {
  return static_cast<std::size_t>(e.n[1]) * static_cast<std::size_t>(e.n[2]) *
         static_cast<std::size_t>((e.n[0] + 1) / 2);
}

// The m-th point (row by row, x fastest) with (i + j + k) % 2 == colour;
// false when thread m has none (the last slot of a row with fewer points of
// this colour).
RT_HOST_DEVICE inline bool colour_point(const Extent& e, int colour, std::size_t m, int& i, int& j,
                                        int& k) {
  const std::size_t half_row = static_cast<std::size_t>((e.n[0] + 1) / 2);
  const std::size_t row = m / half_row;
  const int slot = static_cast<int>(m % half_row);
  j = static_cast<int>(row % static_cast<std::size_t>(e.n[1]));
  k = static_cast<int>(row / static_cast<std::size_t>(e.n[1]));
  i = 2 * slot + ((j + k + colour) & 1);
  return i < e.n[0];
}

}  // namespace rt::cuda
