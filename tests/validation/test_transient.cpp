// Transient runs against exact answers:
//
// 1. A heated slab (Carslaw & Jaeger, Conduction of Heat in Solids, 2nd ed.
//    1959, sec. 3.14): a solid of half-thickness l between two walls held at
//    the initial temperature, uniform heat production A0 switched on at
//    t = 0. The rise at the mid-plane is
//      theta(0, t) = A0 l^2 / (2k) [1 - 32/pi^3 sum_n (-1)^n / (2n+1)^3
//                                     exp(-kappa (2n+1)^2 pi^2 t / (4 l^2))].
//    The monitored mid-plane history must follow it within 1 % with the
//    default BDF2 and with backward Euler at a finer step (0.5 s against 2 s), and halving the
//    step must shrink the change at second (BDF2) and first (Euler) order.
//    The stored heat closes the energy balance.
// 2. Air in a slip duct between two openings 5 Pa apart, at rest at t = 0:
//    the whole column of air (length L) is accelerated by the pressure
//    difference less the dynamic head of the air drawn in,
//      rho L du/dt = dp - rho u^2 / 2   ->   u = U tanh(U t / (2 L)),
//    U = sqrt(2 dp / rho): the momentum time term against an exact answer.
// 3. A powered block in a forced air stream warms towards its steady
//    temperature: after ten time constants the transient run must land on
//    the steady solver's answer.
// 4. A powered block in a closed, adiabatic box of air (no steady state; the
//    air convects): all the heat is stored, sum of rho c_p V (T - T0) = P t.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "geometry/snapped_grid.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "solver/steady_solver.hpp"
#include "solver/transient_solver.hpp"

