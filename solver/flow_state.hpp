#pragma once
// Owns the arrays of one flow problem on the host (the CUDA backend will own
// device copies of the same arrays) and hands out FlowViews of them.
// Bytes per cell (FP64): p, T, conductivity, heat source, heat capacity 40;
// three velocity and three d arrays 48; material 4; face states 3 -> about
// 95 B, plus the linear systems (64 B each) and multigrid levels. Transient
// runs add two earlier time levels of T and velocity and one of p (72 B). A
// turbulent run adds the wall distance and layer thickness, mu_eff and mu_wall,
// 32 B, and LVEL Spalding's u+ and y+, 16 B (laminar runs allocate none: the
// kernels take a null mu_eff as "use mu").

#include <array>
#include <cstdint>
#include <vector>

#include "geometry/grid.hpp"
#include "scenarios/model/model.hpp"
#include "solver/core/extent.hpp"
#include "solver/flow_view.hpp"
#include "solver/model_placement.hpp"

namespace rt {

// The speed sqrt(2 dp / rho) the largest driving pressure difference could
// give the air: a fan's shut-off rise at its speed, or the spread of the
// outside pressures at openings, vents and fans; 0 when nothing drives the
// flow by pressure.
double pressure_driven_speed(const Model& model);

class FlowState {
 public:
  // Voxelizes the blocks, sets boundary velocities and initial fields.
  // Throws std::invalid_argument when a steady model has no steady state
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
  std::vector<double> heat_capacity;  // rho c_p, J/(m3 K)
  // Turbulent runs only (empty when laminar), per cell: distance to the
  // nearest wall and thickness of the wall layer, m (set by the solver,
  // wall_distance.hpp); mu + mu_t inside the air and towards a wall, Pa s
  // (turbulence.hpp).
  std::vector<double> wall_distance;
  std::vector<double> wall_layer_thickness;
  std::vector<double> mu_eff;
  std::vector<double> mu_wall;
  std::vector<double> law_u_plus;  // LVEL only (kernels/turbulence_k.hpp)
  std::vector<double> law_y_plus;
  Props props{};

  // Transient runs: the fields at the previous two time levels (n, n-1) and
  // the time-derivative coefficients the kernels see (TimeLevels).
  struct History {
    std::array<std::vector<double>, 3> vel_n, vel_nm1;
    std::vector<double> T_n, T_nm1, p_n;
  };
  // Starts a step: level n-1 <- n <- the current fields, and the derivative
  // coefficients of the step (time_k.hpp). Allocates the history first time.
  void begin_time_step(double dt, double a0, double a1, double a2);
  // Puts the fields back to level n (a step abandoned half way).
  void restore_time_level();
  // Steady from here on: no time term.
  void end_time_stepping() { time_ = TimeLevels{}; }
  const History& history() const { return history_; }
  // A resumed run (checkpoint): the level before the current fields, so that
  // the next begin_time_step moves it to n-1 and the current fields to n.
  void set_previous_time_level(const std::vector<double>& T_prev,
                               const std::array<std::vector<double>, 3>& vel_prev);

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
  // Fans' current speed (fraction of full; fan control moves it) and porous
  // blocks' current power (throttling lowers it), W.
  double fan_speed(std::size_t fan) const { return fan_speed_[fan]; }
  // Also scales the fan's swirl, which turns with its speed.
  void set_fan_speed(std::size_t fan, double fraction);
  // Patch index of fan 0 (the vents come first).
  std::size_t first_fan_patch() const { return first_fan_patch_; }
  double porous_power(std::size_t p) const { return porous_power_[p]; }
  const std::vector<std::size_t>& porous_cells(std::size_t p) const { return porous_cells_[p]; }
  // Spreads the new power over the block's cells.
  void set_porous_power(std::size_t p, double power_W);

  // Which patch each face of axis a inside the domain belongs to (-1: none);
  // empty when no vent or fan sits on a plane normal to a.
  const std::vector<std::int16_t>& internal_patch_map(int a) const { return internal_patch_of_[a]; }
  // Calls visit(axis, face index, patch, face area m2) for every face of a
  // vent or fan on a plane inside the domain.
  template <class Visit>
  void for_each_internal_patch_face(Visit&& visit) const {
    for (int a = 0; a < 3; ++a) {
      const std::vector<std::int16_t>& patch_of = internal_patch_of_[a];
      if (patch_of.empty()) continue;
      const Extent fe = face_extent(cells_, a);
      const int t1 = (a + 1) % 3, t2 = (a + 2) % 3;
      for (int k = 0; k < fe.n[2]; ++k)
        for (int j = 0; j < fe.n[1]; ++j)
          for (int i = 0; i < fe.n[0]; ++i) {
            const std::size_t q = fe.index(i, j, k);
            if (patch_of[q] < 0) continue;
            const int c[3] = {i, j, k};
            visit(a, q, static_cast<int>(patch_of[q]),
                  grid_.width(t1, c[t1]) * grid_.width(t2, c[t2]));
          }
    }
  }

 private:
  void set_face_states();
  void set_patch_specs(const Model& model);

  Grid grid_;
  Extent cells_;
  std::array<std::vector<double>, 3> centre_ext_;
  std::array<BoundarySpec, kFaceCount> face_specs_{};
  std::vector<BoundarySpec> patch_specs_;
  std::vector<PorousProps> porous_props_;
  std::array<std::vector<std::int16_t>, kFaceCount> patch_of_;
  std::array<std::vector<std::int16_t>, 3> internal_patch_of_;
  std::vector<ClosedFace> closed_faces_;  // round fans' hubs and frames inside the domain
  std::vector<double> fan_speed_;
  std::vector<double> fan_swirl_omega_;  // rad/s at full speed, signed; 0: no swirl
  std::size_t first_fan_patch_ = 0;
  bool any_swirl_ = false;
  std::vector<double> porous_power_;
  std::vector<std::vector<std::size_t>> porous_cells_;
  std::vector<double> porous_volume_;
  History history_;
  TimeLevels time_{};
  std::size_t fluid_cells_ = 0;
  bool has_opening_ = false;
  bool energy_active_ = false;
  int turbulence_model_ = 0;
};

}  // namespace rt
