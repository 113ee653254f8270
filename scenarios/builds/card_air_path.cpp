// The card's air path as losses in series, each on the flow Q through the
// fins (docs/build-scenarios.md, "How a stacked card breathes"):
//   gap entry     (1 + zeta_in) rho u_in^2 / 2 on each edge, u_in = q_edge /
//                 (edge x gap): the air is accelerated from rest into the gap
//                 through a sharp-edged entrance (zeta_in = 0.5, Idelchik,
//                 Handbook of Hydraulic Resistance, diagram 3-1, an entrance
//                 flush with a wall) and the gap, laminar, never recovers
//                 that head; the edge along the board is fed through the slit
//                 between card and board, which adds its laminar friction
//                 12 mu u_s d / w^2 (u_s = q_edge / (edge x w)) and is as
//                 narrow as the narrower of slit and gap; the edges share the
//                 flow so that each takes the same loss;
//   gap friction  per fan, laminar radial inflow between parallel plates
//                 towards the fan hole of radius R from R + l:
//                 dp = 6 mu q / (pi g^3) ln((R + l) / R);
//   fins          the lowering's Darcy-Forchheimer coefficients (the same
//                 K = eps s^2 / 12 and C = (K_c + K_e) / (eps^2 L)) on the
//                 path the air takes under each fan: down half the fin
//                 height, then out along the card's height to both open
//                 edges, the flow growing linearly across the fan and
//                 constant beyond it; plus the exit jet's head rho u_e^2 / 2,
//                 which the room does not give back.

#include "scenarios/builds/card_air_path.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace rt {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kSharpEntrance = 0.5;  // zeta of an entrance flush with a wall

double fin_loss_Pa(const GpuModel& card, double q, double rho, double mu) {
  const GpuHeatsink& hs = card.heatsink;
  const double eps = hs.porosity(), s = hs.gap_m();
  const double K = eps * s * s / 12.0;
  const double Kc = 0.5 * (1.0 - eps), Ke = (1.0 - eps) * (1.0 - eps);
  const double D = card.fan_diameter_m, W = hs.stack_width_m, hf = hs.fin_height_m;
  // Down into the fins under the fan's square, turning on the way: half the
  // fin height at the entry velocity.
  const double u_t = q / (D * D);
  const double C_t = (Kc + Ke) / (eps * eps * hf);
  const double down = (mu / K * u_t + 0.5 * rho * C_t * u_t * u_t) * 0.5 * hf;
  // Out to both edges through fin_height x D each.
  const double u_e = q / (2.0 * hf * D);
  const double C_h = (Kc + Ke) / (eps * eps * W);
  const double across = mu / K * u_e * (D / 4.0 + (W - D) / 2.0) +
                        0.5 * rho * C_h * u_e * u_e * (D / 6.0 + (W - D) / 2.0);
  const double exit = 0.5 * rho * u_e * u_e;
  return down + across + exit;
}

// Loss dp = a q + b q^2 of one way into the gap; the flow it passes at dp.
struct Inlet {
  double a = 0, b = 0;
  double flow_at(double dp) const {
    if (b <= 0) return a > 0 ? dp / a : 0.0;
    return (-a + std::sqrt(a * a + 4.0 * b * dp)) / (2.0 * b);
  }
};

// The entry loss at which the gap's edges together pass Q.
double entry_loss_Pa(const FacingGap& g, double Q, double rho, double mu) {
  std::vector<Inlet> inlets;
  const double head = (1.0 + kSharpEntrance) * 0.5 * rho;
  if (g.open_edge_m > 0) {
    const double area = g.open_edge_m * g.gap_m;
    inlets.push_back({0.0, head / (area * area)});
  }
  if (g.slit_edge_m > 0 && g.slit_width_m > 0) {
    const double w = g.slit_width_m;
    const double narrowest = g.slit_edge_m * std::min(w, g.gap_m);
    inlets.push_back(
        {12.0 * mu * g.slit_depth_m / (w * w * w * g.slit_edge_m), head / (narrowest * narrowest)});
  }
  auto passed = [&](double dp) {
    double q = 0;
    for (const Inlet& i : inlets) q += i.flow_at(dp);
    return q;
  };
  double lo = 0, hi = 1.0;
  while (passed(hi) < Q && hi < 1e9) hi *= 2;
  for (int it = 0; it < 200 && hi - lo > 1e-9 * hi; ++it) {
    const double mid = 0.5 * (lo + hi);
    (passed(mid) < Q ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

CardAirPath estimate_card_air_path(const GpuModel& card, double speed_fraction,
                                   const std::optional<FacingGap>& gap, double rho, double mu) {
  if (card.cooler == CoolerStyle::blower)
    throw std::invalid_argument(card.info.id + ": a blower's air path is not estimated");
  if (!card.has_fans())
    throw std::invalid_argument(card.info.id +
                                ": passive, no fan of its own: its flow is whatever the case "
                                "pushes through it");
  if (card.heatsink.flow != CardAxis::height || card.heatsink.normal != CardAxis::length)
    throw std::invalid_argument(card.info.id +
                                ": only fin stacks whose air runs along the card's height");
  if (gap &&
      !(gap->gap_m > 0 && gap->open_edge_m + gap->slit_edge_m > 0 && gap->edge_to_hole_m >= 0))
    throw std::invalid_argument("a facing gap needs a gap and an open edge > 0");
  const int n = std::max(1, card.fan_count);
  const FanCurve fan = card.fan.at_speed(speed_fraction);
  const double R = 0.5 * card.fan_diameter_m;

  auto losses = [&](double Q) {
    CardAirPath p;
    p.flow_m3_s = Q;
    const double q = Q / n;
    p.fan_Pa = fan.pressure_at(q);
    if (gap) {
      p.gap_entry_Pa = entry_loss_Pa(*gap, Q, rho, mu);
      p.gap_friction_Pa =
          6.0 * mu * q / (kPi * std::pow(gap->gap_m, 3)) * std::log((R + gap->edge_to_hole_m) / R);
    }
    p.fins_Pa = fin_loss_Pa(card, q, rho, mu);
    return p;
  };
  auto surplus = [&](double Q) {
    const CardAirPath p = losses(Q);
    return p.fan_Pa - p.gap_entry_Pa - p.gap_friction_Pa - p.fins_Pa;
  };
  // The fans' rise falls and every loss grows with Q: one root in
  // (0, free delivery].
  double lo = 0.0, hi = n * fan.max_flow_m3_s();
  for (int it = 0; it < 200 && hi - lo > 1e-12; ++it) {
    const double mid = 0.5 * (lo + hi);
    (surplus(mid) > 0 ? lo : hi) = mid;
  }
  return losses(0.5 * (lo + hi));
}

}  // namespace rt
