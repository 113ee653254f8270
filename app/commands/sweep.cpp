#include "app/commands/sweep.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/exit_status.hpp"
#include "app/human_duration.hpp"
#include "app/output_folder.hpp"
#include "geometry/grid.hpp"
#include "geometry/snapped_grid.hpp"
#include "io/atomic_file.hpp"
#include "io/result_h5.hpp"
#include "io/summary_json.hpp"
#include "io/sweep_report.hpp"
#include "scenarios/any_scenario.hpp"
#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/sanity/build_sanity.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "solver/grid_sequencing.hpp"
#include "solver/memory_estimate.hpp"
#include "solver/model_placement.hpp"
#include "solver/run.hpp"
#include "viz/picture.hpp"

namespace rt::app {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// What the solver gets through per thread, for run-time estimates before
// any variant of a sweep has finished, each measured on 2 threads: whole
// example builds (LVEL turbulence, fans, fin stacks, die models: several
// times slower per cell than the benchmark cavity; preview and full grid
// together: 5.3e5 on the dual Titan build, 4.9e5 and 5.0e5 on the mixed
// four-card pair, docs/performance.md) for build sweeps, the benchmark's
// 128³ cavity (docs/performance.md, "The benchmark program and
// whole-build timings") for generic ones.
constexpr double kBuildCellIterationsPerThreadSecond = 5.0e5;
constexpr double kCavityCellIterationsPerThreadSecond = 1.42e6;

// Ctrl-C / SIGTERM count: the first asks the children to checkpoint and
// stop, a second is passed on too (a run's second SIGINT stops it at once).
std::atomic<int> g_stop{0};
extern "C" void sweep_stop(int) { g_stop.fetch_add(1); }

std::optional<std::string> read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string header(const Sweep& sw, const SweepVariant& v, const fs::path& dir) {
  std::string h = fmt::format(
      "# rigtherm sweep variant {} of {} (base {}).\n# Fully resolved: re-run it alone with\n"
      "#   rigtherm run {} -o {}\n",
      v.name, sw.file, sw.base_path, (dir / "scenario.toml").string(), dir.string());
  for (std::size_t k = 0; k < v.choices.size() && k < sw.dimensions.size(); ++k)
    h += fmt::format("# {} = {}\n", sw.dimensions[k].key, v.choices[k]);
  return h + "\n";
}

// Where a variant stands, from its directory.
enum class State { pending, interrupted, done, not_converged, failed };

struct Status {
  State state = State::pending;
  std::string reason;
  std::optional<Summary> summary;
};

Status status_of(const fs::path& dir) {
  Status st;
  if (const auto text = read_text(dir / "summary.json")) {
    try {
      st.summary = summary_from_json(nlohmann::json::parse(*text));
      const std::string& why = st.summary->stop_reason;
      if (st.summary->converged)
        st.state = State::done;
      else if (why == "interrupted")
        st.state = State::interrupted;
      else if (why.rfind("diverged", 0) == 0) {
        st.state = State::failed;
        st.reason = why;
      } else {
        st.state = State::not_converged;
        st.reason = why;
      }
      return st;
    } catch (const std::exception& e) {
      st.state = State::failed;
      st.reason = std::string("unreadable summary.json: ") + e.what();
      return st;
    }
  }
  if (const auto text = read_text(dir / "failed.txt")) {
    st.state = State::failed;
    st.reason = *text;
    while (!st.reason.empty() && st.reason.back() == '\n') st.reason.pop_back();
    return st;
  }
  st.state = fs::exists(dir / "checkpoint.h5") ? State::interrupted : State::pending;
  return st;
}

const char* state_name(State s) {
  switch (s) {
    case State::pending:
      return "not run";
    case State::interrupted:
      return "interrupted";
    case State::done:
      return "done";
    case State::not_converged:
      return "not converged";
    case State::failed:
      return "failed";
  }
  return "?";
}

// The last line of a run's log that says "rigtherm: ...": why it stopped.
std::string last_message(const fs::path& log) {
  std::ifstream in(log);
  std::string line, last;
  while (std::getline(in, line))
    if (line.rfind("rigtherm: ", 0) == 0) last = line.substr(10);
  return last;
}

// What a variant is expected to cost before it runs: the cells and outer
// iterations of each grid it solves (a build's preview stage first).
struct Estimate {
  std::size_t cells = 0;
  double iterations = 0;  // steady: max_iterations, or a sequenced build's expected full stage;
                          // transient: steps x iterations per step
  std::size_t preview_cells = 0;
  double preview_iterations = 0;
  double memory_bytes = 0;  // what `run` plans for it (solver/memory_estimate.hpp)
  double cell_iterations() const {
    return static_cast<double>(cells) * iterations +
           static_cast<double>(preview_cells) * preview_iterations;
  }
};

Estimate estimate(const Sweep& sw, const SweepVariant& v) {
  Estimate e;
  try {
    const Model m = model_of_scenario_text(v.text, v.name);
    const Grid grid = make_grid(m);
    e.cells = grid.total_cells();
    e.memory_bytes = plan_memory(m, grid).bytes();
    if (m.solver.mode == SolveMode::transient) {
      e.iterations = static_cast<double>(planned_steps(m.solver.transient)) *
                     m.solver.transient.iterations_per_step;
    } else if (m.preview_grid) {
      e.iterations = expected_full_stage_iterations(m);
      e.preview_cells = preview_cells(m);
      e.preview_iterations = expected_preview_iterations(m);
    } else {
      e.iterations = expected_iterations_from_rest(m);
    }
  } catch (const std::exception&) {
  }
  return e;
}

// Moves the variants `run` would refuse (a part thinner than a cell on
// their grid, heat with no way out: solver/model_placement.hpp) and the
// builds that fail a sanity check (scenarios/builds/sanity/) to the
// skipped ones, with the run's reason, so that --dry-run does not list them
// as runnable and the sweep does not start them. False when none is left.
bool skip_unsolvable(Sweep& sw) {
  std::vector<SweepVariant> solvable;
  for (SweepVariant& v : sw.variants) {
    // A build that fails a sanity check (the case would not close, too few
    // PSU cables) is no answer to solve for.
    std::string sanity_fail;
    if (sw.build)
      for (const SanityCheck& c : build_sanity(parse_build_scenario(v.text, v.name)))
        if (c.level == SanityLevel::fail && sanity_fail.empty())
          sanity_fail = "build sanity FAIL (" + c.topic + "): " + c.text;
    if (!sanity_fail.empty()) {
      sw.skipped.push_back({v.name, v.choices, sanity_fail, false});
      continue;
    }
    try {
      const Model m = model_of_scenario_text(v.text, v.name);
      const Grid grid = make_grid(m);
      // A variant beyond the machine's memory is `run`'s to refuse.
      if (placement_fits_in_memory(grid)) check_solvable(m, grid);
    } catch (const std::invalid_argument& e) {
      sw.skipped.push_back(
          {v.name, v.choices, std::string("cannot be solved: ") + e.what(), false});
      continue;
    }
    solvable.push_back(std::move(v));
  }
  sw.variants = std::move(solvable);
  return !sw.variants.empty();
}

// sweep.json: the variants, their choices and cards, for the report and
// --collect.
nlohmann::json manifest(const Sweep& sw) {
  nlohmann::json j;
  j["schema"] = "rigtherm.sweep/1";
  j["sweep"] = sw.file;
  j["base"] = sw.base_path;
  j["dimensions"] = nlohmann::json::array();
  for (const SweepDimension& d : sw.dimensions)
    j["dimensions"].push_back({{"key", d.key}, {"values", d.labels}});
  j["variants"] = nlohmann::json::array();
  for (const SweepVariant& v : sw.variants) {
    nlohmann::json cards = nlohmann::json::array();
    for (const SweepCard& c : v.cards)
      cards.push_back({{"base_index", c.base_index}, {"model", c.model}, {"slot", c.slot}});
    j["variants"].push_back({{"name", v.name}, {"choices", v.choices}, {"cards", cards}});
  }
  j["skipped"] = nlohmann::json::array();
  for (const SkippedVariant& s : sw.skipped)
    j["skipped"].push_back({{"name", s.name},
                            {"choices", s.choices},
                            {"reason", s.reason},
                            {"duplicate", s.duplicate}});
  return j;
}

pid_t spawn(const std::vector<std::string>& argv, const fs::path& log) {
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  // The child: its own process group (a Ctrl-C on the terminal reaches the
  // sweep only, which passes one SIGINT on), and a SIGINT when the sweep
  // dies, so that it checkpoints and stops rather than running on orphaned.
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGINT);
  if (::getppid() != parent) ::_exit(kExitInterrupted);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd >= 0) {
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    ::close(fd);
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execv("/proc/self/exe", args.data());
  std::fprintf(stderr, "rigtherm: cannot start /proc/self/exe\n");
  ::_exit(127);
}

