// Part boxes for pictures, from a model (names, kinds, the run's
// temperatures) or from a material field alone. No VTK here.

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>

#include "viz/picture.hpp"

namespace rt::viz {

const char* part_kind_name(PartKind k) {
  switch (k) {
    case PartKind::solid:
      return "solid";
    case PartKind::source:
      return "heat source";
    case PartKind::heat_sink:
      return "heat sink with die";
    case PartKind::porous:
      return "porous";
    case PartKind::fan:
      return "fan";
    case PartKind::vent:
      return "vent";
  }
  return "?";
}

namespace {

// A patch on a domain face (or an internal plane) as a flat box.
void flat_box(const Model& m, const Vec3& lo, const Vec3& hi, std::optional<int> internal_axis,
              Face face, PartBox& p) {
  p.min_m = lo;
  p.max_m = hi;
  const int a = internal_axis ? *internal_axis : face_axis(face);
  const double at = internal_axis ? lo[a] : (face_is_max(face) ? m.size_m[a] : 0.0);
  p.min_m[a] = p.max_m[a] = at;
}

}  // namespace

std::vector<PartBox> parts_from_model(const Model& m, const Summary* summary) {
  std::map<std::string, const ComponentSummary*> comps;
  if (summary != nullptr)
    for (const ComponentSummary& c : summary->components) comps[c.name] = &c;
  const auto fill_hot = [&](PartBox& p) {
    const auto it = comps.find(p.name);
    if (it == comps.end()) return;
    const ComponentSummary& c = *it->second;
    p.hot_C = c.hot_C();
    p.hot_is_die = c.has_die;
    p.throttling = c.throttling;
    if (c.has_throttle) p.throttle_C = c.throttle_C;
    p.power_W = c.power_W;
  };

  std::vector<PartBox> out;
  for (const Block& b : m.blocks) {
    PartBox p;
    p.name = b.name;
    p.kind = b.power_W > 0 ? PartKind::source : PartKind::solid;
    p.min_m = b.min_m;
    p.max_m = b.max_m;
    p.power_W = b.power_W;
    fill_hot(p);
    out.push_back(p);
  }
  for (const PorousBlock& b : m.porous) {
    PartBox p;
    p.name = b.name;
    p.kind = b.die_resistance_K_W ? PartKind::heat_sink : PartKind::porous;
    p.min_m = b.min_m;
    p.max_m = b.max_m;
    p.power_W = b.power_W;
    if (b.throttle_K) p.throttle_C = *b.throttle_K - kCelsiusToKelvin;
    fill_hot(p);
    out.push_back(p);
  }
  for (const Fan& f : m.fans) {
    PartBox p;
    p.name = f.name;
    p.kind = PartKind::fan;
    flat_box(m, f.min_m, f.max_m, f.internal_axis, f.face, p);
    p.diameter_m = f.diameter_m;
    if (f.internal_axis) {
      p.blow_axis = *f.internal_axis;
      p.blow_sign = f.blow_sign;
    } else {
      p.blow_axis = face_axis(f.face);
      // Intake blows into the domain: away from the face.
      const int into = face_is_max(f.face) ? -1 : 1;
      p.blow_sign = f.intake ? into : -into;
    }
    out.push_back(p);
  }
  for (const Vent& v : m.vents) {
    PartBox p;
    p.name = v.name;
    p.kind = PartKind::vent;
    flat_box(m, v.min_m, v.max_m, v.internal_axis, v.face, p);
    out.push_back(p);
  }
  return out;
}

std::vector<PartBox> parts_from_material(const Grid& g, const CellFields& f) {
  std::map<std::int32_t, std::pair<std::array<int, 3>, std::array<int, 3>>> range;
  if (f.material.size() != g.total_cells()) return {};
  const int nx = g.nx(), ny = g.ny(), nz = g.nz();
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        const std::int32_t id = f.material[i + static_cast<std::size_t>(nx) * (j + ny * k)];
        if (id == 0) continue;
        auto it = range.find(id);
        if (it == range.end()) {
          range[id] = {{i, j, k}, {i, j, k}};
          continue;
        }
        const std::array<int, 3> c = {i, j, k};
        for (int a = 0; a < 3; ++a) {
          it->second.first[a] = std::min(it->second.first[a], c[a]);
          it->second.second[a] = std::max(it->second.second[a], c[a]);
        }
      }
  std::vector<PartBox> out;
  for (const auto& [id, r] : range) {
    PartBox p;
    p.name = id > 0 ? "block " + std::to_string(id - 1) : "porous " + std::to_string(-id - 1);
    p.kind = id > 0 ? PartKind::solid : PartKind::porous;
    for (int a = 0; a < 3; ++a) {
      p.min_m[a] = g.edges[a][r.first[a]];
      p.max_m[a] = g.edges[a][r.second[a] + 1];
    }
    out.push_back(p);
  }
  return out;
}

}  // namespace rt::viz
