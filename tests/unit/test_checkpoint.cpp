// Checkpoints (issue 5): a run stopped part way and resumed from its
// checkpoint repeats the uninterrupted run exactly, steady and transient; the
// checkpoint file round-trips every member; a truncated, damaged or foreign
// checkpoint is refused with a message, never used.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "geometry/snapped_grid.hpp"
#include "io/checkpoint_h5.hpp"
#include "io/result_h5.hpp"
#include "mutation_test.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "solver/run.hpp"

namespace fs = std::filesystem;

namespace rt {
namespace {

std::string read_all(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_all(const std::string& p, const std::string& content) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << content;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The CLI test's scenarios (tests/cli/resume-*.toml) on a coarser grid: a
// controlled fan, a vent, a throttling fin stack and a heated block.
Model resume_model(const std::string& file, const std::string& solver_lines) {
  std::string text = read_all(std::string(RT_SOURCE_DIR) + "/tests/cli/" + file);
  text = replaced(text, "cells = [60, 12, 12]", "cells = [30, 6, 6]");
  text = text.substr(0, text.find("[solver]")) + "[solver]\n" + solver_lines;
  return parse_scenario(text, file);
}

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("rigtherm-test_checkpoint-") + info->name() +
                                        "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

// Runs `model` to the end, and again stopped after `stop_after` progress
// reports with the checkpoint taken then (or the one taken at iteration
// `take_at` of a periodic schedule), written to and read back from HDF5, and
// resumed from it. Returns {uninterrupted, resumed}.
struct Pair {
  RunResult whole, resumed;
  SolverCheckpoint used;
};

Pair run_twice(const Model& model, const std::string& file, int stop_after, int every = 0,
               int take_at = -1) {
  Pair out;
  RunOptions plain;
  plain.threads = 1;
  out.whole = run_model(model, plain);

  std::atomic<bool> stop{false};
  int reports = 0;
  std::optional<SolverCheckpoint> taken;
  RunOptions first = plain;
  first.stop_requested = &stop;
  first.on_progress = [&](const Progress&) {
    if (++reports == stop_after) stop = true;
  };
  first.checkpoint_every = every;
  first.on_checkpoint = [&](const SolverCheckpoint& c) {
    if (take_at < 0 || c.iteration == take_at) taken = c;
  };
  const RunResult stopped = run_model(model, first);
  EXPECT_TRUE(taken.has_value());
  if (!taken) return out;
  EXPECT_EQ(stopped.summary.stop_reason, "interrupted");

  const Grid grid = make_grid(model);
  write_checkpoint_h5(file, *taken, grid, model.source_name, model.source_text);
  out.used = read_checkpoint_h5(file, grid, model.source_text);
  RunOptions second = plain;
  second.resume = &out.used;
  out.resumed = run_model(model, second);
  return out;
}

void expect_same_run(const Pair& p) {
  const Summary &a = p.whole.summary, &b = p.resumed.summary;
  EXPECT_EQ(b.stop_reason, a.stop_reason);
  EXPECT_EQ(b.converged, a.converged);
  EXPECT_EQ(b.iterations, a.iterations);
  ASSERT_EQ(b.convergence.size(), a.convergence.size());
  for (std::size_t i = 0; i < a.convergence.size(); ++i) {
    EXPECT_EQ(b.convergence[i].iteration, a.convergence[i].iteration);
    EXPECT_EQ(b.convergence[i].mass, a.convergence[i].mass) << "record " << i;
    EXPECT_EQ(b.convergence[i].energy, a.convergence[i].energy) << "record " << i;
  }
  EXPECT_EQ(b.monitor_history_C, a.monitor_history_C);
  // The sampled temperatures too (the settled stop and the late bands read
  // them; the convergence picture draws them).
  EXPECT_EQ(b.temperature_history.iteration, a.temperature_history.iteration);
  ASSERT_EQ(b.temperature_history.series.size(), a.temperature_history.series.size());
  for (std::size_t k = 0; k < a.temperature_history.series.size(); ++k)
    EXPECT_EQ(b.temperature_history.series[k].T_C, a.temperature_history.series[k].T_C);
  ASSERT_EQ(b.late_bands.size(), a.late_bands.size());
  for (std::size_t k = 0; k < a.late_bands.size(); ++k) {
    EXPECT_EQ(b.late_bands[k].min_C, a.late_bands[k].min_C);
    EXPECT_EQ(b.late_bands[k].max_C, a.late_bands[k].max_C);
  }
  // The same arithmetic in the same order: identical fields, not just close.
  EXPECT_EQ(p.resumed.fields.T_C, p.whole.fields.T_C);
  EXPECT_EQ(p.resumed.fields.p_Pa, p.whole.fields.p_Pa);
  EXPECT_EQ(p.resumed.fields.U_m_s, p.whole.fields.U_m_s);
  ASSERT_EQ(b.components.size(), a.components.size());
  for (std::size_t c = 0; c < a.components.size(); ++c) {
    EXPECT_EQ(b.components[c].power_W, a.components[c].power_W);
    EXPECT_EQ(b.components[c].T_die_C, a.components[c].T_die_C);
    EXPECT_EQ(b.components[c].throttle_time_s, a.components[c].throttle_time_s);
  }
  ASSERT_EQ(b.fans.size(), a.fans.size());
  for (std::size_t f = 0; f < a.fans.size(); ++f) {
    EXPECT_EQ(b.fans[f].pressure_Pa, a.fans[f].pressure_Pa);
    EXPECT_EQ(b.fans[f].speed_pct, a.fans[f].speed_pct);
  }
  EXPECT_GT(b.resumed_from_iteration, 0);
  EXPECT_EQ(b.resumed_from_iteration, p.used.iteration);
}

TEST_F(CheckpointTest, SteadyRunResumesExactly) {
  if (!result_h5_available()) GTEST_SKIP() << "built without HDF5";
  // 300 iterations with the stall detector stepping the relaxation down
  // on the way (its window is 100 iterations), stopped at 150.
  const Model model = resume_model("resume-box.toml", "max_iterations = 300\ntolerance = 1e-12\n");
  const Pair p = run_twice(model, path("checkpoint.h5"), 150);
  EXPECT_EQ(p.used.iteration, 150);
  EXPECT_FALSE(p.used.transient);
  EXPECT_EQ(p.whole.summary.iterations, 300);
  // The checkpoint carries the controls as they stood: the fan had moved off
  // its starting speed and the fin stack was throttling.
  EXPECT_NE(p.used.fan_speed.at(0), model.fans[0].speed_fraction);
  EXPECT_LT(p.used.porous_power_W.at(0), model.porous[0].power_W);
  expect_same_run(p);
}

TEST_F(CheckpointTest, SettledRunResumesExactlyWithItsWindowAcrossTheStop) {
  if (!result_h5_available()) GTEST_SKIP() << "built without HDF5";
  // The settled stop looks back settle_iterations over the sampled
  // temperatures: stopped inside that window and resumed, the run must
  // settle at the same iteration, so the samples before the stop come back.
  // Measured: this box settles at iteration 390 (samples every 10
  // iterations, window 290..390); stopped at 350.
  const Model model = resume_model(
      "resume-box.toml",
      "max_iterations = 700\ntolerance = 1e-12\nsettle_K = 0.05\nsettle_iterations = 100\n");
  const Pair p = run_twice(model, path("checkpoint.h5"), 350);
  EXPECT_EQ(p.whole.summary.stop_reason, "settled");
  EXPECT_GT(p.whole.summary.iterations, 350);
  EXPECT_LT(p.whole.summary.iterations, 700);
  EXPECT_EQ(p.used.iteration, 350);
  EXPECT_FALSE(p.used.temperature_history.iteration.empty());
  expect_same_run(p);
}

TEST_F(CheckpointTest, SteadyRunResumesExactlyAcrossARelaxationStepDown) {
  if (!result_h5_available()) GTEST_SKIP() << "built without HDF5";
  // The heated cavity on a 16 x 16 grid stalls, and the stall detector steps
  // the relaxation down after its second window (iteration 200): resumed at
  // 150, half way through a window, the run must step down at the same
  // iteration, so the detector's state has to come back too.
  std::string text = read_all(std::string(RT_SOURCE_DIR) + "/examples/heated-cavity.toml");
  text = replaced(text, "cells = [64, 64, 1]", "cells = [16, 16, 1]");
  text =
      text.substr(0, text.find("[solver]")) + "[solver]\nmax_iterations = 400\ntolerance = 1e-12\n";
  const Model model = parse_scenario(text, "coarse-cavity");
  std::vector<SolverCheckpoint> every_100;
  RunOptions probe;
  probe.threads = 1;
  probe.checkpoint_every = 100;
  probe.on_checkpoint = [&](const SolverCheckpoint& c) { every_100.push_back(c); };
  run_model(model, probe);
  ASSERT_EQ(every_100.size(), 3u);
  EXPECT_EQ(every_100[0].relaxation.reductions, 0);
  EXPECT_EQ(every_100[1].relaxation.reductions, 1) << "the case no longer stalls at 200";
  EXPECT_LT(every_100[1].relax_velocity, every_100[0].relax_velocity);

  const Pair p = run_twice(model, path("checkpoint.h5"), 150);
  EXPECT_EQ(p.used.iteration, 150);
  EXPECT_EQ(p.used.relaxation.in_window, 50);
  expect_same_run(p);
}

TEST_F(CheckpointTest, TransientRunResumesExactlyFromAnInterruptedStep) {
  if (!result_h5_available()) GTEST_SKIP() << "built without HDF5";
  const std::string solver =
      "mode = \"transient\"\ntime_step_s = 2.0\nend_time_s = 20.0\noutput_interval_s = 4.0\n"
      "iterations_per_step = 20\nstep_tolerance = 1e-5\n";
  const Model model = resume_model("resume-transient.toml", solver);
  // Stopped in step 5's first iteration: that step is dropped, the
  // checkpoint is the end of step 4 with its controls from then.
  const Pair p = run_twice(model, path("checkpoint.h5"), 4);
  EXPECT_TRUE(p.used.transient);
  EXPECT_EQ(p.used.step, 4);
  EXPECT_DOUBLE_EQ(p.used.time_s, 8.0);
  EXPECT_EQ(p.whole.summary.time.steps, 10);
  expect_same_run(p);
  EXPECT_EQ(p.resumed.summary.time_series.time_s, p.whole.summary.time_series.time_s);
  ASSERT_EQ(p.resumed.summary.time_series.components.size(), 2u);
  EXPECT_EQ(p.resumed.summary.time_series.components[1].T_max_C,
            p.whole.summary.time_series.components[1].T_max_C);
  EXPECT_EQ(p.resumed.summary.time.stored_W, p.whole.summary.time.stored_W);
}

TEST_F(CheckpointTest, TransientRunResumesExactlyFromAPeriodicCheckpoint) {
  if (!result_h5_available()) GTEST_SKIP() << "built without HDF5";
  const std::string solver =
      "mode = \"transient\"\ntime_step_s = 2.0\nend_time_s = 20.0\noutput_interval_s = 4.0\n"
      "iterations_per_step = 20\nstep_tolerance = 1e-5\n";
  const Model model = resume_model("resume-transient.toml", solver);
  // Every step end is due (every iteration); keep the one after step 3,
  // run on to step 7 before stopping.
  RunOptions probe;
  probe.threads = 1;
  int after_step3 = -1;
  probe.on_progress = [&](const Progress& pr) {
    if (pr.step == 3) after_step3 = pr.iteration;
  };
  run_model(model, probe);
  ASSERT_GT(after_step3, 0);
  const Pair p = run_twice(model, path("checkpoint.h5"), 7, 1, after_step3);
  EXPECT_EQ(p.used.step, 3);
  expect_same_run(p);
}

// Every member, with values that stress the format: infinities in the time
// series, a relaxation window at its "none" value, empty fan lists.
SolverCheckpoint sample_checkpoint(const Grid& g) {
  SolverCheckpoint c;
  c.transient = true;
  c.iteration = 1234;
  c.wall_time_s = 56.75;
  const std::size_t n = g.total_cells();
  for (int a = 0; a < 3; ++a) {
    std::size_t nf = 1;
    for (int b = 0; b < 3; ++b) nf *= static_cast<std::size_t>(g.cells(b) + (a == b ? 1 : 0));
    for (std::size_t f = 0; f < nf; ++f) c.vel[a].push_back(0.1 * a + 1e-3 * f / 3.0);
    c.vel_prev[a] = c.vel[a];
    c.vel_prev[a][0] = -1.0 / 7.0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    c.p.push_back(-0.5 * i / 3.0);
    c.T.push_back(300.0 + i / 7.0);
    c.T_prev.push_back(299.0 + i / 11.0);
  }
  c.fan_pressure_Pa = {12.25, 1.0 / 3.0};
  c.fan_speed = {0.72, 1.0};
  c.porous_power_W = {150.2754875401, 20.0};
  c.relax_velocity = 0.8 * 0.85;
  c.relax_energy = 0.9;
  c.relaxation = {0.68, 0.9, 1e300, 0.125, 37, 1};
  c.convergence = {{1, 1.0, 0.5, 0.25}, {2, 1e-3, 2e-3, 3e-3}};
  c.monitor_history_C = {{25.0, 30.5}, {25.1, 1.0 / 3.0}};
  c.temperature_history.iteration = {1, 10, 20};
  c.temperature_history.series = {{"sink, \"fins\" (die)", {25.0, 61.5, 1.0 / 3.0}},
                                  {"outlet", {25.0, 25.25, 26.0}}};
  c.step = 5;
  c.time_s = 10.0;
  c.dt_prev = 2.0;
  c.steps_not_converged = 2;
  c.stored_W = 68.43977614548422;
  c.last_step_iterations = 40;
  c.throttle_time_s = {-1.0, 7.3};
  c.time_series.time_s = {0.0, 4.0, 8.0};
  c.time_series.step = {0, 2, 4};
  c.time_series.iterations = {0, 40, 38};
  c.time_series.components.push_back({"regulator", {25, 25.5, 26}, {25, 25.6, 26.1}, {}});
  c.time_series.components.push_back({"sink, \"fins\"",
                                      {25, 30, 33},
                                      {25, 36, 40},
                                      {std::numeric_limits<double>::infinity(), 69.9, 70.0}});
  c.time_series.monitors.push_back({"outlet", {25, 33, 38}});
  return c;
}

Grid small_grid() { return make_uniform_grid({0.3, 0.06, 0.04}, {5, 3, 2}); }

TEST_F(CheckpointTest, FileRoundTripsEveryMember) {
  if (!result_h5_available()) GTEST_SKIP() << "built without HDF5";
  const Grid g = small_grid();
  const SolverCheckpoint c = sample_checkpoint(g);
  const std::string p = path("checkpoint.h5");
  write_checkpoint_h5(p, c, g, "scenario.toml", "[domain]\nsize_m = [0.3, 0.06, 0.04]\n");
  for (const auto& e : fs::directory_iterator(dir_))
    EXPECT_EQ(e.path().filename(), "checkpoint.h5") << "left behind: " << e.path();
  const SolverCheckpoint r = read_checkpoint_h5(p, g, "[domain]\nsize_m = [0.3, 0.06, 0.04]\n");
  EXPECT_EQ(r.transient, c.transient);
  EXPECT_EQ(r.iteration, c.iteration);
  EXPECT_EQ(r.wall_time_s, c.wall_time_s);
  EXPECT_EQ(r.vel, c.vel);
  EXPECT_EQ(r.p, c.p);
  EXPECT_EQ(r.T, c.T);
  EXPECT_EQ(r.fan_pressure_Pa, c.fan_pressure_Pa);
  EXPECT_EQ(r.fan_speed, c.fan_speed);
  EXPECT_EQ(r.porous_power_W, c.porous_power_W);
  EXPECT_EQ(r.relax_velocity, c.relax_velocity);
  EXPECT_EQ(r.relax_energy, c.relax_energy);
  EXPECT_EQ(r.relaxation.velocity, c.relaxation.velocity);
  EXPECT_EQ(r.relaxation.energy, c.relaxation.energy);
  EXPECT_EQ(r.relaxation.window_best, c.relaxation.window_best);
  EXPECT_EQ(r.relaxation.previous_best, c.relaxation.previous_best);
  EXPECT_EQ(r.relaxation.in_window, c.relaxation.in_window);
  EXPECT_EQ(r.relaxation.reductions, c.relaxation.reductions);
  ASSERT_EQ(r.convergence.size(), c.convergence.size());
  for (std::size_t i = 0; i < c.convergence.size(); ++i) {
    EXPECT_EQ(r.convergence[i].iteration, c.convergence[i].iteration);
    EXPECT_EQ(r.convergence[i].mass, c.convergence[i].mass);
    EXPECT_EQ(r.convergence[i].momentum, c.convergence[i].momentum);
    EXPECT_EQ(r.convergence[i].energy, c.convergence[i].energy);
  }
  EXPECT_EQ(r.monitor_history_C, c.monitor_history_C);
  EXPECT_EQ(r.temperature_history.iteration, c.temperature_history.iteration);
  ASSERT_EQ(r.temperature_history.series.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(r.temperature_history.series[k].name, c.temperature_history.series[k].name);
    EXPECT_EQ(r.temperature_history.series[k].T_C, c.temperature_history.series[k].T_C);
  }
  EXPECT_EQ(r.step, c.step);
  EXPECT_EQ(r.time_s, c.time_s);
  EXPECT_EQ(r.dt_prev, c.dt_prev);
  EXPECT_EQ(r.steps_not_converged, c.steps_not_converged);
  EXPECT_EQ(r.stored_W, c.stored_W);
  EXPECT_EQ(r.last_step_iterations, c.last_step_iterations);
  EXPECT_EQ(r.throttle_time_s, c.throttle_time_s);
  EXPECT_EQ(r.T_prev, c.T_prev);
  EXPECT_EQ(r.vel_prev, c.vel_prev);
  const TimeSeries &a = c.time_series, &b = r.time_series;
  EXPECT_EQ(b.time_s, a.time_s);
  EXPECT_EQ(b.step, a.step);
  EXPECT_EQ(b.iterations, a.iterations);
  ASSERT_EQ(b.components.size(), 2u);
  EXPECT_EQ(b.components[1].name, a.components[1].name);
  EXPECT_EQ(b.components[1].T_die_C, a.components[1].T_die_C);
  EXPECT_TRUE(b.components[0].T_die_C.empty());
  EXPECT_EQ(b.components[0].T_max_C, a.components[0].T_max_C);
  ASSERT_EQ(b.monitors.size(), 1u);
  EXPECT_EQ(b.monitors[0].T_C, a.monitors[0].T_C);
}

// The message of the CheckpointError that reading throws, or "" when none.
std::string read_error(const std::string& p, const Grid& g, const std::string& text) {
  try {
    read_checkpoint_h5(p, g, text);
  } catch (const CheckpointError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("not a CheckpointError: ") + e.what();
  }
  return "";
}

TEST_F(CheckpointTest, TruncatedCheckpointIsRefused) {
  if (!result_h5_available()) GTEST_SKIP() << "built without HDF5";
  const Grid g = small_grid();
  const std::string p = path("checkpoint.h5"), text = "scenario text";
  write_checkpoint_h5(p, sample_checkpoint(g), g, "s.toml", text);
  const std::string whole = read_all(p);
  ASSERT_EQ(read_error(p, g, text), "");
  for (double keep : {0.0, 0.1, 0.5, 0.9, 0.999}) {
    const std::size_t n = static_cast<std::size_t>(keep * whole.size());
    write_all(p, whole.substr(0, n));
    const std::string e = read_error(p, g, text);
    EXPECT_NE(e.find("truncated, damaged or not HDF5"), std::string::npos)
        << "kept " << n << " of " << whole.size() << " bytes: " << e;
    EXPECT_NE(e.find("start from the beginning"), std::string::npos) << e;
  }
  write_all(p, whole.substr(0, whole.size() - 1));
  EXPECT_NE(read_error(p, g, text), "") << "one byte short";
  fs::remove(p);
  EXPECT_NE(read_error(p, g, text).find("no such checkpoint file"), std::string::npos);
}

// Flips one byte of `needle`'s first occurrence in the file.
bool damage(const std::string& p, const std::string& needle, std::size_t offset) {
  std::string bytes = read_all(p);
  const std::size_t at = bytes.find(needle);
  if (at == std::string::npos) return false;
  bytes[at + offset] = static_cast<char>(bytes[at + offset] ^ 0x10);
  write_all(p, bytes);
  return true;
}

std::string bytes_of(const std::vector<double>& v, std::size_t from, std::size_t count) {
  return std::string(reinterpret_cast<const char*>(v.data() + from), count * sizeof(double));
}

TEST_F(CheckpointTest, DamagedCheckpointIsRefused) {
  if (!result_h5_available()) GTEST_SKIP() << "built without HDF5";
  const Grid g = small_grid();
  const SolverCheckpoint c = sample_checkpoint(g);
  const std::string p = path("checkpoint.h5"), text = "scenario text";
  // A byte of the temperatures, of the JSON state and of the fan pressures.
  struct Case {
    std::string needle;
    std::size_t offset;
  };
  const Case cases[] = {{bytes_of(c.T, 10, 4), 13},
                        {"\"iteration\":1234", 14},
                        {bytes_of(c.fan_pressure_Pa, 0, 2), 9}};
  for (const Case& k : cases) {
    write_checkpoint_h5(p, c, g, "s.toml", text);
    ASSERT_TRUE(damage(p, k.needle, k.offset));
    const std::string e = read_error(p, g, text);
    EXPECT_NE(e, "") << "a damaged checkpoint was read";
    EXPECT_TRUE(e.find("damaged") != std::string::npos) << e;
  }
}

// One damaged byte anywhere (the HDF5 metadata included) is refused before
// libhdf5 parses the file (io/file_seal.hpp); before the seal 4.5 % of such
// checkpoints crashed it in H5HG_read and 1 % hung it.
TEST_F(CheckpointTest, EveryDamagedByteIsRefusedWithoutACrash) {
  if (!result_h5_available()) GTEST_SKIP() << "built without HDF5";
  const Grid g = small_grid();
  const std::string p = path("checkpoint.h5"), text = "scenario text";
  write_checkpoint_h5(p, sample_checkpoint(g), g, "s.toml", text);
  ASSERT_EQ(read_error(p, g, text), "");
  expect_every_mutant_refused(p, [&] { read_checkpoint_h5(p, g, text); });
}

TEST_F(CheckpointTest, CheckpointOfAnotherScenarioOrGridIsRefused) {
  if (!result_h5_available()) GTEST_SKIP() << "built without HDF5";
  const Grid g = small_grid();
  const std::string p = path("checkpoint.h5");
  write_checkpoint_h5(p, sample_checkpoint(g), g, "first.toml", "tolerance = 1e-5\n");
  const std::string other_text = read_error(p, g, "tolerance = 1e-6\n");
  EXPECT_NE(other_text.find("belongs to another scenario or grid (written for 'first.toml', 5 x 3 "
                            "x 2 cells)"),
            std::string::npos)
      << other_text;
  Grid other = g;
  other.edges[1][1] += 1e-4;  // same cell counts, another grid line
  EXPECT_NE(read_error(p, other, "tolerance = 1e-5\n").find("another scenario or grid"),
            std::string::npos);
  // Sizes are checked again by the solver, against the model.
  SolverCheckpoint c = sample_checkpoint(g);
  c.transient = false;
  const Model m = resume_model("resume-box.toml", "max_iterations = 3\n");
  RunOptions o;
  o.resume = &c;
  EXPECT_THROW(run_model(m, o), std::invalid_argument);
}

}  // namespace
}  // namespace rt
