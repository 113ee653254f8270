// Parts library reader: scenarios/builds/parts/*.toml -> SI structs.
//
// Each data file holds one family ([gpu.<id>], [case_fan.<id>], ...). A part
// is read through TomlTable (scenarios/toml/), which knows the part's dotted
// path and file, so every problem is thrown as a ScenarioError naming
// FILE:LINE and the full key, as in the scenario readers. Unit conversion (mm -> m,
// °C -> K, m³/h and CFM -> m³/s, mmH2O -> Pa) happens here and nowhere
// else. Order: every file is parsed and checked on its own, then the
// cross-file checks run (ids unique across families, coolers' fan models
// exist). Key reference: the comment block at the top of each data file and
// docs/parts-library.md.

#include "scenarios/builds/parts_library.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <utility>

#include "scenarios/builds/board_layout.hpp"
#include "scenarios/builds/custom_case.hpp"
#include "scenarios/builds/part_values.hpp"
#include "scenarios/model/die_resistance.hpp"
#include "scenarios/model/fan_laws.hpp"
#include "scenarios/model/held_interpolation.hpp"
#include "scenarios/toml/input_file.hpp"
#include "scenarios/toml/parse_toml.hpp"
#include "scenarios/toml/toml_table.hpp"
#include "scenarios/toml/toml_text.hpp"
#include "scenarios/toml/value_checks.hpp"

#ifndef RT_PARTS_DIR
#define RT_PARTS_DIR "scenarios/builds/parts"
#endif

namespace rt {
namespace {

using namespace part_values;
constexpr double kMmH2OToPa = 9.80665;
constexpr double kCfmToM3s = kCubicMetresPerSecondPerCfm;
constexpr double kM3hToM3s = 1.0 / 3600.0;
constexpr double kAtxPsuWidthM = 0.150;
constexpr double kAtxPsuHeightM = 0.086;
constexpr double kPlaneTolM = 1e-9;

using toml_text::join;
using toml_text::line_of;
using toml_text::number_text;
using toml_text::type_phrase;

// Text of a value as the file would write it, numbers short (for
// `rigtherm parts show`; toml++'s own printer shows every float digit).
std::string value_text(const toml::node& n) {
  if (const auto* s = n.as_string()) return "\"" + s->get() + "\"";
  if (const auto* i = n.as_integer()) return std::to_string(i->get());
  if (const auto* f = n.as_floating_point()) return number_text(f->get());
  if (const auto* b = n.as_boolean()) return b->get() ? "true" : "false";
  if (const auto* a = n.as_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < a->size(); ++i) out += (i ? ", " : "") + value_text((*a)[i]);
    return out + "]";
  }
  if (const auto* t = n.as_table()) {
    std::vector<std::pair<toml::source_position, std::string>> items;
    for (auto&& [k, v] : *t)
      items.emplace_back(v.source().begin, std::string(k.str()) + " = " + value_text(v));
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
      return a.first.line != b.first.line ? a.first.line < b.first.line
                                          : a.first.column < b.first.column;
    });
    std::string out = "{ ";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].second;
    return out + " }";
  }
  return "?";
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// ---- close matches for unknown ids ------------------------------------------

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1u : 0u)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// Edit distance between `query` and the best-matching part of `text`
// (Sellers): "rtx-3090-tubro" is 2 edits from a part of
// "gigabyte-rtx-3090-turbo".
std::size_t infix_distance(std::string_view query, std::string_view text) {
  std::vector<std::size_t> row(text.size() + 1, 0);
  for (std::size_t i = 1; i <= query.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= text.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min(
          {row[j] + 1, row[j - 1] + 1, diagonal + (query[i - 1] != text[j - 1] ? 1u : 0u)});
      diagonal = up;
    }
  }
  return *std::min_element(row.begin(), row.end());
}

std::vector<std::string> close_matches(std::string_view id, const std::vector<std::string>& ids) {
  std::string query = lowercase(id);
  std::replace(query.begin(), query.end(), ' ', '-');
  std::replace(query.begin(), query.end(), '_', '-');
  const std::size_t whole_limit = std::max<std::size_t>(2, query.size() / 3);
  const std::size_t part_limit = std::max<std::size_t>(1, query.size() / 5);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const std::string& candidate : ids) {
    const std::size_t whole = edit_distance(query, candidate);
    const std::size_t part = query.size() >= 3 ? infix_distance(query, candidate) : whole;
    if (whole <= whole_limit || part <= part_limit) {
      scored.emplace_back(std::min(whole, part + 1), candidate);
    }
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < 5; ++i) out.push_back(scored[i].second);
  return out;
}

std::string family_noun(std::string_view family) {
  if (family == "gpu") return "GPU";
  if (family == "case_fan") return "case fan";
  if (family == "cpu_cooler") return "CPU cooler";
  if (family == "cpu") return "CPU";
  if (family == "psu") return "PSU";
  if (family == "drive") return "drive";
  if (family == "dimm") return "memory module";
  if (family == "case") return "case";
  if (family == "motherboard") return "motherboard";
  return "part";
}

std::string unknown_part_message(const std::string& family, const std::string& id,
                                 const std::vector<std::string>& close,
                                 const std::vector<std::string>& available) {
  std::string msg = "unknown " + family_noun(family) + " '" + id + "'";
  if (!close.empty()) msg += "; did you mean: " + join(close, ", ") + "?";
  if (family.empty()) return msg + " (`rigtherm parts list` shows every id)";
  msg +=
      available.empty() ? " (the library has none)" : " (available: " + join(available, ", ") + ")";
  return msg;
}

// The value readers (required_positive, mm, choice, read_info, ...) are in
// part_values.hpp, shared with the families kept in their own files.

// The face a flat rectangle or a point lies on, if any. `flat_axis` is the
// axis along which the object has no extent.
std::optional<Face> face_at(int axis, double coordinate, const Vec3& interior) {
  if (std::abs(coordinate) <= kPlaneTolM) return static_cast<Face>(2 * axis);
  if (std::abs(coordinate - interior[axis]) <= kPlaneTolM) return static_cast<Face>(2 * axis + 1);
  return std::nullopt;
}

std::string mm_text(const Vec3& v) {
  return "[" + number_text(v[0] / kMm) + ", " + number_text(v[1] / kMm) + ", " +
         number_text(v[2] / kMm) + "] mm";
}

void check_inside(const TomlTable& r, std::string_view key, const Vec3& p, const Vec3& interior) {
  for (int a = 0; a < 3; ++a) {
    if (p[a] < -kPlaneTolM || p[a] > interior[a] + kPlaneTolM) {
      r.fail(key, "lies outside the interior " + mm_text(interior) + ": " + mm_text(p));
    }
  }
}

// A box with min < max on every axis, inside the interior.
CaseBox read_box(const TomlTable& r, const std::string& name, const Vec3& interior) {
  CaseBox b;
  b.name = name;
  b.min_m = point_mm(r, "min_mm", "lower corner [x, y, z], mm");
  b.max_m = point_mm(r, "max_mm", "upper corner [x, y, z], mm");
  check_inside(r, "min_mm", b.min_m, interior);
  check_inside(r, "max_mm", b.max_m, interior);
  for (int a = 0; a < 3; ++a) {
    if (!(b.max_m[a] > b.min_m[a])) {
      r.fail("max_mm",
             "must exceed min_mm on every axis: " + mm_text(b.max_m) + " vs " + mm_text(b.min_m));
    }
  }
  return b;
}

// A flat rectangle: returns the axis along which it is flat.
int read_flat_rectangle(const TomlTable& r, std::string_view min_key, std::string_view max_key,
                        const Vec3& interior, Vec3& min_m, Vec3& max_m) {
  min_m = point_mm(r, min_key, "one corner [x, y, z], mm");
  max_m = point_mm(r, max_key, "the opposite corner [x, y, z], mm");
  check_inside(r, min_key, min_m, interior);
  check_inside(r, max_key, max_m, interior);
  int flat = -1;
  for (int a = 0; a < 3; ++a) {
    if (std::abs(max_m[a] - min_m[a]) <= kPlaneTolM) {
      if (flat >= 0) {
        r.fail(max_key, "a rectangle is flat along exactly one axis; " + mm_text(min_m) + " and " +
                            mm_text(max_m) + " are equal along two");
      }
      flat = a;
    } else if (!(max_m[a] > min_m[a])) {
      r.fail(max_key, "must be >= " + std::string(min_key) + " on every axis: " + mm_text(max_m) +
                          " vs " + mm_text(min_m));
    }
  }
  if (flat < 0) {
    r.fail(max_key, "a rectangle must be flat: one coordinate equal in " + std::string(min_key) +
                        " and " + std::string(max_key) + " (the plane it lies in)");
  }
  return flat;
}

Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

// Outward unit normal of a face.
Vec3 outward_normal(Face f) {
  Vec3 n{0, 0, 0};
  n[face_axis(f)] = face_is_max(f) ? 1.0 : -1.0;
  return n;
}