namespace rt {
namespace {

constexpr double kPi = 3.14159265358979323846;

// The slab: 2l = 20 mm across x in 65 cells (the middle one centred on the
// mid-plane), one cell in y and z between adiabatic walls; k = 1 W/(m K),
// rho c = 1e6 J/(m3 K), so kappa = 1e-6 m2/s and l^2/kappa = 100 s;
// A0 = 2e5 W/m3 gives a steady mid-plane rise of 10 K.
constexpr double kHalfThickness = 0.01, kConductivity = 1.0, kDiffusivity = 1e-6;
constexpr double kHeatProduction = 2e5;
constexpr double kWall_C = 20.0;

std::string slab_scenario(double dt, const char* scheme, double end_time) {
  return fmt::format(R"(
[domain]
size_m = [0.02, 0.01, 0.01]
[grid]
cells = [65, 1, 1]
[physics]
reference_T_C = {wall}
[boundary.xmin]
type = "wall"
T_C = {wall}
[boundary.xmax]
type = "wall"
T_C = {wall}
[[block]]
name = "slab"
min_m = [0.0, 0.0, 0.0]
max_m = [0.02, 0.01, 0.01]
conductivity_W_mK = 1.0
density_kg_m3 = 1000.0
specific_heat_J_kgK = 1000.0
power_W = 0.4
[[monitor]]
name = "mid"
position_m = [0.01, 0.005, 0.005]
[solver]
mode = "transient"
time_step_s = {dt}
end_time_s = {end}
output_interval_s = 10
iterations_per_step = 40
step_tolerance = 1e-10
time_scheme = "{scheme}"
)",
                     fmt::arg("wall", kWall_C), fmt::arg("dt", dt), fmt::arg("end", end_time),
                     fmt::arg("scheme", scheme));
}

double exact_mid_rise(double t) {
  const double l = kHalfThickness;
  double sum = 0.0;
  for (int n = 0; n < 200; ++n) {
    const double m = 2 * n + 1;
    sum += (n % 2 ? -1.0 : 1.0) / (m * m * m) *
           std::exp(-kDiffusivity * m * m * kPi * kPi * t / (4 * l * l));
  }
  return kHeatProduction * l * l / (2 * kConductivity) * (1.0 - 32.0 / (kPi * kPi * kPi) * sum);
}

struct SlabRun {
  std::vector<double> time_s;
  std::vector<double> rise_K;  // mid-plane temperature above the walls
  Summary summary;
};

SlabRun run_slab(double dt, const char* scheme, double end_time = 100.0) {
  const Model model = parse_scenario(slab_scenario(dt, scheme, end_time), "slab");
  TransientSolver solver(model, make_grid(model));
  SlabRun run;
  run.summary = solver.solve(RunOptions{});
  const TimeSeries& ts = run.summary.time_series;
  run.time_s = ts.time_s;
  for (double T : ts.monitors.at(0).T_C) run.rise_K.push_back(T - kWall_C);
  return run;
}

// Largest error against the exact rise over the samples after t = 0, in
// percent of the exact rise at that time.
double worst_error_pct(const SlabRun& r) {
  double worst = 0.0;
  for (std::size_t n = 1; n < r.time_s.size(); ++n) {
    const double exact = exact_mid_rise(r.time_s[n]);
    worst = std::max(worst, std::fabs(r.rise_K[n] - exact) / exact);
  }
  return 100.0 * worst;
}

void print_history(const SlabRun& r, const std::string& label) {
  std::cout << label << "\n    t s   rise K  exact K  error %\n";
  for (std::size_t n = 1; n < r.time_s.size(); ++n) {
    const double exact = exact_mid_rise(r.time_s[n]);
    std::cout << fmt::format("  {:5.0f} {:8.4f} {:8.4f} {:+8.4f}\n", r.time_s[n], r.rise_K[n],
                             exact, 100.0 * (r.rise_K[n] - exact) / exact);
  }
}

TEST(TransientSlab, MidPlaneFollowsExactSeries) {
  const SlabRun bdf2 = run_slab(2.0, "bdf2");
  ASSERT_EQ(bdf2.summary.stop_reason, "end_time");
  EXPECT_TRUE(bdf2.summary.converged)
      << bdf2.summary.time.steps_not_converged << " steps not converged";
  ASSERT_EQ(bdf2.time_s.size(), 11u);  // t = 0, 10, ..., 100 s
  print_history(bdf2, "Heated slab, BDF2, dt = 2 s (l^2/kappa = 100 s), 65 cells:");
  const double err_bdf2 = worst_error_pct(bdf2);
  std::cout << fmt::format("  worst error {:.4f} % of the rise (limit 1 %)\n", err_bdf2);
  EXPECT_LT(err_bdf2, 1.0);

  const SlabRun euler = run_slab(0.5, "euler");
  const double err_euler = worst_error_pct(euler);
  std::cout << fmt::format(
      "Heated slab, backward Euler, dt = 0.5 s: worst error {:.4f} % of the rise (limit 1 %)\n",
      err_euler);
  EXPECT_LT(err_euler, 1.0);

  // Energy: power = heat leaving through the walls + heat being stored.
  const Summary& s = bdf2.summary;
  std::cout << fmt::format(
      "  at t = 100 s: sources {:.6f} W = out {:.6f} W + stored {:.6f} W, error {:+.2e} % "
      "(limit 1e-3 %)\n",
      s.sources_W, s.out_W, s.time.stored_W, s.energy_error_pct);
  EXPECT_LT(std::fabs(s.energy_error_pct), 1e-3);
  // Still warming at kappa t / l^2 = 1: the exact storage rate is
  // P 8/pi^2 sum_n exp(-kappa (2n+1)^2 pi^2 t / (4 l^2)) / (2n+1)^2.
  double share = 0.0;
  for (int n = 0; n < 200; ++n) {
    const double m = 2 * n + 1;
    share += std::exp(-kDiffusivity * m * m * kPi * kPi * 100.0 /
                      (4 * kHalfThickness * kHalfThickness)) /
             (m * m);
  }
  const double stored_exact = s.sources_W * 8.0 / (kPi * kPi) * share;
  std::cout << fmt::format("  stored {:.6f} W, exact {:.6f} W, error {:+.3f} % (limit 1 %)\n",
                           s.time.stored_W, stored_exact,
                           100.0 * (s.time.stored_W - stored_exact) / stored_exact);
  EXPECT_NEAR(s.time.stored_W, stored_exact, 0.01 * stored_exact);
}

// Halving the step: the change between successive runs falls by 2^p, p the
// order, whatever the (fixed) spatial error. Compared at every sample (the
// steps divide the 10 s output interval, so the samples fall at the same times).
double observed_order(const char* scheme, double dt) {
  const SlabRun a = run_slab(dt, scheme), b = run_slab(dt / 2, scheme),
                c = run_slab(dt / 4, scheme);
  double d_ab = 0.0, d_bc = 0.0;
  for (std::size_t n = 1; n < a.time_s.size(); ++n) {
    d_ab = std::max(d_ab, std::fabs(a.rise_K[n] - b.rise_K[n]));
    d_bc = std::max(d_bc, std::fabs(b.rise_K[n] - c.rise_K[n]));
  }
  const double p = std::log2(d_ab / d_bc);
  std::cout << fmt::format(
      "  {}: dt = {:g}, {:g}, {:g} s: largest change {:.3e} K, then {:.3e} K -> order {:.3f}\n",
      scheme, dt, dt / 2, dt / 4, d_ab, d_bc, p);
  return p;
}

TEST(TransientSlab, ErrorFallsAtTheSchemesOrder) {
  std::cout << "Heated slab, order in time:\n";
  const double p_euler = observed_order("euler", 2.0);
  EXPECT_NEAR(p_euler, 1.0, 0.15);
  const double p_bdf2 = observed_order("bdf2", 1.0);
  EXPECT_NEAR(p_bdf2, 2.0, 0.25);
}

constexpr char kDuctFromRest[] = R"([domain]
size_m = [0.3, 0.12, 0.12]
[grid]
cells = [30, 6, 6]
[physics]
gravity_m_s2 = [0.0, 0.0, 0.0]
[boundary.xmin]
type = "opening"
pressure_Pa = 5.0
[boundary.xmax]
type = "opening"
[boundary.ymin]
type = "symmetry"
[boundary.ymax]
type = "symmetry"
[boundary.zmin]
type = "symmetry"
[boundary.zmax]
type = "symmetry"
)";

