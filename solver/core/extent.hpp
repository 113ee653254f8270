#pragma once
// Index space of a structured array: n[0] x n[1] x n[2] points, x fastest.
// Cell arrays use the grid's cell counts; the staggered face arrays of axis a
// have one more point along a (see solver/README.md).

#include <cstddef>

#include "solver/core/host_device.hpp"

namespace rt {

struct Extent {
  int n[3] = {0, 0, 0};

  RT_HOST_DEVICE std::size_t size() const {
    return static_cast<std::size_t>(n[0]) * static_cast<std::size_t>(n[1]) *
           static_cast<std::size_t>(n[2]);
  }
  RT_HOST_DEVICE std::size_t index(int i, int j, int k) const {
    return static_cast<std::size_t>(i) +
           static_cast<std::size_t>(n[0]) *
               (static_cast<std::size_t>(j) +
                static_cast<std::size_t>(n[1]) * static_cast<std::size_t>(k));
  }
  // Distance in the linear index between neighbours along an axis.
  RT_HOST_DEVICE std::size_t stride(int axis) const {
    return axis == 0   ? 1
           : axis == 1 ? static_cast<std::size_t>(n[0])
                       : static_cast<std::size_t>(n[0]) * static_cast<std::size_t>(n[1]);
  }
  RT_HOST_DEVICE bool contains(int i, int j, int k) const {
    return i >= 0 && j >= 0 && k >= 0 && i < n[0] && j < n[1] && k < n[2];
  }
};

inline Extent face_extent(const Extent& cells, int axis) {
  Extent e = cells;
  e.n[axis] += 1;
  return e;
}

}  // namespace rt
