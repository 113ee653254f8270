// rigtherm command line.
//
//   rigtherm run SCENARIO.toml -o OUT/ [--backend cpu|cuda|mirror] [--threads N] [--quiet]
//                [--resume] [--checkpoint-every N] [--checkpoint-minutes M]
//   rigtherm check SCENARIO.toml
//   rigtherm sweep SWEEP.toml -o DIR/ [--dry-run] [--jobs N] [--threads N] [--resume]
//                  [--retry-failed] [--max-variants N]   (app/sweep.hpp: its exit codes)
//   rigtherm sweep --collect DIR/
//   rigtherm parts [list | show NAME]
//   rigtherm --version
//
// Exit status: 0 done (converged; transient: every step converged); 1
// unexpected error; 2 bad command line, scenario or backend; 3 the solution
// diverged (summary.json says so, no result.h5); 4 not converged within
// max_iterations, or transient steps that stopped at iterations_per_step
// (results written); 130 interrupted by SIGINT/SIGTERM (results so far
// written, not converged).

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli_checks.hpp"
#include "app/human_duration.hpp"
#include "app/output_folder.hpp"
#include "app/pipeline/scenario_input.hpp"
#include "app/sweep.hpp"
#include "cuda/device_memory.hpp"
#include "cuda/device_query.hpp"
#include "geometry/grid.hpp"
#include "geometry/snapped_grid.hpp"
#include "io/atomic_file.hpp"
#include "io/checkpoint_h5.hpp"
#include "io/result_h5.hpp"
#include "io/summary_json.hpp"
#include "io/time_series_csv.hpp"
#include "scenarios/any_scenario.hpp"
#include "scenarios/breathing.hpp"
#include "scenarios/build_scenario.hpp"
#include "scenarios/lower_build.hpp"
#include "scenarios/model.hpp"
#include "scenarios/parts_library.hpp"
#include "scenarios/scenario_file.hpp"
#include "scenarios/summary.hpp"
#include "scenarios/sweep_file.hpp"
#include "solver/coarse_grid_start.hpp"
#include "solver/grid_sequencing.hpp"
#include "solver/memory_estimate.hpp"
#include "solver/run.hpp"
#include "solver/settle_estimate.hpp"
#include "viz/picture.hpp"
#include "viz/report.hpp"

#ifndef RT_VERSION
#define RT_VERSION "0.1.0"
#endif

namespace fs = std::filesystem;
using rt::app::human_duration;

namespace {

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitDiverged = 3;
constexpr int kExitNotConverged = 4;
constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

double to_C(double T_K) { return T_K - rt::kCelsiusToKelvin; }

// ---------------------------------------------------------------------------
// Progress while solving. On a terminal: one line on stderr rewritten (\r)
// about every 0.5 s. Otherwise (log file, CI): a plain line every 10 % of
// max_iterations (transient: of the steps), and at least every 10 s early
// on, the interval growing with the run (a 30th of the time so far, at most
// 5 min) so that a run of hours logs a few lines a minute at most. Each line:
// the iteration, the residuals against the tolerance, the hottest part
// (die, else hottest cell), seconds per iteration and the time left.
// Transient runs report per time step: the time reached and the iterations
// the step took. --log-json writes one JSON object per line, on the log
// cadence, for machines; --quiet silences the terminal line only.
class ProgressPrinter {
 public:
  ProgressPrinter(bool enabled, std::FILE* json)
      : enabled_(enabled), tty_(::isatty(STDERR_FILENO) == 1), json_(json) {}

  void operator()(const rt::Progress& p) {
    if (have_last_ && p.stage != last_.stage) new_stage();
    last_ = p;
    have_last_ = true;
    const auto now = Clock::now();
    const bool log_due = plain_due(p, now);
    if (json_ != nullptr && log_due) write_json(p);
    if (!enabled_) return;
    const double since = std::chrono::duration<double>(now - last_print_).count();
    const bool due = tty_ ? !printed_ || since >= 0.5 : log_due;
    if (!due) return;
    last_print_ = now;
    print(p);
  }

  // Shows the last iteration if it has not been shown yet, and ends the
  // rewritten line so that what follows starts on a fresh one.
  void finish() {
    if (enabled_ && have_last_ && last_.iteration != printed_iteration_) print(last_);
    if (json_ != nullptr && have_last_ && last_.iteration != json_iteration_) write_json(last_);
    if (json_ != nullptr) std::fflush(json_);
    if (line_open_) std::fputc('\n', stderr);
    line_open_ = false;
    std::fflush(stderr);
  }

  bool has_last() const { return have_last_; }
  const rt::Progress& last() const { return last_; }

 private:
  using Clock = std::chrono::steady_clock;

  // A grid-sequenced run moved from its preview to the full grid: the
  // iteration count starts again, and so do the residuals' decay estimate
  // and the log cadence. The preview's last line stays on screen.
  void new_stage() {
    if (enabled_ && last_.iteration != printed_iteration_) print(last_);
    if (line_open_) std::fputc('\n', stderr);
    line_open_ = false;
    history_count_ = 0;
    next_iteration_ = 0;
    logged_ = false;
    printed_ = false;
    printed_iteration_ = -1;
    json_iteration_ = -1;
  }

  // The log cadence (plain lines and JSON): every 10 % of the run, and
  // every `interval` seconds, the interval growing with the run.
  bool plain_due(const rt::Progress& p, Clock::time_point now) {
    // Counted in iterations for steady runs, in steps for transient ones.
    const int done = p.steps > 0 ? p.step : p.iteration;
    const int total = p.steps > 0 ? p.steps : p.max_iterations;
    const int step = std::max(1, total / 10);
    const double since = std::chrono::duration<double>(now - last_log_).count();
    const double interval = std::clamp(p.elapsed_s / 30.0, 10.0, 300.0);
    const bool due = !logged_ || since >= interval || done >= next_iteration_ || done == total;
    if (due) {
      next_iteration_ = (done / step + 1) * step;
      last_log_ = now;
      logged_ = true;
      record(p);
    }
    return due;
  }

