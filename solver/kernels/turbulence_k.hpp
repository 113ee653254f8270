#pragma once
// Algebraic turbulence closures: an effective viscosity mu_eff = mu + mu_t per
// cell from the local speed |V| and the wall distance d (wall_distance_k.hpp).
//
// LVEL (Agonafer, Gan-Li & Spalding, "The LVEL turbulence model for conjugate
// heat transfer at low Reynolds numbers", ASME HTD-Vol. 329 (1996) 23-26):
// Spalding's law of the wall (J. Appl. Mech. 28 (1961) 455-458),
//
//   y+ = u+ + (1/E) [e^(k u+) - 1 - k u+ - (k u+)^2/2 - (k u+)^3/6],
//
// one formula through sublayer, buffer and log region, is taken to hold at
// every air cell with u+ = |V|/u_tau and y+ = d u_tau/nu. Their product is
// the local Reynolds number Re = |V| d / nu = u+ y+, which fixes u+ (Newton,
// below); the effective viscosity is the slope of the law, tau = mu_eff dU/dy:
//
//   nu_eff / nu = dy+/du+ = 1 + (k/E) [e^(k u+) - 1 - k u+ - (k u+)^2/2].
//
// k = 0.417, E = 8.6 as in Agonafer et al. Near a wall (Re small) nu_t -> 0
// like (k u+)^3; in the log region nu_t -> k u_tau d, the mixing length of
// the log law.
//
// Outer layer: the law of the wall assumes the shear stress of the wall all
// the way out, so away from walls LVEL's nu_t keeps growing like k u_tau d,
// while in a real channel the stress falls to zero at the centreline. Plain
// LVEL puts a channel's friction 16-35 % above Dean's correlation (more at
// low Re; measured on its own 1-D solution, tests/validation/
// test_turbulent_channel.cpp). The mixing length is therefore capped in the
// outer layer as Escudier did (M. P. Escudier, "The distribution of
// mixing-length in turbulent flows near walls", Imperial College report
// TWF/TN/1, 1966; D. C. Wilcox, Turbulence Modeling for CFD, 3rd ed.,
// section 3.3: l = min(k y, 0.09 delta)):
//
//   nu_t = min(nu_t,LVEL, (0.09 delta)^2 |S|),   |S| = sqrt(2 S_ij S_ij),
//
// with delta the local thickness of the wall layer from the wall-distance
// potential (wall_distance_k.hpp: the half-width between parallel plates).
// Near walls (k d < 0.09 delta) the cap is far above LVEL's nu_t and LVEL
// stands as published; in the core nu_t falls with the shear, as the stress
// does. On the 1-D channel this brings c_f to +12 / +10 / +5 / +4 % of Dean
// at Re_m = 5000 / 6000 / 1e4 / 6e4 (the rest is LVEL's law of the wall at
// low Reynolds number: it takes the wall's shear stress all the way out, so
// where a channel's stress has already fallen, at y+ 20-100 when Re_tau is
// 200, its profile lies about one u+ below the measured one; no outer-layer
// cap reaches that, and Escudier's full l = min(k y, 0.09 delta) changes
// nothing: LVEL's own nu_t is below k y's there).
//
// Zero-equation (Chen & Xu, "A zero-equation turbulence model for indoor
// airflow simulation", Energy and Buildings 28 (1998) 137-144):
//
//   nu_t = 0.03874 |V| d.
//
// Walls (both models): the shear between a wall and the centre of the cell
// beside it is discretised over the half cell, tau_w = mu_w U_P / d_P. The
// slope above is the viscosity *at* the cell centre; over the half cell the
// law of the wall needs its secant, tau_w d_P / U_P = mu y+/u+ = mu Re/u+^2
// (u+ from Spalding's law at the cell's Re). With the slope the wall shear
// came out 65 % high in the channel validation (first cell at y+ = 10, where
// slope/secant = 1.7). So wall faces (domain walls, block surfaces) take
// mu_w: a wall function that is the laminar sublayer on fine grids (mu_w ->
// mu) and the log law on coarse ones. The cell's own d stands for the
// distance to the wall face, as it does at the first cell off a wall.
//
// Between cells (LVEL): the same holds one step further out. The shear
// between two cell centres is mu_face (U_B - U_A) / dx; where the pair spans
// the buffer layer, the mean of the two cells' slopes is far above the law's
// secant between them (first cells at y+ = 10 and 31: slopes 2.0 and 9.7,
// mean 5.9, secant (y+_B - y+_A)/(u+_B - u+_A) = 4.7), which put the channel's
// friction up to 7 % above the model's own solution and made it depend on
// where the first cell fell (-1 / +4.6 / +7 / +2.9 % on 10 / 20 / 40 / 80
// cells across). So tangential momentum faces between two air cells take the
// secant from the cells' (u+, y+) (law_of_the_wall_pair_viscosity), capped by
// the mean of their capped nu_t as above; it equals the slope where the two
// cells sit at one y+. The channel then converges to the model from below:
// -1.8 / -1.0 / -0.3 / -0.05 %.
//
// Both are capped at mu_t <= kMaxTurbulentViscosityRatio mu, a guard for the
// first outer iterations of fan- and pressure-driven runs, where speeds can
// overshoot; it is far above what PC-case flows produce (about 10^2-10^3).
// Porous cells keep mu (and their conductivity): the fin gaps the block stands
// for are not resolved, so d is not the distance to their walls, and the
// block's measured Darcy-Forchheimer coefficients already carry the resistance
// of whatever flow regime the gaps have. Solid cells keep mu (never used).
//
// The heat flux uses k_eff = k + cp mu_t / Pr_t in air cells, Pr_t = 0.9
// (the usual value for air in wall-bounded flow, e.g. Kays, Crawford &
// Weigand, Convective Heat and Mass Transfer, 4th ed., ch. 11), with the
// wall mu_t at walls (a Reynolds-analogy thermal wall function).

