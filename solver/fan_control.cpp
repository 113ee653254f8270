#include "solver/fan_control.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "scenarios/model/held_interpolation.hpp"

namespace rt {

double fan_control_speed(const FanControl& control, double T_K) {
  return interpolate_held(control.T_K, control.speed_fraction, T_K);
}

double fan_sensor_temperature(const Model& model, FlowState& state, const FanControl& control,
                              const std::vector<DieReading>& dies) {
  for (std::size_t p = 0; p < model.porous.size(); ++p)
    if (model.porous[p].name == control.sensor && dies[p].valid) return dies[p].T_die_K;
  for (const Monitor& m : model.monitors)
    if (m.name == control.sensor) return state.T[state.grid().cell_at(m.position_m)];
  throw std::invalid_argument("fan control sensor '" + control.sensor +
                              "' is neither a porous block with a die model nor a monitor");
}

double update_fan_speeds(const Model& model, FlowState& state, const std::vector<DieReading>& dies,
                         double relax) {
  double largest = 0.0;
  for (std::size_t i = 0; i < model.fans.size(); ++i) {
    const Fan& fan = model.fans[i];
    if (!fan.control) continue;
    const double T = fan_sensor_temperature(model, state, *fan.control, dies);
    // A die with no air through it reads infinite: full speed.
    const double target =
        std::isfinite(T) ? fan_control_speed(*fan.control, T) : fan.control->speed_fraction.back();
    const double now = state.fan_speed(i);
    const double next = now + relax * (target - now);
    largest = std::max(largest, std::fabs(next - now));
    state.set_fan_speed(i, next);
  }
  return largest;
}

}  // namespace rt
