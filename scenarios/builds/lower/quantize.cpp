// Coordinates of the lowered parts moved onto a 0.2 mm lattice and nearby
// faces merged, so that the snapped grid is not forced into slivers.

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "scenarios/builds/lower/lowering.hpp"
#include "scenarios/model/perforated_plate.hpp"

namespace rt::lowering {

void Lowering::quantize_box(Vec3& lo, Vec3& hi, bool solid) const {
  for (int a = 0; a < 3; ++a) {
    const bool flat = hi[a] - lo[a] < 1e-12;
    lo[a] = std::clamp(q(lo[a]), 0.0, m.size_m[a]);
    hi[a] = std::clamp(q(hi[a]), 0.0, m.size_m[a]);
    if (flat) {
      hi[a] = lo[a];
    } else if (hi[a] - lo[a] < kQuantum_m - 1e-12) {
      if (solid && lo[a] + kQuantum_m <= m.size_m[a] + 1e-12) {
        hi[a] = lo[a] + kQuantum_m;
      } else if (solid) {
        lo[a] = hi[a] - kQuantum_m;
      }
    }
  }
}

// Faces of different parts a little apart on one axis (card tails 1 mm
// apart, a drive beside a card's edge) move onto one line, up to
// kMergeFaces_m, when the two parts cannot face each other across that
// axis (their footprints across it do not overlap): no gap between them
// changes, but no 1-3 mm interval is left to fill with fine cells. A part's
// own two faces never merge.
void Lowering::merge_faces() {
  struct Face1 {
    double* x;
    int part;
    Vec3 lo, hi;
  };
  for (int a = 0; a < 3; ++a) {
    std::vector<Face1> faces;
    int part = 0;
    for (Block& b : m.blocks) {
      faces.push_back({&b.min_m[a], part, b.min_m, b.max_m});
      faces.push_back({&b.max_m[a], part++, b.min_m, b.max_m});
    }
    for (PorousBlock& b : m.porous) {
      faces.push_back({&b.min_m[a], part, b.min_m, b.max_m});
      faces.push_back({&b.max_m[a], part++, b.min_m, b.max_m});
    }
    // Stable: faces at one position keep the parts' order, so that which
    // cluster a face joins does not depend on how many parts there are.
    std::stable_sort(faces.begin(), faces.end(),
                     [](const Face1& p, const Face1& q) { return *p.x < *q.x; });
    // A face on the edge of a fan inside the case (a card's fan hole, the
    // shroud round it) stays there: the fan's square does not move, and a
    // hole moved off it would leave a sliver between the two.
    std::vector<double> pins;
    for (const Fan& f : m.fans)
      if (f.internal_axis && *f.internal_axis != a)
        pins.insert(pins.end(), {f.min_m[a], f.max_m[a]});
    auto pinned = [&](const Face1& f) {
      return std::any_of(pins.begin(), pins.end(),
                         [&](double x) { return std::abs(x - *f.x) < 1e-9; });
    };
    auto compatible = [&](const Face1& p, const Face1& q) {
      if (std::abs(*p.x - *q.x) < 1e-12) return true;
      if (pinned(p) && pinned(q)) return false;
      if (p.part == q.part) return false;
      return !positive_overlap(Box{p.lo, p.hi}, Box{q.lo, q.hi}, a);
    };
    std::vector<std::vector<std::size_t>> clusters;
    for (std::size_t i = 0; i < faces.size(); ++i) {
      bool joined = false;
      if (!clusters.empty()) {
        std::vector<std::size_t>& c = clusters.back();
        bool ok = *faces[i].x - *faces[c.front()].x <= kMergeFaces_m + 1e-12;
        for (std::size_t j : c) ok = ok && compatible(faces[i], faces[j]);
        if (ok) {
          c.push_back(i);
          joined = true;
        }
      }
      if (!joined) clusters.push_back({i});
    }
    // Each cluster takes the position of its pinned face, else of its
    // largest part's face.
    std::vector<std::pair<double*, double>> moves;
    for (const auto& c : clusters) {
      double best = *faces[c.front()].x, volume = -1;
      for (std::size_t j : c) {
        if (pinned(faces[j])) {
          best = *faces[j].x;
          break;
        }
        const Vec3 sz = Box{faces[j].lo, faces[j].hi}.size_m();
        if (sz[0] * sz[1] * sz[2] > volume) {
          volume = sz[0] * sz[1] * sz[2];
          best = *faces[j].x;
        }
      }
      for (std::size_t j : c) moves.push_back({faces[j].x, best});
    }
    std::vector<std::pair<double, double>> before;
    for (const Block& b : m.blocks) before.push_back({b.min_m[a], b.max_m[a]});
    for (const PorousBlock& b : m.porous) before.push_back({b.min_m[a], b.max_m[a]});
    for (auto& [x, v] : moves) *x = v;
    // Two clusters on one pinned line can squeeze a sheet between them:
    // such a part keeps where it was.
    std::size_t k = 0;
    auto keep_thickness = [&](Vec3& lo, Vec3& hi) {
      const auto [l0, h0] = before[k++];
      if (hi[a] - lo[a] < kQuantum_m - 1e-12) {
        lo[a] = l0;
        hi[a] = h0;
      }
    };
    for (Block& b : m.blocks) keep_thickness(b.min_m, b.max_m);
    for (PorousBlock& b : m.porous) keep_thickness(b.min_m, b.max_m);
  }
  // A part that merging made thinner than a quantum is not expected (faces
  // move at most kMergeFaces_m and a part's own faces never merge), but a
  // part must never turn inside out.
  for (const Block& b : m.blocks)
    for (int a = 0; a < 3; ++a)
      if (!(b.max_m[a] > b.min_m[a]))
        throw ScenarioError(s.source_name, 0, "", "lowering collapsed part '" + b.name + "'");
  for (const PorousBlock& b : m.porous)
    for (int a = 0; a < 3; ++a)
      if (!(b.max_m[a] > b.min_m[a]))
        throw ScenarioError(s.source_name, 0, "", "lowering collapsed part '" + b.name + "'");
}

// Vent and wall-fan edges are soft: each moves onto the nearest face of a
// solid or porous part within kMinPatch_m, so that a grille's edge 1 mm
// from a card's face does not cut a 1 mm interval into the grid.
void Lowering::snap_patch_edges() {
  for (int a = 0; a < 3; ++a) {
    std::vector<double> hard = {0.0, m.size_m[a]};
    for (const Block& b : m.blocks) hard.insert(hard.end(), {b.min_m[a], b.max_m[a]});
    for (const PorousBlock& b : m.porous) hard.insert(hard.end(), {b.min_m[a], b.max_m[a]});
    auto snap = [&](double x) {
      double best = x, d = kMinPatch_m;
      for (double h : hard)
        if (std::abs(h - x) < d) {
          d = std::abs(h - x);
          best = h;
        }
      return best;
    };
    auto snap_rect = [&](Vec3& lo, Vec3& hi, int plane_axis) {
      if (a == plane_axis) return;
      const double l = snap(lo[a]), h = snap(hi[a]);
      if (h - l >= kQuantum_m - 1e-12) {
        lo[a] = l;
        hi[a] = h;
      }
    };
    for (Vent& v : m.vents)
      snap_rect(v.min_m, v.max_m, v.internal_axis ? *v.internal_axis : face_axis(v.face));
    for (Fan& f : m.fans)
      if (!f.internal_axis) snap_rect(f.min_m, f.max_m, face_axis(f.face));
  }
}

void Lowering::quantize() {
  for (Block& b : m.blocks) quantize_box(b.min_m, b.max_m, true);
  for (PorousBlock& b : m.porous) quantize_box(b.min_m, b.max_m, true);
  for (Vent& v : m.vents) quantize_box(v.min_m, v.max_m, false);
  for (Fan& f : m.fans) quantize_box(f.min_m, f.max_m, false);
  merge_faces();
  snap_patch_edges();
  // A patch that rounding shrank to nothing is dropped.
  auto empty_patch = [](const Vec3& lo, const Vec3& hi, int axis) {
    for (int a = 0; a < 3; ++a)
      if (a != axis && hi[a] - lo[a] < 1e-12) return true;
    return false;
  };
  m.vents.erase(std::remove_if(m.vents.begin(), m.vents.end(),
                               [&](const Vent& v) {
                                 return empty_patch(
                                     v.min_m, v.max_m,
                                     v.internal_axis ? *v.internal_axis : face_axis(v.face));
                               }),
                m.vents.end());
}

}  // namespace rt::lowering
