#include "app/commands/run.hpp"

#include <fmt/core.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "app/exit_status.hpp"
#include "app/output_folder.hpp"
#include "app/pipeline/pictures.hpp"
#include "app/pipeline/run_folder.hpp"
#include "app/pipeline/scenario_input.hpp"
#include "app/progress_printer.hpp"
#include "app/summary_printout.hpp"
#include "cuda/device_memory.hpp"
#include "cuda/device_query.hpp"
#include "cuda/device_simplec_steps.hpp"
#include "geometry/snapped_grid.hpp"
#include "io/checkpoint_h5.hpp"
#include "io/result_h5.hpp"
#include "io/time_series_csv.hpp"
#include "scenarios/builds/breathing.hpp"
#include "scenarios/builds/grid_distance.hpp"
#include "scenarios/builds/lower_build.hpp"
#include "scenarios/builds/sanity/build_sanity.hpp"
#include "solver/memory_estimate.hpp"
#include "solver/run.hpp"

namespace fs = std::filesystem;

namespace rt::app {

namespace {

// Set by the first SIGINT/SIGTERM; the solver stops after its iteration and
// the results so far are written. A second signal kills at once (default).
std::atomic<bool> g_stop_requested{false};

extern "C" void request_stop(int signal_number) {
  g_stop_requested.store(true);
  std::signal(signal_number, SIG_DFL);
}

}  // namespace

int cmd_run(const RunArgs& a) {
  if (a.backend == "cuda") {
    std::string why;
    if (!cuda_device_available(&why)) {
      fmt::print(stderr, "rigtherm: no CUDA device ({})\n", why);
      return kExitUsage;
    }
  }

  const ScenarioInput in = read_scenario_input(a.scenario, a.overrides);
  if (refused_as_sweep_file(in)) return kExitUsage;
  Model model;
  std::optional<BuildScenario> build;
  if (in.build) {
    // A build lowers to the generic model (scenarios/builds/lower_build.hpp); the
    // scenario text stored with the result is the build's.
    build = parse_build_input(in);
    model = lower_build(*build);
    model.source_text = in.text;
  } else {
    model = parse_generic_input(in);
  }

  const fs::path out(a.out_dir);
  if (const std::string problem = output_folder_problem(out); !problem.empty()) {
    fmt::print(stderr, "rigtherm: {}\n", problem);
    return kExitUsage;
  }
  // Another scenario's results are never replaced unasked.
  const std::optional<EarlierResults> earlier = earlier_results(out);
  const bool replaces_another = earlier && !same_scenario_file(earlier->scenario, a.scenario);
  // With --resume a lone checkpoint is the resume's to accept or refuse
  // (its fingerprint of the scenario text and grid).
  if (replaces_another && !a.overwrite && !(earlier->checkpoint_only && a.resume)) {
    if (earlier->checkpoint_only)
      fmt::print(stderr,
                 "rigtherm: {} holds the checkpoint of an interrupted run of {} (checkpoint.h5, "
                 "no summary.json); continue it with `rigtherm run {} -o {} --resume`, write to "
                 "another folder with -o, or add --overwrite to replace it\n",
                 a.out_dir, earlier->scenario, earlier->scenario, a.out_dir);
    else
      fmt::print(stderr,
                 "rigtherm: {} holds the results of {} (summary.json); write to another folder "
                 "with -o, or add --overwrite to replace them\n",
                 a.out_dir, earlier->scenario);
    return kExitUsage;
  }
  const RunFolder folder(out);
  const std::string& checkpoint_path = folder.checkpoint;
  const std::string& csv_path = folder.time_series;
  const bool transient = model.solver.mode == SolveMode::transient;

  // --resume: the checkpoint must be complete, undamaged and of this very
  // scenario and grid; anything else stops here with the reason.
  const bool checkpoints = result_h5_available();
  std::optional<SolverCheckpoint> resume_from;
  const Grid grid = make_grid(model);
  if (a.backend == "cuda") {
    // Refuse before allocating anything when the model cannot fit
    // (cuda/device_memory.hpp counts what the device solve holds).
    const Extent cells{{grid.nx(), grid.ny(), grid.nz()}};
    const DeviceMemoryEstimate need =
        estimate_device_memory(cells, model.physics.turbulence != Turbulence::laminar,
                               model.solver.mode == SolveMode::transient);
    std::size_t free_bytes = 0, total_bytes = 0;
    std::string why;
    if (!cuda_device_memory(&free_bytes, &total_bytes, &why)) {
      fmt::print(stderr, "rigtherm: no CUDA device ({})\n", why);
      return kExitUsage;
    }
    const std::string refusal = device_memory_refusal(need, free_bytes);
    if (!refusal.empty()) {
      fmt::print(stderr, "rigtherm: --backend cuda: {}\n", refusal);
      return kExitUsage;
    }
  }
  // Refuse before allocating when the machine does not have the memory.
  if (!a.force) {
    if (const std::optional<double> available = available_memory_bytes()) {
      const std::string refusal = memory_refusal(plan_memory(model, grid), *available);
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
        resume_from = read_checkpoint_h5(checkpoint_path, grid, model.source_text);
      } catch (const CheckpointError& e) {
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
  RunOptions options;
  options.threads = a.threads;
  options.backend = parse_backend(a.backend).value_or(ComputeBackend::cpu);
  options.device_steps = make_device_simplec_steps;
  options.on_progress = [&progress](const Progress& p) { progress(p); };
  options.stop_requested = &g_stop_requested;
  // Rewritten at every sample, so a long run can be watched (and a crash
  // keeps what was sampled).
  if (transient)
    options.on_sample = [&csv_path](const TimeSeries& ts) { write_time_series_csv(csv_path, ts); };
  if (checkpoints) {
    options.checkpoint_every = a.checkpoint_every;
    options.checkpoint_interval_s = 60.0 * a.checkpoint_minutes;
    // A checkpoint that cannot be written (disk full) costs the ability to
    // resume, not the run: warn and go on.
    options.on_checkpoint = [&](const SolverCheckpoint& c) {
      try {
        write_checkpoint_h5(checkpoint_path, c, grid, a.scenario, model.source_text);
      } catch (const std::exception& e) {
        progress.finish();
        fmt::print(stderr, "rigtherm: warning: checkpoint not written: {}\n", e.what());
      }
    };
  }
  if (resume_from) options.resume = &*resume_from;
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);

  if (replaces_another)
    fmt::print(stderr, "rigtherm: --overwrite: the results of {} in {} are replaced\n",
               earlier->scenario, a.out_dir);
  folder.claim(transient, replaces_another, resume_from.has_value());

  const auto t0 = std::chrono::steady_clock::now();
  RunResult result;
  try {
    result = run_model(model, grid, options);
  } catch (const std::invalid_argument& e) {
    progress.finish();
    fmt::print(stderr, "rigtherm: cannot solve {}: {}\n", a.scenario, e.what());
    return kExitUsage;
  } catch (const DivergenceError& e) {
    progress.finish();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const int iters = progress.has_last() ? progress.last().iteration : 0;
    fmt::print(stderr, "rigtherm: the solution diverged: {}\n", e.what());
    folder.record_divergence(
        diverged_summary(model, a.scenario, a.backend, a.threads, e.what(), iters, wall));
    fmt::print(stderr, "rigtherm: wrote {} (converged = false); no result.h5\n", folder.summary);
    return kExitDiverged;
  } catch (...) {
    progress.finish();
    throw;
  }
  progress.finish();

  Summary& s = result.summary;
  if (s.scenario.empty()) s.scenario = a.scenario;
  if (s.backend.empty()) s.backend = a.backend;
  // How each open-air card breathes against free air (the PC layer's figure).
  if (build) add_breathing(*build, model, s);
  // What can go wrong besides heat, as check prints it.
  if (build) s.build_sanity = sanity_lines(build_sanity(*build));
  if (build) s.grid_distance = grid_distance_statement(*build);

  const bool wrote_h5 = folder.write_results(model, result);
  if (!wrote_h5) fmt::print(stderr, "rigtherm: this build has no HDF5; result.h5 not written\n");
  const bool interrupted = s.stop_reason == "interrupted";

  print_summary(s, a.scenario);
  fmt::print("output:\n  {}\n", folder.summary);
  if (transient) fmt::print("  {} (the time series)\n", csv_path);
  if (wrote_h5) fmt::print("  {}\n  {} (open in ParaView)\n", folder.result_h5, folder.result_xmf);
  // Pictures and the report come after the results: they are optional and
  // their failure never changes the exit status.
  pictures_and_report(model, build ? &*build : nullptr, a.scenario, a.no_pictures, result, out);

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

}  // namespace rt::app