// ---- the families ------------------------------------------------------------

const std::vector<std::string> kCardAxes = {"length", "height", "thickness"};

// The keys of a GPU's own fans: required for every cooler style but
// "passive", which must leave them all out.
const std::vector<std::string_view> kGpuFanKeys = {
    "fan_count",        "fan_diameter_mm",     "fan_hub_diameter_mm",
    "fan_rpm_max",      "fan_curve_flow_m3_s", "fan_curve_pressure_Pa",
    "fan_curve_source", "fan_control_die_C",   "fan_control_pct"};

void read_gpu_fans(const TomlTable& r, GpuModel& g) {
  g.fan_count = positive_integer(r, "fan_count", "number of cooler fans");
  g.fan_diameter_m = mm(r, "fan_diameter_mm", "fan rotor diameter");
  g.fan_hub_diameter_m =
      required_non_negative(r, "fan_hub_diameter_mm",
                            "motor hub diameter, the blocked centre of the rotor") *
      kMm;
  if (!(g.fan_hub_diameter_m < g.fan_diameter_m)) {
    r.fail("fan_hub_diameter_mm", number_text(g.fan_hub_diameter_m / kMm) +
                                      " mm must be < fan_diameter_mm (" +
                                      number_text(g.fan_diameter_m / kMm) + " mm)");
  }
  g.fan_rpm_max = required_positive(r, "fan_rpm_max", "fan speed at 100 %");
  g.fan = read_fan_curve(r, "fan_curve_flow_m3_s", "fan_curve_pressure_Pa");
  g.fan_curve_source =
      non_empty_string(r, "fan_curve_source",
                       "where the curve's shut-off pressure and free delivery come from: "
                       "a comparable fan's data sheet, or how they were estimated");

  const std::vector<double> T_C = numbers(r, "fan_control_die_C", "die temperatures, °C");
  const std::vector<double> pct = numbers(r, "fan_control_pct", "fan speeds, %");
  check_same_length(r, "fan_control_die_C", T_C.size(), "fan_control_pct", pct.size());
  std::vector<double> T_K;
  std::vector<double> fraction;
  for (std::size_t i = 0; i < T_C.size(); ++i) {
    if (i > 0 && !(T_C[i] > T_C[i - 1])) {
      r.fail("fan_control_die_C", "temperatures must increase strictly; entry " +
                                      std::to_string(i + 1) + " is " + number_text(T_C[i]));
    }
    if (pct[i] < 0.0 || pct[i] > 100.0) {
      r.fail("fan_control_pct", "speeds are % in [0, 100]; entry " + std::to_string(i + 1) +
                                    " is " + number_text(pct[i]));
    }
    if (i > 0 && pct[i] < pct[i - 1]) {
      r.fail("fan_control_pct", "speeds must not decrease as the die warms; entry " +
                                    std::to_string(i + 1) + " is " + number_text(pct[i]));
    }
    T_K.push_back(T_C[i] + kCelsiusToKelvin);
    fraction.push_back(pct[i] / 100.0);
  }
  g.fan_control = FanControlCurve(T_K, fraction);
}

GpuModel read_gpu(const TomlTable& r, const std::string& id) {
  r.check_keys(with_common({"cooler",
                            "exhaust",
                            "bracket_exhaust_fraction",
                            "bracket_free_area",
                            "length_mm",
                            "height_mm",
                            "thickness_mm",
                            "slot_width",
                            "tdp_W",
                            "fan_count",
                            "fan_diameter_mm",
                            "fan_hub_diameter_mm",
                            "fan_rpm_max",
                            "fan_curve_flow_m3_s",
                            "fan_curve_pressure_Pa",
                            "fan_curve_source",
                            "fan_control_die_C",
                            "fan_control_pct",
                            "throttle_C",
                            "slowdown_C",
                            "fin_flow",
                            "fin_normal",
                            "fin_pitch_mm",
                            "fin_thickness_mm",
                            "fin_stack_length_mm",
                            "fin_stack_width_mm",
                            "fin_height_mm",
                            "fin_stack_offset_mm",
                            "R_ref_K_W",
                            "Q_ref_m3_s",
                            "R_exponent",
                            "power_connectors",
                            "power_connector_edge",
                            "power_spike_W",
                            "bridge_slot_spacings"}));
  GpuModel g;
  g.info = read_info(r, "gpu", id);
  g.cooler = static_cast<CoolerStyle>(
      choice(r, "cooler", {"blower", "open-air", "flow-through", "passive"}, "cooler style"));
  g.exhaust = static_cast<GpuExhaust>(
      choice(r, "exhaust", {"bracket", "case", "split"}, "where the heated air goes"));
  g.bracket_exhaust_fraction =
      fraction(r, "bracket_exhaust_fraction", "share of the air leaving through the bracket", true);
  g.bracket_free_area = fraction(r, "bracket_free_area", "open share of the bracket");
  const bool ducted = g.cooler == CoolerStyle::blower || g.cooler == CoolerStyle::passive;
  if (ducted && g.exhaust != GpuExhaust::bracket) {
    r.fail("exhaust", std::string("a ") + (g.has_fans() ? "blower" : "passive") +
                          " card exhausts through its bracket: expected \"bracket\"");
  }
  if (!ducted && g.exhaust == GpuExhaust::bracket) {
    r.fail("exhaust",
           "only blower and passive cards exhaust (mostly) through the bracket; use \"case\" or "
           "\"split\"");
  }
  const double f = g.bracket_exhaust_fraction;
  if ((g.exhaust == GpuExhaust::bracket && f < 0.7) ||
      (g.exhaust == GpuExhaust::case_interior && f > 0.3) ||
      (g.exhaust == GpuExhaust::split && (f < 0.1 || f > 0.9))) {
    r.fail("bracket_exhaust_fraction",
           number_text(f) + " does not fit exhaust = \"" +
               std::vector<std::string>{"bracket", "case", "split"}[static_cast<int>(g.exhaust)] +
               "\" (bracket: >= 0.7, case: <= 0.3, split: 0.1 to 0.9)");
  }
  g.length_m = mm(r, "length_mm", "card length, bracket to tail");
  g.height_m = mm(r, "height_mm", "card height from the slot edge");
  g.thickness_m = mm(r, "thickness_mm", "overall thickness");
  g.slot_width = required_positive(r, "slot_width", "expansion slots occupied");
  if (g.thickness_m > g.slot_width * kSlotPitch_m + 2e-3) {
    r.fail("thickness_mm", number_text(g.thickness_m / kMm) + " mm does not fit in slot_width = " +
                               number_text(g.slot_width) + " slots (" +
                               number_text(g.slot_width * kSlotPitch_m / kMm) + " mm)");
  }
  g.tdp_W = required_positive(r, "tdp_W", "board power at the default limit, W");
  if (g.has_fans()) {
    read_gpu_fans(r, g);
  } else {
    for (std::string_view k : kGpuFanKeys)
      if (r.has(k))
        r.fail(k, "a passive card has no fan of its own (cooler = \"passive\"): leave out " +
                      join(std::vector<std::string>(kGpuFanKeys.begin(), kGpuFanKeys.end()), ", "));
  }

  g.throttle_K = temperature_K(r, "throttle_C", "GPU Boost temperature target, °C");
  g.slowdown_K = temperature_K(r, "slowdown_C", "hardware slowdown temperature, °C");
  if (!(g.slowdown_K >= g.throttle_K)) {
    r.fail("slowdown_C",
           "must be >= throttle_C (" + number_text(g.throttle_K - kCelsiusToKelvin) + " °C)");
  }

  GpuHeatsink& h = g.heatsink;
  h.flow = static_cast<CardAxis>(choice(r, "fin_flow", kCardAxes, "axis of the air between fins"));
  h.normal = static_cast<CardAxis>(choice(r, "fin_normal", kCardAxes, "axis the fins stack along"));
  if (h.flow == h.normal)
    r.fail("fin_normal",
           "must differ from fin_flow (fins are parallel to "
           "the flow)");
  if (g.cooler == CoolerStyle::passive && h.flow != CardAxis::length)
    r.fail("fin_flow",
           "a passive card's air runs along it, from its tail to its bracket: expected \"length\"");
  h.pitch_m = mm(r, "fin_pitch_mm", "fin centre-to-centre spacing");
  h.fin_thickness_m = mm(r, "fin_thickness_mm", "fin thickness");
  if (!(h.fin_thickness_m < h.pitch_m)) r.fail("fin_thickness_mm", "must be < fin_pitch_mm");
  h.stack_length_m = mm(r, "fin_stack_length_mm", "fin stack along the card length");
  h.stack_width_m = mm(r, "fin_stack_width_mm", "fin stack along the card height");
  h.fin_height_m = mm(r, "fin_height_mm", "fin stack along the card thickness");
  h.offset_m = required_non_negative(r, "fin_stack_offset_mm", "bracket to fin stack, mm") * kMm;
  if (h.offset_m + h.stack_length_m > g.length_m + kPlaneTolM) {
    r.fail("fin_stack_length_mm", "fin_stack_offset_mm + fin_stack_length_mm exceeds length_mm");
  }
  if (h.stack_width_m > g.height_m + kPlaneTolM) {
    r.fail("fin_stack_width_mm", "exceeds height_mm");
  }
  if (h.fin_height_m > g.thickness_m + kPlaneTolM) r.fail("fin_height_mm", "exceeds thickness_mm");

  g.thermal.R_ref_K_W = required_positive(r, "R_ref_K_W", "die-to-air resistance at Q_ref, K/W");
  g.thermal.Q_ref_m3_s =
      required_positive(r, "Q_ref_m3_s", "reference flow through the fins, m³/s");
  g.thermal.exponent = required_non_negative(r, "R_exponent", "exponent n of R ∝ Q^-n");

  if (r.has("power_connectors")) {
    for (const std::string& c : strings(r, "power_connectors", "the card's power inputs")) {
      const std::optional<PowerConnector> pc = power_connector_from_text(c);
      if (!pc) r.fail("power_connectors", "\"" + c + "\": expected " + power_connector_choices());
      g.power_connectors.push_back(*pc);
    }
  }
  if (r.has("power_connector_edge"))
    g.power_connector_edge = static_cast<PowerConnectorEdge>(
        choice(r, "power_connector_edge", {"top", "end"}, "where the power connectors sit"));
  if (r.has("bridge_slot_spacings")) {
    std::vector<int> spacings;
    for (double d : r.required_numbers("bridge_slot_spacings", "slot spacings of its bridges")) {
      if (d != std::floor(d) || d < 1 || d > 6)
        r.fail("bridge_slot_spacings",
               "slot spacings are whole numbers 1..6, got " + number_text(d));
      spacings.push_back(static_cast<int>(d));
    }
    g.bridge_slot_spacings = spacings;
  }
  if (r.has("power_spike_W")) {
    g.power_spike_W = required_positive(r, "power_spike_W", "highest 5-10 ms power spike, W");
    if (*g.power_spike_W < g.tdp_W)
      r.fail("power_spike_W", "must be >= tdp_W (" + number_text(g.tdp_W) + " W)");
  }
  return g;
}

