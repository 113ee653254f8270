#pragma once
// Pictures of a run (VTK, PNG): slices coloured by temperature, speed or
// pressure with velocity arrows or streamlines and part outlines with their
// labels; the layout of a scenario before solving; the convergence plot.
// Everything is drawn from host data in memory (a Grid, CellFields, part
// boxes), so the same code serves `rigtherm run` (right after the solve),
// `rigtherm render RESULT.h5` and `rigtherm check`.
//
// Built with VTK (-DRT_VTK=ON/AUTO and libvtk9-dev); without it
// pictures_available() is false and the render functions throw
// std::runtime_error saying so. Rendering needs an X display (display.hpp
// starts Xvfb when there is none); the render functions throw
// std::runtime_error with the reason when they cannot draw.

#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "geometry/grid.hpp"
#include "scenarios/model/model.hpp"
#include "scenarios/model/summary.hpp"

namespace rt::viz {

// True when this build can draw pictures (compiled with VTK).
bool pictures_available();

// What a part is, for colours and labels; generic (no PC semantics).
enum class PartKind {
  solid,      // a block without power
  source,     // a block that releases power
  heat_sink,  // a porous block with a die model (a GPU's or CPU's fin stack)
  porous,     // other porous blocks
  fan,
  vent,
};

const char* part_kind_name(PartKind k);

// A part as pictures show it: a box (fans and vents are flat along one
// axis), a short label, and what the run said about it.
struct PartBox {
  std::string name;
  PartKind kind = PartKind::solid;
  Vec3 min_m{};
  Vec3 max_m{};
  double power_W = 0;
  // Fans: the axis they blow along and the sign (+1 towards max).
  int blow_axis = -1;
  int blow_sign = 0;
  double diameter_m = 0;  // round fans; 0 = the rectangle
  // From the run's summary, NaN when unknown.
  double hot_C = std::numeric_limits<double>::quiet_NaN();  // die temperature, else T_max
  bool hot_is_die = false;
  bool throttling = false;
  double throttle_C = std::numeric_limits<double>::quiet_NaN();
};

// A plane the caller wants seen close up (for a build: the gap a card's fans
// draw from), drawn by default_pictures twice, coloured by air speed
// (`<stem>-speed.png`) and by temperature (`<stem>-T.png`).
struct PlaneView {
  std::string stem;  // file name without "-speed.png" / "-T.png"
  int axis = 2;      // plane normal
  double value_m = 0;
  Vec3 min_m{}, max_m{};  // the part of the plane shown (in-plane axes)
  std::string heading;    // what it is; the field is appended
};

// What the slice pictures are drawn from.
struct PictureInput {
  std::string title;  // scenario name, shown on top
  Grid grid;
  CellFields fields;  // T_C required; U_m_s for arrows; material for outlines without parts
  std::vector<PartBox> parts;
  bool is_build = false;  // a lowered PC build (frame: x tray->side, y up, z front->rear)
  std::vector<PlaneView> close_ups;
};

// The parts of a model, with the run's temperatures when a summary is given
// (components are matched by name).
std::vector<PartBox> parts_from_model(const Model& model, const Summary* summary = nullptr);

// Outlines of the blocks in a material field (0 air, b+1 block b, -(p+1)
// porous block p) when the part names are unknown: one box per id, the
// bounding box of its cells, named "block b" / "porous p".
std::vector<PartBox> parts_from_material(const Grid& grid, const CellFields& fields);

enum class SliceField { T, speed, p };

struct SliceSpec {
  int axis = 2;                                               // plane normal: 0 x, 1 y, 2 z
  double value_m = std::numeric_limits<double>::quiet_NaN();  // NaN: the mid-plane
  SliceField field = SliceField::T;
  bool arrows = true;
  bool streamlines = false;
  std::optional<std::pair<double, double>> range;  // colour range; default: the whole domain's
  // Part of the plane to show, in m (in-plane axes only); default: all of it.
  std::optional<std::pair<Vec3, Vec3>> crop;
  std::string heading;  // line under the title, e.g. "side view through the GPU fin stacks"
  int width = 1600, height = 1000;
};

// Draws one slice to a PNG at png_path.
void render_slice(const PictureInput& in, const SliceSpec& spec, const std::string& png_path);

// The model's layout in 3-D before solving: parts coloured by kind, fans
// with arrows along their blowing direction, the domain as a wire box.
void render_layout(const std::string& title, const Vec3& domain_m,
                   const std::vector<PartBox>& parts, bool is_build, const std::string& png_path,
                   int width = 1600, int height = 1000);

// Residuals (log scale) and, when recorded, temperatures against the
// iteration, as two plots one above the other.
void render_convergence(const std::string& title, const Summary& summary,
                        const std::string& png_path, int width = 1600, int height = 1000);

// One picture made by default_pictures.
struct Picture {
  std::string file;     // file name inside the output directory
  std::string caption;  // what it shows
};

// The pictures every run gets, written into out_dir: side view, top view, a
// view through each heat sink with a die model, the close-ups asked for in
// PictureInput::close_ups (by speed, then temperature), the convergence plot. Each
// failure is appended to *errors (when given) and the rest go on.
std::vector<Picture> default_pictures(const PictureInput& in, const Summary& summary,
                                      const std::string& out_dir,
                                      std::vector<std::string>* errors = nullptr);

}  // namespace rt::viz
