#include "app/commands/check.hpp"

#include <fmt/core.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/exit_status.hpp"
#include "app/output_folder.hpp"
#include "app/pipeline/pictures.hpp"
#include "app/pipeline/scenario_input.hpp"
#include "geometry/snapped_grid.hpp"
#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/grid_distance.hpp"
#include "scenarios/builds/lower_build.hpp"
#include "scenarios/builds/sanity/build_sanity.hpp"
#include "solver/coarse_grid_start.hpp"
#include "solver/grid_sequencing.hpp"
#include "solver/memory_estimate.hpp"
#include "solver/model_placement.hpp"
#include "viz/picture.hpp"

namespace fs = std::filesystem;

namespace rt::app {

namespace {

double to_C(double T_K) { return T_K - kCelsiusToKelvin; }

std::string describe_boundary(const Boundary& b) {
  auto vec = [](const Vec3& v) { return fmt::format("[{:g}, {:g}, {:g}] m/s", v[0], v[1], v[2]); };
  switch (b.type) {
    case BoundaryType::wall: {
      std::string s = "wall";
      if (b.velocity_m_s != Vec3{0, 0, 0}) s += ", moving " + vec(b.velocity_m_s);
      if (b.T_K) {
        s += fmt::format(", T = {:g} °C", to_C(*b.T_K));
      } else if (b.heat_flux_W_m2) {
        s += fmt::format(", heat flux {:g} W/m² into the domain", *b.heat_flux_W_m2);
      } else {
        s += ", adiabatic";
      }
      return s;
    }
    case BoundaryType::symmetry:
      return "symmetry";
    case BoundaryType::inlet:
      return fmt::format("inlet, {}, T = {}", vec(b.velocity_m_s),
                         b.T_K ? fmt::format("{:g} °C", to_C(*b.T_K)) : "reference");
    case BoundaryType::opening:
      return fmt::format("opening, p = {:g} Pa, incoming air at {}", b.pressure_Pa,
                         b.T_K ? fmt::format("{:g} °C", to_C(*b.T_K)) : "reference T");
  }
  return "?";
}

// The grid a model asks for, in one line per axis plus the total, and the
// preview grid solved first (`preview` cells, 0 when none).
void print_grid(const Model& m, const Grid& g, std::size_t preview) {
  const std::size_t cells = g.total_cells();
  fmt::print(
      "grid      {} x {} x {} = {} cells{}\n", g.nx(), g.ny(), g.nz(), cells,
      m.snapped_grid
          ? fmt::format(" (snapped to the blocks: max cell {:g} mm, {} cells per gap, growth {:g})",
                        m.snapped_grid->max_cell_m * 1e3, m.snapped_grid->min_cells_per_gap,
                        m.snapped_grid->growth)
          : " (uniform)");
  if (m.snapped_grid && m.snapped_grid->growth > kBuildAnswerGrowth + 1e-12)
    fmt::print(
        "          growth {:g} > {:g}: a coarse preview (rank layouts, check balances); "
        "compare final answers at {:g} or less\n",
        m.snapped_grid->growth, kBuildAnswerGrowth, kBuildAnswerGrowth);
  for (int a = 0; a < 3; ++a) {
    double lo = g.width(a, 0), hi = lo;
    for (int i = 0; i < g.cells(a); ++i) {
      lo = std::min(lo, g.width(a, i));
      hi = std::max(hi, g.width(a, i));
    }
    fmt::print("          {}: cell size {:.3g} to {:.3g} mm\n", "xyz"[a], lo * 1e3, hi * 1e3);
  }
  if (preview > 0)
    fmt::print(
        "          solved first on the preview grid ({} cells, growth {:g}), then on this one "
        "from its answer (grid sequencing; [mesh] preview_start = false to skip)\n",
        preview, m.preview_grid->growth);
  if (const std::size_t coarse = coarse_start_cells(m, g))
    fmt::print(
        "          solved first on {} coarser grid(s) of this one, pairs of cells merged "
        "(largest {} cells), then from that answer ([solver] coarse_start = false to skip)\n",
        coarse_start_levels(g), coarse);
}

// Prints the plan and the memory available; returns the refusal (empty when
// it fits, cannot be told, or `force`).
std::string print_memory(const MemoryPlan& plan, bool force) {
  const std::optional<double> available = available_memory_bytes();
  fmt::print("memory    about {} ({:g} B/cell x {} cells){}\n", memory_text(plan.bytes()),
             plan.bytes_per_cell, plan.cells,
             available ? fmt::format(", {} available", memory_text(*available)) : "");
  if (!available || force) return {};
  return memory_refusal(plan, *available);
}

// ---------------------------------------------------------------------------
// `rigtherm check` on a build scenario ([case], [[gpu]]): the case, board,
// layout table and heat, then the generic model it lowers to and its grid.

std::string mm3(const Vec3& v) {
  return fmt::format("{:.0f} x {:.0f} x {:.0f}", v[0] * 1e3, v[1] * 1e3, v[2] * 1e3);
}

std::string at_mm(const Vec3& v) {
  return fmt::format("[{:.1f}, {:.1f}, {:.1f}]", v[0] * 1e3, v[1] * 1e3, v[2] * 1e3);
}

void print_layout_row(const std::string& name, const Box& b, double W, const std::string& rest) {
  fmt::print("  {:<30} {:<24} {:<18} {:>6.0f} W  {}\n", name, at_mm(b.min_m), mm3(b.size_m()), W,
             rest);
}

std::string layout_path(const CheckArgs& a) {
  return a.layout.empty() ? fs::path(a.scenario).stem().string() + "-layout.png" : a.layout;
}

// What `run` would refuse on this grid (a part thinner than a cell, heat
// with no way out), in its words (solver/model_placement.hpp). True when
// refused.
bool refused_as_unsolvable(const Model& m, const Grid& g, const std::string& path) {
  if (!placement_fits_in_memory(g)) {
    fmt::print("placement not checked: this grid is beyond the machine's memory (--force)\n");
    return false;
  }
  try {
    check_solvable(m, g);
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "rigtherm: cannot solve {}: {}\n", path, e.what());
    return true;
  }
  return false;
}

// What can go wrong besides heat (scenarios/builds/sanity/): one line per
// check, its fix under it.
void print_build_sanity(const std::vector<SanityCheck>& checks) {
  fmt::print("\nbuild sanity\n");
  for (const SanityCheck& c : checks) {
    fmt::print("  {:<5} {:<11} {}\n", sanity_level_text(c.level), c.topic, c.text);
    if (!c.fix.empty()) fmt::print("  {:<5} {:<11} fix: {}\n", "", "", c.fix);
  }
}

int cmd_check_build(const ScenarioInput& in, const CheckArgs& args) {
  const std::string& path = in.path;
  const BuildScenario s = parse_build_input(in);
  const CaseModel& c = s.case_model;
  fmt::print("build     {}\n", path);
  fmt::print(
      "case      {} ({}): interior {} mm (x tray→side, y up, z front→rear), ambient {:g} °C\n",
      c.info.id, c.info.name, mm3(c.interior_m), to_C(s.ambient_K));
  fmt::print("vents\n");
  for (const CaseVent& v : c.vents) {
    const double eff = v.free_area * v.filter_free_area.value_or(1.0);
    fmt::print("  {:<12} {:<7} {:>7.0f} cm², free area {:g}{}{} → {:.0f} cm² open\n", v.name,
               v.face ? case_face_name(*v.face) : "inside", v.area_m2() * 1e4, v.free_area,
               v.filter_free_area ? fmt::format(" x filter {:g}", *v.filter_free_area) : "",
               v.open ? "" : " (closed as shipped)", v.open ? v.area_m2() * eff * 1e4 : 0.0);
  }
  fmt::print("  {:<12} {:<7} {} slots, blanks free area {:g}\n", "expansion",
             c.expansion_face ? case_face_name(*c.expansion_face) : "-", c.expansion_slots,
             c.expansion_blank_free_area);
  if (s.fans.empty()) {
    fmt::print("fans      none\n");
  } else {
    fmt::print("fans{}\n", s.stock_fans ? "      (the case's stock fans; no [[fan]] given)" : "");
    for (const BuildFan& f : s.fans) {
      const double q = f.flow_m3_s();
      // Stock fans say which model they are, or that a same-size library
      // fan stands in for a model the case does not name.
      const std::string stock = !s.stock_fans ? std::string()
                                : f.stand_in  ? "  stand-in (stock model not sourced)"
                                              : "  stock: " + f.model.info.name;
      fmt::print(
          "  {:<12} {:<7} {:<24} {:<7} {:>3.0f} %  {:.0f} m³/h ({:.1f} CFM) free delivery{}\n",
          f.mount, f.where.face ? case_face_name(*f.where.face) : "inside", f.model.info.id,
          f.intake ? "intake" : "exhaust", f.speed_pct, q * 3600.0, q * 2118.88, stock);
    }
  }
  const BoardPlacement& b = s.board;
  fmt::print(
      "board     {} {:.0f} x {:.0f} mm, {} slots at {:.2f} mm pitch (slot 1 nearest the CPU)\n",
      b.form.name, b.form.length_m * 1e3, b.form.depth_m * 1e3, b.form.slots, kSlotPitch_m * 1e3);
  if (s.motherboard) {
    const MotherboardModel& mb = *s.motherboard;
    std::vector<std::string> slots;
    for (const PcieSlotWiring& w : mb.slots)
      slots.push_back(fmt::format(
          "{} {} x{}{} {}", w.position, w.label, w.lanes,
          w.mechanical > w.lanes ? fmt::format(" (x{} size)", w.mechanical) : std::string(),
          w.from == LaneSource::cpu ? "CPU" : "chipset"));
    fmt::print("          {} ({}): {}, {}; PCIe slots {}; {} M.2, {} DIMM slots\n", mb.info.id,
               mb.info.name, mb.socket, mb.chipset, fmt::join(slots, ", "), mb.m2.size(),
               mb.dimm_slots);
  }
  fmt::print("\nlayout (case frame, mm: min corner, size x/y/z)\n");
  fmt::print("  {:<30} {:<24} {:<18} {:>8}  {}\n", "part", "position mm", "size mm", "power",
             "notes");
  print_layout_row("board " + b.form.name, b.outline(), 0, "");
  if (s.cpu) {
    print_layout_row("cpu " + s.cpu->model.info.id, s.cpu->socket, s.cpu->power_W, "socket");
    print_layout_row("cooler " + s.cpu->cooler.info.id, s.cpu->cooler_box, 0,
                     s.cpu->cooler.kind == CpuCoolerKind::tower ? "tower" : "AIO pump block");
  }
  for (const BuildGpu& g : s.gpus) {
    std::string speed =
        g.fan_speed_pct ? fmt::format(", fans fixed at {:g} %", *g.fan_speed_pct) : std::string();
    print_layout_row(fmt::format("gpu slot {} {}", g.slot, g.model.info.id), g.box, g.power_W,
                     fmt::format("slots {}..{}{}", g.slot, g.last_slot, speed));
    fmt::print("  {:<30} gap above {:.1f} mm (to {}), gap below {:.1f} mm (to {})\n", "",
               g.gap_above_m * 1e3, g.above, g.gap_below_m * 1e3, g.below);
    fmt::print("  {:<30} faces: {}\n", "", fmt::format("{}", [&] {
                 std::string out;
                 for (const std::string& f : g.faces) out += (out.empty() ? "" : "; ") + f;
                 return out;
               }()));
  }
  if (s.psu) {
    print_layout_row(
        "psu " + s.psu->model.info.id, s.psu->box, s.psu->heat_W,
        fmt::format("{:.0f} W DC load of {:.0f} W, {:.1f} % efficient", s.psu->load_W,
                    s.psu->model.rated_W, 100.0 * s.psu->model.efficiency_at(s.psu->load_W)));
  }
  for (const BuildDrive& d : s.drives) {
    if (d.box) {
      print_layout_row("drive " + d.model.info.id, *d.box, d.model.active_W, d.position);
    } else {
      fmt::print("  {:<30} {:<43} {:>6.0f} W  {}\n", "drive " + d.model.info.id, "(not placed)",
                 d.model.active_W, d.position);
    }
  }
  fmt::print(
      "\nheat      {:.0f} W in the case: GPUs {:.0f} W, CPU {:.0f} W, PSU loss {:.1f} W, "
      "drives {:.0f} W\n",
      s.total_heat_W(), s.gpu_W(), s.cpu_W(), s.psu_heat_W(), s.drive_W());
  for (const std::string& n : s.notes) fmt::print("note      {}\n", n);
  const std::vector<SanityCheck> sanity = build_sanity(s);
  print_build_sanity(sanity);

  std::vector<std::string> notes;
  const Model m = lower_build(s, &notes);
  const Grid g = make_grid(m);
  double power = 0;
  for (const Block& b : m.blocks) power += b.power_W;
  for (const PorousBlock& p : m.porous) power += p.power_W;
  int internal_fans = 0;
  for (const Fan& f : m.fans) internal_fans += f.internal_axis ? 1 : 0;
  fmt::print(
      "\nmodel     domain {} mm, {} solid blocks, {} porous fin stacks, {} fans ({} inside the "
      "case), {} vents, {} monitors; {:.0f} W\n",
      mm3(m.size_m), m.blocks.size(), m.porous.size(), m.fans.size(), internal_fans, m.vents.size(),
      m.monitors.size(), power);
  for (const PorousBlock& p : m.porous) {
    if (!p.die_resistance_K_W) continue;
    fmt::print("  {:<14} {:>6.0f} W, die R {:.3g} K/W at {:.3g} m³/s{}\n", p.name, p.power_W,
               *p.die_resistance_K_W, p.die_reference_flow_m3_s,
               p.throttle_K ? fmt::format(", throttles at {:.0f} °C", to_C(*p.throttle_K)) : "");
  }
  for (const std::string& n : notes) fmt::print("note      {}\n", n);
  const std::size_t preview = preview_cells(m);
  print_grid(m, g, preview);
  fmt::print("          grid distance: {}\n", grid_distance_statement(s));
  const std::string refusal = print_memory(plan_memory(m, g), args.force);
  if (!refusal.empty()) {
    fmt::print(stderr, "rigtherm: {}: {}\n", path, refusal);
    return kExitUsage;
  }
  if (refused_as_unsolvable(m, g, path)) return kExitUsage;
  if (!args.no_pictures) draw_layout(m, true, path, layout_path(args));
  int fails = 0, warns = 0;
  for (const SanityCheck& c : sanity) {
    fails += c.level == SanityLevel::fail;
    warns += c.level == SanityLevel::warn;
  }
  fmt::print("ok: {} is a valid build{}\n", path,
             fails + warns > 0
                 ? fmt::format(" (build sanity: {} FAIL, {} WARN; see above)", fails, warns)
                 : std::string());
  return 0;
}

// Porous blocks, vents and fans of a generic scenario, as `check` lists them.
void print_components(const Model& m) {
  const char* axes = "xyz";
  auto where = [&](const std::optional<int>& internal, Face face, const Vec3& lo) {
    return internal ? fmt::format("plane {} = {:g} mm", axes[*internal], lo[*internal] * 1e3)
                    : std::string(kFaceNames[static_cast<int>(face)]);
  };
  for (const PorousBlock& p : m.porous) {
    fmt::print("porous    {:<16} {:g} W", p.name, p.power_W);
    if (p.die_resistance_K_W)
      fmt::print(", die R {:g} K/W at {:g} m³/s", *p.die_resistance_K_W, p.die_reference_flow_m3_s);
    if (p.throttle_K)
      fmt::print(", holds {:g} °C (power down to {:g} %)", to_C(*p.throttle_K),
                 100 * p.min_power_fraction);
    fmt::print("\n");
  }
  for (const Vent& v : m.vents)
    fmt::print("vent      {:<16} on {}, K {:.3g}\n", v.name,
               where(v.internal_axis, v.face, v.min_m), v.loss_coefficient);
  for (const Fan& f : m.fans) {
    const std::string way =
        f.internal_axis
            ? fmt::format("blowing {}{}", f.blow_sign > 0 ? '+' : '-', axes[*f.internal_axis])
            : (f.intake ? "intake" : "exhaust");
    fmt::print("fan       {:<16} on {}, {}, {}{:g} m³/s free delivery, {:g} Pa shut-off, {}\n",
               f.name, where(f.internal_axis, f.face, f.min_m), way,
               f.diameter_m > 0 ? fmt::format("round {:g} mm, ", f.diameter_m * 1e3) : "",
               f.curve_flow_m3_s.back(), f.curve_pressure_Pa.front(),
               f.control ? fmt::format("speed on {}'s temperature", f.control->sensor)
                         : fmt::format("{:g} %", 100 * f.speed_fraction));
  }
}

}  // namespace