struct DuctRun {
  std::vector<double> time_s, speed_m_s;  // after every step
  double U = 0, L = 0;                    // Bernoulli speed, duct length
};

// The mean speed through the inflow face after every step, read from the
// state when the step reports its progress. The first step needs ~100
// iterations: a uniform flow has almost no momentum residual scale left once
// its mean is removed (residual_k.hpp), so its residual reads ~1 until the
// imbalance reaches round-off; later steps take a few.
DuctRun run_duct(double dt, const char* scheme) {
  const Model model = parse_scenario(
      std::string(kDuctFromRest) +
          fmt::format("[solver]\nmode = \"transient\"\ntime_step_s = {}\nend_time_s = 0.6\n"
                      "iterations_per_step = 300\nstep_tolerance = 1e-6\ntime_scheme = \"{}\"\n",
                      dt, scheme),
      "duct from rest");
  TransientSolver solver(model, make_grid(model));
  DuctRun run;
  run.U = std::sqrt(2.0 * 5.0 / model.fluid.density_kg_m3);
  run.L = model.size_m[0];
  RunOptions options;
  options.on_progress = [&](const Progress& p) {
    const FlowState& st = solver.state();
    const Extent fx = face_extent(st.cells(), 0);
    double sum = 0.0;
    for (int k = 0; k < fx.n[2]; ++k)
      for (int j = 0; j < fx.n[1]; ++j) sum += st.vel[0][fx.index(0, j, k)];
    run.time_s.push_back(p.time_s);
    run.speed_m_s.push_back(sum / (fx.n[1] * fx.n[2]));
  };
  const Summary s = solver.solve(options);
  EXPECT_TRUE(s.converged) << s.time.steps_not_converged << " steps not converged";
  return run;
}

double exact_duct_speed(const DuctRun& r, double t) { return r.U * std::tanh(r.U * t / (2 * r.L)); }