CaseFanModel read_case_fan(const TomlTable& r, const std::string& id) {
  r.check_keys(with_common({"size_mm", "thickness_mm", "hub_diameter_mm", "rpm_max", "power_W",
                            "max_flow_m3_h", "max_flow_cfm", "max_pressure_mmH2O",
                            "curve_flow_m3_s", "curve_pressure_Pa"}));
  CaseFanModel f;
  f.info = read_info(r, "case_fan", id);
  f.size_m = mm(r, "size_mm", "frame size");
  f.thickness_m = mm(r, "thickness_mm", "frame depth");
  f.hub_diameter_m = mm(r, "hub_diameter_mm", "motor hub diameter");
  if (!(f.hub_diameter_m < f.size_m)) r.fail("hub_diameter_mm", "must be < size_mm");
  f.rpm_max = required_positive(r, "rpm_max", "full speed, rpm");
  f.power_W = required_positive(r, "power_W", "electrical input at full speed, W");
  f.curve = read_fan_curve(r, "curve_flow_m3_s", "curve_pressure_Pa");

  // The published end points and the curve must agree.
  double max_flow = 0;
  std::string flow_key;
  if (r.has("max_flow_m3_h") == r.has("max_flow_cfm")) {
    r.fail(r.has("max_flow_cfm") ? "max_flow_cfm" : "max_flow_m3_h",
           "give the published free-delivery airflow once: max_flow_m3_h or max_flow_cfm");
  }
  if (r.has("max_flow_m3_h")) {
    flow_key = "max_flow_m3_h";
    max_flow = required_positive(r, flow_key, "published airflow, m³/h") * kM3hToM3s;
  } else {
    flow_key = "max_flow_cfm";
    max_flow = required_positive(r, flow_key, "published airflow, CFM") * kCfmToM3s;
  }
  const double max_pressure =
      required_positive(r, "max_pressure_mmH2O", "published static pressure, mmH2O") * kMmH2OToPa;
  if (std::abs(f.curve.max_flow_m3_s() - max_flow) > 0.01 * max_flow) {
    r.fail("curve_flow_m3_s", "ends at " + number_text(f.curve.max_flow_m3_s()) + " m³/s but " +
                                  flow_key + " is " + number_text(max_flow) +
                                  " m³/s (they must agree within 1 %)");
  }
  if (std::abs(f.curve.max_pressure_Pa() - max_pressure) > 0.01 * max_pressure) {
    r.fail("curve_pressure_Pa", "starts at " + number_text(f.curve.max_pressure_Pa()) +
                                    " Pa but max_pressure_mmH2O is " + number_text(max_pressure) +
                                    " Pa (they must agree within 1 %)");
  }
  return f;
}

CpuCoolerModel read_cpu_cooler(const TomlTable& r, const std::string& id) {
  const std::vector<std::string_view> tower_keys = {
      "towers", "tower_depth_mm", "fin_stack_height_mm", "fin_stack_base_mm", "ram_clearance_mm"};
  const std::vector<std::string_view> aio_keys = {"radiator_size_mm",  "radiator_length_mm",
                                                  "radiator_width_mm", "radiator_thickness_mm",
                                                  "pump_power_W",      "tube_length_mm"};
  std::vector<std::string_view> allowed =
      with_common({"kind", "height_mm", "width_mm", "depth_mm", "fan_model", "fan_count",
                   "fin_pitch_mm", "fin_thickness_mm", "R_ref_K_W", "Q_ref_m3_s", "R_exponent"});
  allowed.insert(allowed.end(), tower_keys.begin(), tower_keys.end());
  allowed.insert(allowed.end(), aio_keys.begin(), aio_keys.end());
  r.check_keys(allowed);

  CpuCoolerModel c;
  c.info = read_info(r, "cpu_cooler", id);
  c.kind = static_cast<CpuCoolerKind>(choice(r, "kind", {"tower", "aio"}, "cooler kind"));
  const std::vector<std::string_view>& other =
      c.kind == CpuCoolerKind::tower ? aio_keys : tower_keys;
  for (std::string_view key : other) {
    if (r.has(key)) {
      r.fail(key, std::string("only for kind = \"") +
                      (c.kind == CpuCoolerKind::tower ? "aio" : "tower") + "\"");
    }
  }
  c.height_m = mm(r, "height_mm", "height above the CPU");
  c.width_m = mm(r, "width_mm", "width across the airflow");
  c.depth_m = mm(r, "depth_mm", "depth along the airflow");
  c.fan_model = non_empty_string(r, "fan_model", "id of the fans in case_fans.toml");
  c.fan_count = positive_integer(r, "fan_count", "number of fans");
  c.fins.pitch_m = mm(r, "fin_pitch_mm", "fin spacing");
  c.fins.fin_thickness_m = mm(r, "fin_thickness_mm", "fin thickness");
  if (!(c.fins.fin_thickness_m < c.fins.pitch_m))
    r.fail("fin_thickness_mm", "must be < fin_pitch_mm");
  c.thermal.R_ref_K_W =
      required_positive(r, "R_ref_K_W", "spreader-to-air resistance at Q_ref, K/W");
  c.thermal.Q_ref_m3_s =
      required_positive(r, "Q_ref_m3_s", "reference flow through the fins, m³/s");
  c.thermal.exponent = required_non_negative(r, "R_exponent", "exponent n of R ∝ Q^-n");
  if (c.kind == CpuCoolerKind::tower) {
    c.towers = positive_integer(r, "towers", "fin stacks along the airflow");
    c.tower_depth_m = mm(r, "tower_depth_mm", "depth of one fin stack");
    c.fin_stack_height_m = mm(r, "fin_stack_height_mm", "fin stack extent along the height");
    c.fin_stack_base_m =
        required_non_negative(r, "fin_stack_base_mm", "fin stack bottom above the CPU") * kMm;
    if (c.towers * c.tower_depth_m > c.depth_m + kPlaneTolM) {
      r.fail("tower_depth_mm", "towers x tower_depth_mm exceeds depth_mm");
    }
    if (c.fin_stack_base_m + c.fin_stack_height_m > c.height_m + kPlaneTolM) {
      r.fail("fin_stack_height_mm", "fin_stack_base_mm + fin_stack_height_mm exceeds height_mm");
    }
    if (r.has("ram_clearance_mm"))
      c.ram_clearance_m = mm(r, "ram_clearance_mm", "tallest module under the cooler");
  } else {
    c.radiator_size_mm = positive_integer(r, "radiator_size_mm", "nominal radiator size, mm");
    c.radiator_length_m = mm(r, "radiator_length_mm", "radiator length");
    c.radiator_width_m = mm(r, "radiator_width_mm", "radiator width");
    c.radiator_thickness_m = mm(r, "radiator_thickness_mm", "radiator thickness");
    c.pump_power_W = required_non_negative(r, "pump_power_W", "pump power, W");
    c.tube_length_m = mm(r, "tube_length_mm", "hose length");
    if (c.radiator_length_m * 1e3 < c.radiator_size_mm) {
      r.fail("radiator_length_mm", "is shorter than radiator_size_mm");
    }
  }
  return c;
}

