#pragma once
// How far an answer still is from the grid-independent one: Richardson
// extrapolation of one quantity solved on three grids and Roache's grid
// convergence index, by the procedure of Celik, Ghia, Roache, Freitas,
// Coleman and Raad, "Procedure for Estimation and Reporting of Uncertainty
// Due to Discretization in CFD Applications", ASME J. Fluids Eng. 130 (2008)
// 078001. The grids need not be refined by a constant ratio (snapped grids
// are not): the observed order comes from the fixed-point form of the
// procedure's step 3.

#include <string>

namespace rt {

// One grid's answer: its representative cell size h = (volume / cells)^(1/3)
// and the quantity solved on it.
struct GridAnswer {
  double h_m = 0;
  double value = 0;
};

struct GridConvergence {
  double refinement_21 = 0, refinement_32 = 0;  // r = h_coarser / h_finer
  // "monotonic", "oscillatory" (the differences change sign), or
  // "converged" (the fine pair agrees to round-off: no order to observe).
  std::string kind;
  double observed_order = 0;      // p
  double extrapolated = 0;        // phi_ext^21
  double relative_error = 0;      // e_a^21 = |phi1 - phi2| / |phi1|
  double extrapolated_error = 0;  // e_ext^21 = |phi_ext - phi1| / |phi_ext|
  double gci_fine = 0;            // 1.25 e_a / (r21^p - 1), a fraction
  // The fine grid's distance from the extrapolated value in the quantity's
  // own unit (K for a temperature): what "within 1 K" is judged on.
  double fine_minus_extrapolated = 0;
};

// fine, medium, coarse: h strictly increasing. Throws std::invalid_argument
// for grids out of order or refined by less than 1.1 (the procedure asks for
// r > 1.3; 1.1 is the least at which the order means anything).
GridConvergence grid_convergence(const GridAnswer& fine, const GridAnswer& medium,
                                 const GridAnswer& coarse);

// The same extrapolation and GCI from the two finer grids with an order
// given instead of observed. Roache's advice where the observed order is
// unreasonable (an oscillating triple, or an order far from the scheme's):
// take the scheme's formal order with a factor of safety of 3 instead of
// 1.25 (Roache, "Discussion: Factors of Safety for Richardson
// Extrapolation", ASME J. Fluids Eng. 133 (2011) 115501). Leaves kind empty
// and observed_order as given.
GridConvergence grid_convergence_at_order(const GridAnswer& fine, const GridAnswer& medium,
                                          double order, double safety_factor);
constexpr double kProcedureSafetyFactor = 1.25;  // three grids, an observed order
constexpr double kFormalOrderSafetyFactor = 3.0;
// The order the solver's discretisation is built to have (van Leer-bounded
// second-order convection, central diffusion: solver/kernels/convection_k.hpp),
// the fallback's order; limiters and walls lower it locally.
constexpr double kSchemeFormalOrder = 2.0;

// h of a grid of `cells` cells filling `volume_m3`.
double representative_cell_size(double volume_m3, double cells);

}  // namespace rt
