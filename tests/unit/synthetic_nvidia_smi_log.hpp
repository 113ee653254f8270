#pragma once
// A synthetic nvidia-smi log made from a known die model, for the
// calibration tests: a card whose die follows
//   C dT/dt = P - (T - T_in) / R(Q),  R(Q) = R_ref (Q_ref / Q)^n,
// (first order, time constant tau = C R at the operating point), whose fan
// follows a known control curve on the die temperature, and whose flow is
// Q = Q_solved (s / s_solved)^k: k = 1 the fan laws for a fixed system
// resistance, k > 1 a fin stack whose flow rises faster than its fan speed. The load
// steps through power levels with the swings of a training loop on top;
// the log rounds as nvidia-smi does (whole °C, 0.01 W, whole %).

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "scenarios/model/die_resistance.hpp"

namespace rt::test {

struct SyntheticCard {
  double R_ref_K_W = 0.18, Q_ref_m3_s = 0.008, exponent = 0.72;
  double T_in_C = 35;  // intake air
  double Q_solved_m3_s = 0.006, s_solved = 0.55;
  double flow_speed_exponent = 1.0;  // k
  std::vector<double> fan_T_C = {40, 55, 70, 80, 90};
  std::vector<double> fan_pct = {25, 32, 48, 70, 100};
  double tau_s = 25;
  std::vector<double> levels_W = {60, 200, 120, 230, 150, 250, 100, 180, 240, 130};
  double level_s = 240;
  double warmup_W = 20, warmup_s = 60;
  double swing_W = 10;  // the training loop's power swing

  double fan_at(double T_C) const {
    if (T_C <= fan_T_C.front()) return fan_pct.front();
    for (std::size_t i = 1; i < fan_T_C.size(); ++i) {
      if (T_C <= fan_T_C[i]) {
        const double w = (T_C - fan_T_C[i - 1]) / (fan_T_C[i] - fan_T_C[i - 1]);
        return fan_pct[i - 1] + w * (fan_pct[i] - fan_pct[i - 1]);
      }
    }
    return fan_pct.back();
  }
  double flow_at(double pct) const {
    return Q_solved_m3_s * std::pow((pct / 100) / s_solved, flow_speed_exponent);
  }
  double R_at(double pct) const {
    return die_resistance_K_W(R_ref_K_W, Q_ref_m3_s, exponent, flow_at(pct));
  }
};

// The log's text; `units` false gives --format=csv,nounits.
inline std::string synthetic_log(const SyntheticCard& c, bool units = true) {
  std::string out = units ? "timestamp, index, name, temperature.gpu, power.draw [W], "
                            "fan.speed [%], clocks.current.sm [MHz], enforced.power.limit [W]\n"
                          : "timestamp, index, name, temperature.gpu, power.draw, fan.speed, "
                            "clocks.current.sm, enforced.power.limit\n";
  double T = c.T_in_C + 5;
  const double total = c.warmup_s + c.level_s * static_cast<double>(c.levels_W.size());
  const double dt = 0.1;  // integration step; one log line per second
  unsigned long long rng = 12345;
  double noise = 0;
  for (int sec = 0; sec < static_cast<int>(total); ++sec) {
    double P = 0;
    for (int k = 0; k < 10; ++k) {
      const double t = sec + k * dt;
      const std::size_t level = static_cast<std::size_t>((t - c.warmup_s) / c.level_s);
      const double base = t < c.warmup_s ? c.warmup_W : c.levels_W[level];
      // A deterministic pseudo-random walk plus the loop's periodic swing.
      rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
      noise =
          0.9 * noise + 0.1 * ((static_cast<double>(rng >> 11) / 9007199254740992.0) - 0.5) * 8.0;
      P = base + (t < c.warmup_s ? 0 : c.swing_W * std::sin(2 * M_PI * t / 47) + noise);
      const double pct = c.fan_at(T);
      const double R = c.R_at(pct);
      T += dt * (c.T_in_C + P * R - T) / c.tau_s;
    }
    const double pct = c.fan_at(T);
    char line[256];
    const int h = 10 + sec / 3600, m = (sec / 60) % 60, s = sec % 60;
    std::snprintf(line, sizeof line,
                  units ? "2024/03/07 %02d:%02d:%02d.%03d, 0, NVIDIA GeForce GTX 1080 Ti, %.0f, "
                          "%.2f W, %.0f %%, 1850 MHz, 250.00 W\n"
                        : "2024/03/07 %02d:%02d:%02d.%03d, 0, NVIDIA GeForce GTX 1080 Ti, %.0f, "
                          "%.2f, %.0f, 1850, 250.00\n",
                  h, m, s, 100 + (sec * 7) % 900, T, P, pct);
    out += line;
  }
  return out;
}

}  // namespace rt::test