#include <cmath>

#include "solver/flow_view.hpp"

namespace rt {

// Same order as rt::Turbulence (scenarios/model/model.hpp).
enum TurbulenceModel : int { kLaminar = 0, kLvel = 1, kZeroEquation = 2 };

constexpr double kKarman = 0.417;  // von Karman constant of Spalding's law
constexpr double kLogLawE = 8.6;   // E in u+ = ln(E y+)/k
constexpr double kZeroEquationCoefficient = 0.03874;
constexpr double kOuterMixingLength = 0.09;  // Escudier's l_max / delta
constexpr double kTurbulentPrandtl = 0.9;
constexpr double kMaxTurbulentViscosityRatio = 1e4;  // mu_t / mu

// u+ above this stands for Re beyond ~1e12 (e^(k u+) ~ 1e11): no air flow in
// an enclosure gets there, and it keeps the exponentials finite.
constexpr double kMaxUPlus = 60.0;

// y+ of Spalding's law at u+.
RT_HOST_DEVICE inline double spalding_y_plus(double u_plus) {
  const double x = kKarman * u_plus;
  return u_plus + (std::exp(x) - 1.0 - x - 0.5 * x * x - x * x * x / 6.0) / kLogLawE;
}

// dy+/du+ of Spalding's law at u+: nu_eff / nu.
RT_HOST_DEVICE inline double spalding_slope(double u_plus) {
  const double x = kKarman * u_plus;
  return 1.0 + kKarman / kLogLawE * (std::exp(x) - 1.0 - x - 0.5 * x * x);
}

// u+ with u+ y+(u+) = Re (Re >= 0). f(u) = u y+(u) - Re is increasing and
// convex with f(0) < 0 and f(sqrt(Re)) >= 0 (y+ >= u+), so Newton kept inside
// the bracket [lo, hi] by bisection converges from any start; the log law
// u = ln(E Re / u) / k, iterated twice, starts it within a few steps.
RT_HOST_DEVICE inline double spalding_u_plus(double Re) {
  if (!(Re > 0.0)) return 0.0;
  double lo = 0.0, hi = std::fmin(std::sqrt(Re), kMaxUPlus);
  if (hi * spalding_y_plus(hi) <= Re) return hi;  // only at the kMaxUPlus clamp
  double u = hi;
  if (Re > 100.0) {  // past the buffer layer: start from the log law
    double g = 10.0;
    for (int n = 0; n < 2; ++n) g = std::log(kLogLawE * Re / g) / kKarman;
    if (g > lo && g < hi) u = g;
  }
  for (int n = 0; n < 60; ++n) {
    const double y = spalding_y_plus(u);
    const double f = u * y - Re;
    if (f > 0.0) {
      hi = u;
    } else {
      lo = u;
    }
    const double step = f / (y + u * spalding_slope(u));
    double next = u - step;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (std::fabs(next - u) <= 1e-12 * (1.0 + u)) return next;
    u = next;
  }
  return u;
}

// nu_eff / nu of LVEL at the local Reynolds number Re = |V| d / nu.
RT_HOST_DEVICE inline double lvel_viscosity_ratio(double Re) {
  return spalding_slope(spalding_u_plus(Re));
}

// mu_w / mu = y+/u+ = Re/u+^2: the wall shear over the half cell (see top).
RT_HOST_DEVICE inline double wall_viscosity_ratio(double Re) {
  const double u_plus = spalding_u_plus(Re);
  return u_plus > 0.0 ? Re / (u_plus * u_plus) : 1.0;
}

// nu_eff / nu of the zero-equation model.
RT_HOST_DEVICE inline double zero_equation_viscosity_ratio(double Re) {
  return 1.0 + kZeroEquationCoefficient * Re;
}

// Component a of the velocity at the centre of cell (i, j, k), the mean of its two faces.
RT_HOST_DEVICE inline double cell_velocity(const FlowView& v, int a, int i, int j, int k) {
  const Extent fe = v.faces(a);
  const std::size_t lo = fe.index(i, j, k);
  return 0.5 * (v.vel[a][lo] + v.vel[a][lo + fe.stride(a)]);
}

// Speed at the centre of cell (i, j, k).
RT_HOST_DEVICE inline double cell_speed(const FlowView& v, int i, int j, int k) {
  double s2 = 0.0;
  for (int a = 0; a < 3; ++a) {
    const double U = cell_velocity(v, a, i, j, k);
    s2 += U * U;
  }
  return std::sqrt(s2);
}

// |S| = sqrt(2 S_ij S_ij) at the centre of air cell (i, j, k), 1/s. Normal
// gradients from the cell's own faces; cross gradients by central differences
// of the neighbours' centre velocities, one-sided from the cell itself where a
// neighbour is solid or outside. Near walls that underestimates the shear, but
// there the outer-layer cap it feeds is far above LVEL's own nu_t (see top).
RT_HOST_DEVICE inline double cell_strain_rate(const FlowView& v, int i, int j, int k) {
  const MeshView& m = v.mesh;
  const int c[3] = {i, j, k};
  double g[3][3];  // g[a][b] = dU_a / dx_b
  for (int a = 0; a < 3; ++a) {
    const Extent fe = v.faces(a);
    const std::size_t lo = fe.index(i, j, k);
    g[a][a] = (v.vel[a][lo + fe.stride(a)] - v.vel[a][lo]) / m.width(a, c[a]);
  }
  for (int b = 0; b < 3; ++b) {
    int side_cell[2] = {c[b], c[b]};
    for (int side = 0; side < 2; ++side) {
      const int nb = c[b] + (side ? 1 : -1);
      if (nb < 0 || nb >= m.cells.n[b]) continue;
      int n3[3] = {i, j, k};
      n3[b] = nb;
      if (m.material[m.cells.index(n3[0], n3[1], n3[2])] <= 0) side_cell[side] = nb;
    }
    const double dx = m.xc(b, side_cell[1]) - m.xc(b, side_cell[0]);
    for (int a = 0; a < 3; ++a) {
      if (a == b) continue;
      if (side_cell[0] == side_cell[1]) {
        g[a][b] = 0.0;
        continue;
      }
      int lo3[3] = {i, j, k}, hi3[3] = {i, j, k};
      lo3[b] = side_cell[0];
      hi3[b] = side_cell[1];
      g[a][b] = (cell_velocity(v, a, hi3[0], hi3[1], hi3[2]) -
                 cell_velocity(v, a, lo3[0], lo3[1], lo3[2])) /
                dx;
    }
  }
  double s2 = 0.0;
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) {
      const double S = 0.5 * (g[a][b] + g[b][a]);
      s2 += S * S;
    }
  return std::sqrt(2.0 * s2);
}

