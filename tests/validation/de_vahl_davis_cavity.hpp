#pragma once
// The de Vahl Davis (1983) differentially heated square cavity, Pr = 0.71,
// as a generic scenario in nondimensional form: L = 1, rho = cp = k = 1
// (alpha = 1), mu = Pr, beta = 1, dT = 1 and g = Ra Pr, so velocities come
// out in units of alpha/L as in the paper and the hot-wall Nusselt number is
// the heat entering through xmin per unit depth. 2-D: one cell deep between
// symmetry planes. `solver_keys` go into its [solver] table.

#include <fmt/format.h>

#include <string>

namespace rt::validation {

inline std::string de_vahl_davis_cavity(double Ra, int n, const std::string& solver_keys) {
  return fmt::format(R"(
[domain]
size_m = [1.0, 1.0, {dz}]
[grid]
cells = [{n}, {n}, 1]
[fluid]
density_kg_m3 = 1.0
viscosity_Pa_s = 0.71
conductivity_W_mK = 1.0
specific_heat_J_kgK = 1.0
expansion_1_K = 1.0
[physics]
gravity_m_s2 = [0.0, {g}, 0.0]
reference_T_C = 0.5
[boundary.xmin]
type = "wall"
T_C = 1.0
[boundary.xmax]
type = "wall"
T_C = 0.0
[boundary.zmin]
type = "symmetry"
[boundary.zmax]
type = "symmetry"
[solver]
{solver}
)",
                     fmt::arg("dz", 1.0 / n), fmt::arg("n", n), fmt::arg("g", -Ra * 0.71),
                     fmt::arg("solver", solver_keys));
}

}  // namespace rt::validation