CpuModel read_cpu(const TomlTable& r, const std::string& id) {
  r.check_keys(
      with_common({"socket", "cores", "tdp_W", "max_power_W", "tjmax_C", "package_length_mm",
                   "package_width_mm", "R_jc_K_W", "pcie_lanes", "pcie_lanes_for_slots"}));
  CpuModel c;
  c.info = read_info(r, "cpu", id);
  c.socket = non_empty_string(r, "socket", "socket name");
  c.cores = positive_integer(r, "cores", "core count");
  c.tdp_W = required_positive(r, "tdp_W", "rated TDP, W");
  c.max_power_W = required_positive(r, "max_power_W", "sustained power at default limits, W");
  if (c.max_power_W < c.tdp_W) r.fail("max_power_W", "must be >= tdp_W");
  c.tjmax_K = temperature_K(r, "tjmax_C", "throttle temperature, °C");
  c.package_length_m = mm(r, "package_length_mm", "package length");
  c.package_width_m = mm(r, "package_width_mm", "package width");
  c.R_jc_K_W = required_positive(r, "R_jc_K_W", "junction-to-spreader resistance, K/W");
  if (r.has("pcie_lanes")) c.pcie_lanes = positive_integer(r, "pcie_lanes", "the CPU's PCIe lanes");
  if (r.has("pcie_lanes_for_slots"))
    c.pcie_lanes_for_slots = positive_integer(r, "pcie_lanes_for_slots", "CPU lanes for the slots");
  return c;
}

PsuModel read_psu(const TomlTable& r, const std::string& id) {
  r.check_keys(with_common({"rated_W", "certification", "efficiency_load_fraction", "efficiency",
                            "width_mm", "height_mm", "length_mm", "fan_size_mm",
                            "fan_curve_flow_m3_s", "fan_curve_pressure_Pa", "pcie_8pin_cables",
                            "pcie_16pin_cables", "eps_8pin_cables", "atx_version"}));
  PsuModel p;
  p.info = read_info(r, "psu", id);
  p.rated_W = required_positive(r, "rated_W", "continuous DC rating, W");
  p.certification = non_empty_string(r, "certification", "80 PLUS level");
  const std::vector<double> load = numbers(r, "efficiency_load_fraction", "load / rating points");
  const std::vector<double> eta = numbers(r, "efficiency", "efficiency at each load point");
  check_same_length(r, "efficiency_load_fraction", load.size(), "efficiency", eta.size());
  for (std::size_t i = 0; i < load.size(); ++i) {
    if (!(load[i] > 0.0 && load[i] <= 1.0) || (i > 0 && !(load[i] > load[i - 1]))) {
      r.fail("efficiency_load_fraction", "must increase strictly within (0, 1]; entry " +
                                             std::to_string(i + 1) + " is " + number_text(load[i]));
    }
    if (!(eta[i] > 0.0 && eta[i] < 1.0)) {
      r.fail("efficiency", "efficiencies are in (0, 1); entry " + std::to_string(i + 1) + " is " +
                               number_text(eta[i]));
    }
  }
  p.efficiency = EfficiencyCurve(load, eta);
  p.width_m = mm(r, "width_mm", "PSU width");
  p.height_m = mm(r, "height_mm", "PSU height");
  p.length_m = mm(r, "length_mm", "PSU length");
  p.fan_size_m = mm(r, "fan_size_mm", "PSU fan size");
  p.fan = read_fan_curve(r, "fan_curve_flow_m3_s", "fan_curve_pressure_Pa");
  auto count = [&](std::string_view key, const char* meaning) {
    const double n = required_non_negative(r, key, meaning);
    if (n != std::floor(n)) r.fail(key, "a whole number of cables, got " + number_text(n));
    return static_cast<int>(n);
  };
  const bool any_cable =
      r.has("pcie_8pin_cables") || r.has("pcie_16pin_cables") || r.has("eps_8pin_cables");
  if (any_cable) {  // all three or none
    PsuModel::Cables c;
    c.pcie_8pin = count("pcie_8pin_cables", "PCIe 6+2-pin cables");
    c.pcie_16pin = count("pcie_16pin_cables", "12VHPWR / 12V-2x6 cables");
    c.eps_8pin = count("eps_8pin_cables", "EPS12V 4+4-pin cables");
    p.cables = c;
  }
  if (r.has("atx_version"))
    p.atx_version =
        choice(r, "atx_version", {"2", "3"}, "ATX version: \"3\" for ATX 3.x") == 0 ? 2 : 3;
  return p;
}

DriveModel read_drive(const TomlTable& r, const std::string& id) {
  r.check_keys(with_common(
      {"form_factor", "length_mm", "width_mm", "height_mm", "active_W", "idle_W", "max_C"}));
  DriveModel d;
  d.info = read_info(r, "drive", id);
  const std::vector<std::string> forms = {"m.2-2280", "2.5in", "3.5in"};
  d.form_factor = forms[choice(r, "form_factor", forms, "drive form factor")];
  d.length_m = mm(r, "length_mm", "drive length");
  d.width_m = mm(r, "width_mm", "drive width");
  d.height_m = mm(r, "height_mm", "drive height");
  d.active_W = required_positive(r, "active_W", "power under load, W");
  d.idle_W = required_non_negative(r, "idle_W", "idle power, W");
  if (d.idle_W > d.active_W) r.fail("idle_W", "must be <= active_W");
  d.max_K = temperature_K(r, "max_C", "highest operating temperature, °C");
  return d;
}

DimmModel read_dimm(const TomlTable& r, const std::string& id) {
  r.check_keys(with_common(
      {"generation", "kind", "length_mm", "height_mm", "thickness_mm", "power_W", "max_C"}));
  DimmModel m;
  m.info = read_info(r, "dimm", id);
  const std::vector<std::string> generations = {"DDR4", "DDR5"};
  const std::vector<std::string> kinds = {"UDIMM", "RDIMM"};
  m.generation = generations[choice(r, "generation", generations, "memory generation")];
  m.kind = kinds[choice(r, "kind", kinds, "module kind")];
  m.length_m = mm(r, "length_mm", "module length");
  m.height_m = mm(r, "height_mm", "module height");
  m.thickness_m = mm(r, "thickness_mm", "module thickness");
  m.power_W = required_positive(r, "power_W", "power per module, W");
  m.max_K = temperature_K(r, "max_C", "highest case temperature, °C");
  return m;
}