  void print(const rt::Progress& p) {
    if (tty_) record(p);
    const std::string line = format(p);
    if (tty_) {
      std::fprintf(stderr, "\r%s\033[K", line.c_str());
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
    std::fflush(stderr);
    printed_ = true;
    printed_iteration_ = p.iteration;
    line_open_ = tty_;
  }

  void write_json(const rt::Progress& p) {
    nlohmann::json j;
    j["iteration"] = p.iteration;
    j["max_iterations"] = p.max_iterations;
    j["residuals"] = {{"mass", p.mass}, {"momentum", p.momentum}, {"energy", p.energy}};
    j["tolerance"] = p.tolerance;
    j["seconds_per_iteration"] = p.seconds_per_iteration;
    j["elapsed_s"] = p.elapsed_s;
    if (!p.stage.empty()) j["stage"] = {{"name", p.stage}, {"cells", p.stage_cells}};
    bool bounded = false;
    const double eta = p.steps > 0 ? transient_eta_s(p) : eta_s(p, &bounded);
    j["eta_s"] = std::isfinite(eta) ? nlohmann::json(eta) : nlohmann::json();
    if (p.steps > 0) {
      j["step"] = p.step;
      j["steps"] = p.steps;
      j["time_s"] = p.time_s;
      j["end_time_s"] = p.end_time_s;
      j["step_iterations"] = p.step_iterations;
      j["step_converged"] = p.step_converged;
    }
    if (!p.hottest_name.empty()) j["hottest"] = {{"name", p.hottest_name}, {"T_C", p.hottest_C}};
    std::fprintf(json_, "%s\n", j.dump().c_str());
    std::fflush(json_);
    json_iteration_ = p.iteration;
  }

  static double worst(const rt::Progress& p) { return std::max({p.mass, p.momentum, p.energy}); }

  // Keeps a few earlier (iteration, worst residual) samples to estimate how
  // fast the residuals fall.
  void record(const rt::Progress& p) {
    if (history_count_ == kHistory) {
      std::copy(history_ + 1, history_ + kHistory, history_);
      --history_count_;
    }
    history_[history_count_++] = {p.iteration, worst(p)};
  }

  // Remaining time: from the residuals' recent log-linear decay when they are
  // falling, or from how fast the answer is settling in a run that may stop
  // as settled, whichever comes first, capped by max_iterations (*bounded
  // then); otherwise the time to max_iterations.
  double eta_s(const rt::Progress& p, bool* bounded) const {
    const int remaining = std::max(0, p.max_iterations - p.iteration);
    double iters = remaining;
    *bounded = true;
    // A stage with an expected length (a sequenced run's full grid: about
    // 1.3 settle windows) is timed by it, and past it by one settle span
    // more: its residuals fall steeply at first (the interpolated flow made
    // conservative) and its answer swings rather than settles, so both
    // estimates below were off by 2-76x there (docs/performance.md).
    if (p.expected_iterations > 0) {
      *bounded = false;
      const int expected = std::max(p.expected_iterations - p.iteration, p.settle_span);
      return std::min(remaining, expected) * pace(p) + p.later_stages_s;
    }
    const double settle = rt::iterations_until_settled(p);
    if (settle < remaining) {
      iters = settle;
      *bounded = false;
    }
    const Sample& old = history_[0];
    const double w = worst(p);
    if (history_count_ >= 2 && p.iteration > old.iteration && old.worst > 0 && w > 0 &&
        p.tolerance > 0 && w < old.worst) {
      const double rate = std::log(old.worst / w) / (p.iteration - old.iteration);
      const double needed = w > p.tolerance ? std::log(w / p.tolerance) / rate : 0.0;
      if (needed < iters) {
        iters = needed;
        *bounded = false;
      }
    }
    return iters * pace(p) + p.later_stages_s;
  }

  // Seconds per iteration over the run so far: steadier than the last
  // iteration's, which jumps when the linear solvers work harder or the
  // machine is busy.
  static double pace(const rt::Progress& p) {
    return p.iteration > 0 ? p.elapsed_s / p.iteration : p.seconds_per_iteration;
  }

  // Remaining steps at the average pace so far.
  static double transient_eta_s(const rt::Progress& p) {
    return p.step > 0 ? p.elapsed_s / p.step * (p.steps - p.step) : 0.0;
  }

  static std::string hottest(const rt::Progress& p) {
    if (p.hottest_name.empty()) return {};
    return fmt::format("  hottest {} {:.1f} °C", p.hottest_name, p.hottest_C);
  }

  std::string format(const rt::Progress& p) const {
    if (p.steps > 0) {
      return fmt::format(
          "step {}/{}  t {:.6g}/{:.6g} s  {} it{}  mass {:.2e} mom {:.2e} energy {:.2e} (tol "
          "{:.0e}){}  ETA {}",
          p.step, p.steps, p.time_s, p.end_time_s, p.step_iterations,
          p.step_converged ? "" : " (cap)", p.mass, p.momentum, p.energy, p.tolerance, hottest(p),
          human_duration(transient_eta_s(p)));
    }
    bool bounded = false;
    const double eta = eta_s(p, &bounded);
    std::string stage;
    if (p.stage == "preview") stage = fmt::format("preview grid ({} cells) ", p.stage_cells);
    if (p.stage == "coarse") stage = fmt::format("coarse start ({} cells) ", p.stage_cells);
    if (p.stage == "full") stage = fmt::format("full grid ({} cells) ", p.stage_cells);
    // A coarse level's own end says little about the run's (its iterations
    // cost a sixteenth of the run's grid's and their number is not known).
    const std::string eta_text =
        p.stage == "coarse" ? std::string("ETA after the coarse start")
                            : fmt::format("ETA {}{}", bounded ? "<= " : "~", human_duration(eta));
    return stage + fmt::format(
                       "iter {}/{}  mass {:.2e} mom {:.2e} energy {:.2e} (tol {:.0e}){}  {:.3g} "
                       "s/it  {}",
                       p.iteration, p.max_iterations, p.mass, p.momentum, p.energy, p.tolerance,
                       hottest(p), pace(p), eta_text);
  }

  struct Sample {
    int iteration = 0;
    double worst = 0;
  };
  static constexpr int kHistory = 8;

  bool enabled_;
  bool tty_;
  std::FILE* json_;
  bool printed_ = false;
  bool logged_ = false;
  bool line_open_ = false;
  int next_iteration_ = 0;
  int printed_iteration_ = -1;
  int json_iteration_ = -1;
  Clock::time_point last_print_{};
  Clock::time_point last_log_{};
  Sample history_[kHistory];
  int history_count_ = 0;
  rt::Progress last_{};
  bool have_last_ = false;
};

// ---------------------------------------------------------------------------
// `rigtherm check`

std::string describe_boundary(const rt::Boundary& b) {
  auto vec = [](const rt::Vec3& v) {
    return fmt::format("[{:g}, {:g}, {:g}] m/s", v[0], v[1], v[2]);
  };
  switch (b.type) {
    case rt::BoundaryType::wall: {
      std::string s = "wall";
      if (b.velocity_m_s != rt::Vec3{0, 0, 0}) s += ", moving " + vec(b.velocity_m_s);
      if (b.T_K) {
        s += fmt::format(", T = {:g} °C", to_C(*b.T_K));
      } else if (b.heat_flux_W_m2) {
        s += fmt::format(", heat flux {:g} W/m² into the domain", *b.heat_flux_W_m2);
      } else {
        s += ", adiabatic";
      }
      return s;
    }
    case rt::BoundaryType::symmetry:
      return "symmetry";
    case rt::BoundaryType::inlet:
      return fmt::format("inlet, {}, T = {}", vec(b.velocity_m_s),
                         b.T_K ? fmt::format("{:g} °C", to_C(*b.T_K)) : "reference");
    case rt::BoundaryType::opening:
      return fmt::format("opening, p = {:g} Pa, incoming air at {}", b.pressure_Pa,
                         b.T_K ? fmt::format("{:g} °C", to_C(*b.T_K)) : "reference T");
  }
  return "?";
}

// The grid a model asks for, in one line per axis plus the total, and the
// preview grid solved first (`preview` cells, 0 when none).
void print_grid(const rt::Model& m, const rt::Grid& g, std::size_t preview) {
  const std::size_t cells = g.total_cells();
  fmt::print(
      "grid      {} x {} x {} = {} cells{}\n", g.nx(), g.ny(), g.nz(), cells,
      m.snapped_grid
          ? fmt::format(" (snapped to the blocks: max cell {:g} mm, {} cells per gap, growth {:g})",
                        m.snapped_grid->max_cell_m * 1e3, m.snapped_grid->min_cells_per_gap,
                        m.snapped_grid->growth)
          : " (uniform)");
  if (m.snapped_grid && m.snapped_grid->growth > rt::kBuildAnswerGrowth + 1e-12)
    fmt::print(
        "          growth {:g} > {:g}: a coarse preview (rank layouts, check balances); "
        "compare final answers at {:g} or less\n",
        m.snapped_grid->growth, rt::kBuildAnswerGrowth, rt::kBuildAnswerGrowth);
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
  if (const std::size_t coarse = rt::coarse_start_cells(m, g))
    fmt::print(
        "          solved first on {} coarser grid(s) of this one, pairs of cells merged "
        "(largest {} cells), then from that answer ([solver] coarse_start = false to skip)\n",
        rt::coarse_start_levels(g), coarse);
}

// Prints the plan and the memory available; returns the refusal (empty when
// it fits, cannot be told, or `force`).
std::string print_memory(const rt::MemoryPlan& plan, bool force) {
  const std::optional<double> available = rt::available_memory_bytes();
  fmt::print("memory    about {} ({:g} B/cell x {} cells){}\n", rt::memory_text(plan.bytes()),
             plan.bytes_per_cell, plan.cells,
             available ? fmt::format(", {} available", rt::memory_text(*available)) : "");
  if (!available || force) return {};
  return rt::memory_refusal(plan, *available);
}

// ---------------------------------------------------------------------------
// `rigtherm check` on a build scenario ([case], [[gpu]]): the case, board,
// layout table and heat, then the generic model it lowers to and its grid.

// A sweep file given to `check` or `run`: say what it is and what to run
// instead of failing on its top-level `base` key. True when refused.
bool refused_as_sweep_file(const rt::app::ScenarioInput& in) {
  if (!in.sweep) return false;
  const std::string& path = in.path;
  fmt::print(stderr,
             "rigtherm: {} is a sweep file (its `base` names the scenario it varies): run it with "
             "`rigtherm sweep {} -o DIR`, or list its variants with `rigtherm sweep {} -o DIR "
             "--dry-run`\n",
             path, path, path);
  return true;
}

std::string mm3(const rt::Vec3& v) {
  return fmt::format("{:.0f} x {:.0f} x {:.0f}", v[0] * 1e3, v[1] * 1e3, v[2] * 1e3);
}

std::string at_mm(const rt::Vec3& v) {
  return fmt::format("[{:.1f}, {:.1f}, {:.1f}]", v[0] * 1e3, v[1] * 1e3, v[2] * 1e3);
}

void print_layout_row(const std::string& name, const rt::Box& b, double W,
                      const std::string& rest) {
  fmt::print("  {:<30} {:<24} {:<18} {:>6.0f} W  {}\n", name, at_mm(b.min_m), mm3(b.size_m()), W,
             rest);
}

struct CheckArgs {
  std::string scenario;
  std::vector<std::string> overrides;  // KEY.PATH=VALUE
  std::string layout;                  // PNG path; empty: <scenario stem>-layout.png here
  bool no_pictures = false;
  bool force = false;  // no refusal for memory
};

void draw_layout(const rt::Model& m, bool is_build, const std::string& scenario,
                 const std::string& png);

std::string layout_path(const CheckArgs& a) {
  return a.layout.empty() ? fs::path(a.scenario).stem().string() + "-layout.png" : a.layout;
}

int cmd_check_build(const rt::app::ScenarioInput& in, const CheckArgs& args) {
  const std::string& path = in.path;
  const rt::BuildScenario s = rt::app::parse_build_input(in);
  const rt::CaseModel& c = s.case_model;
  fmt::print("build     {}\n", path);
  fmt::print(
      "case      {} ({}): interior {} mm (x tray→side, y up, z front→rear), ambient {:g} °C\n",
      c.info.id, c.info.name, mm3(c.interior_m), to_C(s.ambient_K));
  fmt::print("vents\n");
  for (const rt::CaseVent& v : c.vents) {
    const double eff = v.free_area * v.filter_free_area.value_or(1.0);
    fmt::print("  {:<12} {:<7} {:>7.0f} cm², free area {:g}{}{} → {:.0f} cm² open\n", v.name,
               v.face ? rt::case_face_name(*v.face) : "inside", v.area_m2() * 1e4, v.free_area,
               v.filter_free_area ? fmt::format(" x filter {:g}", *v.filter_free_area) : "",
               v.open ? "" : " (closed as shipped)", v.open ? v.area_m2() * eff * 1e4 : 0.0);
  }
  fmt::print("  {:<12} {:<7} {} slots, blanks free area {:g}\n", "expansion",
             c.expansion_face ? rt::case_face_name(*c.expansion_face) : "-", c.expansion_slots,
             c.expansion_blank_free_area);
  if (s.fans.empty()) {
    fmt::print("fans      none\n");
  } else {
    fmt::print("fans{}\n", s.stock_fans ? "      (the case's stock fans; no [[fan]] given)" : "");
    for (const rt::BuildFan& f : s.fans) {
      const double q = f.flow_m3_s();
      fmt::print("  {:<12} {:<7} {:<24} {:<7} {:>3.0f} %  {:.0f} m³/h ({:.1f} CFM) free delivery\n",
                 f.mount, f.where.face ? rt::case_face_name(*f.where.face) : "inside",
                 f.model.info.id, f.intake ? "intake" : "exhaust", f.speed_pct, q * 3600.0,
                 q * 2118.88);
    }
  }
  const rt::BoardPlacement& b = s.board;
  fmt::print(
      "board     {} {:.0f} x {:.0f} mm, {} slots at {:.2f} mm pitch (slot 1 nearest the CPU)\n",
      b.form.name, b.form.length_m * 1e3, b.form.depth_m * 1e3, b.form.slots,
      rt::kSlotPitch_m * 1e3);
  fmt::print("\nlayout (case frame, mm: min corner, size x/y/z)\n");
  fmt::print("  {:<30} {:<24} {:<18} {:>8}  {}\n", "part", "position mm", "size mm", "power",
             "notes");
  print_layout_row("board " + b.form.name, b.outline(), 0, "");
  if (s.cpu) {
    print_layout_row("cpu " + s.cpu->model.info.id, s.cpu->socket, s.cpu->power_W, "socket");
    print_layout_row("cooler " + s.cpu->cooler.info.id, s.cpu->cooler_box, 0,
                     s.cpu->cooler.kind == rt::CpuCoolerKind::tower ? "tower" : "AIO pump block");
  }
  for (const rt::BuildGpu& g : s.gpus) {
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
  for (const rt::BuildDrive& d : s.drives) {
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

  std::vector<std::string> notes;
  const rt::Model m = rt::lower_build(s, &notes);
  const rt::Grid g = rt::make_grid(m);
  double power = 0;
  for (const rt::Block& b : m.blocks) power += b.power_W;
  for (const rt::PorousBlock& p : m.porous) power += p.power_W;
  int internal_fans = 0;
  for (const rt::Fan& f : m.fans) internal_fans += f.internal_axis ? 1 : 0;
  fmt::print(
      "\nmodel     domain {} mm, {} solid blocks, {} porous fin stacks, {} fans ({} inside the "
      "case), {} vents, {} monitors; {:.0f} W\n",
      mm3(m.size_m), m.blocks.size(), m.porous.size(), m.fans.size(), internal_fans, m.vents.size(),
      m.monitors.size(), power);
  for (const rt::PorousBlock& p : m.porous) {
    if (!p.die_resistance_K_W) continue;
    fmt::print("  {:<14} {:>6.0f} W, die R {:.3g} K/W at {:.3g} m³/s{}\n", p.name, p.power_W,
               *p.die_resistance_K_W, p.die_reference_flow_m3_s,
               p.throttle_K ? fmt::format(", throttles at {:.0f} °C", to_C(*p.throttle_K)) : "");
  }
  for (const std::string& n : notes) fmt::print("note      {}\n", n);
  const std::size_t preview = rt::preview_cells(m);
  print_grid(m, g, preview);
  const std::string refusal = print_memory(rt::plan_memory(m, g), args.force);
  if (!refusal.empty()) {
    fmt::print(stderr, "rigtherm: {}: {}\n", path, refusal);
    return kExitUsage;
  }
  if (!args.no_pictures) draw_layout(m, true, path, layout_path(args));
  fmt::print("ok: {} is a valid build\n", path);
  return 0;
}

// Porous blocks, vents and fans of a generic scenario, as `check` lists them.
void print_components(const rt::Model& m) {
  const char* axes = "xyz";
  auto where = [&](const std::optional<int>& internal, rt::Face face, const rt::Vec3& lo) {
    return internal ? fmt::format("plane {} = {:g} mm", axes[*internal], lo[*internal] * 1e3)
                    : std::string(rt::kFaceNames[static_cast<int>(face)]);
  };
  for (const rt::PorousBlock& p : m.porous) {
    fmt::print("porous    {:<16} {:g} W", p.name, p.power_W);
    if (p.die_resistance_K_W)
      fmt::print(", die R {:g} K/W at {:g} m³/s", *p.die_resistance_K_W, p.die_reference_flow_m3_s);
    if (p.throttle_K)
      fmt::print(", holds {:g} °C (power down to {:g} %)", to_C(*p.throttle_K),
                 100 * p.min_power_fraction);
    fmt::print("\n");
  }
  for (const rt::Vent& v : m.vents)
    fmt::print("vent      {:<16} on {}, K {:.3g}\n", v.name,
               where(v.internal_axis, v.face, v.min_m), v.loss_coefficient);
  for (const rt::Fan& f : m.fans) {
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

int cmd_check(const CheckArgs& args) {
  const std::string& scenario_path = args.scenario;
  // The layout picture's folder, before anything is read or printed.
  if (!args.no_pictures && rt::viz::pictures_available())
    if (const std::string problem = rt::app::output_file_problem(layout_path(args));
        !problem.empty()) {
      fmt::print(stderr, "rigtherm: --layout: {} (--no-pictures skips the picture)\n", problem);
      return kExitUsage;
    }
  const rt::app::ScenarioInput in = rt::app::read_scenario_input(scenario_path, args.overrides);
  if (refused_as_sweep_file(in)) return kExitUsage;
  if (in.build) return cmd_check_build(in, args);
  const rt::Model m = rt::app::parse_generic_input(in);
  const rt::Grid g = rt::make_grid(m);
  const std::size_t cells = g.total_cells(), preview = rt::preview_cells(m);

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
             to_C(m.physics.reference_T_K), rt::turbulence_name(m.physics.turbulence));

  fmt::print("boundaries\n");
  for (int f = 0; f < rt::kFaceCount; ++f) {
    fmt::print("  {:<5} {}\n", rt::kFaceNames[f], describe_boundary(m.boundary[f]));
  }

  if (m.blocks.empty()) {
    fmt::print("blocks    none\n");
  } else {
    fmt::print("blocks\n");
    double total_W = 0;
    for (const rt::Block& b : m.blocks) {
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
    for (const rt::Monitor& mo : m.monitors) {
      fmt::print("  {:<16} [{:g}, {:g}, {:g}] mm\n", mo.name, mo.position_m[0] * 1e3,
                 mo.position_m[1] * 1e3, mo.position_m[2] * 1e3);
    }
  }
  if (m.solver.mode == rt::SolveMode::transient) {
    const rt::TransientSettings& t = m.solver.transient;
    fmt::print(
        "solver    transient ({}), {:g} s steps to {:g} s ({} steps), samples every {:g} s, "
        "up to {} iterations per step to {:g}, from {:g} °C at rest\n",
        t.scheme == rt::TimeScheme::bdf2 ? "BDF2" : "backward Euler", t.time_step_s, t.end_time_s,
        rt::planned_steps(t), t.output_interval_s, t.iterations_per_step, t.step_tolerance,
        to_C(t.initial_T_K));
  } else {
    fmt::print("solver    steady, max_iterations {}, tolerance {:g}\n", m.solver.max_iterations,
               m.solver.tolerance);
  }
  const std::string refusal = print_memory(rt::plan_memory(m, g), args.force);
  if (!refusal.empty()) {
    fmt::print(stderr, "rigtherm: {}: {}\n", scenario_path, refusal);
    return kExitUsage;
  }
  if (!args.no_pictures) draw_layout(m, false, scenario_path, layout_path(args));
  fmt::print("ok: {} is valid\n", scenario_path);
  return 0;
}

// ---------------------------------------------------------------------------
// `rigtherm run`

struct RunArgs {
  std::string scenario;
  std::vector<std::string> overrides;  // KEY.PATH=VALUE
  std::string out_dir;
  std::string backend = "cpu";
  int threads = 0;
  bool quiet = false;
  bool resume = false;
  int checkpoint_every = 500;        // iterations; 0: not by count
  double checkpoint_minutes = 15.0;  // 0: not by time
  std::string log_json;              // file for JSON progress lines, "-" = stdout
  bool no_pictures = false;
  bool force = false;      // no refusal for memory
  bool overwrite = false;  // replace another scenario's results in the folder
};

void print_summary(const rt::Summary& s, const std::string& scenario) {
  if (s.transient) {
    fmt::print(
        "{}: transient, reached t = {:.6g} s of {:.6g} s in {} steps of {:g} s ({}{}), {} "
        "iterations, {:.3g} s ({}, {} threads)\n",
        scenario, s.time.time_s, s.time.end_time_s, s.time.steps, s.time.time_step_s, s.time.scheme,
        s.time.steps_not_converged > 0
            ? fmt::format(", {} steps not converged", s.time.steps_not_converged)
            : "",
        s.iterations, s.wall_time_s, s.backend, s.threads);
    fmt::print(
        "energy balance at t = {:.6g} s: sources {:.4g} W, leaving {:.4g} W, being stored "
        "{:.4g} W, error {:.2f} %\n",
        s.time.time_s, s.sources_W, s.out_W, s.time.stored_W, s.energy_error_pct);
  } else if (s.converged && s.stop_reason == "settled" && s.oscillating) {
    fmt::print(
        "{}: settled in the mean in {} iterations, {:.3g} s ({}, {} threads): the flow swings "
        "(no steady state), temperatures swing within a band around steady means (below), "
        "balances closed\n",
        scenario, s.iterations, s.wall_time_s, s.backend, s.threads);
  } else if (s.converged && s.stop_reason == "settled") {
    fmt::print(
        "{}: settled in {} iterations, {:.3g} s ({}, {} threads): temperatures steady, balances "
        "closed, residuals still above the tolerance\n",
        scenario, s.iterations, s.wall_time_s, s.backend, s.threads);
  } else if (s.converged) {
    fmt::print("{}: converged in {} iterations, {:.3g} s ({}, {} threads)\n", scenario,
               s.iterations, s.wall_time_s, s.backend, s.threads);
  } else {
    fmt::print("{}: NOT converged after {} iterations ({}), {:.3g} s ({}, {} threads)\n", scenario,
               s.iterations, s.stop_reason, s.wall_time_s, s.backend, s.threads);
  }
  if (s.preview) {
    const rt::PreviewStageSummary& p = *s.preview;
    fmt::print(
        "grid sequencing: started from the preview grid ({} cells), {} iterations ({}), "
        "{:.3g} s of the run\n",
        static_cast<long long>(p.cells[0]) * p.cells[1] * p.cells[2], p.iterations, p.stop_reason,
        p.wall_time_s);
  }
  if (!s.transient)
    fmt::print("energy balance: sources {:.4g} W, leaving {:.4g} W, error {:.2f} %\n", s.sources_W,
               s.out_W, s.energy_error_pct);
  if (s.mass_in_kg_s > 0.0)
    fmt::print("mass balance: in {:.4g} kg/s, error {:.3f} %\n", s.mass_in_kg_s, s.mass_error_pct);
  if (!s.late_bands.empty()) {
    fmt::print("not converged: from iteration {} on, temperatures moved within\n",
               s.late_bands.front().from_iteration);
    for (const rt::TemperatureBand& b : s.late_bands)
      fmt::print("  {:<16} {:.2f} .. {:.2f} °C (±{:.2f} K), mean {:.2f} °C\n", b.name, b.min_C,
                 b.max_C, 0.5 * (b.max_C - b.min_C), b.mean_C);
  }
  if (s.turbulence != "laminar")
    fmt::print("turbulence: {}, largest mu_t/mu {:.3g}\n", s.turbulence,
               s.max_turbulent_viscosity_ratio);
  // Faces that carry heat or air (walls with fixed T, inlets, openings).
  bool header = false;
  for (int f = 0; f < rt::kFaceCount; ++f) {
    const rt::FaceTotals& b = s.boundaries[f];
    if (!(std::abs(b.heat_out_W) > 1e-9 || std::abs(b.mass_out_kg_s) > 1e-12)) continue;
    if (!header) fmt::print("boundaries (positive = leaving):\n");
    header = true;
    fmt::print("  {:<5} heat {:.4g} W, mass {:.4g} kg/s\n", rt::kFaceNames[f], b.heat_out_W,
               b.mass_out_kg_s);
  }
  if (!s.components.empty()) {
    fmt::print("components{}:\n",
               s.transient ? fmt::format(" at t = {:.6g} s", s.time.time_s) : std::string());
    fmt::print("  {:<16} {:>9} {:>10} {:>10}\n", "name", "power W", "T_max °C", "T_mean °C");
    for (const rt::ComponentSummary& c : s.components) {
      fmt::print("  {:<16} {:>9.3g} {:>10.2f} {:>10.2f}\n", c.name, c.power_W, c.T_max_C,
                 c.T_mean_C);
      if (c.has_die)
        fmt::print(
            "  {:<16} die {:.1f} °C: intake air {:.1f} °C at {:.4g} m³/s{}\n", "", c.T_die_C,
            c.inlet_air_C, c.flow_m3_s,
            c.has_throttle
                ? fmt::format(
                      ", throttles at {:.0f} °C{}", c.throttle_C,
                      c.throttling
                          ? fmt::format(": THROTTLING to {:.0f} of {:.0f} W, ~{:.0f} % "
                                        "performance",
                                        c.power_W, c.full_power_W, c.sustained_performance_pct)
                          : "")
                : "");
      if (c.has_breathing)
        fmt::print("  {:<16} breathing {:.0f} % of its flow in free air ({:.4g} m³/s)\n", "",
                   c.breathing_pct, c.free_air_flow_m3_s);
      if (s.transient && c.has_throttle)
        fmt::print("  {:<16} {}\n", "",
                   c.throttle_time_s >= 0.0
                       ? fmt::format("reached its throttle point {:.0f} °C at t = {:.4g} s",
                                     c.throttle_C, c.throttle_time_s)
                       : fmt::format("stayed below its throttle point {:.0f} °C", c.throttle_C));
    }
  }
  if (!s.fans.empty()) {
    fmt::print("fans:\n");
    for (const rt::FanSummary& f : s.fans)
      fmt::print("  {:<16} {:.4g} m³/s ({:.3g} CFM) at {:.3g} Pa, {:.0f} % speed{}\n", f.name,
                 f.flow_m3_s, f.flow_m3_s / rt::kCubicMetresPerSecondPerCfm, f.pressure_Pa,
                 f.speed_pct, f.near_stall ? "  (near stall)" : "");
  }
  if (!s.vents.empty()) {
    fmt::print("vents (positive = leaving):\n");
    for (const rt::VentSummary& v : s.vents)
      fmt::print("  {:<16} on {}  {:.4g} m³/s ({:.3g} CFM), heat {:.4g} W, K {:.3g}\n", v.name,
                 v.face, v.flow_m3_s, v.flow_m3_s / rt::kCubicMetresPerSecondPerCfm, v.heat_out_W,
                 v.loss_coefficient);
  }
  if (!s.monitors.empty()) {
    fmt::print("monitors:\n");
    for (const rt::MonitorSummary& m : s.monitors) {
      const double speed =
          std::sqrt(m.U_m_s[0] * m.U_m_s[0] + m.U_m_s[1] * m.U_m_s[1] + m.U_m_s[2] * m.U_m_s[2]);
      fmt::print("  {:<16} at [{:g}, {:g}, {:g}] mm: T {:.2f} °C, |U| {:.3g} m/s\n", m.name,
                 m.position_m[0] * 1e3, m.position_m[1] * 1e3, m.position_m[2] * 1e3, m.T_C, speed);
    }
  }
}

// summary.json for a run that blew up: what is known, nulls for the rest.
rt::Summary diverged_summary(const rt::Model& m, const RunArgs& a, const std::string& message,
                             int iterations, double wall_s) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  rt::Summary s;
  s.scenario = a.scenario;
  s.backend = a.backend;
  s.threads = a.threads;
#ifdef _OPENMP
  if (s.threads <= 0) s.threads = omp_get_max_threads();
#endif
  s.turbulence = rt::turbulence_name(m.physics.turbulence);
  s.max_turbulent_viscosity_ratio = nan;
  s.converged = false;
  s.stop_reason = "diverged: " + message;
  s.iterations = iterations;
  s.wall_time_s = wall_s;
  s.cells = m.cells;
  s.sources_W = 0;
  for (const rt::Block& b : m.blocks) s.sources_W += b.power_W;
  s.out_W = nan;
  s.energy_error_pct = nan;
  for (rt::FaceTotals& f : s.boundaries) f = {nan, nan};
  for (const rt::Block& b : m.blocks)
    s.components.push_back({b.name, "block", b.power_W, nan, nan});
  for (const rt::Monitor& mo : m.monitors) {
    s.monitors.push_back({mo.name, mo.position_m, nan, {nan, nan, nan}});
  }
  return s;
}

// ---------------------------------------------------------------------------
// Pictures and the report (viz/). Optional output: a picture that cannot be
// drawn is reported with its reason and the rest go on; none of it changes
// the exit status.

std::string scenario_title(const std::string& path) { return fs::path(path).filename().string(); }

// The pictures of an earlier run in the same directory must not sit beside
// this run's.
void remove_old_pictures(const fs::path& out) {
  std::error_code ec;
  for (const char* f : {"side.png", "top.png", "convergence.png", "layout.png", "report.html"})
    fs::remove(out / f, ec);
  for (fs::directory_iterator it(out, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if ((name.rfind("sink-", 0) == 0 || name.rfind("stack-gap-", 0) == 0) &&
        it->path().extension() == ".png")
      fs::remove(it->path(), ec);
  }
}

// For a build, the gap each open-air card's fans draw from, close up
// (scenarios/breathing.hpp): stack-gap-gpuN-speed.png and -T.png.
std::vector<rt::viz::PlaneView> stack_gap_views(const rt::BuildScenario& build,
                                                const rt::Model& model) {
  std::vector<rt::viz::PlaneView> out;
  for (const rt::StackGapPlane& p : rt::stack_gap_planes(build, model)) {
    rt::viz::PlaneView v;
    v.stem = "stack-gap-" + p.gpu;
    v.axis = p.axis;
    v.value_m = p.value_m;
    v.min_m = p.min_m;
    v.max_m = p.max_m;
    v.heading = fmt::format("the gap {}'s fans draw from, {:.1f} mm off its cooler", p.gpu,
                            std::abs(p.value_m - p.cooler_face_m) * 1e3);
    out.push_back(v);
  }
  return out;
}

void pictures_and_report(const rt::Model& model, const rt::BuildScenario* build, const RunArgs& a,
                         const rt::RunResult& result, const fs::path& out) {
  const bool is_build = build != nullptr;
  remove_old_pictures(out);
  rt::viz::ReportInput report;
  report.scenario_path = a.scenario;
  report.scenario_text = model.source_text;
  report.summary = &result.summary;
  if (a.no_pictures) {
    report.picture_errors.push_back("skipped (--no-pictures)");
  } else if (!rt::viz::pictures_available()) {
    report.picture_errors.push_back(
        "this rigtherm was built without VTK (install libvtk9-dev and xvfb, rebuild)");
    fmt::print(stderr,
               "rigtherm: no pictures: built without VTK (install libvtk9-dev and xvfb, e.g. "
               "scripts/install-deps, and rebuild)\n");
  } else {
    rt::viz::PictureInput in;
    in.title = scenario_title(a.scenario);
    in.grid = result.grid;
    in.fields = result.fields;
    in.parts = rt::viz::parts_from_model(model, &result.summary);
    in.is_build = is_build;
    if (build != nullptr) in.close_ups = stack_gap_views(*build, model);
    const auto t0 = std::chrono::steady_clock::now();
    report.pictures =
        rt::viz::default_pictures(in, result.summary, out.string(), &report.picture_errors);
    try {
      rt::viz::render_layout(in.title, model.size_m, in.parts, is_build,
                             (out / "layout.png").string());
      report.layout_picture = "layout.png";
    } catch (const std::exception& e) {
      report.picture_errors.push_back(std::string("layout.png: ") + e.what());
    }
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fmt::print("pictures ({:.1f} s):\n", took);
    for (const rt::viz::Picture& p : report.pictures)
      fmt::print("  {}  {}\n", (out / p.file).string(), p.caption);
    if (!report.layout_picture.empty()) fmt::print("  {}\n", (out / "layout.png").string());
    for (const std::string& e : report.picture_errors)
      fmt::print(stderr, "rigtherm: picture not drawn: {}\n", e);
  }
  try {
    fmt::print("report:\n  {}\n", rt::viz::write_report(report, out.string()));
  } catch (const std::exception& e) {
    fmt::print(stderr, "rigtherm: report.html not written: {}\n", e.what());
  }
}

// `rigtherm check` draws the layout it checked.
void draw_layout(const rt::Model& m, bool is_build, const std::string& scenario,
                 const std::string& png) {
  if (!rt::viz::pictures_available()) {
    fmt::print("layout    not drawn: this rigtherm was built without VTK\n");
    return;
  }
  try {
    rt::viz::render_layout(scenario_title(scenario), m.size_m, rt::viz::parts_from_model(m),
                           is_build, png);
    fmt::print("layout    {} (the layout picture)\n", png);
  } catch (const std::exception& e) {
    fmt::print(stderr, "rigtherm: layout picture not drawn: {}\n", e.what());
  }
}

// ---------------------------------------------------------------------------
// `rigtherm render RESULT.h5 -o PNG`: one picture of a stored result.

struct RenderArgs {
  std::string h5;
  std::string png;
  std::string slice;  // "z=0.12", "y=120mm"; empty: the mid z plane
  std::string field = "T";
  bool streamlines = false;
  bool no_arrows = false;
  std::string range;  // "lo:hi"
  std::string size = "1600x1000";
};

// The parts of the stored scenario, or outlines from the material ids when
// the scenario cannot be read back (names then "block b").
std::vector<rt::viz::PartBox> stored_parts(const rt::ResultFile& r, bool* is_build) {
  *is_build = false;
  if (!r.scenario_text.empty()) {
    try {
      const rt::Model m =
          rt::model_of_scenario_text(r.scenario_text, "result.h5:scenario", is_build);
      rt::Summary s;
      if (!r.summary_json.empty()) {
        const nlohmann::json j = nlohmann::json::parse(r.summary_json);
        for (const auto& c : j.value("components", nlohmann::json::array())) {
          rt::ComponentSummary cs;
          cs.name = c.value("name", "");
          cs.power_W = c.value("power_W", 0.0);
          cs.T_max_C = c["T_max_C"].is_number() ? c["T_max_C"].get<double>() : NAN;
          cs.has_die = c.contains("T_die_C") && c["T_die_C"].is_number();
          if (cs.has_die) cs.T_die_C = c["T_die_C"].get<double>();
          cs.has_throttle = c.contains("throttle_C") && c["throttle_C"].is_number();
          if (cs.has_throttle) cs.throttle_C = c["throttle_C"].get<double>();
          cs.throttling = c.value("throttling", false);
          s.components.push_back(cs);
        }
      }
      std::vector<rt::viz::PartBox> parts = rt::viz::parts_from_model(m, &s);
      // The stored scenario must be the one the fields were solved on.
      std::int32_t max_id = 0, min_id = 0;
      for (std::int32_t id : r.fields.material) {
        max_id = std::max(max_id, id);
        min_id = std::min(min_id, id);
      }
      if (r.fields.material.empty() || (max_id <= static_cast<std::int32_t>(m.blocks.size()) &&
                                        -min_id <= static_cast<std::int32_t>(m.porous.size())))
        return parts;
    } catch (const std::exception& e) {
      fmt::print(stderr, "rigtherm: note: the stored scenario gives no part names ({})\n",
                 e.what());
    }
  }
  *is_build = false;
  return rt::viz::parts_from_material(r.grid, r.fields);
}

int cmd_render(const RenderArgs& a) {
  if (!rt::viz::pictures_available()) {
    fmt::print(stderr,
               "rigtherm: this rigtherm was built without VTK and cannot draw (install "
               "libvtk9-dev and xvfb, e.g. scripts/install-deps, and rebuild)\n");
    return kExitUsage;
  }
  if (const std::string problem = rt::app::output_file_problem(a.png); !problem.empty()) {
    fmt::print(stderr, "rigtherm: -o {}: {}\n", a.png, problem);
    return kExitUsage;
  }
  rt::viz::SliceSpec spec;
  if (!a.slice.empty()) {
    const std::size_t eq = a.slice.find('=');
    const std::string ax = a.slice.substr(0, eq);
    if (eq == std::string::npos || ax.size() != 1 ||
        std::string("xyz").find(ax) == std::string::npos) {
      fmt::print(stderr,
                 "rigtherm: --slice {}: expected x=VALUE, y=VALUE or z=VALUE (m, or mm "
                 "with the unit: z=120mm)\n",
                 a.slice);
      return kExitUsage;
    }
    spec.axis = static_cast<int>(std::string("xyz").find(ax));
    std::string v = a.slice.substr(eq + 1);
    double scale = 1.0;
    if (v.size() > 2 && v.compare(v.size() - 2, 2, "mm") == 0) {
      scale = 1e-3;
      v.resize(v.size() - 2);
    } else if (v.size() > 1 && v.back() == 'm') {
      v.pop_back();
    }
    try {
      std::size_t used = 0;
      spec.value_m = std::stod(v, &used) * scale;
      if (used != v.size() || !std::isfinite(spec.value_m)) throw std::invalid_argument(v);
    } catch (const std::exception&) {
      fmt::print(stderr, "rigtherm: --slice {}: '{}' is not a number\n", a.slice, v);
      return kExitUsage;
    }
  }
  spec.field = a.field == "speed" ? rt::viz::SliceField::speed
               : a.field == "p"   ? rt::viz::SliceField::p
                                  : rt::viz::SliceField::T;
  spec.streamlines = a.streamlines;
  spec.arrows = !a.no_arrows;
  if (!a.range.empty()) {
    const std::size_t c = a.range.find(':');
    try {
      if (c == std::string::npos) throw std::invalid_argument(a.range);
      const double lo = std::stod(a.range.substr(0, c)), hi = std::stod(a.range.substr(c + 1));
      if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi))
        throw std::invalid_argument(a.range);
      spec.range = std::make_pair(lo, hi);
    } catch (const std::exception&) {
      fmt::print(stderr, "rigtherm: --range {}: expected LO:HI with LO < HI, e.g. 25:95\n",
                 a.range);
      return kExitUsage;
    }
  }
  if (std::sscanf(a.size.c_str(), "%dx%d", &spec.width, &spec.height) != 2 || spec.width < 200 ||
      spec.height < 150 || spec.width > 8000 || spec.height > 8000) {
    fmt::print(stderr, "rigtherm: --size {}: expected WIDTHxHEIGHT in pixels, e.g. 1600x1000\n",
               a.size);
    return kExitUsage;
  }
  // io's reader, as every other reader of result.h5: the seal, the shapes
  // against the grid before anything is allocated, and the checksum.
  rt::ResultFile r;
  try {
    r = rt::read_result_h5(a.h5);
  } catch (const std::exception& e) {
    fmt::print(stderr, "rigtherm: cannot render: {}\n", e.what());
    return kExitUsage;
  }
  rt::viz::PictureInput in;
  in.grid = r.grid;
  in.fields = r.fields;
  in.parts = stored_parts(r, &in.is_build);
  in.title = scenario_title(a.h5);
  if (!r.summary_json.empty()) {
    try {
      const std::string sc = nlohmann::json::parse(r.summary_json).value("scenario", "");
      if (!sc.empty()) in.title = scenario_title(sc);
    } catch (const std::exception&) {
    }
  }
  spec.heading = spec.field == rt::viz::SliceField::T       ? "temperature"
                 : spec.field == rt::viz::SliceField::speed ? "air speed"
                                                            : "pressure (gauge, reduced)";
  try {
    rt::viz::render_slice(in, spec, a.png);
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "rigtherm: {}\n", e.what());
    return kExitUsage;
  }
  fmt::print("{}\n", a.png);
  return 0;
}

// Set by the first SIGINT/SIGTERM; the solver stops after its iteration and
// the results so far are written. A second signal kills at once (default).
std::atomic<bool> g_stop_requested{false};

extern "C" void request_stop(int signal_number) {
  g_stop_requested.store(true);
  std::signal(signal_number, SIG_DFL);
}

int cmd_run(const RunArgs& a) {
  if (a.backend == "cuda") {
    std::string why;
    if (!rt::cuda_device_available(&why)) {
      fmt::print(stderr, "rigtherm: no CUDA device ({})\n", why);
      return kExitUsage;
    }
  }

  const rt::app::ScenarioInput in = rt::app::read_scenario_input(a.scenario, a.overrides);
  if (refused_as_sweep_file(in)) return kExitUsage;
  rt::Model model;
  std::optional<rt::BuildScenario> build;
  if (in.build) {
    // A build lowers to the generic model (scenarios/lower_build.hpp); the
    // scenario text stored with the result is the build's.
    build = rt::app::parse_build_input(in);
    model = rt::lower_build(*build);
    model.source_text = in.text;
  } else {
    model = rt::app::parse_generic_input(in);
  }

  const fs::path out(a.out_dir);
  std::error_code ec;
  if (const std::string problem = rt::app::output_folder_problem(out); !problem.empty()) {
    fmt::print(stderr, "rigtherm: {}\n", problem);
    return kExitUsage;
  }
  // Another scenario's results are never replaced unasked.
  const std::optional<std::string> earlier = rt::app::results_scenario(out);
  const bool replaces_another = earlier && !rt::app::same_scenario_file(*earlier, a.scenario);
  if (replaces_another && !a.overwrite) {
    fmt::print(stderr,
               "rigtherm: {} holds the results of {} (summary.json); write to another folder "
               "with -o, or add --overwrite to replace them\n",
               a.out_dir, *earlier);
    return kExitUsage;
  }
  const std::string summary_path = (out / "summary.json").string();
  const std::string h5_path = (out / "result.h5").string();
  const std::string xmf_path = (out / "result.xmf").string();
  const std::string csv_path = (out / "time_series.csv").string();
  const std::string checkpoint_path = (out / "checkpoint.h5").string();
  const bool transient = model.solver.mode == rt::SolveMode::transient;
  // A steady run has no time series: an earlier run's must not sit beside it.
  if (!transient) fs::remove(csv_path, ec);

  // --resume: the checkpoint must be complete, undamaged and of this very
  // scenario and grid; anything else stops here with the reason.
  const bool checkpoints = rt::result_h5_available();
  std::optional<rt::SolverCheckpoint> resume_from;
  const rt::Grid grid = rt::make_grid(model);
  if (a.backend == "cuda") {
    // Refuse before allocating anything when the model cannot fit
    // (cuda/device_memory.hpp counts what the device solve holds).
    const rt::Extent cells{{grid.nx(), grid.ny(), grid.nz()}};
    const rt::DeviceMemoryEstimate need =
        rt::estimate_device_memory(cells, model.physics.turbulence != rt::Turbulence::laminar,
                                   model.solver.mode == rt::SolveMode::transient);
    std::size_t free_bytes = 0, total_bytes = 0;
    std::string why;
    if (!rt::cuda_device_memory(&free_bytes, &total_bytes, &why)) {
      fmt::print(stderr, "rigtherm: no CUDA device ({})\n", why);
      return kExitUsage;
    }
    const std::string refusal = rt::device_memory_refusal(need, free_bytes);
    if (!refusal.empty()) {
      fmt::print(stderr, "rigtherm: --backend cuda: {}\n", refusal);
      return kExitUsage;
    }
  }
  // Refuse before allocating when the machine does not have the memory.
  if (!a.force) {
    if (const std::optional<double> available = rt::available_memory_bytes()) {
      const std::string refusal = rt::memory_refusal(rt::plan_memory(model, grid), *available);
      if (!refusal.empty()) {
        fmt::print(stderr, "rigtherm: {}: {}\n", a.scenario, refusal);
        return kExitUsage;
      }
    }
  }
  if (a.resume) {
    if (!checkpoints) {
      fmt::print(stderr, "rigtherm: --resume needs HDF5, and this build has none\n");
      return kExitUsage;
    }
    if (!fs::exists(checkpoint_path)) {
      fmt::print(stderr, "rigtherm: --resume: no {}; starting from the beginning\n",
                 checkpoint_path);
    } else {
      try {
        resume_from = rt::read_checkpoint_h5(checkpoint_path, grid, model.source_text);
      } catch (const rt::CheckpointError& e) {
        fmt::print(stderr, "rigtherm: cannot resume: {}\n", e.what());
        return kExitUsage;
      }
      if (resume_from->transient)
        fmt::print(stderr, "rigtherm: resuming from {} at step {}, t = {:.6g} s (iteration {})\n",
                   checkpoint_path, resume_from->step, resume_from->time_s, resume_from->iteration);
      else
        fmt::print(stderr, "rigtherm: resuming from {} at iteration {}\n", checkpoint_path,
                   resume_from->iteration);
    }
  }

  std::FILE* json_log = nullptr;
  if (!a.log_json.empty()) {
    json_log = a.log_json == "-" ? stdout : std::fopen(a.log_json.c_str(), "w");
    if (json_log == nullptr) {
      fmt::print(stderr, "rigtherm: cannot write the JSON log {}: {}\n", a.log_json,
                 std::strerror(errno));
      return kExitUsage;
    }
  }
  struct CloseLog {
    std::FILE* f;
    ~CloseLog() {
      if (f != nullptr && f != stdout) std::fclose(f);
    }
  } close_log{json_log};
  ProgressPrinter progress(!a.quiet, json_log);
  rt::RunOptions options;
  options.threads = a.threads;
  options.backend = rt::parse_backend(a.backend).value_or(rt::ComputeBackend::cpu);
  options.on_progress = [&progress](const rt::Progress& p) { progress(p); };
  options.stop_requested = &g_stop_requested;
  // Rewritten at every sample, so a long run can be watched (and a crash
  // keeps what was sampled).
  if (transient)
    options.on_sample = [&csv_path](const rt::TimeSeries& ts) {
      rt::write_time_series_csv(csv_path, ts);
    };
  if (checkpoints) {
    options.checkpoint_every = a.checkpoint_every;
    options.checkpoint_interval_s = 60.0 * a.checkpoint_minutes;
    // A checkpoint that cannot be written (disk full) costs the ability to
    // resume, not the run: warn and go on.
    options.on_checkpoint = [&](const rt::SolverCheckpoint& c) {
      try {
        rt::write_checkpoint_h5(checkpoint_path, c, grid, a.scenario, model.source_text);
      } catch (const std::exception& e) {
        progress.finish();
        fmt::print(stderr, "rigtherm: warning: checkpoint not written: {}\n", e.what());
      }
    };
  }
  if (resume_from) options.resume = &*resume_from;
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);

  // From here the folder is this run's: no summary.json until this run has
  // finished writing (a kill leaves none), and with --overwrite nothing of
  // the other scenario's results.
  fs::remove(summary_path, ec);
  if (replaces_another) {
    fmt::print(stderr, "rigtherm: --overwrite: the results of {} in {} are replaced\n", *earlier,
               a.out_dir);
    for (const std::string& f : {h5_path, xmf_path, csv_path}) fs::remove(f, ec);
    if (!resume_from) fs::remove(checkpoint_path, ec);
    remove_old_pictures(out);
  }

  const auto t0 = std::chrono::steady_clock::now();
  rt::RunResult result;
  try {
    result = rt::run_model(model, options);
  } catch (const std::invalid_argument& e) {
    progress.finish();
    fmt::print(stderr, "rigtherm: cannot solve {}: {}\n", a.scenario, e.what());
    return kExitUsage;
  } catch (const rt::DivergenceError& e) {
    progress.finish();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const int iters = progress.has_last() ? progress.last().iteration : 0;
    fmt::print(stderr, "rigtherm: the solution diverged: {}\n", e.what());
    // Results of an earlier run in the same directory must not sit beside a
    // summary that says this one failed.
    fs::remove(h5_path, ec);
    fs::remove(xmf_path, ec);
    remove_old_pictures(out);
    rt::write_summary_json(summary_path, diverged_summary(model, a, e.what(), iters, wall));
    fmt::print(stderr, "rigtherm: wrote {} (converged = false); no result.h5\n", summary_path);
    return kExitDiverged;
  } catch (...) {
    progress.finish();
    throw;
  }
  progress.finish();

  rt::Summary& s = result.summary;
  if (s.scenario.empty()) s.scenario = a.scenario;
  if (s.backend.empty()) s.backend = a.backend;
  // How each open-air card breathes against free air (the PC layer's figure).
  if (build) rt::add_breathing(*build, model, s);

  // summary.json goes last: its presence marks a complete output directory.
  const std::string summary_text = rt::summary_json_text(s);
  bool wrote_h5 = false;
  if (rt::result_h5_available()) {
    const std::vector<rt::ResultPart> parts = rt::result_parts(model, s);
    rt::write_result_h5(h5_path, result.grid, result.fields, s, model.source_text, summary_text,
                        parts);
    rt::write_result_xdmf(xmf_path, h5_path, result.grid, result.fields, parts);
    wrote_h5 = true;
  } else {
    fmt::print(stderr, "rigtherm: this build has no HDF5; result.h5 not written\n");
  }
  rt::write_text_atomic(summary_path, summary_text);
  // A finished run needs no checkpoint; an interrupted one keeps its last.
  const bool interrupted = s.stop_reason == "interrupted";
  if (!interrupted) fs::remove(checkpoint_path, ec);

  print_summary(s, a.scenario);
  fmt::print("output:\n  {}\n", summary_path);
  if (transient) fmt::print("  {} (the time series)\n", csv_path);
  if (wrote_h5) fmt::print("  {}\n  {} (open in ParaView)\n", h5_path, xmf_path);
  // Pictures and the report come after the results: they are optional and
  // their failure never changes the exit status.
  pictures_and_report(model, build ? &*build : nullptr, a, result, out);

  if (interrupted) {
    if (checkpoints)
      fmt::print(stderr, "rigtherm: checkpoint {}; continue with: rigtherm run {} -o {} --resume\n",
                 checkpoint_path, a.scenario, a.out_dir);
    if (transient) {
      fmt::print(stderr,
                 "rigtherm: interrupted at t = {:.6g} s (step {} of {}); the fields of that step "
                 "and the time series so far were written\n",
                 s.time.time_s, s.time.steps, s.time.steps_planned);
    } else {
      fmt::print(stderr,
                 "rigtherm: interrupted at iteration {}; the fields so far were written "
                 "(converged = false, not a steady state)\n",
                 s.iterations);
    }
    return kExitInterrupted;
  }
  if (transient && !s.converged) {
    fmt::print(stderr,
               "rigtherm: {} of {} time steps stopped at iterations_per_step = {} above "
               "step_tolerance = {:g}; results were written but those steps are not fully "
               "converged (raise iterations_per_step, or shorten time_step_s)\n",
               s.time.steps_not_converged, s.time.steps, model.solver.transient.iterations_per_step,
               model.solver.transient.step_tolerance);
    return kExitNotConverged;
  }
  if (!s.converged) {
    fmt::print(stderr,
               "rigtherm: not converged within max_iterations = {} (stop reason: {}); results "
               "were written but are not a steady state\n",
               model.solver.max_iterations, s.stop_reason);
    return kExitNotConverged;
  }
  return 0;
}

// ---------------------------------------------------------------------------
// `rigtherm parts`: the parts library ($RIGTHERM_PARTS or the source tree's
// scenarios/parts), as its files say it.

int cmd_parts_list() {
  const rt::PartsLibrary lib = rt::PartsLibrary::load_default();
  fmt::print("parts library {} (set RIGTHERM_PARTS to use another)\n", lib.dir());
  for (const rt::PartsLibrary::Family& f : rt::PartsLibrary::families()) {
    fmt::print("\n{} ({})\n", f.title, f.file);
    for (const std::string& id : lib.ids(f.name)) {
      fmt::print("  {:<28} {}\n", id, lib.summary(lib.info(f.name, id)));
    }
  }
  fmt::print("\nrigtherm parts show ID   prints every value of one part, with units and source\n");
  return 0;
}

int cmd_parts_show(const std::string& name) {
  const rt::PartsLibrary lib = rt::PartsLibrary::load_default();
  const rt::PartInfo& p = lib.find(name);
  fmt::print("{}.{}: {}\n", p.family, p.id, p.name);
  fmt::print("file    {}:{}\n", p.file, p.line);
  fmt::print("source  {}\n", p.source);
  if (!p.note.empty()) fmt::print("note    {}\n", p.note);
  fmt::print("summary {}\n", lib.summary(p));
  for (const std::string& line : lib.derived(p)) fmt::print("derived {}\n", line);
  fmt::print("\n");
  std::size_t width = 0;
  for (const rt::PartField& f : lib.fields(p)) width = std::max(width, f.key.size());
  int estimated = 0;
  for (const rt::PartField& f : lib.fields(p)) {
    std::string value = f.value;
    if (!f.unit.empty()) value += " " + f.unit;
    const char* mark = f.estimated          ? "  [estimated]"
                       : f.partly_estimated ? "  [partly estimated]"
                                            : "";
    estimated += f.estimated || f.partly_estimated;
    fmt::print("  {:<{}}  {}{}\n", f.key, width, value, mark);
  }
  fmt::print("\n{} of {} values estimated (not published); units as in the file, SI inside\n",
             estimated, lib.fields(p).size());
  return 0;
}

std::string version_text() {
  std::string cuda = "not built";
#ifdef RT_HAVE_CUDA
  cuda = "steady runs, not yet run on a GPU";
#endif
  return fmt::format("rigtherm {} (CUDA: {}, HDF5: {})", RT_VERSION, cuda,
                     rt::result_h5_available() ? "yes" : "no");
}

constexpr const char* kOverridesHelp =
    "KEY.PATH=VALUE ...: keys of the scenario changed for this command (the file is not "
    "touched), e.g. solver.max_iterations=500 fan[2].speed_pct=60 case.model=fractal-meshify-c";

int real_main(int argc, char** argv) {
  CLI::App app{"rigtherm: airflow and heat inside PC cases"};
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);

