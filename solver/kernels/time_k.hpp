#pragma once
// Implicit time derivative of one control volume, backward differences on
// variable steps (Hairer, Norsett & Wanner, Solving ODEs I, sec. III.5):
//
//   d(C phi)/dt ~ C (a0 phi - a1 phi_n + a2 phi_{n-1}) / dt
//
// with omega = dt / dt_prev: BDF2 a0 = (1 + 2 omega)/(1 + omega),
// a1 = 1 + omega, a2 = omega^2 / (1 + omega); backward Euler a0 = a1 = 1,
// a2 = 0. The new value's part goes into the diagonal, the old levels into
// the source, so each step is as implicit as the steady equations and the
// step size is limited by accuracy, not by the smallest cell.

#include "solver/core/host_device.hpp"
#include "solver/flow_view.hpp"

namespace rt {

struct TimeContribution {
  double diagonal = 0;  // added to aP
  double source = 0;    // added to b
};

// capacity: C of the control volume (kg for momentum, J/K for energy).
RT_HOST_DEVICE inline TimeContribution time_derivative(const TimeLevels& t, double capacity,
                                                       double phi_n, double phi_nm1) {
  const double c = capacity * t.inv_dt;
  return {c * t.a0, c * (t.a1 * phi_n - t.a2 * phi_nm1)};
}

// Coefficients of a step of length dt after one of dt_prev (0: the first
// step, or a first-order scheme).
struct TimeCoefficients {
  double a0 = 1, a1 = 1, a2 = 0;
};

inline TimeCoefficients bdf_coefficients(double dt, double dt_prev, bool second_order) {
  if (!second_order || dt_prev <= 0.0) return {};
  const double omega = dt / dt_prev;
  return {(1.0 + 2.0 * omega) / (1.0 + omega), 1.0 + omega, omega * omega / (1.0 + omega)};
}

}  // namespace rt