CaseModel read_case(const TomlTable& r, const std::string& id) {
  r.check_keys(with_common({"interior_mm",
                            "form_factors",
                            "board_io_corner_mm",
                            "board_up",
                            "board_rear",
                            "max_gpu_length_mm",
                            "max_cpu_cooler_height_mm",
                            "max_psu_length_mm",
                            "psu_corner_mm",
                            "psu_intake",
                            "psu_shroud",
                            "expansion_slots",
                            "expansion_min_mm",
                            "expansion_max_mm",
                            "expansion_blank_free_area",
                            "stock_fans",
                            "vent",
                            "fan_mount",
                            "radiator",
                            "obstruction"}));
  CaseModel c;
  c.info = read_info(r, "case", id);
  {
    const std::vector<double> v = numbers(r, "interior_mm", "[x, y, z] size of the chamber, mm");
    if (v.size() != 3) r.fail("interior_mm", "expected [x, y, z] in mm (3 numbers)");
    for (int a = 0; a < 3; ++a) {
      if (!(v[a] > 0.0)) r.fail("interior_mm", "every size must be > 0");
      c.interior_m[a] = v[a] * kMm;
    }
  }
  const Vec3& box = c.interior_m;
  c.form_factors = strings(r, "form_factors", "boards that fit");

  c.board_io_corner_m = point_mm(r, "board_io_corner_mm", "board's top-rear corner, mm");
  check_inside(r, "board_io_corner_mm", c.board_io_corner_m, box);
  c.board_up = direction(r, "board_up", "direction to the board's top edge");
  c.board_rear = direction(r, "board_rear", "direction the I/O edge faces");
  if (dot(c.board_up, c.board_rear) != 0.0) {
    r.fail("board_rear", "must be perpendicular to board_up");
  }
  c.board_normal = cross(c.board_up, c.board_rear);

  c.max_gpu_length_m = mm(r, "max_gpu_length_mm", "longest card that fits");
  c.max_cpu_cooler_height_m = mm(r, "max_cpu_cooler_height_mm", "tallest CPU cooler");
  c.max_psu_length_m = mm(r, "max_psu_length_mm", "longest PSU");

  c.psu_corner_m = point_mm(r, "psu_corner_mm", "[x_min, y_min, z_rear] of the PSU bay, mm");
  check_inside(r, "psu_corner_mm", c.psu_corner_m, box);
  if (c.psu_corner_m[0] + kAtxPsuWidthM > box[0] + kPlaneTolM ||
      c.psu_corner_m[1] + kAtxPsuHeightM > box[1] + kPlaneTolM ||
      c.psu_corner_m[2] - c.max_psu_length_m < -kPlaneTolM) {
    r.fail("psu_corner_mm",
           "a 150 x 86 mm ATX PSU of max_psu_length_mm does not fit inside "
           "the interior from there");
  }
  c.psu_intake = direction(r, "psu_intake", "direction the PSU fan draws from");
  if (const std::optional<TomlTable> s = r.table_at("psu_shroud")) {
    s->check_keys({"min_mm", "max_mm"});
    c.psu_shroud = read_box(*s, "psu_shroud", box);
  }

  c.expansion_slots = positive_integer(r, "expansion_slots", "number of expansion slots");
  {
    const int flat = read_flat_rectangle(r, "expansion_min_mm", "expansion_max_mm", box,
                                         c.expansion_min_m, c.expansion_max_m);
    c.expansion_face = face_at(flat, c.expansion_min_m[flat], box);
  }
  c.expansion_blank_free_area =
      fraction(r, "expansion_blank_free_area", "open share of an empty slot cover", true);

  for (auto& [name, v] : r.named_tables("vent")) {
    v.check_keys({"min_mm", "max_mm", "free_area", "filter_free_area", "open"});
    CaseVent vent;
    vent.name = name;
    const int flat = read_flat_rectangle(v, "min_mm", "max_mm", box, vent.min_m, vent.max_m);
    vent.face = face_at(flat, vent.min_m[flat], box);
    vent.free_area = fraction(v, "free_area", "open share of the panel");
    if (v.has("filter_free_area")) {
      vent.filter_free_area = fraction(v, "filter_free_area", "open share of the dust filter");
    }
    vent.open = v.boolean("open").value_or(true);
    c.vents.push_back(vent);
  }

  for (auto& [name, m] : r.named_tables("fan_mount")) {
    m.check_keys({"centre_mm", "size_mm", "fits_mm", "normal"});
    CaseFanMount mount;
    mount.name = name;
    mount.centre_m = point_mm(m, "centre_mm", "fan centre [x, y, z], mm");
    check_inside(m, "centre_mm", mount.centre_m, box);
    int on_faces = 0;
    for (int a = 0; a < 3; ++a) {
      if (auto f = face_at(a, mount.centre_m[a], box)) {
        mount.face = f;
        ++on_faces;
      }
    }
    if (on_faces > 1) m.fail("centre_mm", "lies on an edge of the interior, not on one face");
    if (mount.face) {
      if (m.has("normal")) {
        m.fail("normal", std::string("only for mounts inside the case; this one is on the ") +
                             case_face_name(*mount.face) + " face and faces out of it");
      }
      mount.normal = outward_normal(*mount.face);
      bool behind_vent = false;
      for (const CaseVent& vent : c.vents) {
        if (vent.face != mount.face) continue;
        bool inside = true;
        for (int a = 0; a < 3; ++a) {
          inside = inside && mount.centre_m[a] >= vent.min_m[a] - kPlaneTolM &&
                   mount.centre_m[a] <= vent.max_m[a] + kPlaneTolM;
        }
        behind_vent = behind_vent || inside;
      }
      if (!behind_vent) {
        m.fail("centre_mm", std::string("no vent on the ") + case_face_name(*mount.face) +
                                " face covers this fan mount (a fan needs an opening)");
      }
    } else {
      if (!m.has("normal")) {
        m.fail("centre_mm",
               "is not on a face of the interior; give normal = \"+x\" ... for a "
               "mount inside the case");
      }
      mount.normal = direction(m, "normal", "outward direction of the mount");
    }
    mount.size_m = mm(m, "size_mm", "largest fan size");
    if (m.has("fits_mm")) {
      for (double s : numbers(m, "fits_mm", "fan sizes accepted, mm")) {
        if (!(s > 0.0) || s * kMm > mount.size_m + kPlaneTolM) {
          m.fail("fits_mm", "sizes must be > 0 and <= size_mm, got " + number_text(s));
        }
        mount.fits_m.push_back(s * kMm);
      }
    } else {
      mount.fits_m.push_back(mount.size_m);
    }
    c.fan_mounts.push_back(mount);
  }

  for (auto& [name, rad] : r.named_tables("radiator")) {
    rad.check_keys({"mounts", "max_size_mm"});
    CaseRadiatorMount mount;
    mount.name = name;
    mount.mounts = strings(rad, "mounts", "fan mounts the radiator covers");
    for (const std::string& m : mount.mounts) {
      if (!c.fan_mount(m)) rad.fail("mounts", "names no fan mount of this case: '" + m + "'");
    }
    mount.max_size_mm = positive_integer(rad, "max_size_mm", "largest radiator, mm");
    c.radiators.push_back(mount);
  }

  for (auto& [name, o] : r.named_tables("obstruction")) {
    o.check_keys({"min_mm", "max_mm", "removable"});
    CaseBox b = read_box(o, name, box);
    b.removable = o.boolean("removable").value_or(false);
    c.obstructions.push_back(b);
  }

  // stock_fans = { MOUNT = { flow = "intake", fan = "ID" }, ... }; the old
  // form MOUNT = "intake" (no model: a stand-in of the mount's size) is
  // still read. The fan ids are checked against the library once it is
  // loaded (check_case_stock_fans).
  if (const std::optional<TomlTable> s = r.table_at("stock_fans")) {
    std::vector<std::pair<int, CaseStockFan>> fans;
    for (auto&& [k, v] : s->table()) {
      const std::string mount(k.str());
      if (!c.fan_mount(mount)) s->fail_at(v, mount, "names no fan mount of this case");
      CaseStockFan f;
      f.mount = mount;
      f.line = line_of(v);
      std::string flow;
      if (const auto* dir = v.as_string()) {
        flow = dir->get();
      } else if (const toml::table* t = v.as_table()) {
        const TomlTable e(*t, s->key_path(mount), s->file());
        e.check_keys({"flow", "fan"});
        flow = e.required_string("flow", "\"intake\" or \"exhaust\"");
        f.fan = e.required_string("fan", "the stock fan's id in case_fans.toml");
        if (f.fan.empty()) e.fail("fan", "must name a case fan of the parts library");
        if (flow != "intake" && flow != "exhaust") {
          e.fail("flow", "expected \"intake\" or \"exhaust\", got \"" + flow + "\"");
        }
      } else {
        s->fail_at(v, mount,
                   "expected { flow = \"intake\" | \"exhaust\", fan = \"<case_fan id>\" } (or "
                   "just \"intake\" | \"exhaust\" for a stand-in of the mount's size)");
      }
      if (flow != "intake" && flow != "exhaust") {
        s->fail_at(v, mount, "expected \"intake\" or \"exhaust\", got \"" + flow + "\"");
      }
      f.intake = flow == "intake";
      fans.push_back({f.line, f});
    }
    std::stable_sort(fans.begin(), fans.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& f : fans) c.stock_fans.push_back(f.second);
  }
  return c;
}

// ---- fields for `rigtherm parts show` ------------------------------------------

std::string unit_of(std::string_view key) {
  auto ends = [&key](std::string_view suffix) {
    return key.size() >= suffix.size() && key.substr(key.size() - suffix.size()) == suffix;
  };
  if (ends("_m3_s")) return "m³/s";
  if (ends("_m3_h")) return "m³/h";
  if (ends("_mmH2O")) return "mmH₂O";
  if (ends("_K_W")) return "K/W";
  if (ends("_mm")) return "mm";
  if (ends("_pct")) return "%";
  if (ends("_Pa")) return "Pa";
  if (ends("_cfm")) return "CFM";
  if (ends("_W")) return "W";
  if (ends("_C")) return "°C";
  if (key.find("rpm") != std::string_view::npos) return "rpm";
  if (key == "slot_width") return "slots";
  return "";
}

std::vector<PartField> collect_fields(const toml::table& table, const PartInfo& info) {
  std::vector<PartField> out;
  auto add = [&](const std::string& key, const toml::node& v) {
    PartField f;
    f.key = key;
    f.value = value_text(v);
    f.unit = unit_of(key);
    f.line = line_of(v);
    f.estimated = info.is_estimated(key);
    for (const std::string& e : info.estimated) {
      if (e.size() > key.size() && e.compare(0, key.size(), key) == 0 && e[key.size()] == '.') {
        f.partly_estimated = true;
      }
    }
    out.push_back(std::move(f));
  };
  for (auto&& [k, v] : table) {
    const std::string key(k.str());
    if (std::find(kCommonKeys.begin(), kCommonKeys.end(), key) != kCommonKeys.end()) continue;
    const toml::table* sub = v.as_table();
    if (sub && !sub->is_inline()) {
      // [case.<id>.vent] and the like: one field per entry.
      for (auto&& [k2, v2] : *sub) add(key + "." + std::string(k2.str()), v2);
    } else {
      add(key, v);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const PartField& a, const PartField& b) { return a.line < b.line; });
  return out;
}

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  for (char ch : id) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) return false;
  }
  return true;
}

