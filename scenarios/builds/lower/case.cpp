// The case: its walls, the fans on them (case fans, an AIO's, the PSU's
// exhaust), the vents left around them, and the case fans' control.

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "scenarios/builds/lower/lowering.hpp"
#include "scenarios/model/perforated_plate.hpp"

namespace rt::lowering {

namespace {

// A fan's P-Q curve with a grille of loss coefficient K in front of it, on
// the approach velocity Q / area: p(Q) - K rho Q^2 / (2 area^2), ending at
// the new free-delivery flow. Exact under the fan laws too (both terms scale
// with speed squared at Q ~ speed).
FanCurve through_grille(const FanCurve& c, double K, double rho, double area) {
  if (K <= 0.0) return c;
  auto loss = [&](double q) { return K * rho * q * q / (2.0 * area * area); };
  const std::vector<double>& Q = c.flow_m3_s();
  std::vector<double> q_out = {Q[0]}, p_out = {c.pressure_at(Q[0]) - loss(Q[0])};
  for (std::size_t i = 1; i < Q.size(); ++i) {
    const double p = c.pressure_at(Q[i]) - loss(Q[i]);
    if (p > 0.0) {
      q_out.push_back(Q[i]);
      p_out.push_back(p);
      continue;
    }
    double lo = Q[i - 1], hi = Q[i];  // p_eff(lo) > 0 >= p_eff(hi)
    for (int it = 0; it < 100; ++it) {
      const double mid = 0.5 * (lo + hi);
      (c.pressure_at(mid) - loss(mid) > 0.0 ? lo : hi) = mid;
    }
    q_out.push_back(0.5 * (lo + hi));
    p_out.push_back(0.0);
    break;
  }
  return FanCurve(q_out, p_out);
}

}  // namespace

// Case fans on a PWM curve follow a card's or the CPU's die: the fin stack
// (or radiator) that carries that die model. Case fans come first in m.fans,
// in the order of s.fans less those left out at 0 %.
void Lowering::case_fan_controls() {
  std::size_t next = 0;
  for (std::size_t i = 0; i < s.fans.size(); ++i) {
    const BuildFan& bf = s.fans[i];
    if (bf.speed_pct <= 0) continue;
    Fan& fan = m.fans[next++];
    if (bf.control_sensor.empty()) continue;
    std::string sensor;
    if (bf.control_sensor == "cpu") {
      for (const PorousBlock& p : m.porous)
        if (p.name.rfind("cpu.", 0) == 0 && p.die_resistance_K_W) sensor = p.name;
    } else {
      sensor = bf.control_sensor + ".fins";
    }
    bool found = false;
    for (const PorousBlock& p : m.porous)
      found = found || (p.name == sensor && p.die_resistance_K_W);
    if (!found)
      throw ScenarioError(s.source_name, bf.control_line,
                          "fan[" + std::to_string(i + 1) + "].control",
                          "'" + bf.control_sensor + "' has no die model in this build to follow");
    fan.control = FanControl{sensor, bf.control_T_K, bf.control_fraction};
  }
}

// The case panels pass heat to the room: the inside film is the flow
// solution's; outside, natural convection plus radiation at room
// temperature, h about 10 W/(m2 K) [estimated: ~4 natural convection on a
// vertical panel at a 10 K difference + ~6 radiation at emissivity 0.9],
// in series with the panel's own conduction.
void Lowering::case_walls() {
  struct Panel {
    const char* name;
    double thickness_m, conductivity_W_mK;
  };
  constexpr Panel kPanels[] = {{"steel", 0.8e-3, 50.0},  // SPCC sheet
                               {"aluminium", 2.0e-3, 200.0},
                               {"glass", 4.0e-3, 1.0},  // tempered side panel
                               {"acrylic", 3.0e-3, 0.19}};
  constexpr double kOutsideFilm_W_m2K = 10.0;
  for (Boundary& b : m.boundary) b = Boundary{};  // no-slip walls
  if (s.wall_material == "adiabatic") return;
  for (const Panel& p : kPanels) {
    if (s.wall_material != p.name) continue;
    const double U = 1.0 / (1.0 / kOutsideFilm_W_m2K + p.thickness_m / p.conductivity_W_mK);
    for (Boundary& b : m.boundary) {
      b.T_K = s.ambient_K;
      b.heat_transfer_coefficient_W_m2K = U;
    }
  }
}

Box Lowering::face_square(const Vec3& centre, Face f, double side) const {
  const int a = face_axis(f);
  Box b{centre, centre};
  for (int k = 0; k < 3; ++k) {
    if (k == a) continue;
    b.min_m[k] = std::max(0.0, centre[k] - side / 2);
    b.max_m[k] = std::min(m.size_m[k], centre[k] + side / 2);
  }
  return b;
}

void Lowering::take_for_fan(Face f, const Box& r, int line, const std::string& key,
                            const std::string& what) {
  for (const Box& t : taken[static_cast<int>(f)]) {
    if (positive_overlap(r, t, face_axis(f)))
      fail(line, key, what + " overlaps another fan on the " + case_face_name(f) + " wall");
  }
  taken[static_cast<int>(f)].push_back(r);
}

// The grille a wall fan blows through: the case vent on its face that holds
// its centre (closed covers included: a fan there means it was removed).
double Lowering::grille_loss(Face f, const Vec3& centre) const {
  const int a = face_axis(f);
  for (const CaseVent& v : s.case_model.vents) {
    if (!v.face || *v.face != f) continue;
    bool inside = true;
    for (int k = 0; k < 3; ++k)
      if (k != a && (centre[k] < v.min_m[k] - 1e-9 || centre[k] > v.max_m[k] + 1e-9))
        inside = false;
    if (!inside) continue;
    double K = perforated_plate_loss(v.free_area);
    if (v.filter_free_area) K += perforated_plate_loss(*v.filter_free_area);
    return K;
  }
  return 0.0;
}

Fan Lowering::wall_fan(const std::string& name, Face f, const Vec3& centre,
                       const CaseFanModel& model, bool intake, double speed_fraction, int line,
                       const std::string& key) {
  Fan fan;
  fan.name = name;
  fan.face = f;
  const Box sq = face_square(centre, f, model.size_m);
  fan.min_m = sq.min_m;
  fan.max_m = sq.max_m;
  fan.diameter_m = model.size_m;
  fan.hub_diameter_m = model.hub_diameter_m;
  const FanCurve curve =
      through_grille(model.curve, grille_loss(f, centre), rho, model.size_m * model.size_m);
  fan.curve_flow_m3_s = curve.flow_m3_s();
  fan.curve_pressure_Pa = curve.pressure_Pa();
  fan.speed_fraction = speed_fraction;
  fan.intake = intake;
  fan.T_K = s.ambient_K;
  take_for_fan(f, sq, line, key, name);
  return fan;
}

void Lowering::case_fans() {
  for (std::size_t i = 0; i < s.fans.size(); ++i) {
    const BuildFan& bf = s.fans[i];
    const std::string key = "fan[" + std::to_string(i + 1) + "]";
    if (bf.speed_pct <= 0) {
      note("fan on " + bf.mount + " at 0 %: left out (the mount stays the case's grille)");
      continue;
    }
    if (!bf.where.face) {
      // A mount inside the case (none of the presets has one): a fan on
      // that plane blowing against its outward normal (intake) or along it.
      const int a = BoardPlacement::axis_of(bf.where.normal);
      Fan fan;
      fan.name = bf.mount;
      fan.internal_axis = a;
      fan.face = face_of(a, false);
      const double sgn = BoardPlacement::sign_of(bf.where.normal);
      fan.blow_sign = (bf.intake ? -sgn : sgn) > 0 ? 1 : -1;
      const Box sq = face_square(bf.where.centre_m, face_of(a, false), bf.model.size_m);
      fan.min_m = sq.min_m;
      fan.max_m = sq.max_m;
      fan.diameter_m = bf.model.size_m;
      fan.hub_diameter_m = bf.model.hub_diameter_m;
      fan.curve_flow_m3_s = bf.model.curve.flow_m3_s();
      fan.curve_pressure_Pa = bf.model.curve.pressure_Pa();
      fan.speed_fraction = bf.speed_pct / 100.0;
      fan.T_K = s.ambient_K;
      m.fans.push_back(fan);
      continue;
    }
    m.fans.push_back(wall_fan(bf.mount, *bf.where.face, bf.where.centre_m, bf.model, bf.intake,
                              bf.speed_pct / 100.0, bf.line, key + ".mount"));
    if (!bf.intake) exhaust_monitor(bf.mount, *bf.where.face, bf.where.centre_m);
  }
}

void Lowering::exhaust_monitor(const std::string& name, Face f, const Vec3& centre) {
  Vec3 p = centre;
  const int a = face_axis(f);
  p[a] += face_is_max(f) ? -kMonitorInset_m : kMonitorInset_m;
  m.monitors.push_back({name + ".exhaust", clamp_into(p, m.size_m)});
}

void Lowering::add_vent(const std::string& name, const Box& r, std::optional<Face> face, double K) {
  if (!face) {
    int a = 0;
    for (int k = 0; k < 3; ++k)
      if (std::abs(r.max_m[k] - r.min_m[k]) < 1e-12) a = k;
    Vent v;
    v.name = name;
    v.internal_axis = a;
    v.face = face_of(a, false);
    v.min_m = r.min_m;
    v.max_m = r.max_m;
    v.loss_coefficient = K;
    v.T_K = s.ambient_K;
    m.vents.push_back(v);
    return;
  }
  const int a = face_axis(*face);
  Box clipped = r;
  for (int k = 0; k < 3; ++k) {
    if (k == a) continue;
    clipped.min_m[k] = std::max(0.0, r.min_m[k]);
    clipped.max_m[k] = std::min(m.size_m[k], r.max_m[k]);
  }
  std::vector<Box> pieces = subtract(clipped, taken[static_cast<int>(*face)], a, kMinPatch_m);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    Vent v;
    v.name = pieces.size() == 1 ? name : name + "." + std::to_string(i + 1);
    v.face = *face;
    v.min_m = pieces[i].min_m;
    v.max_m = pieces[i].max_m;
    v.loss_coefficient = K;
    v.T_K = s.ambient_K;
    m.vents.push_back(v);
    taken[static_cast<int>(*face)].push_back(pieces[i]);
  }
}

