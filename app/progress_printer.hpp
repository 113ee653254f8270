#pragma once
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

#include <chrono>
#include <cstdio>
#include <string>

#include "solver/run.hpp"

namespace rt::app {

class ProgressPrinter {
 public:
  // `enabled`: the terminal line (off with --quiet); `json`: the
  // --log-json stream, or null.
  ProgressPrinter(bool enabled, std::FILE* json);

  void operator()(const Progress& p);

  // Shows the last iteration if it has not been shown yet, and ends the
  // rewritten line so that what follows starts on a fresh one.
  void finish();

  bool has_last() const { return have_last_; }
  const Progress& last() const { return last_; }

 private:
  using Clock = std::chrono::steady_clock;

  // A grid-sequenced run moved from its preview to the full grid: the
  // iteration count starts again, and so do the residuals' decay estimate
  // and the log cadence. The preview's last line stays on screen.
  void new_stage();

  // The log cadence (plain lines and JSON): every 10 % of the run, and
  // every `interval` seconds, the interval growing with the run.
  bool plain_due(const Progress& p, Clock::time_point now);

  void print(const Progress& p);

  void write_json(const Progress& p);

  static double worst(const Progress& p);

  // Keeps a few earlier (iteration, worst residual) samples to estimate how
  // fast the residuals fall.
  void record(const Progress& p);

  // Remaining time: from the residuals' recent log-linear decay when they are
  // falling, or from how fast the answer is settling in a run that may stop
  // as settled, whichever comes first, capped by max_iterations (*bounded
  // then); otherwise the time to max_iterations.
  double eta_s(const Progress& p, bool* bounded) const;

  // Seconds per iteration over the run so far: steadier than the last
  // iteration's, which jumps when the linear solvers work harder or the
  // machine is busy.
  static double pace(const Progress& p);

  // Remaining steps at the average pace so far.
  static double transient_eta_s(const Progress& p);

  static std::string hottest(const Progress& p);

  std::string format(const Progress& p) const;

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
  Progress last_{};
  bool have_last_ = false;
};

}  // namespace rt::app