  RunArgs run_args;
  CLI::App* run = app.add_subcommand("run", "solve a scenario and write results to OUT/");
  run->add_option("SCENARIO", run_args.scenario, "scenario file (.toml)")->required();
  run->add_option("-o,--output", run_args.out_dir, "output directory (created)")->required();
  run->add_option("OVERRIDES", run_args.overrides, kOverridesHelp);
  run->add_option("--backend", run_args.backend,
                  "cpu, cuda (steady runs on an NVIDIA GPU) or mirror (the cuda path's "
                  "transfers on the CPU, for testing)")
      ->check(CLI::IsMember({"cpu", "cuda", "mirror"}))
      ->capture_default_str();
  run->add_option("--threads", run_args.threads, "OpenMP threads (0 = all)")
      ->check(rt::app::whole_number_at_least(0))
      ->capture_default_str();
  run->add_flag("-q,--quiet", run_args.quiet, "no progress line");
  run->add_flag("--resume", run_args.resume,
                "continue from OUT/checkpoint.h5 (written during the run and when it is "
                "interrupted)");
  run->add_option("--checkpoint-every", run_args.checkpoint_every,
                  "write OUT/checkpoint.h5 every N iterations (0: not by count)")
      ->check(rt::app::whole_number_at_least(0))
      ->capture_default_str();
  run->add_option("--checkpoint-minutes", run_args.checkpoint_minutes,
                  "and every M minutes of wall time (0: not by time)")
      ->check(rt::app::finite_non_negative())
      ->capture_default_str();
  run->add_option("--log-json", run_args.log_json,
                  "write one JSON object per progress report to FILE (- = stdout)");
  run->add_flag("--overwrite", run_args.overwrite,
                "replace the results of another scenario file in the output folder");
  run->add_flag("--force", run_args.force,
                "run even when its memory exceeds what the machine has available");
  run->add_flag("--no-pictures", run_args.no_pictures,
                "skip the pictures (report.html is still written)");