// Side views of the finished variants on one colour range (the lowest and
// highest temperature over all their fields), drawn by `rigtherm render` as
// DIR/NAME/sweep-side.png on the plane of each run's side.png (through the
// middle of its hottest die's fin stack, else the mid-plane). Best effort:
// a picture that cannot be drawn leaves the run's own side.png in the report.
void common_range_thumbnails(const Sweep& sw, const fs::path& out) {
  if (!viz::pictures_available()) return;
  struct Job {
    fs::path dir;
    std::optional<double> z_m;
  };
  std::vector<Job> jobs;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const SweepVariant& v : sw.variants) {
    const fs::path dir = out / v.name;
    const Status st = status_of(dir);
    if (!(st.state == State::done || st.state == State::not_converged) || !st.summary ||
        !fs::exists(dir / "result.h5") || !fs::exists(dir / "side.png"))
      continue;
    try {
      const ResultFile r = read_result_h5((dir / "result.h5").string());
      for (double t : r.fields.T_C)
        if (std::isfinite(t)) {
          lo = std::min(lo, t);
          hi = std::max(hi, t);
        }
      // The hottest die's fin stack, as side.png chose it.
      const ComponentSummary* hot = nullptr;
      for (const ComponentSummary& c : st.summary->components)
        if (c.has_die && std::isfinite(c.T_die_C) && (hot == nullptr || c.T_die_C > hot->T_die_C))
          hot = &c;
      std::optional<double> z;
      if (hot != nullptr) {
        const Model m = model_of_scenario_text(v.text, v.name);
        for (const PorousBlock& p : m.porous)
          if (p.name == hot->name) z = 0.5 * (p.min_m[2] + p.max_m[2]);
      }
      jobs.push_back({dir, z});
    } catch (const std::exception&) {
    }
  }
  if (jobs.empty() || !(hi > lo)) return;
  for (const Job& j : jobs) {
    std::vector<std::string> argv = {
        "rigtherm",
        "render",
        (j.dir / "result.h5").string(),
        "-o",
        (j.dir / "sweep-side.png").string(),
        "--range",
        fmt::format("{:.3f}:{:.3f}", std::floor(lo), std::ceil(hi)),
    };
    if (j.z_m) argv.push_back(fmt::format("--slice=z={:.9g}", *j.z_m));
    const pid_t pid = spawn(argv, j.dir / "render.log");
    int ws = 0;
    if (pid > 0) ::waitpid(pid, &ws, 0);
    if (pid <= 0 || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
      std::error_code ec;
      fs::remove(j.dir / "sweep-side.png", ec);
    }
  }
  fmt::print("[sweep] side views on one colour range {:.0f}..{:.0f} °C: DIR/NAME/sweep-side.png\n",
             std::floor(lo), std::ceil(hi));
}

