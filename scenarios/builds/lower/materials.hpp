#pragma once
// What the lowered parts are made of: solid materials at 300 K, the layered
// plates of circuit boards, and the porous medium a stack of plate fins
// becomes (lower_build.hpp; docs/build-scenarios.md).

#include <vector>

#include "scenarios/builds/parts_library.hpp"
#include "scenarios/model/model.hpp"

namespace rt::lowering {

struct Material {
  double k = 0, rho = 0, cp = 0;  // W/(m K), kg/m3, J/(kg K)
};
// Incropera, DeWitt, Bergman, Lavine, Fundamentals of Heat and Mass Transfer,
// 6th ed., Table A.1 (300 K): pure aluminium, pure copper, plain carbon steel.
constexpr Material kAluminium{237.0, 2702.0, 903.0};
constexpr Material kCopper{401.0, 8933.0, 385.0};
constexpr Material kSteel{60.5, 7854.0, 434.0};
// FR-4 glass-epoxy laminate, typical data-sheet values (through-plane k).
constexpr Material kFr4{0.29, 1850.0, 1100.0};

struct Layer {
  double thickness_m;
  Material m;
};

// A plate of layers that conducts along its plane: the layers in parallel,
// k = sum(t k) / sum(t); density by volume, specific heat by mass. Blocks are
// isotropic, and a circuit board's in-plane conductivity is what spreads
// heat; its through-plane resistance (1.6 mm at ~0.35 W/(m K), 5e-3 m2K/W)
// is small beside the air film on it (~0.1 m2K/W), so using the in-plane
// value across it changes little.
inline Material layered(const std::vector<Layer>& layers) {
  double t = 0, tk = 0, trho = 0, trhocp = 0;
  for (const Layer& l : layers) {
    t += l.thickness_m;
    tk += l.thickness_m * l.m.k;
    trho += l.thickness_m * l.m.rho;
    trhocp += l.thickness_m * l.m.rho * l.m.cp;
  }
  return {tk / t, trho / t, trhocp / trho};
}

// Copper foil of 1 oz/ft2 is 35 um thick (IPC-4562).
constexpr double kOzCopper_m = 35e-6;
// Motherboard: 1.6 mm, 6 copper layers [estimated: typical ATX boards have
// 6-8 layers].
constexpr int kBoardCopperLayers = 6;
// Darcy-Forchheimer coefficients of a stack of parallel plate fins, fins
// stacked along `normal_axis` (closed), open along the two other axes:
//   K = eps s^2 / 12   (fully developed laminar flow between plates a gap s
//                       apart, dp/dx = 12 mu u_gap / s^2 with u_gap = u / eps)
//   C = (K_c + K_e) / (eps^2 L)   (the entry contraction K_c = 0.5 (1 - eps)
//                       and the exit expansion K_e = (1 - eps)^2 on the gap
//                       velocity u / eps, spread over the stack's length L
//                       along that axis)
// and an effective conductivity (1 - eps) k_fin + eps k_air (aluminium fins
// and air side by side, the value along the fins).
struct FinPorous {
  Vec3 K{}, C{};
  double k_eff = 0;
};

inline FinPorous fin_porous(const FinStack& f, int normal_axis, const Vec3& size, double k_air) {
  FinPorous p;
  const double eps = f.porosity(), s = f.gap_m();
  const double Kc = 0.5 * (1.0 - eps), Ke = (1.0 - eps) * (1.0 - eps);
  for (int a = 0; a < 3; ++a) {
    if (a == normal_axis) continue;
    p.K[a] = eps * s * s / 12.0;
    p.C[a] = (Kc + Ke) / (eps * eps * size[a]);
  }
  p.k_eff = (1.0 - eps) * kAluminium.k + eps * k_air;
  return p;
}

}  // namespace rt::lowering
