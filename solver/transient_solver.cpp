#include "solver/transient_solver.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "geometry/snapped_grid.hpp"
#include "solver/diagnostics.hpp"
#include "solver/kernels/time_k.hpp"
#include "solver/parallel/for_each.hpp"
#include "solver/run_solver.hpp"

namespace rt {
namespace {

// Rate at which heat is being stored in the domain, W: the discrete time
// derivative of the energy equations summed over all cells, so that
// sources = out + stored holds to the step's convergence.
double stored_heat_rate(FlowState& st, double dt, const TimeCoefficients& c) {
  const Extent& C = st.cells();
  const Grid& g = st.grid();
  const FlowState::History& h = st.history();
  double sum = 0.0;
  for (int k = 0; k < C.n[2]; ++k)
    for (int j = 0; j < C.n[1]; ++j)
      for (int i = 0; i < C.n[0]; ++i) {
        const std::size_t n = C.index(i, j, k);
        const double V = g.width(0, i) * g.width(1, j) * g.width(2, k);
        sum += st.heat_capacity[n] * V * (c.a0 * st.T[n] - c.a1 * h.T_n[n] + c.a2 * h.T_nm1[n]);
      }
  return sum / dt;
}

// The temperatures of one sample appended to the series.
void record(TimeSeries& ts, double t, int step, int iterations,
            const std::vector<ComponentSummary>& comps, const std::vector<double>& monitors_C) {
  ts.time_s.push_back(t);
  ts.step.push_back(step);
  ts.iterations.push_back(iterations);
  for (std::size_t c = 0; c < comps.size(); ++c) {
    ts.components[c].T_mean_C.push_back(comps[c].T_mean_C);
    ts.components[c].T_max_C.push_back(comps[c].T_max_C);
    if (comps[c].has_die) ts.components[c].T_die_C.push_back(comps[c].T_die_C);
  }
  for (std::size_t m = 0; m < monitors_C.size(); ++m) ts.monitors[m].T_C.push_back(monitors_C[m]);
}

}  // namespace

int planned_steps(const TransientSettings& t) {
  return std::max(1, static_cast<int>(std::ceil(t.end_time_s / t.time_step_s * (1.0 - 1e-9))));
}

namespace {

// The steps on another backend keep a copy of the fields made before the
// first time step, without the earlier time levels a step reads.
SimplecSettings on_the_cpu(SimplecSettings settings) {
  if (settings.backend != ComputeBackend::cpu)
    throw std::invalid_argument(std::string("transient runs solve on the CPU; --backend ") +
                                backend_name(settings.backend) + " solves steady runs only");
  return settings;
}

}  // namespace

TransientSolver::TransientSolver(const Model& model, const Grid& grid, SimplecSettings settings)
    : model_(model), simplec_(model, grid, on_the_cpu(settings)) {}

Summary TransientSolver::solve(const RunOptions& options) {
  const TransientSettings& cfg = model_.solver.transient;
  FlowState& st = state();
  const SolverCheckpoint* resume = options.resume;
  if (resume != nullptr && !resume->transient)
    throw std::invalid_argument("the checkpoint is of a steady run");
  if (resume == nullptr) std::fill(st.T.begin(), st.T.end(), cfg.initial_T_K);

  Summary s;
  s.scenario = model_.source_name;
  s.threads = omp_get_max_threads();
  s.transient = true;
  s.time.scheme = cfg.scheme == TimeScheme::bdf2 ? "bdf2" : "euler";
  s.time.time_step_s = cfg.time_step_s;
  s.time.end_time_s = cfg.end_time_s;
  s.time.steps_planned = planned_steps(cfg);
  s.stop_reason = "end_time";
  const auto start = std::chrono::steady_clock::now();
  auto last = start;

  TimeSeries& ts = s.time_series;
  std::vector<ComponentSummary> comps;
  std::vector<double> throttle_time;
  double t = 0.0, dt_prev = 0.0, earlier_wall_s = 0.0;
  int last_iterations = 0, first_step = 1;
  if (resume != nullptr) {
    simplec_.restore(*resume);
    if (resume->T_prev.size() != st.T.size())
      throw std::invalid_argument("the checkpoint does not fit this scenario: time levels");
    st.set_previous_time_level(resume->T_prev, resume->vel_prev);
    comps = component_states(model_, st);
    if (resume->throttle_time_s.size() != comps.size() ||
        resume->time_series.components.size() != comps.size() ||
        resume->time_series.monitors.size() != model_.monitors.size())
      throw std::invalid_argument("the checkpoint does not fit this scenario: components");
    ts = resume->time_series;
    throttle_time = resume->throttle_time_s;
    s.convergence = resume->convergence;
    s.monitor_history_C = resume->monitor_history_C;
    s.temperature_history = resume->temperature_history;
    s.iterations = resume->iteration;
    s.resumed_from_iteration = resume->iteration;
    s.time.steps = resume->step;
    s.time.time_s = resume->time_s;
    s.time.steps_not_converged = resume->steps_not_converged;
    s.time.stored_W = resume->stored_W;
    t = resume->time_s;
    dt_prev = resume->dt_prev;
    last_iterations = resume->last_step_iterations;
    earlier_wall_s = resume->wall_time_s;
    first_step = resume->step + 1;
  } else {
    comps = component_states(model_, st);
    for (const ComponentSummary& c : comps) ts.components.push_back({c.name, {}, {}, {}});
    for (const Monitor& m : model_.monitors) ts.monitors.push_back({m.name, {}});
    record(ts, 0.0, 0, 0, comps, monitor_temperatures_C(model_, st));
    throttle_time.assign(comps.size(), -1.0);
    for (std::size_t c = 0; c < comps.size(); ++c)
      if (comps[c].throttling) throttle_time[c] = 0.0;
  }
  if (options.on_sample) options.on_sample(ts);

  // The state at the end of the last completed step, as a checkpoint. Taken
  // at a step's end (aborted = false: the level before is history n), or
  // after an interrupted step was put back (aborted: its begin_time_step
  // moved that level to n-1, and `before` holds the controls and counts from
  // before the step).
  SolverCheckpoint before;
  const auto capture = [&](bool aborted) {
    SolverCheckpoint c;
    if (aborted) {
      c = before;
    } else {
      simplec_.capture(c);
      c.convergence = s.convergence;
      c.monitor_history_C = s.monitor_history_C;
      c.temperature_history = s.temperature_history;
    }
    c.transient = true;
    c.vel = st.vel;
    c.p = st.p;
    c.T = st.T;
    const FlowState::History& h = st.history();
    c.T_prev = aborted ? h.T_nm1 : h.T_n;
    c.vel_prev = aborted ? h.vel_nm1 : h.vel_n;
    c.step = s.time.steps;
    c.time_s = t;
    c.dt_prev = dt_prev;
    c.steps_not_converged = s.time.steps_not_converged;
    c.stored_W = s.time.stored_W;
    c.last_step_iterations = last_iterations;
    c.throttle_time_s = throttle_time;
    c.time_series = ts;
    c.wall_time_s = earlier_wall_s +
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return c;
  };
  CheckpointSchedule schedule(options.checkpoint_every, options.checkpoint_interval_s,
                              s.iterations);

  const int every =
      std::max(1, static_cast<int>(std::lround(cfg.output_interval_s / cfg.time_step_s)));
  for (int step = first_step; step <= s.time.steps_planned; ++step) {
    const double t_next = step == s.time.steps_planned ? cfg.end_time_s : step * cfg.time_step_s;
    const double dt = t_next - t;
    const TimeCoefficients coef = bdf_coefficients(dt, dt_prev, cfg.scheme == TimeScheme::bdf2);
    if (options.on_checkpoint) {
      // Controls and counts as they stand before the step, in case it is
      // interrupted (fields and time levels are taken afterwards).
      simplec_.capture(before);
      before.vel = {};
      before.p.clear();
      before.T.clear();
      before.convergence = s.convergence;
      before.monitor_history_C = s.monitor_history_C;
      before.temperature_history = s.temperature_history;
    }
    st.begin_time_step(dt, coef.a0, coef.a1, coef.a2);

    int it = 0;
    bool converged = false, stop = false;
    ResidualRecord r;
    while (it < cfg.iterations_per_step) {
      r = simplec_.iterate();
      ++it;
      s.convergence.push_back(r);
      s.monitor_history_C.push_back(monitor_temperatures_C(model_, st));
      if (options.stop_requested && options.stop_requested->load()) {
        stop = true;
        break;
      }
      // As in steady runs, the first iteration's residual is of the fields
      // before any solve with this step's equations.
      if (it >= 2 && r.mass < cfg.step_tolerance && r.momentum < cfg.step_tolerance &&
          r.energy < cfg.step_tolerance) {
        converged = true;
        break;
      }
    }
    s.iterations += it;
    if (stop) {
      // Half a step is no time level: keep the last completed one.
      st.restore_time_level();
      s.stop_reason = "interrupted";
      if (options.on_checkpoint) options.on_checkpoint(capture(true));
      break;
    }
    if (!converged) ++s.time.steps_not_converged;
    s.time.stored_W = stored_heat_rate(st, dt, coef);
    s.time.steps = step;
    last_iterations = it;

    const std::vector<ComponentSummary> now_comps = component_states(model_, st);
    for (std::size_t c = 0; c < comps.size(); ++c) {
      if (throttle_time[c] >= 0.0 || !now_comps[c].throttling) continue;
      // Linear between the step ends on the hot temperature.
      const double before_C = comps[c].hot_C(), after_C = now_comps[c].hot_C();
      const double w =
          after_C > before_C ? (now_comps[c].throttle_C - before_C) / (after_C - before_C) : 1.0;
      throttle_time[c] = t + std::clamp(w, 0.0, 1.0) * dt;
    }
    comps = now_comps;
    const int hottest = record_temperatures(model_, st, s.iterations, s.temperature_history);
    t = t_next;
    dt_prev = dt;
    s.time.time_s = t;
    if (step % every == 0 || step == s.time.steps_planned) {
      record(ts, t, step, it, comps, monitor_temperatures_C(model_, st));
      if (options.on_sample) options.on_sample(ts);
    }

    const auto now = std::chrono::steady_clock::now();
    if (options.on_progress) {
      Progress p;
      p.iteration = s.iterations;
      p.max_iterations = s.time.steps_planned * cfg.iterations_per_step;
      p.mass = r.mass;
      p.momentum = r.momentum;
      p.energy = r.energy;
      p.tolerance = cfg.step_tolerance;
      p.seconds_per_iteration = std::chrono::duration<double>(now - last).count() / it;
      p.elapsed_s = std::chrono::duration<double>(now - start).count();
      p.step = step;
      p.steps = s.time.steps_planned;
      p.time_s = t;
      p.end_time_s = cfg.end_time_s;
      p.step_iterations = it;
      p.step_converged = converged;
      if (hottest >= 0) {
        const TemperatureHistory::Series& hs =
            s.temperature_history.series[static_cast<std::size_t>(hottest)];
        p.hottest_name = hs.name;
        p.hottest_C = hs.T_C.back();
      }
      options.on_progress(p);
    }
    last = now;
    if (options.on_checkpoint && step < s.time.steps_planned && schedule.due(s.iterations)) {
      options.on_checkpoint(capture(false));
      schedule.written(s.iterations);
    }
  }
  // An interrupted run ends between samples: its last completed step too.
  if (s.time.steps > ts.step.back()) {
    record(ts, t, s.time.steps, last_iterations, comps, monitor_temperatures_C(model_, st));
    if (options.on_sample) options.on_sample(ts);
  }

  s.converged = s.stop_reason == "end_time" && s.time.steps_not_converged == 0;
  s.wall_time_s = earlier_wall_s +
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summarize_state(model_, st, s);
  s.energy_error_pct = energy_error_pct(s, s.time.stored_W);
  for (std::size_t c = 0; c < s.components.size(); ++c)
    s.components[c].throttle_time_s = throttle_time[c];
  return s;
}

RunResult run_transient(const Model& model, const Grid& grid, const RunOptions& options) {
  return run_solver<TransientSolver>(model, grid, options);
}

}  // namespace rt
