#pragma once
// Fully developed turbulent flow between parallel plates (issue 4), shared by
// tests/validation/test_turbulent_channel.cpp (10, 20 and 40 cells across)
// and tests/long/test_turbulent_channel_fine.cpp (80): a 2-D channel of
// height H = 1 and length 120 H, a uniform inlet (U_b = 1) at xmin, an
// opening at xmax, no-slip walls at ymin and ymax. Re_m = U_b H / nu = 6000,
// so Re_Dh = U_b 2H / nu = 1.2e4. Over the downstream part (x = 60 H to
// 105 H, far from the inlet and clear of the outlet) the flow no longer
// changes along x and the wall shear balances the pressure gradient:
//
//   tau_w = -(dp/dx) H / 2,   c_f = tau_w / (rho U_b^2 / 2).
//
// References: (1) the LVEL model's own fully developed solution, a 1-D
// integration without a grid (lvel_model_cf): the solver's difference from
// it is its discretisation error; (2) Dean's correlation for smooth
// two-dimensional channels, c_f = 0.073 Re_m^-0.25 (R. B. Dean, "Reynolds
// number dependence of skin friction and other bulk flow variables in
// two-dimensional rectangular duct flow", J. Fluids Eng. 100 (1978) 215-223).

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "scenarios/generic/scenario_file.hpp"
#include "solver/kernels/turbulence_k.hpp"
#include "solver/steady_solver.hpp"
#include "validation/validation_support.hpp"

