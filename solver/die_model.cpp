#include "solver/die_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "scenarios/model/die_resistance.hpp"
#include "solver/kernels/energy_k.hpp"

namespace rt {
namespace {

struct Intake {
  double mass_kg_s = 0;
  double T_K = 0;
};

// Air entering the cells of porous block p from outside them: mass flow and
// flow-weighted temperature, upwind values as the energy equation has them
// (the neighbour cell's, or the boundary's for air from outside).
Intake intake_of(FlowState& state, std::size_t p) {
  const FlowView v = state.view();
  const Extent& C = state.cells();
  const std::int32_t id = -static_cast<std::int32_t>(p + 1);
  double mass = 0.0, mass_T = 0.0;
  for (std::size_t cell : state.porous_cells(p)) {
    const int c[3] = {static_cast<int>(cell % C.n[0]), static_cast<int>((cell / C.n[0]) % C.n[1]),
                      static_cast<int>(cell / (static_cast<std::size_t>(C.n[0]) * C.n[1]))};
    for (int a = 0; a < 3; ++a)
      for (int side = 0; side < 2; ++side) {
        const double F = cell_face_mass_flux(v, c, a, side);  // outward
        if (F >= 0.0) continue;
        int n[3] = {c[0], c[1], c[2]};
        n[a] += side ? 1 : -1;
        double T_in;
        if (n[a] < 0 || n[a] >= C.n[a]) {
          T_in = boundary_at(v, domain_face(a, side), c).T;
        } else {
          const std::size_t N = C.index(n[0], n[1], n[2]);
          if (state.material[N] == id) continue;  // inside the block
          T_in = state.T[N];
        }
        mass += -F;
        mass_T += -F * T_in;
      }
  }
  return {mass, mass > 0.0 ? mass_T / mass : 0.0};
}

}  // namespace

double die_resistance(const PorousBlock& block, double flow_m3_s) {
  return die_resistance_K_W(*block.die_resistance_K_W, block.die_reference_flow_m3_s,
                            block.die_flow_exponent, flow_m3_s);
}

std::vector<DieReading> read_dies(const Model& model, FlowState& state) {
  std::vector<DieReading> out(model.porous.size());
  for (std::size_t p = 0; p < model.porous.size(); ++p) {
    const PorousBlock& block = model.porous[p];
    if (!block.die_resistance_K_W) continue;
    const Intake in = intake_of(state, p);
    DieReading& d = out[p];
    d.valid = true;
    d.flow_m3_s = in.mass_kg_s / state.props.rho;
    d.inlet_T_K = in.T_K;
    d.power_W = state.porous_power(p);
    d.T_die_K = d.inlet_T_K + d.power_W * die_resistance(block, d.flow_m3_s);
  }
  return out;
}

double throttled_power(const PorousBlock& block, const DieReading& die) {
  if (!die.valid || !block.throttle_K) return block.power_W;
  const double R = die_resistance(block, die.flow_m3_s);
  const double hold = std::isfinite(R) ? (*block.throttle_K - die.inlet_T_K) / R : 0.0;
  return std::clamp(hold, block.min_power_fraction * block.power_W, block.power_W);
}

double update_throttling(const Model& model, FlowState& state, const std::vector<DieReading>& dies,
                         double relax) {
  double largest = 0.0;
  for (std::size_t p = 0; p < model.porous.size(); ++p) {
    const PorousBlock& block = model.porous[p];
    if (!dies[p].valid || !block.throttle_K || block.power_W <= 0.0) continue;
    const double now = state.porous_power(p);
    const double next = now + relax * (throttled_power(block, dies[p]) - now);
    largest = std::max(largest, std::fabs(next - now) / block.power_W);
    state.set_porous_power(p, next);
  }
  return largest;
}

double sustained_performance(double power_fraction) {
  return std::cbrt(std::clamp(power_fraction, 0.0, 1.0));
}

}  // namespace rt
