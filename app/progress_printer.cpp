#include "app/progress_printer.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "app/human_duration.hpp"
#include "solver/settle_estimate.hpp"

namespace rt::app {

ProgressPrinter::ProgressPrinter(bool enabled, std::FILE* json)
    : enabled_(enabled), tty_(::isatty(STDERR_FILENO) == 1), json_(json) {}

void ProgressPrinter::operator()(const Progress& p) {
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

void ProgressPrinter::finish() {
  if (enabled_ && have_last_ && last_.iteration != printed_iteration_) print(last_);
  if (json_ != nullptr && have_last_ && last_.iteration != json_iteration_) write_json(last_);
  if (json_ != nullptr) std::fflush(json_);
  if (line_open_) std::fputc('\n', stderr);
  line_open_ = false;
  std::fflush(stderr);
}

void ProgressPrinter::new_stage() {
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

bool ProgressPrinter::plain_due(const Progress& p, Clock::time_point now) {
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

void ProgressPrinter::print(const Progress& p) {
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

void ProgressPrinter::write_json(const Progress& p) {
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

void ProgressPrinter::record(const Progress& p) {
  if (history_count_ == kHistory) {
    std::copy(history_ + 1, history_ + kHistory, history_);
    --history_count_;
  }
  history_[history_count_++] = {p.iteration, worst(p)};
}

double ProgressPrinter::eta_s(const Progress& p, bool* bounded) const {
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
  const double settle = iterations_until_settled(p);
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

double ProgressPrinter::pace(const Progress& p) {
  return p.iteration > 0 ? p.elapsed_s / p.iteration : p.seconds_per_iteration;
}

double ProgressPrinter::transient_eta_s(const Progress& p) {
  return p.step > 0 ? p.elapsed_s / p.step * (p.steps - p.step) : 0.0;
}

std::string ProgressPrinter::hottest(const Progress& p) {
  if (p.hottest_name.empty()) return {};
  return fmt::format("  hottest {} {:.1f} °C", p.hottest_name, p.hottest_C);
}

std::string ProgressPrinter::format(const Progress& p) const {
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

double ProgressPrinter::worst(const Progress& p) {
  return std::max({p.mass, p.momentum, p.energy});
}

}  // namespace rt::app
