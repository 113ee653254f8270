// Generic-layer scenario reader: TOML text -> rt::Model.
//
// Reading goes table by table through TomlTable (scenarios/toml/), which
// knows the table's dotted path, so every message can name FILE:LINE and the
// full key. Order: unknown tables first, then [physics] (the reference
// temperature is the default for fluid properties and boundary
// temperatures), then the other tables, then the cross-checks that need
// several tables at once (blocks and monitors inside the domain, no
// overlapping blocks, an opening for an inlet's air to leave).
// Key names, units and defaults: docs/scenario-keys.md.

#include "scenarios/generic/scenario_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

#include "scenarios/model/air_properties.hpp"
#include "scenarios/model/perforated_plate.hpp"
#include "scenarios/toml/input_file.hpp"
#include "scenarios/toml/parse_toml.hpp"
#include "scenarios/toml/toml_table.hpp"
#include "scenarios/toml/toml_text.hpp"
#include "scenarios/toml/value_checks.hpp"

namespace rt {
namespace {

using toml_text::join;
using toml_text::number_text;
using toml_text::type_phrase;

constexpr const char* kAxisNames[3] = {"x", "y", "z"};

// ---- arrays of three ------------------------------------------------------

// A present array of exactly 3 entries; `shape` names them for messages,
// e.g. "[Lx, Ly, Lz]".
const toml::array* array3(const TomlTable& s, std::string_view key, const std::string& shape,
                          const std::string& entries) {
  const toml::node* n = s.find(key);
  if (!n) return nullptr;
  const toml::array* a = n->as_array();
  if (!a) s.fail_at(*n, key, "expected " + shape + " (3 " + entries + "), got " + type_phrase(*n));
  if (a->size() != 3) {
    s.fail_at(*n, key,
              "expected " + shape + " (3 " + entries + "), got " + std::to_string(a->size()) +
                  " entries");
  }
  return a;
}

std::optional<Vec3> vec3(const TomlTable& s, std::string_view key, const std::string& shape) {
  const toml::array* a = array3(s, key, shape, "numbers");
  if (!a) return std::nullopt;
  Vec3 v{};
  for (int i = 0; i < 3; ++i) {
    const toml::node& e = (*a)[static_cast<std::size_t>(i)];
    if (!e.is_number()) {
      s.fail_at(e, key,
                "expected " + shape + " (3 numbers); entry " + std::to_string(i + 1) + " is " +
                    type_phrase(e));
    }
    v[i] = s.as_number(e, key);
  }
  return v;
}

Vec3 required_vec3(const TomlTable& s, std::string_view key, const std::string& shape,
                   const std::string& meaning) {
  if (!s.has(key)) s.missing(key, meaning + ", " + std::string(key) + " = " + shape);
  return *vec3(s, key, shape);
}

std::optional<std::array<long long, 3>> int3(const TomlTable& s, std::string_view key,
                                             const std::string& shape) {
  const toml::array* a = array3(s, key, shape, "integers");
  if (!a) return std::nullopt;
  std::array<long long, 3> v{};
  for (int i = 0; i < 3; ++i) {
    const toml::node& e = (*a)[static_cast<std::size_t>(i)];
    const auto* n = e.as_integer();
    if (!n) {
      s.fail_at(e, key,
                "expected " + shape + " (3 integers); entry " + std::to_string(i + 1) + " is " +
                    type_phrase(e));
    }
    v[i] = n->get();
  }
  return v;
}

// A temperature in °C from the file, returned in K.
std::optional<double> temperature_K(const TomlTable& s, std::string_view key) {
  const std::optional<double> T_C = s.number(key);
  if (!T_C) return std::nullopt;
  return kelvin_from_celsius(s, key, *T_C);
}

// ---- tables ---------------------------------------------------------------

Physics read_physics(const std::optional<TomlTable>& s) {
  Physics p;
  if (!s) return p;
  s->check_keys({"gravity_m_s2", "reference_T_C", "turbulence"});
  if (auto g = vec3(*s, "gravity_m_s2", "[gx, gy, gz]")) p.gravity_m_s2 = *g;
  if (auto T = temperature_K(*s, "reference_T_C")) p.reference_T_K = *T;
  if (auto model = s->string("turbulence")) {
    if (*model == "laminar") {
      p.turbulence = Turbulence::laminar;
    } else if (*model == "lvel") {
      p.turbulence = Turbulence::lvel;
    } else if (*model == "zero-equation") {
      p.turbulence = Turbulence::zero_equation;
    } else {
      s->fail("turbulence",
              "unknown model \"" + *model + "\"; expected one of: laminar, lvel, zero-equation");
    }
  }
  return p;
}

FluidProperties read_fluid(const std::optional<TomlTable>& s, double reference_T_K) {
  FluidProperties f = dry_air_at(reference_T_K);
  if (!s) return f;
  s->check_keys({"density_kg_m3", "viscosity_Pa_s", "conductivity_W_mK", "specific_heat_J_kgK",
                 "expansion_1_K"});
  const auto take_positive = [&](std::string_view key, double& field) {
    if (auto v = s->number(key)) field = positive(*s, key, *v);
  };
  take_positive("density_kg_m3", f.density_kg_m3);
  take_positive("viscosity_Pa_s", f.viscosity_Pa_s);
  take_positive("conductivity_W_mK", f.conductivity_W_mK);
  take_positive("specific_heat_J_kgK", f.specific_heat_J_kgK);
  // Zero is allowed: it switches buoyancy off (e.g. a lid-driven cavity).
  if (auto v = s->number("expansion_1_K")) f.expansion_1_K = non_negative(*s, "expansion_1_K", *v);
  return f;
}

Vec3 read_domain(const TomlTable& root) {
  const std::optional<TomlTable> s = root.table_at("domain");
  if (!s) {
    root.missing_table("domain", "size_m = [Lx, Ly, Lz], the box [0,Lx]x[0,Ly]x[0,Lz] in m");
  }
  s->check_keys({"size_m"});
  const Vec3 size = required_vec3(*s, "size_m", "[Lx, Ly, Lz]", "edge lengths of the box in m");
  for (int a = 0; a < 3; ++a) {
    if (!(size[a] > 0.0)) {
      s->fail("size_m", std::string("every edge must be > 0 m; ") + kAxisNames[a] + " is " +
                            number_text(size[a]));
    }
  }
  return size;
}

// [grid]: uniform `cells`, or an object-snapped grid from `max_cell_m`
// (with `min_cells_per_gap` and `growth`); one or the other.
void read_grid(const TomlTable& root, Model& m) {
  const std::optional<TomlTable> s = root.table_at("grid");
  if (!s) {
    root.missing_table(
        "grid",
        "cells = [nx, ny, nz] (uniform), or max_cell_m (a grid snapped to every block face)");
  }
  s->check_keys({"cells", "max_cell_m", "min_cells_per_gap", "growth"});
  const bool uniform = s->find("cells") != nullptr;
  const bool snapped = s->find("max_cell_m") != nullptr;
  if (uniform && snapped)
    s->fail("max_cell_m",
            "give either cells = [nx, ny, nz] (uniform) or max_cell_m (snapped), not both");
  if (!uniform && !snapped) {
    s->missing(
        "cells",
        "cells = [nx, ny, nz] for a uniform grid, or max_cell_m for a grid snapped to the blocks");
  }
  if (uniform) {
    for (const char* key : {"min_cells_per_gap", "growth"})
      if (s->find(key))
        s->fail(key, "only used with max_cell_m (a snapped grid); a cells = [...] grid is uniform");
    const std::array<long long, 3> n = *int3(*s, "cells", "[nx, ny, nz]");
    for (int a = 0; a < 3; ++a) {
      if (n[a] < 1 || n[a] > INT_MAX) {
        s->fail("cells", std::string("every count must be a positive integer; ") + kAxisNames[a] +
                             " is " + std::to_string(n[a]));
      }
      m.cells[a] = static_cast<int>(n[a]);
    }
    return;
  }
  SnappedGridSpec spec;
  spec.max_cell_m = positive(*s, "max_cell_m", *s->number("max_cell_m"));
  if (auto n = s->integer("min_cells_per_gap")) {
    if (*n < 1 || *n > 1000)
      s->fail("min_cells_per_gap", "must be an integer from 1 to 1000, got " + std::to_string(*n));
    spec.min_cells_per_gap = static_cast<int>(*n);
  }
  if (auto g = s->number("growth")) {
    if (!(*g > 1.0 && *g <= 1.3))
      s->fail("growth",
              "must be > 1 and <= 1.3 (size ratio of neighbouring cells), got " + number_text(*g));
    spec.growth = *g;
  }
  m.snapped_grid = spec;
}

// Which boundary types use which keys (besides `type`), for the message that
// tells a user their key belongs to another type.
struct BoundaryKey {
  std::string_view key;
  std::array<bool, 4> used_by;  // wall, symmetry, inlet, opening
};
constexpr std::array<std::string_view, 4> kBoundaryTypeNames = {"wall", "symmetry", "inlet",
                                                                "opening"};
constexpr std::array<BoundaryKey, 5> kBoundaryKeys = {{
    {"velocity_m_s", {true, false, true, false}},
    {"T_C", {true, false, true, true}},
    {"heat_flux_W_m2", {true, false, false, false}},
    {"heat_transfer_coefficient_W_m2K", {true, false, false, false}},
    {"pressure_Pa", {false, false, false, true}},
}};

void check_keys_fit_type(const TomlTable& s, BoundaryType type) {
  const int t = static_cast<int>(type);
  for (const BoundaryKey& k : kBoundaryKeys) {
    if (!s.find(k.key) || k.used_by[t]) continue;
    std::vector<std::string_view> users;
    for (int u = 0; u < 4; ++u) {
      if (k.used_by[u]) users.push_back(kBoundaryTypeNames[u]);
    }
    s.fail(k.key, "not used by a \"" + std::string(kBoundaryTypeNames[t]) + "\" boundary; " +
                      (users.size() == 1 ? "only type \"" : "types \"") + join(users, "\", \"") +
                      (users.size() == 1 ? "\" accepts it" : "\" accept it"));
  }
}

Boundary read_boundary(const TomlTable& s, Face face, double reference_T_K) {
  s.check_keys({"type", "velocity_m_s", "T_C", "heat_flux_W_m2", "heat_transfer_coefficient_W_m2K",
                "pressure_Pa"});
  const std::string type =
      s.required_string("type", "one of \"wall\", \"symmetry\", \"inlet\", \"opening\"");
  Boundary b;
  const auto it = std::find(kBoundaryTypeNames.begin(), kBoundaryTypeNames.end(), type);
  if (it == kBoundaryTypeNames.end()) {
    s.fail("type", "unknown boundary type \"" + type +
                       "\"; expected one of: wall, symmetry, inlet, opening");
  }
  b.type = static_cast<BoundaryType>(it - kBoundaryTypeNames.begin());
  check_keys_fit_type(s, b.type);

  switch (b.type) {
    case BoundaryType::wall:
      if (auto v = vec3(s, "velocity_m_s", "[u, v, w]")) b.velocity_m_s = *v;
      b.T_K = temperature_K(s, "T_C");
      b.heat_flux_W_m2 = s.number("heat_flux_W_m2");
      if (b.T_K && b.heat_flux_W_m2) {
        s.fail("heat_flux_W_m2",
               "a wall takes either T_C (fixed temperature) or heat_flux_W_m2 (fixed flux), "
               "not both");
      }
      // A wall that passes heat to the outside through a film: T_C is then
      // the outside temperature.
      if (auto h = s.number("heat_transfer_coefficient_W_m2K")) {
        if (!(*h > 0.0))
          s.fail("heat_transfer_coefficient_W_m2K", "must be > 0, got " + number_text(*h));
        if (!b.T_K)
          s.fail("heat_transfer_coefficient_W_m2K",
                 "needs T_C, the temperature outside the wall the heat goes to");
        b.heat_transfer_coefficient_W_m2K = *h;
      }
      break;
    case BoundaryType::symmetry:
      break;
    case BoundaryType::inlet: {
      b.velocity_m_s =
          required_vec3(s, "velocity_m_s", "[u, v, w]", "velocity of the incoming air");
      const int axis = face_axis(face);
      const double inward = face_is_max(face) ? -b.velocity_m_s[axis] : b.velocity_m_s[axis];
      if (!(inward > 0.0)) {
        s.fail("velocity_m_s", std::string("an inlet on ") + kFaceNames[static_cast<int>(face)] +
                                   " must blow into the domain: the " + kAxisNames[axis] +
                                   " component must be " + (face_is_max(face) ? "< 0" : "> 0") +
                                   ", got " + number_text(b.velocity_m_s[axis]));
      }
      b.T_K = temperature_K(s, "T_C").value_or(reference_T_K);
      break;
    }
    case BoundaryType::opening:
      b.pressure_Pa = s.number("pressure_Pa").value_or(0.0);
      b.T_K = temperature_K(s, "T_C").value_or(reference_T_K);
      break;
  }
  return b;
}

void read_boundaries(const TomlTable& root, double reference_T_K, Model& m) {
  const std::optional<TomlTable> s = root.table_at("boundary");
  if (!s) return;
  s->check_keys({"xmin", "xmax", "ymin", "ymax", "zmin", "zmax"}, "face");
  std::optional<TomlTable> first_inlet;
  bool has_opening = false;
  for (int f = 0; f < kFaceCount; ++f) {
    const std::optional<TomlTable> face = s->table_at(kFaceNames[f]);
    if (!face) continue;  // default: adiabatic no-slip wall
    m.boundary[f] = read_boundary(*face, static_cast<Face>(f), reference_T_K);
    if (m.boundary[f].type == BoundaryType::inlet && !first_inlet) first_inlet = face;
    if (m.boundary[f].type == BoundaryType::opening) has_opening = true;
  }
  // Incompressible flow: what an inlet pushes in has to leave somewhere.
  if (first_inlet && !has_opening && root.array_of_tables("vent").empty() &&
      root.array_of_tables("fan").empty()) {
    first_inlet->fail_table(
        "an inlet needs an opening or a [[vent]] for the air to leave; give another face type = "
        "\"opening\" or add a vent");
  }
}

Block read_block(const TomlTable& s) {
  s.check_keys({"name", "min_m", "max_m", "conductivity_W_mK", "density_kg_m3",
                "specific_heat_J_kgK", "power_W"});
  Block b;
  b.name = s.required_string("name", "a unique name, used in the summary");
  if (b.name.empty()) s.fail("name", "must not be empty");
  b.min_m = required_vec3(s, "min_m", "[x, y, z]", "lower corner of the block in m");
  b.max_m = required_vec3(s, "max_m", "[x, y, z]", "upper corner of the block in m");
  for (int a = 0; a < 3; ++a) {
    if (!(b.min_m[a] < b.max_m[a])) {
      s.fail("max_m", "max_m must exceed min_m on every axis; on " + std::string(kAxisNames[a]) +
                          " min is " + number_text(b.min_m[a]) + " and max is " +
                          number_text(b.max_m[a]));
    }
  }
  const auto required_positive = [&](std::string_view key, const std::string& meaning) {
    return positive(s, key, s.required_number(key, meaning));
  };
  b.conductivity_W_mK = required_positive("conductivity_W_mK", "thermal conductivity, W/(m K)");
  b.density_kg_m3 = required_positive("density_kg_m3", "density, kg/m3");
  b.specific_heat_J_kgK = required_positive("specific_heat_J_kgK", "specific heat, J/(kg K)");
  b.power_W = non_negative(s, "power_W", s.number("power_W").value_or(0.0));
  return b;
}

Monitor read_monitor(const TomlTable& s) {
  s.check_keys({"name", "position_m"});
  Monitor m;
  m.name = s.required_string("name", "a unique name, used in the summary");
  if (m.name.empty()) s.fail("name", "must not be empty");
  m.position_m = required_vec3(s, "position_m", "[x, y, z]", "sampling point in m");
  return m;
}

// Where a vent or fan sits: `face` (a domain face) or `normal` (a plane
// inside the domain: "+y" or "-y" for a fan, the way it blows; "y" also for a
// vent). Returns the plane's axis and, for `normal`, its sign (0 when unsigned).
struct Placement {
  std::optional<int> internal_axis;
  int sign = 0;
};

Placement read_placement(const TomlTable& s, const Model& m, const std::string& what,
                         Face& face_out) {
  if (s.find("face") && s.find("normal"))
    s.fail("normal", "give face (on a domain face) or normal (on a plane inside), not both");
  if (!s.find("normal")) {
    const std::string face =
        s.required_string("face",
                          "the domain face it sits on: xmin xmax ymin ymax zmin zmax, or "
                          "normal = \"+y\" for a plane inside");
    int f = -1;
    for (int i = 0; i < kFaceCount; ++i)
      if (face == kFaceNames[i]) f = i;
    if (f < 0)
      s.fail("face",
             "'" + face + "' is not a face; expected one of: xmin, xmax, ymin, ymax, zmin, zmax");
    face_out = static_cast<Face>(f);
    if (m.boundary[f].type == BoundaryType::symmetry)
      s.fail("face", "face " + face + " is a symmetry plane; " + what +
                         " needs a wall, inlet or opening face");
    return {};
  }
  const std::string normal = *s.string("normal");
  Placement out;
  std::string axis = normal;
  if (!axis.empty() && (axis[0] == '+' || axis[0] == '-')) {
    out.sign = axis[0] == '+' ? 1 : -1;
    axis = axis.substr(1);
  }
  if (axis != "x" && axis != "y" && axis != "z")
    s.fail("normal", "'" + normal + "' is not a direction; expected +x, -x, +y, -y, +z or -z");
  out.internal_axis = axis[0] - 'x';
  return out;
}

// The rectangle of a vent or fan: min_m/max_m, or for a round fan centre_m
// and diameter_m (the rectangle is the square around the disc). On a domain
// face or plane the coordinate across it is the plane's position.
void read_rectangle(const TomlTable& s, const Model& m, bool round_allowed, const Placement& place,
                    Face face, Vec3& min_out, Vec3& max_out) {
  const int a = place.internal_axis ? *place.internal_axis : face_axis(face);
  const double tol = 1e-9 * m.size_m[a];
  if (round_allowed && s.find("diameter_m")) {
    for (const char* key : {"min_m", "max_m"})
      if (s.find(key))
        s.fail(key, "a round fan is given by centre_m and diameter_m, not " + std::string(key));
    const Vec3 centre = required_vec3(s, "centre_m", "[x, y, z]", "centre of the fan disc, m");
    const double d = *s.number("diameter_m");
    if (!(d > 0.0)) s.fail("diameter_m", "must be > 0, got " + number_text(d));
    for (int axis = 0; axis < 3; ++axis) {
      const double half = axis == a ? 0.0 : 0.5 * d;
      min_out[axis] = centre[axis] - half;
      max_out[axis] = centre[axis] + half;
    }
  } else {
    if (round_allowed && s.find("centre_m"))
      s.fail("centre_m", "centre_m goes with diameter_m (a round fan); give diameter_m too");
    min_out = required_vec3(s, "min_m", "[x, y, z]", "lower corner of the rectangle, m");
    max_out = required_vec3(s, "max_m", "[x, y, z]", "upper corner of the rectangle, m");
  }
  const char* where_key = s.find("centre_m") ? "centre_m" : "min_m";
  if (place.internal_axis) {
    if (std::fabs(min_out[a] - max_out[a]) > tol)
      s.fail(where_key, std::string("a plane normal to ") + kAxisNames[a] + " has one " +
                            kAxisNames[a] + "; give the same value in min_m and max_m");
    if (!(min_out[a] > tol && min_out[a] < m.size_m[a] - tol))
      s.fail(where_key, std::string("the plane ") + kAxisNames[a] + " = " +
                            number_text(min_out[a]) + " m must lie inside the domain (0 to " +
                            number_text(m.size_m[a]) + " m); on the boundary use face");
  } else {
    const double plane = face_is_max(face) ? m.size_m[a] : 0.0;
    if (std::fabs(min_out[a] - plane) > tol || std::fabs(max_out[a] - plane) > tol)
      s.fail(where_key, std::string("a vent or fan on ") + kFaceNames[static_cast<int>(face)] +
                            " lies in the plane " + kAxisNames[a] + " = " + number_text(plane) +
                            " m; give that coordinate");
  }
  for (int axis = 0; axis < 3; ++axis) {
    if (axis == a) continue;
    if (!(min_out[axis] < max_out[axis]))
      s.fail("max_m", std::string("must be greater than min_m along ") + kAxisNames[axis]);
    if (min_out[axis] < -tol || max_out[axis] > m.size_m[axis] + tol)
      s.fail(s.find("centre_m") ? "centre_m" : "max_m",
             std::string("the rectangle leaves the ") + (place.internal_axis ? "domain" : "face") +
                 " along " + kAxisNames[axis] + " (0 to " + number_text(m.size_m[axis]) + " m)");
  }
}

// [[vent]]: an opening on part of a domain face, with a grille loss.
Vent read_vent(const TomlTable& s, const Model& m) {
  s.check_keys({"name", "face", "normal", "min_m", "max_m", "free_area_ratio", "loss_coefficient",
                "filter_free_area_ratio", "pressure_Pa", "T_C"});
  Vent v;
  v.name = s.required_string("name", "a unique name, used in the summary");
  if (v.name.empty()) s.fail("name", "must not be empty");
  const Placement place = read_placement(s, m, "a vent", v.face);
  v.internal_axis = place.internal_axis;
  read_rectangle(s, m, false, place, v.face, v.min_m, v.max_m);
  if (v.internal_axis)
    for (const char* key : {"pressure_Pa", "T_C"})
      if (s.find(key)) s.fail(key, "only a vent on a domain face has an outside; not on a plane");
  const std::optional<double> f_open = s.number("free_area_ratio");
  const std::optional<double> K = s.number("loss_coefficient");
  if (f_open && K) s.fail("loss_coefficient", "give free_area_ratio or loss_coefficient, not both");
  if (f_open) {
    if (!(*f_open > 0.0 && *f_open <= 1.0))
      s.fail("free_area_ratio",
             "must be in (0, 1] (open area / vent area), got " + number_text(*f_open));
    v.loss_coefficient = perforated_plate_loss(*f_open);
  } else if (K) {
    v.loss_coefficient = non_negative(s, "loss_coefficient", *K);
  } else {
    s.missing("free_area_ratio", "the open fraction of the grille (0 to 1], or loss_coefficient K");
  }
  // A dust filter over the grille: a second thin plate in series; losses on
  // the same approach velocity add.
  if (auto filter = s.number("filter_free_area_ratio")) {
    if (!(*filter > 0.0 && *filter <= 1.0))
      s.fail("filter_free_area_ratio",
             "must be in (0, 1] (open area of the filter mesh), got " + number_text(*filter));
    v.loss_coefficient += perforated_plate_loss(*filter);
  }
  v.pressure_Pa = s.number("pressure_Pa").value_or(0.0);
  v.T_K = temperature_K(s, "T_C").value_or(m.physics.reference_T_K);
  return v;
}

// control_sensor / control_T_C / control_speed_pct: a fan curve on a sensor.
std::optional<FanControl> read_fan_control(const TomlTable& s) {
  if (!s.find("control_sensor")) {
    for (const char* key : {"control_T_C", "control_speed_pct"})
      if (s.find(key)) s.fail(key, "goes with control_sensor (what the fan follows)");
    return std::nullopt;
  }
  FanControl c;
  c.sensor = s.required_string("control_sensor", "a porous block with a die model, or a monitor");
  const std::vector<double> T = s.required_numbers("control_T_C", "sensor temperatures, °C");
  const std::vector<double> pct =
      s.required_numbers("control_speed_pct", "fan speed at each temperature, %");
  if (T.size() < 2) s.fail("control_T_C", "needs at least 2 points");
  if (pct.size() != T.size())
    s.fail("control_speed_pct",
           "needs as many points as control_T_C (" + std::to_string(T.size()) + ")");
  for (std::size_t i = 0; i < T.size(); ++i) {
    if (i > 0 && !(T[i] > T[i - 1])) s.fail("control_T_C", "temperatures must increase");
    fan_speed_pct(s, "control_speed_pct", pct[i], false);
    c.T_K.push_back(T[i] + kCelsiusToKelvin);
    c.speed_fraction.push_back(pct[i] / 100.0);
  }
  return c;
}

// rpm / swirl_fraction / swirl_direction: the swirl a round axial fan leaves
// in the air (read after the placement, diameter and direction).
void read_fan_swirl(const TomlTable& s, Fan& fan) {
  if (auto rpm = s.number("rpm")) {
    if (!(*rpm > 0.0))
      s.fail("rpm", "must be > 0 (rev/min at 100 % speed), got " + number_text(*rpm));
    fan.rpm = *rpm;
  }
  if (!s.find("swirl_fraction")) {
    if (s.find("swirl_direction"))
      s.fail("swirl_direction", "goes with swirl_fraction (the swirl it turns)");
    return;
  }
  const double sf = *s.number("swirl_fraction");
  if (!(sf >= 0.0 && sf <= 1.0))
    s.fail("swirl_fraction",
           "must be in [0, 1] (of the blade speed omega r), got " + number_text(sf));
  if (!(fan.diameter_m > 0.0))
    s.fail("swirl_fraction",
           "only a round fan (centre_m and diameter_m) has swirl: it turns about the disc's axis");
  if (!s.find("rpm"))
    s.fail("swirl_fraction", "needs rpm (the fan's speed at 100 %, rev/min) to give the swirl");
  if (!fan.internal_axis && !fan.intake)
    s.fail("swirl_fraction",
           "an exhaust fan's swirl leaves the domain; swirl applies to intakes and fans on planes");
  const std::string dir = s.string("swirl_direction").value_or("right");
  if (dir != "right" && dir != "left")
    s.fail("swirl_direction",
           "'" + dir +
               "' is not a swirl direction; expected \"right\" (right-handed about the "
               "blowing direction) or \"left\"");
  fan.swirl_fraction = sf;
  fan.swirl_sign = dir == "right" ? 1 : -1;
}

// [[fan]]: a fan on a domain face or an internal plane, on its P-Q curve.
Fan read_fan(const TomlTable& s, const Model& m) {
  s.check_keys({"name",
                "face",
                "normal",
                "min_m",
                "max_m",
                "centre_m",
                "diameter_m",
                "hub_diameter_m",
                "curve_flow_m3_s",
                "curve_pressure_Pa",
                "speed_pct",
                "direction",
                "pressure_Pa",
                "T_C",
                "control_sensor",
                "control_T_C",
                "control_speed_pct",
                "rpm",
                "swirl_fraction",
                "swirl_direction"});
  Fan fan;
  fan.name = s.required_string("name", "a unique name, used in the summary");
  if (fan.name.empty()) s.fail("name", "must not be empty");
  const Placement place = read_placement(s, m, "a fan", fan.face);
  fan.internal_axis = place.internal_axis;
  if (place.internal_axis) {
    if (place.sign == 0)
      s.fail("normal", "a fan on a plane blows one way: give \"+" +
                           std::string(1, kAxisNames[*place.internal_axis][0]) + "\" or \"-" +
                           std::string(1, kAxisNames[*place.internal_axis][0]) + "\"");
    fan.blow_sign = place.sign;
    for (const char* key : {"direction", "pressure_Pa", "T_C"})
      if (s.find(key))
        s.fail(key,
               "only a fan on a domain face has an outside; on a plane normal gives the way "
               "it blows");
  }
  read_rectangle(s, m, true, place, fan.face, fan.min_m, fan.max_m);
  if (s.find("diameter_m")) {
    fan.diameter_m = *s.number("diameter_m");
    fan.hub_diameter_m =
        non_negative(s, "hub_diameter_m", s.number("hub_diameter_m").value_or(0.0));
    if (!(fan.hub_diameter_m < fan.diameter_m))
      s.fail("hub_diameter_m",
             "must be smaller than diameter_m (" + number_text(fan.diameter_m) + " m)");
  } else if (s.find("hub_diameter_m")) {
    s.fail("hub_diameter_m", "only a round fan (diameter_m) has a hub");
  }
  fan.curve_flow_m3_s = s.required_numbers("curve_flow_m3_s", "flow at each curve point, m3/s");
  fan.curve_pressure_Pa =
      s.required_numbers("curve_pressure_Pa", "static pressure rise at each point, Pa");
  const auto& Q = fan.curve_flow_m3_s;
  const auto& P = fan.curve_pressure_Pa;
  if (Q.size() < 2)
    s.fail("curve_flow_m3_s", "needs at least 2 points (shut-off and free delivery)");
  if (P.size() != Q.size())
    s.fail("curve_pressure_Pa",
           "needs as many points as curve_flow_m3_s (" + std::to_string(Q.size()) + ")");
  for (std::size_t i = 0; i < Q.size(); ++i) {
    if (Q[i] < 0.0 || (i > 0 && !(Q[i] > Q[i - 1])))
      s.fail("curve_flow_m3_s", "flows must start at >= 0 and increase");
    if (P[i] < 0.0 || (i > 0 && P[i] > P[i - 1]))
      s.fail("curve_pressure_Pa", "pressures must be >= 0 and not rise with flow");
  }
  if (auto pct = s.number("speed_pct"))
    fan.speed_fraction = fan_speed_pct(s, "speed_pct", *pct, false) / 100.0;
  const std::string dir = s.string("direction").value_or("intake");
  if (dir != "intake" && dir != "exhaust")
    s.fail("direction", "'" + dir + "' is not a direction; expected \"intake\" or \"exhaust\"");
  fan.intake = dir == "intake";
  fan.pressure_Pa = s.number("pressure_Pa").value_or(0.0);
  fan.T_K = temperature_K(s, "T_C").value_or(m.physics.reference_T_K);
  fan.control = read_fan_control(s);
  read_fan_swirl(s, fan);
  return fan;
}

// [[porous]]: a fin stack as an orthotropic Darcy-Forchheimer block.
PorousBlock read_porous(const TomlTable& s, const Model& m) {
  s.check_keys({"name", "min_m", "max_m", "permeability_m2", "inertial_coefficient_1_m",
                "conductivity_W_mK", "power_W", "die_resistance_K_W", "die_reference_flow_m3_s",
                "die_flow_exponent", "throttle_C", "min_power_pct", "heat_capacity_J_K"});
  PorousBlock b;
  b.name = s.required_string("name", "a unique name, used in the summary");
  if (b.name.empty()) s.fail("name", "must not be empty");
  b.min_m = required_vec3(s, "min_m", "[x, y, z]", "lower corner in m");
  b.max_m = required_vec3(s, "max_m", "[x, y, z]", "upper corner in m");
  for (int a = 0; a < 3; ++a) {
    if (!(b.min_m[a] < b.max_m[a]))
      s.fail("max_m", std::string("must be greater than min_m along ") + kAxisNames[a]);
    if (b.min_m[a] < 0.0 || b.max_m[a] > m.size_m[a] * (1 + 1e-9))
      s.fail("max_m", std::string("the porous block leaves the domain along ") + kAxisNames[a]);
  }
  b.permeability_m2 =
      required_vec3(s, "permeability_m2", "[Kx, Ky, Kz]",
                    "Darcy permeability per axis in m2, 0 for an axis the fins close");
  const std::optional<Vec3> C = vec3(s, "inertial_coefficient_1_m", "[Cx, Cy, Cz]");
  if (C) b.inertial_coefficient_1_m = *C;
  bool open_axis = false;
  for (int a = 0; a < 3; ++a) {
    if (b.permeability_m2[a] < 0.0) s.fail("permeability_m2", "must be >= 0 (0 closes the axis)");
    if (b.inertial_coefficient_1_m[a] < 0.0) s.fail("inertial_coefficient_1_m", "must be >= 0");
    open_axis = open_axis || b.permeability_m2[a] > 0.0;
  }
  if (!open_axis)
    s.fail("permeability_m2", "all three axes are closed; use a [[block]] for a solid part");
  b.conductivity_W_mK =
      positive(s, "conductivity_W_mK",
               s.required_number("conductivity_W_mK", "effective conductivity, W/(m K)"));
  b.power_W = non_negative(s, "power_W", s.number("power_W").value_or(0.0));
  if (auto R = s.number("die_resistance_K_W")) {
    b.die_resistance_K_W = positive(s, "die_resistance_K_W", *R);
    b.die_reference_flow_m3_s =
        positive(s, "die_reference_flow_m3_s",
                 s.required_number("die_reference_flow_m3_s",
                                   "the flow at which die_resistance_K_W holds, m3/s"));
    b.die_flow_exponent =
        non_negative(s, "die_flow_exponent", s.number("die_flow_exponent").value_or(0.8));
  } else {
    for (const char* key : {"die_reference_flow_m3_s", "die_flow_exponent"})
      if (s.find(key)) s.fail(key, "only used with die_resistance_K_W (the die model)");
  }
  b.throttle_K = temperature_K(s, "throttle_C");
  if (auto pct = s.number("min_power_pct")) {
    if (!b.throttle_K || !b.die_resistance_K_W)
      s.fail("min_power_pct", "only used by throttling (throttle_C with the die model)");
    if (!(*pct > 0.0 && *pct <= 100.0))
      s.fail("min_power_pct", "must be in (0, 100], got " + number_text(*pct));
    b.min_power_fraction = *pct / 100.0;
  }
  b.heat_capacity_J_K =
      non_negative(s, "heat_capacity_J_K", s.number("heat_capacity_J_K").value_or(0.0));
  return b;
}

// Vent names are unique and vents on one face do not overlap.
void check_vents(const std::vector<TomlTable>& sections, const Model& m) {
  for (std::size_t i = 0; i < m.vents.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      const Vent& a = m.vents[i];
      const Vent& b = m.vents[j];
      if (a.name == b.name) sections[i].fail("name", "vent '" + a.name + "' is named twice");
      if (a.internal_axis != b.internal_axis) continue;
      const int normal = a.internal_axis ? *a.internal_axis : face_axis(a.face);
      if (a.internal_axis ? a.min_m[normal] != b.min_m[normal] : a.face != b.face) continue;
      bool overlap = true;
      for (int axis = 0; axis < 3; ++axis)
        if (axis != normal &&
            (std::min(a.max_m[axis], b.max_m[axis]) <= std::max(a.min_m[axis], b.min_m[axis])))
          overlap = false;
      if (overlap)
        sections[i].fail("min_m", "vent '" + a.name + "' overlaps vent '" + b.name + "'");
    }
}

// A controlled fan's sensor is a porous block with a die model or a monitor.
void check_fan_sensors(const std::vector<TomlTable>& sections, const Model& m) {
  for (std::size_t i = 0; i < m.fans.size(); ++i) {
    if (!m.fans[i].control) continue;
    const std::string& name = m.fans[i].control->sensor;
    bool found = false;
    for (const PorousBlock& b : m.porous) found = found || (b.name == name && b.die_resistance_K_W);
    for (const Monitor& mon : m.monitors) found = found || mon.name == name;
    if (!found)
      sections[i].fail("control_sensor", "'" + name +
                                             "' is neither a [[porous]] block with a die model "
                                             "(die_resistance_K_W) nor a [[monitor]]");
  }
}

// Keys of [solver] per mode; a key of the other mode is an error that says so.
constexpr const char* kSteadyKeys[] = {"max_iterations", "tolerance", "settle_K",
                                       "settle_iterations", "coarse_start"};
constexpr const char* kTransientKeys[] = {
    "time_step_s",    "end_time_s",  "output_interval_s", "iterations_per_step",
    "step_tolerance", "time_scheme", "initial_T_C"};

TransientSettings read_transient(const TomlTable& s, double reference_T_K) {
  TransientSettings t;
  t.time_step_s =
      positive(s, "time_step_s",
               s.required_number("time_step_s", "the time step in s of mode = \"transient\""));
  t.end_time_s = positive(s, "end_time_s",
                          s.required_number("end_time_s", "the simulated time in s to run to"));
  if (t.time_step_s > t.end_time_s)
    s.fail("time_step_s", "is longer than end_time_s (" + number_text(t.end_time_s) + " s)");
  // Whole steps; beyond ~1e8 the run is a mistake, not a plan.
  if (t.end_time_s / t.time_step_s > 1e8)
    s.fail("time_step_s", "gives more than 1e8 steps to end_time_s; use a longer step");
  t.output_interval_s = t.time_step_s;
  if (auto dt_out = s.number("output_interval_s")) {
    t.output_interval_s = positive(s, "output_interval_s", *dt_out);
    if (t.output_interval_s < t.time_step_s * (1 - 1e-9))
      s.fail("output_interval_s", "is shorter than time_step_s (" + number_text(t.time_step_s) +
                                      " s); samples are taken at the ends of steps");
  }
  if (auto n = s.integer("iterations_per_step")) {
    if (*n < 1 || *n > INT_MAX)
      s.fail("iterations_per_step", "must be a positive integer, got " + std::to_string(*n));
    t.iterations_per_step = static_cast<int>(*n);
  }
  if (auto tol = s.number("step_tolerance")) t.step_tolerance = positive(s, "step_tolerance", *tol);
  if (auto scheme = s.string("time_scheme")) {
    if (*scheme == "bdf2") {
      t.scheme = TimeScheme::bdf2;
    } else if (*scheme == "euler") {
      t.scheme = TimeScheme::euler;
    } else {
      s.fail("time_scheme", "unknown scheme \"" + *scheme + "\"; expected \"bdf2\" or \"euler\"");
    }
  }
  t.initial_T_K = temperature_K(s, "initial_T_C").value_or(reference_T_K);
  return t;
}

SolverSettings read_solver(const std::optional<TomlTable>& s, double reference_T_K) {
  SolverSettings settings;
  settings.transient.initial_T_K = reference_T_K;
  if (!s) return settings;
  std::vector<std::string_view> keys = {"mode"};
  keys.insert(keys.end(), std::begin(kSteadyKeys), std::end(kSteadyKeys));
  keys.insert(keys.end(), std::begin(kTransientKeys), std::end(kTransientKeys));
  s->check_keys(keys);
  if (auto mode = s->string("mode")) {
    if (*mode == "transient") {
      settings.mode = SolveMode::transient;
    } else if (*mode != "steady") {
      s->fail("mode", "unknown mode \"" + *mode + "\"; expected \"steady\" or \"transient\"");
    }
  }
  if (settings.mode == SolveMode::transient) {
    for (const char* key : kSteadyKeys)
      if (s->find(key))
        s->fail(key,
                "only for mode = \"steady\"; a transient run iterates each step up to "
                "iterations_per_step or step_tolerance");
    settings.transient = read_transient(*s, reference_T_K);
    return settings;
  }
  for (const char* key : kTransientKeys)
    if (s->find(key))
      s->fail(key,
              "only for mode = \"transient\"; this run is steady (add mode = \"transient\" "
              "to [solver])");
  if (auto n = s->integer("max_iterations")) {
    if (*n < 1 || *n > INT_MAX) {
      s->fail("max_iterations", "must be a positive integer, got " + std::to_string(*n));
    }
    settings.max_iterations = static_cast<int>(*n);
  }
  if (auto tol = s->number("tolerance")) settings.tolerance = positive(*s, "tolerance", *tol);
  if (auto band = s->number("settle_K")) {
    if (!(*band >= 0.0)) s->fail("settle_K", "must be >= 0 (0 = off), got " + number_text(*band));
    settings.settle_K = *band;
  }
  if (auto n = s->integer("settle_iterations")) {
    if (*n < 10 || *n > INT_MAX)
      s->fail("settle_iterations", "must be an integer >= 10, got " + std::to_string(*n));
    settings.settle_iterations = static_cast<int>(*n);
  }
  if (auto on = s->boolean("coarse_start")) settings.coarse_start = *on;
  return settings;
}

// ---- cross-checks ---------------------------------------------------------

// Inside [0, L] up to rounding, so a block written up to the wall at
// 0.1/64 m is not rejected for the last bit.
bool inside_domain(double x, double L) {
  const double slack = 1e-9 * L;
  return x >= -slack && x <= L + slack;
}

std::string box_text(const Vec3& lo, const Vec3& hi) {
  std::string out;
  for (int a = 0; a < 3; ++a) {
    if (a > 0) out += " x ";
    out += "[" + number_text(lo[a]) + ", " + number_text(hi[a]) + "]";
  }
  return out + " m";
}

void check_blocks(const std::vector<TomlTable>& sections, const Model& m) {
  for (std::size_t i = 0; i < m.blocks.size(); ++i) {
    const Block& b = m.blocks[i];
    const TomlTable& s = sections[i];
    for (int a = 0; a < 3; ++a) {
      const bool low_ok = inside_domain(b.min_m[a], m.size_m[a]);
      if (!low_ok || !inside_domain(b.max_m[a], m.size_m[a])) {
        s.fail(low_ok ? "max_m" : "min_m",
               "block '" + b.name + "' spans " + kAxisNames[a] + " = [" + number_text(b.min_m[a]) +
                   ", " + number_text(b.max_m[a]) + "] m, outside the domain [0, " +
                   number_text(m.size_m[a]) + "] m");
      }
    }
    for (std::size_t j = 0; j < i; ++j) {
      const Block& other = m.blocks[j];
      if (other.name == b.name) {
        s.fail("name", "duplicate block name '" + b.name + "' (also at line " +
                           std::to_string(sections[j].line()) + ")");
      }
      Vec3 lo{}, hi{};
      bool overlap = true;
      for (int a = 0; a < 3; ++a) {
        lo[a] = std::max(b.min_m[a], other.min_m[a]);
        hi[a] = std::min(b.max_m[a], other.max_m[a]);
        overlap = overlap && lo[a] < hi[a];  // touching faces are fine
      }
      if (overlap) {
        s.fail_table("block '" + b.name + "' overlaps block '" + other.name + "' (line " +
                     std::to_string(sections[j].line()) + ") in " + box_text(lo, hi) +
                     "; blocks may touch but not overlap");
      }
    }
  }
}

void check_monitors(const std::vector<TomlTable>& sections, const Model& m) {
  for (std::size_t i = 0; i < m.monitors.size(); ++i) {
    const Monitor& mon = m.monitors[i];
    const TomlTable& s = sections[i];
    for (int a = 0; a < 3; ++a) {
      if (!inside_domain(mon.position_m[a], m.size_m[a])) {
        s.fail("position_m", "monitor '" + mon.name + "' is at " + kAxisNames[a] + " = " +
                                 number_text(mon.position_m[a]) + " m, outside the domain [0, " +
                                 number_text(m.size_m[a]) + "] m");
      }
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (m.monitors[j].name == mon.name) {
        s.fail("name", "duplicate monitor name '" + mon.name + "' (also at line " +
                           std::to_string(sections[j].line()) + ")");
      }
    }
  }
}

}  // namespace

Model parse_scenario(std::string_view text, const std::string& source_name) {
  const toml::table root_table = parse_toml(text, source_name);
  const TomlTable root(root_table, "", source_name);
  root.check_keys({"domain", "grid", "fluid", "physics", "boundary", "block", "porous", "vent",
                   "fan", "monitor", "solver"},
                  "table");

  Model m;
  m.source_name = source_name;
  m.source_text = std::string(text);
  m.physics = read_physics(root.table_at("physics"));
  m.fluid = read_fluid(root.table_at("fluid"), m.physics.reference_T_K);
  m.size_m = read_domain(root);
  read_grid(root, m);
  read_boundaries(root, m.physics.reference_T_K, m);

  const std::vector<TomlTable> block_sections = root.array_of_tables("block");
  for (const TomlTable& s : block_sections) m.blocks.push_back(read_block(s));
  const std::vector<TomlTable> porous_sections = root.array_of_tables("porous");
  for (const TomlTable& s : porous_sections) m.porous.push_back(read_porous(s, m));
  const std::vector<TomlTable> vent_sections = root.array_of_tables("vent");
  for (const TomlTable& s : vent_sections) m.vents.push_back(read_vent(s, m));
  const std::vector<TomlTable> fan_sections = root.array_of_tables("fan");
  for (const TomlTable& s : fan_sections) m.fans.push_back(read_fan(s, m));
  const std::vector<TomlTable> monitor_sections = root.array_of_tables("monitor");
  for (const TomlTable& s : monitor_sections) m.monitors.push_back(read_monitor(s));
  m.solver = read_solver(root.table_at("solver"), m.physics.reference_T_K);

  check_blocks(block_sections, m);
  check_monitors(monitor_sections, m);
  check_vents(vent_sections, m);
  check_fan_sensors(fan_sections, m);
  return m;
}

Model load_scenario(const std::string& path) {
  return parse_scenario(input_file_text(path, "scenario file"), path);
}

}  // namespace rt
