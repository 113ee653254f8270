// Build scenarios: TOML text -> BuildScenario (parts resolved, placed in the
// case frame, layout checked). Keys and defaults: docs/build-scenarios.md.
//
// Order: unknown tables, [case], [board], [[gpu]] (slots, overlaps, case
// length), [cpu], [[fan]] (mounts, sizes, one fan per mount), [psu],
// [[drive]], then the checks over everything (parts inside the case, an air
// outlet somewhere) and the layout (gaps, what each card faces).

#include "scenarios/builds/build_scenario.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "scenarios/builds/custom_case.hpp"
#include "scenarios/toml/input_file.hpp"
#include "scenarios/toml/parse_toml.hpp"
#include "scenarios/toml/toml_lines.hpp"
#include "scenarios/toml/toml_table.hpp"
#include "scenarios/toml/toml_text.hpp"
#include "scenarios/toml/value_checks.hpp"

namespace rt {
namespace {

using toml_text::join;
using toml_text::number_text;

constexpr double kMm = 1e-3;
// Assumed when a build leaves [cpu] out (a workstation CPU, as in the
// example builds) and when [cpu] names no cooler.
constexpr const char* kDefaultCpu = "intel-i9-9920x";
constexpr const char* kDefaultCooler = "noctua-nh-d15";
// `[cpu] model = "none"`, `[psu] model = "none"`: the part is left out, as on
// a bench rig that holds cards only (the gap test, docs/build-scenarios.md).
constexpr const char* kNoPart = "none";

std::string mm(double m) {
  std::ostringstream o;
  o.precision(4);
  o << m / kMm;
  return o.str();
}

// A part lookup that turns the library's UnknownPartError into an error at
// the `model = ...` line.
template <class F>
auto lookup(const TomlTable& t, std::string_view k, F&& get) -> decltype(get()) {
  try {
    return get();
  } catch (const UnknownPartError& e) {
    t.fail(k, e.what());
  }
}

bool default_intake(std::optional<Face> f) {
  if (!f) return true;
  return !(*f == Face::zmax || *f == Face::ymax);  // rear and top exhaust
}

Box fan_square(const CaseFanMount& m, double size_m) {
  Box b;
  const int a = BoardPlacement::axis_of(m.normal);
  for (int k = 0; k < 3; ++k) {
    const double h = k == a ? 0.0 : size_m / 2;
    b.min_m[k] = m.centre_m[k] - h;
    b.max_m[k] = m.centre_m[k] + h;
  }
  return b;
}

Box vent_box(const CaseVent& v) { return Box{v.min_m, v.max_m}; }

// Overlap of two flat rectangles on the same plane (the plane's axis skipped).
bool flat_overlap(const Box& a, const Box& b, int plane_axis) {
  return boxes_overlap_except(a, b, plane_axis);
}

std::string fan_label(const BuildFan& f) {
  return f.mount + " (" + (f.intake ? "intake" : "exhaust") + ", " + f.model.info.id + ")";
}

// A box's extent beyond the case interior, for "out of case" messages;
// empty when inside.
std::string outside_case(const Box& b, const Vec3& interior) {
  const char* lo[3] = {"tray side (x = 0)", "floor (y = 0)", "front (z = 0)"};
  const char* hi[3] = {"side panel", "top panel", "rear panel"};
  for (int k = 0; k < 3; ++k) {
    if (b.min_m[k] < -1e-9) return "extends " + mm(-b.min_m[k]) + " mm past the " + lo[k];
    if (b.max_m[k] > interior[k] + 1e-9) {
      return "extends " + mm(b.max_m[k] - interior[k]) + " mm past the " + hi[k];
    }
  }
  return "";
}

struct Reader {
  const PartsLibrary& lib;
  const std::string& file;
  const TomlTable root;
  BuildScenario s;

  void read() {
    const std::vector<std::string_view> tables = {"case",   "board", "gpu",    "nvlink",
                                                  "fan",    "cpu",   "psu",    "drive",
                                                  "memory", "mesh",  "solver", "parts"};
    if (const auto k = root.first_unknown_key(tables)) {
      const std::string hint = *k == "domain"
                                   ? " ([domain] belongs to generic scenarios; a build scenario "
                                     "describes the case with [case])"
                                   : "";
      root.fail(*k, "unknown table; expected one of: " + join(tables, ", ") + hint);
    }
    read_case();
    read_board();
    read_gpus();
    read_nvlinks();
    read_cpu();
    read_fans();
    read_psu();
    read_drives();
    read_memory();
    read_mesh();
    read_solver();
    check_outlet();
    layout();
  }

  void read_case() {
    const std::optional<TomlTable> t = root.table_at("case");
    if (!t) {
      root.missing_table("case", "model = one of: " + join(lib.case_ids(), ", "));
    }
    t->check_keys({"model", "ambient_C", "custom", "wall_material"});
    const std::string id =
        t->required_string("model", "a case from the parts library: " + join(lib.case_ids(), ", ") +
                                        ", or \"custom\" with a [case.custom] table");
    if (id == "custom") {
      // Explicit interior, vents and mounts, in the library's case format.
      const toml::node* n = t->find("custom");
      if (!n || !n->as_table())
        t->fail("model",
                "model = \"custom\" needs a [case.custom] table with the keys of a case in "
                "scenarios/builds/parts/cases.toml (interior_mm, board_io_corner_mm, vent, "
                "fan_mount, ...)");
      s.case_model = parse_case_table(*n->as_table(), "case.custom", file, "custom");
      check_case_stock_fans(s.case_model, lib, "case.custom");
    } else {
      if (t->find("custom"))
        t->fail("custom", "[case.custom] is only read with model = \"custom\"");
      s.case_model = lookup(*t, "model", [&]() -> const CaseModel& { return lib.case_model(id); });
    }
    const double amb = t->number("ambient_C", "room temperature, °C").value_or(25.0);
    if (amb < -40 || amb > 60)
      t->fail("ambient_C", "must be in -40..60 °C, got " + number_text(amb));
    s.ambient_K = amb + kCelsiusToKelvin;
    if (const auto w = t->string("wall_material", "what the case panels are made of")) {
      if (*w != "steel" && *w != "aluminium" && *w != "glass" && *w != "acrylic" &&
          *w != "adiabatic")
        t->fail("wall_material", "unknown material \"" + *w +
                                     "\"; expected steel, aluminium, glass, acrylic or adiabatic");
      s.wall_material = *w;
    }
  }

