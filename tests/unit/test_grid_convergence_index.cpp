// Richardson extrapolation and the GCI (Celik et al. 2008) on answers whose
// error law is known: phi(h) = phi0 + C h^p must give back p and phi0
// exactly, with equal and with unequal refinement ratios.

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "solver/grid_convergence_index.hpp"

namespace rt {
namespace {

GridAnswer on_grid(double h, double phi0, double c, double p) {
  return {h, phi0 + c * std::pow(h, p)};
}

TEST(GridConvergenceIndex, RecoversOrderAndLimitWithUnequalRatios) {
  // Snapped grids are not refined by one ratio: 1.5 then 1.6.
  const double phi0 = 80.0, c = 3.0, p = 2.0;
  const GridConvergence g = grid_convergence(on_grid(1.0, phi0, c, p), on_grid(1.5, phi0, c, p),
                                             on_grid(2.4, phi0, c, p));
  EXPECT_EQ(g.kind, "monotonic");
  EXPECT_NEAR(g.refinement_21, 1.5, 1e-12);
  EXPECT_NEAR(g.refinement_32, 1.6, 1e-12);
  EXPECT_NEAR(g.observed_order, p, 1e-9);
  EXPECT_NEAR(g.extrapolated, phi0, 1e-9);
  EXPECT_NEAR(g.fine_minus_extrapolated, c, 1e-9);
  // The procedure's definitions, from the three values.
  const double phi1 = phi0 + c, phi2 = phi0 + c * 2.25;
  EXPECT_NEAR(g.relative_error, (phi2 - phi1) / phi1, 1e-12);
  EXPECT_NEAR(g.gci_fine, 1.25 * (phi2 - phi1) / phi1 / (2.25 - 1.0), 1e-9);
  EXPECT_NEAR(g.extrapolated_error, c / phi0, 1e-9);
}

TEST(GridConvergenceIndex, RecoversAFractionalOrderAndAFallingAnswer) {
  const double phi0 = 84.0, c = -1.7, p = 1.3;
  const GridConvergence g = grid_convergence(on_grid(2e-3, phi0, c, p), on_grid(3e-3, phi0, c, p),
                                             on_grid(4.5e-3, phi0, c, p));
  EXPECT_EQ(g.kind, "monotonic");
  EXPECT_NEAR(g.observed_order, p, 1e-9);
  EXPECT_NEAR(g.extrapolated, phi0, 1e-9);
}

TEST(GridConvergenceIndex, SaysWhenTheDifferencesChangeSign) {
  const GridConvergence g =
      grid_convergence({1.0, 80.0}, {1.5, 81.0}, {2.25, 79.5});  // up, then down
  EXPECT_EQ(g.kind, "oscillatory");
  EXPECT_TRUE(std::isfinite(g.observed_order));
  EXPECT_GT(g.gci_fine, 0.0);
}

TEST(GridConvergenceIndex, AnOscillatingTripleFallsBackOnTheFormalOrder) {
  // The oscillating triple's observed order extrapolates past any value the
  // grids visited; at the formal order the two finer grids of a p = 2 law
  // give back its limit, whatever the coarse grid did.
  const double phi0 = 230.0, c = 0.5, p = 2.0;
  const GridAnswer fine = on_grid(2.33, phi0, c, p), medium = on_grid(4.06, phi0, c, p);
  const GridConvergence at = grid_convergence_at_order(fine, medium, p, kFormalOrderSafetyFactor);
  EXPECT_NEAR(at.extrapolated, phi0, 1e-9);
  EXPECT_EQ(at.observed_order, p);
  const double r = 4.06 / 2.33;
  EXPECT_NEAR(at.gci_fine, 3.0 * (medium.value - fine.value) / fine.value / (r * r - 1.0), 1e-12);
  // The order observed on a triple does the same as the full procedure.
  const GridConvergence full = grid_convergence(fine, medium, on_grid(6.06, phi0, c, p));
  const GridConvergence same = grid_convergence_at_order(fine, medium, full.observed_order, 1.25);
  EXPECT_NEAR(same.extrapolated, full.extrapolated, 1e-9);
  EXPECT_NEAR(same.gci_fine, full.gci_fine, 1e-12);
  EXPECT_THROW(grid_convergence_at_order(medium, fine, p, 3.0), std::invalid_argument);
}

TEST(GridConvergenceIndex, EqualAnswersAreConvergedWithoutAnOrder) {
  const GridConvergence g = grid_convergence({1.0, 84.0}, {1.5, 84.0}, {2.25, 83.0});
  EXPECT_EQ(g.kind, "converged");
  EXPECT_EQ(g.extrapolated, 84.0);
  EXPECT_EQ(g.gci_fine, 0.0);
}

TEST(GridConvergenceIndex, RefusesGridsOutOfOrderOrBarelyRefined) {
  EXPECT_THROW(grid_convergence({1.5, 1.0}, {1.0, 1.0}, {2.0, 1.0}), std::invalid_argument);
  EXPECT_THROW(grid_convergence({1.0, 1.0}, {1.05, 2.0}, {2.0, 3.0}), std::invalid_argument);
}

TEST(GridConvergenceIndex, RepresentativeCellSizeIsTheCubeRootOfVolumePerCell) {
  EXPECT_NEAR(representative_cell_size(1.0, 1e6), 0.01, 1e-15);
}

}  // namespace
}  // namespace rt
