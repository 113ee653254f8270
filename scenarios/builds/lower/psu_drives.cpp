// The motherboard, the power supply (its heat and exhaust), the PSU shroud
// and obstructions, and the drives.

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "scenarios/builds/lower/lowering.hpp"
#include "scenarios/model/perforated_plate.hpp"

namespace rt::lowering {

namespace {

// The PSU's rear honeycomb and its fan grille: free-area ratio [estimated,
// typical honeycomb grilles are 0.7-0.8 open].
constexpr double kPsuGrilleFreeArea = 0.7;
}  // namespace

void Lowering::board() {
  const Material fr4cu = layered({{kBoardCopperLayers * kOzCopper_m, kCopper},
                                  {kBoardThickness_m - kBoardCopperLayers * kOzCopper_m, kFr4}});
  const Box b = s.board.outline();
  m.blocks.push_back({"board", b.min_m, b.max_m, fr4cu.k, fr4cu.rho, fr4cu.cp, 0.0});
}

void Lowering::psu() {
  const BuildPsu& p = *s.psu;
  const Box& b = p.box;
  const Vec3 size = b.size_m();
  // Open along the fan's intake axis and towards the rear; closed across
  // (its casing). Loss: the two grilles (K each, on the approach velocity
  // over the block) spread over the block; viscous part of a duct of the
  // cross-section's hydraulic diameter, K = D_h^2 / 32.
  const int in_axis = BoardPlacement::axis_of(s.case_model.psu_intake);
  const int out_axis = 2;
  const double K_grille = perforated_plate_loss(kPsuGrilleFreeArea);
  PorousBlock pb;
  pb.name = "psu";
  pb.min_m = b.min_m;
  pb.max_m = b.max_m;
  for (int a : {in_axis, out_axis}) {
    const int t1 = (a + 1) % 3, t2 = (a + 2) % 3;
    const double Dh = 2.0 * size[t1] * size[t2] / (size[t1] + size[t2]);
    pb.permeability_m2[a] = Dh * Dh / 32.0;
    pb.inertial_coefficient_1_m[a] = K_grille / size[a];
  }
  pb.conductivity_W_mK = k_air;
  pb.power_W = p.heat_W;
  m.porous.push_back(pb);

  // Its fan, lumped at the rear grille: exhausts through the rear wall.
  Fan fan;
  fan.name = "psu.fan";
  fan.curve_flow_m3_s = p.model.fan.flow_m3_s();
  fan.curve_pressure_Pa = p.model.fan.pressure_Pa();
  fan.T_K = s.ambient_K;
  fan.intake = false;
  Box r = b;
  r.min_m[2] = b.max_m[2];
  fan.min_m = r.min_m;
  fan.max_m = r.max_m;
  if (std::abs(b.max_m[2] - m.size_m[2]) < 1e-9) {
    fan.face = Face::zmax;
    take_for_fan(Face::zmax, r, p.line, "psu.model", "the PSU's exhaust");
  } else {
    fan.internal_axis = 2;
    fan.face = Face::zmin;
    fan.blow_sign = 1;
  }
  m.fans.push_back(fan);
  Vec3 at{0.5 * (b.min_m[0] + b.max_m[0]), 0.5 * (b.min_m[1] + b.max_m[1]),
          b.max_m[2] - kMonitorInset_m};
  m.monitors.push_back({"psu.exhaust", at});
}

void Lowering::shroud_and_obstructions() {
  const CaseModel& c = s.case_model;
  if (c.psu_shroud) {
    // Its sides that are not case walls, as sheet plates; later plates are
    // trimmed where an earlier one already closes the corner.
    const Box sb{c.psu_shroud->min_m, c.psu_shroud->max_m};
    std::vector<std::pair<int, Box>> plates;
    for (int a = 0; a < 3; ++a)
      for (int side = 0; side < 2; ++side) {
        const double at = side ? sb.max_m[a] : sb.min_m[a];
        if (at <= 1e-9 || at >= m.size_m[a] - 1e-9) continue;
        Box p = sb;
        if (side) {
          p.min_m[a] = at - kSheet_m;
        } else {
          p.max_m[a] = at + kSheet_m;
        }
        for (const auto& [pa, q] : plates) {
          if (q.max_m[pa] >= p.max_m[pa] - 1e-9) p.max_m[pa] = q.min_m[pa];
          if (q.min_m[pa] <= p.min_m[pa] + 1e-9) p.min_m[pa] = q.max_m[pa];
        }
        plates.push_back({a, p});
      }
    int i = 0;
    for (const auto& pl : plates)
      m.blocks.push_back(solid("case.shroud" + std::to_string(++i), pl.second, kSteel));
  }
  for (const CaseBox& o : c.obstructions) {
    double power = 0;
    for (const BuildDrive& d : s.drives)
      if (d.position == o.name) power += d.model.active_W;
    m.blocks.push_back(solid("case." + o.name, Box{o.min_m, o.max_m}, kSteel, power));
  }
}

void Lowering::drives() {
  const Material m2 = layered({{kBoardCopperLayers * kOzCopper_m, kCopper},
                               {kBoardThickness_m - kBoardCopperLayers * kOzCopper_m, kFr4}});
  int k = 0;
  for (const BuildDrive& d : s.drives) {
    ++k;
    if (d.position == "unplaced" || !d.box) {
      std::ostringstream w;
      w << d.model.active_W;
      note("drive " + d.model.info.id + " unplaced: its " + w.str() + " W are left out");
      continue;
    }
    if (d.model.form_factor.rfind("m.2", 0) != 0) continue;  // in its obstruction's block
    m.blocks.push_back(solid("drive" + std::to_string(k), *d.box, m2, d.model.active_W));
  }
}

}  // namespace rt::lowering
