#pragma once
// Motherboard form factors (ATX, E-ATX, micro-ATX) and their placement in a
// case: board outline, PCIe slot positions, CPU socket and DIMM area, all
// expressed in the case frame of the parts library (x from the tray to the
// window panel, y up, z from front to rear; metres).
//
// Board coordinates used here, measured from the board's top-rear corner on
// its component side (CaseModel::board_io_corner_m):
//   down     along -board_up, from the top (CPU) edge towards the bottom edge
//   forward  along -board_rear, from the rear (I/O) edge towards the front
//   above    along board_normal, from the component surface outwards
//
// Published (ATX 2.2 / microATX 1.2 specifications, Intel): board sizes
// 305 x 244 mm (ATX), 244 x 244 mm (micro-ATX), up to 7 (ATX) and 4
// (micro-ATX) expansion slots at a 0.8 in = 20.32 mm pitch, slot 1 nearest
// the processor; E-ATX (SSI EEB-style) 305 x 330 mm with the ATX rear edge.
// Estimated (the position drawings could not be confirmed): the first
// slot's centreline 165 mm below the top edge (just below the 158.75 mm
// rear I/O aperture), the CPU socket centre and the DIMM area (typical
// boards), the height of a card's edge above the board.

#include <string>
#include <string_view>
#include <vector>

#include "scenarios/model/model.hpp"
#include "scenarios/builds/parts_library.hpp"

namespace rt {

// An axis-aligned box in the case frame, m.
struct Box {
  Vec3 min_m{};
  Vec3 max_m{};
  Vec3 size_m() const { return {max_m[0] - min_m[0], max_m[1] - min_m[1], max_m[2] - min_m[2]}; }
  bool empty() const {
    return !(max_m[0] > min_m[0] && max_m[1] > min_m[1] && max_m[2] > min_m[2]);
  }
};

// Positive overlap of the boxes along `axis` (negative: the gap between them).
double box_overlap(const Box& a, const Box& b, int axis);
// True when the boxes overlap (positive length) along every axis but `skip`.
bool boxes_overlap_except(const Box& a, const Box& b, int skip);

constexpr double kSlotPitch_m = 0.02032;  // 0.8 in, ATX specification

struct BoardFormFactor {
  std::string name;         // "ATX", "E-ATX", "micro-ATX"
  double length_m = 0;      // along the rear edge (down)
  double depth_m = 0;       // rear edge to front edge (forward)
  int slots = 0;            // expansion slots
  double slot1_down_m = 0;  // centreline of slot 1 below the top edge [estimated]
  double socket_down_m = 0, socket_forward_m = 0;         // socket centre [estimated]
  double socket_size_m = 0;                               // square keep-out [estimated]
  double dimm_down_min_m = 0, dimm_down_max_m = 0;        // DIMM area [estimated]
  double dimm_forward_min_m = 0, dimm_forward_max_m = 0;  // [estimated]
  double dimm_height_m = 0;                               // module height [estimated]

  // Centreline of slot n (1-based) below the top edge.
  double slot_down_m(int n) const { return slot1_down_m + (n - 1) * kSlotPitch_m; }
};

// nullptr for a name not in form_factor_names() (exact, case-sensitive).
const BoardFormFactor* find_form_factor(std::string_view name);
std::vector<std::string> form_factor_names();

constexpr double kBoardThickness_m = 0.0016;
constexpr double kCardEdgeAbove_m = 0.003;  // card edge above the board [estimated]

// A form factor placed in a case.
struct BoardPlacement {
  BoardFormFactor form;
  Vec3 io_corner_m{};
  Vec3 up{}, rear{}, normal{};

  Vec3 point(double down_m, double forward_m, double above_m) const;
  // The box spanned by ranges of the board coordinates.
  Box box(double down0, double down1, double fwd0, double fwd1, double above0, double above1) const;
  Box outline() const;  // the PCB
  Box socket() const;   // keep-out square, 10 mm high
  Box dimms() const;
  // Case-frame axis (0, 1, 2) and sign of a board direction.
  static int axis_of(const Vec3& v);
  static double sign_of(const Vec3& v);
};

BoardPlacement place_board(const BoardFormFactor& form, const CaseModel& case_model);

}  // namespace rt
