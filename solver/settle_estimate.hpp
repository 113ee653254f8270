#pragma once
// How many more iterations a steady run that may stop as settled
// ([solver] settle_K) needs before its settle test can hold: the progress
// line's remaining time for PC builds, whose residuals never reach the
// tolerance.
//
// Each temperature the test watches relaxes towards its limit,
// x = x_inf + A e^(-it/tau) at late iterations, so its range over any
// stretch of L iterations ending at `it` is A e^(-it/tau) (e^(L/tau) - 1).
// The widest ranges over two consecutive stretches of span s (b0, then b)
// give tau = s / ln(b0 / b), and the range over the settle window W falls
// below settle_K after
//   tau ln(b (e^(W/tau) - 1) / ((e^(s/tau) - 1) settle_K))
// more iterations; never before the window fits (settle_iterations).

#include <algorithm>
#include <cmath>
#include <limits>

#include "solver/run.hpp"

namespace rt {

// NaN when not known: no settle test, too little history, the answer not
// settling (the range not falling), or settled already while something
// else (continuity, a controller) holds the run.
inline double iterations_until_settled(const Progress& p) {
  const double none = std::numeric_limits<double>::quiet_NaN();
  const double b = p.settle_band_K, b0 = p.settle_band_earlier_K;
  if (!(p.settle_K > 0.0) || p.settle_span <= 0 || !std::isfinite(b) || !std::isfinite(b0))
    return none;
  const double to_window = std::max(0, p.settle_iterations - p.iteration);
  if (b == 0.0) return to_window;
  if (!(b < b0)) return none;
  const double tau = p.settle_span / std::log(b0 / b);
  const double window = std::expm1(p.settle_iterations / tau);
  const double span = std::expm1(p.settle_span / tau);
  const double needed = tau * std::log(b * window / (span * p.settle_K));
  if (!(needed > 0.0)) return none;
  return std::max(needed, to_window);
}

}  // namespace rt