  CheckArgs check_args;
  CLI::App* check =
      app.add_subcommand("check", "validate a scenario, describe it and draw its layout, no solve");
  check->add_option("SCENARIO", check_args.scenario, "scenario file (.toml)")->required();
  check->add_option("OVERRIDES", check_args.overrides, kOverridesHelp);
  check->add_option("--layout", check_args.layout,
                    "layout picture (PNG); default: SCENARIO-STEM-layout.png here");
  check->add_flag("--no-pictures", check_args.no_pictures, "do not draw the layout");
  check->add_flag("--force", check_args.force,
                  "no refusal when the run's memory exceeds what the machine has available");

  RenderArgs render_args;
  CLI::App* render = app.add_subcommand("render", "draw a picture of a stored result.h5");
  render->add_option("RESULT", render_args.h5, "result.h5 of a run")->required();
  render->add_option("-o,--output", render_args.png, "picture to write (.png)")->required();
  render->add_option("--slice", render_args.slice,
                     "plane: x=VALUE, y=VALUE or z=VALUE in m (z=120mm in mm); default the mid "
                     "z plane");
  render->add_option("--field", render_args.field, "T, speed or p")
      ->check(CLI::IsMember({"T", "speed", "p"}))
      ->capture_default_str();
  render->add_flag("--streamlines", render_args.streamlines,
                   "streamlines of the in-plane velocity instead of arrows");
  render->add_flag("--no-arrows", render_args.no_arrows, "no velocity arrows");
  render->add_option("--range", render_args.range,
                     "fixed colour range LO:HI (°C, m/s or Pa), to compare runs side by side");
  render->add_option("--size", render_args.size, "WIDTHxHEIGHT in pixels")->capture_default_str();

