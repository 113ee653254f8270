#pragma once
// The generic scenario model: what the solver needs to know about a problem,
// in SI units, with no PC semantics. scenarios/ fills it from a TOML file
// (scenario_file.hpp); geometry/ and solver/ only ever see this.
//
// Conventions:
//   - lengths in m, velocities in m/s, pressures in Pa (gauge, with the
//     hydrostatic pressure of the reference-density air removed), powers in W;
//   - temperatures in K (the °C of the file are converted once on reading);
//   - the domain is the box [0,Lx]x[0,Ly]x[0,Lz].

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace rt {

using Vec3 = std::array<double, 3>;

constexpr double kCelsiusToKelvin = 273.15;
constexpr double kCubicMetresPerSecondPerCfm = 4.719474432e-4;  // 1 ft³/min, for fan flows

// Faces of the domain box, in this order everywhere (files, arrays, summary).
enum class Face { xmin = 0, xmax = 1, ymin = 2, ymax = 3, zmin = 4, zmax = 5 };
constexpr int kFaceCount = 6;
constexpr std::array<const char*, kFaceCount> kFaceNames = {"xmin", "xmax", "ymin",
                                                            "ymax", "zmin", "zmax"};
inline int face_axis(Face f) { return static_cast<int>(f) / 2; }
inline bool face_is_max(Face f) { return static_cast<int>(f) % 2 == 1; }

struct FluidProperties {
  double density_kg_m3 = 0;
  double viscosity_Pa_s = 0;  // dynamic viscosity
  double conductivity_W_mK = 0;
  double specific_heat_J_kgK = 0;
  double expansion_1_K = 0;  // Boussinesq beta
};

// Turbulence closure (solver/README.md, "Turbulence"): laminar (no model,
// for validation against laminar benchmarks), LVEL (Spalding's law of the wall
// turned into an effective viscosity, the default the PC layer will use), or
// the zero-equation nu_t = 0.03874 |V| d.
enum class Turbulence { laminar, lvel, zero_equation };
// The name a scenario file uses for it.
inline const char* turbulence_name(Turbulence t) {
  return t == Turbulence::lvel            ? "lvel"
         : t == Turbulence::zero_equation ? "zero-equation"
                                          : "laminar";
}

struct Physics {
  Vec3 gravity_m_s2 = {0.0, -9.81, 0.0};
  double reference_T_K = 25.0 + kCelsiusToKelvin;
  Turbulence turbulence = Turbulence::laminar;
};

enum class BoundaryType { wall, symmetry, inlet, opening };

// One face of the domain box. Which fields matter depends on the type:
//   wall:     velocity_m_s (tangential part used); fixed T_K, or heat_flux_W_m2
//             (positive into the domain), or neither = adiabatic; or T_K
//             outside with heat_transfer_coefficient_W_m2K (a panel to a room);
//   symmetry: nothing;
//   inlet:    velocity_m_s and T_K of the incoming air;
//   opening:  pressure_Pa (gauge); T_K of air that enters.
struct Boundary {
  BoundaryType type = BoundaryType::wall;
  Vec3 velocity_m_s = {0.0, 0.0, 0.0};
  std::optional<double> T_K;
  std::optional<double> heat_flux_W_m2;
  // Walls with T_K: > 0 makes T_K the temperature outside and the wall pass
  // q = U (T_inside_surface - T_K) through a film and panel of overall U
  // (W/(m2 K)) in series with the half cell; 0 = T_K fixed on the wall.
  double heat_transfer_coefficient_W_m2K = 0.0;
  double pressure_Pa = 0.0;
};

// A solid box that conducts heat and may release power uniformly.
struct Block {
  std::string name;
  Vec3 min_m{};
  Vec3 max_m{};
  double conductivity_W_mK = 0;
  double density_kg_m3 = 0;
  double specific_heat_J_kgK = 0;
  double power_W = 0;
};

// An orthotropic porous block standing for a fin stack (Darcy-Forchheimer):
// the air flows through it with, per axis, dp/L = mu/K u + rho C u^2 / 2 on
// the superficial velocity; an axis with K = 0 is closed (fins across it).
// Its power goes into the cells it covers, which conduct with an effective
// conductivity and pass the heat to the air flowing through.
struct PorousBlock {
  std::string name;
  Vec3 min_m{};
  Vec3 max_m{};
  Vec3 permeability_m2{};           // K per axis; 0 = closed
  Vec3 inertial_coefficient_1_m{};  // C per axis
  double conductivity_W_mK = 0;     // effective (fins + air)
  double power_W = 0;
  // Optional compact model of the chip the fin stack cools:
  //   T_die = T_air,in + P R_ref (Q_ref / Q)^n
  // with T_air,in the flow-weighted temperature of the air entering the block
  // and Q the volumetric flow through it, so hot intake air and a starved
  // heat sink both raise the die temperature.
  std::optional<double> die_resistance_K_W;  // R_ref
  double die_reference_flow_m3_s = 0;        // Q_ref
  double die_flow_exponent = 0.8;            // n
  // Die temperature the part holds by throttling: above it the solver lowers
  // the power (clock) until T_die settles there, down to min_power_fraction.
  std::optional<double> throttle_K;
  double min_power_fraction = 0.3;
  // Thermal mass of the fins and base (mass x specific heat), spread over the
  // block's cells on top of the air they hold; transient runs only. 0: the
  // block warms as fast as the air in it.
  double heat_capacity_J_K = 0;
};

// An opening on part of a domain face (a grille, a mesh panel, a slot
// cover): air leaves at the outside pressure plus the grille loss rho K u^2/2,
// or enters from ambient at rest through it. Elsewhere the face keeps its own
// [boundary] condition.
// A vent on an internal plane (a grille between two compartments, a card's
// shroud opening) is the loss rho K |u| u / 2 across that plane, either way.
struct Vent {
  std::string name;
  Face face = Face::xmin;
  Vec3 min_m{};  // rectangle on the face: the face-normal components are the face's position
  Vec3 max_m{};
  // Set: the vent is on the plane x_a = min_m[a] inside the domain (a = the
  // axis), and face, pressure_Pa and T_K are not used.
  std::optional<int> internal_axis;
  double loss_coefficient = 0;  // K, from free_area_ratio or given directly
  double pressure_Pa = 0;       // gauge, outside
  double T_K = 0;               // of air that enters
};

// A fan whose speed follows a temperature, as a GPU's fans follow its die
// temperature or a case fan its PWM curve: speed interpolated in the table,
// held at its ends.
struct FanControl {
  std::string sensor;  // a porous block with a die model (its die), or a monitor (the air there)
  std::vector<double> T_K;             // ascending
  std::vector<double> speed_fraction;  // at each temperature, in (0, 1]
};

// A fan in a rectangle of a domain face (a case fan on a wall mount), or on a
// plane inside the domain (a GPU's fans under its fin stack, a blower's
// intake): a pressure rise across it that follows its P-Q curve at the flow
// it actually carries, found by the solver. Fan laws scale the curve by speed.
struct Fan {
  std::string name;
  Face face = Face::xmin;
  Vec3 min_m{};  // rectangle on the face, as for vents
  Vec3 max_m{};
  // Set: the fan is on the plane x_a = min_m[a] inside the domain and blows
  // along +a (blow_sign 1) or -a (-1); face, intake, pressure_Pa and T_K are
  // not used.
  std::optional<int> internal_axis;
  int blow_sign = 1;
  // Round fan: the disc of this diameter (and the hub it leaves closed) centred
  // in the rectangle, voxelized with its true area; 0 = the whole rectangle.
  double diameter_m = 0;
  double hub_diameter_m = 0;
  // Round fans: swirl of the air leaving the blades, a tangential velocity
  // swirl_fraction * omega * r with omega = 2 pi rpm / 60 * speed, right-handed
  // about the blowing direction (swirl_sign 1) or left-handed (-1).
  // swirl_fraction 0: none (rpm is then unused).
  double rpm = 0;  // at 100 % speed, rev/min
  double swirl_fraction = 0;
  int swirl_sign = 1;
  std::optional<FanControl> control;      // speed_fraction is then where it starts
  std::vector<double> curve_flow_m3_s;    // ascending, from 0
  std::vector<double> curve_pressure_Pa;  // static pressure rise at each flow
  double speed_fraction = 1.0;
  bool intake = true;      // blows into the domain; false: exhaust
  double pressure_Pa = 0;  // gauge, outside
  double T_K = 0;          // of air that enters
};

struct Monitor {
  std::string name;
  Vec3 position_m{};
};

enum class SolveMode { steady, transient };

// Time discretisation of a transient run: first-order backward Euler, or the
// second-order backward difference (BDF2, started by one Euler step).
enum class TimeScheme { euler, bdf2 };

// A transient run: implicit steps from the initial state (air at rest,
// everything at initial_T_K) to end_time_s; within each step SIMPLEC
// iterations until step_tolerance or iterations_per_step.
struct TransientSettings {
  double time_step_s = 0;
  double end_time_s = 0;
  double output_interval_s = 0;  // time-series sampling; rounded to whole steps
  int iterations_per_step = 30;
  double step_tolerance = 1e-4;  // on the normalised residuals, as `tolerance` in steady runs
  TimeScheme scheme = TimeScheme::bdf2;
  double initial_T_K = 25.0 + kCelsiusToKelvin;  // [physics] reference_T_C unless given
};

struct SolverSettings {
  SolveMode mode = SolveMode::steady;
  int max_iterations = 5000;
  double tolerance = 1e-5;  // on the normalised mass, momentum and energy residuals
  // Steady runs may also stop as "settled": every component and monitor
  // temperature within settle_K over the last settle_iterations, the mass
  // residual below tolerance and the balances closed (steady_solver.cpp).
  // 0 = off: only the residuals decide.
  double settle_K = 0;
  int settle_iterations = 500;
  // Steady runs that stop on their residuals start from the answer on
  // coarser grids (solver/coarse_grid_start.hpp) instead of from rest.
  bool coarse_start = true;
  TransientSettings transient;  // used when mode is transient
};

// An object-snapped grid instead of uniform cells (geometry/snapped_grid.hpp).
struct SnappedGridSpec {
  double max_cell_m = 0;
  int min_cells_per_gap = 3;
  double growth = 1.2;  // largest size ratio of neighbouring cells, <= 1.3
};

struct Model {
  std::string source_name;  // file the model came from (for messages and the summary)
  std::string source_text;  // the scenario text as read (stored in result.h5)
  Vec3 size_m{};
  std::array<int, 3> cells{};                   // uniform grid, unless snapped_grid is set
  std::optional<SnappedGridSpec> snapped_grid;  // [grid] max_cell_m given
  // Grid sequencing (steady runs on a snapped grid): solved first on this
  // coarser grid, then on snapped_grid from its answer
  // (solver/grid_sequencing.hpp). Builds set it ([mesh] preview_start).
  std::optional<SnappedGridSpec> preview_grid;
  FluidProperties fluid;
  Physics physics;
  std::array<Boundary, kFaceCount> boundary{};
  std::vector<Block> blocks;
  std::vector<PorousBlock> porous;
  std::vector<Vent> vents;
  std::vector<Fan> fans;
  std::vector<Monitor> monitors;
  SolverSettings solver;
};

}  // namespace rt
