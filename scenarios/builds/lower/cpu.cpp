// The CPU: its socket and die model, and its cooler (a tower's fin stack
// and fans, or an AIO's pump block with the radiator and fans on a wall).

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "scenarios/builds/lower/lowering.hpp"
#include "scenarios/model/perforated_plate.hpp"

namespace rt::lowering {

void Lowering::cpu() {
  const BuildCpu& c = *s.cpu;
  const CpuCoolerModel& cm = c.cooler;
  const BoardPlacement& b = s.board;
  const BoardFormFactor& f = b.form;
  const std::string key = "cpu.cooler";
  const double hw = cm.width_m / 2, hd = cm.depth_m / 2;
  const double front = f.socket_forward_m + hd, back = std::max(0.0, f.socket_forward_m - hd);
  // The die model reports the heat spreader; the CPU throttles when its
  // junction, P R_jc above that, reaches TjMax.
  const double throttle_K = c.model.tjmax_K - c.power_W * c.model.R_jc_K_W;
  const int rear_axis = BoardPlacement::axis_of(b.rear);
  const int to_rear = BoardPlacement::sign_of(b.rear) > 0 ? 1 : -1;
  const CaseFanModel* fan_model = &c.fan;

  PorousBlock fins;
  fins.power_W = c.power_W;
  fins.die_resistance_K_W = cm.thermal.R_ref_K_W;
  fins.die_reference_flow_m3_s = cm.thermal.Q_ref_m3_s;
  fins.die_flow_exponent = cm.thermal.exponent;
  fins.throttle_K = throttle_K;
  fins.name = "cpu.fins";

  if (cm.kind == CpuCoolerKind::tower) {
    // One fin stack from the front fan to the last tower (the middle fan of
    // a two-tower cooler sits at the rear face instead: a fan plane cannot
    // cut a porous block, and fans in series add pressure wherever they are).
    const double tf = fan_model->thickness_m;
    const double depth =
        cm.towers * cm.tower_depth_m + std::max(0, cm.towers - 1) * fan_model->thickness_m;
    const double f1 = front - tf, f0 = std::max(back, f1 - depth);
    const double a0 = cm.fin_stack_base_m, a1 = std::min(cm.height_m, a0 + cm.fin_stack_height_m);
    if (!(f1 > f0 && a1 > a0))
      fail(c.line, key, cm.info.id + ": its fin stack does not fit its outline");
    const Box fb = b.box(f.socket_down_m - hw, f.socket_down_m + hw, f0, f1, a0, a1);
    fins.min_m = fb.min_m;
    fins.max_m = fb.max_m;
    // Fins stacked along the heat pipes (the cooler's height, off the board):
    // the air runs front to rear and may rise between them.
    const FinPorous fp = fin_porous(cm.fins, BoardPlacement::axis_of(b.normal), fb.size_m(), k_air);
    fins.permeability_m2 = fp.K;
    fins.inertial_coefficient_1_m = fp.C;
    fins.conductivity_W_mK = fp.k_eff;
    m.porous.push_back(fins);
    if (cm.fan_count > 2) note(cm.info.id + ": fans beyond two left out");
    for (int j = 0; j < std::min(cm.fan_count, 2); ++j) {
      const double plane = j == 0 ? f1 : f0;
      const Box r = b.box(f.socket_down_m - hw, f.socket_down_m + hw, plane, plane, a0, a1);
      Fan fan;
      fan.name = "cpu.fan" + std::to_string(j + 1);
      fan.min_m = r.min_m;
      fan.max_m = r.max_m;
      fan.internal_axis = rear_axis;
      fan.face = face_of(rear_axis, false);
      fan.blow_sign = to_rear;
      fan.curve_flow_m3_s = fan_model->curve.flow_m3_s();
      fan.curve_pressure_Pa = fan_model->curve.pressure_Pa();
      fan.T_K = s.ambient_K;
      m.fans.push_back(fan);
    }
    const Vec3 in =
        b.point(f.socket_down_m, std::min(f.depth_m, front + kMonitorInset_m), 0.5 * (a0 + a1));
    m.monitors.push_back({"cpu.intake", clamp_into(in, m.size_m)});
    return;
  }

  // AIO: the pump block on the socket, the radiator on a free radiator mount
  // with the cooler's fans at the wall pushing or pulling through it.
  m.blocks.push_back(solid("cpu.pump", c.cooler_box, kAluminium, cm.pump_power_W));
  const int n_fans = std::max(1, cm.fan_count);
  const CaseRadiatorMount* rm = nullptr;
  std::vector<const CaseFanMount*> mounts;
  for (const CaseRadiatorMount& r : s.case_model.radiators) {
    if (r.max_size_mm < cm.radiator_size_mm || static_cast<int>(r.mounts.size()) < n_fans) continue;
    std::vector<const CaseFanMount*> use;
    for (int j = 0; j < n_fans; ++j) use.push_back(s.case_model.fan_mount(r.mounts[j]));
    bool free = true;
    for (const CaseFanMount* fm : use) {
      if (!fm || !fm->face) free = false;
      for (const BuildFan& bf : s.fans)
        if (fm && bf.mount == fm->name) free = false;
      if (fm && fm->face) {
        for (const Box& t : taken[static_cast<int>(*fm->face)])
          if (positive_overlap(face_square(fm->centre_m, *fm->face, fan_model->size_m), t,
                               face_axis(*fm->face)))
            free = false;
      }
    }
    if (!free) continue;
    rm = &r;
    mounts = use;
    break;
  }
  if (!rm)
    fail(c.line, key,
         "no free radiator mount in " + s.case_model.info.id + " takes the " +
             std::to_string(cm.radiator_size_mm) + " mm radiator of " + cm.info.id +
             " (its fan mounts are taken by [[fan]] entries or too small)");
  const Face face = *mounts[0]->face;
  const int fa = face_axis(face);
  Vec3 centre{};
  for (const CaseFanMount* fm : mounts)
    for (int k = 0; k < 3; ++k) centre[k] += fm->centre_m[k] / mounts.size();
  int along = fa == 0 ? 1 : 0;
  for (int k = 0; k < 3; ++k)
    if (k != fa && std::abs(mounts.back()->centre_m[k] - mounts.front()->centre_m[k]) > 1e-6)
      along = k;
  Box rb;
  for (int k = 0; k < 3; ++k) {
    const double half = (k == along ? cm.radiator_length_m : cm.radiator_width_m) / 2;
    rb.min_m[k] = std::max(0.0, centre[k] - half);
    rb.max_m[k] = std::min(m.size_m[k], centre[k] + half);
  }
  const double d0 = fan_model->thickness_m, d1 = d0 + cm.radiator_thickness_m;
  rb.min_m[fa] = face_is_max(face) ? m.size_m[fa] - d1 : d0;
  rb.max_m[fa] = face_is_max(face) ? m.size_m[fa] - d0 : d1;
  fins.name = "cpu.radiator";
  fins.min_m = rb.min_m;
  fins.max_m = rb.max_m;
  // Air only crosses the core (the flat tubes close the other two axes).
  FinPorous fp = fin_porous(cm.fins, along, rb.size_m(), k_air);
  for (int k = 0; k < 3; ++k)
    if (k != fa) fp.K[k] = fp.C[k] = 0.0;
  fins.permeability_m2 = fp.K;
  fins.inertial_coefficient_1_m = fp.C;
  fins.conductivity_W_mK = fp.k_eff;
  m.porous.push_back(fins);
  const bool intake = !(face == Face::zmax || face == Face::ymax);
  for (std::size_t j = 0; j < mounts.size(); ++j) {
    m.fans.push_back(wall_fan("cpu.fan" + std::to_string(j + 1), face, mounts[j]->centre_m,
                              *fan_model, intake, 1.0, c.line, key));
    if (!intake) exhaust_monitor("cpu.fan" + std::to_string(j + 1), face, mounts[j]->centre_m);
  }
  note("cpu: " + cm.info.id + " radiator on the " + rm->name + " mount (" +
       (intake ? "intake" : "exhaust") + ")");
}

}  // namespace rt::lowering