  rt::app::SweepArgs sweep_args;
  CLI::App* sweep = app.add_subcommand(
      "sweep", "run every variant of a sweep file (docs/sweeps.md), resumable, and rank them");
  sweep->add_option("SWEEP", sweep_args.sweep_file, "sweep file (.toml)");
  sweep->add_option("-o,--output", sweep_args.out_dir, "sweep directory (created)");
  sweep->add_flag("--dry-run", sweep_args.dry_run,
                  "list the variants with their estimated run time; run nothing");
  sweep->add_option("--jobs", sweep_args.jobs, "variants run at once")
      ->check(rt::app::whole_number_at_least(1))
      ->capture_default_str();
  sweep
      ->add_option("--threads", sweep_args.threads,
                   "threads in all, split over the jobs (0 = all cores)")
      ->check(rt::app::whole_number_at_least(0))
      ->capture_default_str();
  sweep->add_flag("--resume", sweep_args.resume,
                  "continue an earlier sweep in DIR (the default: finished variants are skipped, "
                  "interrupted ones resume from their checkpoints)");
  sweep->add_flag("--retry-failed", sweep_args.retry_failed, "run the failed variants again");
  sweep
      ->add_option("--max-variants", sweep_args.max_variants,
                   "refuse sweeps with more combinations (default: the file's max_variants, "
                   "else 256)")
      ->check(rt::app::whole_number_at_least(1));
  sweep->add_option("--collect", sweep_args.collect,
                    "only write DIR/ranking.csv and DIR/report.html from what has finished");
  sweep->add_flag("--no-pictures", sweep_args.no_pictures, "the runs draw no pictures");
  sweep->add_flag("--slurm", sweep_args.slurm,
                  "write DIR/slurm/sweep.sbatch (one array task per unfinished variant) and "
                  "submit it with sbatch");
  sweep->add_flag("--no-submit", sweep_args.no_submit, "with --slurm: write the script only");
  sweep->add_option("--partition", sweep_args.slurm_partition, "with --slurm: the partition");
  sweep
      ->add_option("--checkpoint-every", sweep_args.checkpoint_every,
                   "each run's --checkpoint-every")
      ->check(rt::app::whole_number_at_least(0))
      ->capture_default_str();
  sweep
      ->add_option("--checkpoint-minutes", sweep_args.checkpoint_minutes,
                   "each run's --checkpoint-minutes")
      ->check(rt::app::finite_non_negative())
      ->capture_default_str();

