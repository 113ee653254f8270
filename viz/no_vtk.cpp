// Built without VTK (-DRT_VTK=OFF, or no libvtk9-dev): no pictures; the
// render functions say so and what to install.

#include <stdexcept>
#include <string>

#include "viz/display.hpp"
#include "viz/picture.hpp"

namespace rt::viz {
namespace {

[[noreturn]] void no_vtk() {
  throw std::runtime_error(
      "this rigtherm was built without VTK, so it draws no pictures (install libvtk9-dev and "
      "xvfb, e.g. scripts/install-deps, and rebuild with -DRT_VTK=ON)");
}

}  // namespace

bool pictures_available() { return false; }

std::string ensure_display() { return "this rigtherm was built without VTK: nothing to display"; }

void render_slice(const PictureInput&, const SliceSpec&, const std::string&) { no_vtk(); }

void render_layout(const std::string&, const Vec3&, const std::vector<PartBox>&, bool,
                   const std::string&, int, int) {
  no_vtk();
}

void render_convergence(const std::string&, const Summary&, const std::string&, int, int) {
  no_vtk();
}

}  // namespace rt::viz