TEST(TransientDuct, AirColumnAcceleratesAsTanh) {
  const DuctRun r = run_duct(0.01, "bdf2");
  ASSERT_EQ(r.time_s.size(), 60u);
  std::cout << fmt::format(
      "Duct from rest, 5 Pa, L = 0.3 m, BDF2 dt = 0.01 s (2L/U = {:.4f} s):\n    t s   u m/s  "
      "exact    error %\n",
      2 * r.L / r.U);
  double worst = 0.0;
  for (std::size_t n = 0; n < r.time_s.size(); ++n) {
    const double exact = exact_duct_speed(r, r.time_s[n]);
    const double err = (r.speed_m_s[n] - exact) / exact;
    worst = std::max(worst, std::fabs(err));
    if ((n + 1) % 10 == 0)
      std::cout << fmt::format("  {:5.2f} {:7.4f} {:7.4f} {:+8.4f}\n", r.time_s[n], r.speed_m_s[n],
                               exact, 100.0 * err);
  }
  std::cout << fmt::format("  worst error over all 60 steps {:.4f} % (limit 1 %)\n", 100.0 * worst);
  EXPECT_LT(worst, 0.01);

  // Order: the change between 2 dt, dt and dt/2 at the shared step ends.
  auto change = [](const DuctRun& a, const DuctRun& b) {
    double d = 0.0;
    for (std::size_t n = 0; n < a.time_s.size(); ++n)
      d = std::max(d, std::fabs(a.speed_m_s[n] - b.speed_m_s[2 * n + 1]));
    return d;
  };
  const DuctRun coarse = run_duct(0.02, "bdf2"), half = run_duct(0.005, "bdf2");
  const double d1 = change(coarse, r), d2 = change(r, half);
  std::cout << fmt::format(
      "  dt = 0.02, 0.01, 0.005 s: largest changes {:.3e}, {:.3e} m/s -> order {:.3f}\n", d1, d2,
      std::log2(d1 / d2));
  EXPECT_NEAR(std::log2(d1 / d2), 2.0, 0.25);
}

// A 1 W aluminium block (about 5 J/K) in a 0.2 m/s stream of 20 °C air,
// buoyancy off. Its time constant is about 1000 s; 40 steps of 300 s reach
// 12000 s, where what is left of the transient is of order 1e-5.
constexpr char kCooledBlock[] = R"(
[domain]
size_m = [0.1, 0.04, 0.02]
[grid]
cells = [25, 10, 5]
[fluid]
expansion_1_K = 0
[physics]
reference_T_C = 20.0
[boundary.xmin]
type = "inlet"
velocity_m_s = [0.2, 0.0, 0.0]
T_C = 20.0
[boundary.xmax]
type = "opening"
[[block]]
name = "chip"
min_m = [0.032, 0.0, 0.004]
max_m = [0.052, 0.012, 0.016]
conductivity_W_mK = 200.0
density_kg_m3 = 2700.0
specific_heat_J_kgK = 900.0
power_W = 1.0
)";