template <class Map>
const typename Map::mapped_type& lookup(const Map& map, std::string_view family,
                                        std::string_view id) {
  const auto it = map.find(id);
  if (it != map.end()) return it->second;
  std::vector<std::string> ids;
  for (const auto& [k, v] : map) ids.push_back(k);
  throw UnknownPartError(std::string(family), std::string(id), close_matches(id, ids), ids);
}

}  // namespace

// ---- small public types ------------------------------------------------------

UnknownPartError::UnknownPartError(std::string family_name, std::string part_id,
                                   std::vector<std::string> close, std::vector<std::string> all)
    : std::runtime_error(unknown_part_message(family_name, part_id, close, all)),
      family(std::move(family_name)),
      id(std::move(part_id)),
      close_matches(std::move(close)),
      available(std::move(all)) {}

bool PartInfo::is_estimated(std::string_view key) const {
  for (const std::string& e : estimated) {
    if (key == e) return true;
    if (key.size() > e.size() && key.compare(0, e.size(), e) == 0 && key[e.size()] == '.') {
      return true;
    }
  }
  return false;
}

FanCurve::FanCurve(std::vector<double> flow_m3_s, std::vector<double> pressure_Pa)
    : flow_(std::move(flow_m3_s)), pressure_(std::move(pressure_Pa)) {
  if (flow_.size() != pressure_.size() || flow_.size() < 2) {
    throw std::invalid_argument("a fan curve needs at least 2 (flow, pressure) points");
  }
  if (flow_.front() != 0.0 || pressure_.back() != 0.0) {
    throw std::invalid_argument("a fan curve starts at zero flow and ends at zero pressure");
  }
  for (std::size_t i = 1; i < flow_.size(); ++i) {
    if (!(flow_[i] > flow_[i - 1]) || !(pressure_[i] < pressure_[i - 1])) {
      throw std::invalid_argument(
          "a fan curve's flow must increase and its pressure decrease strictly");
    }
  }
}

double FanCurve::max_flow_m3_s() const { return flow_.empty() ? 0.0 : flow_.back(); }
double FanCurve::max_pressure_Pa() const { return pressure_.empty() ? 0.0 : pressure_.front(); }

double FanCurve::pressure_at(double q) const {
  if (flow_.empty()) return 0.0;
  if (q <= 0.0) return pressure_.front();
  std::size_t i = 1;
  while (i + 1 < flow_.size() && q > flow_[i]) ++i;
  const double t = (q - flow_[i - 1]) / (flow_[i] - flow_[i - 1]);
  return pressure_[i - 1] + t * (pressure_[i] - pressure_[i - 1]);
}

double FanCurve::flow_at(double p) const {
  if (flow_.empty()) return 0.0;
  if (p >= pressure_.front()) return 0.0;
  if (p <= 0.0) return flow_.back();
  std::size_t i = 1;
  while (i + 1 < pressure_.size() && p < pressure_[i]) ++i;
  const double t = (p - pressure_[i - 1]) / (pressure_[i] - pressure_[i - 1]);
  return flow_[i - 1] + t * (flow_[i] - flow_[i - 1]);
}

FanCurve FanCurve::at_speed(double fraction) const {
  if (!(fraction > 0.0 && fraction <= 1.0)) {
    throw std::invalid_argument("fan speed fraction must be in (0, 1], got " +
                                number_text(fraction));
  }
  std::vector<double> q = flow_;
  std::vector<double> p = pressure_;
  for (double& v : q) v = fan_law_flow(v, fraction);
  for (double& v : p) v = fan_law_pressure(v, fraction);
  return FanCurve(std::move(q), std::move(p));
}

FanControlCurve::FanControlCurve(std::vector<double> T_K, std::vector<double> fraction)
    : T_(std::move(T_K)), fraction_(std::move(fraction)) {
  if (T_.empty() || T_.size() != fraction_.size()) {
    throw std::invalid_argument("a fan-control curve needs matching, non-empty point lists");
  }
  for (std::size_t i = 0; i < T_.size(); ++i) {
    if ((i > 0 && !(T_[i] > T_[i - 1])) || fraction_[i] < 0.0 || fraction_[i] > 1.0 ||
        (i > 0 && fraction_[i] < fraction_[i - 1])) {
      throw std::invalid_argument(
          "a fan-control curve needs increasing temperatures and non-decreasing fractions in "
          "[0, 1]");
    }
  }
}

double FanControlCurve::fraction_at(double T_K) const {
  return interpolate_held(T_, fraction_, T_K);
}

EfficiencyCurve::EfficiencyCurve(std::vector<double> load_fraction, std::vector<double> efficiency)
    : load_(std::move(load_fraction)), eta_(std::move(efficiency)) {
  if (load_.empty() || load_.size() != eta_.size()) {
    throw std::invalid_argument("an efficiency curve needs matching, non-empty point lists");
  }
  for (std::size_t i = 0; i < load_.size(); ++i) {
    if (!(load_[i] > 0.0 && load_[i] <= 1.0) || (i > 0 && !(load_[i] > load_[i - 1])) ||
        !(eta_[i] > 0.0 && eta_[i] < 1.0)) {
      throw std::invalid_argument(
          "an efficiency curve needs increasing load fractions in (0, 1] and efficiencies in "
          "(0, 1)");
    }
  }
}

double EfficiencyCurve::at(double load_fraction) const {
  return interpolate_held(load_, eta_, load_fraction);
}

double CompactThermal::resistance_K_W(double flow_m3_s) const {
  return die_resistance_K_W(R_ref_K_W, Q_ref_m3_s, exponent, flow_m3_s);
}

double PsuModel::efficiency_at(double dc_load_W) const {
  if (!(dc_load_W >= 0.0 && dc_load_W <= rated_W * (1.0 + 1e-12))) {
    throw std::invalid_argument(info.id + ": DC load " + number_text(dc_load_W) +
                                " W is outside 0.." + number_text(rated_W) + " W (its rating)");
  }
  return efficiency.at(dc_load_W / rated_W);
}

double PsuModel::ac_input_W(double dc_load_W) const { return dc_load_W / efficiency_at(dc_load_W); }

double PsuModel::heat_W(double dc_load_W) const { return ac_input_W(dc_load_W) - dc_load_W; }

const char* case_face_name(Face face) {
  switch (face) {
    case Face::xmin:
      return "right";
    case Face::xmax:
      return "left";
    case Face::ymin:
      return "bottom";
    case Face::ymax:
      return "top";
    case Face::zmin:
      return "front";
    case Face::zmax:
      return "rear";
  }
  return "?";
}

double CaseVent::area_m2() const {
  double area = 1.0;
  for (int a = 0; a < 3; ++a) {
    const double d = max_m[a] - min_m[a];
    if (d > kPlaneTolM) area *= d;
  }
  return area;
}