// Each card's bracket (its free area), then the blank covers of the free
// slots, on the expansion rectangle.
void Lowering::slot_vents() {
  const CaseModel& c = s.case_model;
  if (c.expansion_slots <= 0) return;
  const Box ex{c.expansion_min_m, c.expansion_max_m};
  const int ua = BoardPlacement::axis_of(s.board.up);
  std::vector<Box> brackets;
  for (std::size_t i = 0; i < s.gpus.size(); ++i) {
    const BuildGpu& g = s.gpus[i];
    const Vec3 p0 = s.board.point(s.board.form.slot_down_m(g.slot) - kSlotPitch_m / 2, 0, 0);
    const Vec3 p1 = s.board.point(s.board.form.slot_down_m(g.last_slot) + kSlotPitch_m / 2, 0, 0);
    Box r = ex;
    r.min_m[ua] = std::max(ex.min_m[ua], std::min(p0[ua], p1[ua]));
    r.max_m[ua] = std::min(ex.max_m[ua], std::max(p0[ua], p1[ua]));
    if (r.max_m[ua] <= r.min_m[ua]) continue;
    brackets.push_back(r);
    if (g.model.bracket_free_area > 0)
      add_vent(lowered_gpu_name(i) + ".bracket", r, c.expansion_face,
               perforated_plate_loss(g.model.bracket_free_area));
  }
  if (c.expansion_blank_free_area > 0 && c.expansion_face) {
    const int a = face_axis(*c.expansion_face);
    const std::vector<Box> blanks = subtract(ex, brackets, a, kMinPatch_m);
    for (std::size_t i = 0; i < blanks.size(); ++i)
      add_vent(blanks.size() == 1 ? "slots.blank" : "slots.blank" + std::to_string(i + 1),
               blanks[i], c.expansion_face, perforated_plate_loss(c.expansion_blank_free_area));
  }
}

void Lowering::case_vents() {
  for (const CaseVent& v : s.case_model.vents) {
    if (!v.open || v.free_area <= 0) continue;
    double K = perforated_plate_loss(v.free_area);
    if (v.filter_free_area) K += perforated_plate_loss(*v.filter_free_area);
    add_vent("vent." + v.name, Box{v.min_m, v.max_m}, v.face, K);
  }
}

}  // namespace rt::lowering