// ranking.csv and report.html from sweep.json and the variants' folders.
// Returns the number of ranked variants.
int write_report(const fs::path& dir) {
  const auto text = read_text(dir / "sweep.json");
  if (!text)
    throw std::runtime_error("no " + (dir / "sweep.json").string() + ": not a sweep directory");
  const nlohmann::json j = nlohmann::json::parse(*text);
  SweepReportInput in;
  in.title = j.value("sweep", std::string());
  in.base = j.value("base", std::string());
  in.criterion = kRankingCriterion;
  for (const auto& d : j["dimensions"]) in.dimension_keys.push_back(d["key"].get<std::string>());
  std::vector<SweepRow> rows;
  for (const auto& v : j["variants"]) {
    SweepRow r;
    r.name = v["name"].get<std::string>();
    r.choices = v["choices"].get<std::vector<std::string>>();
    for (const auto& c : v["cards"]) {
      const std::string id =
          fmt::format("{} (gpu[{}])", c["model"].get<std::string>(), c["base_index"].get<int>());
      r.card_ids.push_back(id);
      r.card_labels.push_back(fmt::format("{} in slot {}", id, c["slot"].get<int>()));
    }
    const fs::path vd = dir / r.name;
    const Status st = status_of(vd);
    r.status = state_name(st.state);
    r.reason = st.reason;
    if (st.summary && (st.state == State::done || st.state == State::not_converged)) {
      r.has_summary = true;
      r.summary = *st.summary;
    }
    if (fs::exists(vd / "sweep-side.png"))
      r.side_picture = "sweep-side.png";
    else if (fs::exists(vd / "side.png"))
      r.side_picture = "side.png";
    rows.push_back(std::move(r));
  }
  for (const auto& s : j["skipped"]) {
    SweepRow r;
    r.name = s["name"].get<std::string>();
    r.choices = s["choices"].get<std::vector<std::string>>();
    r.status = s["duplicate"].get<bool>() ? "duplicate" : "impossible";
    r.reason = s["reason"].get<std::string>();
    rows.push_back(std::move(r));
  }
  in.ranked = rank_sweep(rows);
  in.changes = biggest_changes(in.ranked, in.dimension_keys, 10);
  write_text_atomic((dir / "ranking.csv").string(), ranking_csv(in.ranked));
  write_text_atomic((dir / "report.html").string(), sweep_report_html(in));
  int ranked = 0;
  for (const RankedRow& r : in.ranked) ranked += r.rank > 0 ? 1 : 0;
  return ranked;
}

