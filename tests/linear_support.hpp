#pragma once
// Comparing solutions of seven-point systems in tests (tests/unit/test_multigrid.cpp,
// tests/cuda/test_cuda_linear.cpp).

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "solver/core/extent.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

// An nx x ny x nz extent.
inline Extent extent(int nx, int ny, int nz) {
  Extent e;
  e.n[0] = nx;
  e.n[1] = ny;
  e.n[2] = nz;
  return e;
}

// max |x - y| / max |y| over the active rows of A (aP != 0); with
// remove_mean, each minus its mean over the active rows first (singular
// systems, whose answers may differ by a constant). A NaN difference counts
// as +inf.
inline double relative_difference(const Stencil7& A, const std::vector<double>& x,
                                  const std::vector<double>& y, bool remove_mean = false) {
  const ConstStencilView v = A.view();
  double mx = 0.0, my = 0.0, count = 0.0;
  for (std::size_t p = 0; p < x.size(); ++p)
    if (v.aP[p] != 0.0) {
      mx += x[p];
      my += y[p];
      count += 1.0;
    }
  if (remove_mean && count > 0.0) {
    mx /= count;
    my /= count;
  } else {
    mx = my = 0.0;
  }
  double diff = 0.0, scale = 0.0;
  for (std::size_t p = 0; p < x.size(); ++p)
    if (v.aP[p] != 0.0) {
      const double d = std::fabs((x[p] - mx) - (y[p] - my));
      diff = std::isnan(d) ? std::numeric_limits<double>::infinity() : std::max(diff, d);
      scale = std::max(scale, std::fabs(y[p] - my));
    }
  return scale > 0.0 ? diff / scale : diff;
}

}  // namespace rt
