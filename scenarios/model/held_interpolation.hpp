#pragma once
// Linear interpolation in a table of increasing x, held at its ends: fan
// curves at a flow, fan-control curves at a temperature, PSU efficiency at
// a load. Written once for the parts library and the solver.

#include <algorithm>
#include <cstddef>
#include <vector>

namespace rt {

inline double interpolate_held(const std::vector<double>& x, const std::vector<double>& y,
                               double at) {
  if (x.empty()) return 0.0;
  if (at <= x.front()) return y.front();
  if (at >= x.back()) return y.back();
  const std::size_t i =
      static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), at) - x.begin());
  const double w = (at - x[i - 1]) / (x[i] - x[i - 1]);
  return y[i - 1] + w * (y[i] - y[i - 1]);
}

}  // namespace rt
