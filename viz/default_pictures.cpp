// The pictures every run gets, and where their planes go.
//
// With heat sinks that carry a die model (a build's GPUs and CPU), the side
// view is the plane z = const through the hottest sink, across the slots,
// so the cards stacked along y and the gaps between them show; the top
// view the plane y = const through it; and each sink gets a close-up in
// the plane x = const through its middle (seen from the side panel).
// Without such sinks the side and top views are the domain's mid-planes
// (the top view only when the domain is more than one cell deep in z and y).
// The caller's close-up planes (a build's gaps under its cards' fans) are
// drawn by speed and by temperature, on the same colour scales as the rest.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "viz/picture.hpp"

namespace rt::viz {
namespace {

std::string mm(double m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f mm", m * 1e3);
  return buf;
}

}  // namespace

std::vector<Picture> default_pictures(const PictureInput& in, const Summary& summary,
                                      const std::string& out_dir,
                                      std::vector<std::string>* errors) {
  namespace fs = std::filesystem;
  std::vector<Picture> out;
  const auto attempt = [&](const std::string& file, const std::string& caption, auto&& draw) {
    const std::string path = (fs::path(out_dir) / file).string();
    try {
      draw(path);
      out.push_back({file, caption});
    } catch (const std::exception& e) {
      if (errors != nullptr) errors->push_back(file + ": " + e.what());
    }
  };
  if (in.fields.T_C.empty() || in.grid.total_cells() != in.fields.T_C.size()) {
    if (errors != nullptr) errors->push_back("no temperature field to draw");
    return out;
  }

  std::vector<const PartBox*> sinks;
  for (const PartBox& p : in.parts)
    if (p.kind == PartKind::heat_sink) sinks.push_back(&p);
  const PartBox* hottest = nullptr;
  for (const PartBox* p : sinks)
    if (hottest == nullptr || (std::isfinite(p->hot_C) && !(p->hot_C <= hottest->hot_C)))
      hottest = p;

  const Grid& g = in.grid;
  const auto centre = [](const PartBox& p, int a) { return 0.5 * (p.min_m[a] + p.max_m[a]); };
  // No fixed range: each picture takes the whole domain's, so the pictures
  // of one run share one colour scale.
  const SliceSpec base;

  // Side view.
  {
    SliceSpec s = base;
    s.axis = 2;
    if (hottest != nullptr) {
      s.value_m = centre(*hottest, 2);
      s.heading = in.is_build ? "side view across the slots through the middle of " +
                                    hottest->name + ", seen from the rear"
                              : "side view through the middle of " + hottest->name;
    } else {
      s.heading = "side view, mid-plane";
    }
    attempt("side.png", s.heading, [&](const std::string& p) { render_slice(in, s, p); });
  }
  // Top view.
  if (g.nz() > 1 && g.ny() > 1) {
    SliceSpec s = base;
    s.axis = 1;
    if (hottest != nullptr) {
      s.value_m = centre(*hottest, 1);
      s.heading = "top view through the middle of " + hottest->name + ", seen from above";
    } else {
      s.heading = "top view, mid-plane, seen from above";
    }
    attempt("top.png", s.heading, [&](const std::string& p) { render_slice(in, s, p); });
  }
  // Each heat sink, close up: its length and its neighbours above and below.
  if (g.nx() > 1) {
    for (const PartBox* p : sinks) {
      SliceSpec s = base;
      s.axis = 0;
      s.value_m = centre(*p, 0);
      Vec3 lo{}, hi{};
      for (int a = 0; a < 3; ++a) {
        const double size = p->max_m[a] - p->min_m[a];
        const double margin = a == 1 ? std::max(0.06, 1.5 * size) : std::max(0.04, 0.25 * size);
        lo[a] = std::max(g.edges[a].front(), p->min_m[a] - margin);
        hi[a] = std::min(g.edges[a].back(), p->max_m[a] + margin);
      }
      s.crop = std::make_pair(lo, hi);
      s.heading = "through " + p->name + " (" + mm(p->max_m[2] - p->min_m[2]) +
                  " long), seen from " + (in.is_build ? "the side panel" : "+x");
      std::string file = "sink-" + p->name + ".png";
      for (char& c : file)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-')) c = '-';
      attempt(file, s.heading, [&](const std::string& path) { render_slice(in, s, path); });
    }
  }
  // Close-ups the caller asked for: air speed, then temperature.
  for (const PlaneView& v : in.close_ups) {
    for (const SliceField f : {SliceField::speed, SliceField::T}) {
      SliceSpec s = base;
      s.axis = v.axis;
      s.value_m = v.value_m;
      s.field = f;
      s.crop = std::make_pair(v.min_m, v.max_m);
      const bool speed = f == SliceField::speed;
      s.heading = v.heading + (speed ? ": air speed" : ": temperature");
      attempt(v.stem + (speed ? "-speed.png" : "-T.png"), s.heading,
              [&](const std::string& path) { render_slice(in, s, path); });
    }
  }
  attempt("convergence.png", "residuals and temperatures against the iteration",
          [&](const std::string& p) { render_convergence(in.title, summary, p); });
  return out;
}

}  // namespace rt::viz