int cmd_check(const CheckArgs& args) {
  const std::string& scenario_path = args.scenario;
  // The layout picture's folder, before anything is read or printed.
  if (!args.no_pictures && viz::pictures_available())
    if (const std::string problem = output_file_problem(layout_path(args)); !problem.empty()) {
      fmt::print(stderr, "rigtherm: --layout: {} (--no-pictures skips the picture)\n", problem);
      return kExitUsage;
    }
  const ScenarioInput in = read_scenario_input(scenario_path, args.overrides);
  if (refused_as_sweep_file(in)) return kExitUsage;
  if (in.build) return cmd_check_build(in, args);
  const Model m = parse_generic_input(in);
  const Grid g = make_grid(m);
  const std::size_t cells = g.total_cells(), preview = preview_cells(m);

  fmt::print("scenario  {}\n", scenario_path);
  fmt::print("domain    {:g} x {:g} x {:g} mm\n", m.size_m[0] * 1e3, m.size_m[1] * 1e3,
             m.size_m[2] * 1e3);
  print_grid(m, g, preview);
  fmt::print(
      "fluid     rho {:g} kg/m³, mu {:.4g} Pa·s, k {:.4g} W/(m·K), cp {:g} J/(kg·K), "
      "beta {:.4g} 1/K\n",
      m.fluid.density_kg_m3, m.fluid.viscosity_Pa_s, m.fluid.conductivity_W_mK,
      m.fluid.specific_heat_J_kgK, m.fluid.expansion_1_K);
  fmt::print("physics   gravity [{:g}, {:g}, {:g}] m/s², reference T {:g} °C, {}\n",
             m.physics.gravity_m_s2[0], m.physics.gravity_m_s2[1], m.physics.gravity_m_s2[2],
             to_C(m.physics.reference_T_K), turbulence_name(m.physics.turbulence));

  fmt::print("boundaries\n");
  for (int f = 0; f < kFaceCount; ++f) {
    fmt::print("  {:<5} {}\n", kFaceNames[f], describe_boundary(m.boundary[f]));
  }

  if (m.blocks.empty()) {
    fmt::print("blocks    none\n");
  } else {
    fmt::print("blocks\n");
    double total_W = 0;
    for (const Block& b : m.blocks) {
      fmt::print("  {:<16} [{:g}, {:g}, {:g}] – [{:g}, {:g}, {:g}] mm, {:g} W, k {:g} W/(m·K)\n",
                 b.name, b.min_m[0] * 1e3, b.min_m[1] * 1e3, b.min_m[2] * 1e3, b.max_m[0] * 1e3,
                 b.max_m[1] * 1e3, b.max_m[2] * 1e3, b.power_W, b.conductivity_W_mK);
      total_W += b.power_W;
    }
    fmt::print("  total power {:g} W\n", total_W);
  }
  print_components(m);
  if (!m.monitors.empty()) {
    fmt::print("monitors\n");
    for (const Monitor& mo : m.monitors) {
      fmt::print("  {:<16} [{:g}, {:g}, {:g}] mm\n", mo.name, mo.position_m[0] * 1e3,
                 mo.position_m[1] * 1e3, mo.position_m[2] * 1e3);
    }
  }
  if (m.solver.mode == SolveMode::transient) {
    const TransientSettings& t = m.solver.transient;
    fmt::print(
        "solver    transient ({}), {:g} s steps to {:g} s ({} steps), samples every {:g} s, "
        "up to {} iterations per step to {:g}, from {:g} °C at rest\n",
        t.scheme == TimeScheme::bdf2 ? "BDF2" : "backward Euler", t.time_step_s, t.end_time_s,
        planned_steps(t), t.output_interval_s, t.iterations_per_step, t.step_tolerance,
        to_C(t.initial_T_K));
  } else {
    fmt::print("solver    steady, max_iterations {}, tolerance {:g}\n", m.solver.max_iterations,
               m.solver.tolerance);
  }
  const std::string refusal = print_memory(plan_memory(m, g), args.force);
  if (!refusal.empty()) {
    fmt::print(stderr, "rigtherm: {}: {}\n", scenario_path, refusal);
    return kExitUsage;
  }
  if (refused_as_unsolvable(m, g, scenario_path)) return kExitUsage;
  if (!args.no_pictures) draw_layout(m, false, scenario_path, layout_path(args));
  fmt::print("ok: {} is valid\n", scenario_path);
  return 0;
}

}  // namespace rt::app
