// rigtherm command line: the commands, their options and their exit status
// (app/exit_status.hpp); each command's work is in app/commands/.
//
//   rigtherm run SCENARIO.toml -o OUT/ [KEY.PATH=VALUE ...] [--backend cpu|cuda|mirror]
//                [--threads N] [--quiet] [--resume] [--checkpoint-every N]
//                [--checkpoint-minutes M] [--log-json FILE] [--overwrite] [--force]
//                [--no-pictures]
//   rigtherm check SCENARIO.toml [KEY.PATH=VALUE ...] [--layout PNG] [--no-pictures] [--force]
//   rigtherm render RESULT.h5 -o PNG [--slice z=120mm] [--field T|speed|p] ...
//   rigtherm sweep SWEEP.toml -o DIR/ [--dry-run] [--jobs N] [--threads N] [--resume]
//                  [--retry-failed] [--max-variants N] [--slurm]   (app/commands/sweep.hpp)
//   rigtherm sweep --collect DIR/
//   rigtherm parts [list | show NAME]
//   rigtherm calibrate LOG.csv --build BUILD.toml --gpu SLOT [--result DIR] [--name ID]
//                      [-o my-parts/] [--overwrite]   (app/commands/calibrate.hpp)
//   rigtherm --version
//
// Exit status: 0 done (converged; transient: every step converged); 1
// unexpected error; 2 bad command line, scenario, backend or output folder;
// 3 the solution diverged (summary.json says so, no result.h5); 4 not
// converged within max_iterations, or transient steps that stopped at
// iterations_per_step (results written); 130 interrupted by SIGINT/SIGTERM
// (results so far written, not converged).

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "app/cli_checks.hpp"
#include "app/commands/calibrate.hpp"
#include "app/commands/check.hpp"
#include "app/commands/parts.hpp"
#include "app/commands/render.hpp"
#include "app/commands/run.hpp"
#include "app/commands/sweep.hpp"
#include "app/exit_status.hpp"
#include "io/result_h5.hpp"
#include "scenarios/builds/parts_library.hpp"
#include "scenarios/model/model.hpp"

#ifndef RT_VERSION
#define RT_VERSION "0.1.0"
#endif

namespace rt::app {
namespace {

std::string version_text() {
  std::string cuda = "not built";
#ifdef RT_HAVE_CUDA
  cuda = "steady runs, not yet run on a GPU";
#endif
  return fmt::format("rigtherm {} (CUDA: {}, HDF5: {})", RT_VERSION, cuda,
                     result_h5_available() ? "yes" : "no");
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
      ->check(whole_number_at_least(0))
      ->capture_default_str();
  run->add_flag("-q,--quiet", run_args.quiet, "no progress line");
  run->add_flag("--resume", run_args.resume,
                "continue from OUT/checkpoint.h5 (written during the run and when it is "
                "interrupted)");
  run->add_option("--checkpoint-every", run_args.checkpoint_every,
                  "write OUT/checkpoint.h5 every N iterations (0: not by count)")
      ->check(whole_number_at_least(0))
      ->capture_default_str();
  run->add_option("--checkpoint-minutes", run_args.checkpoint_minutes,
                  "and every M minutes of wall time (0: not by time)")
      ->check(finite_non_negative())
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

  SweepArgs sweep_args;
  CLI::App* sweep = app.add_subcommand(
      "sweep", "run every variant of a sweep file (docs/sweeps.md), resumable, and rank them");
  sweep->add_option("SWEEP", sweep_args.sweep_file, "sweep file (.toml)");
  sweep->add_option("-o,--output", sweep_args.out_dir, "sweep directory (created)");
  sweep->add_flag("--dry-run", sweep_args.dry_run,
                  "list the variants with their estimated run time; run nothing");
  sweep->add_option("--jobs", sweep_args.jobs, "variants run at once")
      ->check(whole_number_at_least(1))
      ->capture_default_str();
  sweep
      ->add_option("--threads", sweep_args.threads,
                   "threads in all, split over the jobs (0 = all cores)")
      ->check(whole_number_at_least(0))
      ->capture_default_str();
  sweep->add_flag("--resume", sweep_args.resume,
                  "continue an earlier sweep in DIR (the default: finished variants are skipped, "
                  "interrupted ones resume from their checkpoints)");
  sweep->add_flag("--retry-failed", sweep_args.retry_failed, "run the failed variants again");
  sweep
      ->add_option("--max-variants", sweep_args.max_variants,
                   "refuse sweeps with more combinations (default: the file's max_variants, "
                   "else 256)")
      ->check(whole_number_at_least(1));
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
      ->check(whole_number_at_least(0))
      ->capture_default_str();
  sweep
      ->add_option("--checkpoint-minutes", sweep_args.checkpoint_minutes,
                   "each run's --checkpoint-minutes")
      ->check(finite_non_negative())
      ->capture_default_str();

  std::string part_name;
  CLI::App* parts = app.add_subcommand("parts", "list the parts library, or show one part");
  parts->require_subcommand(0, 1);
  parts->add_subcommand("list", "families and ids with a one-line summary (the default)");
  CLI::App* parts_show = parts->add_subcommand("show", "every value of one part, with units");
  parts_show->add_option("NAME", part_name, "part id, e.g. titan-rtx or gpu.titan-rtx")->required();

  CalibrateArgs cal_args;
  CLI::App* calibrate = app.add_subcommand(
      "calibrate",
      "fit a card's die model and fan curve to an nvidia-smi log of it, write a part file");
  calibrate
      ->add_option("LOG", cal_args.log,
                   "nvidia-smi --query-gpu=timestamp,index,name,temperature.gpu,power.draw,"
                   "fan.speed,clocks.sm,enforced.power.limit --format=csv -l 1 output")
      ->required();
  calibrate->add_option("--build", cal_args.build, "the build the card ran in (.toml)")->required();
  calibrate->add_option("--gpu", cal_args.slot, "the card's slot in the build")
      ->required()
      ->check(whole_number_at_least(1));
  calibrate->add_option("--result", cal_args.result_dirs,
                        "folder of a finished `rigtherm run` of the build; again for runs with "
                        "the card's fans fixed at other speeds (default: solve it here on its "
                        "preview grid at the log's lowest and highest fan speed under load)");
  calibrate->add_option("--name", cal_args.name,
                        "id of the calibrated card (default: ID-calibrated)");
  calibrate->add_option("-o,--output", cal_args.out_dir, "folder for the part file")
      ->capture_default_str();
  calibrate->add_flag("--overwrite", cal_args.overwrite, "replace an existing part file");
  calibrate->add_flag("-q,--quiet", cal_args.quiet, "no progress line while solving");
  calibrate->add_option("--threads", cal_args.threads, "OpenMP threads (0 = all)")
      ->check(whole_number_at_least(0))
      ->capture_default_str();

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
    if (*sweep) return cmd_sweep(sweep_args);
    if (*calibrate) return cmd_calibrate(cal_args);
    if (*parts) return *parts_show ? cmd_parts_show(part_name) : cmd_parts_list();
  } catch (const ScenarioError& e) {
    fmt::print(stderr, "rigtherm: {}\n", e.what());
    return kExitUsage;
  } catch (const UnknownPartError& e) {
    fmt::print(stderr, "rigtherm: {}\n", e.what());
    return kExitUsage;
  }
  return kExitUsage;
}

}  // namespace
}  // namespace rt::app

int main(int argc, char** argv) {
  try {
    return rt::app::real_main(argc, argv);
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "rigtherm: error: %s\n", e.what());
    return rt::app::kExitError;
  }
}
