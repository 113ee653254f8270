#include "solver/flow_state.hpp"

#include <stdexcept>
#include <string>

#include "geometry/voxelize.hpp"

namespace rt {

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

  material = voxelize_blocks(grid, model.blocks);
  const auto block_cells = count_block_cells(material, model.blocks.size());
  for (std::size_t b = 0; b < model.blocks.size(); ++b)
    if (block_cells[b] == 0)
      throw std::invalid_argument("block '" + model.blocks[b].name +
                                  "' is thinner than one cell and covers no cell centre; "
                                  "refine [grid] cells or enlarge the block");

  conductivity.assign(n, model.fluid.conductivity_W_mK);
  heat_source.assign(n, 0.0);
  for (std::size_t c = 0; c < n; ++c) {
    const std::int32_t m = material[c];
    if (m == 0) {
      ++fluid_cells_;
      continue;
    }
    const Block& blk = model.blocks[static_cast<std::size_t>(m - 1)];
    conductivity[c] = blk.conductivity_W_mK;
  }
  // Power per unit volume of the cells a block actually covers, so the
  // total released is exactly the block's power on any grid.
  for (std::size_t b = 0; b < model.blocks.size(); ++b) {
    double volume = 0.0;
    for (int k = 0; k < cells_.n[2]; ++k)
      for (int j = 0; j < cells_.n[1]; ++j)
        for (int i = 0; i < cells_.n[0]; ++i)
          if (material[cells_.index(i, j, k)] == static_cast<std::int32_t>(b + 1))
            volume += grid.width(0, i) * grid.width(1, j) * grid.width(2, k);
    const double q = model.blocks[b].power_W / volume;
    for (std::size_t c = 0; c < n; ++c)
      if (material[c] == static_cast<std::int32_t>(b + 1)) heat_source[c] = q;
  }

  props.rho = model.fluid.density_kg_m3;
  props.mu = model.fluid.viscosity_Pa_s;
  props.cp = model.fluid.specific_heat_J_kgK;
  props.beta = model.fluid.expansion_1_K;
  for (int a = 0; a < 3; ++a) props.g[a] = model.physics.gravity_m_s2[a];
  props.T_ref = model.physics.reference_T_K;

  bool fixed_temperature = false, heat_input = false;
  for (const Block& b : model.blocks) heat_input = heat_input || b.power_W != 0.0;
  for (int f = 0; f < kFaceCount; ++f) {
    const Boundary& B = model.boundary[f];
    bc.kind[f] = static_cast<int>(B.type);
    for (int a = 0; a < 3; ++a) bc.velocity[f][a] = B.velocity_m_s[a];
    bc.has_T[f] = B.type == BoundaryType::wall && B.T_K.has_value();
    bc.T[f] = B.T_K.value_or(model.physics.reference_T_K);
    bc.heat_flux[f] = B.heat_flux_W_m2.value_or(0.0);
    bc.pressure[f] = B.pressure_Pa;
    has_opening_ = has_opening_ || B.type == BoundaryType::opening;
    fixed_temperature = fixed_temperature || bc.has_T[f] || B.type == BoundaryType::inlet ||
                        B.type == BoundaryType::opening;
    heat_input = heat_input || bc.heat_flux[f] != 0.0;
  }
  if (heat_input && !fixed_temperature)
    throw std::invalid_argument(
        "no steady state: heat is released but cannot leave the domain; give a boundary a fixed "
        "temperature (wall T_C) or let air through it (inlet or opening)");
  energy_active_ = heat_input || fixed_temperature;

  for (int a = 0; a < 3; ++a) {
    const std::size_t nf = face_extent(cells_, a).size();
    vel[a].assign(nf, 0.0);
    d[a].assign(nf, 0.0);
    face_state[a].assign(nf, kFaceFixed);
  }
  set_face_states(model);
  p.assign(n, 0.0);
  T.assign(n, model.physics.reference_T_K);
}

void FlowState::set_face_states(const Model& model) {
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
            if (c[a] >= 0 && c[a] < na && material[cells_.index(c[0], c[1], c[2])] != 0)
              touches_solid = true;
          }
          if (touches_solid) continue;  // fixed at zero: a solid surface
          if (q[a] > 0 && q[a] < na) {
            face_state[a][f] = kFaceFree;
            continue;
          }
          const Boundary& B = model.boundary[2 * a + (q[a] == na ? 1 : 0)];
          if (B.type == BoundaryType::opening) face_state[a][f] = kFaceFree;
          if (B.type == BoundaryType::inlet) vel[a][f] = B.velocity_m_s[a];
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
  v.mesh.conductivity = conductivity.data();
  v.mesh.heat_source = heat_source.data();
  v.bc = bc;
  v.props = props;
  v.p = p.data();
  v.T = T.data();
  return v;
}

}  // namespace rt
