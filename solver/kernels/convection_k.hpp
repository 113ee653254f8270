#pragma once
// Bounded second-order convection by deferred correction (Khosla & Rubin
// 1974): the upwind face value is implicit; the difference to a TVD face
// value goes to the source with the previous iterate,
//
//   phi_f = phi_C + 1/2 psi(r) (phi_D - phi_C),   r = (phi_C - phi_U) / (phi_D - phi_C),
//
// with C the upwind point, D the downwind one, U the one beyond C, and the
// van Leer limiter psi(r) = (r + |r|) / (1 + |r|) (van Leer, J. Comput. Phys.
// 14 (1974) 361), which keeps the scheme bounded (TVD) and second order where
// the solution is smooth. The ratio uses uniform-spacing weights.

#include <cmath>

#include "solver/core/host_device.hpp"

namespace rt {

// Mass flowing in through a face with outward flux F: max(-F, 0), the upwind
// coefficient. Written out because std::fmax is a library call on the host.
RT_HOST_DEVICE inline double inflow_part(double F) { return F < 0.0 ? -F : 0.0; }

RT_HOST_DEVICE inline double van_leer(double r) {
  const double ar = std::fabs(r);
  return (r + ar) / (1.0 + ar);
}

// phi_f - phi_C for the face between C and D. With d1 = C - U, d2 = D - C
// the van Leer excess 1/2 psi(d1/d2) d2 is d1 d2 / (d1 + d2) where the two
// differences have the same sign (a harmonic mean), zero at an extremum: the
// same value with one division instead of two.
RT_HOST_DEVICE inline double tvd_face_excess(double phi_U, double phi_C, double phi_D) {
  const double d1 = phi_C - phi_U, d2 = phi_D - phi_C;
  const double product = d1 * d2;
  return product > 0.0 ? product / (d1 + d2) : 0.0;
}

// Explicit source of the deferred correction for a face with outward mass
// flux F (from the point being assembled, P, to its neighbour N). phi_P_far
// lies beyond P (opposite N), phi_N_far beyond N; has_* say whether they exist.
RT_HOST_DEVICE inline double deferred_correction_source(double F, double phi_P, double phi_N,
                                                        bool has_P_far, double phi_P_far,
                                                        bool has_N_far, double phi_N_far) {
  if (F > 0.0) return has_P_far ? -F * tvd_face_excess(phi_P_far, phi_P, phi_N) : 0.0;
  if (F < 0.0) return has_N_far ? -F * tvd_face_excess(phi_N_far, phi_N, phi_P) : 0.0;
  return 0.0;
}

}  // namespace rt
