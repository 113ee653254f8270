#pragma once
// The differentially heated cavity of the benchmarks, built in code as an
// rt::Model: dimensionless, Pr = 0.71, unit cavity, hot wall xmin (T = 1),
// cold wall xmax (T = 0), other faces adiabatic walls. 2-D = one cell in z
// of thickness 1/n with symmetry faces (de Vahl Davis 1983); 3-D = the cube.
// Scaled with the thermal diffusivity (alpha = k / (rho cp) = 1), so
// velocities read as u L / alpha; the Nusselt number is scale-free:
// Nu_hot = -heat_out_W(xmin) / Lz (k = 1, dT = 1, area 1 x Lz).

#include "scenarios/model/model.hpp"

namespace rt::bench {

inline Model cavity(int n, int nz, double Ra, bool two_d) {
  Model m;
  m.source_name = "bench cavity";
  const double Lz = two_d ? 1.0 / n : 1.0;
  m.size_m = {1.0, 1.0, Lz};
  m.cells = {n, n, nz};
  m.fluid.density_kg_m3 = 1.0;
  m.fluid.viscosity_Pa_s = 0.71;
  m.fluid.conductivity_W_mK = 1.0;
  m.fluid.specific_heat_J_kgK = 1.0;
  m.fluid.expansion_1_K = 1.0;
  m.physics.gravity_m_s2 = {0.0, -Ra * 0.71, 0.0};
  m.physics.reference_T_K = 0.5 + kCelsiusToKelvin;
  for (auto& b : m.boundary) b.type = BoundaryType::wall;
  m.boundary[0].T_K = 1.0 + kCelsiusToKelvin;
  m.boundary[1].T_K = 0.0 + kCelsiusToKelvin;
  if (two_d) {
    m.boundary[4].type = BoundaryType::symmetry;
    m.boundary[5].type = BoundaryType::symmetry;
  }
  return m;
}

// Hot-wall Nusselt number of a solved cavity from its summary.
inline double hot_wall_nusselt(const Model& m, double heat_out_xmin_W) {
  return -heat_out_xmin_W / m.size_m[2];
}

}  // namespace rt::bench
