#include "scenarios/builds/lower/face_geometry.hpp"

#include <algorithm>

namespace rt::lowering {

bool positive_overlap(const Box& a, const Box& b, int skip) {
  for (int k = 0; k < 3; ++k)
    if (k != skip && box_overlap(a, b, k) <= 1e-9) return false;
  return true;
}

std::vector<Box> subtract(const Box& r, const std::vector<Box>& holes, int skip, double min_side) {
  const int t1 = skip == 0 ? 1 : 0;
  const int t2 = skip == 2 ? 1 : 2;
  std::vector<double> c1 = {r.min_m[t1], r.max_m[t1]}, c2 = {r.min_m[t2], r.max_m[t2]};
  std::vector<const Box*> hit;
  for (const Box& h : holes) {
    if (!positive_overlap(r, h, skip)) continue;
    hit.push_back(&h);
    for (double v : {h.min_m[t1], h.max_m[t1]})
      if (v > r.min_m[t1] && v < r.max_m[t1]) c1.push_back(v);
    for (double v : {h.min_m[t2], h.max_m[t2]})
      if (v > r.min_m[t2] && v < r.max_m[t2]) c2.push_back(v);
  }
  if (hit.empty()) return {r};
  for (auto* c : {&c1, &c2}) {
    std::sort(c->begin(), c->end());
    c->erase(std::unique(c->begin(), c->end(), [](double a, double b) { return b - a < 1e-12; }),
             c->end());
  }
  auto covered = [&](std::size_t i, std::size_t j) {
    const double x1 = 0.5 * (c1[i] + c1[i + 1]), x2 = 0.5 * (c2[j] + c2[j + 1]);
    for (const Box* h : hit)
      if (x1 > h->min_m[t1] && x1 < h->max_m[t1] && x2 > h->min_m[t2] && x2 < h->max_m[t2])
        return true;
    return false;
  };
  // Runs of free cells along t1 in each row, then rows with the same run merged.
  struct Run {
    std::size_t i0, i1, j0, j1;
  };
  std::vector<Run> done, open;
  for (std::size_t j = 0; j + 1 < c2.size(); ++j) {
    std::vector<Run> row;
    for (std::size_t i = 0; i + 1 < c1.size();) {
      if (covered(i, j)) {
        ++i;
        continue;
      }
      std::size_t e = i;
      while (e + 2 < c1.size() && !covered(e + 1, j)) ++e;
      row.push_back({i, e + 1, j, j + 1});
      i = e + 1;
    }
    std::vector<Run> next;
    for (Run& r1 : row) {
      auto it = std::find_if(open.begin(), open.end(),
                             [&](const Run& o) { return o.i0 == r1.i0 && o.i1 == r1.i1; });
      if (it != open.end()) {
        r1.j0 = it->j0;
        open.erase(it);
      }
      next.push_back(r1);
    }
    for (const Run& o : open) done.push_back(o);
    open = next;
  }
  for (const Run& o : open) done.push_back(o);
  std::vector<Box> out;
  for (const Run& u : done) {
    Box b = r;
    b.min_m[t1] = c1[u.i0];
    b.max_m[t1] = c1[u.i1];
    b.min_m[t2] = c2[u.j0];
    b.max_m[t2] = c2[u.j1];
    if (b.max_m[t1] - b.min_m[t1] < min_side || b.max_m[t2] - b.min_m[t2] < min_side) continue;
    out.push_back(b);
  }
  return out;
}

Vec3 clamp_into(Vec3 p, const Vec3& size) {
  for (int a = 0; a < 3; ++a) p[a] = std::clamp(p[a], 0.0, size[a]);
  return p;
}

}  // namespace rt::lowering
