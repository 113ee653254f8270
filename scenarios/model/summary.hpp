#pragma once
// What a run produced, as plain data: the numbers summary.json and
// result.h5 carry. The other half of the solve's contract with model.hpp
// (the ground floor: every layer above reads it), filled by
// solver/diagnostics, written by io/, added to by the PC layer (breathing).
// Units follow the file format: °C, W, kg/s, m, m/s.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rt {

struct FaceTotals {
  double heat_out_W = 0;     // positive leaving the domain
  double mass_out_kg_s = 0;  // positive leaving the domain
};

struct ComponentSummary {
  std::string name;
  std::string kind;  // "block" in the generic layer
  double power_W = 0;
  double T_max_C = 0;
  double T_mean_C = 0;
  // Die model (porous blocks that carry one): flow and air temperature at the
  // heat sink's intake and the die temperature they give.
  bool has_die = false;
  double inlet_air_C = 0;
  double flow_m3_s = 0;
  double T_die_C = 0;
  bool has_throttle = false;
  double throttle_C = 0;
  bool throttling = false;
  // Throttled down to its power floor and still above throttle_C: the air
  // through it cannot carry even the floor power away (a passive card
  // without the case's airflow). T_die_C is then the die model's reading
  // far past anything a real card reaches: it slows down hard or shuts off.
  bool cannot_hold_throttle = false;
  double full_power_W = 0;                 // power_W is what it settled at
  double sustained_performance_pct = 100;  // from the power it settled at (die_model.hpp)
  // Transient runs: when the hot temperature (die, else T_max) first reached
  // throttle_C, interpolated between step ends; negative: not (yet).
  double throttle_time_s = -1;
  // Set by the PC layer, not the solver (app/ through scenarios/builds/breathing.hpp):
  // a GPU fin stack's flow_m3_s as a percentage of the same card's flow in
  // free air (the one-dimensional estimate); only for cards that have one.
  bool has_breathing = false;
  double free_air_flow_m3_s = 0;
  double breathing_pct = 0;

  // What throttling is judged on: the die model's temperature, else T_max.
  double hot_C() const { return has_die ? T_die_C : T_max_C; }
};

// A vent's share of its face's totals (positive leaving the domain).
struct VentSummary {
  std::string name;
  std::string face;
  double loss_coefficient = 0;
  double flow_m3_s = 0;
  double mass_out_kg_s = 0;
  double heat_out_W = 0;
};

// A fan's operating point: flow along its blowing direction and pressure rise.
struct FanSummary {
  std::string name;
  double flow_m3_s = 0;
  double pressure_Pa = 0;
  double speed_pct = 100;  // where fan control settled, or as set
  bool near_stall = false;
  // Round fans with swirl only (swirl_fraction > 0): the angular momentum
  // flux of the air leaving the fan, sum of rho u_n A r u_theta over the
  // first cell layer downstream (the torque the blades put into the air,
  // N m, positive in the swirl's own sense), and the same sum with u_theta
  // the imposed swirl_fraction omega r at each cell centre: their ratio says
  // how much of the swirl the grid holds.
  double swirl_fraction = 0;
  double swirl_torque_N_m = 0;
  double swirl_torque_ideal_N_m = 0;
};

struct MonitorSummary {
  std::string name;
  std::array<double, 3> position_m{};
  double T_C = 0;
  std::array<double, 3> U_m_s{};
};

struct ResidualRecord {
  int iteration = 0;
  double mass = 0;
  double momentum = 0;
  double energy = 0;
};

// Component and monitor temperatures sampled during a transient run, one
// entry per sample in every vector (column-wise, as a plot wants them).
struct TimeSeries {
  struct Component {
    std::string name;
    std::vector<double> T_mean_C, T_max_C;
    std::vector<double> T_die_C;  // empty unless the component has a die model
  };
  struct Monitor {
    std::string name;
    std::vector<double> T_C;
  };
  std::vector<double> time_s;
  std::vector<int> step;        // 0: the initial state
  std::vector<int> iterations;  // SIMPLEC iterations of the step ending there
  std::vector<Component> components;
  std::vector<Monitor> monitors;
};

// Temperatures sampled while solving, for the convergence plot and the
// progress line: every few iterations of a steady run, at the end of each
// step of a transient one. One series per component with power (its die
// temperature when it has a die model, else its hottest cell), then one
// per monitor, then each die's intake air, then each throttle-capable die's
// power (solver/diagnostics.hpp, record_temperatures).
struct TemperatureHistory {
  struct Series {
    std::string name;
    std::vector<double> T_C;  // one per entry of `iteration`
  };
  std::vector<int> iteration;
  std::vector<Series> series;
};