  void read_board() {
    std::string form = "ATX";
    std::optional<TomlTable> t = root.table_at("board");
    if (t) {
      t->check_keys({"form_factor", "model"});
      if (const auto id = t->string("model", "a motherboard id")) {
        s.motherboard =
            lookup(*t, "model", [&]() -> const MotherboardModel& { return lib.motherboard(*id); });
        form = s.motherboard->form_factor;
        const auto named = t->string("form_factor", "ATX, E-ATX or micro-ATX");
        if (named && *named != form)
          t->fail("form_factor", "the " + *id + " is " + form + ", not " + *named +
                                     "; leave form_factor out when model is given");
      } else {
        form = t->string("form_factor", "ATX, E-ATX or micro-ATX").value_or("ATX");
      }
    }
    const BoardFormFactor* f = find_form_factor(form);
    const std::string valid = join(form_factor_names(), ", ");
    if (!f) {
      if (t)
        t->fail("form_factor", "unknown form factor '" + form + "'; expected one of: " + valid);
      throw ScenarioError(file, 0, "board.form_factor", "unknown form factor " + form);
    }
    if (!s.case_model.supports_form_factor(form)) {
      const std::string problem = s.case_model.info.id + " does not take " + form +
                                  " boards; it takes: " + join(s.case_model.form_factors, ", ");
      if (t) t->fail("form_factor", problem);
      throw ScenarioError(file, 0, "board.form_factor", problem);
    }
    s.board = place_board(*f, s.case_model);
    const std::string out = outside_case(s.board.outline(), s.case_model.interior_m);
    if (!out.empty()) {
      const std::string problem = "the " + form + " board " + out + " of " + s.case_model.info.id;
      if (t) t->fail("form_factor", problem);
      throw ScenarioError(file, 0, "board.form_factor", problem);
    }
  }

  // The plane the card brackets sit in, along the board's rear axis.
  double bracket_plane() const {
    const int a = BoardPlacement::axis_of(s.board.rear);
    if (s.case_model.expansion_slots > 0) return s.case_model.expansion_min_m[a];
    return s.board.io_corner_m[a];
  }

  void read_gpus() {
    const int a = BoardPlacement::axis_of(s.board.rear);
    const double plane_fwd =
        (s.board.io_corner_m[a] - bracket_plane()) * BoardPlacement::sign_of(s.board.rear);
    // forward coordinate of the bracket (negative: behind the board's rear edge)
    for (const TomlTable& t : root.array_of_tables("gpu")) {
      t.check_keys({"slot", "model", "power_W", "fan_speed_pct"});
      BuildGpu g;
      g.line = t.line();
      const std::string id =
          t.required_string("model", "a GPU from the parts library: " + join(lib.gpu_ids(), ", "));
      g.model = lookup(t, "model", [&]() -> const GpuModel& { return lib.gpu(id); });
      const int board_slots = s.board.form.slots;
      const std::string slot_range = "1.." + std::to_string(board_slots) + " (" +
                                     s.board.form.name + " has " + std::to_string(board_slots) +
                                     " slots)";
      const long long slot = t.required_integer("slot", "the PCIe slot, " + slot_range);
      if (slot < 1 || slot > board_slots) {
        t.fail("slot",
               "slot " + std::to_string(slot) + " is not on the board; expected " + slot_range);
      }
      if (s.motherboard && !s.motherboard->slot_at(static_cast<int>(slot)))
        t.fail("slot", "the " + s.motherboard->info.id + " has no PCIe slot at position " +
                           std::to_string(slot) + "; its slots: " + s.motherboard->slot_list());
      g.slot = static_cast<int>(slot);
      g.last_slot = g.slot + static_cast<int>(std::ceil(g.model.slot_width - 1e-9)) - 1;
      if (g.last_slot > s.case_model.expansion_slots) {
        t.fail("slot", "a " + number_text(g.model.slot_width) + "-slot " + id + " in slot " +
                           std::to_string(g.slot) + " needs expansion slots " +
                           std::to_string(g.slot) + ".." + std::to_string(g.last_slot) + "; " +
                           s.case_model.info.id + " has " +
                           std::to_string(s.case_model.expansion_slots));
      }
      g.power_W = g.model.tdp_W;
      if (const auto p = t.number("power_W", "board power limit, W")) {
        if (*p <= 0) t.fail("power_W", "must be > 0 W, got " + number_text(*p));
        g.power_W = *p;
      }
      if (const auto f = t.number("fan_speed_pct", "fixed fan speed, 0-100 %")) {
        if (!g.model.has_fans())
          t.fail("fan_speed_pct", id + " is passive: it has no fan of its own to set; it needs the "
                                       "case's airflow through it (a [[fan]] blowing at its tail)");
        g.fan_speed_pct = fan_speed_pct(t, "fan_speed_pct", *f, true);
      }
      if (g.model.length_m > s.case_model.max_gpu_length_m + 1e-9) {
        t.fail("model", id + " is " + mm(g.model.length_m) + " mm long, " +
                            mm(g.model.length_m - s.case_model.max_gpu_length_m) +
                            " mm more than " + s.case_model.info.id + " takes (" +
                            mm(s.case_model.max_gpu_length_m) + " mm)");
      }
      const double top = s.board.form.slot_down_m(g.slot) - kSlotPitch_m / 2;
      g.top_down_m = top;
      g.bracket_forward_m = plane_fwd;
      g.box = s.board.box(top, top + g.model.thickness_m, plane_fwd, plane_fwd + g.model.length_m,
                          kCardEdgeAbove_m, kCardEdgeAbove_m + g.model.height_m);
      const std::string out = outside_case(g.box, s.case_model.interior_m);
      if (!out.empty()) t.fail("slot", id + " in slot " + std::to_string(g.slot) + " " + out);
      for (const BuildGpu& o : s.gpus) {
        const BuildGpu& lo = o.slot <= g.slot ? o : g;
        const BuildGpu& hi = o.slot <= g.slot ? g : o;
        if (lo.last_slot >= hi.slot) {
          const int slots = lo.last_slot - hi.slot + 1;
          const double up_overlap =
              box_overlap(lo.box, hi.box, BoardPlacement::axis_of(s.board.up));
          t.fail("slot", id + " in slot " + std::to_string(g.slot) + " overlaps " +
                             o.model.info.id + " in slot " + std::to_string(o.slot) + " (line " +
                             std::to_string(o.line) + ") by " + std::to_string(slots) +
                             (slots == 1 ? " slot" : " slots") + " (" +
                             mm(std::max(up_overlap, 0.0)) + " mm of card): the " +
                             number_text(lo.model.slot_width) + "-slot " + lo.model.info.id +
                             " in slot " + std::to_string(lo.slot) + " covers slots " +
                             std::to_string(lo.slot) + ".." + std::to_string(lo.last_slot) +
                             "; the next free slot is " + std::to_string(lo.last_slot + 1));
        }
      }
      s.gpus.push_back(std::move(g));
    }
    std::sort(s.gpus.begin(), s.gpus.end(),
              [](const BuildGpu& x, const BuildGpu& y) { return x.slot < y.slot; });
  }

