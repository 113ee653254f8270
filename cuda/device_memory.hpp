#pragma once
// Device memory a CUDA solve needs, estimated before anything is allocated,
// and the refusal when it does not fit (issue 6). Host code: builds and is
// tested without CUDA.
//
// What is counted, in bytes, from the exact array sizes (FP64 = 8 B):
//   fields       cells x (p, T, conductivity, heat source, heat capacity) 40 B,
//                material 4 B; faces of each axis x (velocity 8, d 8,
//                face state 1) -> about 95 B per cell;
//   stencils     one seven-point system (aP, six neighbours, b: 64 B a
//                point) on the largest face extent, holding each momentum
//                component, the pressure correction and energy in turn
//                (solver/simplec_steps_on.hpp), u* and v* held aside and
//                the pressure correction -> about 88 B;
//   krylov       eight work vectors of the Krylov solvers (krylov.hpp) = 64 B;
//   multigrid    the residual on the finest level (8 B) and, on every coarse
//                level (2x2x2 agglomeration, 2 along an axis while it has at
//                least 2 cells), a stencil plus x, rhs and residual = 88 B
//                per coarse cell -> about 13 B per fine cell in 3-D;
//   turbulence   mu_eff, mu_wall, and for LVEL Spalding's u+ and y+ (turbulent
//                runs; the wall distance stays on the host) 32 B;
//   transient    velocity and T at two earlier levels and p at one (72 B);
//   reserve      5 % of the above plus 256 MiB for the CUDA context,
//                reduction buffers and the coarsest level's dense solve.
// So a laminar steady solve needs about 268 B per cell, 282 B with the 5 %
// reserve: 8 M cells ~ 2.4 GB including the fixed 256 MiB. (The host keeps
// its FlowState and the acceleration's history beside it: rigtherm check's
// memory line, solver/memory_estimate.hpp.)

#include <cstddef>
#include <string>

#include "solver/core/extent.hpp"

namespace rt {

struct DeviceMemoryEstimate {
  std::size_t cells = 0;
  std::size_t fields = 0, stencils = 0, krylov = 0, multigrid = 0, turbulence = 0, transient = 0,
              reserve = 0;
  std::size_t total() const {
    return fields + stencils + krylov + multigrid + turbulence + transient + reserve;
  }
};

constexpr std::size_t kDeviceReserveBytes = std::size_t{256} << 20;

DeviceMemoryEstimate estimate_device_memory(const Extent& cells, bool turbulent, bool transient);

// Empty when `needed` fits in `free_bytes`; otherwise the refusal, naming
// the cells, the bytes needed and the bytes free.
std::string device_memory_refusal(const DeviceMemoryEstimate& e, std::size_t free_bytes);

// Free and total memory of the current CUDA device. False (and *why) when
// there is no usable device or this rigtherm was built without CUDA.
bool cuda_device_memory(std::size_t* free_bytes, std::size_t* total_bytes, std::string* why);

}  // namespace rt
