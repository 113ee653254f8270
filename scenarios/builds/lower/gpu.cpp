// A graphics card: board stack, cooler (fin stack, shroud, fans or
// blower, or none: a passive card's shroud is a duct the case must push air
// through), its bracket and the gaps it leaves to its neighbours.

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "scenarios/builds/lower/lowering.hpp"
#include "scenarios/model/perforated_plate.hpp"

namespace rt::lowering {

namespace {

// GPU board stack inside the card envelope, from its backplate face: PCB
// (1.6 mm, 12 copper layers), components, backplate [estimated, typical of
// the reference cards; 4.6 mm in all].
constexpr int kGpuCopperLayers = 12;
constexpr double kGpuPcb_m = 1.6e-3;
constexpr double kGpuBackplate_m = 1.5e-3;
constexpr double kGpuComponentGap_m = 1.5e-3;
constexpr double kGpuBoardStack_m = kGpuPcb_m + kGpuBackplate_m + kGpuComponentGap_m;
std::string mm_text(double m) {
  std::ostringstream o;
  o.precision(4);
  o << m / kMm;
  return o.str();
}

// Coordinates inside a card: t across the card from its backplate face
// towards the cooler (board "down"), l from the bracket along the card
// (board "forward"), h from the card's edge outwards (board "above").
struct CardFrame {
  const BoardPlacement* b;
  double top, fwd0;
  Box box(double t0, double t1, double l0, double l1, double h0, double h1) const {
    return b->box(top + t0, top + t1, fwd0 + l0, fwd0 + l1, kCardEdgeAbove_m + h0,
                  kCardEdgeAbove_m + h1);
  }
  Vec3 point(double t, double l, double h) const {
    return b->point(top + t, fwd0 + l, kCardEdgeAbove_m + h);
  }
  int axis_t() const { return BoardPlacement::axis_of(b->up); }
  // Fans blow from the cooler side towards the backplate: along +up.
  int towards_backplate() const { return BoardPlacement::sign_of(b->up) > 0 ? 1 : -1; }
  int axis_of(CardAxis a) const {
    switch (a) {
      case CardAxis::length:
        return BoardPlacement::axis_of(b->rear);
      case CardAxis::height:
        return BoardPlacement::axis_of(b->normal);
      case CardAxis::thickness:
        break;
    }
    return BoardPlacement::axis_of(b->up);
  }
};

}  // namespace

void Lowering::gpu(std::size_t index) {
  const BuildGpu& g = s.gpus[index];
  const GpuModel& gm = g.model;
  const GpuHeatsink& hs = gm.heatsink;
  const std::string n = lowered_gpu_name(index);
  const std::string key = "gpu[" + std::to_string(index + 1) + "].model";
  const CardFrame cf{&s.board, g.top_down_m, g.bracket_forward_m};
  const double T = gm.thickness_m, L = gm.length_m, H = gm.height_m;
  const bool blower = gm.cooler == CoolerStyle::blower;
  const bool flow_through = gm.cooler == CoolerStyle::flow_through;
  const bool passive = gm.cooler == CoolerStyle::passive;

  const double tp = kGpuBoardStack_m;
  const double ft0 = tp, ft1 = tp + hs.fin_height_m;
  const double fl0 = hs.offset_m, fl1 = hs.offset_m + hs.stack_length_m;
  const double fh0 = (H - hs.stack_width_m) / 2, fh1 = fh0 + hs.stack_width_m;
  auto misfit = [&](const std::string& why) {
    fail(g.line, key,
         gm.info.id + ": cannot place its cooler in the card (" + why +
             "); check the fin stack and fan sizes in gpus.toml");
  };
  if (ft1 + kSheet_m > T + 1e-9)
    misfit("board stack " + mm_text(tp) + " mm + fins " + mm_text(hs.fin_height_m) +
           " mm + shroud " + mm_text(kSheet_m) + " mm exceed the thickness " + mm_text(T) + " mm");
  if (fl1 > L + 1e-9) misfit("the fin stack runs past the card's tail");
  if ((blower || passive) && fh0 < kSheet_m - 1e-9)
    misfit("no room for the shroud beside the fin stack");
  if (fh0 < -1e-9) misfit("the fin stack is wider than the card's height");

  const Material pcb = layered({{kGpuCopperLayers * kOzCopper_m, kCopper},
                                {kGpuPcb_m - kGpuCopperLayers * kOzCopper_m, kFr4},
                                {kGpuBackplate_m, kAluminium},
                                {kGpuComponentGap_m, {k_air, rho, m.fluid.specific_heat_J_kgK}}});

  // The fin stack: the card's power goes into its air; its die model.
  PorousBlock fins;
  fins.name = n + ".fins";
  const Box fb = cf.box(ft0, ft1, fl0, fl1, fh0, fh1);
  fins.min_m = fb.min_m;
  fins.max_m = fb.max_m;
  const FinPorous fp = fin_porous(hs, cf.axis_of(hs.normal), fb.size_m(), k_air);
  fins.permeability_m2 = fp.K;
  fins.inertial_coefficient_1_m = fp.C;
  fins.conductivity_W_mK = fp.k_eff;
  fins.power_W = g.power_W;
  fins.die_resistance_K_W = gm.thermal.R_ref_K_W;
  fins.die_reference_flow_m3_s = gm.thermal.Q_ref_m3_s;
  fins.die_flow_exponent = gm.thermal.exponent;
  fins.throttle_K = gm.throttle_K;
  m.porous.push_back(fins);
  const double h_c = 0.5 * (fh0 + fh1);

  if (passive) {
    // No fan: the board stack, and a shroud closed on the cooler side and
    // beside the fins over the card's whole length, open at the tail (the
    // air comes in) and at the bracket (it leaves through the bracket's
    // vents). Only the case's pressure moves air through it.
    m.blocks.push_back(solid(n + ".pcb", cf.box(0, tp, 0, L, 0, H), pcb));
    int piece = 0;
    for (const Box& b : {cf.box(ft1, ft1 + kSheet_m, 0, L, fh0, fh1),
                         cf.box(tp, ft1 + kSheet_m, 0, L, fh0 - kSheet_m, fh0),
                         cf.box(tp, ft1 + kSheet_m, 0, L, fh1, fh1 + kSheet_m)})
      m.blocks.push_back(solid(n + ".shroud" + std::to_string(++piece), b, kAluminium));
    note(n + " (" + gm.info.id + "): passive, no fan of its own: only the case's airflow " +
         "passes through its fins");
    // Monitors: the air about to enter at the tail, and the air leaving at
    // the bracket.
    const double t_c = 0.5 * (ft0 + ft1);
    m.monitors.push_back(
        {n + ".intake", clamp_into(cf.point(t_c, L + kMonitorInset_m, h_c), m.size_m)});
    m.monitors.push_back(
        {n + ".exhaust",
         clamp_into(cf.point(t_c, std::min(kMonitorInset_m, 0.5 * fl0), h_c), m.size_m)});
    return;
  }

  // Fans: where they sit (t of their plane, square in l and h).
  struct CardFan {
    double t, l_c, h_c;
  };
  std::vector<CardFan> fans;
  const double D = gm.fan_diameter_m;
  if (D > hs.stack_width_m + 1e-9)
    misfit("its " + mm_text(D) + " mm fans are wider than the fin stack");
  if (blower) {
    // The radial fan in the chamber between the fin stack and the tail,
    // drawing air in through the shroud's bottom.
    const double c0 = fl1, c1 = L - kSheet_m;
    if (c1 - c0 < D - 1e-9)
      misfit("the fan chamber behind the fin stack is " + mm_text(c1 - c0) + " mm long, the fan " +
             mm_text(D) + " mm");
    fans.push_back({ft1, 0.5 * (c0 + c1), h_c});
  } else {
    const int nf = std::max(1, gm.fan_count);
    const double pitch = (fl1 - fl0) / nf;
    if (pitch < D - 1e-9)
      misfit(std::to_string(nf) + " fans of " + mm_text(D) + " mm do not fit along the " +
             mm_text(fl1 - fl0) + " mm fin stack");
    for (int j = 0; j < nf; ++j) {
      // Flow-through: the tail fan sits on the backplate side, past the
      // short PCB, pulling air through the fins and out of the card.
      const bool tail = flow_through && nf >= 2 && j == nf - 1;
      fans.push_back({tail ? ft0 : ft1, fl0 + (j + 0.5) * pitch, h_c});
    }
  }
  std::vector<Box> holes;
  for (const CardFan& f : fans)
    holes.push_back(cf.box(0, T, f.l_c - D / 2, f.l_c + D / 2, f.h_c - D / 2, f.h_c + D / 2));

  // The board stack (PCB + backplate); a flow-through card's ends before its
  // tail fan.
  double pcb_len = L;
  if (flow_through && fans.size() >= 2) pcb_len = fans.back().l_c - D / 2;
  m.blocks.push_back(solid(n + ".pcb", cf.box(0, tp, 0, pcb_len, 0, H), pcb));

  // Shroud.
  int piece = 0;
  auto shroud = [&](const Box& b, int skip) {
    for (const Box& p : subtract(b, holes, skip))
      m.blocks.push_back(solid(n + ".shroud" + std::to_string(++piece), p, kAluminium));
  };
  const int at = cf.axis_t();
  if (blower) {
    // Closed around the fin stack and the fan chamber, open at the bracket.
    shroud(cf.box(ft1, ft1 + kSheet_m, 0, L, fh0, fh1), at);  // cooler side, fan hole
    shroud(cf.box(tp, ft1 + kSheet_m, 0, L, fh0 - kSheet_m, fh0), -1);
    shroud(cf.box(tp, ft1 + kSheet_m, 0, L, fh1, fh1 + kSheet_m), -1);
    shroud(cf.box(tp, ft1, L - kSheet_m, L, fh0, fh1), -1);  // tail end
  } else {
    // The fan zone between the fins and the card's face is closed. The
    // cover spans the card's face and has the fan holes ("a forged
    // aluminum cover encircles the cooler's length but leaves the top and
    // bottom open", Tom's Hardware on the RTX 2080 Ti FE), so the air the
    // fins blow out of the card's edges cannot fall back into the fans
    // through the card's face. The shroud fills the zone down to the fins
    // round each fan's square (the duct its rotor spins in), so the fans
    // draw air only through their holes: not sideways from the card's
    // ends, and not back out of the fins between two fans. The fins' own
    // edges stay open: the air leaves the card there. Every face of these
    // pieces lies on a fan's square or the card's and fins' faces, so
    // they add no grid line. docs/build-scenarios.md, "How a stacked card
    // breathes".
    shroud(cf.box(T - kSheet_m, T, 0, L, 0, H), at);
    shroud(cf.box(ft1, T - kSheet_m, fl0, fl1, fh0, fh1), at);
  }

  // Fan speed: fixed, or the card's fan control on its own die.
  std::optional<FanControl> control;
  double speed = 1.0;
  if (g.fan_speed_pct) {
    speed = *g.fan_speed_pct / 100.0;
  } else {
    FanControl fc;
    fc.sensor = fins.name;
    for (std::size_t i = 0; i < gm.fan_control.T_K().size(); ++i) {
      if (gm.fan_control.fraction()[i] <= 0.0) continue;  // zero-rpm mode: see docs
      fc.T_K.push_back(gm.fan_control.T_K()[i]);
      fc.speed_fraction.push_back(gm.fan_control.fraction()[i]);
    }
    if (!fc.T_K.empty()) {
      speed = std::max(gm.fan_control.fraction_at(gm.throttle_K), fc.speed_fraction.front());
      control = fc;
    } else {
      speed = 0.0;
    }
  }
  if (speed <= 0.0) {
    note(n + " (" + gm.info.id + "): fans stopped, left out");
  } else {
    for (std::size_t j = 0; j < fans.size(); ++j) {
      const CardFan& f = fans[j];
      Fan fan;
      fan.name = n + ".fan" + std::to_string(j + 1);
      const Box r = cf.box(f.t, f.t, f.l_c - D / 2, f.l_c + D / 2, f.h_c - D / 2, f.h_c + D / 2);
      fan.min_m = r.min_m;
      fan.max_m = r.max_m;
      fan.internal_axis = at;
      fan.face = face_of(at, false);
      fan.blow_sign = cf.towards_backplate();
      fan.diameter_m = D;
      fan.hub_diameter_m = gm.fan_hub_diameter_m;  // the motor passes no air
      fan.curve_flow_m3_s = gm.fan.flow_m3_s();
      fan.curve_pressure_Pa = gm.fan.pressure_Pa();
      fan.speed_fraction = speed;
      fan.control = control;
      fan.T_K = s.ambient_K;
      m.fans.push_back(fan);
    }
  }

  // Monitors: the air the first fan draws (in the gap below the card), and
  // a blower's exhaust at its bracket.
  const double below = std::min(kMonitorInset_m, 0.5 * g.gap_below_m);
  m.monitors.push_back(
      {n + ".intake", clamp_into(cf.point(T + below, fans[0].l_c, h_c), m.size_m)});
  if (blower)
    m.monitors.push_back(
        {n + ".exhaust",
         clamp_into(cf.point(0.5 * (ft0 + ft1), std::min(kMonitorInset_m, 0.5 * fl0), h_c),
                    m.size_m)});
}

}  // namespace rt::lowering