  // The part's `model`, or kNoPart (noted) when the build leaves it out.
  std::string model_or_none(const TomlTable& t, const std::string& table_name,
                            const std::string& part, const std::vector<std::string>& ids) {
    const std::string id = t.required_string(
        "model", "a " + part + " from the parts library: " + join(ids, ", ") + ", or \"none\"");
    if (id == kNoPart) {
      t.check_keys({"model"});
      s.notes.push_back(table_name + ".model = \"none\": no " + part + " modelled");
    }
    return id;
  }

  void read_cpu() {
    std::optional<TomlTable> t = root.table_at("cpu");
    if (!t) {
      default_cpu();
      return;
    }
    const std::string id = model_or_none(*t, "cpu", "CPU", lib.cpu_ids());
    if (id == kNoPart) return;
    t->check_keys({"model", "cooler", "power_W"});
    BuildCpu c;
    c.line = t->line();
    c.model = lookup(*t, "model", [&]() -> const CpuModel& { return lib.cpu(id); });
    if (s.motherboard && c.model.socket != s.motherboard->socket)
      t->fail("model", "the " + id + " (" + c.model.socket + ") does not fit the " +
                           s.motherboard->info.id + " (" + s.motherboard->socket + ")");
    const std::string cooler = t->string("cooler", "a CPU cooler id").value_or(kDefaultCooler);
    if (!t->find("cooler"))
      s.notes.push_back(std::string("cpu.cooler not given: ") + kDefaultCooler);
    c.cooler =
        lookup(*t, "cooler", [&]() -> const CpuCoolerModel& { return lib.cpu_cooler(cooler); });
    c.fan = lookup(*t, "cooler",
                   [&]() -> const CaseFanModel& { return lib.case_fan(c.cooler.fan_model); });
    c.power_W = c.model.tdp_W;
    if (const auto p = t->number("power_W", "sustained package power, W")) {
      if (*p <= 0) t->fail("power_W", "must be > 0 W, got " + number_text(*p));
      c.power_W = *p;
    }
    const std::string problem = place_cpu(c);
    if (!problem.empty()) t->fail("cooler", problem);
    s.cpu = std::move(c);
  }

  // The cooler's box on the socket; an empty string when it fits, else why not.
  std::string place_cpu(BuildCpu& c) const {
    const std::string& cooler = c.cooler.info.id;
    c.socket = s.board.socket();
    const BoardFormFactor& f = s.board.form;
    if (c.cooler.kind == CpuCoolerKind::tower &&
        c.cooler.height_m > s.case_model.max_cpu_cooler_height_m + 1e-9) {
      return cooler + " is " + mm(c.cooler.height_m) + " mm high, " +
             mm(c.cooler.height_m - s.case_model.max_cpu_cooler_height_m) + " mm more than " +
             s.case_model.info.id + " takes (" + mm(s.case_model.max_cpu_cooler_height_m) + " mm)";
    }
    const double hw = c.cooler.width_m / 2, hd = c.cooler.depth_m / 2;
    c.cooler_box = s.board.box(f.socket_down_m - hw, f.socket_down_m + hw,
                               std::max(0.0, f.socket_forward_m - hd), f.socket_forward_m + hd, 0.0,
                               c.cooler.height_m);
    const std::string out = outside_case(c.cooler_box, s.case_model.interior_m);
    if (!out.empty()) return cooler + " " + out;
    for (const BuildGpu& g : s.gpus) {
      if (boxes_overlap_except(g.box, c.cooler_box, -1)) {
        return cooler + " overlaps " + g.model.info.id + " in slot " + std::to_string(g.slot) +
               " (line " + std::to_string(g.line) + ") by " +
               mm(box_overlap(g.box, c.cooler_box, BoardPlacement::axis_of(s.board.up))) + " mm";
      }
    }
    return "";
  }

  // No [cpu]: a CPU still heats the case and its cooler still blocks air, so
  // a typical workstation part is assumed (docs/build-scenarios.md).
  void default_cpu() {
    BuildCpu c;
    c.model = lib.cpu(kDefaultCpu);
    c.cooler = lib.cpu_cooler(kDefaultCooler);
    c.fan = lib.case_fan(c.cooler.fan_model);
    c.power_W = c.model.tdp_W;
    const std::string problem = place_cpu(c);
    if (!problem.empty()) {
      s.notes.push_back(std::string("no [cpu]: the default ") + kDefaultCooler + " does not fit (" +
                        problem + "); no CPU modelled");
      return;
    }
    s.notes.push_back(std::string("no [cpu]: default ") + kDefaultCpu + " at " +
                      number_text(c.power_W) + " W under a " + kDefaultCooler +
                      " (add [cpu] to choose)");
    s.cpu = std::move(c);
    s.default_cpu = true;
  }

  std::string mount_names() const {
    std::vector<std::string> names;
    for (const CaseFanMount& m : s.case_model.fan_mounts) names.push_back(m.name);
    return names.empty() ? "none (" + s.case_model.info.id + " has no fan mounts)"
                         : join(names, ", ");
  }

