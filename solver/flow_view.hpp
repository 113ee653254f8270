#pragma once
// Light, copyable views of everything a per-point physics function reads or
// writes: the mesh, material properties, boundary conditions and the flow
// fields. Built on the host by FlowState (flow_state.hpp); passed by value
// into OpenMP loops today and into CUDA kernels later.
//
// Where quantities live (MAC staggering, see solver/README.md):
//   p, T, material, conductivity, heat source, mu_eff, mu_wall: cell centres, Extent `cells`;
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

// What one piece of the domain boundary does. Every face has one; vents
// (and later fans and grilles) are patches that override it on part of a face.
struct BoundarySpec {
  int kind;
  double velocity[3];       // wall / inlet velocity, m/s
  double T;                 // fixed wall T, inlet T, or T of air entering an opening; K
  int has_T;                // walls: 1 when the temperature is fixed (or outside, below)
  double wall_U;            // walls with has_T: > 0, W/(m2 K) to T outside, in series
  double heat_flux;         // walls: W/m2 into the domain
  double pressure;          // openings: gauge Pa outside
  double loss_coefficient;  // openings: K of the grille, pressure loss rho K u^2 / 2
  int fan_direction;        // fans: +1 blowing into the domain, -1 out of it, 0 no fan
  double fan_pressure;      // fans: current pressure rise on the curve, Pa (>= 0)
  // Round fans with swirl (kernels/fan_swirl_k.hpp): the air leaving the fan
  // turns at swirl_omega (rad/s: swirl fraction x 2 pi rpm / 60 x current
  // speed; > 0 right-handed about the blowing direction; 0 = no swirl) about
  // the axis through swirl_centre (m), between radii swirl_r_hub and
  // swirl_r_tip (m).
  double swirl_omega;
  double swirl_centre[3];
  double swirl_r_hub;
  double swirl_r_tip;
};

struct BoundaryTable {
  BoundarySpec face[6];
  // Optional patches: patch_of[f] (nullptr when face f has none) gives, per
  // boundary cell of face f, the index into patches or -1 for the face's own
  // spec. Boundary cells of face f (axis a) are ordered t1 + n[t1] * t2 with
  // t1 = (a+1) % 3, t2 = (a+2) % 3.
  const BoundarySpec* patches;
  const std::int16_t* patch_of[6];
  // Vents and fans on planes inside the domain: per face of axis a (the
  // face extent), the patch index or -1; nullptr when there are none. Only
  // loss_coefficient and the fan's pressure rise (fan_direction: +1 blowing
  // towards +a) matter there.
  const std::int16_t* internal_patch_of[3];
  // 1 when some fan patch has swirl (swirl_omega != 0); 0 skips the swirl
  // kernel altogether.
  int any_swirl;
};

struct Props {
  double rho;    // kg/m3
  double mu;     // Pa s
  double cp;     // J/(kg K)
  double beta;   // 1/K
  double g[3];   // m/s2
  double T_ref;  // K
  // Speed scale of pressure-driven flow (fans, openings at different
  // pressures), m/s; 0 when nothing drives the flow by pressure. Sets a floor
  // on momentum relaxation (a pseudo time step of one cell per U): a duct
  // driven only by pressure needs it while its velocities, and so its
  // coefficients, are still near zero. Inlet- and wall-driven flows do not,
  // and converge up to 2.5x slower with it, so they get none.
  double pressure_driven_speed;
};

// Darcy-Forchheimer resistance of a porous block per axis, per unit volume:
// the momentum sink is (viscous + inertial |u|) u.
struct PorousProps {
  double viscous[3];   // mu / K, Pa s / m2 (0 on a closed axis)
  double inertial[3];  // rho C / 2, kg / m4
  int closed[3];       // 1: fins across this axis, no flow
};

struct MeshView {
  Extent cells;
  const double* edge[3];    // n[a]+1 cell edges
  const double* centre[3];  // n[a]+2: [0] = first edge, [i+1] = centre of cell i, [n+1] = last edge
  const std::int32_t* material;  // 0 = air, b+1 = solid block b, -(p+1) = porous block p
  const PorousProps* porous;     // indexed by p
  const double* conductivity;    // W/(m K), per cell
  const double* heat_source;     // W/m3, per cell
  const double* heat_capacity;   // rho c_p, J/(m3 K), per cell (transient runs)

  // Centre of cell i along axis a; i = -1 and i = n give the domain faces.
  RT_HOST_DEVICE double xc(int a, int i) const { return centre[a][i + 1]; }
  RT_HOST_DEVICE double width(int a, int i) const { return edge[a][i + 1] - edge[a][i]; }
  RT_HOST_DEVICE bool solid(int i, int j, int k) const {
    return material[cells.index(i, j, k)] > 0;
  }
};

// The implicit time derivative of a transient run, for a quantity phi with
// capacity C in its control volume (mass for momentum, heat capacity for
// energy): BDF2 on variable steps (backward Euler when a0 = a1 = 1, a2 = 0),
//   C (a0 phi - a1 phi_n + a2 phi_{n-1}) / dt,
// phi_n and phi_{n-1} the values at the two previous time levels (same
// places as the fields). inv_dt = 0 in steady runs: the kernels then add
// nothing at all, so steady results do not change by a bit.
struct TimeLevels {
  double inv_dt;  // 1/s
  double a0, a1, a2;
  const double* vel_n[3];
  const double* vel_nm1[3];
  const double* T_n;
  const double* T_nm1;
};

struct FlowView {
  MeshView mesh;
  BoundaryTable bc;
  Props props;
  TimeLevels time;
  double* vel[3];
  const std::uint8_t* face_state[3];
  double* d[3];  // SIMPLEC velocity-correction factors (m3 s/kg)
  double* p;     // Pa
  double* T;     // K
  // Effective viscosity mu + mu_t per cell, Pa s, and its value for the half
  // cell towards a wall, mu_wall (kernels/turbulence_k.hpp); both null in
  // laminar runs, where every kernel uses props.mu.
  const double* mu_eff;
  const double* mu_wall;
  // LVEL runs: u+ and y+ of Spalding's law at each air cell (0 elsewhere),
  // for the viscosity between two cells (law_of_the_wall_pair_viscosity);
  // null in laminar and zero-equation runs.
  const double* law_u_plus;
  const double* law_y_plus;

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

// The boundary condition on face f beside cell c (a cell touching that face).
RT_HOST_DEVICE inline const BoundarySpec& boundary_at(const FlowView& v, int f, const int c[3]) {
  const std::int16_t* patch_of = v.bc.patch_of[f];
  if (patch_of) {
    const int a = f / 2, t1 = (a + 1) % 3, t2 = (a + 2) % 3;
    const int p = patch_of[c[t1] + v.mesh.cells.n[t1] * c[t2]];
    if (p >= 0) return v.bc.patches[p];
  }
  return v.bc.face[f];
}

}  // namespace rt
