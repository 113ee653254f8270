#pragma once
// Fans on their curves. A fan's pressure rise is not an input: each outer
// iteration measures the flow through the fan's patch and moves the rise
// towards the curve's pressure at that flow (under-relaxed), so the
// operating point settles where the fan curve meets the system's resistance.
// Fan laws scale the curve with speed s: Q = s Q_1, dp = s^2 dp_1. The curve
// is held to its range: below zero flow (air forced backwards) the rise is
// the shut-off pressure, beyond free delivery it is zero (no suction).

#include <vector>

#include "scenarios/model/model.hpp"
#include "scenarios/model/summary.hpp"
#include "solver/flow_state.hpp"

namespace rt {

// Pressure rise (Pa) of the fan at volumetric flow Q (m3/s) along its
// blowing direction, at speed s (fraction of full).
double fan_curve_pressure(const Fan& fan, double speed, double flow_m3_s);

// Flow (m3/s) through each fan along its blowing direction (face fans:
// into the domain for intakes, out of it for exhausts).
std::vector<double> fan_flows(const Model& model, FlowState& state);

// Moves every fan's pressure rise a fraction `relax` towards its curve.
void update_fan_pressures(const Model& model, FlowState& state, double relax);

std::vector<FanSummary> fan_summaries(const Model& model, FlowState& state);

}  // namespace rt
