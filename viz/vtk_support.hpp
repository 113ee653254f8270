#pragma once
// Shared VTK pieces of the pictures: an off-screen window on an X display,
// text, colour maps, PNG output and VTK's error messages as exceptions.
// Only viz/*.cpp built with VTK include this.

#include <vtkLookupTable.h>
#include <vtkRenderWindow.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>

#include <string>

#include "viz/picture.hpp"

namespace rt::viz::detail {

// Collects VTK's error messages while alive (instead of printing them), so
// a failed picture says why; warnings are dropped.
class VtkErrors {
 public:
  VtkErrors();
  ~VtkErrors();
  VtkErrors(const VtkErrors&) = delete;
  VtkErrors& operator=(const VtkErrors&) = delete;
  // Throws std::runtime_error naming `what` when VTK reported an error.
  void throw_if_any(const std::string& what) const;
};

// An off-screen window of the given size on an X display (Xvfb started when
// needed). Throws std::runtime_error when there is no display.
vtkSmartPointer<vtkRenderWindow> make_window(int width, int height);

// Renders the window and writes it to png_path atomically.
void write_png(vtkRenderWindow* window, const std::string& png_path);

// Text at a display position (pixels from the lower left), justified
// 0 left, 1 centre, 2 right.
vtkSmartPointer<vtkTextActor> make_text(const std::string& text, int size, bool bold, double x,
                                        double y, int justify = 0);

// Colour map of a field: temperature and pressure blue -> red (ColorBrewer
// RdYlBu reversed), speed white -> dark blue; NaN (solids in speed/pressure
// pictures) grey.
vtkSmartPointer<vtkLookupTable> make_lut(SliceField f, double lo, double hi);

// Label colour of a die or part temperature: the report's classes.
void temperature_class_rgb(double T_C, double throttle_C, double rgb[3]);

// Shortened name for labels: "gpu1.fins" -> "gpu1", "cpu.fins" -> "cpu".
std::string short_label(const PartBox& p);

// "84.2 °C" and friends, UTF-8.
std::string degrees(double T_C);

}  // namespace rt::viz::detail
