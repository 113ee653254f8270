#pragma once
// The die-to-air resistance of a heat sink with air through it, a power law
// in the flow fitted to a reference point:
//
//   R(Q) = R_ref (Q_ref / Q)^n,   T_die = T_air,in + P R(Q)
//
// With no air through the fins it is infinite: the model has no natural
// convection, so a die without flow has no way out for its heat, and the
// solver reads it as hot (its fans go to full speed, its power to the
// throttled floor) until air arrives. Written once for the parts library's
// compact models and the solver's die readings (issue 16 found a 2 % flow
// floor in one and none in the other).

#include <cmath>
#include <limits>

namespace rt {

inline double die_resistance_K_W(double R_ref_K_W, double Q_ref_m3_s, double exponent,
                                 double flow_m3_s) {
  if (!(flow_m3_s > 0.0)) return std::numeric_limits<double>::infinity();
  return R_ref_K_W * std::pow(Q_ref_m3_s / flow_m3_s, exponent);
}

}  // namespace rt
