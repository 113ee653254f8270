#pragma once
// Under-relaxation that backs off when the outer iteration stalls.
//
// SIMPLEC with velocity relaxation 0.8 and no energy relaxation converges the
// resolved benchmarks fastest, but on coarse grids of strongly buoyant flow
// (a 0.1 m air cavity at 20-32 cells across, Ra ~ 2e6, boundary layers
// thinner than a cell) the buoyancy-temperature coupling falls into a limit
// cycle: residuals wander between 0.1 and 0.5 forever. Relaxing velocity to
// 0.7 and energy to 0.9 converges those in ~200 iterations but slows the
// resolved ones by up to 2.5x. So: start fast, and each time a window of
// iterations brings no progress at all (its best residual no better than the
// previous window's), step both factors down, to floors of 0.3 and 0.6.

#include <algorithm>

#include "scenarios/model/summary.hpp"

namespace rt {

class RelaxationControl {
 public:
  // Everything it remembers, for checkpoints (a resumed run steps down at
  // the same iterations as an uninterrupted one).
  struct State {
    double velocity = 0, energy = 0;
    double window_best = 0, previous_best = 0;
    int in_window = 0;
    int reductions = 0;
  };

  RelaxationControl(double velocity, double energy) : velocity_(velocity), energy_(energy) {}

  // Feeds one iteration's residuals; returns true when the factors changed.
  bool observe(const ResidualRecord& r) {
    const double worst = std::max({r.mass, r.momentum, r.energy});
    window_best_ = std::min(window_best_, worst);
    if (++in_window_ < kWindow) return false;
    const bool stalled = window_best_ >= kNoProgress * previous_best_;
    previous_best_ = window_best_;
    window_best_ = kNone;
    in_window_ = 0;
    if (!stalled || (velocity_ <= kVelocityFloor && energy_ <= kEnergyFloor)) return false;
    velocity_ = std::max(kVelocityFloor, 0.85 * velocity_);
    energy_ = std::max(kEnergyFloor, energy_ - 0.1);
    ++reductions_;
    return true;
  }

  double velocity() const { return velocity_; }
  double energy() const { return energy_; }
  int reductions() const { return reductions_; }

  State state() const {
    return {velocity_, energy_, window_best_, previous_best_, in_window_, reductions_};
  }
  void set_state(const State& s) {
    velocity_ = s.velocity;
    energy_ = s.energy;
    window_best_ = s.window_best;
    previous_best_ = s.previous_best;
    in_window_ = s.in_window;
    reductions_ = s.reductions;
  }

 private:
  static constexpr int kWindow = 100;
  static constexpr double kNoProgress = 0.95;
  static constexpr double kVelocityFloor = 0.3;
  static constexpr double kEnergyFloor = 0.6;
  static constexpr double kNone = 1e300;

  double velocity_, energy_;
  double window_best_ = kNone, previous_best_ = kNone;
  int in_window_ = 0;
  int reductions_ = 0;
};

}  // namespace rt