struct Child {
  std::size_t variant = 0;
  Clock::time_point start;
};

// Single-quoted for bash.
std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string self_exe() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("rigtherm") : p.string();
}

// --slurm: DIR/slurm/sweep.sbatch, one array task per variant still to run.
// Resources per task: --threads CPUs (default 4), memory from the largest
// variant's plan (solver/memory_estimate.hpp, as `check` and `run` plan it,
// x 1.5 + 512 MiB),
// time from the largest estimate (as --dry-run estimates it) x 2,
// at least 30 min. Everything goes through DIR: the tasks write their
// variant folders, `rigtherm sweep --collect DIR` ranks what has finished.
int write_slurm(const Sweep& sw, const SweepArgs& a, const fs::path& out,
                const std::vector<std::size_t>& queue, double rate) {
  const fs::path sdir = fs::absolute(out / "slurm");
  std::error_code ec;
  fs::create_directories(sdir, ec);
  if (queue.empty()) {
    fmt::print(
        "[sweep] every variant has finished: nothing to submit; rank with rigtherm sweep --collect "
        "{}\n",
        out.string());
    return 0;
  }
  const int cpus = a.threads > 0 ? a.threads : 4;
  double memory_bytes = 0;
  double seconds = 0;
  for (std::size_t i : queue) {
    const Estimate e = estimate(sw, sw.variants[i]);
    memory_bytes = std::max(memory_bytes, e.memory_bytes);
    seconds = std::max(seconds, e.cell_iterations() / (rate * cpus));
  }
  const long mem_MiB = std::lround(memory_bytes * 1.5 / (1024.0 * 1024.0)) + 512;
  const long minutes = std::max(30L, std::lround(2.0 * seconds / 60.0));
  std::string names;
  for (std::size_t i : queue) names += " " + sh_quote(sw.variants[i].name);
  const std::string abs_out = fs::absolute(out).string();
  std::string script = fmt::format(
      R"SH(#!/bin/bash
# rigtherm sweep {sweep}: one array task per variant not finished when this
# was written ({n} of {total}). Submit: sbatch {script}
# Re-submitting (rigtherm sweep ... --slurm again) lists only what is left;
# a task whose variant has finished meanwhile exits at once. Rank what has
# finished: rigtherm sweep --collect {dir}
#SBATCH --job-name=rigtherm-sweep
#SBATCH --array=0-{last}
#SBATCH --cpus-per-task={cpus}
#SBATCH --mem={mem}M
#SBATCH --time={hours}:{mins:02d}:00
#SBATCH --output={sdir}/task-%A_%a.out
{partition}set -u
names=({names})
name=${{names[${{SLURM_ARRAY_TASK_ID:?not an array task}}]}}
dir={dir}/$name
exe={exe}
if grep -q '"converged": true' "$dir/summary.json" 2>/dev/null; then
  echo "$name: finished earlier"; exit 0
fi
resume=()
[[ -f $dir/checkpoint.h5 ]] && resume=(--resume)
rm -f "$dir/failed.txt"
# scancel / time limit: SIGTERM makes the run write a checkpoint and stop.
"$exe" run "$dir/scenario.toml" -o "$dir" --threads "${{SLURM_CPUS_PER_TASK:-{cpus}}}" --quiet   --checkpoint-every {every} --checkpoint-minutes {minutes} "${{resume[@]}}" >> "$dir/run.log" 2>&1 &
child=$!
trap 'kill -TERM $child' TERM INT
wait $child; rc=$?
# A signal ends the first wait early: wait for the run's own exit status.
if kill -0 $child 2>/dev/null; then wait $child; rc=$?; fi
echo "$name: rigtherm run exited $rc"
case $rc in
  0|3|4) exit 0 ;;  # done, diverged, not converged: summary.json says which
  130) exit 130 ;;  # interrupted: re-submit to resume from the checkpoint
  *) echo "exit $rc (slurm task ${{SLURM_ARRAY_JOB_ID:-}}_${{SLURM_ARRAY_TASK_ID}}): $(grep '^rigtherm: ' "$dir/run.log" | tail -1)" > "$dir/failed.txt"
     exit $rc ;;
