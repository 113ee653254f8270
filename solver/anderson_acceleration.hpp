#pragma once
// Anderson acceleration of the steady outer iteration (Anderson, J. ACM 12
// (1965) 547; in the form of Walker & Ni, SIAM J. Numer. Anal. 49 (2011)
// 1715, "Type II", no damping).
//
// One SIMPLEC outer iteration is a map x -> G(x) of the fields x = (u, v, w,
// p, T) whose fixed point is the steady answer. Near it the iteration
// converges linearly at a fixed, slow rate (the residuals of the 128^2
// cavities halve every 25-50 iterations), which is where combining the last
// few steps pays, as a Krylov method combines its directions. With
// f_k = G(x_k) - x_k and the differences of the last `depth` steps,
// dG_j = G(x_{j+1}) - G(x_j) and dF_j = f_{j+1} - f_j,
//
//   gamma   = argmin || f_k - sum_j gamma_j dF_j ||_W
//   x_{k+1} = G(x_k) - sum_j gamma_j dG_j,
//
// W weighting each field by the inverse of its range (max - min), so that
// pressure (Pa), velocity (m/s) and temperature (K) count alike. What the
// iteration carries besides the fields (fans' pressure rises and speeds,
// throttled powers) is part of x too: left out, the map would change under
// the combination's feet (measured: a two-card build took 670 preview
// iterations instead of 420). Values the
// iteration does not move (walls, inlets) are the same in every G(x): their
// differences are zero and they stay as they are.
//
// Memory per unknown: G(x_k) in FP64 (the next difference must resolve the
// residual, ~1e-7 of the field, which FP32 cannot), f_k and the last
// correction in FP32, and 2 x depth differences in FP32 (differences are
// small numbers; FP32 keeps their relative precision). x_k is not stored:
// x_k = G(x_{k-1}) - correction_{k-1}.

#include <cstddef>
#include <vector>

namespace rt {

// One field the acceleration works on: a contiguous array of unknowns. Fields
// in the same group share a weight (the three face velocities): the inverse
// of the group's range (max - min), or of its largest magnitude where a range
// means nothing (one fan's pressure rise; two fans' nearly equal speeds).
struct AcceleratedField {
  double* data = nullptr;
  std::size_t size = 0;
  int weight_group = 0;
  bool scale_by_range = true;
};

class AndersonAcceleration {
 public:
  static constexpr double kNone = 1e300;  // no residual seen yet in a window

  // Everything it remembers, for checkpoints (a resumed run combines the
  // same steps as an uninterrupted one). Differences oldest first.
  struct State {
    int steps = 0;  // steps remembered since the last restart, up to 2
    // The progress guard (step()).
    bool given_up = false;
    int in_window = 0;
    double window_best = kNone, previous_best = kNone;
    std::vector<double> g_previous;
    std::vector<float> f_previous, correction;
    std::vector<std::vector<float>> dG, dF;
  };

  // depth: differences combined (0 turns the acceleration off).
  explicit AndersonAcceleration(int depth = 0) : depth_(depth) {}

  int depth() const { return depth_; }
  bool given_up() const { return given_up_; }

  // Called after each outer iteration with the fields holding G(x_k) and
  // the iteration's largest normalised residual. Remembers the step and,
  // when `apply` and at least one difference is held, overwrites the fields
  // with x_{k+1}. Returns whether it did.
  //
  // A guard watches what it buys: once applying, each window of
  // kGuardWindow iterations must bring the best residual down to
  // kGuardProgress of the previous window's, or it gives up for the rest of
  // the run. The acceleration can stall a mode the plain iteration
  // converges (measured: a ventilated box whose solid temperatures crept for
  // 1600 iterations, with every combination reducing the residual by under
  // 5 %; 368 iterations without), and where it works the residuals fall by
  // 10x or more per window.
  bool step(const std::vector<AcceleratedField>& fields, bool apply, double residual);

  // Forgets the steps (the map changed: relaxation stepped down). The next
  // step() only remembers.
  void restart();

  State state() const;
  // std::invalid_argument when the sizes do not fit `unknowns` or the depth.
  void set_state(const State& s, std::size_t unknowns);

 private:
  int depth_;
  int steps_ = 0;  // 0: nothing held; 1: G(x) only; 2: G(x) and f
  std::vector<double> g_previous_;
  std::vector<float> f_previous_, correction_;
  // Ring of differences: column (oldest_ + q) % depth_ is the q-th oldest.
  std::vector<std::vector<float>> dG_, dF_;
  int columns_ = 0, oldest_ = 0;
  bool given_up_ = false;
  int in_window_ = 0;
  double window_best_ = kNone, previous_best_ = kNone;

  static constexpr int kGuardWindow = 50;
  static constexpr double kGuardProgress = 0.5;
};

}  // namespace rt
