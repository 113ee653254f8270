#pragma once
// The ventilated box of the energy-balance test (tests/validation/
// test_conduction_and_energy_balance.cpp): an inlet at 20 °C and 0.3 m/s,
// an opening, two powered blocks, buoyancy; on a uniform 40 x 20 x 10 grid.
// Tests that need a small 3-D case with through-flow and conjugate heat
// start from it.

namespace rt {

inline constexpr char kVentilatedBox[] = R"(
[domain]
size_m = [0.2, 0.1, 0.05]
[grid]
cells = [40, 20, 10]
[physics]
reference_T_C = 20.0   # heat is counted relative to this: the inlet air
[boundary.xmin]
type = "inlet"
velocity_m_s = [0.3, 0.0, 0.0]
T_C = 20.0
[boundary.xmax]
type = "opening"
T_C = 20.0
[[block]]
name = "chip"
min_m = [0.04, 0.02, 0.01]
max_m = [0.07, 0.04, 0.04]
conductivity_W_mK = 150.0
density_kg_m3 = 2330.0
specific_heat_J_kgK = 700.0
power_W = 5.0
[[block]]
name = "regulator"
min_m = [0.11, 0.05, 0.0]
max_m = [0.14, 0.08, 0.02]
conductivity_W_mK = 20.0
density_kg_m3 = 3000.0
specific_heat_J_kgK = 800.0
power_W = 10.0
[solver]
max_iterations = 3000
tolerance = 1e-6
)";

}  // namespace rt