esac
)SH",
      fmt::arg("sweep", sw.file), fmt::arg("n", queue.size()),
      fmt::arg("total", sw.variants.size()), fmt::arg("script", (sdir / "sweep.sbatch").string()),
      fmt::arg("dir", sh_quote(abs_out)), fmt::arg("last", queue.size() - 1),
      fmt::arg("cpus", cpus), fmt::arg("mem", mem_MiB), fmt::arg("hours", minutes / 60),
      fmt::arg("mins", minutes % 60), fmt::arg("sdir", sdir.string()),
      fmt::arg("partition", a.slurm_partition.empty()
                                ? std::string()
                                : "#SBATCH --partition=" + a.slurm_partition + "\n"),
      fmt::arg("names", names.substr(1)), fmt::arg("exe", sh_quote(self_exe())),
      fmt::arg("every", a.checkpoint_every),
      fmt::arg("minutes", fmt::format("{:g}", a.checkpoint_minutes)));
  const std::string path = (sdir / "sweep.sbatch").string();
  write_text_atomic(path, script);
  fs::permissions(path, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add, ec);
  fmt::print("[sweep] wrote {}: {} array tasks, {} CPUs, {} MiB, {}h{:02d} each\n", path,
             queue.size(), cpus, mem_MiB, minutes / 60, minutes % 60);
  if (a.no_submit) {
    fmt::print("[sweep] submit with: sbatch {}\n", path);
    return 0;
  }
  const std::string cmd = "sbatch " + sh_quote(path) + " 2>&1";
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) {
    fmt::print(stderr, "rigtherm: cannot run sbatch; submit by hand: sbatch {}\n", path);
    return 1;
  }
  std::string reply;
  char buf[256];
  while (std::fgets(buf, sizeof buf, p) != nullptr) reply += buf;
  const int rc = ::pclose(p);
  fmt::print("{}", reply);
  if (rc != 0) {
    fmt::print(
        stderr,
        "rigtherm: sbatch failed (is Slurm installed and this a submit host?); the script is {}\n",
        path);
    return 1;
  }
  fmt::print("[sweep] submitted; rank what has finished with: rigtherm sweep --collect {}\n",
             out.string());
  return 0;
}

}  // namespace