// A power series ("<component> power W") holds watts, not a temperature:
// what reads the history as temperatures (plots, late bands) leaves it out.
inline constexpr std::string_view kPowerSeriesSuffix = " power W";
inline std::string power_series_name(const std::string& component) {
  return component + std::string(kPowerSeriesSuffix);
}
inline bool is_power_series(const std::string& series_name) {
  return series_name.size() > kPowerSeriesSuffix.size() &&
         series_name.compare(series_name.size() - kPowerSeriesSuffix.size(),
                             kPowerSeriesSuffix.size(), kPowerSeriesSuffix) == 0;
}

// How far a temperature still moved over the last part of a run that did
// not converge: a steady solve of a flow that is unsteady in reality (jets,
// wakes) settles into a band rather than a value, and the band is the honest
// size of the answer's uncertainty from that.
struct TemperatureBand {
  std::string name;
  int from_iteration = 0;
  double min_C = 0;
  double max_C = 0;
  double mean_C = 0;  // over the samples: the answer of a flow that swings
};

// How a transient run went.
struct TransientSummary {
  std::string scheme;  // "bdf2" or "euler"
  double time_step_s = 0;
  double end_time_s = 0;
  double time_s = 0;  // reached: end_time_s unless interrupted
  int steps = 0;      // completed
  int steps_planned = 0;
  int steps_not_converged = 0;  // ended at iterations_per_step above step_tolerance
  double stored_W = 0;          // rate of heat storage at the last step
};

// The preview stage of a grid-sequenced run (solver/grid_sequencing.hpp).
struct PreviewStageSummary {
  std::array<int, 3> cells{};
  int iterations = 0;
  double wall_time_s = 0;
  std::string stop_reason;  // "settled", "converged" or "max_iterations"
  // The settle test of the full grid's stage that followed (0 K: none).
  double full_grid_settle_K = 0;
  int full_grid_settle_iterations = 0;
};

// The coarser grids a steady run started on (solver/coarse_grid_start.hpp).
struct CoarseStartSummary {
  std::vector<std::array<int, 3>> cells;  // per level solved, coarsest first
  std::vector<int> iterations;            // outer iterations on each
  std::vector<bool> converged;  // whether each reached its tolerance (only those are handed on)
  double wall_time_s = 0;
  std::string dropped;  // why the run started from rest after all (empty: it did not)
};

// One line of a build's sanity checks (set by the PC layer,
// scenarios/builds/sanity/): level "SKIP", "OK", "WARN" or "FAIL".
struct SanityLine {
  std::string topic, level, text, fix;
};

struct Summary {
  std::string scenario;
  std::string backend = "cpu";
  int threads = 1;
  bool converged = false;
  std::string stop_reason;  // "converged", "max_iterations", "diverged: ..."
  int iterations = 0;       // on the grid of the results (after a preview or coarse start)
  double wall_time_s = 0;   // the whole run, a preview stage or coarse start included
  std::array<int, 3> cells{};
  std::optional<PreviewStageSummary> preview;      // a grid-sequenced run's first stage
  std::optional<CoarseStartSummary> coarse_start;  // a steady run started on coarser grids
  std::string turbulence = "laminar";              // the [physics] turbulence model
  double max_turbulent_viscosity_ratio = 0;        // largest mu_t / mu at the end (0 when laminar)
  double sources_W = 0;
  double out_W = 0;
  double energy_error_pct = 0;
  double mass_in_kg_s = 0;                 // air entering through all boundaries
  double mass_error_pct = 0;               // (out - in) / in
  std::array<FaceTotals, 6> boundaries{};  // xmin xmax ymin ymax zmin zmax
  std::vector<ComponentSummary> components;
  std::vector<VentSummary> vents;
  std::vector<FanSummary> fans;
  std::vector<MonitorSummary> monitors;
  std::vector<SanityLine> build_sanity;     // builds only
  std::string grid_distance;                // builds only: what the grid study says of this grid
  std::vector<ResidualRecord> convergence;  // residual history
  // Each monitor's temperature (°C) after every outer iteration: one row per
  // convergence record, one column per monitor (model order).
  std::vector<std::vector<double>> monitor_history_C;
  int resumed_from_iteration = 0;           // > 0: continued from a checkpoint taken there
  TemperatureHistory temperature_history;   // not in summary.json
  std::vector<TemperatureBand> late_bands;  // not converged: the last quarter's ranges
  // Settled in the mean (steady_solver.cpp): the flow swings (jets) and the
  // temperatures with it, within a band, around means that have stopped moving.
  bool oscillating = false;
  bool transient = false;  // the two below are filled only then
  TransientSummary time;
  TimeSeries time_series;
};

// Cell-centred fields for output, C order [z][y][x] (x fastest).
struct CellFields {
  std::array<int, 3> cells{};
  std::vector<double> T_C;             // temperature, °C
  std::vector<double> p_Pa;            // gauge pressure (hydrostatic removed), Pa
  std::vector<double> U_m_s;           // velocity, 3 per cell, interpolated from faces
  std::vector<std::int32_t> material;  // 0 = air, b+1 = block b
};

}  // namespace rt