const CaseFanMount* CaseModel::fan_mount(std::string_view name) const {
  for (const CaseFanMount& m : fan_mounts) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

const CaseVent* CaseModel::vent(std::string_view name) const {
  for (const CaseVent& v : vents) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

bool CaseModel::supports_form_factor(std::string_view form_factor) const {
  for (const std::string& f : form_factors) {
    if (lowercase(f) == lowercase(form_factor)) return true;
  }
  return false;
}

// ---- loading -----------------------------------------------------------------

const std::vector<PartsLibrary::Family>& PartsLibrary::families() {
  static const std::vector<Family> list = {
      {"gpu", "gpus.toml", "GPUs"},
      {"case_fan", "case_fans.toml", "Case fans"},
      {"cpu_cooler", "cpu_coolers.toml", "CPU coolers"},
      {"cpu", "cpus.toml", "CPUs"},
      {"psu", "psus.toml", "Power supplies"},
      {"drive", "drives.toml", "Drives"},
      {"dimm", "memory.toml", "Memory modules"},
      {"case", "cases.toml", "Cases"},
      {"motherboard", "motherboards.toml", "Motherboards"},
  };
  return list;
}

std::string PartsLibrary::default_dir() {
  const char* env = std::getenv("RIGTHERM_PARTS");
  if (env && *env) return env;
  return RT_PARTS_DIR;
}

struct PartsLoader {
  template <class T, class ReadFn>
  static void read_family(PartsLibrary& lib, PartsLibrary::Map<T>& map, const toml::table& root,
                          const PartsLibrary::Family& family, const std::string& file,
                          ReadFn read) {
    // Only the family's own table may appear at the top level.
    for (auto&& [k, v] : root) {
      if (k.str() != family.name) {
        throw ScenarioError(
            file, line_of(v), std::string(k.str()),
            std::string("unknown table; this file holds [") + family.name + ".<id>] tables only");
      }
    }
    const toml::node* parts = root.get(family.name);
    if (!parts) {
      throw ScenarioError(file, 0, family.name,
                          std::string("no parts: expected tables [") + family.name + ".<id>]");
    }
    const toml::table* table = parts->as_table();
    if (!table) {
      throw ScenarioError(
          file, line_of(*parts), family.name,
          "expected tables [" + std::string(family.name) + ".<id>], got " + type_phrase(*parts));
    }
    read_parts(lib, map, *table, family, file, read);
  }

  // The [family.<id>] tables of one file into the family's map. An id the
  // map already has (from the library or another folder) is refused: a
  // part file must not silently replace a library part.
  template <class T, class ReadFn>
  static void read_parts(PartsLibrary& lib, PartsLibrary::Map<T>& map, const toml::table& table,
                         const PartsLibrary::Family& family, const std::string& file, ReadFn read) {
    for (auto&& [k, v] : table) {
      const std::string id(k.str());
      const std::string path = std::string(family.name) + "." + id;
      if (const auto it = map.find(id); it != map.end()) {
        throw ScenarioError(file, line_of(v), path,
                            "id already used by " + path + " (" + it->second.info.file + ":" +
                                std::to_string(it->second.info.line) +
                                "); give the part another id");
      }
      const toml::table* part = v.as_table();
      if (!part) {
        throw ScenarioError(file, line_of(v), path,
                            "expected a part table [" + path + "], got " + type_phrase(v));
      }
      if (!valid_id(id)) {
        throw ScenarioError(file, line_of(v), path,
                            "ids are lowercase letters, digits and '-' (e.g. rtx-3090-fe)");
      }
      const TomlTable r(*part, path, file);
      T item = read(r, id);
      lib.fields_[path] = collect_fields(*part, item.info);
      map.emplace(id, std::move(item));
    }
  }

  static toml::table parse_file(const std::string& path) {
    return parse_toml(input_file_text(path, "parts data file"), path);
  }

  // Every *.toml file of an extra folder, in name order; each may hold
  // tables of any family.
  static void add_folder(PartsLibrary& lib, const std::string& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      throw ScenarioError(dir, 0, "", "extra parts folder not found");
    }
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      if (e.path().extension() == ".toml") paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    const auto& fam = PartsLibrary::families();
    for (const auto& p : paths) {
      const std::string file = p.string();
      const toml::table root = parse_file(file);
      for (auto&& [k, v] : root) {
        const std::string name(k.str());
        const auto it =
            std::find_if(fam.begin(), fam.end(), [&](const auto& f) { return name == f.name; });
        const toml::table* table = v.as_table();
        if (it == fam.end() || !table) {
          std::vector<std::string> names;
          for (const auto& f : fam) names.push_back(std::string("[") + f.name + ".<id>]");
          throw ScenarioError(
              file, line_of(v), name,
              "unknown table; a parts folder's files hold " + join(names, ", ") + " tables");
        }
        if (name == "gpu") read_parts(lib, lib.gpus_, *table, *it, file, read_gpu);
        if (name == "case_fan") read_parts(lib, lib.case_fans_, *table, *it, file, read_case_fan);
        if (name == "cpu_cooler")
          read_parts(lib, lib.cpu_coolers_, *table, *it, file, read_cpu_cooler);
        if (name == "cpu") read_parts(lib, lib.cpus_, *table, *it, file, read_cpu);
        if (name == "psu") read_parts(lib, lib.psus_, *table, *it, file, read_psu);
        if (name == "drive") read_parts(lib, lib.drives_, *table, *it, file, read_drive);
        if (name == "dimm") read_parts(lib, lib.dimms_, *table, *it, file, read_dimm);
        if (name == "case") read_parts(lib, lib.cases_, *table, *it, file, read_case);
        if (name == "motherboard")
          read_parts(lib, lib.motherboards_, *table, *it, file, read_motherboard);
      }
    }
    lib.extra_dirs_.push_back(dir);
  }

  static PartsLibrary load(const std::string& dir, const std::vector<std::string>& extra_dirs) {
    PartsLibrary lib;
    lib.dir_ = dir;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      throw ScenarioError(dir, 0, "",
                          "parts library directory not found (set RIGTHERM_PARTS to the folder "
                          "holding gpus.toml, case_fans.toml, ...)");
    }
    const auto& fam = PartsLibrary::families();
    std::map<std::string, toml::table> roots;
    std::map<std::string, std::string> files;
    for (const auto& f : fam) {
      files[f.name] = (std::filesystem::path(dir) / f.file).string();
      roots[f.name] = parse_file(files[f.name]);
    }
    auto go = [&](auto& map, const char* name, auto read) {
      const auto it = std::find_if(fam.begin(), fam.end(),
                                   [name](const auto& f) { return std::string(f.name) == name; });
      read_family(lib, map, roots[name], *it, files[name], read);
    };
    go(lib.case_fans_, "case_fan", read_case_fan);
    go(lib.gpus_, "gpu", read_gpu);
    go(lib.cpu_coolers_, "cpu_cooler", read_cpu_cooler);
    go(lib.cpus_, "cpu", read_cpu);
    go(lib.psus_, "psu", read_psu);
    go(lib.drives_, "drive", read_drive);
    go(lib.dimms_, "dimm", read_dimm);
    go(lib.cases_, "case", read_case);
    go(lib.motherboards_, "motherboard", read_motherboard);
    for (const std::string& extra : extra_dirs) add_folder(lib, extra);

    // Coolers name their fans by id.
    for (const auto& [id, c] : lib.cpu_coolers_) {
      if (lib.case_fans_.find(c.fan_model) == lib.case_fans_.end()) {
        const toml::node* n = c.info.file == files["cpu_cooler"]
                                  ? roots["cpu_cooler"]["cpu_cooler"][id]["fan_model"].node()
                                  : nullptr;
        std::vector<std::string> ids = lib.ids("case_fan");
        throw ScenarioError(
            c.info.file, n ? line_of(*n) : c.info.line, "cpu_cooler." + id + ".fan_model",
            unknown_part_message("case_fan", c.fan_model, close_matches(c.fan_model, ids), ids));
      }
    }
    // Cases name their stock fans by id.
    for (const auto& [id, c] : lib.cases_) check_case_stock_fans(c, lib, "case." + id);
    // Ids are unique across families, so `rigtherm parts show ID` is unambiguous.
    std::map<std::string, const PartInfo*> seen;
    for (const auto& f : fam) {
      for (const std::string& id : lib.ids(f.name)) {
        const PartInfo& info = lib.info(f.name, id);
        const auto [it, fresh] = seen.emplace(id, &info);
        if (!fresh) {
          throw ScenarioError(info.file, info.line, info.family + "." + id,
                              "id already used by " + it->second->family + "." + id + " (" +
                                  it->second->file + ":" + std::to_string(it->second->line) +
                                  "); ids must be unique across the library");
        }
      }
    }
    return lib;
  }
};

PartsLibrary PartsLibrary::load(const std::string& dir,
                                const std::vector<std::string>& extra_dirs) {
  return PartsLoader::load(dir, extra_dirs);
}

std::vector<std::string> PartsLibrary::default_extra_dirs() {
  std::vector<std::string> dirs;
  const char* env = std::getenv("RIGTHERM_PARTS_EXTRA");
  if (!env) return dirs;
  std::string list(env);
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t end = std::min(list.find(':', start), list.size());
    if (end > start) dirs.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return dirs;
}

const GpuModel& PartsLibrary::gpu(std::string_view id) const { return lookup(gpus_, "gpu", id); }
const CaseFanModel& PartsLibrary::case_fan(std::string_view id) const {
  return lookup(case_fans_, "case_fan", id);
}
const CpuCoolerModel& PartsLibrary::cpu_cooler(std::string_view id) const {
  return lookup(cpu_coolers_, "cpu_cooler", id);
}
const CpuModel& PartsLibrary::cpu(std::string_view id) const { return lookup(cpus_, "cpu", id); }
const PsuModel& PartsLibrary::psu(std::string_view id) const { return lookup(psus_, "psu", id); }
const DriveModel& PartsLibrary::drive(std::string_view id) const {
  return lookup(drives_, "drive", id);
}
const DimmModel& PartsLibrary::dimm(std::string_view id) const {
  return lookup(dimms_, "dimm", id);
}
const CaseModel& PartsLibrary::case_model(std::string_view id) const {
  return lookup(cases_, "case", id);
}
const MotherboardModel& PartsLibrary::motherboard(std::string_view id) const {
  return lookup(motherboards_, "motherboard", id);
}

namespace {
template <class Map>
std::vector<std::string> keys_of(const Map& map) {
  std::vector<std::string> out;
  for (const auto& [k, v] : map) out.push_back(k);
  return out;
}
}  // namespace

