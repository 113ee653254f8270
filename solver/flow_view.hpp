#pragma once
// Light, copyable views of everything a per-point physics function reads or
// writes: the mesh, material properties, boundary conditions and the flow
// fields. Built on the host by FlowState (flow_state.hpp); passed by value
// into OpenMP loops today and into CUDA kernels later.
//
// Where quantities live (MAC staggering, see solver/README.md):
//   p, T, material, conductivity, heat source: cell centres, Extent `cells`;
//   vel[a], face_state[a], d[a]: faces normal to axis a, Extent face_extent(cells, a);
//   face (i,j,k) of axis a lies at edge[a][i_a], between cells i_a-1 and i_a.

#include <cstdint>

#include "solver/core/extent.hpp"
#include "solver/core/host_device.hpp"

namespace rt {

// Face status: a free face carries an unknown velocity (momentum is solved);
// a fixed face keeps the value stored in vel (walls, inlets, solid surfaces).
enum FaceState : std::uint8_t { kFaceFree = 0, kFaceFixed = 1 };

// Boundary kinds as the kernels see them (same order as rt::BoundaryType).
enum BoundaryKind : int { kWall = 0, kSymmetry = 1, kInlet = 2, kOpening = 3 };

struct BoundaryTable {
  int kind[6];
  double velocity[6][3];  // wall / inlet velocity, m/s
  double T[6];            // fixed wall T, inlet T, or T of air entering an opening; K
  int has_T[6];           // walls: 1 when the temperature is fixed
  double heat_flux[6];    // walls: W/m2 into the domain
  double pressure[6];     // openings: gauge Pa
};

struct Props {
  double rho;    // kg/m3
  double mu;     // Pa s
  double cp;     // J/(kg K)
  double beta;   // 1/K
  double g[3];   // m/s2
  double T_ref;  // K
};

struct MeshView {
  Extent cells;
  const double* edge[3];    // n[a]+1 cell edges
  const double* centre[3];  // n[a]+2: [0] = first edge, [i+1] = centre of cell i, [n+1] = last edge
  const std::int32_t* material;  // 0 = air, b+1 = block b
  const double* conductivity;    // W/(m K), per cell
  const double* heat_source;     // W/m3, per cell

  // Centre of cell i along axis a; i = -1 and i = n give the domain faces.
  RT_HOST_DEVICE double xc(int a, int i) const { return centre[a][i + 1]; }
  RT_HOST_DEVICE double width(int a, int i) const { return edge[a][i + 1] - edge[a][i]; }
  RT_HOST_DEVICE bool solid(int i, int j, int k) const {
    return material[cells.index(i, j, k)] != 0;
  }
};

struct FlowView {
  MeshView mesh;
  BoundaryTable bc;
  Props props;
  double* vel[3];
  const std::uint8_t* face_state[3];
  double* d[3];  // SIMPLEC velocity-correction factors (m3 s/kg)
  double* p;     // Pa
  double* T;     // K

  RT_HOST_DEVICE Extent faces(int a) const {
    Extent e = mesh.cells;
    e.n[a] += 1;
    return e;
  }
};

// Index of face (q[0], q[1], q[2]) of axis a.
RT_HOST_DEVICE inline std::size_t face_index(const FlowView& v, int a, const int q[3]) {
  return v.faces(a).index(q[0], q[1], q[2]);
}

// The domain face (0..5 = xmin..zmax) met when leaving along axis a on `side`.
RT_HOST_DEVICE inline int domain_face(int a, int side) { return 2 * a + side; }

}  // namespace rt
