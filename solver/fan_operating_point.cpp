#include "solver/fan_operating_point.hpp"

#include <algorithm>
#include <cmath>

#include "scenarios/model/fan_laws.hpp"
#include "scenarios/model/held_interpolation.hpp"
#include "solver/kernels/energy_k.hpp"
#include "solver/kernels/fan_swirl_k.hpp"

namespace rt {

double fan_curve_pressure(const Fan& fan, double speed, double flow_m3_s) {
  return fan_law_pressure(interpolate_held(fan.curve_flow_m3_s, fan.curve_pressure_Pa,
                                           full_speed_flow(flow_m3_s, speed)),
                          speed);
}

std::vector<double> fan_flows(const Model& model, FlowState& state) {
  std::vector<double> flow(model.fans.size(), 0.0);
  const FlowView v = state.view();
  const Extent& C = state.cells();
  const std::size_t first_fan = model.vents.size();
  auto fan_of = [&](int patch) {
    return patch < static_cast<int>(first_fan) ? -1 : patch - static_cast<int>(first_fan);
  };
  // Fans on the domain faces: flow into the domain.
  for (int f = 0; f < kFaceCount; ++f) {
    const std::vector<std::int16_t>& patch_of = state.patch_map(f);
    if (patch_of.empty()) continue;
    const int a = f / 2, side = f % 2, t1 = (a + 1) % 3, t2 = (a + 2) % 3;
    for (int j2 = 0; j2 < C.n[t2]; ++j2)
      for (int j1 = 0; j1 < C.n[t1]; ++j1) {
        const int fan = fan_of(patch_of[j1 + static_cast<std::size_t>(C.n[t1]) * j2]);
        if (fan < 0) continue;
        int c[3];
        c[a] = side ? C.n[a] - 1 : 0;
        c[t1] = j1;
        c[t2] = j2;
        flow[static_cast<std::size_t>(fan)] -= cell_face_mass_flux(v, c, a, side) / v.props.rho;
      }
  }
  // Fans inside: flow towards +axis.
  state.for_each_internal_patch_face([&](int a, std::size_t q, int patch, double area) {
    const int fan = fan_of(patch);
    if (fan >= 0) flow[static_cast<std::size_t>(fan)] += state.vel[a][q] * area;
  });
  for (std::size_t i = 0; i < model.fans.size(); ++i) {
    const Fan& fan = model.fans[i];
    if (fan.internal_axis ? fan.blow_sign < 0 : !fan.intake) flow[i] = -flow[i];
  }
  return flow;
}

void update_fan_pressures(const Model& model, FlowState& state, double relax) {
  if (model.fans.empty()) return;
  const std::vector<double> flow = fan_flows(model, state);
  const std::size_t first_fan = model.vents.size();
  for (std::size_t i = 0; i < model.fans.size(); ++i) {
    const double now = state.patch(first_fan + i).fan_pressure;
    const double target = fan_curve_pressure(model.fans[i], state.fan_speed(i), flow[i]);
    state.set_fan_pressure(first_fan + i, now + relax * (target - now));
  }
}

namespace {

// Angular momentum flux (N m) of the air leaving each swirling fan, measured
// and ideal (see FanSummary), over the cells of the first layer downstream of
// its disc that the swirl kernel treats as fed by it.
void add_swirl_torques(FlowState& state, std::vector<FanSummary>& out) {
  const FlowView v = state.view();
  if (!v.bc.any_swirl) return;
  const Extent& C = state.cells();
  const MeshView& m = v.mesh;
  const long first_fan = static_cast<long>(state.first_fan_patch());
  for (int k = 0; k < C.n[2]; ++k)
    for (int j = 0; j < C.n[1]; ++j)
      for (int i = 0; i < C.n[0]; ++i) {
        const int c[3] = {i, j, k};
        for (int b = 0; b < 3; ++b) {
          int blow = 0;
          const int patch = swirl_patch_feeding(v, b, c, blow);
          if (patch < 0) continue;
          const std::size_t fan = static_cast<std::size_t>(patch - first_fan);
          const BoundarySpec& spec = v.bc.patches[patch];
          const int t1 = (b + 1) % 3, t2 = (b + 2) % 3;
          int q[3] = {i, j, k};
          q[b] += blow > 0 ? 0 : 1;  // the fan's face upstream of the cell
          const double area = m.width(t1, c[t1]) * m.width(t2, c[t2]);
          const double mdot =
              v.props.rho * blow * v.vel[b][v.faces(b).index(q[0], q[1], q[2])] * area;
          auto centre_velocity = [&](int t) {
            int lo[3] = {i, j, k}, hi[3] = {i, j, k};
            hi[t] += 1;
            const Extent ft = v.faces(t);
            return 0.5 * (v.vel[t][ft.index(lo[0], lo[1], lo[2])] +
                          v.vel[t][ft.index(hi[0], hi[1], hi[2])]);
          };
          const double d1 = m.xc(t1, c[t1]) - spec.swirl_centre[t1];
          const double d2 = m.xc(t2, c[t2]) - spec.swirl_centre[t2];
          // r u_theta, right-handed about the blowing direction blow e_b.
          const double r_u_theta = blow * (d1 * centre_velocity(t2) - d2 * centre_velocity(t1));
          const double sense = spec.swirl_omega > 0.0 ? 1.0 : -1.0;
          out[fan].swirl_torque_N_m += mdot * sense * r_u_theta;
          out[fan].swirl_torque_ideal_N_m +=
              mdot * std::fabs(spec.swirl_omega) * (d1 * d1 + d2 * d2);
        }
      }
}

}  // namespace

std::vector<FanSummary> fan_summaries(const Model& model, FlowState& state) {
  const std::vector<double> flow = fan_flows(model, state);
  std::vector<FanSummary> out;
  for (std::size_t i = 0; i < model.fans.size(); ++i) {
    const Fan& fan = model.fans[i];
    FanSummary fs;
    fs.name = fan.name;
    fs.flow_m3_s = flow[i];
    fs.pressure_Pa = state.patch(model.vents.size() + i).fan_pressure;
    fs.speed_pct = 100.0 * state.fan_speed(i);
    // Near stall: the left third of the curve, where axial fans surge.
    fs.near_stall = flow[i] < state.fan_speed(i) * fan.curve_flow_m3_s.back() / 3.0;
    fs.swirl_fraction = fan.swirl_fraction;
    out.push_back(fs);
  }
  add_swirl_torques(state, out);
  return out;
}

}  // namespace rt
