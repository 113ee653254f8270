#include "solver/flow_state.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>

#include "scenarios/model/fan_laws.hpp"
#include "solver/kernels/turbulence_k.hpp"
#include "solver/model_placement.hpp"

namespace rt {

namespace {
constexpr double kPi = 3.14159265358979323846;
}  // namespace

static_assert(static_cast<int>(Turbulence::laminar) == kLaminar &&
                  static_cast<int>(Turbulence::lvel) == kLvel &&
                  static_cast<int>(Turbulence::zero_equation) == kZeroEquation,
              "kernels/turbulence_k.hpp numbers the models as scenarios/model/model.hpp does");

double pressure_driven_speed(const Model& model) {
  // The largest pressure difference that can drive air: a fan's shut-off
  // rise, or the spread of the outside pressures at openings, vents and fans.
  double dp = 0.0, p_min = 0.0, p_max = 0.0;
  bool any_outside = false;
  auto outside = [&](double p) {
    p_min = any_outside ? std::min(p_min, p) : p;
    p_max = any_outside ? std::max(p_max, p) : p;
    any_outside = true;
  };
  for (const Boundary& b : model.boundary)
    if (b.type == BoundaryType::opening) outside(b.pressure_Pa);
  for (const Vent& v : model.vents) outside(v.pressure_Pa);
  for (const Fan& f : model.fans) {
    outside(f.pressure_Pa);
    dp = std::max(dp, fan_law_pressure(f.curve_pressure_Pa.front(), f.speed_fraction));
  }
  dp = std::max(dp, p_max - p_min);
  return std::sqrt(2.0 * dp / model.fluid.density_kg_m3);
}

FlowState::FlowState(const Model& model, const Grid& grid) : grid_(grid) {
  for (int a = 0; a < 3; ++a) cells_.n[a] = grid.cells(a);
  const std::size_t n = cells_.size();

  for (int a = 0; a < 3; ++a) {
    const int na = cells_.n[a];
    centre_ext_[a].resize(static_cast<std::size_t>(na) + 2);
    centre_ext_[a][0] = grid.edges[a].front();
    for (int i = 0; i < na; ++i) centre_ext_[a][i + 1] = grid.centre(a, i);
    centre_ext_[a][na + 1] = grid.edges[a].back();
  }

  ModelPlacement placed = place_model(model, grid);
  material = std::move(placed.material);
  patch_of_ = std::move(placed.patch_of);
  internal_patch_of_ = std::move(placed.internal_patch_of);
  closed_faces_ = std::move(placed.closed_faces);

  for (std::size_t p = 0; p < model.porous.size(); ++p) {
    const PorousBlock& pb = model.porous[p];
    PorousProps pp{};
    for (int a = 0; a < 3; ++a) {
      pp.closed[a] = pb.permeability_m2[a] <= 0.0;
      pp.viscous[a] = pp.closed[a] ? 0.0 : model.fluid.viscosity_Pa_s / pb.permeability_m2[a];
      pp.inertial[a] = 0.5 * model.fluid.density_kg_m3 * pb.inertial_coefficient_1_m[a];
    }
    porous_props_.push_back(pp);
  }

  conductivity.assign(n, model.fluid.conductivity_W_mK);
  heat_source.assign(n, 0.0);
  heat_capacity.assign(n, model.fluid.density_kg_m3 * model.fluid.specific_heat_J_kgK);
  for (std::size_t c = 0; c < n; ++c) {
    const std::int32_t m = material[c];
    if (m <= 0) ++fluid_cells_;
    if (m > 0) {
      const Block& b = model.blocks[static_cast<std::size_t>(m - 1)];
      conductivity[c] = b.conductivity_W_mK;
      heat_capacity[c] = b.density_kg_m3 * b.specific_heat_J_kgK;
    }
    if (m < 0) conductivity[c] = model.porous[static_cast<std::size_t>(-m - 1)].conductivity_W_mK;
  }
  // Power (and fin heat capacity) per unit volume of the cells a block
  // actually covers, so the total is exactly the block's on any grid.
  auto cells_of = [&](std::int32_t id, double& volume) {
    std::vector<std::size_t> list;
    volume = 0.0;
    for (int k = 0; k < cells_.n[2]; ++k)
      for (int j = 0; j < cells_.n[1]; ++j)
        for (int i = 0; i < cells_.n[0]; ++i) {
          const std::size_t c = cells_.index(i, j, k);
          if (material[c] != id) continue;
          list.push_back(c);
          volume += grid.width(0, i) * grid.width(1, j) * grid.width(2, k);
        }
    return list;
  };
  for (std::size_t b = 0; b < model.blocks.size(); ++b) {
    double volume = 0.0;
    for (std::size_t c : cells_of(static_cast<std::int32_t>(b + 1), volume))
      heat_source[c] = model.blocks[b].power_W / volume;
  }
  porous_volume_.assign(model.porous.size(), 0.0);
  porous_power_.assign(model.porous.size(), 0.0);
  for (std::size_t p = 0; p < model.porous.size(); ++p) {
    porous_cells_.push_back(cells_of(-static_cast<std::int32_t>(p + 1), porous_volume_[p]));
    set_porous_power(p, model.porous[p].power_W);
    if (model.porous[p].heat_capacity_J_K > 0.0)
      for (std::size_t c : porous_cells_[p])
        heat_capacity[c] += model.porous[p].heat_capacity_J_K / porous_volume_[p];
  }
  for (const Fan& fan : model.fans) fan_speed_.push_back(fan.speed_fraction);

  props.rho = model.fluid.density_kg_m3;
  props.mu = model.fluid.viscosity_Pa_s;
  props.cp = model.fluid.specific_heat_J_kgK;
  props.beta = model.fluid.expansion_1_K;
  for (int a = 0; a < 3; ++a) props.g[a] = model.physics.gravity_m_s2[a];
  props.T_ref = model.physics.reference_T_K;
  props.pressure_driven_speed = pressure_driven_speed(model);

  for (int f = 0; f < kFaceCount; ++f) {
    const Boundary& B = model.boundary[f];
    BoundarySpec& spec = face_specs_[f];
    spec.kind = static_cast<int>(B.type);
    for (int a = 0; a < 3; ++a) spec.velocity[a] = B.velocity_m_s[a];
    spec.has_T = B.type == BoundaryType::wall && B.T_K.has_value();
    spec.wall_U = B.heat_transfer_coefficient_W_m2K;
    spec.T = B.T_K.value_or(model.physics.reference_T_K);
    spec.heat_flux = B.heat_flux_W_m2.value_or(0.0);
    spec.pressure = B.pressure_Pa;
    spec.loss_coefficient = 0.0;
    has_opening_ = has_opening_ || B.type == BoundaryType::opening;
  }
  set_patch_specs(model);
  if (!model.vents.empty() || !model.fans.empty()) has_opening_ = true;
  check_heat_can_leave(model);
  const HeatPaths heat = heat_paths(model);
  energy_active_ = heat.heat_input || heat.fixed_temperature;

  for (int a = 0; a < 3; ++a) {
    const std::size_t nf = face_extent(cells_, a).size();
    vel[a].assign(nf, 0.0);
    d[a].assign(nf, 0.0);
    face_state[a].assign(nf, kFaceFixed);
  }
  set_face_states();
  // A round fan's hub and frame inside the domain: solid.
  for (const ClosedFace& f : closed_faces_) {
    face_state[f.axis][f.index] = kFaceFixed;
    vel[f.axis][f.index] = 0.0;
  }
  p.assign(n, 0.0);
  T.assign(n, model.physics.reference_T_K);
  turbulence_model_ = static_cast<int>(model.physics.turbulence);
  if (turbulence_model_ != kLaminar) {
    wall_distance.assign(n, 0.0);
    wall_layer_thickness.assign(n, 0.0);
    mu_eff.assign(n, props.mu);
    mu_wall.assign(n, props.mu);
    if (turbulence_model_ == kLvel) {
      law_u_plus.assign(n, 0.0);
      law_y_plus.assign(n, 0.0);
    }
  }
}

void FlowState::begin_time_step(double dt, double a0, double a1, double a2) {
  if (history_.T_n.empty()) {
    history_.T_n = T;
    history_.p_n = p;
    for (int a = 0; a < 3; ++a) history_.vel_n[a] = vel[a];
  }
  // n-1 <- n, then n <- the current fields (the end of the previous step).
  std::swap(history_.T_nm1, history_.T_n);
  history_.T_n = T;
  history_.p_n = p;
  for (int a = 0; a < 3; ++a) {
    std::swap(history_.vel_nm1[a], history_.vel_n[a]);
    history_.vel_n[a] = vel[a];
  }
  time_.inv_dt = 1.0 / dt;
  time_.a0 = a0;
  time_.a1 = a1;
  time_.a2 = a2;
}

void FlowState::set_previous_time_level(const std::vector<double>& T_prev,
                                        const std::array<std::vector<double>, 3>& vel_prev) {
  history_.T_n = T_prev;
  history_.T_nm1 = T_prev;
  history_.p_n = p;
  for (int a = 0; a < 3; ++a) {
    history_.vel_n[a] = vel_prev[a];
    history_.vel_nm1[a] = vel_prev[a];
  }
}

void FlowState::restore_time_level() {
  if (history_.T_n.empty()) return;
  T = history_.T_n;
  p = history_.p_n;
  for (int a = 0; a < 3; ++a) vel[a] = history_.vel_n[a];
}

void FlowState::set_patch_specs(const Model& model) {
  // Patches: the vents, then the fans (patch index = vents + fan index).
  first_fan_patch_ = model.vents.size();
  for (const Vent& vent : model.vents) {
    BoundarySpec spec{};
    spec.kind = kOpening;
    spec.T = vent.T_K;
    spec.pressure = vent.pressure_Pa;
    spec.loss_coefficient = vent.loss_coefficient;
    patch_specs_.push_back(spec);
  }
  for (const Fan& fan : model.fans) {
    BoundarySpec spec{};
    spec.kind = kOpening;
    spec.T = fan.T_K;
    spec.pressure = fan.pressure_Pa;
    spec.fan_direction = fan.internal_axis ? fan.blow_sign : (fan.intake ? 1 : -1);
    // Swirl (kernels/fan_swirl_k.hpp): the rectangle is the square around the
    // disc, so its middle is the disc's centre.
    const double omega_full = fan.swirl_sign * fan.swirl_fraction * 2.0 * kPi * fan.rpm / 60.0;
    fan_swirl_omega_.push_back(omega_full);
    spec.swirl_omega = omega_full * fan.speed_fraction;
    for (int a = 0; a < 3; ++a) spec.swirl_centre[a] = 0.5 * (fan.min_m[a] + fan.max_m[a]);
    spec.swirl_r_hub = 0.5 * fan.hub_diameter_m;
    spec.swirl_r_tip = 0.5 * fan.diameter_m;
    any_swirl_ = any_swirl_ || spec.swirl_omega != 0.0;
    patch_specs_.push_back(spec);
  }
}

void FlowState::set_fan_speed(std::size_t fan, double fraction) {
  fan_speed_[fan] = fraction;
  patch_specs_[first_fan_patch_ + fan].swirl_omega = fan_swirl_omega_[fan] * fraction;
}

void FlowState::set_porous_power(std::size_t p, double power_W) {
  porous_power_[p] = power_W;
  for (std::size_t c : porous_cells_[p]) heat_source[c] = power_W / porous_volume_[p];
}

// The boundary condition on the face of axis a at face index q (a boundary face).
const BoundarySpec& FlowState::boundary_of_face(int a, const int q[3]) const {
  int c[3] = {q[0], q[1], q[2]};
  const int side = q[a] == cells_.n[a] ? 1 : 0;
  if (side) c[a] = cells_.n[a] - 1;
  const int f = 2 * a + side;
  if (!patch_of_[f].empty()) {
    const int t1 = (a + 1) % 3, t2 = (a + 2) % 3;
    const int p = patch_of_[f][c[t1] + static_cast<std::size_t>(cells_.n[t1]) * c[t2]];
    if (p >= 0) return patch_specs_[static_cast<std::size_t>(p)];
  }
  return face_specs_[f];
}

void FlowState::set_face_states() {
  for (int a = 0; a < 3; ++a) {
    const Extent fe = face_extent(cells_, a);
    const int na = cells_.n[a];
    for (int k = 0; k < fe.n[2]; ++k)
      for (int j = 0; j < fe.n[1]; ++j)
        for (int i = 0; i < fe.n[0]; ++i) {
          const int q[3] = {i, j, k};
          const std::size_t f = fe.index(i, j, k);
          bool touches_solid = false;
          for (int side = 0; side < 2; ++side) {
            int c[3] = {i, j, k};
            c[a] = q[a] - 1 + side;
            if (c[a] < 0 || c[a] >= na) continue;
            const std::int32_t mat = material[cells_.index(c[0], c[1], c[2])];
            // A solid cell, or a porous one whose fins close this axis.
            if (mat > 0 || (mat < 0 && porous_props_[static_cast<std::size_t>(-mat - 1)].closed[a]))
              touches_solid = true;
          }
          if (touches_solid) continue;  // fixed at zero: a solid surface
          if (q[a] > 0 && q[a] < na) {
            face_state[a][f] = kFaceFree;
            continue;
          }
          const BoundarySpec& B = boundary_of_face(a, q);
          if (B.kind == kOpening) face_state[a][f] = kFaceFree;
          if (B.kind == kInlet) vel[a][f] = B.velocity[a];
        }
  }
}

FlowView FlowState::view() {
  FlowView v{};
  v.mesh.cells = cells_;
  for (int a = 0; a < 3; ++a) {
    v.mesh.edge[a] = grid_.edges[a].data();
    v.mesh.centre[a] = centre_ext_[a].data();
    v.vel[a] = vel[a].data();
    v.face_state[a] = face_state[a].data();
    v.d[a] = d[a].data();
  }
  v.mesh.material = material.data();
  v.mesh.porous = porous_props_.data();
  v.mesh.conductivity = conductivity.data();
  v.mesh.heat_source = heat_source.data();
  for (int a = 0; a < 3; ++a)
    v.bc.internal_patch_of[a] =
        internal_patch_of_[a].empty() ? nullptr : internal_patch_of_[a].data();
  v.mesh.heat_capacity = heat_capacity.data();
  v.time = time_;
  if (!history_.T_n.empty()) {
    v.time.T_n = history_.T_n.data();
    v.time.T_nm1 = history_.T_nm1.data();
    for (int a = 0; a < 3; ++a) {
      v.time.vel_n[a] = history_.vel_n[a].data();
      v.time.vel_nm1[a] = history_.vel_nm1[a].data();
    }
  }
  for (int f = 0; f < kFaceCount; ++f) {
    v.bc.face[f] = face_specs_[f];
    v.bc.patch_of[f] = patch_of_[f].empty() ? nullptr : patch_of_[f].data();
  }
  v.bc.patches = patch_specs_.data();
  v.bc.any_swirl = any_swirl_ ? 1 : 0;
  v.props = props;
  v.p = p.data();
  v.T = T.data();
  v.mu_eff = mu_eff.empty() ? nullptr : mu_eff.data();
  v.mu_wall = mu_wall.empty() ? nullptr : mu_wall.data();
  v.law_u_plus = law_u_plus.empty() ? nullptr : law_u_plus.data();
  v.law_y_plus = law_y_plus.empty() ? nullptr : law_y_plus.data();
  return v;
}

}  // namespace rt