  const CaseFanModel* fan_for_size(double size_m) const {
    for (const char* id : {"arctic-p12-pwm-pst", "arctic-p14-pwm-pst"}) {
      try {
        const CaseFanModel& f = lib.case_fan(id);
        if (std::abs(f.size_m - size_m) < 1e-4) return &f;
      } catch (const UnknownPartError&) {
      }
    }
    for (const std::string& id : lib.case_fan_ids()) {
      const CaseFanModel& f = lib.case_fan(id);
      if (std::abs(f.size_m - size_m) < 1e-4) return &f;
    }
    return nullptr;
  }

  // A case fan on a PWM curve: control = "gpu2" (that card's die) or "cpu",
  // control_C / control_pct the curve.
  void read_fan_control(const TomlTable& t, BuildFan& f) {
    const auto sensor = t.string("control", "the part whose temperature the fan follows");
    if (!sensor) {
      for (const char* k : {"control_C", "control_pct"})
        if (t.find(k)) t.fail(k, "goes with control = \"gpuN\" or \"cpu\" (what the fan follows)");
      return;
    }
    const bool gpu = sensor->size() > 3 && sensor->compare(0, 3, "gpu") == 0 &&
                     std::all_of(sensor->begin() + 3, sensor->end(), ::isdigit);
    if (!gpu && *sensor != "cpu")
      t.fail("control", "'" + *sensor +
                            "' is not a sensor; expected \"gpu1\", \"gpu2\", ... (the "
                            "cards in slot order) or \"cpu\"");
    const auto T = t.numbers("control_C", "temperatures of the curve, °C");
    const auto pct = t.numbers("control_pct", "fan speed at each temperature, %");
    if (!T) t.fail("control_C", "required with control (the curve's temperatures, °C)");
    if (!pct) t.fail("control_pct", "required with control (the fan speed at each temperature, %)");
    if (T->size() < 2) t.fail("control_C", "needs at least 2 points");
    if (pct->size() != T->size())
      t.fail("control_pct",
             "needs as many points as control_C (" + std::to_string(T->size()) + ")");
    for (std::size_t i = 0; i < T->size(); ++i) {
      if (i > 0 && !((*T)[i] > (*T)[i - 1])) t.fail("control_C", "temperatures must increase");
      if (!((*pct)[i] > 0 && (*pct)[i] <= 100))
        t.fail("control_pct", "speeds must be in (0, 100] %, got " + number_text((*pct)[i]));
    }
    if (gpu && std::stoul(sensor->substr(3)) > s.gpus.size())
      t.fail("control",
             "this build has " + std::to_string(s.gpus.size()) + " card(s); no " + *sensor);
    if (gpu && std::stoul(sensor->substr(3)) == 0) t.fail("control", "cards count from gpu1");
    f.control_sensor = *sensor;
    for (double c : *T) f.control_T_K.push_back(c + kCelsiusToKelvin);
    for (double p : *pct) f.control_fraction.push_back(p / 100.0);
    f.control_line = t.line_of_key("control");
  }

  // A fan at an explicit position: centre_mm on a case wall (its outward
  // normal) or inside the case (normal: the way "exhaust" blows), with the
  // size of its model.
  CaseFanMount read_explicit_mount(const TomlTable& t, std::size_t number) {
    const auto c = t.numbers("centre_mm", "[x, y, z] of the fan's centre in the case frame, mm");
    if (!c) t.fail("centre_mm", "required with normal (the fan's centre, mm)");
    if (c->size() != 3) t.fail("centre_mm", "expected [x, y, z] in mm (3 numbers)");
    const auto n = t.string("normal", "outward direction: +x -x +y -y +z -z");
    if (!n) t.fail("normal", "required with centre_mm (\"+x\" ... \"-z\": outward on a wall)");
    const std::array<std::string, 6> dirs = {"-x", "+x", "-y", "+y", "-z", "+z"};
    const auto it = std::find(dirs.begin(), dirs.end(), *n);
    if (it == dirs.end())
      t.fail("normal", "'" + *n + "' is not a direction; expected +x, -x, +y, -y, +z or -z");
    const int d = static_cast<int>(it - dirs.begin()), a = d / 2;
    const auto model = t.string("model", "a case fan id");
    if (!model) t.fail("model", "required for a fan at centre_mm (its size comes from the model)");
    const CaseFanModel& fm =
        lookup(t, "model", [&]() -> const CaseFanModel& { return lib.case_fan(*model); });
    CaseFanMount mount;
    mount.name = "fan-" + std::to_string(number);
    for (int i = 0; i < 3; ++i) mount.centre_m[i] = (*c)[static_cast<std::size_t>(i)] * 1e-3;
    mount.normal[a] = d % 2 ? 1.0 : -1.0;
    mount.size_m = fm.size_m;
    mount.fits_m = {fm.size_m};
    const Vec3& L = s.case_model.interior_m;
    for (int i = 0; i < 3; ++i) {
      const double half = i == a ? 0.0 : 0.5 * fm.size_m;
      if (mount.centre_m[i] - half < -1e-9 || mount.centre_m[i] + half > L[i] + 1e-9)
        t.fail("centre_mm", "the " + mm(fm.size_m) + " mm fan leaves the case interior (" +
                                mm(L[0]) + " x " + mm(L[1]) + " x " + mm(L[2]) + " mm)");
    }
    // On the wall its normal points out of: a wall fan; elsewhere inside.
    const double wall = d % 2 ? L[a] : 0.0;
    const bool on_wall = std::abs(mount.centre_m[a] - wall) < 1e-6;
    const double other = d % 2 ? 0.0 : L[a];
    if (std::abs(mount.centre_m[a] - other) < 1e-6)
      t.fail("normal", "the fan sits on the " + *n +
                           " side's opposite wall and would point into "
                           "it; the normal points out of the wall the fan is on");
    if (on_wall) mount.face = static_cast<Face>(d);
    return mount;
  }

