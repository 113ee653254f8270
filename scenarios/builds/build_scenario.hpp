#pragma once
// Build scenarios (the PC layer's input, issue 3): a case preset, a board,
// GPUs in slots, case fans on named mounts, CPU + cooler, PSU and drives,
// all named by id from the parts library. Reading one resolves every part,
// places it in the case frame (board_layout.hpp) and checks the layout:
// overlapping cards, slots the board lacks, cards too long for the case,
// fans on missing or taken mounts, no air outlet. Keys, units and
// defaults: docs/build-scenarios.md. Lowering to the generic Model:
// lower_build.hpp.
//
// Errors are ScenarioError (FILE:LINE: key 'gpu[2].slot': ...), the same
// style as the generic reader.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/builds/board_layout.hpp"
#include "scenarios/builds/parts_library.hpp"
#include "scenarios/model/scenario_error.hpp"

namespace rt {

struct BuildGpu {
  int slot = 0;
  GpuModel model;
  double power_W = 0;                   // override or TDP
  std::optional<double> fan_speed_pct;  // fixed fan speed; empty = the card's fan control
  int line = 0;                         // of the [[gpu]] header
  Box box;                              // card envelope (length x height x thickness)
  // Where the envelope starts in board coordinates (board_layout.hpp): its
  // backplate face (down) and its bracket end (forward), for parts inside it.
  double top_down_m = 0, bracket_forward_m = 0;
  int last_slot = 0;  // last slot its cooler covers
  // Filled by the layout: distance to the nearest thing towards the board's
  // top (CPU) edge and towards its bottom edge, and what that thing is.
  double gap_above_m = 0, gap_below_m = 0;
  std::string above, below;
  std::vector<std::string> faces;  // fans / vents / bracket the card faces
};

// An NVLink (or SLI) bridge between the cards in two slots.
struct BuildNvlink {
  int slot_a = 0, slot_b = 0;  // slot_a < slot_b
  int line = 0;                // of the [[nvlink]] header
};

struct BuildFan {
  std::string mount;
  CaseFanMount where;
  CaseFanModel model;
  bool intake = true;
  double speed_pct = 100;
  int line = 0;
  // A stock fan whose model the case does not name: a library fan of the
  // mount's size stands in for it.
  bool stand_in = false;
  // PWM curve on a sensor: "gpuN" (the N-th card in slot order) or "cpu";
  // empty: fixed speed.
  std::string control_sensor;
  std::vector<double> control_T_K, control_fraction;
  int control_line = 0;
  double flow_m3_s() const;  // free-delivery flow at speed (fan laws)
};

struct BuildCpu {
  CpuModel model;
  CpuCoolerModel cooler;
  CaseFanModel fan;  // the cooler's fan model
  double power_W = 0;
  Box socket, cooler_box;  // cooler_box: tower or AIO pump block
  int line = 0;
};

struct BuildPsu {
  PsuModel model;
  double load_W = 0;  // DC load
  double heat_W = 0;  // released at that load
  Box box;
  int line = 0;
};

struct BuildDrive {
  DriveModel model;
  std::string position;  // "m2-1", an obstruction name, or "unplaced"
  std::optional<Box> box;
  int line = 0;
};

// [memory]: the modules (for build sanity's RAM height check only).
struct BuildMemory {
  DimmModel model;
  int modules = 2;
  int line = 0;
};

// [mesh]: the object-snapped grid the lowered model asks for. The defaults
// keep the example builds at 0.4-2 million cells (docs/build-scenarios.md):
// the cells come from the thin gaps and the many part faces, not from the
// largest cell, so the growth ratio is the lever (1.2 gives 1-4.3 million).
// Growth above 1.3, up to 2, is a coarse preview (about a quarter of the
// cells at 2): good for ranking and for the balances, not for final answers.
constexpr double kBuildDefaultMaxCell_m = 0.010;
constexpr double kBuildDefaultGrowth = 1.3;
constexpr double kBuildAnswerGrowth = 1.3;  // the largest growth for answers
constexpr double kMaxPreviewGrowth = 2.0;
constexpr int kBuildDefaultCellsPerGap = 3;
struct BuildMesh {
  double max_cell_m = kBuildDefaultMaxCell_m;
  int min_cells_per_gap = kBuildDefaultCellsPerGap;
  double growth = kBuildDefaultGrowth;
  // Grid sequencing: solve on the preview grid (growth kMaxPreviewGrowth)
  // first and start this grid from its answer (solver/grid_sequencing.hpp).
  bool preview_start = true;
};

// A build's flow has jets and wakes a steady solve never settles to the
// residual tolerance; its answer, the die temperatures, does: builds stop
// when they have held within 0.1 K for 500 iterations (SolverSettings).
constexpr double kBuildSettle_K = 0.1;
inline SolverSettings build_solver_defaults() {
  SolverSettings s;
  s.settle_K = kBuildSettle_K;
  return s;
}

struct BuildScenario {
  std::string source_name;
  CaseModel case_model;
  double ambient_K = 298.15;
  std::string wall_material = "steel";  // case panels: steel, aluminium, glass, acrylic, adiabatic
  BoardPlacement board;
  std::optional<MotherboardModel> motherboard;  // [board] model; empty: a generic board
  std::vector<BuildGpu> gpus;                   // sorted by slot
  std::vector<BuildNvlink> nvlinks;
  std::vector<BuildFan> fans;      // in file order (or the case's stock fans)
  bool stock_fans = false;         // no [[fan]]: the case's stock fans were used
  std::vector<std::string> notes;  // defaults applied that the user should know
  std::optional<BuildCpu> cpu;
  std::optional<BuildPsu> psu;
  std::vector<BuildDrive> drives;
  std::optional<BuildMemory> memory;
  BuildMesh mesh;                                   // [mesh]
  SolverSettings solver = build_solver_defaults();  // [solver]
  bool default_cpu = false;  // no [cpu]: the default CPU and cooler (notes say which)
  bool default_psu = false;  // no [psu]: the default PSU (notes say which)

  double gpu_W() const;
  double cpu_W() const { return cpu ? cpu->power_W : 0.0; }
  double psu_heat_W() const { return psu ? psu->heat_W : 0.0; }
  double drive_W() const;
  double total_heat_W() const { return gpu_W() + cpu_W() + psu_heat_W() + drive_W(); }
};

// A file with a [case] or [[gpu]] table is a build scenario (the generic
// layer has [domain]).
bool is_build_scenario(std::string_view text);

// The parts library a build file names its parts from: the default one
// (RIGTHERM_PARTS, RIGTHERM_PARTS_EXTRA) with the folders of the file's
// `[parts] path = "my-parts"` (a string or a list, relative to the file) on
// top. Throws ScenarioError.
PartsLibrary build_parts_library(std::string_view text, const std::string& source_name);

// Throws ScenarioError. The library overload is for tests and other data
// folders; the others use build_parts_library.
BuildScenario parse_build_scenario(std::string_view text, const std::string& source_name,
                                   const PartsLibrary& library);
BuildScenario parse_build_scenario(std::string_view text, const std::string& source_name);
BuildScenario load_build_scenario(const std::string& path);

}  // namespace rt