namespace rt {
namespace channel {

inline constexpr double kRe_m = 6000.0;  // U_b H / nu
inline constexpr double kLength = 120.0;  // in H

// The channel as a scenario; with `heated_prandtl` > 0 the air has that
// Prandtl number, enters at 25 °C and the walls are held at 26 °C
// (test_turbulent_channel_heat.cpp), otherwise the walls are adiabatic.
inline std::string channel_scenario(const std::string& model, int ny, double length_H = kLength,
                                    double heated_prandtl = 0.0) {
  const double mu = 1.0 / kRe_m;
  const bool heated = heated_prandtl > 0.0;
  const std::string wall = heated ? "type = \"wall\"\nT_C = 26.0\n" : "type = \"wall\"\n";
  return fmt::format(R"(
[domain]
size_m = [{L}, 1.0, 0.05]
[grid]
cells = [{nx}, {ny}, 1]
[fluid]
density_kg_m3 = 1.0
viscosity_Pa_s = {mu}
conductivity_W_mK = {k}
specific_heat_J_kgK = 1.0
expansion_1_K = 0.0
[physics]
gravity_m_s2 = [0.0, 0.0, 0.0]
turbulence = "{model}"
reference_T_C = 25.0
[boundary.xmin]
type = "inlet"
velocity_m_s = [1.0, 0.0, 0.0]
T_C = 25.0
[boundary.xmax]
type = "opening"
[boundary.ymin]
{wall}[boundary.ymax]
{wall}[boundary.zmin]
type = "symmetry"
[boundary.zmax]
type = "symmetry"
[solver]
max_iterations = 5000
tolerance = 1e-7
)",
                     fmt::arg("L", length_H), fmt::arg("nx", static_cast<int>(2 * length_H)),
                     fmt::arg("ny", ny), fmt::arg("mu", mu),
                     fmt::arg("k", heated ? mu / heated_prandtl : 1.0), fmt::arg("model", model),
                     fmt::arg("wall", wall));
}

struct ChannelResult {
  double cf_pressure = 0;        // from the downstream pressure gradient
  double centreline_change = 0;  // relative change of the centreline speed, 60 H -> 105 H
  double max_viscosity_ratio = 0;
  int iterations = 0;
  bool converged = false;
};

// The LVEL model itself in fully developed channel flow, without any grid:
// the shear tau_w (1 - y/h) = rho nu (nu_eff/nu)(Re = U y/nu) dU/dy
// integrated from the wall (Heun's method, 4000 steps over the half height
// h = H/2) for the U_b = 1 that fixes u_tau (bisection). What the 2-D solver
// must reproduce: the difference is its discretisation error.
struct LvelModelProfile {
  double u_tau = 0;
  double dy = 0;                  // step from the wall
  std::vector<double> U;          // at y = n dy, n = 0 .. steps (wall to centreline)
  std::vector<double> nu_ratio;   // nu_eff / nu over each step
};

inline LvelModelProfile lvel_model_profile(double Re_m) {
  const double nu = 1.0 / Re_m, h = 0.5;
  const int steps = 4000;
  LvelModelProfile p;
  p.dy = h / steps;
  const double dy = p.dy;
  // Fills U and nu_ratio for u_tau; returns the bulk speed.
  const auto integrate = [&](double u_tau) {
    // tau / rho = nu dU/dy + min(nu_t,LVEL, l^2 dU/dy) dU/dy is increasing in
    // dU/dy: the slope is the larger of the two branches' roots.
    const double l = kOuterMixingLength * h;
    const auto stress = [&](double y) { return u_tau * u_tau * (1.0 - y / h); };
    const auto slope = [&](double y, double U) {
      const double lvel = stress(y) / (nu * lvel_viscosity_ratio(U * y / nu));
      const double outer =
          (-nu + std::sqrt(nu * nu + 4.0 * l * l * stress(y))) / (2.0 * l * l);
      return std::fmax(lvel, outer);
    };
    p.U.assign(1, 0.0);
    p.nu_ratio.clear();
    double U = 0.0, integral = 0.0;
    for (int n = 0; n < steps; ++n) {
      const double y = n * dy;
      const double k1 = slope(y, U), k2 = slope(y + dy, U + dy * k1);
      const double U_next = U + 0.5 * dy * (k1 + k2);
      integral += 0.5 * (U + U_next) * dy;
      p.nu_ratio.push_back(stress(y + 0.5 * dy) / (nu * (U_next - U) / dy));
      p.U.push_back(U_next);
      U = U_next;
    }
    return integral / h;
  };
  double lo = 1e-3, hi = 1.0;
  for (int n = 0; n < 60; ++n) {
    const double mid = 0.5 * (lo + hi);
    (integrate(mid) > 1.0 ? hi : lo) = mid;
  }
  p.u_tau = 0.5 * (lo + hi);
  integrate(p.u_tau);
  return p;
}

inline double lvel_model_cf(double Re_m) {
  const double u_tau = lvel_model_profile(Re_m).u_tau;
  return 2.0 * u_tau * u_tau;  // tau_w / (rho U_b^2 / 2)
}

// Mean pressure over the cross-section of cell column i.
inline double section_pressure(FlowState& s, int i) {
  const Extent& C = s.cells();
  double sum = 0.0;
  for (int j = 0; j < C.n[1]; ++j) sum += s.p[C.index(i, j, 0)] * s.grid().width(1, j);
  return sum;  // H = 1
}

inline ChannelResult run_channel(const std::string& model, int ny) {
  const Model m = parse_scenario(channel_scenario(model, ny), "turbulent-channel-" + model);
  const Grid grid = make_uniform_grid(m.size_m, m.cells);
  SteadySolver solver(m, grid);
  const Summary s = solver.solve(RunOptions{});
  ChannelResult r;
  r.iterations = s.iterations;
  r.converged = s.converged;
  r.max_viscosity_ratio = solver.max_turbulent_viscosity_ratio();

  // Least-squares slope of the section pressure over x = 60 H .. 105 H.
  FlowState& st = solver.state();
  double sx = 0, sp = 0, sxx = 0, sxp = 0;
  int n = 0;
  for (int i = 0; i < grid.nx(); ++i) {
    const double x = grid.centre(0, i);
    if (x < 60.0 || x > 105.0) continue;
    const double p = section_pressure(st, i);
    sx += x;
    sp += p;
    sxx += x * x;
    sxp += x * p;
    ++n;
  }
  const double slope = (n * sxp - sx * sp) / (n * sxx - sx * sx);
  const double tau_w = -slope * 0.5;
  r.cf_pressure = tau_w / 0.5;  // rho U_b^2 / 2 = 1/2

  const auto u60 = validation::face_line(st, 0, 120, 1), u105 = validation::face_line(st, 0, 210, 1);
  const std::size_t mid = u60.size() / 2;
  const double c60 = 0.5 * (u60[mid - 1] + u60[mid]), c105 = 0.5 * (u105[mid - 1] + u105[mid]);
  r.centreline_change = std::fabs(c105 - c60) / c60;
  return r;
}


inline double dean_cf() { return 0.073 * std::pow(kRe_m, -0.25); }

// c_f of the solver against the model and Dean, printed; `limits` checked.
inline void check_lvel_channel(int cells_across) {
  const double cf_dean = dean_cf();
  const double cf_blasius = 0.25 * 0.316 * std::pow(2.0 * kRe_m, -0.25);
  const double cf_model = lvel_model_cf(kRe_m);
  const ChannelResult lvel = run_channel("lvel", cells_across);
  std::cout << fmt::format(
      "Turbulent channel, Re_m = {:.0f} (Re_Dh = {:.0f}), {} x {} cells, x = 60..105 H:\n"
      "  LVEL model, 1-D fully developed: c_f = {:.5f} ({:+.1f} % vs Dean; at Re_m 5000 {:+.1f} "
      "%)\n"
      "  LVEL: c_f = {:.5f} ({:+.2f} % vs the model, limit 3 %); Dean 0.073 Re_m^-0.25 = {:.5f} "
      "({:+.1f} %, limit 10 %); Blasius on D_h = {:.5f} ({:+.1f} %)\n"
      "        {} iterations, centreline speed changes {:.2f} % from 60 H to 105 H, max "
      "mu_t/mu {:.1f}\n",
      kRe_m, 2.0 * kRe_m, static_cast<int>(2 * kLength), cells_across, cf_model,
      validation::percent_error(cf_model, cf_dean),
      validation::percent_error(lvel_model_cf(5000.0), 0.073 * std::pow(5000.0, -0.25)),
      lvel.cf_pressure, validation::percent_error(lvel.cf_pressure, cf_model), cf_dean,
      validation::percent_error(lvel.cf_pressure, cf_dean), cf_blasius,
      validation::percent_error(lvel.cf_pressure, cf_blasius), lvel.iterations,
      100.0 * lvel.centreline_change, lvel.max_viscosity_ratio);
  EXPECT_TRUE(lvel.converged);
  EXPECT_LT(lvel.centreline_change, 0.01);  // fully developed where it is measured
  EXPECT_NEAR(lvel.cf_pressure, cf_model, 0.03 * cf_model);
  EXPECT_NEAR(lvel.cf_pressure, cf_dean, 0.10 * cf_dean);
}

}  // namespace channel
}  // namespace rt
