#pragma once
// Boxes on the case's walls and inside it, as the lowering places them:
// which face an axis ends on, whether two boxes overlap, a rectangle less
// the patches already taken (a vent around its fans), a point kept inside
// the domain.

#include <vector>

#include "scenarios/builds/board_layout.hpp"
#include "scenarios/model/model.hpp"

namespace rt::lowering {

inline Face face_of(int axis, bool max_side) {
  return static_cast<Face>(2 * axis + (max_side ? 1 : 0));
}

// Whether a and b overlap by a positive length on every axis but `skip`
// (-1: all three).
bool positive_overlap(const Box& a, const Box& b, int skip);

// The parts of r not covered by any hole, as few boxes as a row-wise merge
// gives; the holes and r are compared across every axis but `skip` (a flat
// rectangle's plane, or a slab's thickness). Pieces thinner than min_side on
// an axis other than `skip` are dropped.
std::vector<Box> subtract(const Box& r, const std::vector<Box>& holes, int skip,
                          double min_side = 0.0);

Vec3 clamp_into(Vec3 p, const Vec3& size);

}  // namespace rt::lowering