  void read_fans() {
    const std::vector<TomlTable> tables = root.array_of_tables("fan");
    for (const TomlTable& t : tables) {
      t.check_keys({"mount", "centre_mm", "normal", "model", "direction", "speed_pct", "control",
                    "control_C", "control_pct"});
      BuildFan f;
      f.line = t.line();
      CaseFanMount explicit_mount;
      const CaseFanMount* m = nullptr;
      if (!t.find("mount") && (t.find("centre_mm") || t.find("normal"))) {
        explicit_mount = read_explicit_mount(t, s.fans.size() + 1);
        m = &explicit_mount;
        f.mount = explicit_mount.name;
      } else {
        if (t.find("centre_mm") || t.find("normal"))
          t.fail(t.find("centre_mm") ? "centre_mm" : "normal",
                 "give mount (a named mount of the case) or centre_mm + normal, not both");
        f.mount = t.required_string("mount", "a fan mount of " + s.case_model.info.id + ": " +
                                                 mount_names() +
                                                 " (or centre_mm + normal for a fan anywhere)");
        m = s.case_model.fan_mount(f.mount);
        if (!m) {
          t.fail("mount", s.case_model.info.id + " has no fan mount '" + f.mount +
                              "'; expected one of: " + mount_names());
        }
      }
      f.where = *m;
      if (const auto model = t.string("model", "a case fan id")) {
        f.model = lookup(t, "model", [&]() -> const CaseFanModel& { return lib.case_fan(*model); });
      } else {
        const CaseFanModel* d = fan_for_size(m->size_m);
        if (!d) {
          t.fail("model", "required here: no default fan of " + mm(m->size_m) +
                              " mm in the parts library; expected one of: " +
                              join(lib.case_fan_ids(), ", "));
        }
        f.model = *d;
      }
      bool fits = false;
      for (double s_m : m->fits_m) fits = fits || std::abs(s_m - f.model.size_m) < 1e-4;
      if (!fits) {
        std::vector<std::string> sizes;
        for (double s_m : m->fits_m) sizes.push_back(mm(s_m));
        t.fail("model", f.model.info.id + " is a " + mm(f.model.size_m) + " mm fan; mount " +
                            f.mount + " takes " + join(sizes, " or ") + " mm");
      }
      f.intake = default_intake(m->face);
      if (const auto d = t.string("direction", "intake or exhaust")) {
        if (*d != "intake" && *d != "exhaust") {
          t.fail("direction", "expected \"intake\" or \"exhaust\", got \"" + *d + "\"");
        }
        f.intake = *d == "intake";
      }
      if (const auto p = t.number("speed_pct", "fan speed, 0-100 %"))
        f.speed_pct = fan_speed_pct(t, "speed_pct", *p, true);
      read_fan_control(t, f);
      for (const BuildFan& o : s.fans) {
        if (o.mount == f.mount) {
          t.fail("mount", "mount " + f.mount + " already has a fan (line " +
                              std::to_string(o.line) + "); one fan per mount");
        }
        if (o.where.face == m->face && m->face &&
            flat_overlap(fan_square(o.where, o.model.size_m), fan_square(*m, f.model.size_m),
                         face_axis(*m->face))) {
          t.fail("mount", "a fan on " + f.mount + " overlaps the fan on " + o.mount + " (line " +
                              std::to_string(o.line) + "); these mounts are alternatives");
        }
      }
      s.fans.push_back(std::move(f));
    }
    if (tables.empty()) {
      s.stock_fans = true;
      std::vector<std::string> stand_ins;
      for (const CaseStockFan& sf : s.case_model.stock_fans) {
        const CaseFanMount* m = s.case_model.fan_mount(sf.mount);
        if (!m) continue;
        BuildFan f;
        f.mount = sf.mount;
        f.where = *m;
        f.intake = sf.intake;
        if (!sf.fan.empty()) {
          f.model = lib.case_fan(sf.fan);  // checked when the case was read
        } else {
          // The case names no model (its stock fan could not be sourced):
          // a library fan of the mount's size stands in.
          const CaseFanModel* d = fan_for_size(m->size_m);
          if (!d) {
            s.notes.push_back("stock fan on " + sf.mount + " (" + mm(m->size_m) +
                              " mm): the case names no model and the library has no fan of that "
                              "size, left out");
            continue;
          }
          f.model = *d;
          f.stand_in = true;
          stand_ins.push_back(sf.mount + " (" + d->info.id + ")");
        }
        s.fans.push_back(std::move(f));
      }
      if (s.fans.empty()) {
        s.notes.push_back("no [[fan]] and no stock fan in the case: no case fans");
      } else {
        std::string models;
        for (const BuildFan& f : s.fans)
          if (!f.stand_in) models += (models.empty() ? "" : ", ") + f.mount + " " + f.model.info.id;
        s.notes.push_back("no [[fan]]: the case's stock fans (" + std::to_string(s.fans.size()) +
                          ")" + (models.empty() ? "" : ": " + models));
        if (!stand_ins.empty()) {
          s.notes.push_back("stock fan model not given by " + s.case_model.info.id +
                            " (not sourced): a library fan of the mount's size stands in on " +
                            join(stand_ins, ", "));
        }
      }
    }
  }

  // No [psu]: the smallest library PSU that carries the default load and fits
  // the bay (lowest rating, then shortest, then id).
  void default_psu() {
    const double load = s.gpu_W() + s.cpu_W() + 50.0;
    const PsuModel* best = nullptr;
    for (const std::string& id : lib.psu_ids()) {
      const PsuModel& p = lib.psu(id);
      if (p.rated_W < load || p.length_m > s.case_model.max_psu_length_m + 1e-9) continue;
      if (!best || p.rated_W < best->rated_W ||
          (p.rated_W == best->rated_W && p.length_m < best->length_m))
        best = &p;
    }
    if (!best) {
      s.notes.push_back("no [psu]: no library PSU rated for " + number_text(load) + " W fits the " +
                        mm(s.case_model.max_psu_length_m) + " mm bay of " + s.case_model.info.id +
                        "; no PSU modelled");
      return;
    }
    BuildPsu p;
    p.model = *best;
    p.load_W = load;
    p.heat_W = p.model.heat_W(load);
    const Vec3& c = s.case_model.psu_corner_m;
    p.box.min_m = {c[0], c[1], c[2] - p.model.length_m};
    p.box.max_m = {c[0] + p.model.width_m, c[1] + p.model.height_m, c[2]};
    s.notes.push_back("no [psu]: default " + p.model.info.id + " (the smallest library PSU for " +
                      number_text(load) + " W that fits the bay) at that load, " +
                      number_text(std::round(p.heat_W * 10) / 10) +
                      " W of heat (add [psu] to choose)");
    s.psu = std::move(p);
    s.default_psu = true;
  }

