#include "app/summary_printout.hpp"

#include <fmt/core.h>

#include <cmath>

namespace rt::app {

void print_summary(const Summary& s, const std::string& scenario) {
  if (s.transient) {
    fmt::print(
        "{}: transient, reached t = {:.6g} s of {:.6g} s in {} steps of {:g} s ({}{}), {} "
        "iterations, {:.3g} s ({}, {} threads)\n",
        scenario, s.time.time_s, s.time.end_time_s, s.time.steps, s.time.time_step_s, s.time.scheme,
        s.time.steps_not_converged > 0
            ? fmt::format(", {} steps not converged", s.time.steps_not_converged)
            : "",
        s.iterations, s.wall_time_s, s.backend, s.threads);
    fmt::print(
        "energy balance at t = {:.6g} s: sources {:.4g} W, leaving {:.4g} W, being stored "
        "{:.4g} W, error {:.2f} %\n",
        s.time.time_s, s.sources_W, s.out_W, s.time.stored_W, s.energy_error_pct);
  } else if (s.converged && s.stop_reason == "settled" && s.oscillating) {
    fmt::print(
        "{}: settled in the mean in {} iterations, {:.3g} s ({}, {} threads): the flow swings "
        "(no steady state), temperatures swing within a band around steady means (below), "
        "balances closed\n",
        scenario, s.iterations, s.wall_time_s, s.backend, s.threads);
  } else if (s.converged && s.stop_reason == "settled") {
    fmt::print(
        "{}: settled in {} iterations, {:.3g} s ({}, {} threads): temperatures steady, balances "
        "closed, residuals still above the tolerance\n",
        scenario, s.iterations, s.wall_time_s, s.backend, s.threads);
  } else if (s.converged) {
    fmt::print("{}: converged in {} iterations, {:.3g} s ({}, {} threads)\n", scenario,
               s.iterations, s.wall_time_s, s.backend, s.threads);
  } else {
    fmt::print("{}: NOT converged after {} iterations ({}), {:.3g} s ({}, {} threads)\n", scenario,
               s.iterations, s.stop_reason, s.wall_time_s, s.backend, s.threads);
  }
  if (s.preview) {
    const PreviewStageSummary& p = *s.preview;
    fmt::print(
        "grid sequencing: started from the preview grid ({} cells), {} iterations ({}), "
        "{:.3g} s of the run\n",
        static_cast<long long>(p.cells[0]) * p.cells[1] * p.cells[2], p.iterations, p.stop_reason,
        p.wall_time_s);
  }
  if (!s.grid_distance.empty()) fmt::print("grid distance: {}\n", s.grid_distance);
  if (!s.transient)
    fmt::print("energy balance: sources {:.4g} W, leaving {:.4g} W, error {:.2f} %\n", s.sources_W,
               s.out_W, s.energy_error_pct);
  if (s.mass_in_kg_s > 0.0)
    fmt::print("mass balance: in {:.4g} kg/s, error {:.3f} %\n", s.mass_in_kg_s, s.mass_error_pct);
  if (!s.late_bands.empty()) {
    fmt::print("not converged: from iteration {} on, temperatures moved within\n",
               s.late_bands.front().from_iteration);
    for (const TemperatureBand& b : s.late_bands)
      fmt::print("  {:<16} {:.2f} .. {:.2f} °C (±{:.2f} K), mean {:.2f} °C\n", b.name, b.min_C,
                 b.max_C, 0.5 * (b.max_C - b.min_C), b.mean_C);
  }
  if (s.turbulence != "laminar")
    fmt::print("turbulence: {}, largest mu_t/mu {:.3g}\n", s.turbulence,
               s.max_turbulent_viscosity_ratio);
  // Faces that carry heat or air (walls with fixed T, inlets, openings).
  bool header = false;
  for (int f = 0; f < kFaceCount; ++f) {
    const FaceTotals& b = s.boundaries[f];
    if (!(std::abs(b.heat_out_W) > 1e-9 || std::abs(b.mass_out_kg_s) > 1e-12)) continue;
    if (!header) fmt::print("boundaries (positive = leaving):\n");
    header = true;
    fmt::print("  {:<5} heat {:.4g} W, mass {:.4g} kg/s\n", kFaceNames[f], b.heat_out_W,
               b.mass_out_kg_s);
  }
  if (!s.components.empty()) {
    fmt::print("components{}:\n",
               s.transient ? fmt::format(" at t = {:.6g} s", s.time.time_s) : std::string());
    fmt::print("  {:<16} {:>9} {:>10} {:>10}\n", "name", "power W", "T_max °C", "T_mean °C");
    for (const ComponentSummary& c : s.components) {
      fmt::print("  {:<16} {:>9.3g} {:>10.2f} {:>10.2f}\n", c.name, c.power_W, c.T_max_C,
                 c.T_mean_C);
      if (c.has_die)
        fmt::print(
            "  {:<16} die {}: intake air {:.1f} °C at {:.4g} m³/s{}\n", "",
            c.cannot_hold_throttle ? fmt::format("runaway (model reading {:.0f} °C)", c.T_die_C)
                                   : fmt::format("{:.1f} °C", c.T_die_C),
            c.inlet_air_C, c.flow_m3_s,
            c.has_throttle
                ? fmt::format(
                      ", throttles at {:.0f} °C{}", c.throttle_C,
                      c.throttling
                          ? fmt::format(": THROTTLING to {:.0f} of {:.0f} W, ~{:.0f} % "
                                        "performance",
                                        c.power_W, c.full_power_W, c.sustained_performance_pct)
                          : "")
                : "");
      if (c.cannot_hold_throttle)
        fmt::print(
            "  {:<16} cannot hold {:.0f} °C even at its power floor ({:.0f} W): too little air "
            "through it; a real card slows down hard or shuts down here\n",
            "", c.throttle_C, c.power_W);
      if (c.has_breathing)
        fmt::print("  {:<16} breathing {:.0f} % of its flow in free air ({:.4g} m³/s)\n", "",
                   c.breathing_pct, c.free_air_flow_m3_s);
      if (s.transient && c.has_throttle)
        fmt::print("  {:<16} {}\n", "",
                   c.throttle_time_s >= 0.0
                       ? fmt::format("reached its throttle point {:.0f} °C at t = {:.4g} s",
                                     c.throttle_C, c.throttle_time_s)
                       : fmt::format("stayed below its throttle point {:.0f} °C", c.throttle_C));
    }
  }
  if (!s.fans.empty()) {
    fmt::print("fans:\n");
    for (const FanSummary& f : s.fans)
      fmt::print("  {:<16} {:.4g} m³/s ({:.3g} CFM) at {:.3g} Pa, {:.0f} % speed{}\n", f.name,
                 f.flow_m3_s, f.flow_m3_s / kCubicMetresPerSecondPerCfm, f.pressure_Pa, f.speed_pct,
                 f.near_stall ? "  (near stall)" : "");
  }
  if (!s.vents.empty()) {
    fmt::print("vents (positive = leaving):\n");
    for (const VentSummary& v : s.vents)
      fmt::print("  {:<16} on {}  {:.4g} m³/s ({:.3g} CFM), heat {:.4g} W, K {:.3g}\n", v.name,
                 v.face, v.flow_m3_s, v.flow_m3_s / kCubicMetresPerSecondPerCfm, v.heat_out_W,
                 v.loss_coefficient);
  }
  if (!s.monitors.empty()) {
    fmt::print("monitors:\n");
    for (const MonitorSummary& m : s.monitors) {
      const double speed =
          std::sqrt(m.U_m_s[0] * m.U_m_s[0] + m.U_m_s[1] * m.U_m_s[1] + m.U_m_s[2] * m.U_m_s[2]);
      fmt::print("  {:<16} at [{:g}, {:g}, {:g}] mm: T {:.2f} °C, |U| {:.3g} m/s\n", m.name,
                 m.position_m[0] * 1e3, m.position_m[1] * 1e3, m.position_m[2] * 1e3, m.T_C, speed);
    }
  }
}

}  // namespace rt::app
