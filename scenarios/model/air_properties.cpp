// Dry air at 1 atm as a function of temperature.
//
//   density       rho  = p / (R T)                      ideal gas,
//                 p = 101325 Pa, R = 287.05 J/(kg K) (specific gas constant)
//   viscosity     mu   = mu0 (T/T0)^(3/2) (T0 + S) / (T + S)   Sutherland's law,
//                 mu0 = 1.716e-5 Pa s, T0 = 273.15 K, S = 110.4 K
//   conductivity  k    = k0 (T/T0)^(3/2) (T0 + S) / (T + S)    Sutherland form,
//                 k0 = 0.0241 W/(m K), T0 = 273.15 K, S = 194 K
//   heat capacity cp   = 1006 J/(kg K)   (varies < 1 % between 0 and 100 °C)
//   expansion     beta = 1 / T           (ideal gas at constant pressure)
//
// Source: F. M. White, Viscous Fluid Flow, 3rd ed., McGraw-Hill 2006,
// Sutherland constants for air in Tables 1-2 (viscosity) and 1-3
// (conductivity); S = 110.4 K is the usual refinement of White's 111 K.
// Within 0-100 °C these agree with tabulated air data to about 1 %, which is
// well inside what a PC-case model can resolve; at 25 °C they give
// rho = 1.184 kg/m3, mu = 1.84e-5 Pa s, k = 0.0261 W/(m K), Pr = 0.71.

#include "scenarios/model/air_properties.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace rt {
namespace {

constexpr double kAtmosphere_Pa = 101325.0;
constexpr double kGasConstantAir_J_kgK = 287.05;
constexpr double kSutherlandT0_K = 273.15;
constexpr double kViscosityT0_Pa_s = 1.716e-5;
constexpr double kViscosityS_K = 110.4;
constexpr double kConductivityT0_W_mK = 0.0241;
constexpr double kConductivityS_K = 194.0;
constexpr double kSpecificHeat_J_kgK = 1006.0;

double sutherland(double value_T0, double S_K, double T_K) {
  return value_T0 * std::pow(T_K / kSutherlandT0_K, 1.5) * (kSutherlandT0_K + S_K) / (T_K + S_K);
}

}  // namespace

FluidProperties dry_air_at(double T_K) {
  if (!(T_K > 0.0) || !std::isfinite(T_K)) {
    throw std::invalid_argument(
        "dry_air_at: temperature must be a positive number of kelvin, got " + std::to_string(T_K));
  }
  FluidProperties air;
  air.density_kg_m3 = kAtmosphere_Pa / (kGasConstantAir_J_kgK * T_K);
  air.viscosity_Pa_s = sutherland(kViscosityT0_Pa_s, kViscosityS_K, T_K);
  air.conductivity_W_mK = sutherland(kConductivityT0_W_mK, kConductivityS_K, T_K);
  air.specific_heat_J_kgK = kSpecificHeat_J_kgK;
  air.expansion_1_K = 1.0 / T_K;
  return air;
}

}  // namespace rt