  void read_psu() {
    std::optional<TomlTable> t = root.table_at("psu");
    if (!t) {
      default_psu();
      return;
    }
    const std::string id = model_or_none(*t, "psu", "PSU", lib.psu_ids());
    if (id == kNoPart) return;
    t->check_keys({"model", "load_W"});
    BuildPsu p;
    p.line = t->line();
    p.model = lookup(*t, "model", [&]() -> const PsuModel& { return lib.psu(id); });
    double gpu = 0;
    for (const BuildGpu& g : s.gpus) gpu += g.power_W;
    p.load_W = gpu + (s.cpu ? s.cpu->power_W : 0.0) + 50.0;
    if (const auto l = t->number("load_W", "DC load, W")) {
      if (*l <= 0) t->fail("load_W", "must be > 0 W, got " + number_text(*l));
      p.load_W = *l;
    }
    if (p.load_W > p.model.rated_W) {
      t->fail(t->find("load_W") ? "load_W" : "model",
              "DC load " + number_text(p.load_W) + " W exceeds " + id + "'s rating of " +
                  number_text(p.model.rated_W) + " W" +
                  (t->find("load_W") ? "" : " (default load: GPUs + CPU + 50 W)"));
    }
    if (p.model.length_m > s.case_model.max_psu_length_m + 1e-9) {
      t->fail("model", id + " is " + mm(p.model.length_m) + " mm long, " +
                           mm(p.model.length_m - s.case_model.max_psu_length_m) + " mm more than " +
                           s.case_model.info.id + " takes (" + mm(s.case_model.max_psu_length_m) +
                           " mm)");
    }
    p.heat_W = p.model.heat_W(p.load_W);
    const Vec3& c = s.case_model.psu_corner_m;
    p.box.min_m = {c[0], c[1], c[2] - p.model.length_m};
    p.box.max_m = {c[0] + p.model.width_m, c[1] + p.model.height_m, c[2]};
    s.psu = std::move(p);
  }

  // [[nvlink]] slots = [A, B]: a bridge between the cards in two slots;
  // whether a bridge of that spacing exists is build sanity's to say.
  void read_nvlinks() {
    std::string cards;
    for (const BuildGpu& g : s.gpus) cards += (cards.empty() ? "" : ", ") + std::to_string(g.slot);
    for (const TomlTable& t : root.array_of_tables("nvlink")) {
      t.check_keys({"slots"});
      const std::vector<double> slots = t.required_numbers("slots", "the two cards' slots");
      if (slots.size() != 2 || slots[0] != std::floor(slots[0]) || slots[1] != std::floor(slots[1]))
        t.fail("slots", "expected the slots of the two cards it joins, e.g. [1, 4]");
      BuildNvlink n;
      n.line = t.line();
      n.slot_a = static_cast<int>(std::min(slots[0], slots[1]));
      n.slot_b = static_cast<int>(std::max(slots[0], slots[1]));
      if (n.slot_a == n.slot_b) t.fail("slots", "a bridge joins two different cards");
      for (int slot : {n.slot_a, n.slot_b}) {
        const bool card = std::any_of(s.gpus.begin(), s.gpus.end(),
                                      [&](const BuildGpu& g) { return g.slot == slot; });
        if (!card)
          t.fail("slots", "no card in slot " + std::to_string(slot) + " (cards in slots " +
                              (cards.empty() ? std::string("none") : cards) + ")");
        for (const BuildNvlink& o : s.nvlinks)
          if (o.slot_a == slot || o.slot_b == slot)
            t.fail("slots", "the card in slot " + std::to_string(slot) +
                                " is already bridged (line " + std::to_string(o.line) + ")");
      }
      s.nvlinks.push_back(n);
    }
  }

  void read_drives() {
    for (const TomlTable& t : root.array_of_tables("drive")) {
      t.check_keys({"model", "position"});
      BuildDrive d;
      d.line = t.line();
      const std::string id = t.required_string(
          "model", "a drive from the parts library: " + join(lib.drive_ids(), ", "));
      d.model = lookup(t, "model", [&]() -> const DriveModel& { return lib.drive(id); });
      const bool m2 = d.model.form_factor.rfind("m.2", 0) == 0;
      std::vector<std::string> valid;
      if (m2 && s.motherboard) {
        for (const M2Socket& k : s.motherboard->m2) valid.push_back(k.name);
        if (valid.empty())
          t.fail("model",
                 "the " + s.motherboard->info.id + " has no M.2 socket for the " + d.model.info.id);
      } else if (m2) {
        valid = {"m2-1", "m2-2", "m2-3"};
      } else {
        for (const CaseBox& o : s.case_model.obstructions) valid.push_back(o.name);
        valid.push_back("unplaced");
      }
      std::string def = valid.front();
      d.position = t.string("position", "where the drive sits").value_or(def);
      if (std::find(valid.begin(), valid.end(), d.position) == valid.end()) {
        t.fail("position", "unknown position '" + d.position + "' for a " + d.model.form_factor +
                               " drive; expected one of: " + join(valid, ", "));
      }
      const int k = m2 ? std::stoi(d.position.substr(3)) : 0;
      if (m2 && k <= 3) {
        // Estimated M.2 sites: below the socket, and between slots 2/3 and 4/5;
        // a board's further sockets (often on its back) are not placed.
        const BoardFormFactor& f = s.board.form;
        const double down =
            k == 1 ? f.slot_down_m(1) - 12 * kMm : f.slot_down_m(2 * k - 2) + kSlotPitch_m / 2;
        d.box = s.board.box(down - d.model.width_m / 2, down + d.model.width_m / 2, 40 * kMm,
                            40 * kMm + d.model.length_m, 0.0, d.model.height_m);
      } else if (const auto it = std::find_if(
                     s.case_model.obstructions.begin(), s.case_model.obstructions.end(),
                     [&](const CaseBox& o) { return o.name == d.position; });
                 it != s.case_model.obstructions.end()) {
        d.box = Box{it->min_m, it->max_m};
      }
      for (const BuildDrive& o : s.drives) {
        if (m2 && o.position == d.position) {
          t.fail("position", d.position + " already holds " + o.model.info.id + " (line " +
                                 std::to_string(o.line) + ")");
        }
      }
      s.drives.push_back(std::move(d));
    }
  }

