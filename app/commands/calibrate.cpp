#include "app/commands/calibrate.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "app/exit_status.hpp"
#include "app/output_folder.hpp"
#include "app/pipeline/scenario_input.hpp"
#include "app/progress_printer.hpp"
#include "io/atomic_file.hpp"
#include "io/summary_json.hpp"
#include "scenarios/builds/calibration/die_model_fit.hpp"
#include "scenarios/builds/calibration/nvidia_smi_log.hpp"
#include "scenarios/builds/calibration/part_file_writer.hpp"
#include "scenarios/builds/lower_build.hpp"
#include "scenarios/model/model.hpp"
#include "scenarios/toml/input_file.hpp"
#include "solver/run.hpp"

namespace fs = std::filesystem;

namespace rt::app {
namespace {

std::string today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// The card's entries in a summary: its fin stack "gpuN.fins" (intake air,
// flow) and its first fan "gpuN.fan1" (speed), as lowering names them
// (scenarios/builds/lower/gpu.cpp). nullopt and *why when absent.
std::optional<SolvedCard> card_in_summary(const Summary& s, const std::string& n,
                                          std::string* why) {
  const ComponentSummary* fins = nullptr;
  for (const ComponentSummary& c : s.components)
    if (c.name == n + ".fins") fins = &c;
  const FanSummary* fan = nullptr;
  for (const FanSummary& f : s.fans)
    if (f.name == n + ".fan1") fan = &f;
  if (!fins || !fins->has_die) {
    *why = "no die model of " + n + ".fins";
    return std::nullopt;
  }
  if (!fan) {
    *why = n + "'s fans are stopped or absent in the solve (no " + n + ".fan1)";
    return std::nullopt;
  }
  SolvedCard c;
  c.inlet_air_K = fins->inlet_air_C + kCelsiusToKelvin;
  c.flow_m3_s = fins->flow_m3_s;
  c.fan_fraction = fan->speed_pct / 100.0;
  return c;
}

// Solves the build (steady) on its preview grid, or on its own grid when
// its [mesh] has no preview, with the progress line; the card (build index
// gpu) with its fans fixed at fan_pct when given; *how says which grid.
Summary solve_here(BuildScenario build, std::size_t gpu, std::optional<double> fan_pct,
                   const ScenarioInput& in, const CalibrateArgs& a, std::string* how) {
  if (fan_pct) build.gpus[gpu].fan_speed_pct = *fan_pct;
  Model model = lower_build(build);
  model.source_text = in.text;
  model.solver.mode = SolveMode::steady;
  const char* grid = model.preview_grid ? "preview" : "own";
  if (model.preview_grid) {
    model.snapped_grid = *model.preview_grid;
    model.preview_grid.reset();
  }
  *how = fmt::format("solves on its {} grid", grid);
  fmt::print(stderr,
             "rigtherm: solving {} on its {} grid, the card's fans {}, for its intake air and "
             "flow\n",
             a.build, grid,
             fan_pct ? fmt::format("fixed at {:.0f} %", *fan_pct) : std::string("under control"));
  ProgressPrinter progress(!a.quiet, nullptr);
  RunOptions options;
  options.threads = a.threads;
  options.on_progress = [&progress](const Progress& p) { progress(p); };
  RunResult r;
  try {
    r = run_steady(model, options);
  } catch (...) {
    progress.finish();
    throw;
  }
  progress.finish();
  return r.summary;
}

}  // namespace

int cmd_calibrate(const CalibrateArgs& a) {
  auto refuse = [](const std::string& why) {
    fmt::print(stderr, "rigtherm: {}\n", why);
    return kExitUsage;
  };
  const NvidiaSmiLog log = read_nvidia_smi_log(a.log);

  const ScenarioInput in = read_scenario_input(a.build, {});
  if (!in.build)
    return refuse(a.build +
                  " is not a build file ([case], [[gpu]]): calibrate reads a card's "
                  "surroundings from a build");
  const BuildScenario build = parse_build_input(in);
  std::optional<std::size_t> index;
  std::string slots;
  for (std::size_t i = 0; i < build.gpus.size(); ++i) {
    if (build.gpus[i].slot == a.slot) index = i;
    slots += (slots.empty() ? "" : ", ") + std::to_string(build.gpus[i].slot);
  }
  if (!index)
    return refuse(a.build + " has no card in slot " + std::to_string(a.slot) + " (cards in " +
                  (slots.empty() ? std::string("no slot") : "slots " + slots) + ")");
  const BuildGpu& gpu = build.gpus[*index];
  if (gpu.fan_speed_pct && !a.result_dirs.empty())
    fmt::print(stderr,
               "rigtherm: note: {} fixes the card's fans at {} %; the log's fan speeds are "
               "scaled from that solve\n",
               a.build, *gpu.fan_speed_pct);
  const std::string lowered = lowered_gpu_name(*index);

  // Where the part goes: refused before any solving.
  const std::string id = a.name.empty() ? gpu.model.info.id + "-calibrated" : a.name;
  const fs::path out_file = fs::path(a.out_dir) / (id + ".toml");
  std::error_code ec;
  if (fs::exists(out_file, ec) && !a.overwrite)
    return refuse(out_file.string() + " exists; choose another --name, or add --overwrite");

  std::vector<SolvedCard> points;
  std::string how;
  auto add_point = [&](const Summary& summary, const std::string& from) -> std::string {
    std::string why;
    const std::optional<SolvedCard> solved = card_in_summary(summary, lowered, &why);
    if (!solved)
      return "cannot calibrate slot " + std::to_string(a.slot) + " from " + from + ": " + why;
    points.push_back(*solved);
    return "";
  };
  if (!a.result_dirs.empty()) {
    for (const std::string& dir : a.result_dirs) {
      const fs::path path = fs::path(dir) / "summary.json";
      std::string why;
      const std::optional<std::string> text = read_input_file(path.string(), &why);
      if (!text) return refuse("cannot read " + path.string() + ": " + why);
      Summary summary;
      try {
        summary = summary_from_json(nlohmann::json::parse(*text));
      } catch (const std::exception& e) {
        return refuse(path.string() + " is not a rigtherm summary.json: " + e.what());
      }
      if (!same_scenario_file(summary.scenario, a.build))
        return refuse(dir + " holds the results of " + summary.scenario + ", not of " + a.build +
                      "; pass the run folder of this build, or leave --result out");
      if (!summary.converged)
        fmt::print(stderr, "rigtherm: note: the run in {} did not converge ({})\n", dir,
                   summary.stop_reason);
      if (const std::string problem = add_point(summary, dir); !problem.empty())
        return refuse(problem);
    }
    how = a.result_dirs.size() == 1 ? "the run in " + a.result_dirs[0]
                                    : std::to_string(a.result_dirs.size()) + " runs (--result)";
  } else {
    // The speeds the fit will see; one solve where they barely differ.
    std::vector<std::optional<double>> speeds = {std::nullopt};
    if (const auto range = loaded_fan_range(log)) {
      speeds = {100 * range->first};
      if (range->second >= kMinFanRatio * range->first) speeds.push_back(100 * range->second);
    }
    for (const std::optional<double>& pct : speeds) {
      Summary summary;
      try {
        summary = solve_here(build, *index, pct, in, a, &how);
      } catch (const std::invalid_argument& e) {
        return refuse("cannot solve " + a.build + ": " + e.what());
      }
      if (const std::string problem = add_point(summary, "the solve"); !problem.empty())
        return refuse(problem);
    }
    how = std::to_string(speeds.size()) + " " + how;
  }
  std::optional<SolvedFlowCurve> curve;
  try {
    curve.emplace(points);
  } catch (const std::invalid_argument& e) {
    return refuse("cannot calibrate slot " + std::to_string(a.slot) + ": " + e.what());
  }

  const DieModelFit fit = fit_die_model(log, gpu.model, *curve);
  const PartsLibrary library = build_parts_library(in.text, a.build);
  const CalibrationSource from{a.log, a.build, how, today()};
  const std::string toml = calibrated_gpu_toml(library, gpu.model, id, fit, from);
  // The file must read back as a part (and its id be new to the library)
  // before it is written: it is read from a scratch folder first.
  const fs::path scratch =
      fs::temp_directory_path() / ("rigtherm-calibrate-" + std::to_string(::getpid()));
  fs::create_directories(scratch, ec);
  write_text_atomic((scratch / (id + ".toml")).string(), toml);
  try {
    PartsLibrary::load(PartsLibrary::default_dir(), {scratch.string()});
  } catch (const ScenarioError& e) {
    fs::remove_all(scratch, ec);
    return refuse("the calibrated part does not read back: " + std::string(e.what()));
  }
  fs::remove_all(scratch, ec);
  fs::create_directories(a.out_dir, ec);
  if (ec) return refuse("cannot create " + a.out_dir + ": " + ec.message());
  write_text_atomic(out_file.string(), toml);

  const double C = kCelsiusToKelvin;
  fmt::print("{} in slot {} ({}), log {} ({} samples over {:.0f} s{})\n", gpu.model.info.id, a.slot,
             lowered, a.log, fit.samples, log.duration_s(),
             log.gpu_name.empty() ? "" : ", " + log.gpu_name);
  fmt::print("solved state from {}: fin-stack flow {}, intake air {}\n", how, curve->describe(),
             [&] {
               std::string t;
               for (const SolvedCard& p : curve->points())
                 t += fmt::format("{}{:.1f} °C", t.empty() ? "" : ", ", p.inlet_air_K - C);
               return t;
             }());
  fmt::print(
      "fit on {} quasi-steady samples under load ({:.0f}-{:.0f} W, fan x{:.2f}; about {:.0f} "
      "independent): residual {:.2f} K RMS, {:.2f} K at most\n",
      fit.samples_used, fit.power_lo_W, fit.power_hi_W, fit.fan_ratio, fit.effective_samples,
      fit.residual_rms_K, fit.residual_max_K);
  fmt::print("  R_ref_K_W   {:.4g} -> {:.4g} ± {:.2g} K/W (at Q_ref {:.4g} m³/s)\n",
             gpu.model.thermal.R_ref_K_W, fit.R_ref_K_W, fit.R_ref_se_K_W, fit.Q_ref_m3_s);
  if (fit.exponent_fitted)
    fmt::print("  R_exponent  {:.3g} -> {:.3g} ± {:.2g}\n", gpu.model.thermal.exponent,
               fit.exponent, fit.exponent_se);
  else
    fmt::print("  R_exponent  {:.3g} kept\n", gpu.model.thermal.exponent);
  if (fit.fan_curve_fitted) {
    fmt::print("  fan control from the log between {:.0f} and {:.0f} °C (library outside):\n",
               fit.fan_T_lo_K - C, fit.fan_T_hi_K - C);
    std::string Ts, ps;
    for (double T : fit.fan_control.T_K()) Ts += fmt::format(" {:.0f}", T - C);
    for (double f : fit.fan_control.fraction()) ps += fmt::format(" {:.0f}", 100 * f);
    fmt::print("    °C:{}\n    % :{}\n", Ts, ps);
  }
  for (const std::string& n : fit.notes) fmt::print("note: {}\n", n);
  fmt::print(
      "wrote {} ([gpu.{}]); use it with [parts] path = \"{}\" in the build (relative to "
      "it) or RIGTHERM_PARTS_EXTRA={}, and model = \"{}\"\n",
      out_file.string(), id, a.out_dir, a.out_dir, id);
  return 0;
}

}  // namespace rt::app
