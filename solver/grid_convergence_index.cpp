#include "solver/grid_convergence_index.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace rt {

namespace {

// Celik et al. (2008), step 3: p = |ln|e32/e21| + q(p)| / ln r21 with
// q(p) = ln((r21^p - s) / (r32^p - s)), iterated from q = 0 (exact when the
// ratios are equal). Converges in a few dozen steps for the ratios a grid
// study uses; the bound stops a pathological triple.
double observed_order(double r21, double r32, double e21, double e32) {
  const double s = (e32 / e21) >= 0 ? 1.0 : -1.0;
  const double ratio = std::log(std::abs(e32 / e21));
  double p = std::abs(ratio) / std::log(r21);
  for (int it = 0; it < 200; ++it) {
    const double q = std::log((std::pow(r21, p) - s) / (std::pow(r32, p) - s));
    const double next = std::abs(ratio + q) / std::log(r21);
    if (!std::isfinite(next)) break;
    if (std::abs(next - p) < 1e-12 * std::max(1.0, p)) return next;
    p = next;
  }
  return p;
}

}  // namespace

double representative_cell_size(double volume_m3, double cells) {
  return std::cbrt(volume_m3 / cells);
}

GridConvergence grid_convergence(const GridAnswer& fine, const GridAnswer& medium,
                                 const GridAnswer& coarse) {
  if (!(fine.h_m > 0 && medium.h_m > fine.h_m && coarse.h_m > medium.h_m))
    throw std::invalid_argument("grid convergence: the grids must be ordered fine, medium, coarse");
  GridConvergence g;
  g.refinement_21 = medium.h_m / fine.h_m;
  g.refinement_32 = coarse.h_m / medium.h_m;
  if (g.refinement_21 < 1.1 || g.refinement_32 < 1.1)
    throw std::invalid_argument("grid convergence: each grid must be at least 1.1 times finer");
  const double e21 = medium.value - fine.value;
  const double e32 = coarse.value - medium.value;
  const double scale = std::max({std::abs(fine.value), std::abs(medium.value), 1e-300});
  g.relative_error = std::abs(e21) / std::max(std::abs(fine.value), 1e-300);
  if (std::abs(e21) <= 1e-12 * scale || std::abs(e32) <= 1e-12 * scale) {
    g.kind = "converged";
    g.extrapolated = fine.value;
    return g;
  }
  GridConvergence at = grid_convergence_at_order(
      fine, medium, observed_order(g.refinement_21, g.refinement_32, e21, e32),
      kProcedureSafetyFactor);
  at.refinement_32 = g.refinement_32;
  at.kind = e32 / e21 > 0 ? "monotonic" : "oscillatory";
  return at;
}

GridConvergence grid_convergence_at_order(const GridAnswer& fine, const GridAnswer& medium,
                                          double order, double safety_factor) {
  if (!(fine.h_m > 0 && medium.h_m > fine.h_m))
    throw std::invalid_argument("grid convergence: the grids must be ordered fine, medium");
  GridConvergence g;
  g.refinement_21 = medium.h_m / fine.h_m;
  g.observed_order = order;
  g.relative_error = std::abs(medium.value - fine.value) / std::max(std::abs(fine.value), 1e-300);
  const double rp = std::pow(g.refinement_21, order);
  g.extrapolated = (rp * fine.value - medium.value) / (rp - 1.0);
  g.extrapolated_error =
      std::abs(g.extrapolated - fine.value) / std::max(std::abs(g.extrapolated), 1e-300);
  g.gci_fine = safety_factor * g.relative_error / (rp - 1.0);
  g.fine_minus_extrapolated = fine.value - g.extrapolated;
  return g;
}

}  // namespace rt
