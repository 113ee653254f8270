#include "cuda/device_memory.hpp"

#include <fmt/format.h>

namespace rt {

namespace {

std::size_t face_points(const Extent& c) {
  std::size_t n = 0;
  for (int a = 0; a < 3; ++a) n += face_extent(c, a).size();
  return n;
}

std::size_t largest_face_points(const Extent& c) {
  std::size_t n = c.size();
  for (int a = 0; a < 3; ++a)
    if (face_extent(c, a).size() > n) n = face_extent(c, a).size();
  return n;
}

// Cells on all coarse levels of the multigrid hierarchy: 2x2x2 agglomeration,
// an axis halved (rounding up) while it has at least 2 cells, down to one
// cell. The solver stops earlier (its coarsest level), so this is an upper bound.
std::size_t coarse_cells(const Extent& fine) {
  Extent e = fine;
  std::size_t total = 0;
  for (int level = 0; level < 64; ++level) {
    bool coarsened = false;
    for (int a = 0; a < 3; ++a) {
      if (e.n[a] >= 2) {
        e.n[a] = (e.n[a] + 1) / 2;
        coarsened = true;
      }
    }
    if (!coarsened) break;
    total += e.size();
  }
  return total;
}

std::string gib(std::size_t bytes) {
  return fmt::format("{:.2f} GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
}

}  // namespace

DeviceMemoryEstimate estimate_device_memory(const Extent& cells, bool turbulent, bool transient) {
  constexpr std::size_t d = sizeof(double);
  constexpr std::size_t stencil = 8 * d;  // aP, six neighbours, b
  const std::size_t n = cells.size();
  const std::size_t faces = face_points(cells);
  DeviceMemoryEstimate e;
  e.cells = n;
  e.fields = n * (5 * d + 4) + faces * (2 * d + 1);
  e.stencils = largest_face_points(cells) * stencil +
               (face_extent(cells, 0).size() + face_extent(cells, 1).size() + n) * d;
  e.krylov = 8 * n * d;
  e.multigrid = n * d + coarse_cells(cells) * (stencil + 3 * d);
  e.turbulence = turbulent ? 4 * n * d : 0;  // LVEL's four (zero-equation needs two)
  e.transient = transient ? 2 * faces * d + 3 * n * d : 0;
  const std::size_t arrays =
      e.fields + e.stencils + e.krylov + e.multigrid + e.turbulence + e.transient;
  e.reserve = arrays / 20 + kDeviceReserveBytes;
  return e;
}

std::string device_memory_refusal(const DeviceMemoryEstimate& e, std::size_t free_bytes) {
  const std::size_t needed = e.total();
  if (needed <= free_bytes) return {};
  return fmt::format(
      "the model does not fit in device memory: {} cells need about {} bytes ({}), "
      "the device has {} bytes ({}) free",
      e.cells, needed, gib(needed), free_bytes, gib(free_bytes));
}

}  // namespace rt