  std::string part_name;
  CLI::App* parts = app.add_subcommand("parts", "list the parts library, or show one part");
  parts->require_subcommand(0, 1);
  parts->add_subcommand("list", "families and ids with a one-line summary (the default)");
  CLI::App* parts_show = parts->add_subcommand("show", "every value of one part, with units");
  parts_show->add_option("NAME", part_name, "part id, e.g. titan-rtx or gpu.titan-rtx")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (argc == 1) {
      fmt::print(stderr, "{}", app.help());
      return kExitUsage;
    }
    const int rc = app.exit(e);
    return rc == 0 ? 0 : kExitUsage;
  }

  try {
    if (*run) return cmd_run(run_args);
    if (*check) return cmd_check(check_args);
    if (*render) return cmd_render(render_args);
    if (*sweep) return rt::app::cmd_sweep(sweep_args);
    if (*parts) return *parts_show ? cmd_parts_show(part_name) : cmd_parts_list();
  } catch (const rt::ScenarioError& e) {
    fmt::print(stderr, "rigtherm: {}\n", e.what());
    return kExitUsage;
  } catch (const rt::UnknownPartError& e) {
    fmt::print(stderr, "rigtherm: {}\n", e.what());
    return kExitUsage;
  }
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return real_main(argc, argv);
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "rigtherm: error: %s\n", e.what());
    return kExitError;
  }
}
