#pragma once
// Three sums of one pass over an extent: what the assembly loops return (an
// equation's residual parts while it is assembled; unused parts stay 0).
// Both backends' sums_over_points return it.

namespace rt {

struct Sums3 {
  double a = 0, b = 0, c = 0;
};

}  // namespace rt
