#pragma once
// An X display for VTK. Debian's VTK 9.1 renders through X (GLX) only, also
// off-screen, so a machine without a screen needs a virtual one: rigtherm
// starts its own Xvfb (as `xvfb-run -a` would) the first time a picture is
// drawn and stops it when the process ends. A DISPLAY that is set is used
// only when no Xvfb is installed.

#include <string>

namespace rt::viz {

// Makes sure DISPLAY names an X server that accepts connections, starting
// Xvfb when needed. Returns an empty string when rendering can go ahead, or
// a message saying why not and what to install.
std::string ensure_display();

}  // namespace rt::viz
