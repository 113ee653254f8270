#include "viz/vtk_support.hpp"

#include <vtkObjectFactory.h>
#include <vtkOutputWindow.h>
#include <vtkPNGWriter.h>
#include <vtkTextProperty.h>
#include <vtkWindowToImageFilter.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "io/atomic_file.hpp"
#include "viz/display.hpp"

namespace rt::viz::detail {
namespace {

class CollectingOutputWindow : public vtkOutputWindow {
 public:
  static CollectingOutputWindow* New();
  vtkTypeMacro(CollectingOutputWindow,
               vtkOutputWindow) void DisplayText(const char* text) override {
    if (text != nullptr && collecting_ && GetCurrentMessageType() == MESSAGE_TYPE_ERROR)
      errors_ += text;
  }
  std::string errors_;
  bool collecting_ = false;
};
vtkStandardNewMacro(CollectingOutputWindow);

CollectingOutputWindow* collector() {
  static vtkSmartPointer<CollectingOutputWindow> w = [] {
    auto p = vtkSmartPointer<CollectingOutputWindow>::New();
    vtkOutputWindow::SetInstance(p);
    return p;
  }();
  return w;
}

}  // namespace

VtkErrors::VtkErrors() {
  collector()->errors_.clear();
  collector()->collecting_ = true;
}

VtkErrors::~VtkErrors() { collector()->collecting_ = false; }

void VtkErrors::throw_if_any(const std::string& what) const {
  const std::string& e = collector()->errors_;
  if (!e.empty()) throw std::runtime_error(what + ": VTK: " + e.substr(0, 400));
}

vtkSmartPointer<vtkRenderWindow> make_window(int width, int height) {
  const std::string why = ensure_display();
  if (!why.empty()) throw std::runtime_error("no X display for VTK: " + why);
  auto w = vtkSmartPointer<vtkRenderWindow>::New();
  w->SetOffScreenRendering(1);
  w->SetSize(width, height);
  w->SetMultiSamples(8);
  return w;
}

void write_png(vtkRenderWindow* window, const std::string& png_path) {
  window->Render();
  auto grab = vtkSmartPointer<vtkWindowToImageFilter>::New();
  grab->SetInput(window);
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();
  grab->Update();
  write_file_atomic(png_path, [&](const std::string& tmp) {
    auto png = vtkSmartPointer<vtkPNGWriter>::New();
    png->SetFileName(tmp.c_str());
    png->SetInputConnection(grab->GetOutputPort());
    png->Write();
    if (png->GetErrorCode() != 0) throw std::runtime_error("cannot write " + tmp);
  });
}

vtkSmartPointer<vtkTextActor> make_text(const std::string& text, int size, bool bold, double x,
                                        double y, int justify) {
  auto t = vtkSmartPointer<vtkTextActor>::New();
  t->SetInput(text.c_str());
  vtkTextProperty* p = t->GetTextProperty();
  p->SetFontFamilyToArial();
  p->SetFontSize(size);
  p->SetBold(bold ? 1 : 0);
  p->SetColor(0.1, 0.1, 0.1);
  p->SetJustification(justify);
  t->SetDisplayPosition(static_cast<int>(x), static_cast<int>(y));
  return t;
}

vtkSmartPointer<vtkLookupTable> make_lut(SliceField f, double lo, double hi) {
  // RdYlBu (ColorBrewer, 11 classes) reversed: blue cold, red hot.
  static const double rdylbu_r[11][3] = {{49, 54, 149},   {69, 117, 180},  {116, 173, 209},
                                         {171, 217, 233}, {224, 243, 248}, {255, 255, 191},
                                         {254, 224, 144}, {253, 174, 97},  {244, 109, 67},
                                         {215, 48, 39},   {165, 0, 38}};
  // Speed: white to dark blue (ColorBrewer PuBu, 9 classes).
  static const double pubu[9][3] = {{255, 247, 251}, {236, 231, 242}, {208, 209, 230},
                                    {166, 189, 219}, {116, 169, 207}, {54, 144, 192},
                                    {5, 112, 176},   {4, 90, 141},    {2, 56, 88}};
  const int n = 256;
  auto lut = vtkSmartPointer<vtkLookupTable>::New();
  lut->SetNumberOfTableValues(n);
  lut->SetTableRange(lo, hi);
  const bool speed = f == SliceField::speed;
  const int stops = speed ? 9 : 11;
  for (int i = 0; i < n; ++i) {
    const double s = static_cast<double>(i) / (n - 1) * (stops - 1);
    const int a = std::min(static_cast<int>(s), stops - 2);
    const double w = s - a;
    double rgb[3];
    for (int c = 0; c < 3; ++c) {
      const double x0 = speed ? pubu[a][c] : rdylbu_r[a][c];
      const double x1 = speed ? pubu[a + 1][c] : rdylbu_r[a + 1][c];
      rgb[c] = ((1 - w) * x0 + w * x1) / 255.0;
    }
    lut->SetTableValue(i, rgb[0], rgb[1], rgb[2], 1.0);
  }
  lut->SetNanColor(0.55, 0.55, 0.55, 1.0);
  lut->SetUseBelowRangeColor(0);
  lut->SetUseAboveRangeColor(0);
  lut->Build();
  return lut;
}

void temperature_class_rgb(double T_C, double throttle_C, double rgb[3]) {
  // < 75 green, 75-83 amber, >= 84 red, at/over the throttle point purple.
  auto set = [&](double r, double g, double b) {
    rgb[0] = r;
    rgb[1] = g;
    rgb[2] = b;
  };
  if (std::isfinite(throttle_C) && T_C >= throttle_C - 0.1) {
    set(0.45, 0.0, 0.55);
  } else if (T_C >= 84.0) {
    set(0.75, 0.0, 0.0);
  } else if (T_C >= 75.0) {
    set(0.70, 0.40, 0.0);
  } else {
    set(0.0, 0.45, 0.1);
  }
}

std::string short_label(const PartBox& p) {
  const std::string& n = p.name;
  for (const char* suffix : {".fins", ".radiator"}) {
    const std::string s = suffix;
    if (n.size() > s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0)
      return n.substr(0, n.size() - s.size());
  }
  return n;
}

std::string degrees(double T_C) {
  char buf[32];
  std::snprintf(buf, sizeof buf,
                "%.1f \xC2\xB0"
                "C",
                T_C);
  return buf;
}

}  // namespace rt::viz::detail

namespace rt::viz {

bool pictures_available() { return true; }

}  // namespace rt::viz
