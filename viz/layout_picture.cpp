// The layout before solving (`rigtherm check`): every part as a box
// coloured by its kind, fans as discs with an arrow along the way they
// blow, vents as green patches, the domain as a wire box; seen in 3-D from
// the side panel (+x), a little from the front and above, the way one
// looks into an open case.

#include <vtkActor.h>
#include <vtkArrowSource.h>
#include <vtkCamera.h>
#include <vtkCoordinate.h>
#include <vtkCubeSource.h>
#include <vtkCylinderSource.h>
#include <vtkLegendBoxActor.h>
#include <vtkLight.h>
#include <vtkOutlineSource.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextProperty.h>
#include <vtkTransform.h>
#include <vtkTransformPolyDataFilter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "viz/picture.hpp"
#include "viz/vtk_support.hpp"

namespace rt::viz {
namespace {

constexpr double kMm = 1e3;

void kind_rgb(PartKind k, double rgb[3]) {
  auto set = [&](double r, double g, double b) {
    rgb[0] = r;
    rgb[1] = g;
    rgb[2] = b;
  };
  switch (k) {
    case PartKind::solid:
      set(0.62, 0.64, 0.68);
      break;
    case PartKind::source:
      set(0.93, 0.45, 0.15);
      break;
    case PartKind::heat_sink:
      set(0.85, 0.12, 0.12);
      break;
    case PartKind::porous:
      set(0.95, 0.75, 0.25);
      break;
    case PartKind::fan:
      set(0.1, 0.4, 0.9);
      break;
    case PartKind::vent:
      set(0.2, 0.7, 0.3);
      break;
  }
}

}  // namespace

void render_layout(const std::string& title, const Vec3& domain_m,
                   const std::vector<PartBox>& parts, bool is_build, const std::string& png_path,
                   int width, int height) {
  detail::VtkErrors vtk_errors;
  auto window = detail::make_window(width, height);
  auto ren = vtkSmartPointer<vtkRenderer>::New();
  ren->SetBackground(1, 1, 1);
  window->AddRenderer(ren);

  const double L = std::max({domain_m[0], domain_m[1], domain_m[2]}) * kMm;
  auto outline = vtkSmartPointer<vtkOutlineSource>::New();
  outline->SetBounds(0, domain_m[0] * kMm, 0, domain_m[1] * kMm, 0, domain_m[2] * kMm);
  auto om = vtkSmartPointer<vtkPolyDataMapper>::New();
  om->SetInputConnection(outline->GetOutputPort());
  auto oa = vtkSmartPointer<vtkActor>::New();
  oa->SetMapper(om);
  oa->GetProperty()->SetColor(0.2, 0.2, 0.2);
  oa->GetProperty()->SetLineWidth(2.0);
  ren->AddActor(oa);

  int solid_count = 0;
  for (const PartBox& p : parts)
    solid_count += p.kind != PartKind::fan && p.kind != PartKind::vent ? 1 : 0;
  bool used[6] = {false, false, false, false, false, false};
  struct Label {
    std::string text;
    double x, y, z;
  };
  std::vector<Label> labels;
  for (const PartBox& p : parts) {
    double rgb[3];
    kind_rgb(p.kind, rgb);
    used[static_cast<int>(p.kind)] = true;
    double c[3], s[3];
    for (int a = 0; a < 3; ++a) {
      c[a] = 0.5 * (p.min_m[a] + p.max_m[a]) * kMm;
      s[a] = (p.max_m[a] - p.min_m[a]) * kMm;
    }
    if (p.kind == PartKind::fan && p.blow_axis >= 0) {
      // A disc (or the square) a few mm thick and an arrow along the flow.
      const int ax = p.blow_axis;
      const double d = p.diameter_m > 0 ? p.diameter_m * kMm : std::max({s[0], s[1], s[2]});
      auto cyl = vtkSmartPointer<vtkCylinderSource>::New();
      cyl->SetRadius(0.5 * d);
      cyl->SetHeight(std::max(3.0, 0.006 * L));
      cyl->SetResolution(40);
      // vtkCylinderSource's axis is y: turn it onto the blowing axis.
      auto tf = vtkSmartPointer<vtkTransform>::New();
      tf->Translate(c);
      if (ax == 0) tf->RotateZ(90);
      if (ax == 2) tf->RotateX(90);
      auto tpf = vtkSmartPointer<vtkTransformPolyDataFilter>::New();
      tpf->SetInputConnection(cyl->GetOutputPort());
      tpf->SetTransform(tf);
      auto m = vtkSmartPointer<vtkPolyDataMapper>::New();
      m->SetInputConnection(tpf->GetOutputPort());
      auto a = vtkSmartPointer<vtkActor>::New();
      a->SetMapper(m);
      a->GetProperty()->SetColor(rgb);
      a->GetProperty()->SetOpacity(0.85);
      ren->AddActor(a);

      auto arrow = vtkSmartPointer<vtkArrowSource>::New();
      arrow->SetTipResolution(24);
      arrow->SetShaftResolution(24);
      const double len = std::max(0.6 * d, 0.05 * L);
      auto at = vtkSmartPointer<vtkTransform>::New();
      // The arrow starts at the fan's centre and points along blow_sign.
      at->Translate(c);
      if (ax == 1) at->RotateZ(p.blow_sign > 0 ? 90 : -90);
      if (ax == 2) at->RotateY(p.blow_sign > 0 ? -90 : 90);
      if (ax == 0 && p.blow_sign < 0) at->RotateZ(180);
      at->Scale(len, len, len);
      auto apf = vtkSmartPointer<vtkTransformPolyDataFilter>::New();
      apf->SetInputConnection(arrow->GetOutputPort());
      apf->SetTransform(at);
      auto am = vtkSmartPointer<vtkPolyDataMapper>::New();
      am->SetInputConnection(apf->GetOutputPort());
      auto aa = vtkSmartPointer<vtkActor>::New();
      aa->SetMapper(am);
      aa->GetProperty()->SetColor(0.05, 0.2, 0.6);
      ren->AddActor(aa);
      continue;
    }
    auto cube = vtkSmartPointer<vtkCubeSource>::New();
    cube->SetCenter(c);
    // Flat patches (vents) get a visible thickness.
    cube->SetXLength(std::max(s[0], 1.5));
    cube->SetYLength(std::max(s[1], 1.5));
    cube->SetZLength(std::max(s[2], 1.5));
    auto m = vtkSmartPointer<vtkPolyDataMapper>::New();
    m->SetInputConnection(cube->GetOutputPort());
    auto a = vtkSmartPointer<vtkActor>::New();
    a->SetMapper(m);
    a->GetProperty()->SetColor(rgb);
    const bool hot = p.kind == PartKind::heat_sink || p.kind == PartKind::source;
    a->GetProperty()->SetOpacity(p.kind == PartKind::vent ? 0.55 : hot ? 0.95 : 0.45);
    if (p.kind != PartKind::vent) {
      a->GetProperty()->EdgeVisibilityOn();
      a->GetProperty()->SetEdgeColor(0.15, 0.15, 0.15);
      a->GetProperty()->SetLineWidth(1.0);
    }
    ren->AddActor(a);
    if (hot || (solid_count <= 12 && p.kind != PartKind::vent)) {
      std::string text = detail::short_label(p);
      if (p.power_W > 0) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "  %.0f W", p.power_W);
        text += buf;
      }
      // On the face towards the viewer (+x), at the part's centre.
      labels.push_back({text, p.max_m[0] * kMm + 2.0, c[1], c[2]});
    }
  }
  for (const Label& l : labels) {
    auto t = detail::make_text(l.text, 15, true, 0, 0, 1);
    t->GetPositionCoordinate()->SetCoordinateSystemToWorld();
    t->GetPositionCoordinate()->SetValue(l.x, l.y, l.z);
    t->GetTextProperty()->SetVerticalJustificationToCentered();
    t->GetTextProperty()->SetBackgroundColor(1, 1, 1);
    t->GetTextProperty()->SetBackgroundOpacity(0.75);
    ren->AddActor2D(t);
  }

  // Legend of the kinds present.
  auto legend = vtkSmartPointer<vtkLegendBoxActor>::New();
  int entries = 0;
  for (bool u : used) entries += u ? 1 : 0;
  legend->SetNumberOfEntries(entries);
  int e = 0;
  for (int k = 0; k < 6; ++k) {
    if (!used[k]) continue;
    double rgb[3];
    kind_rgb(static_cast<PartKind>(k), rgb);
    auto sq = vtkSmartPointer<vtkCubeSource>::New();
    sq->Update();
    legend->SetEntry(e++, sq->GetOutput(), part_kind_name(static_cast<PartKind>(k)), rgb);
  }
  legend->GetPositionCoordinate()->SetCoordinateSystemToDisplay();
  legend->GetPositionCoordinate()->SetValue(width - 290, height - 130 - 34 * entries);
  legend->GetPosition2Coordinate()->SetCoordinateSystemToDisplay();
  legend->GetPosition2Coordinate()->SetValue(260, 34 * entries);
  legend->BorderOff();
  legend->GetEntryTextProperty()->SetFontSize(18);
  legend->GetEntryTextProperty()->SetColor(0.1, 0.1, 0.1);
  legend->GetEntryTextProperty()->SetFontFamilyToArial();
  if (entries > 0) ren->AddActor2D(legend);

  ren->AddActor2D(detail::make_text(title, 28, true, 40, height - 50));
  ren->AddActor2D(detail::make_text(
      is_build ? "layout before solving, seen from the side panel (x: tray -> side, y up, "
                 "z front -> rear); fans: arrows show the way they blow"
               : "layout before solving; fans: arrows show the way they blow",
      18, false, 40, height - 85));

  // From +x (the side panel), raised and turned towards the front.
  vtkCamera* cam = ren->GetActiveCamera();
  const double cx = 0.5 * domain_m[0] * kMm, cy = 0.5 * domain_m[1] * kMm,
               cz = 0.5 * domain_m[2] * kMm;
  cam->SetFocalPoint(cx, cy, cz);
  // Builds from the side panel (+x), a little from the front and above;
  // generic scenarios from +z, a little from +x and above.
  if (is_build) {
    cam->SetPosition(cx + 3.0 * L, cy + 1.3 * L, cz - 1.6 * L);
  } else {
    cam->SetPosition(cx + 1.5 * L, cy + 1.3 * L, cz + 3.0 * L);
  }
  cam->SetViewUp(0, 1, 0);
  ren->ResetCamera();
  cam->Zoom(1.1);
  ren->ResetCameraClippingRange();

  window->Render();
  vtk_errors.throw_if_any(png_path);
  detail::write_png(window, png_path);
  vtk_errors.throw_if_any(png_path);
}

}  // namespace rt::viz
