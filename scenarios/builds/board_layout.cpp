// Motherboard form factors and their placement in the case frame; the
// numbers and which of them are estimated: board_layout.hpp.

#include "scenarios/builds/board_layout.hpp"

#include <algorithm>
#include <cmath>

namespace rt {
namespace {

constexpr double kMm = 1e-3;

BoardFormFactor make(const char* name, double length_mm, double depth_mm, int slots) {
  BoardFormFactor f;
  f.name = name;
  f.length_m = length_mm * kMm;
  f.depth_m = depth_mm * kMm;
  f.slots = slots;
  // Estimated: just below the 158.75 mm rear I/O aperture; matches the cases'
  // expansion openings starting about 155 mm below the board's top corner.
  f.slot1_down_m = 165.0 * kMm;
  // Estimated from typical boards (LGA2066/AM4 ATX boards): socket centre
  // about 75 mm below the top edge and 95 mm in from the I/O edge, an
  // 80 mm keep-out; DIMM slots in front of the socket.
  f.socket_down_m = 75.0 * kMm;
  f.socket_forward_m = 95.0 * kMm;
  f.socket_size_m = 80.0 * kMm;
  f.dimm_down_min_m = 10.0 * kMm;
  f.dimm_down_max_m = 145.0 * kMm;
  f.dimm_forward_min_m = 150.0 * kMm;
  f.dimm_forward_max_m = 215.0 * kMm;
  f.dimm_height_m = 32.0 * kMm;
  return f;
}

const std::vector<BoardFormFactor>& forms() {
  static const std::vector<BoardFormFactor> all = {
      make("ATX", 305, 244, 7),
      make("E-ATX", 305, 330, 7),
      make("micro-ATX", 244, 244, 4),
  };
  return all;
}

}  // namespace

double box_overlap(const Box& a, const Box& b, int axis) {
  return std::min(a.max_m[axis], b.max_m[axis]) - std::max(a.min_m[axis], b.min_m[axis]);
}

bool boxes_overlap_except(const Box& a, const Box& b, int skip) {
  for (int k = 0; k < 3; ++k) {
    if (k != skip && box_overlap(a, b, k) <= 1e-9) return false;
  }
  return true;
}

const BoardFormFactor* find_form_factor(std::string_view name) {
  for (const BoardFormFactor& f : forms()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::vector<std::string> form_factor_names() {
  std::vector<std::string> out;
  for (const BoardFormFactor& f : forms()) out.push_back(f.name);
  return out;
}

int BoardPlacement::axis_of(const Vec3& v) {
  int best = 0;
  for (int k = 1; k < 3; ++k) {
    if (std::abs(v[k]) > std::abs(v[best])) best = k;
  }
  return best;
}

double BoardPlacement::sign_of(const Vec3& v) { return v[axis_of(v)] < 0 ? -1.0 : 1.0; }

Vec3 BoardPlacement::point(double down_m, double forward_m, double above_m) const {
  Vec3 p{};
  for (int k = 0; k < 3; ++k) {
    p[k] = io_corner_m[k] - down_m * up[k] - forward_m * rear[k] + above_m * normal[k];
  }
  return p;
}

Box BoardPlacement::box(double down0, double down1, double fwd0, double fwd1, double above0,
                        double above1) const {
  const Vec3 a = point(down0, fwd0, above0);
  const Vec3 b = point(down1, fwd1, above1);
  Box out;
  for (int k = 0; k < 3; ++k) {
    out.min_m[k] = std::min(a[k], b[k]);
    out.max_m[k] = std::max(a[k], b[k]);
  }
  return out;
}

Box BoardPlacement::outline() const {
  return box(0, form.length_m, 0, form.depth_m, -kBoardThickness_m, 0);
}

Box BoardPlacement::socket() const {
  const double h = form.socket_size_m / 2;
  return box(form.socket_down_m - h, form.socket_down_m + h, form.socket_forward_m - h,
             form.socket_forward_m + h, 0, 0.010);
}

Box BoardPlacement::dimms() const {
  return box(form.dimm_down_min_m, form.dimm_down_max_m, form.dimm_forward_min_m,
             std::min(form.dimm_forward_max_m, form.depth_m), 0, form.dimm_height_m);
}

BoardPlacement place_board(const BoardFormFactor& form, const CaseModel& c) {
  BoardPlacement p;
  p.form = form;
  p.io_corner_m = c.board_io_corner_m;
  p.up = c.board_up;
  p.rear = c.board_rear;
  p.normal = c.board_normal;
  return p;
}

}  // namespace rt
