#pragma once
// What a run needs to continue where it stopped, as plain data: the solver
// fills it (SteadySolver / TransientSolver, through RunOptions::on_checkpoint)
// and takes it back (RunOptions::resume); io/checkpoint_h5 stores it. A run
// resumed from a checkpoint repeats the uninterrupted run's iterations
// exactly: the same fields, controls, relaxation state and history go in.
//
// Steady runs are captured after an outer iteration; transient runs at the
// end of a completed time step (an interrupted step is dropped, as in the
// results of an interrupted run).

#include <array>
#include <chrono>
#include <vector>

#include "scenarios/model/summary.hpp"
#include "solver/anderson_acceleration.hpp"
#include "solver/relaxation_control.hpp"

namespace rt {

struct SolverCheckpoint {
  bool transient = false;
  int iteration = 0;       // outer iterations completed (transient: over all steps)
  double wall_time_s = 0;  // spent up to here, over every session of the run

  // The flow state: face velocities (staggered, face_extent of each axis),
  // cell-centred p (Pa) and T (K).
  std::array<std::vector<double>, 3> vel;
  std::vector<double> p, T;
  // Component controls as they stand: each fan's pressure rise (Pa) and
  // speed (fraction of full), each porous block's power (W, throttling).
  std::vector<double> fan_pressure_Pa, fan_speed, porous_power_W;
  // Steady runs: under-relaxation and its stall detector.
  double relax_velocity = 0, relax_energy = 0;
  RelaxationControl::State relaxation;
  // Steady runs: the steps the acceleration combines.
  AndersonAcceleration::State acceleration;
  // The histories so far (Summary::convergence, monitor_history_C, and the
  // sampled component temperatures that the settled stop, the late bands and
  // the convergence picture read).
  std::vector<ResidualRecord> convergence;
  std::vector<std::vector<double>> monitor_history_C;
  TemperatureHistory temperature_history;

  // Transient runs: the last completed step and the loop's bookkeeping.
  int step = 0;
  double time_s = 0;
  double dt_prev = 0;  // length of that step (BDF2 needs it); 0 before the first
  int steps_not_converged = 0;
  double stored_W = 0;
  int last_step_iterations = 0;
  std::vector<double> throttle_time_s;  // per component, -1: not reached
  TimeSeries time_series;
  // The time level before the current fields (the end of step - 1), which
  // the next step's BDF2 term needs: T (K) and face velocities.
  std::vector<double> T_prev;
  std::array<std::vector<double>, 3> vel_prev;
};

// When to write checkpoints: every `every` iterations and every
// `interval_s` seconds (0 turns either off). due() is asked at the points a
// checkpoint can be taken; written() restarts both counts.
class CheckpointSchedule {
 public:
  CheckpointSchedule(int every, double interval_s, int iteration)
      : every_(every), interval_s_(interval_s), last_iteration_(iteration), last_time_(now()) {}

  bool due(int iteration) const {
    if (every_ > 0 && iteration - last_iteration_ >= every_) return true;
    return interval_s_ > 0 &&
           std::chrono::duration<double>(now() - last_time_).count() >= interval_s_;
  }
  void written(int iteration) {
    last_iteration_ = iteration;
    last_time_ = now();
  }

 private:
  using Clock = std::chrono::steady_clock;
  static Clock::time_point now() { return Clock::now(); }
  int every_;
  double interval_s_;
  int last_iteration_;
  Clock::time_point last_time_;
};

}  // namespace rt
