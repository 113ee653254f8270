#include "scenarios/builds/calibration/solved_flow_curve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "scenarios/model/fan_laws.hpp"

namespace rt {

SolvedFlowCurve::SolvedFlowCurve(std::vector<SolvedCard> points) : points_(std::move(points)) {
  if (points_.empty()) throw std::invalid_argument("no solved point of the card");
  for (const SolvedCard& p : points_)
    if (!(p.flow_m3_s > 0) || !(p.fan_fraction > 0))
      throw std::invalid_argument(fmt::format(
          "no air through the card's fin stack in a solve ({:.4g} m³/s at fan {:.4g} %)",
          p.flow_m3_s, 100 * p.fan_fraction));
  std::sort(points_.begin(), points_.end(), [](const SolvedCard& a, const SolvedCard& b) {
    return a.fan_fraction < b.fan_fraction;
  });
  for (std::size_t i = 1; i < points_.size(); ++i)
    if (points_[i].fan_fraction - points_[i - 1].fan_fraction < 1e-6)
      throw std::invalid_argument(fmt::format("two solves at the same fan speed ({:.4g} %)",
                                              100 * points_[i].fan_fraction));
}

double SolvedFlowCurve::flow_at(double s) const {
  if (points_.size() == 1) {
    const SolvedCard& p = points_[0];
    return fan_law_flow(full_speed_flow(p.flow_m3_s, p.fan_fraction), s);
  }
  // The segment holding s, or the end segment beyond the ends.
  std::size_t i = 1;
  while (i + 1 < points_.size() && s > points_[i].fan_fraction) ++i;
  const SolvedCard& a = points_[i - 1];
  const SolvedCard& b = points_[i];
  const double exponent =
      std::log(b.flow_m3_s / a.flow_m3_s) / std::log(b.fan_fraction / a.fan_fraction);
  return a.flow_m3_s * std::pow(s / a.fan_fraction, exponent);
}

double SolvedFlowCurve::inlet_air_at(double s) const {
  if (s <= points_.front().fan_fraction) return points_.front().inlet_air_K;
  if (s >= points_.back().fan_fraction) return points_.back().inlet_air_K;
  std::size_t i = 1;
  while (s > points_[i].fan_fraction) ++i;
  const SolvedCard& a = points_[i - 1];
  const SolvedCard& b = points_[i];
  const double w = (s - a.fan_fraction) / (b.fan_fraction - a.fan_fraction);
  return a.inlet_air_K + w * (b.inlet_air_K - a.inlet_air_K);
}

std::string SolvedFlowCurve::describe() const {
  std::string out;
  for (const SolvedCard& p : points_)
    out += fmt::format("{}{:.4g} m³/s at {:.0f} %", out.empty() ? "" : ", ", p.flow_m3_s,
                       100 * p.fan_fraction);
  return out;
}

}  // namespace rt
