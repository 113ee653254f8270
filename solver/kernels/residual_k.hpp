#pragma once
// Scale-free residual of one row, as OpenFOAM normalises it: the imbalance
// |b + sum a_nb phi_nb - aP phi_P| is compared with the size of the terms once
// the uniform part of the field (its mean, phi_mean) is removed, so a field
// sitting at 300 K or at rest does not hide or inflate the imbalance.

#include <cmath>

#include "solver/core/host_device.hpp"

namespace rt {

struct ResidualPart {
  double imbalance = 0;
  double scale = 0;
};

RT_HOST_DEVICE inline ResidualPart row_residual_part(double aP, double a_sum, double nb_sum,
                                                     double phi_P, double b, double phi_mean) {
  const double diag_excess = (aP - a_sum) * phi_mean;
  ResidualPart r;
  r.imbalance = std::fabs(b + nb_sum - aP * phi_P);
  r.scale = std::fabs(aP * phi_P - nb_sum - diag_excess) + std::fabs(b - diag_excess);
  return r;
}

}  // namespace rt
