#pragma once
// Properties of dry air at atmospheric pressure, used for every [fluid]
// property a scenario leaves out (evaluated at the reference temperature).

#include "scenarios/model/model.hpp"

namespace rt {

// Dry air at 1 atm and temperature T_K (> 0, in K). Throws
// std::invalid_argument for a non-positive or non-finite temperature.
FluidProperties dry_air_at(double T_K);

}  // namespace rt