TEST(TransientBlock, LateTimeEqualsSteadyAnswer) {
  const Model steady_model = parse_scenario(
      std::string(kCooledBlock) + "[solver]\nmax_iterations = 3000\ntolerance = 1e-7\n",
      "cooled block, steady");
  SteadySolver steady(steady_model, make_grid(steady_model));
  const Summary ss = steady.solve(RunOptions{});
  ASSERT_TRUE(ss.converged) << ss.iterations << " iterations";

  const Model model = parse_scenario(
      std::string(kCooledBlock) +
          "[solver]\nmode = \"transient\"\ntime_step_s = 300\nend_time_s = 12000\n"
          "output_interval_s = 1500\niterations_per_step = 60\nstep_tolerance = 1e-6\n",
      "cooled block, transient");
  TransientSolver transient(model, make_grid(model));
  const Summary st = transient.solve(RunOptions{});
  ASSERT_EQ(st.stop_reason, "end_time");

  const TimeSeries::Component& chip = st.time_series.components.at(0);
  std::cout << "Cooled block, 300 s steps, chip mean temperature:\n";
  for (std::size_t n = 0; n < st.time_series.time_s.size(); ++n)
    std::cout << fmt::format("  t {:5.0f} s: {:.4f} °C ({} iterations)\n", st.time_series.time_s[n],
                             chip.T_mean_C[n], st.time_series.iterations[n]);
  const double rise_steady = ss.components[0].T_mean_C - 20.0;
  const double rise_late = st.components[0].T_mean_C - 20.0;
  const double diff_pct = 100.0 * (rise_late - rise_steady) / rise_steady;
  std::cout << fmt::format(
      "  steady solver: rise {:.5f} K; transient at 12000 s: {:.5f} K, difference {:+.4f} % "
      "(limit 0.1 %); stored {:.2e} W\n",
      rise_steady, rise_late, diff_pct, st.time.stored_W);
  EXPECT_LT(std::fabs(diff_pct), 0.1);
  // It warmed monotonically from the inlet temperature.
  EXPECT_NEAR(chip.T_mean_C.front(), 20.0, 1e-9);
  for (std::size_t n = 1; n < chip.T_mean_C.size(); ++n)
    EXPECT_GE(chip.T_mean_C[n], chip.T_mean_C[n - 1] - 1e-9);
}

constexpr char kSealedBox[] = R"(
[domain]
size_m = [0.06, 0.06, 0.03]
[grid]
cells = [12, 12, 6]
[[block]]
name = "chip"
min_m = [0.02, 0.0, 0.01]
max_m = [0.04, 0.01, 0.02]
conductivity_W_mK = 150.0
density_kg_m3 = 2330.0
specific_heat_J_kgK = 700.0
power_W = 0.5
)";

TEST(TransientSealedBox, AllHeatIsStored) {
  const std::string steady_text = std::string(kSealedBox) + "[solver]\nmax_iterations = 10\n";
  const Model steady_model = parse_scenario(steady_text, "sealed box, steady");
  EXPECT_THROW(FlowState(steady_model, make_grid(steady_model)), std::invalid_argument);

  const Model model = parse_scenario(
      std::string(kSealedBox) +
          "[solver]\nmode = \"transient\"\ntime_step_s = 5\nend_time_s = 200\n"
          "output_interval_s = 50\niterations_per_step = 100\nstep_tolerance = 1e-6\n",
      "sealed box, transient");
  const Grid grid = make_grid(model);
  TransientSolver solver(model, grid);
  const Summary s = solver.solve(RunOptions{});
  ASSERT_EQ(s.stop_reason, "end_time");
  const FlowState& st = solver.state();
  const Extent& C = st.cells();
  double stored_J = 0.0, peak_speed = 0.0;
  for (int k = 0; k < C.n[2]; ++k)
    for (int j = 0; j < C.n[1]; ++j)
      for (int i = 0; i < C.n[0]; ++i) {
        const std::size_t n = C.index(i, j, k);
        stored_J += st.heat_capacity[n] * grid.width(0, i) * grid.width(1, j) * grid.width(2, k) *
                    (st.T[n] - model.solver.transient.initial_T_K);
      }
  for (double u : st.vel[1]) peak_speed = std::max(peak_speed, std::fabs(u));
  const double expected_J = 0.5 * 200.0;
  std::cout << fmt::format(
      "Sealed box, 0.5 W for 200 s: stored {:.6f} J, P t = {:.6f} J ({:+.2e} %, limit 1e-3 %); "
      "chip mean {:.3f} °C, air moving at up to {:.2e} m/s; out {:.2e} W; {} of {} steps at the "
      "iteration cap\n",
      stored_J, expected_J, 100.0 * (stored_J - expected_J) / expected_J, s.components[0].T_mean_C,
      peak_speed, s.out_W, s.time.steps_not_converged, s.time.steps);
  EXPECT_NEAR(stored_J, expected_J, 1e-5 * expected_J);
  EXPECT_GT(peak_speed, 1e-4);  // buoyancy did stir the air
  EXPECT_NEAR(s.out_W, 0.0, 1e-12);
}

}  // namespace
}  // namespace rt