  // [memory] model, modules: what build sanity checks under a tower cooler;
  // the modules are not part of the thermal model.
  void read_memory() {
    std::optional<TomlTable> t = root.table_at("memory");
    if (!t) return;
    t->check_keys({"model", "modules"});
    BuildMemory m;
    m.line = t->line();
    const std::string id = t->required_string(
        "model", "a memory module from the parts library: " + join(lib.dimm_ids(), ", "));
    m.model = lookup(*t, "model", [&]() -> const DimmModel& { return lib.dimm(id); });
    const long long n = t->integer("modules", "number of modules").value_or(2);
    if (n < 1 || n > 16) t->fail("modules", "must be 1..16, got " + std::to_string(n));
    if (s.motherboard && n > s.motherboard->dimm_slots)
      t->fail("modules", std::to_string(n) + " modules: the " + s.motherboard->info.id + " has " +
                             std::to_string(s.motherboard->dimm_slots) + " DIMM slots");
    m.modules = static_cast<int>(n);
    s.memory = std::move(m);
  }

  void read_mesh() {
    std::optional<TomlTable> t = root.table_at("mesh");
    if (!t) return;
    t->check_keys({"max_cell_mm", "min_cells_per_gap", "growth", "preview_start"});
    if (const auto h = t->number("max_cell_mm", "largest cell, mm")) {
      if (!(*h >= 0.5 && *h <= 100))
        t->fail("max_cell_mm", "must be in 0.5..100 mm, got " + number_text(*h));
      s.mesh.max_cell_m = *h * kMm;
    }
    if (const auto n = t->integer("min_cells_per_gap", "cells across a gap between parts")) {
      if (*n < 1 || *n > 20)
        t->fail("min_cells_per_gap", "must be in 1..20, got " + std::to_string(*n));
      s.mesh.min_cells_per_gap = static_cast<int>(*n);
    }
    if (const auto g = t->number("growth", "largest size ratio of neighbouring cells")) {
      // Up to 1.3 the grid keeps the convection scheme's second order in
      // practice; 1.3-2 gives a coarse preview with a quarter of the cells.
      if (!(*g > 1.0 && *g <= kMaxPreviewGrowth))
        t->fail("growth",
                "must be > 1 and <= 2 (1.3 or less for answers; more is a coarse "
                "preview), got " +
                    number_text(*g));
      s.mesh.growth = *g;
    }
    if (const auto b = t->boolean("preview_start", "solve on the preview grid first"))
      s.mesh.preview_start = *b;
  }

  void read_solver() {
    std::optional<TomlTable> t = root.table_at("solver");
    if (!t) return;
    t->check_keys({"max_iterations", "tolerance", "settle_K", "settle_iterations"});
    if (const auto n = t->integer("max_iterations", "outer iteration limit")) {
      if (*n < 1 || *n > 10000000)
        t->fail("max_iterations", "must be a positive integer, got " + std::to_string(*n));
      s.solver.max_iterations = static_cast<int>(*n);
    }
    if (const auto tol = t->number("tolerance", "on the normalised residuals")) {
      if (!(*tol > 0)) t->fail("tolerance", "must be > 0, got " + number_text(*tol));
      s.solver.tolerance = *tol;
    }
    if (const auto band = t->number("settle_K", "temperature band that counts as settled, K")) {
      if (!(*band >= 0)) t->fail("settle_K", "must be >= 0 (0 = off), got " + number_text(*band));
      s.solver.settle_K = *band;
    }
    if (const auto n = t->integer("settle_iterations", "iterations the band must hold")) {
      if (*n < 10 || *n > 10000000)
        t->fail("settle_iterations", "must be an integer >= 10, got " + std::to_string(*n));
      s.solver.settle_iterations = static_cast<int>(*n);
    }
  }

  // Air must be able to leave: an exhaust fan, a vent not covered by
  // intake fans, a blower's bracket, or vented slot covers.
  void check_outlet() {
    for (const BuildFan& f : s.fans) {
      if (!f.intake && f.speed_pct > 0) return;
    }
    for (const CaseVent& v : s.case_model.vents) {
      if (!v.open || v.free_area <= 0) continue;
      double covered = 0;
      for (const BuildFan& f : s.fans) {
        if (f.where.face && v.face && *f.where.face == *v.face) {
          const Box sq = fan_square(f.where, f.model.size_m);
          const Box vb = vent_box(v);
          const int a = face_axis(*v.face);
          double area = 1;
          for (int k = 0; k < 3; ++k) {
            if (k != a) area *= std::max(0.0, box_overlap(sq, vb, k));
          }
          covered += area;
        }
      }
      if (v.area_m2() - covered > 0.05 * v.area_m2()) return;
    }
    for (const BuildGpu& g : s.gpus) {
      if (g.model.exhaust != GpuExhaust::case_interior) return;
    }
    int used = 0;
    for (const BuildGpu& g : s.gpus) used += g.last_slot - g.slot + 1;
    if (s.case_model.expansion_blank_free_area > 0 && used < s.case_model.expansion_slots) return;
    const int line = s.fans.empty() ? 0 : s.fans.back().line;
    throw ScenarioError(file, line,
                        s.fans.empty() ? "fan" : "fan[" + std::to_string(s.fans.size()) + "]",
                        "no air outlet anywhere in " + s.case_model.info.id +
                            ": every fan is an intake, every vent is covered by intake fans and "
                            "nothing exhausts through the slots; make a rear or top fan "
                            "direction = \"exhaust\"");
  }

  struct Obstacle {
    std::string name;
    Box box;
  };