// nu_eff / nu of LVEL with the outer-layer cap (see top): Re = |V| d / nu at
// the cell, `outer` = (0.09 delta)^2 |S| / nu.
RT_HOST_DEVICE inline double capped_lvel_ratio(double lvel_ratio, double outer) {
  return 1.0 + std::fmin(lvel_ratio - 1.0, outer);
}

// Viscosities of one cell, Pa s: inside the air, and towards a wall.
struct CellViscosity {
  double interior;
  double wall;
  double u_plus = 0.0;  // LVEL: Spalding's u+ and y+ at the cell (0 otherwise)
  double y_plus = 0.0;
};

// mu_eff and mu_w of cell (i, j, k) from the current velocity; wall_distance
// and layer_thickness (d and delta) in m per cell.
RT_HOST_DEVICE inline CellViscosity effective_viscosity(const FlowView& v,
                                                        const double* wall_distance,
                                                        const double* layer_thickness, int model,
                                                        int i, int j, int k) {
  const double mu = v.props.mu;
  const std::size_t P = v.mesh.cells.index(i, j, k);
  if (v.mesh.material[P] != 0 || model == kLaminar) return {mu, mu};
  const double Re = cell_speed(v, i, j, k) * wall_distance[P] * v.props.rho / mu;
  // One Newton solve serves both viscosities (it is most of the update's cost).
  const double u_plus = spalding_u_plus(Re);
  double ratio;
  if (model == kLvel) {
    const double l_outer = kOuterMixingLength * layer_thickness[P];
    ratio = capped_lvel_ratio(spalding_slope(u_plus),
                              l_outer * l_outer * cell_strain_rate(v, i, j, k) * v.props.rho / mu);
  } else {
    ratio = zero_equation_viscosity_ratio(Re);
  }
  const double wall_ratio = u_plus > 0.0 ? Re / (u_plus * u_plus) : 1.0;
  const double cap = 1.0 + kMaxTurbulentViscosityRatio;
  if (model != kLvel) return {mu * std::fmin(ratio, cap), mu * std::fmin(wall_ratio, cap)};
  return {mu * std::fmin(ratio, cap), mu * std::fmin(wall_ratio, cap), u_plus,
          u_plus > 0.0 ? Re / u_plus : 0.0};
}

