#pragma once
// Owns the arrays of one flow problem on the host (the CUDA backend will own
// device copies of the same arrays) and hands out FlowViews of them.
// Bytes per cell (FP64): p, T, conductivity, heat source 32; three velocity
// and three d arrays 48; material 4; face states 3 -> about 87 B, plus the
// linear systems (64 B each) and multigrid levels. A turbulent run adds the
// wall distance, mu_eff and mu_wall, 24 B (laminar runs allocate none: the
// validation cases are laminar and the kernels take a null mu_eff as "use mu").

#include <array>
#include <cstdint>
#include <vector>

#include "geometry/grid.hpp"
#include "scenarios/model.hpp"
#include "solver/core/extent.hpp"
#include "solver/flow_view.hpp"

namespace rt {

// The speed sqrt(2 dp / rho) the largest driving pressure difference could
// give the air: a fan's shut-off rise at its speed, or the spread of the
// outside pressures at openings, vents and fans; 0 when nothing drives the
// flow by pressure.
double pressure_driven_speed(const Model& model);

class FlowState {
 public:
  // Voxelizes the blocks, sets boundary velocities and initial fields.
  // Throws std::invalid_argument when the model has no steady state
  // (heat with no way out) or a block covers no cell.
  FlowState(const Model& model, const Grid& grid);

  FlowView view();
  const Grid& grid() const { return grid_; }
  const Extent& cells() const { return cells_; }

  bool has_fluid() const { return fluid_cells_ > 0; }
  bool has_opening() const { return has_opening_; }
  bool energy_active() const { return energy_active_; }
  // kLaminar, kLvel or kZeroEquation (kernels/turbulence_k.hpp).
  int turbulence_model() const { return turbulence_model_; }

  std::array<std::vector<double>, 3> vel;
  std::array<std::vector<double>, 3> d;
  std::array<std::vector<std::uint8_t>, 3> face_state;
  std::vector<double> p;
  std::vector<double> T;
  std::vector<std::int32_t> material;
  std::vector<double> conductivity;
  std::vector<double> heat_source;
  // Turbulent runs only (empty when laminar), per cell: distance to the
  // nearest wall, m (set by the solver, wall_distance.hpp); mu + mu_t inside
  // the air and towards a wall, Pa s (turbulence.hpp).
  std::vector<double> wall_distance;
  std::vector<double> mu_eff;
  std::vector<double> mu_wall;
  Props props{};

  // The boundary condition on the face of axis a at face index q (a face on
  // the domain boundary): its vent's, or the domain face's own.
  const BoundarySpec& boundary_of_face(int a, const int q[3]) const;
  // Which vent each boundary cell of face f belongs to (-1: none); empty when
  // the face has no vents.
  const std::vector<std::int16_t>& patch_map(int f) const { return patch_of_[f]; }
  // Patch p's condition (vents first, then fans); fans' pressure rise is
  // updated between iterations as their operating point moves.
  const BoundarySpec& patch(std::size_t p) const { return patch_specs_[p]; }
  void set_fan_pressure(std::size_t p, double rise_Pa) { patch_specs_[p].fan_pressure = rise_Pa; }

 private:
  void set_face_states(const Model& model);
  void set_vent_patches(const Model& model);

  Grid grid_;
  Extent cells_;
  std::array<std::vector<double>, 3> centre_ext_;
  std::array<BoundarySpec, kFaceCount> face_specs_{};
  std::vector<BoundarySpec> patch_specs_;
  std::vector<PorousProps> porous_props_;
  std::array<std::vector<std::int16_t>, kFaceCount> patch_of_;
  std::size_t fluid_cells_ = 0;
  bool has_opening_ = false;
  bool energy_active_ = false;
  int turbulence_model_ = 0;
};

}  // namespace rt
