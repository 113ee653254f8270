#pragma once
// The fan affinity laws at a speed fraction s = N / N_full: a fan's flow
// scales with s and its pressure rise with s^2, so the curve at speed s
// is the full-speed curve with Q -> s Q and dp -> s^2 dp. Written once for
// the parts library (curves at a fixed speed) and the solver (a fan's rise
// at the speed its control has reached).

namespace rt {

constexpr double fan_law_flow(double full_speed_flow, double s) { return s * full_speed_flow; }
constexpr double fan_law_pressure(double full_speed_pressure, double s) {
  return s * s * full_speed_pressure;
}
// The flow on the full-speed curve that corresponds to `flow` at speed s.
constexpr double full_speed_flow(double flow, double s) { return flow / s; }

// The slowest speed a scenario may give a running fan, in %. PWM fans stop
// below about 20 %; far below 1 % the laws scale a curve to nothing (its
// pressures, with s^2, underflow to 0 and the curve is no curve).
constexpr double kMinFanSpeedPct = 1.0;

}  // namespace rt
