#pragma once
// What leaves the domain through the boundary side of one cell: mass (kg/s)
// and heat (W, relative to the reference temperature), positive outward.
// Convection carries the upwind temperature (the cell's own when leaving,
// the boundary's when entering), plus conduction to the outside air at
// inlets and openings; fixed-temperature walls conduct over the half cell, heat-flux walls let q A
// in. Same face treatment as energy_k.hpp, so a converged solution balances these totals against
// the sources.

#include "solver/flow_view.hpp"
#include "solver/kernels/energy_k.hpp"

namespace rt {

struct BoundaryOutflow {
  double mass_kg_s = 0;
  double heat_W = 0;
};

RT_HOST_DEVICE inline BoundaryOutflow boundary_outflow(const FlowView& v, const int c[3], int a,
                                                       int side) {
  const MeshView& m = v.mesh;
  const int f = domain_face(a, side);
  const std::size_t P = m.cells.index(c[0], c[1], c[2]);
  BoundaryOutflow out;
  out.mass_kg_s = cell_face_mass_flux(v, c, a, side);
  const BoundarySpec& b = boundary_at(v, f, c);
  const double T_upwind = out.mass_kg_s > 0.0 ? v.T[P] : b.T;
  out.heat_W = out.mass_kg_s * v.props.cp * (T_upwind - v.props.T_ref);
  if (b.kind == kInlet || b.kind == kOpening)
    out.heat_W += opening_conductance(v, c, a, side, v.props.cp * out.mass_kg_s) * (v.T[P] - b.T);
  if (b.kind == kWall) {
    if (b.has_T) {
      out.heat_W += wall_conductance(v, b, c, a, side) * (v.T[P] - b.T);
    } else {
      const double area =
          m.width((a + 1) % 3, c[(a + 1) % 3]) * m.width((a + 2) % 3, c[(a + 2) % 3]);
      out.heat_W -= b.heat_flux * area;
    }
  }
  return out;
}

}  // namespace rt