std::vector<std::string> PartsLibrary::ids(std::string_view family) const {
  if (family == "gpu") return keys_of(gpus_);
  if (family == "case_fan") return keys_of(case_fans_);
  if (family == "cpu_cooler") return keys_of(cpu_coolers_);
  if (family == "cpu") return keys_of(cpus_);
  if (family == "psu") return keys_of(psus_);
  if (family == "drive") return keys_of(drives_);
  if (family == "dimm") return keys_of(dimms_);
  if (family == "case") return keys_of(cases_);
  if (family == "motherboard") return keys_of(motherboards_);
  throw std::invalid_argument("unknown part family '" + std::string(family) + "'");
}

const PartInfo& PartsLibrary::info(std::string_view family, std::string_view id) const {
  if (family == "gpu") return gpu(id).info;
  if (family == "case_fan") return case_fan(id).info;
  if (family == "cpu_cooler") return cpu_cooler(id).info;
  if (family == "cpu") return cpu(id).info;
  if (family == "psu") return psu(id).info;
  if (family == "drive") return drive(id).info;
  if (family == "dimm") return dimm(id).info;
  if (family == "case") return case_model(id).info;
  if (family == "motherboard") return motherboard(id).info;
  throw std::invalid_argument("unknown part family '" + std::string(family) + "'");
}

const PartInfo& PartsLibrary::find(std::string_view name) const {
  std::vector<std::string> all;
  for (const Family& f : families()) {
    const std::string prefix = std::string(f.name) + ".";
    std::string_view id = name;
    if (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0) {
      id = name.substr(prefix.size());
    }
    for (const std::string& candidate : ids(f.name)) {
      if (candidate == id) return info(f.name, candidate);
      all.push_back(candidate);
    }
  }
  std::sort(all.begin(), all.end());
  throw UnknownPartError("", std::string(name), close_matches(name, all), all);
}

std::string PartsLibrary::summary(const PartInfo& p) const {
  const auto n = [](double v) { return number_text(std::round(v * 100.0) / 100.0); };
  const auto C = [&n](double T_K) { return n(T_K - kCelsiusToKelvin) + " °C"; };
  const auto mm = [&n](double m) { return n(m / kMm) + " mm"; };
  if (p.family == "gpu") {
    const GpuModel& g = gpu(p.id);
    const char* style[] = {"blower", "open-air", "flow-through", "passive"};
    const char* exhaust[] = {"exhausts through the bracket", "exhausts into the case",
                             "exhausts into the case and through the bracket"};
    return std::string(style[static_cast<int>(g.cooler)]) + ", " + n(g.tdp_W) + " W, " +
           mm(g.length_m) + " long, " + n(g.slot_width) + " slots, throttles at " +
           C(g.throttle_K) + ", " + exhaust[static_cast<int>(g.exhaust)];
  }
  if (p.family == "case_fan") {
    const CaseFanModel& f = case_fan(p.id);
    return mm(f.size_m) + ", " + n(f.rpm_max) + " rpm, " + n(f.curve.max_flow_m3_s() / kM3hToM3s) +
           " m³/h (" + n(f.curve.max_flow_m3_s() / kCfmToM3s) + " CFM), " +
           n(f.curve.max_pressure_Pa()) + " Pa";
  }
  if (p.family == "cpu_cooler") {
    const CpuCoolerModel& c = cpu_cooler(p.id);
    if (c.kind == CpuCoolerKind::tower) {
      return "tower, " + std::to_string(c.towers) + " fin stacks, " + mm(c.height_m) + " high, " +
             std::to_string(c.fan_count) + "x " + c.fan_model;
    }
    return "AIO, " + std::to_string(c.radiator_size_mm) + " mm radiator (" +
           mm(c.radiator_length_m) + " x " + mm(c.radiator_width_m) + " x " +
           mm(c.radiator_thickness_m) + "), " + std::to_string(c.fan_count) + "x " + c.fan_model;
  }
  if (p.family == "cpu") {
    const CpuModel& c = cpu(p.id);
    return std::to_string(c.cores) + " cores, " + c.socket + ", " + n(c.tdp_W) + " W TDP (" +
           n(c.max_power_W) + " W sustained max), throttles at " + C(c.tjmax_K);
  }
  if (p.family == "psu") {
    const PsuModel& s = psu(p.id);
    return n(s.rated_W) + " W, " + s.certification + ", " + mm(s.length_m) + " long, " +
           n(s.heat_W(0.5 * s.rated_W)) + " W heat at 50 % load";
  }
  if (p.family == "drive") {
    const DriveModel& d = drive(p.id);
    return d.form_factor + ", " + n(d.active_W) + " W active, max " + C(d.max_K);
  }
  if (p.family == "dimm") {
    const DimmModel& d = dimm(p.id);
    return d.generation + " " + d.kind + ", " + n(d.power_W) + " W, " + mm(d.height_m) + " high";
  }
  if (p.family == "case") {
    const CaseModel& c = case_model(p.id);
    return "interior " + n(c.interior_m[0] / kMm) + " x " + n(c.interior_m[1] / kMm) + " x " +
           n(c.interior_m[2] / kMm) + " mm, " + std::to_string(c.expansion_slots) +
           " slots, GPUs up to " + mm(c.max_gpu_length_m) + ", " +
           std::to_string(c.fan_mounts.size()) + " fan mounts, " + std::to_string(c.vents.size()) +
           " vents";
  }
  if (p.family == "motherboard") {
    const MotherboardModel& b = motherboard(p.id);
    int from_cpu = 0;
    for (const PcieSlotWiring& s : b.slots) from_cpu += s.from == LaneSource::cpu ? 1 : 0;
    return b.form_factor + ", " + b.socket + ", " + b.chipset + ", " +
           std::to_string(b.slots.size()) + " PCIe slots (" + std::to_string(from_cpu) +
           " from the CPU), " + std::to_string(b.m2.size()) + " M.2, " +
           std::to_string(b.dimm_slots) + " DIMM slots";
  }
  return "";
}

namespace {
// `digits` significant digits, printed without an exponent.
std::string rounded_text(double v, int digits) {
  if (v == 0.0 || !std::isfinite(v)) return number_text(v);
  const double scale = std::pow(10.0, std::floor(std::log10(std::abs(v))) - digits + 1);
  return number_text(std::round(v / scale) * scale);
}
}  // namespace

std::vector<std::string> PartsLibrary::derived(const PartInfo& part) const {
  if (part.family != "gpu") return {};
  const GpuModel& g = gpu(part.id);
  if (!g.has_fans())
    return {
        "no fan of its own (passive): the case must push air through it, in at its tail, out "
        "through its bracket; die model R " +
        rounded_text(g.thermal.R_ref_K_W, 3) + " K/W at " + rounded_text(g.thermal.Q_ref_m3_s, 3) +
        " m³/s (" + rounded_text(g.thermal.Q_ref_m3_s / kCfmToM3s, 3) + " CFM) through its fins"};
  const double q = g.fan.max_flow_m3_s();
  return {"fan curve (one fan, 100 % = " + number_text(g.fan_rpm_max) + " rpm): shut-off " +
          rounded_text(g.fan.max_pressure_Pa(), 3) + " Pa, free delivery " + rounded_text(q, 3) +
          " m³/s (" + rounded_text(q / kCfmToM3s, 3) + " CFM); hub " +
          rounded_text(g.fan_hub_diameter_m / kMm, 3) + " mm"};
}

const std::vector<PartField>& PartsLibrary::fields(const PartInfo& part) const {
  const auto it = fields_.find(part.family + "." + part.id);
  if (it == fields_.end()) {
    throw std::invalid_argument("no part " + part.family + "." + part.id + " in this library");
  }
  return it->second;
}

void check_case_stock_fans(const CaseModel& c, const PartsLibrary& lib, const std::string& path) {
  for (const CaseStockFan& f : c.stock_fans) {
    if (f.fan.empty()) continue;
    const std::string key = path + ".stock_fans." + f.mount + ".fan";
    const std::vector<std::string> ids = lib.ids("case_fan");
    const CaseFanModel* model = nullptr;
    try {
      model = &lib.case_fan(f.fan);
    } catch (const UnknownPartError& e) {
      throw ScenarioError(c.info.file, f.line, key,
                          unknown_part_message("case_fan", f.fan, e.close_matches, ids));
    }
    const CaseFanMount* m = c.fan_mount(f.mount);
    bool fits = false;
    std::vector<std::string> sizes;
    for (double s_m : m->fits_m) {
      fits = fits || std::abs(s_m - model->size_m) < 1e-4;
      sizes.push_back(number_text(std::round(s_m / kMm)));
    }
    if (!fits) {
      std::string list;
      for (const std::string& sz : sizes) list += (list.empty() ? "" : " or ") + sz;
      throw ScenarioError(c.info.file, f.line, key,
                          f.fan + " is a " + number_text(std::round(model->size_m / kMm)) +
                              " mm fan; mount " + f.mount + " takes " + list + " mm");
    }
  }
}

CaseModel parse_case_table(const toml::table& table, const std::string& path,
                           const std::string& file, const std::string& id) {
  return read_case(TomlTable(table, path, file), id);
}

}  // namespace rt
