// A slice through the result: the cells of one grid layer coloured by a
// field (flat per cell, as the finite volumes hold it), in-plane velocity
// arrows or streamlines, the outlines of the parts the plane cuts with
// labels, a colour bar with units, axes in mm and a title.
//
// World coordinates are the plane's two in-plane axes in mm; the camera is
// parallel and placed so the slice fills the plot area between the margins
// that hold the title, the colour bar and the axes.

#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkAxisActor2D.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkCoordinate.h>
#include <vtkDataSetMapper.h>
#include <vtkDoubleArray.h>
#include <vtkGlyph3D.h>
#include <vtkGlyphSource2D.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkProperty2D.h>
#include <vtkRectilinearGrid.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkStreamTracer.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "viz/picture.hpp"
#include "viz/vtk_support.hpp"

namespace rt::viz {

namespace {

using detail::degrees;
using detail::make_text;

constexpr double kMm = 1e3;

// In-plane axes (horizontal, vertical) of a plane normal to `axis`, as one
// sees the plane from its + side with y (or x) up: a z plane shows x across
// and y up (seen from +z, in a build the rear); a y plane z across and x up
// (seen from above); an x plane z across, reversed, and y up (seen from +x,
// in a build the side panel: the front on the right).
std::array<int, 2> plane_axes(int axis) {
  if (axis == 2) return {0, 1};
  if (axis == 1) return {2, 0};
  return {2, 1};
}
bool flip_horizontal(int axis) { return axis == 0; }

const char* axis_title(int a, bool is_build) {
  if (!is_build) return a == 0 ? "x (mm)" : a == 1 ? "y (mm)" : "z (mm)";
  return a == 0   ? "x (mm, board tray -> side panel)"
         : a == 1 ? "y (mm, up)"
                  : "z (mm, front -> rear)";
}

std::string fmt_num(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

double cell_value(const CellFields& f, SliceField field, std::size_t c) {
  const bool solid = !f.material.empty() && f.material[c] > 0;
  switch (field) {
    case SliceField::T:
      return f.T_C[c];
    case SliceField::speed: {
      if (solid || f.U_m_s.empty()) return std::numeric_limits<double>::quiet_NaN();
      const double* u = &f.U_m_s[3 * c];
      return std::sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
    }
    case SliceField::p:
      if (solid || f.p_Pa.empty()) return std::numeric_limits<double>::quiet_NaN();
      return f.p_Pa[c];
  }
  return 0.0;
}

}  // namespace

void render_slice(const PictureInput& in, const SliceSpec& spec, const std::string& png_path) {
  const Grid& g = in.grid;
  const CellFields& f = in.fields;
  const std::size_t n = g.total_cells();
  if (n == 0 || f.T_C.size() != n)
    throw std::invalid_argument("render_slice: no temperature field");
  if (spec.field == SliceField::speed && f.U_m_s.size() != 3 * n)
    throw std::invalid_argument("render_slice: the result has no velocity field");
  if (spec.field == SliceField::p && f.p_Pa.size() != n)
    throw std::invalid_argument("render_slice: the result has no pressure field");
  if (spec.axis < 0 || spec.axis > 2) throw std::invalid_argument("render_slice: axis not 0..2");
  const int axis = spec.axis;
  const auto [ha, va] = plane_axes(axis);
  const double lo_a = g.edges[axis].front(), hi_a = g.edges[axis].back();
  const double at = std::isnan(spec.value_m) ? 0.5 * (lo_a + hi_a) : spec.value_m;
  if (at < lo_a - 1e-12 || at > hi_a + 1e-12)
    throw std::invalid_argument("render_slice: the plane " + std::string(1, "xyz"[axis]) + " = " +
                                fmt_num("%g", at * kMm) + " mm is outside the domain (" +
                                fmt_num("%g", lo_a * kMm) + " to " + fmt_num("%g", hi_a * kMm) +
                                " mm)");
  const int layer = g.cell_containing(axis, at);
  // World coordinates in mm; the horizontal axis reversed where the plane is
  // seen from its + side with that axis running right to left.
  const double hs = flip_horizontal(axis) ? -1.0 : 1.0;
  const auto X = [&](double m) { return hs * m * kMm; };
  const auto Y = [&](double m) { return m * kMm; };

  // Cells shown: all of the layer, or those whose centre lies in the crop.
  int i0 = 0, i1 = g.cells(ha) - 1, j0 = 0, j1 = g.cells(va) - 1;
  if (spec.crop) {
    const auto inside = [&](int a, int c) {
      const double x = g.centre(a, c);
      return x >= spec.crop->first[a] && x <= spec.crop->second[a];
    };
    while (i0 < i1 && !inside(ha, i0)) ++i0;
    while (i1 > i0 && !inside(ha, i1)) --i1;
    while (j0 < j1 && !inside(va, j0)) ++j0;
    while (j1 > j0 && !inside(va, j1)) --j1;
  }
  const int ni = i1 - i0 + 1, nj = j1 - j0 + 1;
  const auto index = [&](int i, int j) {
    std::array<int, 3> c{};
    c[axis] = layer;
    c[ha] = i;
    c[va] = j;
    return static_cast<std::size_t>(c[0]) +
           static_cast<std::size_t>(g.nx()) *
               (static_cast<std::size_t>(c[1]) + static_cast<std::size_t>(g.ny()) * c[2]);
  };

  // Colour range: given, or the field's over the whole domain (so the
  // pictures of one run share it).
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  if (spec.range) {
    lo = spec.range->first;
    hi = spec.range->second;
  } else {
    for (std::size_t c = 0; c < n; ++c) {
      const double v = cell_value(f, spec.field, c);
      if (!std::isfinite(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    if (!std::isfinite(lo)) lo = hi = 0.0;
  }
  if (hi - lo < 1e-9 * std::max(1.0, std::fabs(hi))) {
    lo -= 0.5;
    hi += 0.5;
  }

  detail::VtkErrors vtk_errors;
  // ---- the slice as a 2-D rectilinear grid in mm --------------------------
  auto xs = vtkSmartPointer<vtkDoubleArray>::New();
  auto ys = vtkSmartPointer<vtkDoubleArray>::New();
  auto zs = vtkSmartPointer<vtkDoubleArray>::New();
  // Cell i of the picture (left to right) is grid cell hcell(i).
  const auto hcell = [&](int i) { return hs > 0 ? i0 + i : i1 - i; };
  for (int i = 0; i <= ni; ++i)
    xs->InsertNextValue(hs > 0 ? X(g.edges[ha][i0 + i]) : X(g.edges[ha][i1 + 1 - i]));
  for (int j = j0; j <= j1 + 1; ++j) ys->InsertNextValue(g.edges[va][j] * kMm);
  zs->InsertNextValue(0.0);
  auto slice = vtkSmartPointer<vtkRectilinearGrid>::New();
  slice->SetDimensions(ni + 1, nj + 1, 1);
  slice->SetXCoordinates(xs);
  slice->SetYCoordinates(ys);
  slice->SetZCoordinates(zs);
  auto values = vtkSmartPointer<vtkDoubleArray>::New();
  values->SetName("value");
  values->SetNumberOfTuples(static_cast<vtkIdType>(ni) * nj);
  double slice_max = -std::numeric_limits<double>::infinity();
  int max_i = i0, max_j = j0;
  for (int j = 0; j < nj; ++j)
    for (int i = 0; i < ni; ++i) {
      const double v = cell_value(f, spec.field, index(hcell(i), j0 + j));
      values->SetValue(static_cast<vtkIdType>(i) + static_cast<vtkIdType>(ni) * j, v);
      if (std::isfinite(v) && v > slice_max) {
        slice_max = v;
        max_i = hcell(i);
        max_j = j0 + j;
      }
    }
  slice->GetCellData()->SetScalars(values);

  auto lut = detail::make_lut(spec.field, lo, hi);
  auto slice_mapper = vtkSmartPointer<vtkDataSetMapper>::New();
  slice_mapper->SetInputData(slice);
  slice_mapper->SetScalarModeToUseCellData();
  slice_mapper->SetLookupTable(lut);
  slice_mapper->SetScalarRange(lo, hi);
  slice_mapper->UseLookupTableScalarRangeOn();
  auto slice_actor = vtkSmartPointer<vtkActor>::New();
  slice_actor->SetMapper(slice_mapper);
  slice_actor->GetProperty()->LightingOff();

  auto window = detail::make_window(spec.width, spec.height);
  auto ren = vtkSmartPointer<vtkRenderer>::New();
  ren->SetBackground(1, 1, 1);
  window->AddRenderer(ren);
  ren->AddActor(slice_actor);

  const double h0 = std::min(X(g.edges[ha][i0]), X(g.edges[ha][i1 + 1]));
  const double h1 = std::max(X(g.edges[ha][i0]), X(g.edges[ha][i1 + 1]));
  const double v0 = Y(g.edges[va][j0]), v1 = Y(g.edges[va][j1 + 1]);
  const double span_h = h1 - h0, span_v = v1 - v0;

  // ---- velocity: arrows on a regular grid, or streamlines ------------------
  const bool have_u = f.U_m_s.size() == 3 * n;
  double u_max = 0.0;
  if (have_u) {
    for (int j = j0; j <= j1; ++j)
      for (int i = i0; i <= i1; ++i) {
        const std::size_t c = index(i, j);
        if (!f.material.empty() && f.material[c] > 0) continue;
        u_max = std::max(u_max, std::hypot(f.U_m_s[3 * c + ha], f.U_m_s[3 * c + va]));
      }
  }
  std::string velocity_note;
  // About 42 arrows across the longer side, and no more than one per cell
  // (on average) on a coarse grid.
  const double spacing = std::max({std::max(span_h, span_v) / 42.0, span_h / ni, span_v / nj});
  if (have_u && u_max > 0.0 && spec.streamlines) {
    // Point data at the cell centres of the slice, zero in solids.
    auto cx = vtkSmartPointer<vtkDoubleArray>::New();
    auto cy = vtkSmartPointer<vtkDoubleArray>::New();
    auto cz = vtkSmartPointer<vtkDoubleArray>::New();
    for (int i = 0; i < ni; ++i) cx->InsertNextValue(X(g.centre(ha, hcell(i))));
    for (int j = j0; j <= j1; ++j) cy->InsertNextValue(g.centre(va, j) * kMm);
    cz->InsertNextValue(0.0);
    auto field = vtkSmartPointer<vtkRectilinearGrid>::New();
    field->SetDimensions(ni, nj, 1);
    field->SetXCoordinates(cx);
    field->SetYCoordinates(cy);
    field->SetZCoordinates(cz);
    auto vec = vtkSmartPointer<vtkDoubleArray>::New();
    vec->SetName("U");
    vec->SetNumberOfComponents(3);
    vec->SetNumberOfTuples(static_cast<vtkIdType>(ni) * nj);
    for (int j = 0; j < nj; ++j)
      for (int i = 0; i < ni; ++i) {
        const std::size_t c = index(hcell(i), j0 + j);
        const bool solid = !f.material.empty() && f.material[c] > 0;
        const double uh = solid ? 0.0 : hs * f.U_m_s[3 * c + ha];
        const double uv = solid ? 0.0 : f.U_m_s[3 * c + va];
        vec->SetTuple3(static_cast<vtkIdType>(i) + static_cast<vtkIdType>(ni) * j, uh, uv, 0.0);
      }
    field->GetPointData()->SetVectors(vec);
    auto seeds_pts = vtkSmartPointer<vtkPoints>::New();
    const double seed_step = std::max(span_h, span_v) / 24.0;
    for (double y = v0 + 0.5 * seed_step; y < v1; y += seed_step)
      for (double x = h0 + 0.5 * seed_step; x < h1; x += seed_step) {
        std::array<double, 3> p{};
        p[axis] = at;
        p[ha] = x / (hs * kMm);
        p[va] = y / kMm;
        const std::size_t c = g.cell_at(p);
        if (!f.material.empty() && f.material[c] > 0) continue;
        if (std::hypot(f.U_m_s[3 * c + ha], f.U_m_s[3 * c + va]) < 0.02 * u_max) continue;
        seeds_pts->InsertNextPoint(x, y, 0.0);
      }
    auto seeds = vtkSmartPointer<vtkPolyData>::New();
    seeds->SetPoints(seeds_pts);
    auto tracer = vtkSmartPointer<vtkStreamTracer>::New();
    tracer->SetInputData(field);
    tracer->SetSourceData(seeds);
    tracer->SetIntegratorTypeToRungeKutta45();
    tracer->SetIntegrationDirectionToBoth();
    tracer->SetMaximumPropagation(2.0 * (span_h + span_v));
    tracer->SetInitialIntegrationStep(0.3);
    tracer->SetMaximumNumberOfSteps(4000);
    tracer->SetTerminalSpeed(1e-3 * u_max);
    auto lines_mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    lines_mapper->SetInputConnection(tracer->GetOutputPort());
    lines_mapper->ScalarVisibilityOff();
    auto lines = vtkSmartPointer<vtkActor>::New();
    lines->SetMapper(lines_mapper);
    lines->GetProperty()->SetColor(0.05, 0.05, 0.05);
    lines->GetProperty()->SetOpacity(0.75);
    lines->GetProperty()->SetLineWidth(1.4);
    lines->GetProperty()->LightingOff();
    lines->SetPosition(0, 0, 0.2);
    ren->AddActor(lines);
    velocity_note = "streamlines of the in-plane velocity (max " + fmt_num("%.3g", u_max) + " m/s)";
  } else if (have_u && u_max > 0.0 && spec.arrows) {
    auto pts = vtkSmartPointer<vtkPoints>::New();
    auto vec = vtkSmartPointer<vtkDoubleArray>::New();
    vec->SetNumberOfComponents(3);
    vec->SetName("U");
    for (double y = v0 + 0.5 * spacing; y < v1; y += spacing)
      for (double x = h0 + 0.5 * spacing; x < h1; x += spacing) {
        std::array<double, 3> p{};
        p[axis] = at;
        p[ha] = x / (hs * kMm);
        p[va] = y / kMm;
        const std::size_t c = g.cell_at(p);
        if (!f.material.empty() && f.material[c] > 0) continue;
        const double uh = hs * f.U_m_s[3 * c + ha], uv = f.U_m_s[3 * c + va];
        const double s = std::hypot(uh, uv);
        if (s < 0.01 * u_max) continue;
        // Length ∝ sqrt(speed): slow buoyant drift stays visible beside jets.
        const double len = 0.95 * spacing * std::sqrt(s / u_max);
        pts->InsertNextPoint(x, y, 0.0);
        vec->InsertNextTuple3(uh / s * len, uv / s * len, 0.0);
      }
    auto points = vtkSmartPointer<vtkPolyData>::New();
    points->SetPoints(pts);
    points->GetPointData()->SetVectors(vec);
    auto arrow = vtkSmartPointer<vtkGlyphSource2D>::New();
    arrow->SetGlyphTypeToArrow();
    arrow->FilledOff();
    arrow->SetScale(1.0);
    auto glyphs = vtkSmartPointer<vtkGlyph3D>::New();
    glyphs->SetInputData(points);
    glyphs->SetSourceConnection(arrow->GetOutputPort());
    glyphs->SetVectorModeToUseVector();
    glyphs->SetScaleModeToScaleByVector();
    glyphs->OrientOn();
    glyphs->SetScaleFactor(1.0);
    auto glyph_mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    glyph_mapper->SetInputConnection(glyphs->GetOutputPort());
    glyph_mapper->ScalarVisibilityOff();
    auto arrows = vtkSmartPointer<vtkActor>::New();
    arrows->SetMapper(glyph_mapper);
    arrows->GetProperty()->SetColor(0.0, 0.0, 0.0);
    arrows->GetProperty()->SetLineWidth(1.6);
    arrows->GetProperty()->LightingOff();
    arrows->SetPosition(0, 0, 0.2);
    ren->AddActor(arrows);
    velocity_note =
        "arrows: in-plane air velocity, length proportional to \xE2\x88\x9A"
        "speed, longest " +
        fmt_num("%.3g", u_max) + " m/s";
  }

  // ---- part outlines and labels ---------------------------------------------
  const double tol = 1e-9;
  auto thin_pts = vtkSmartPointer<vtkPoints>::New();
  auto thin_lines = vtkSmartPointer<vtkCellArray>::New();
  auto bold_pts = vtkSmartPointer<vtkPoints>::New();
  auto bold_lines = vtkSmartPointer<vtkCellArray>::New();
  auto fan_pts = vtkSmartPointer<vtkPoints>::New();
  auto fan_lines = vtkSmartPointer<vtkCellArray>::New();
  auto vent_pts = vtkSmartPointer<vtkPoints>::New();
  auto vent_lines = vtkSmartPointer<vtkCellArray>::New();
  const auto add_line = [](vtkPoints* p, vtkCellArray* l, double xa, double ya, double xb,
                           double yb) {
    const vtkIdType a = p->InsertNextPoint(xa, ya, 0.3);
    const vtkIdType b = p->InsertNextPoint(xb, yb, 0.3);
    const vtkIdType ids[2] = {a, b};
    l->InsertNextCell(2, ids);
  };
  int solid_count = 0;
  for (const PartBox& p : in.parts)
    solid_count += p.kind != PartKind::fan && p.kind != PartKind::vent ? 1 : 0;
  const bool label_all = solid_count <= 12;
  struct Label {
    std::string text;
    double x, y;
    double rgb[3];
    bool bold;
  };
  std::vector<Label> labels;
  for (const PartBox& p : in.parts) {
    if (at < p.min_m[axis] - tol || at > p.max_m[axis] + tol) continue;
    double a0 = std::max(std::min(X(p.min_m[ha]), X(p.max_m[ha])), h0);
    double a1 = std::min(std::max(X(p.min_m[ha]), X(p.max_m[ha])), h1);
    double b0 = std::max(Y(p.min_m[va]), v0), b1 = std::min(Y(p.max_m[va]), v1);
    if (a0 > a1 || b0 > b1) continue;
    const bool flat = p.kind == PartKind::fan || p.kind == PartKind::vent;
    if (flat) {
      // A fan or vent cut by the plane is a segment (its disc's chord for a
      // round fan: the rectangle is the square around it).
      if (p.kind == PartKind::fan && p.diameter_m > 0 && p.blow_axis >= 0) {
        const int across = p.blow_axis == ha ? va : ha;
        const int other = 3 - p.blow_axis - across;
        const double c_other = 0.5 * (p.min_m[other] + p.max_m[other]);
        const double c_across = 0.5 * (p.min_m[across] + p.max_m[across]);
        const double r = 0.5 * p.diameter_m;
        const double d = other == axis ? at - c_other : 0.0;
        if (std::fabs(d) >= r) continue;
        const double half = std::sqrt(r * r - d * d);
        if (across == ha) {
          a0 = std::max(std::min(X(c_across - half), X(c_across + half)), h0);
          a1 = std::min(std::max(X(c_across - half), X(c_across + half)), h1);
        } else {
          b0 = std::max(Y(c_across - half), v0);
          b1 = std::min(Y(c_across + half), v1);
        }
      }
      vtkPoints* pp = p.kind == PartKind::fan ? fan_pts.Get() : vent_pts.Get();
      vtkCellArray* ll = p.kind == PartKind::fan ? fan_lines.Get() : vent_lines.Get();
      if (a1 - a0 < 1e-6 && b1 - b0 < 1e-6) continue;  // the plane only touches it
      add_line(pp, ll, a0, b0, a1, b1);
      if (p.kind == PartKind::fan && p.blow_axis >= 0 && p.blow_axis != axis) {
        // A short arrow from the fan's centre along its blowing direction.
        const double cxm = 0.5 * (a0 + a1), cym = 0.5 * (b0 + b1);
        const double len = 0.045 * std::max(span_h, span_v) * p.blow_sign;
        const double dx = p.blow_axis == ha ? hs * len : 0.0;
        const double dy = p.blow_axis == va ? len : 0.0;
        add_line(pp, ll, cxm, cym, cxm + dx, cym + dy);
        const double hx = -0.3 * dx + 0.2 * dy, hy = -0.3 * dy + 0.2 * dx;
        const double kx = -0.3 * dx - 0.2 * dy, ky = -0.3 * dy - 0.2 * dx;
        add_line(pp, ll, cxm + dx, cym + dy, cxm + dx + hx, cym + dy + hy);
        add_line(pp, ll, cxm + dx, cym + dy, cxm + dx + kx, cym + dy + ky);
      }
      continue;
    }
    const bool bold = p.kind == PartKind::heat_sink || p.kind == PartKind::source;
    vtkPoints* pp = bold ? bold_pts.Get() : thin_pts.Get();
    vtkCellArray* ll = bold ? bold_lines.Get() : thin_lines.Get();
    add_line(pp, ll, a0, b0, a1, b0);
    add_line(pp, ll, a1, b0, a1, b1);
    add_line(pp, ll, a1, b1, a0, b1);
    add_line(pp, ll, a0, b1, a0, b0);
    if (bold || label_all) {
      Label lab;
      lab.text = detail::short_label(p);
      lab.bold = bold;
      lab.x = 0.5 * (a0 + a1);
      lab.y = 0.5 * (b0 + b1);
      lab.rgb[0] = lab.rgb[1] = lab.rgb[2] = 0.1;
      if (std::isfinite(p.hot_C)) {
        lab.text += (p.hot_is_die ? "  die " : "  max ") + degrees(p.hot_C);
        if (p.throttling) lab.text += "  THROTTLING";
        detail::temperature_class_rgb(p.hot_C, p.throttling ? p.hot_C : p.throttle_C, lab.rgb);
      } else if (p.power_W > 0) {
        lab.text += "  " + fmt_num("%.0f", p.power_W) + " W";
      }
      labels.push_back(lab);
    }
  }
  const auto add_lines = [&](vtkPoints* p, vtkCellArray* l, double r, double gg, double b,
                             double width, double opacity) {
    if (l->GetNumberOfCells() == 0) return;
    auto poly = vtkSmartPointer<vtkPolyData>::New();
    poly->SetPoints(p);
    poly->SetLines(l);
    auto m = vtkSmartPointer<vtkPolyDataMapper>::New();
    m->SetInputData(poly);
    auto a = vtkSmartPointer<vtkActor>::New();
    a->SetMapper(m);
    a->GetProperty()->SetColor(r, gg, b);
    a->GetProperty()->SetLineWidth(static_cast<float>(width));
    a->GetProperty()->SetOpacity(opacity);
    a->GetProperty()->LightingOff();
    ren->AddActor(a);
  };
  add_lines(thin_pts, thin_lines, 0.15, 0.15, 0.15, 1.2, 0.8);
  add_lines(bold_pts, bold_lines, 0.0, 0.0, 0.0, 2.6, 1.0);
  add_lines(vent_pts, vent_lines, 0.0, 0.55, 0.2, 6.0, 0.9);
  add_lines(fan_pts, fan_lines, 0.0, 0.35, 0.9, 5.0, 1.0);

  // ---- camera: the slice fills the plot area ---------------------------------
  const double W = spec.width, H = spec.height;
  const double left = 120, right = 250, top = 125, bottom = 120;
  const double pw = W - left - right, ph = H - top - bottom;
  const double scale = std::min(pw / span_h, ph / span_v);  // px per mm
  // Centre the slice in the plot area.
  const double plot_cx = left + 0.5 * pw, plot_cy = bottom + 0.5 * ph;
  const double world_cx = 0.5 * (h0 + h1) - (plot_cx - 0.5 * W) / scale;
  const double world_cy = 0.5 * (v0 + v1) - (plot_cy - 0.5 * H) / scale;
  vtkCamera* cam = ren->GetActiveCamera();
  cam->ParallelProjectionOn();
  cam->SetFocalPoint(world_cx, world_cy, 0.0);
  cam->SetPosition(world_cx, world_cy, 1000.0);
  cam->SetViewUp(0, 1, 0);
  cam->SetParallelScale(0.5 * H / scale);
  ren->ResetCameraClippingRange(world_cx - W, world_cx + W, world_cy - H, world_cy + H, -10, 10);
  // Pixel position of a world point (for the 2-D overlays below).
  const auto px = [&](double x) { return 0.5 * W + (x - world_cx) * scale; };
  const auto py = [&](double y) { return 0.5 * H + (y - world_cy) * scale; };

  for (const Label& l : labels) {
    auto t = make_text(l.text, l.bold ? 17 : 14, l.bold, px(l.x), py(l.y), 1);
    vtkTextProperty* tp = t->GetTextProperty();
    tp->SetVerticalJustificationToCentered();
    tp->SetColor(l.rgb);
    tp->SetBackgroundColor(1, 1, 1);
    tp->SetBackgroundOpacity(0.78);
    ren->AddActor2D(t);
  }

  // The hottest cell of the slice (temperature pictures): a ring and its value.
  std::string hottest_note;
  if (spec.field == SliceField::T && std::isfinite(slice_max)) {
    const double mx = X(g.centre(ha, max_i)), my = Y(g.centre(va, max_j));
    auto ring_pts = vtkSmartPointer<vtkPoints>::New();
    auto ring = vtkSmartPointer<vtkCellArray>::New();
    const int seg = 40;
    const double r = 9.0 / scale;
    ring->InsertNextCell(seg + 1);
    for (int s = 0; s <= seg; ++s) {
      const double t = 2.0 * M_PI * s / seg;
      ring->InsertCellPoint(
          ring_pts->InsertNextPoint(mx + r * std::cos(t), my + r * std::sin(t), 0.4));
    }
    auto poly = vtkSmartPointer<vtkPolyData>::New();
    poly->SetPoints(ring_pts);
    poly->SetLines(ring);
    auto m = vtkSmartPointer<vtkPolyDataMapper>::New();
    m->SetInputData(poly);
    auto a = vtkSmartPointer<vtkActor>::New();
    a->SetMapper(m);
    a->GetProperty()->SetColor(0.6, 0.0, 0.6);
    a->GetProperty()->SetLineWidth(3.0);
    a->GetProperty()->LightingOff();
    ren->AddActor(a);
    // Its value goes into the heading: next to the ring it would cover labels.
    hottest_note = "ring: hottest cell of this plane, " + degrees(slice_max) + " at (" +
                   fmt_num("%.0f", hs * mx) + ", " + fmt_num("%.0f", my) + ") mm";
  }

  // ---- axes, colour bar, title --------------------------------------------------
  const auto axis_actor = [&](double xa, double ya, double xb, double yb, double ra, double rb,
                              const char* title) {
    auto ax = vtkSmartPointer<vtkAxisActor2D>::New();
    ax->GetPositionCoordinate()->SetCoordinateSystemToDisplay();
    ax->GetPositionCoordinate()->SetValue(px(xa), py(ya));
    ax->GetPosition2Coordinate()->SetCoordinateSystemToDisplay();
    ax->GetPosition2Coordinate()->SetValue(px(xb), py(yb));
    ax->SetRange(ra, rb);
    ax->SetTitle(title);
    ax->SetNumberOfLabels(6);
    ax->AdjustLabelsOn();
    ax->SizeFontRelativeToAxisOff();
    ax->SetFontFactor(0.75);
    ax->SetLabelFactor(0.85);
    ax->SetLabelFormat("%.0f");
    ax->SetTickLength(8);
    ax->SetTickOffset(3);
    ax->SetTitlePosition(0.5);
    ax->GetProperty()->SetColor(0.1, 0.1, 0.1);
    ax->GetProperty()->SetLineWidth(1.5);
    for (vtkTextProperty* tp : {ax->GetLabelTextProperty(), ax->GetTitleTextProperty()}) {
      tp->SetColor(0.1, 0.1, 0.1);
      tp->SetFontFamilyToArial();
      tp->ShadowOff();
      tp->ItalicOff();
    }
    ax->GetLabelTextProperty()->SetFontSize(15);
    ax->GetTitleTextProperty()->SetFontSize(17);
    ax->GetTitleTextProperty()->BoldOff();
    ren->AddActor2D(ax);
  };
  const std::string h_title =
      hs < 0 && in.is_build && ha == 2 ? "z (mm, rear <- front)" : axis_title(ha, in.is_build);
  axis_actor(h0, v0, h1, v0, h0 * hs, h1 * hs, h_title.c_str());
  // The vertical axis's title runs up its side: written across, a build's
  // long titles ("x (mm, board tray -> side panel)") ran off the picture's
  // left edge whenever the slice filled the plot's width.
  axis_actor(h0, v1, h0, v0, v1, v0, "");
  {
    auto t = make_text(axis_title(va, in.is_build), 22, false, px(h0) - 64, py(0.5 * (v0 + v1)), 1);
    t->GetTextProperty()->SetVerticalJustificationToCentered();
    t->GetTextProperty()->SetOrientation(90);
    ren->AddActor2D(t);
  }

  auto bar = vtkSmartPointer<vtkScalarBarActor>::New();
  bar->SetLookupTable(lut);
  bar->SetTitle(spec.field == SliceField::T       ? "T (\xC2\xB0"
                                                    "C)"
                : spec.field == SliceField::speed ? "speed (m/s)"
                                                  : "p (Pa)");
  bar->SetNumberOfLabels(7);
  bar->SetLabelFormat(hi - lo >= 10 ? "%.0f" : hi - lo >= 1 ? "%.1f" : "%.3g");
  bar->GetPositionCoordinate()->SetCoordinateSystemToDisplay();
  bar->GetPositionCoordinate()->SetValue(W - right + 60, bottom);
  bar->GetPosition2Coordinate()->SetCoordinateSystemToDisplay();
  bar->GetPosition2Coordinate()->SetValue(150, ph);
  bar->SetBarRatio(0.3);
  bar->UnconstrainedFontSizeOn();
  bar->SetVerticalTitleSeparation(12);
  for (vtkTextProperty* tp : {bar->GetLabelTextProperty(), bar->GetTitleTextProperty()}) {
    tp->SetColor(0.1, 0.1, 0.1);
    tp->SetFontFamilyToArial();
    tp->ShadowOff();
    tp->ItalicOff();
  }
  bar->GetLabelTextProperty()->SetFontSize(16);
  bar->GetTitleTextProperty()->SetFontSize(19);
  bar->GetTitleTextProperty()->BoldOn();
  ren->AddActor2D(bar);

  ren->AddActor2D(make_text(in.title, 28, true, left, H - 50));
  std::string heading = spec.heading;
  if (!heading.empty()) heading += "  \xE2\x80\x94  ";
  heading += std::string(1, "xyz"[axis]) + " = " + fmt_num("%.1f", at * kMm) + " mm";
  ren->AddActor2D(make_text(heading, 19, false, left, H - 88));
  if (!hottest_note.empty()) {
    auto t = make_text(hottest_note, 17, true, W - 30, H - 50, 2);
    t->GetTextProperty()->SetColor(0.5, 0.0, 0.5);
    ren->AddActor2D(t);
  }
  if (!velocity_note.empty())
    ren->AddActor2D(make_text(velocity_note, 15, false, W - right, 22, 2));
  ren->AddActor2D(make_text("colour range " + fmt_num("%.4g", lo) + " to " + fmt_num("%.4g", hi) +
                                (spec.range ? " (fixed)" : " (the whole domain's)"),
                            15, false, left, 22));

  window->Render();
  vtk_errors.throw_if_any(png_path);
  detail::write_png(window, png_path);
  vtk_errors.throw_if_any(png_path);
}

}  // namespace rt::viz
