#pragma once
// Scale-free residual of one row, as OpenFOAM normalises it: the imbalance
// |b + sum a_nb phi_nb - aP phi_P| is compared with the size of the terms once
// the uniform part of the field (its mean, phi_mean) is removed, so a field
// sitting at 300 K or at rest does not hide or inflate the imbalance.
// A field that is uniform to round-off (an isothermal channel) has a scale
// made of round-off too; normalised_residual() then measures against the
// magnitude of the terms instead, so it reads as converged.

#include <cmath>

#include "solver/core/host_device.hpp"

namespace rt {

struct ResidualPart {
  double imbalance = 0;
  double scale = 0;
  double magnitude = 0;  // |aP phi_P|: what round-off is relative to
};

RT_HOST_DEVICE inline ResidualPart row_residual_part(double aP, double a_sum, double nb_sum,
                                                     double phi_P, double b, double phi_mean) {
  const double diag_excess = (aP - a_sum) * phi_mean;
  ResidualPart r;
  r.imbalance = std::fabs(b + nb_sum - aP * phi_P);
  r.scale = std::fabs(aP * phi_P - nb_sum - diag_excess) + std::fabs(b - diag_excess);
  r.magnitude = std::fabs(aP * phi_P);
  return r;
}

// Relative size of double round-off in a sum of |aP phi_P| terms.
constexpr double kRoundoffFloor = 1e-8;

inline double normalised_residual(const ResidualPart& total) {
  if (total.imbalance == 0.0) return 0.0;
  const double scale = total.scale > kRoundoffFloor * total.magnitude
                           ? total.scale
                           : kRoundoffFloor * total.magnitude;
  return scale > 0.0 ? total.imbalance / scale : 1.0;
}

}  // namespace rt
