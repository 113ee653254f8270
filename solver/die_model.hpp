#pragma once
// The chip under a porous heat sink (PorousBlock's die model) and its
// throttling, evaluated on the current flow:
//
//   T_die = T_air,in + P R(Q),  R(Q) = R_ref (Q_ref / Q)^n
//
// with T_air,in the flow-weighted temperature of the air entering the block
// and Q the flow through it. A part with a throttle temperature holds its
// die there by lowering its power (clock and voltage, as GPU Boost does):
// P = (T_throttle - T_air,in) / R(Q), within [min_power_fraction, 1] of its
// full power. The solver moves each block's power towards that value every
// outer iteration (under-relaxed), so the power, the heat in the air and the
// flow settle together.
//
// Sustained performance from power: dynamic power goes as f V^2 and, along a
// GPU's voltage-frequency curve, V roughly with f, so P ~ f^3 and the clock
// (performance) ~ (P / P_full)^(1/3). An estimate: it gives -5 % at 85 % power
// and -11 % at 70 %, in line with reviewers' power-limit sweeps of recent
// GPUs, and is optimistic at deep throttling where the voltage floor is hit.

#include <cstdint>
#include <vector>

#include "scenarios/model/model.hpp"
#include "solver/flow_state.hpp"

namespace rt {

struct DieReading {
  bool valid = false;    // the block has a die model
  double inlet_T_K = 0;  // flow-weighted air temperature entering the heat sink
  double flow_m3_s = 0;  // through the heat sink
  double T_die_K = 0;    // at the block's current power
  double power_W = 0;    // current (after throttling)
};

// R(Q) in K/W; infinite when no air passes (the model has no finite answer).
double die_resistance(const PorousBlock& block, double flow_m3_s);

// Every porous block's reading (invalid for blocks without a die model).
std::vector<DieReading> read_dies(const Model& model, FlowState& state);

// The power porous block `block` would settle at to hold its die at the
// throttle temperature, given the air it gets now (its full power when it
// has no throttle or stays below it).
double throttled_power(const PorousBlock& block, const DieReading& die);

// Moves each throttling block's power a fraction `relax` towards
// throttled_power. Returns the largest relative change of power.
double update_throttling(const Model& model, FlowState& state, const std::vector<DieReading>& dies,
                         double relax);

// Sustained performance (fraction of full speed) at a power fraction.
double sustained_performance(double power_fraction);

}  // namespace rt
