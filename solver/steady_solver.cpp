#include "solver/steady_solver.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "geometry/snapped_grid.hpp"
#include "solver/coarse_grid_start.hpp"
#include "solver/diagnostics.hpp"
#include "solver/die_model.hpp"
#include "solver/divergence_check.hpp"
#include "solver/fan_control.hpp"
#include "solver/fan_operating_point.hpp"
#include "solver/grid_sequencing.hpp"
#include "solver/grid_transfer.hpp"
#include "solver/kernels/turbulence_k.hpp"
#include "solver/relaxation_control.hpp"
#include "solver/run_solver.hpp"
#include "solver/turbulence.hpp"
#include "solver/wall_distance.hpp"

namespace rt {
namespace {

// Iterations between temperature samples (TemperatureHistory).
constexpr int kTemperatureSampleEvery = 10;

// A flow with no steady state (jets that keep swinging) settles in the mean
// when its temperatures swing within this many settle bands (1 K for a
// build) around means that have stopped moving.
constexpr double kSwingCap = 10.0;

}  // namespace

SteadySolver::SteadySolver(const Model& model, const Grid& grid, SimplecSettings settings)
    : model_(model),
      settings_(settings),
      state_(model, grid),
      // A run that settles on its temperatures (settle_K: builds, whose jets
      // keep swinging) is not the linear convergence the acceleration
      // speeds up: measured on the pair-adjacent build, 710 preview
      // iterations with it against 420 without, the full grid no sooner.
      acceleration_(model.solver.settle_K > 0.0 ? 0 : settings.acceleration_depth),
      speed_limit_(runaway_speed_limit(model)) {
  for (const Fan& fan : model.fans) has_controls_ = has_controls_ || fan.control.has_value();
  for (const PorousBlock& b : model.porous)
    has_controls_ = has_controls_ || (b.die_resistance_K_W && b.throttle_K);
  // What the settle test does not wait for (settled()): the monitors, point
  // probes that swing in a jet's shear layer; and, in a model with die
  // models (a build), the hottest cells of the other powered parts (PSU,
  // drives), which swing with the jets around them too, by ±0.5 K with a
  // period of hundreds of iterations on the dual Titan build, while what a
  // slot-order answer reads, the dies and the air their heat sinks take in,
  // holds. Their bands are reported (late_bands) all the same.
  for (const Monitor& m : model.monitors) not_settled_on_.push_back(m.name);
  bool has_dies = false;
  for (const PorousBlock& b : model.porous) has_dies = has_dies || b.die_resistance_K_W.has_value();
  if (has_dies) {
    for (const Block& b : model.blocks)
      if (b.power_W > 0.0) not_settled_on_.push_back(b.name);
    for (const PorousBlock& b : model.porous)
      if (b.power_W > 0.0 && !b.die_resistance_K_W) not_settled_on_.push_back(b.name);
  }
  // Throttled cards' powers are watts: settled() judges them on their own.
  for (const PorousBlock& b : model.porous)
    if (b.power_W > 0.0 && b.die_resistance_K_W && b.throttle_K)
      not_settled_on_.push_back(power_series_name(b.name));
  // The wall distance first, in its own storage, freed before the steps
  // allocate theirs.
  if (state_.turbulence_model() != kLaminar)
    compute_wall_distance(state_.view(), state_.wall_distance, state_.wall_layer_thickness);
  steps_ = make_simplec_steps(state_, settings_);
}

double SteadySolver::solve_momentum() { return steps_->solve_momentum(state_, settings_); }

double SteadySolver::solve_pressure_correction() {
  return steps_->solve_pressure_correction(state_, settings_.pressure, settings_.relax_pressure);
}

double SteadySolver::solve_energy() {
  return steps_->solve_energy(state_, settings_.energy, settings_.relax_energy);
}

ResidualRecord SteadySolver::iterate() {
  ResidualRecord r;
  r.iteration = ++iteration_;
  if (state_.has_fluid()) {
    max_turbulent_viscosity_ratio_ = update_effective_viscosity(state_);
    r.momentum = solve_momentum();
    r.mass = solve_pressure_correction();
    update_fan_pressures(model_, state_, settings_.relax_fan);
  }
  if (state_.energy_active()) r.energy = solve_energy();
  if (has_controls_) {
    const std::vector<DieReading> dies = read_dies(model_, state_);
    control_change_ = std::max(update_throttling(model_, state_, dies, settings_.relax_control),
                               update_fan_speeds(model_, state_, dies, settings_.relax_control));
  }
  check_divergence(r.iteration, r);
  return r;
}

void SteadySolver::check_divergence(int iteration, const ResidualRecord& r) {
  const bool finite = std::isfinite(r.mass) && std::isfinite(r.momentum) && std::isfinite(r.energy);
  // A full scan is cheap next to ten iterations; NaNs are caught at once.
  if (finite && iteration % 10 != 0) return;
  const std::optional<std::string> where = find_blow_up(state_, speed_limit_);
  if (finite && !where) return;
  std::ostringstream msg;
  msg << "solution diverged at iteration " << iteration << " (residuals mass " << r.mass
      << ", momentum " << r.momentum << ", energy " << r.energy << ")";
  if (where) msg << "; first bad value in " << *where;
  msg << ". Try a finer grid, lower inlet or fan speeds, or check the scenario's properties";
  throw DivergenceError(msg.str());
}

void SteadySolver::capture(SolverCheckpoint& c) const {
  c.iteration = iteration_;
  c.vel = state_.vel;
  c.p = state_.p;
  c.T = state_.T;
  c.fan_pressure_Pa.clear();
  c.fan_speed.clear();
  for (std::size_t f = 0; f < model_.fans.size(); ++f) {
    c.fan_pressure_Pa.push_back(state_.patch(model_.vents.size() + f).fan_pressure);
    c.fan_speed.push_back(state_.fan_speed(f));
  }
  c.porous_power_W.clear();
  for (std::size_t p = 0; p < model_.porous.size(); ++p)
    c.porous_power_W.push_back(state_.porous_power(p));
  c.relax_velocity = settings_.relax_velocity;
  c.relax_energy = settings_.relax_energy;
  c.acceleration = acceleration_.state();
}

void SteadySolver::restore(const SolverCheckpoint& c) {
  const auto fail = [](const std::string& what) {
    throw std::invalid_argument("the checkpoint does not fit this scenario: " + what);
  };
  for (int a = 0; a < 3; ++a)
    if (c.vel[a].size() != state_.vel[a].size()) fail("face velocities of another grid");
  if (c.p.size() != state_.p.size() || c.T.size() != state_.T.size())
    fail("fields of another grid");
  restore_controls(c);
  for (const std::vector<double>& row : c.monitor_history_C)
    if (row.size() != model_.monitors.size()) fail("another number of monitors");
  state_.vel = c.vel;
  state_.p = c.p;
  state_.T = c.T;
  iteration_ = c.iteration;
  settings_.relax_velocity = c.relax_velocity;
  settings_.relax_energy = c.relax_energy;
  std::size_t unknowns = 0;
  for (const AcceleratedField& f : accelerated_fields()) unknowns += f.size;
  try {
    acceleration_.set_state(c.acceleration, unknowns);
  } catch (const std::invalid_argument& e) {
    fail(e.what());
  }
}

std::vector<AcceleratedField> SteadySolver::accelerated_fields() {
  std::vector<AcceleratedField> fields;
  if (state_.has_fluid()) {
    for (int a = 0; a < 3; ++a) fields.push_back({state_.vel[a].data(), state_.vel[a].size(), 0});
    fields.push_back({state_.p.data(), state_.p.size(), 1});
  }
  if (state_.energy_active()) fields.push_back({state_.T.data(), state_.T.size(), 2});
  // The controls, gathered: fans' pressure rises, their speeds, porous
  // blocks' powers (put back by put_back_controls()).
  const std::size_t fans = model_.fans.size(), blocks = model_.porous.size();
  controls_.resize(2 * fans + blocks);
  for (std::size_t f = 0; f < fans; ++f) {
    controls_[f] = state_.patch(state_.first_fan_patch() + f).fan_pressure;
    controls_[fans + f] = state_.fan_speed(f);
  }
  for (std::size_t b = 0; b < blocks; ++b) controls_[2 * fans + b] = state_.porous_power(b);
  if (fans > 0) {
    fields.push_back({controls_.data(), fans, 3, false});
    fields.push_back({controls_.data() + fans, fans, 4, false});
  }
  if (blocks > 0) fields.push_back({controls_.data() + 2 * fans, blocks, 5, false});
  return fields;
}

// The controls as the acceleration left them, within their limits (a
// combination may step past full speed or power).
void SteadySolver::put_back_controls() {
  const std::size_t fans = model_.fans.size();
  for (std::size_t f = 0; f < fans; ++f) {
    state_.set_fan_pressure(state_.first_fan_patch() + f, controls_[f]);
    state_.set_fan_speed(f, std::clamp(controls_[fans + f], 0.0, 1.0));
  }
  for (std::size_t b = 0; b < model_.porous.size(); ++b)
    state_.set_porous_power(b, std::clamp(controls_[2 * fans + b], 0.0, model_.porous[b].power_W));
}

void SteadySolver::start_from(const SolverCheckpoint& c, const Grid& grid_of_c) {
  restore_controls(c);
  const Grid& grid = state_.grid();
  for (int a = 0; a < 3; ++a) {
    const std::vector<double> u = interpolate_face_field(grid_of_c, c.vel[a], a, grid);
    const std::uint8_t* fixed = state_.view().face_state[a];
    std::vector<double>& vel = state_.vel[a];
    for (std::size_t f = 0; f < vel.size(); ++f)
      if (fixed[f] == kFaceFree) vel[f] = u[f];
  }
  state_.p = interpolate_cell_field(grid_of_c, c.p, grid);
  state_.T = interpolate_cell_field(grid_of_c, c.T, grid);
  iteration_ = 0;
}

void SteadySolver::restore_controls(const SolverCheckpoint& c) {
  const auto fail = [](const std::string& what) {
    throw std::invalid_argument("the checkpoint does not fit this scenario: " + what);
  };
  if (c.fan_pressure_Pa.size() != model_.fans.size() || c.fan_speed.size() != model_.fans.size())
    fail(std::to_string(c.fan_speed.size()) + " fans, the scenario has " +
         std::to_string(model_.fans.size()));
  if (c.porous_power_W.size() != model_.porous.size())
    fail(std::to_string(c.porous_power_W.size()) + " porous blocks, the scenario has " +
         std::to_string(model_.porous.size()));
  for (std::size_t f = 0; f < model_.fans.size(); ++f) {
    state_.set_fan_pressure(model_.vents.size() + f, c.fan_pressure_Pa[f]);
    state_.set_fan_speed(f, c.fan_speed[f]);
  }
  for (std::size_t p = 0; p < model_.porous.size(); ++p)
    state_.set_porous_power(p, c.porous_power_W[p]);
}

Summary SteadySolver::solve(const RunOptions& options) {
  Summary s;
  s.scenario = model_.source_name;
  s.threads = omp_get_max_threads();
  s.backend = backend_name(settings_.backend);
  const auto start = std::chrono::steady_clock::now();
  auto last = start;
  const SolverSettings& cfg = model_.solver;
  s.stop_reason = "max_iterations";
  std::string hottest_name;
  double hottest_C = 0.0;
  double settle_band = std::nan(""), settle_band_earlier = std::nan("");
  // A fifth of the settle window: short enough to say how fast the answer
  // settles early in a run (the progress line's ETA), a few samples long.
  const int settle_span =
      std::max(2 * kTemperatureSampleEvery,
               cfg.settle_iterations / 5 / kTemperatureSampleEvery * kTemperatureSampleEvery);
  RelaxationControl relaxation(settings_.relax_velocity, settings_.relax_energy);
  double earlier_wall_s = 0.0;  // spent before a resume
  int first = 1;
  if (options.resume != nullptr) {
    const SolverCheckpoint& c = *options.resume;
    if (c.transient) throw std::invalid_argument("the checkpoint is of a transient run");
    restore(c);
    relaxation.set_state(c.relaxation);
    s.convergence = c.convergence;
    s.monitor_history_C = c.monitor_history_C;
    s.temperature_history = c.temperature_history;
    s.iterations = c.iteration;
    s.resumed_from_iteration = c.iteration;
    earlier_wall_s = c.wall_time_s;
    first = c.iteration + 1;
  }
  CheckpointSchedule schedule(options.checkpoint_every, options.checkpoint_interval_s, first - 1);
  const auto checkpoint = [&](int it) {
    SolverCheckpoint c;
    capture(c);
    c.relaxation = relaxation.state();
    c.convergence = s.convergence;
    c.monitor_history_C = s.monitor_history_C;
    c.temperature_history = s.temperature_history;
    c.wall_time_s = earlier_wall_s +
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    options.on_checkpoint(c);
    schedule.written(it);
  };
  for (int it = first; it <= cfg.max_iterations; ++it) {
    const ResidualRecord r = iterate();
    if (relaxation.observe(r)) {
      settings_.relax_velocity = relaxation.velocity();
      settings_.relax_energy = relaxation.energy();
      acceleration_.restart();  // another map: its old steps do not combine
    }
    s.convergence.push_back(r);
    s.monitor_history_C.push_back(monitor_temperatures_C(model_, state_));
    s.iterations = it;
    // Temperatures every few iterations (a scan per component): for the
    // progress line and the convergence plot.
    if (it == 1 || it % kTemperatureSampleEvery == 0) {
      const int h = record_temperatures(model_, state_, it, s.temperature_history);
      if (h >= 0) {
        const TemperatureHistory::Series& hs =
            s.temperature_history.series[static_cast<std::size_t>(h)];
        hottest_name = hs.name;
        hottest_C = hs.T_C.back();
      }
      if (cfg.settle_K > 0.0) {
        settle_band = widest_band_K(s.temperature_history, it - settle_span, it, not_settled_on_);
        settle_band_earlier = widest_band_K(s.temperature_history, it - 2 * settle_span,
                                            it - settle_span, not_settled_on_);
      }
    }
    const auto now = std::chrono::steady_clock::now();
    if (options.on_progress) {
      Progress p;
      p.iteration = it;
      p.max_iterations = cfg.max_iterations;
      p.mass = r.mass;
      p.momentum = r.momentum;
      p.energy = r.energy;
      p.tolerance = cfg.tolerance;
      p.seconds_per_iteration = std::chrono::duration<double>(now - last).count();
      p.elapsed_s = std::chrono::duration<double>(now - start).count();
      p.hottest_name = hottest_name;
      p.hottest_C = hottest_C;
      p.settle_K = cfg.settle_K;
      p.settle_iterations = cfg.settle_iterations;
      p.settle_span = settle_span;
      p.settle_band_K = settle_band;
      p.settle_band_earlier_K = settle_band_earlier;
      options.on_progress(p);
    }
    last = now;
    // Fan control and throttling must have settled too (their step per
    // iteration, a fraction of full speed or power).
    if (it >= 2 && r.mass < cfg.tolerance && r.momentum < cfg.tolerance &&
        r.energy < cfg.tolerance && control_change_ < 10.0 * cfg.tolerance) {
      s.converged = true;
      s.stop_reason = "converged";
      break;
    }
    if (settled(it, r, s.temperature_history)) {
      s.converged = true;
      s.stop_reason = "settled";
      s.oscillating = settled_in_mean_;
      break;
    }
    // The run goes on: the next iterate, accelerated. An interruption and a
    // checkpoint come after it, so that a resumed run goes on from the same
    // fields and steps as an uninterrupted one.
    if (acceleration_.step(accelerated_fields(), it >= settings_.acceleration_start,
                           std::max({r.mass, r.momentum, r.energy})))
      put_back_controls();
    if (options.stop_requested && options.stop_requested->load()) {
      s.stop_reason = "interrupted";
      if (options.on_checkpoint) checkpoint(it);
      break;
    }
    if (options.on_checkpoint && it < cfg.max_iterations && schedule.due(it)) checkpoint(it);
  }
  if (s.iterations > 0 && s.stop_reason != "converged" && s.stop_reason != "interrupted")
    close_energy();
  if (s.iterations > 0 && (s.temperature_history.iteration.empty() ||
                           s.temperature_history.iteration.back() != s.iterations))
    record_temperatures(model_, state_, s.iterations, s.temperature_history);
  s.wall_time_s = earlier_wall_s +
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summarize_state(model_, state_, s);
  s.turbulence = turbulence_name(model_.physics.turbulence);
  s.max_turbulent_viscosity_ratio = max_turbulent_viscosity_ratio_;
  if (!s.converged || s.stop_reason == "settled")
    s.late_bands = late_temperature_bands(s.temperature_history, 0.25);
  return s;
}

// The answer has settled though the residuals have not (jets and wakes keep
// the momentum residual up in a case): at a temperature sample, what the
// user reads has stayed within settle_K over the last settle_iterations:
// every die and the flow-weighted intake air of its heat sink (in a model
// without die models: every powered component's hottest cell), and each
// throttled card's power as the die step it stands for
// (throttled_powers_as_kelvin: the die of a card at its throttle point is
// held there whatever its air does, so only the power shows a drift; on the
// pair-adjacent build's default grid from rest the starved card's power
// moved 108 -> 120 -> 113 W over the first 700 iterations); fan control
// and throttling have stopped moving; continuity holds (the mass residual
// within 10x the tolerance and the mass balance within 0.05 %: half of what
// issue 4 asks of a finished run). A flow with no steady state (jets that
// swing with a period of hundreds of iterations) passes instead when those
// temperatures swing within kSwingCap bands around means that have stopped
// moving (within a band between the window's halves): the summary says so
// (`oscillating`) and reports each one's mean and swing (late_bands).
// Monitors are point probes: in a jet's shear layer one swings by kelvins
// while every heat sink holds still, so they report their band (late_bands)
// but do not hold the run open, nor do the PSU's and drives' hottest cells in
// a build (constructor); nor does the local mass residual's last
// decade, which in a case stalls near 4e-5 with the jets while the balance
// is closed to 0.01 %. The energy balance is closed afterwards by
// close_energy().
bool SteadySolver::settled(int it, const ResidualRecord& r, const TemperatureHistory& history) {
  const SolverSettings& cfg = model_.solver;
  if (!(cfg.settle_K > 0.0) || it % kTemperatureSampleEvery != 0 || it < cfg.settle_iterations)
    return false;
  if (!(r.mass < 10.0 * cfg.tolerance) || !(control_change_ < 10.0 * cfg.tolerance)) return false;
  const int from = it - cfg.settle_iterations;
  const bool still = temperatures_settled(history, from, cfg.settle_K, not_settled_on_);
  const bool in_mean =
      !still && temperatures_steady_in_mean(history, from, it, cfg.settle_K,
                                            kSwingCap * cfg.settle_K, not_settled_on_);
  if (!still && !in_mean) return false;
  // One pass over the state gives both the balances and the components.
  Summary balances;
  summarize_state(model_, state_, balances);
  const TemperatureHistory powers = throttled_powers_as_kelvin(history, balances.components);
  const bool powers_still = temperatures_settled(powers, from, cfg.settle_K);
  const bool powers_in_mean =
      !powers_still &&
      temperatures_steady_in_mean(powers, from, it, cfg.settle_K, kSwingCap * cfg.settle_K);
  if (!powers_still && !powers_in_mean) return false;
  if (!(std::abs(balances.mass_error_pct) < 0.05)) return false;
  settled_in_mean_ = in_mean || powers_in_mean;
  return true;
}

// Each outer iteration solves energy loosely (residual reduced tenfold) and,
// once the stall control has stepped in, under-relaxed, against a velocity
// field that in a case never stops moving (jets, wakes): the relaxation then
// acts as a pseudo-time storage term, and heat appears to leave that was not
// released (measured: +2.5 % on a preview build after 2000 iterations, with
// every die steady). A run that stops before its residuals converge
// therefore ends with one tight pressure correction (the final flow made
// conservative) and one unrelaxed energy solve, tight, on that flow,
// with the final fan speeds and throttled powers: the temperatures reported
// are then the steady temperature field of the flow reported, and the energy
// balance is the discretisation's conservation, not the relaxation's lag.
void SteadySolver::close_energy() {
  if (!state_.energy_active()) return;
  if (state_.has_fluid()) {
    // First make the flow conservative to round-off: the inner pressure
    // solve of an outer iteration leaves a few percent of the imbalance,
    // and every kg/s a cell gains or loses carries its air's heat out of
    // the balance (measured: 0.2 % of the power on a box stopped after 8
    // iterations with 16 momentum sweeps per iteration).
    const LinearSolveSettings loose_pressure = settings_.pressure;
    settings_.pressure = settings_.closing_pressure;
    solve_pressure_correction();
    settings_.pressure = loose_pressure;
  }
  const double relax = settings_.relax_energy;
  const LinearSolveSettings loose = settings_.energy;
  settings_.relax_energy = 1.0;
  settings_.energy = settings_.closing_energy;
  solve_energy();
  settings_.relax_energy = relax;
  settings_.energy = loose;
}

RunResult run_steady(const Model& model, const Grid& grid, const RunOptions& options) {
  if (model.preview_grid && options.resume == nullptr)
    return run_steady_sequenced(model, grid, options);
  // Runs that stop on settled temperatures (builds, whose jets never let
  // the residuals converge) would spend every coarse level's iteration cap.
  if (options.resume != nullptr || !uses_coarse_start(model, grid))
    return run_solver<SteadySolver>(model, grid, options);
  if (options.threads > 0) omp_set_num_threads(options.threads);
  SteadySolver solver(model, grid, simplec_settings_for(options));
  const CoarseStartSummary start = start_from_coarser_grids(solver, model, grid, options);
  const RunOptions o = start.cells.empty()
                           ? options
                           : full_stage_options(options, grid.total_cells(), start.wall_time_s);
  RunResult result;
  result.summary = solver.solve(o);
  if (!start.cells.empty() || !start.dropped.empty()) {
    result.summary.wall_time_s += start.wall_time_s;
    result.summary.coarse_start = start;
  }
  result.grid = grid;
  result.fields = cell_fields(solver.state());
  return result;
}

}  // namespace rt