  void layout() {
    std::vector<Obstacle> obstacles;
    for (const BuildGpu& g : s.gpus) {
      obstacles.push_back({g.model.info.id + " in slot " + std::to_string(g.slot), g.box});
    }
    if (s.case_model.psu_shroud)
      obstacles.push_back(
          {"PSU shroud", Box{s.case_model.psu_shroud->min_m, s.case_model.psu_shroud->max_m}});
    if (s.psu) obstacles.push_back({"PSU", s.psu->box});
    if (s.cpu) obstacles.push_back({"CPU cooler " + s.cpu->cooler.info.id, s.cpu->cooler_box});
    for (const CaseBox& o : s.case_model.obstructions)
      obstacles.push_back({o.name, Box{o.min_m, o.max_m}});
    const int a = BoardPlacement::axis_of(s.board.up);
    const double sg = BoardPlacement::sign_of(s.board.up);
    const double wall_hi = s.case_model.interior_m[a];
    const Face up_face = static_cast<Face>(2 * a + (sg > 0 ? 1 : 0));
    const Face down_face = static_cast<Face>(2 * a + (sg > 0 ? 0 : 1));
    for (std::size_t i = 0; i < s.gpus.size(); ++i) {
      BuildGpu& g = s.gpus[i];
      // towards the board's top edge (+sg along a), then its bottom edge
      for (int dir : {+1, -1}) {
        const double s_dir = sg * dir;
        double best = s_dir > 0 ? wall_hi - g.box.max_m[a] : g.box.min_m[a];
        std::string what =
            std::string("case ") + case_face_name(dir > 0 ? up_face : down_face) + " wall";
        for (std::size_t j = 0; j < obstacles.size(); ++j) {
          if (j == i) continue;
          const Obstacle& o = obstacles[j];
          if (!boxes_overlap_except(g.box, o.box, a)) continue;
          const double d =
              s_dir > 0 ? o.box.min_m[a] - g.box.max_m[a] : g.box.min_m[a] - o.box.max_m[a];
          if (d >= -1e-9 && d < best) {
            best = std::max(d, 0.0);
            what = o.name;
          }
        }
        (dir > 0 ? g.gap_above_m : g.gap_below_m) = best;
        (dir > 0 ? g.above : g.below) = what;
      }
      faces_of(g, down_face);
    }
  }

  void faces_of(BuildGpu& g, Face down_face) {
    const int ra = BoardPlacement::axis_of(s.board.rear);
    const double rs = BoardPlacement::sign_of(s.board.rear);
    const Face tail = static_cast<Face>(2 * ra + (rs > 0 ? 0 : 1));
    const int na = BoardPlacement::axis_of(s.board.normal);
    const Face side =
        static_cast<Face>(2 * na + (BoardPlacement::sign_of(s.board.normal) > 0 ? 1 : 0));
    std::vector<Face> looked = {tail, side};
    if (g.below.rfind("case ", 0) == 0) looked.push_back(down_face);
    for (Face f : looked) {
      const int pa = face_axis(f);
      for (const BuildFan& fan : s.fans) {
        if (fan.where.face == f &&
            flat_overlap(g.box, fan_square(fan.where, fan.model.size_m), pa)) {
          g.faces.push_back("fan " + fan_label(fan));
        }
      }
      for (const CaseVent& v : s.case_model.vents) {
        if (v.face == f && v.open && flat_overlap(g.box, vent_box(v), pa)) {
          g.faces.push_back("vent " + v.name + " (" + case_face_name(f) + ")");
        }
      }
    }
    if (!g.model.has_fans()) {
      g.faces.insert(g.faces.begin(),
                     "passive: needs the case's airflow through it (in at its tail, out "
                     "through its bracket)");
    } else if (g.model.exhaust == GpuExhaust::bracket) {
      g.faces.insert(g.faces.begin(), "exhausts through its bracket (blower)");
    } else if (g.model.exhaust == GpuExhaust::split) {
      g.faces.insert(g.faces.begin(), "exhausts into the case and through its bracket");
    } else {
      g.faces.insert(g.faces.begin(), "exhausts into the case");
    }
  }
};

// [parts] path as written: a string or a list of strings.
std::vector<std::string> parts_paths(const toml::table& root, const std::string& source_name) {
  const TomlTable r(root, "", source_name);
  const std::optional<TomlTable> t = r.table_at("parts");
  if (!t) return {};
  t->check_keys({"path"});
  const toml::node* n = t->find("path");
  if (!n) t->missing("path", "a folder of extra part files, relative to this file");
  if (n->is_string()) return {*t->string("path")};
  return *t->strings("path", "folders of extra part files, relative to this file");
}

// The same, resolved against the file's folder and checked to exist.
std::vector<std::string> build_parts_folders(const toml::table& root,
                                             const std::string& source_name) {
  const std::filesystem::path here = std::filesystem::path(source_name).parent_path();
  std::vector<std::string> out;
  for (const std::string& p : parts_paths(root, source_name)) {
    const std::filesystem::path folder =
        std::filesystem::path(p).is_absolute() ? std::filesystem::path(p) : here / p;
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
      TomlTable(root, "", source_name)
          .table_at("parts")
          ->fail("path", "folder " + folder.string() +
                             " not found (extra part files, e.g. what "
                             "`rigtherm calibrate` writes; relative to this file)");
    }
    out.push_back(folder.string());
  }
  return out;
}

}  // namespace

double BuildFan::flow_m3_s() const {
  if (speed_pct <= 0) return 0.0;
  return model.curve.at_speed(speed_pct / 100.0).max_flow_m3_s();
}

double BuildScenario::gpu_W() const {
  double w = 0;
  for (const BuildGpu& g : gpus) w += g.power_W;
  return w;
}

double BuildScenario::drive_W() const {
  double w = 0;
  for (const BuildDrive& d : drives) w += d.model.active_W;
  return w;
}

bool is_build_scenario(std::string_view text) {
  return find_compact_toml_line(text, [](const std::string& line) {
    return line.rfind("[case]", 0) == 0 || line.rfind("[[gpu]]", 0) == 0;
  });
}

BuildScenario parse_build_scenario(std::string_view text, const std::string& source_name,
                                   const PartsLibrary& library) {
  const toml::table root = parse_toml(text, source_name);
  parts_paths(root, source_name);  // the key's form; the library given holds its parts
  Reader r{library, source_name, TomlTable(root, "", source_name), {}};
  r.s.source_name = source_name;
  r.read();
  return std::move(r.s);
}

PartsLibrary build_parts_library(std::string_view text, const std::string& source_name) {
  const toml::table root = parse_toml(text, source_name);
  std::vector<std::string> extra = PartsLibrary::default_extra_dirs();
  for (std::string& d : build_parts_folders(root, source_name)) extra.push_back(std::move(d));
  return PartsLibrary::load(PartsLibrary::default_dir(), extra);
}

BuildScenario parse_build_scenario(std::string_view text, const std::string& source_name) {
  const PartsLibrary lib = build_parts_library(text, source_name);
  return parse_build_scenario(text, source_name, lib);
}

BuildScenario load_build_scenario(const std::string& path) {
  return parse_build_scenario(input_file_text(path, "build scenario"), path);
}

}  // namespace rt
