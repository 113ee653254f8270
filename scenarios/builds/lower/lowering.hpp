#pragma once
// The lowering of a build to the generic model (lower_build.hpp), split by
// part kind: the shared state and its steps. Private to scenarios/builds/.

#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/lower/face_geometry.hpp"
#include "scenarios/builds/lower/materials.hpp"
#include "scenarios/builds/lower_build.hpp"
#include "scenarios/model/model.hpp"
#include "scenarios/model/scenario_error.hpp"

namespace rt::lowering {

constexpr double kMm = 1e-3;
// Sheet parts (card shrouds, the PSU shroud) are 2 mm thick in the model,
// thicker than the real 0.8-1.2 mm, so that no cell has to be thinner.
constexpr double kSheet_m = 2e-3;
// A wall patch narrower than this (the sliver of a vent between a fan and the
// vent's edge) is left closed rather than forcing a cell that thin.
constexpr double kMinPatch_m = 5e-3;
// Every coordinate of the lowered parts is rounded to 0.2 mm, so that the
// slivers between unrelated parts' faces (a card's edge 0.16 mm past the slot
// opening) do not each force cells that thin into the snapped grid, while
// the gaps that decide how a card breathes keep their size: two 38 mm cards
// at the 20.32 mm slot pitch leave 2.64 mm, which whole millimetres turned
// into 2 or 3 mm by where the cards happened to sit (the gap's friction goes
// with its cube). A part thinner than this keeps one quantum.
constexpr double kQuantum_m = 0.2e-3;
// Faces of parts that cannot face each other merge onto one grid line when
// this close (see merge_faces).
constexpr double kMergeFaces_m = 3e-3;
// Monitors sit this far from the wall, or in the middle of a thinner gap.
constexpr double kMonitorInset_m = 5e-3;

struct Lowering {
  const BuildScenario& s;
  std::vector<std::string>* notes;
  Model m;
  std::array<std::vector<Box>, kFaceCount> taken;  // wall patches used by fans and vents
  double rho = 0, k_air = 0;

  [[noreturn]] void fail(int line, const std::string& key, const std::string& problem) const {
    throw ScenarioError(s.source_name, line, key, problem);
  }

  void note(const std::string& n) const {
    if (notes) notes->push_back(n);
  }

  double q(double x) const { return std::round(x / kQuantum_m) * kQuantum_m; }

  Block solid(const std::string& name, const Box& b, const Material& mat, double power = 0) const {
    return Block{name, b.min_m, b.max_m, mat.k, mat.rho, mat.cp, power};
  }

  // lower_build.cpp: the order of the parts, and the final check.
  void lower();
  void check_overlaps() const;

  // lower/case.cpp: the case walls, wall fans and vents, fan control.
  void case_fan_controls();
  void case_walls();
  Box face_square(const Vec3& centre, Face f, double side) const;
  void take_for_fan(Face f, const Box& r, int line, const std::string& key,
                    const std::string& what);
  double grille_loss(Face f, const Vec3& centre) const;
  Fan wall_fan(const std::string& name, Face f, const Vec3& centre, const CaseFanModel& model,
               bool intake, double speed_fraction, int line, const std::string& key);
  void case_fans();
  void exhaust_monitor(const std::string& name, Face f, const Vec3& centre);
  void add_vent(const std::string& name, const Box& r, std::optional<Face> face, double K);
  void slot_vents();
  void case_vents();

  // lower/quantize.cpp: coordinates on 0.2 mm and merged faces.
  void quantize_box(Vec3& lo, Vec3& hi, bool solid) const;
  void merge_faces();
  void snap_patch_edges();
  void quantize();

  // lower/gpu.cpp: one card, its cooler and fans, its bracket.
  void gpu(std::size_t index);

  // lower/cpu.cpp: the socket, the cooler (tower or AIO).
  void cpu();

  // lower/psu_drives.cpp: the board, the PSU, its shroud and obstructions, drives.
  void board();
  void psu();
  void shroud_and_obstructions();
  void drives();
};

}  // namespace rt::lowering
