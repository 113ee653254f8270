#pragma once
// Fans whose speed follows a temperature (Fan::control): a GPU's fans on its
// die temperature, a case fan's PWM curve on a sensor. Each outer iteration
// reads the sensor — a porous block's die (die_model.hpp) or the air at a
// monitor — and moves the fan's speed part of the way to the curve's speed
// there, so a starved card spins up as a real one does and flow, heat and
// speed settle together.

#include <vector>

#include "scenarios/model/model.hpp"
#include "solver/die_model.hpp"
#include "solver/flow_state.hpp"

namespace rt {

// Speed fraction of the control curve at temperature T (interpolated, held
// at the curve's ends).
double fan_control_speed(const FanControl& control, double T_K);

// The sensor temperature of a controlled fan now (K). Throws
// std::invalid_argument when the sensor names no die model or monitor.
double fan_sensor_temperature(const Model& model, FlowState& state, const FanControl& control,
                              const std::vector<DieReading>& dies);

// Moves every controlled fan's speed a fraction `relax` towards its curve.
// Returns the largest change of speed (fraction of full).
double update_fan_speeds(const Model& model, FlowState& state, const std::vector<DieReading>& dies,
                         double relax);

}  // namespace rt