// LVEL: the viscosity for the shear between the centres of air cells A and B
// (see top, "Between cells"): mu (1 + min(s - 1, mean of the cells' nu_t/nu))
// with s the secant dy+/du+ of Spalding's law between the cells' (u+, y+),
// kept between the smaller cell slope and the mean (an inconsistent pair,
// e.g. two cells at one wall distance with different speeds, or both at rest,
// falls back to the mean).
RT_HOST_DEVICE inline double law_of_the_wall_pair_viscosity(const FlowView& v, std::size_t A,
                                                           std::size_t B) {
  const double mu = v.props.mu;
  const double tA = v.mu_eff[A] / mu - 1.0, tB = v.mu_eff[B] / mu - 1.0;
  const double mean = 0.5 * (tA + tB);
  const double du = v.law_u_plus[B] - v.law_u_plus[A];
  const double dy = v.law_y_plus[B] - v.law_y_plus[A];
  double t = mean;
  if (std::fabs(du) > 1e-9 * (1.0 + std::fabs(v.law_u_plus[A]))) {
    const double secant = dy / du - 1.0;
    t = std::fmin(std::fmax(secant, std::fmin(tA, tB)), mean);
  }
  return mu * (1.0 + t);
}

// Turbulent part of the conductivity of cell P, cp mu_t / Pr_t (air cells
// only, 0 in laminar runs: mu_eff is null then); `at_wall` takes the wall
// viscosity, for the half cell between P and a wall or block surface.
RT_HOST_DEVICE inline double turbulent_conductivity(const FlowView& v, std::size_t P,
                                                    bool at_wall) {
  if (!v.mu_eff || v.mesh.material[P] != 0) return 0.0;
  const double mu = at_wall ? v.mu_wall[P] : v.mu_eff[P];
  return v.props.cp * (mu - v.props.mu) / kTurbulentPrandtl;
}

}  // namespace rt