int cmd_sweep(const SweepArgs& a) {
  if (!a.collect.empty()) {
    int ranked = 0;
    try {
      ranked = write_report(a.collect);
    } catch (const nlohmann::json::exception& e) {
      // sweep.json is written whole by the sweep (atomically): one that does
      // not parse or lacks its fields was damaged or is not rigtherm's.
      fmt::print(stderr,
                 "rigtherm: --collect: {} is damaged or not a rigtherm sweep record ({}); "
                 "`rigtherm sweep SWEEP.toml -o {} --resume` writes it again\n",
                 (fs::path(a.collect) / "sweep.json").string(), e.what(), a.collect);
      return kExitUsage;
    } catch (const std::runtime_error& e) {
      fmt::print(stderr, "rigtherm: --collect: {}\n", e.what());
      return kExitUsage;
    }
    fmt::print("{} variants ranked\n  {}\n  {}\n", ranked,
               (fs::path(a.collect) / "ranking.csv").string(),
               (fs::path(a.collect) / "report.html").string());
    return 0;
  }
  if (a.sweep_file.empty() || a.out_dir.empty()) {
    fmt::print(stderr, "rigtherm: sweep needs SWEEP.toml and -o DIR (or --collect DIR)\n");
    return kExitUsage;
  }
  if (a.jobs < 1) {
    fmt::print(stderr, "rigtherm: --jobs must be at least 1\n");
    return kExitUsage;
  }
  Sweep sw = load_sweep(a.sweep_file,
                        a.max_variants > 0 ? std::optional<int>(a.max_variants) : std::nullopt);
  if (!skip_unsolvable(sw)) {
    fmt::print(stderr, "rigtherm: {}: no variant can be solved:\n", a.sweep_file);
    for (const SkippedVariant& v : sw.skipped) fmt::print(stderr, "  {}: {}\n", v.name, v.reason);
    return kExitUsage;
  }
  const fs::path out(a.out_dir);
  const int total_threads =
      a.threads > 0 ? a.threads
                    : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const int threads = std::max(1, total_threads / a.jobs);

  // Measured pace of the variants finished so far (cell-iterations per
  // thread-second), else the solver's benchmark figure.
  double measured_work = 0, measured_time = 0;
  double measured_iterations = 0, measured_preview_iterations = 0;
  int measured = 0;
  std::vector<Status> status(sw.variants.size());
  for (std::size_t i = 0; i < sw.variants.size(); ++i) {
    const fs::path dir = out / sw.variants[i].name;
    const auto old = read_text(dir / "scenario.toml");
    status[i] = (old && *old == header(sw, sw.variants[i], dir) + sw.variants[i].text)
                    ? status_of(dir)
                    : Status{};
    if (status[i].summary &&
        (status[i].state == State::done || status[i].state == State::not_converged)) {
      const Summary& s = *status[i].summary;
      const double cells = static_cast<double>(s.cells[0]) * s.cells[1] * s.cells[2];
      if (s.wall_time_s > 0 && s.iterations > 0) {
        measured_work += cells * (s.iterations - s.resumed_from_iteration);
        if (s.preview) {
          const std::array<int, 3>& pc = s.preview->cells;
          measured_work += static_cast<double>(pc[0]) * pc[1] * pc[2] * s.preview->iterations;
          measured_preview_iterations += s.preview->iterations;
        }
        measured_time += s.wall_time_s * std::max(1, s.threads);
        measured_iterations += s.iterations;
        ++measured;
      }
    }
  }
  const double rate = measured > 0 && measured_time > 0 ? measured_work / measured_time
                      : sw.build                        ? kBuildCellIterationsPerThreadSecond
                                                        : kCavityCellIterationsPerThreadSecond;

  if (a.dry_run) {
    fmt::print("sweep     {} (base {})\n", sw.file, sw.base_path);
    fmt::print("variables");
    for (const SweepDimension& d : sw.dimensions)
      fmt::print("  {} ({} values)", d.key, d.labels.size());
    fmt::print("\n{} combinations: {} variants to run, {} impossible, {} duplicates\n",
               sw.combinations, sw.variants.size(),
               std::count_if(sw.skipped.begin(), sw.skipped.end(),
                             [](const SkippedVariant& s) { return !s.duplicate; }),
               std::count_if(sw.skipped.begin(), sw.skipped.end(),
                             [](const SkippedVariant& s) { return s.duplicate; }));
    fmt::print("\n  {:<44} {:>10} {:>10} {:>10}  {}\n", "variant", "cells", "iter. est", "time est",
               "status");
    double total = 0, largest_memory = 0;
    for (std::size_t i = 0; i < sw.variants.size(); ++i) {
      Estimate e = estimate(sw, sw.variants[i]);
      largest_memory = std::max(largest_memory, e.memory_bytes);
      if (measured > 0) {
        e.iterations = std::min(e.iterations, measured_iterations / measured);
        if (e.preview_cells > 0)
          e.preview_iterations =
              std::min(e.preview_iterations, measured_preview_iterations / measured);
      }
      const double t = e.cell_iterations() / (rate * threads);
      const std::string iters =
          e.preview_cells > 0 ? fmt::format("{:.0f}+{:.0f}", e.preview_iterations, e.iterations)
                              : fmt::format("{:.0f}", e.iterations);
      const bool finished = status[i].state == State::done ||
                            status[i].state == State::not_converged ||
                            (status[i].state == State::failed && !a.retry_failed);
      if (!finished) total += t;
      fmt::print("  {:<44} {:>10} {:>10} {:>10}  {}\n", sw.variants[i].name, e.cells, iters,
                 human_duration(t), state_name(status[i].state));
    }
    for (const SkippedVariant& s : sw.skipped)
      fmt::print("  {:<44} skipped: {}\n", s.name, s.reason);
    fmt::print(
        "\nestimated time: {} with --jobs {} ({} threads each): cells x iterations / ({:.3g} "
        "cell-iterations per thread-second, {}) x threads; iterations: {}\n",
        human_duration(total / a.jobs), a.jobs, threads, rate,
        measured > 0 ? fmt::format("measured on the {} finished variants", measured)
        : sw.build   ? "measured on the example builds (docs/performance.md)"
                     : "the solver benchmark's cavity (README, Benchmark)",
        measured > 0 ? "the finished variants' mean, at most the estimate"
        : sw.build
            ? "as the example builds took, preview + full grid or from rest (docs/performance.md)"
            : "max_iterations (an upper bound: most runs converge earlier)");
    // Each variant is a `rigtherm run`, refused when its plan exceeds what
    // is available then; --jobs of them run at once.
    const std::optional<double> available = available_memory_bytes();
    fmt::print("memory: about {} for the largest variant, {} with --jobs {}{}\n",
               memory_text(largest_memory), memory_text(largest_memory * a.jobs), a.jobs,
               available ? fmt::format(" ({} available)", memory_text(*available)) : "");
    if (available && largest_memory > *available)
      fmt::print(
          "  the largest variants do not fit: run refuses them (coarser cells, or another "
          "machine)\n");
    else if (available && largest_memory * a.jobs > *available)
      fmt::print("  {} at once do not fit: use --jobs {}\n", a.jobs,
                 std::max(1, static_cast<int>(*available / largest_memory)));
    return 0;
  }

  std::error_code ec;
  if (const std::string problem = rt::app::output_folder_problem(out); !problem.empty()) {
    fmt::print(stderr, "rigtherm: {}\n", problem);
    return kExitUsage;
  }
  write_text_atomic((out / "sweep.json").string(), manifest(sw).dump(2) + "\n");

  // Each variant's folder and resolved scenario. A folder whose scenario
  // changed (the sweep file was edited) starts afresh.
  std::vector<std::size_t> queue;
  int done = 0, failed = 0, not_converged = 0;
  for (std::size_t i = 0; i < sw.variants.size(); ++i) {
    const SweepVariant& v = sw.variants[i];
    const fs::path dir = out / v.name;
    fs::create_directories(dir, ec);
    const std::string text = header(sw, v, dir) + v.text;
    const auto old = read_text(dir / "scenario.toml");
    if (!old || *old != text) {
      for (const char* f : {"summary.json", "checkpoint.h5", "failed.txt"}) fs::remove(dir / f, ec);
      write_text_atomic((dir / "scenario.toml").string(), text);
      status[i] = Status{};
    }
    switch (status[i].state) {
      case State::done:
        ++done;
        break;
      case State::not_converged:
        ++not_converged;
        break;
      case State::failed:
        if (a.retry_failed) {
          // From the beginning: a refused checkpoint may be why it failed.
          for (const char* f : {"failed.txt", "summary.json", "checkpoint.h5"})
            fs::remove(dir / f, ec);
          status[i] = Status{};
          queue.push_back(i);
        } else {
          ++failed;
        }
        break;
      default:
        queue.push_back(i);
    }
  }
  const int skipped_before = done + not_converged + failed;
  fmt::print(
      "sweep {}: {} variants ({} impossible or duplicate skipped); {} finished earlier, {} to run, "
      "--jobs {} x {} threads\n",
      sw.file, sw.variants.size(), sw.skipped.size(), skipped_before, queue.size(), a.jobs,
      threads);
  if (failed > 0 && !a.retry_failed)
    fmt::print("  {} failed earlier and are not re-run (--retry-failed re-runs them)\n", failed);
  if (a.slurm) return write_slurm(sw, a, out, queue, rate);

  std::signal(SIGINT, sweep_stop);
  std::signal(SIGTERM, sweep_stop);
  std::map<pid_t, Child> running;
  std::size_t next = 0;
  bool stopping = false;
  int forwarded = 0;
  double finished_time = 0;
  int finished_here = 0;
  const bool tty = ::isatty(STDOUT_FILENO) == 1;
  std::vector<double> est(sw.variants.size(), -1);
  // A variant's expected run time: the mean of those finished in this
  // session, else its estimate (computed once).
  const auto expected = [&](std::size_t i) {
    if (finished_here > 0) return finished_time / finished_here;
    if (est[i] < 0) {
      const Estimate e = estimate(sw, sw.variants[i]);
      est[i] = e.cell_iterations() / (rate * threads);
    }
    return est[i];
  };
  const auto progress = [&](const std::string& event) {
    const std::size_t remaining = queue.size() - next;
    // ETA: the expected time of what is left, over the jobs.
    double left = 0;
    for (std::size_t q = next; q < queue.size(); ++q) left += expected(queue[q]);
    for (const auto& [pid, c] : running) {
      const double el = std::chrono::duration<double>(Clock::now() - c.start).count();
      left += std::max(0.0, expected(c.variant) - el);
    }
    const std::string line =
        fmt::format("[sweep] {} done, {} running, {} failed, {} remaining  ETA {}{}",
                    done + not_converged, running.size(), failed, remaining,
                    human_duration(left / a.jobs), event.empty() ? "" : "  | " + event);
    if (tty)
      fmt::print("\r{}\033[K{}", line, event.empty() ? "" : "\n");
    else if (!event.empty())
      fmt::print("{}\n", line);
    std::fflush(stdout);
  };

  while (true) {
    if (g_stop.load() > forwarded) {
      forwarded = g_stop.load();
      fmt::print(forwarded == 1
                     ? "\n[sweep] stopping: asking {} running variants to checkpoint and stop\n"
                     : "\n[sweep] stopping {} running variants now (no checkpoint)\n",
                 running.size());
      stopping = true;
      for (const auto& [pid, c] : running) ::kill(pid, SIGINT);
    }
    while (!stopping && running.size() < static_cast<std::size_t>(a.jobs) && next < queue.size()) {
      const std::size_t i = queue[next++];
      const SweepVariant& v = sw.variants[i];
      const fs::path dir = out / v.name;
      std::vector<std::string> argv = {"rigtherm",
                                       "run",
                                       (dir / "scenario.toml").string(),
                                       "-o",
                                       dir.string(),
                                       "--threads",
                                       std::to_string(threads),
                                       "--quiet",
                                       "--checkpoint-every",
                                       std::to_string(a.checkpoint_every),
                                       "--checkpoint-minutes",
                                       fmt::format("{:g}", a.checkpoint_minutes)};
      const bool resume = status[i].state == State::interrupted;
      if (resume) argv.push_back("--resume");
      if (a.no_pictures) argv.push_back("--no-pictures");
      const pid_t pid = spawn(argv, dir / "run.log");
      if (pid < 0) {
        fmt::print(stderr, "rigtherm: cannot start a child process for {}\n", v.name);
        --next;
        break;
      }
      running[pid] = {i, Clock::now()};
      progress(fmt::format("{} {}", resume ? "resuming" : "started", v.name));
    }
    if (running.empty()) break;
    int wstatus = 0;
    const pid_t pid = ::waitpid(-1, &wstatus, WNOHANG);
    if (pid <= 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      if (tty) progress("");
      continue;
    }
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const Child c = it->second;
    running.erase(it);
    const SweepVariant& v = sw.variants[c.variant];
    const fs::path dir = out / v.name;
    const double took = std::chrono::duration<double>(Clock::now() - c.start).count();
    const int rc = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    const Status st = status_of(dir);
    std::string event;
    if (rc == 0 || rc == kExitNotConverged) {
      (st.state == State::done ? done : not_converged)++;
      finished_time += took;
      ++finished_here;
      event = fmt::format("{} {} in {}", v.name, state_name(st.state), human_duration(took));
    } else if (rc == kExitInterrupted || (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGINT)) {
      event = fmt::format("{} interrupted{}", v.name,
                          fs::exists(dir / "checkpoint.h5") ? " (checkpoint kept)" : "");
    } else {
      std::string reason;
      if (rc == 3)
        reason = st.reason.empty() ? "diverged" : st.reason;
      else if (WIFSIGNALED(wstatus))
        reason = fmt::format("killed by signal {}", WTERMSIG(wstatus));
      else
        reason = fmt::format("exit {}: {}", rc, last_message(dir / "run.log"));
      if (rc != 3) write_text_atomic((dir / "failed.txt").string(), reason + "\n");
      ++failed;
      event = fmt::format("{} FAILED: {} (log: {})", v.name, reason, (dir / "run.log").string());
    }
    progress(event);
  }
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);

  if (!a.no_pictures && !stopping) common_range_thumbnails(sw, out);
  const int ranked = write_report(out);
  fmt::print("[sweep] {} done ({} not converged), {} failed, {} not run; {} ranked\n  {}\n  {}\n",
             done + not_converged, not_converged, failed, queue.size() - next, ranked,
             (out / "ranking.csv").string(), (out / "report.html").string());
  if (stopping) {
    fmt::print("[sweep] interrupted; run the same command again to resume\n");
    return kExitInterrupted;
  }
  if (failed > 0) return kExitFailed;
  if (not_converged > 0) return kExitNotConverged;
  return 0;
}

}  // namespace rt::app
