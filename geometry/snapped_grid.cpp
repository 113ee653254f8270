#include "geometry/snapped_grid.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

namespace rt {
namespace {

struct Interval {
  double lo, hi, size;  // size: the cell size this interval wants
};

// Smallest admissible cell size at x: each interval's own size, growing by
// (growth - 1) per unit distance away from it, capped by max_cell.
double size_field(double x, const std::vector<Interval>& intervals, const SnappedGridSpec& c) {
  double h = c.max_cell_m;
  for (const Interval& in : intervals) {
    const double d = x < in.lo ? in.lo - x : (x > in.hi ? x - in.hi : 0.0);
    h = std::min(h, in.size + (c.growth - 1.0) * d);
  }
  return h;
}

// Cumulative integral of 1/h over [lo, hi], sampled finely enough to
// resolve the smallest cell the field asks for there.
struct SizeIntegral {
  std::vector<double> x, F;
  double total() const { return F.back(); }
};

SizeIntegral integrate_size_field(double lo, double hi, const std::vector<Interval>& intervals,
                                  const SnappedGridSpec& c) {
  double h_min = c.max_cell_m;
  for (int s = 0; s <= 8; ++s)
    h_min = std::min(h_min, size_field(lo + (hi - lo) * s / 8, intervals, c));
  const int samples = std::clamp(static_cast<int>(std::ceil(16.0 * (hi - lo) / h_min)), 16, 200000);
  SizeIntegral I;
  I.x.resize(samples + 1);
  I.F.assign(samples + 1, 0.0);
  for (int s = 0; s <= samples; ++s) I.x[s] = lo + (hi - lo) * s / samples;
  double h_prev = size_field(I.x[0], intervals, c);
  for (int s = 1; s <= samples; ++s) {
    const double h = size_field(I.x[s], intervals, c);
    I.F[s] = I.F[s - 1] + 0.5 * (I.x[s] - I.x[s - 1]) * (1.0 / h_prev + 1.0 / h);
    h_prev = h;
  }
  return I;
}

// n cells over the interval with equal integral of 1/h each: sizes follow the
// field, scaled by total/n so they fit exactly. Appends the n edges after lo.
void fill_interval(const SizeIntegral& I, int n, std::vector<double>& edges) {
  std::size_t s = 0;
  for (int k = 1; k < n; ++k) {
    const double target = I.total() * k / n;
    while (s + 2 < I.F.size() && I.F[s + 1] < target) ++s;
    const double w = (target - I.F[s]) / (I.F[s + 1] - I.F[s]);
    edges.push_back(I.x[s] + w * (I.x[s + 1] - I.x[s]));
  }
  edges.push_back(I.x.back());
}

// Overlap length of [a0, a1] and [b0, b1].
double overlap(double a0, double a1, double b0, double b1) {
  return std::min(a1, b1) - std::max(a0, b0);
}

}  // namespace

std::vector<double> snapped_axis_edges(double length, std::vector<double> lines,
                                       const std::vector<Gap>& gaps, const SnappedGridSpec& c) {
  if (!(length > 0.0) || !(c.max_cell_m > 0.0) || c.min_cells_per_gap < 1 || !(c.growth > 1.0))
    throw std::invalid_argument(
        "snapped grid: needs length > 0, max_cell_m > 0, min_cells_per_gap >= 1, growth > 1");
  const double tol = 1e-9 * length;
  lines.push_back(0.0);
  lines.push_back(length);
  for (double& l : lines) l = std::clamp(l, 0.0, length);
  std::sort(lines.begin(), lines.end());
  std::vector<double> unique{lines.front()};
  for (double l : lines)
    if (l - unique.back() > tol) unique.push_back(l);
  unique.back() = length;

  std::vector<Interval> intervals;
  for (std::size_t i = 0; i + 1 < unique.size(); ++i) {
    Interval in{unique[i], unique[i + 1], c.max_cell_m};
    for (const Gap& g : gaps)
      if (in.lo >= g.lo - tol && in.hi <= g.hi + tol)
        in.size = std::min(in.size, (g.hi - g.lo) / c.min_cells_per_gap);
    in.size = std::min(in.size, in.hi - in.lo);  // a short interval is at least one cell
    intervals.push_back(in);
  }

  // The field grows a little slower than allowed, leaving room for the
  // rounding of cell counts; the counts are then raised where the cells on
  // the two sides of a line still differ by more than the growth ratio.
  SnappedGridSpec field = c;
  field.growth = 1.0 + 0.8 * (c.growth - 1.0);
  std::vector<SizeIntegral> integrals;
  std::vector<int> count;
  for (const Interval& in : intervals) {
    integrals.push_back(integrate_size_field(in.lo, in.hi, intervals, field));
    count.push_back(std::max(1, static_cast<int>(std::ceil(integrals.back().total() - 1e-6))));
  }
  std::vector<double> edges;
  std::vector<std::size_t> first_edge(intervals.size());
  for (int pass = 0; pass < 10000; ++pass) {
    edges.assign(1, 0.0);
    for (std::size_t i = 0; i < intervals.size(); ++i) {
      first_edge[i] = edges.size() - 1;
      fill_interval(integrals[i], count[i], edges);
    }
    bool changed = false;
    for (std::size_t i = 0; i + 1 < intervals.size(); ++i) {
      const std::size_t line = first_edge[i + 1];  // the edge between intervals i and i+1
      const double left = edges[line] - edges[line - 1], right = edges[line + 1] - edges[line];
      if (left > c.growth * right) {
        ++count[i];
        changed = true;
      } else if (right > c.growth * left) {
        ++count[i + 1];
        changed = true;
      }
    }
    if (!changed) break;
  }
  return edges;
}

std::vector<double> block_lines(const Model& model, int axis) {
  std::vector<double> lines;
  for (const Block& b : model.blocks) {
    lines.push_back(b.min_m[axis]);
    lines.push_back(b.max_m[axis]);
  }
  for (const PorousBlock& b : model.porous) {
    lines.push_back(b.min_m[axis]);
    lines.push_back(b.max_m[axis]);
  }
  // Vent and fan edges too, so they cover whole cell faces, and the planes
  // of those inside the domain.
  auto patch_lines = [&](const std::optional<int>& internal_axis, Face face, const Vec3& lo,
                         const Vec3& hi) {
    if (internal_axis ? *internal_axis == axis : face_axis(face) == axis) {
      if (internal_axis) lines.push_back(lo[axis]);
      return;
    }
    lines.push_back(lo[axis]);
    lines.push_back(hi[axis]);
  };
  for (const Vent& v : model.vents) patch_lines(v.internal_axis, v.face, v.min_m, v.max_m);
  for (const Fan& f : model.fans) patch_lines(f.internal_axis, f.face, f.min_m, f.max_m);
  return lines;
}

std::vector<Gap> block_gaps(const Model& model, int axis) {
  const int t1 = (axis + 1) % 3, t2 = (axis + 2) % 3;
  const double L = model.size_m[axis];
  std::vector<Gap> gaps;
  auto faces = [&](const Block& a, const Block& b) {
    return overlap(a.min_m[t1], a.max_m[t1], b.min_m[t1], b.max_m[t1]) > 0.0 &&
           overlap(a.min_m[t2], a.max_m[t2], b.min_m[t2], b.max_m[t2]) > 0.0;
  };
  for (std::size_t i = 0; i < model.blocks.size(); ++i) {
    const Block& a = model.blocks[i];
    // Between the block and each domain wall across this axis.
    if (a.min_m[axis] > 0.0) gaps.push_back({0.0, a.min_m[axis]});
    if (a.max_m[axis] < L) gaps.push_back({a.max_m[axis], L});
    for (std::size_t j = 0; j < model.blocks.size(); ++j) {
      const Block& b = model.blocks[j];
      if (i != j && faces(a, b) && b.min_m[axis] > a.max_m[axis])
        gaps.push_back({a.max_m[axis], b.min_m[axis]});
    }
  }
  return gaps;
}

Grid make_snapped_grid(const Model& model, const SnappedGridSpec& c) {
  Grid g;
  for (int a = 0; a < 3; ++a)
    g.edges[a] =
        snapped_axis_edges(model.size_m[a], block_lines(model, a), block_gaps(model, a), c);
  return g;
}

Grid make_grid(const Model& model) {
  if (model.snapped_grid) return make_snapped_grid(model, *model.snapped_grid);
  return make_uniform_grid(model.size_m, model.cells);
}

}  // namespace rt
