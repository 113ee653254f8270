#pragma once
// A duration as the progress line and the sweep's estimates print it:
// "42s", "3m07s", "2h15m"; "?" when it is not known.

#include <fmt/format.h>

#include <cmath>
#include <string>

namespace rt::app {

inline std::string human_duration(double s) {
  if (!std::isfinite(s) || s < 0) return "?";
  const long t = std::lround(s);
  if (t < 60) return fmt::format("{}s", t);
  if (t < 3600) return fmt::format("{}m{:02d}s", t / 60, t % 60);
  return fmt::format("{}h{:02d}m", t / 3600, (t % 3600) / 60);
}

}  // namespace rt::app
