#pragma once
// What solves of a build say about one card as a function of its fan
// speed: the flow through its fin stack and the air at its intake.
//
// The die model's resistance depends on the fin-stack flow, and the log
// gives fan speeds, not flows. One solve gives one point (s0, Q0); the flow
// at another speed then follows the fan laws for a fixed system
// resistance, Q = Q0 s / s0 (model/fan_laws.hpp). That law assumes a
// resistance that goes as Q²; a fin stack's is partly laminar (Δp ∝ Q), so
// the real flow rises faster than the speed: the solved GTX 1080 Ti FE
// passes 1.76 times the flow at 1.5 times the speed. Solves at two or more
// speeds replace the law by interpolation between them, straight lines in
// ln Q against ln s (a power law between neighbouring points, extended
// beyond the ends with the end segments' exponents); the intake air is
// interpolated linearly in s and held beyond the ends.

#include <string>
#include <vector>

namespace rt {

// One solve: the intake air of the card's heat sink, the flow through its
// fin stack and its fans' speed there.
struct SolvedCard {
  double inlet_air_K = 0;
  double flow_m3_s = 0;
  double fan_fraction = 0;  // 0..1
};

class SolvedFlowCurve {
 public:
  // Throws std::invalid_argument: no point, a point without flow or fan
  // speed, two points at the same speed.
  explicit SolvedFlowCurve(std::vector<SolvedCard> points);

  double flow_at(double fan_fraction) const;
  double inlet_air_at(double fan_fraction) const;
  // Several speeds: interpolated; one: the fan law.
  bool interpolated() const { return points_.size() >= 2; }
  const std::vector<SolvedCard>& points() const { return points_; }
  // "0.0027 m³/s at 60 %, 0.0048 m³/s at 90 %": for the printout and notes.
  std::string describe() const;

 private:
  std::vector<SolvedCard> points_;  // by fan speed, rising
};

}  // namespace rt
