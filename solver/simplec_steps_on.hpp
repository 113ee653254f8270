#pragma once
// The field work of one SIMPLEC outer iteration (steady_solver.hpp lists
// the steps), written once for both backends (solver/parallel/
// host_backend.hpp, cuda/device_backend.cuh): the momentum equations
// assembled and swept, the pressure correction assembled, solved (CG +
// multigrid) and applied, the energy equation assembled and solved
// (BiCGSTAB + multigrid). Every loop body is a per-point function of
// solver/kernels/*_k.hpp; every array is the backend's, reached through a
// FlowView whose pointers are the backend's too.
//
// What stays with the caller (SteadySolver, on the host): the effective
// viscosity, the fans' operating points, dies and controls, the
// acceleration, the divergence scan, the settle test and every summary.

#include <array>
#include <cstddef>
#include <cstdint>

#include "solver/core/sums3.hpp"
#include "solver/flow_view.hpp"
#include "solver/kernels/energy_k.hpp"
#include "solver/kernels/momentum_k.hpp"
#include "solver/kernels/pressure_k.hpp"
#include "solver/kernels/residual_k.hpp"
#include "solver/linear/krylov_on.hpp"
#include "solver/linear/multigrid_on.hpp"
#include "solver/linear/stencil7_k.hpp"
#include "solver/simplec_settings.hpp"

namespace rt {

// The steps as free functions: their loop bodies may be device lambdas
// (nvcc allows those only in public, named functions).
namespace simplec_steps {

template <class Backend>
double mean_of(const double* x, std::size_t n) {
  if (n == 0) return 0.0;
  return Backend::sum_over_range(n, [=] RT_HOST_DEVICE(std::size_t m) { return x[m]; }) / n;
}

// Whether any face of axis a carries an unknown velocity.
template <class Backend>
bool has_free_faces(const FlowView& v, int a) {
  const std::uint8_t* fs = v.face_state[a];
  const std::size_t n = v.faces(a).size();
  return Backend::sum_over_range(
             n, [=] RT_HOST_DEVICE(std::size_t f) { return fs[f] == kFaceFree ? 1.0 : 0.0; }) > 0.0;
}

template <class Backend>
ResidualPart assemble_momentum_system(const FlowView& v, const StencilView& S, int a, double relax,
                                      double u_mean) {
  const Sums3 s = Backend::sums_over_points(S.ext, [=] RT_HOST_DEVICE(int i, int j, int k) {
    const ResidualPart r = assemble_momentum(v, S, a, i, j, k, relax, u_mean);
    return Sums3{r.imbalance, r.scale, r.magnitude};
  });
  return {s.a, s.b, s.c};
}

// Red-black sweeps of the assembled system into u until the residual a
// sweep meets has fallen to relative_tolerance of the first sweep's (the
// first meets the assembled system), at most max_sweeps.
template <class Backend>
int sweep_momentum(const ConstStencilView& C, double* u, int max_sweeps,
                   double relative_tolerance) {
  const double tolerance2 = relative_tolerance * relative_tolerance;
  double first = 0.0;
  for (int sweep = 0; sweep < max_sweeps; ++sweep) {
    const double met = Backend::measured_sweep(C, u, C.b, 0);
    if (sweep == 0)
      first = met;
    else if (met <= tolerance2 * first)
      return sweep + 1;
  }
  return max_sweeps;
}

template <class Backend>
MassImbalance assemble_pressure_system(const FlowView& v, const StencilView& S) {
  const Sums3 s = Backend::sums_over_points(S.ext, [=] RT_HOST_DEVICE(int i, int j, int k) {
    const MassImbalance m = assemble_pressure_correction(v, S, i, j, k);
    return Sums3{m.imbalance, m.throughput, 0.0};
  });
  return {s.a, s.b};
}

// Face velocities and pressure from the correction pc; a closed domain's
// pressure (defined up to a constant) keeps its mean over the air at 0.
template <class Backend>
void apply_pressure_correction(const FlowView& v, const double* pc, double relax_pressure,
                               bool closed_domain) {
  for (int a = 0; a < 3; ++a)
    Backend::for_each_point(v.faces(a), [=] RT_HOST_DEVICE(int i, int j, int k) {
      correct_face_velocity(v, pc, a, i, j, k);
    });
  const std::size_t n = v.mesh.cells.size();
  double* p = v.p;
  const std::int32_t* mat = v.mesh.material;
  Backend::for_each_index(n, [=] RT_HOST_DEVICE(std::size_t c) {
    if (mat[c] <= 0) p[c] += relax_pressure * pc[c];
  });
  if (!closed_domain) return;
  const double fluid = Backend::sum_over_range(
      n, [=] RT_HOST_DEVICE(std::size_t c) { return mat[c] <= 0 ? 1.0 : 0.0; });
  const double mean =
      Backend::sum_over_range(
          n, [=] RT_HOST_DEVICE(std::size_t c) { return mat[c] <= 0 ? p[c] : 0.0; }) /
      fluid;
  Backend::for_each_index(n, [=] RT_HOST_DEVICE(std::size_t c) {
    if (mat[c] <= 0) p[c] -= mean;
  });
}

template <class Backend>
ResidualPart assemble_energy_system(const FlowView& v, const StencilView& S, double relax,
                                    double T_mean) {
  const Sums3 s = Backend::sums_over_points(S.ext, [=] RT_HOST_DEVICE(int i, int j, int k) {
    const ResidualPart r = assemble_energy(v, S, i, j, k, relax, T_mean);
    return Sums3{r.imbalance, r.scale, r.magnitude};
  });
  return {s.a, s.b, s.c};
}

}  // namespace simplec_steps

// The steps with their storage: one seven-point system as large as the
// largest face extent, holding each momentum component, then the pressure
// correction, then energy (each assembly writes every coefficient of its
// extent); u* and v* held aside until w is assembled (the arithmetic of
// three systems assembled together, in a third of the memory); the
// pressure correction; the multigrid levels and the Krylov work vectors.
template <class Backend>
class SimplecStepsOn {
 public:
  // v: the FlowView of the arrays the steps will work on (the backend's).
  SimplecStepsOn(const FlowView& v, const MultigridSettings& multigrid) : multigrid_(multigrid) {
    const Extent cells = v.mesh.cells;
    Extent largest = cells;
    for (int a = 0; a < 3; ++a)
      if (v.faces(a).size() > largest.size()) largest = v.faces(a);
    system_.resize(largest);
    system_.reshape(cells);
    // A component with no free face (w of a 2-D case: the faces are the
    // symmetry planes) has nothing to solve.
    for (int a = 0; a < 3; ++a) has_free_faces_[a] = simplec_steps::has_free_faces<Backend>(v, a);
    for (int a = 0; a < 2; ++a)
      if (has_free_faces_[a]) solved_[a].resize(v.faces(a).size());
    correction_.resize(cells.size());
  }

  // Returns the normalised momentum residual of the assembled equations.
  double solve_momentum(const FlowView& v, const SimplecSettings& s) {
    ResidualPart total;
    for (int a = 0; a < 3; ++a) {
      // Its assembly would only hold every face (aP = 0, d = 0, no residual).
      if (!has_free_faces_[a]) continue;
      const std::size_t n = v.faces(a).size();
      system_.reshape(v.faces(a));
      const ResidualPart r = simplec_steps::assemble_momentum_system<Backend>(
          v, system_.view(), a, s.relax_velocity, simplec_steps::mean_of<Backend>(v.vel[a], n));
      total.imbalance += r.imbalance;
      total.scale += r.scale;
      total.magnitude += r.magnitude;
      double* u = v.vel[a];
      if (a < 2) {
        Backend::copy(v.vel[a], solved_[a].data(), n);
        u = solved_[a].data();
      }
      simplec_steps::sweep_momentum<Backend>(system_.const_view(), u, s.momentum_sweeps,
                                             s.momentum_relative_tolerance);
    }
    for (int a = 0; a < 2; ++a)
      if (has_free_faces_[a]) Backend::copy(solved_[a].data(), v.vel[a], v.faces(a).size());
    Backend::finish("momentum");
    return normalised_residual(total);
  }

  // Returns the mass residual (imbalance over throughput) before the
  // correction.
  double solve_pressure_correction(const FlowView& v, const LinearSolveSettings& solve,
                                   double relax_pressure, bool closed_domain) {
    system_.reshape(v.mesh.cells);
    const MassImbalance mass = simplec_steps::assemble_pressure_system<Backend>(v, system_.view());
    double* pc = correction_.data();
    Backend::fill_zero(pc, correction_.size());
    multigrid_.build(system_.const_view());
    solve_cg_on<Backend>(system_.const_view(), pc, multigrid_, solve, krylov_work_);
    simplec_steps::apply_pressure_correction<Backend>(v, pc, relax_pressure, closed_domain);
    Backend::finish("pressure correction");
    if (mass.imbalance == 0.0) return 0.0;
    return mass.throughput > 0.0 ? mass.imbalance / mass.throughput : 1.0;
  }

  // Returns the normalised energy residual of the assembled equation.
  double solve_energy(const FlowView& v, const LinearSolveSettings& solve, double relax_energy) {
    system_.reshape(v.mesh.cells);
    const ResidualPart r = simplec_steps::assemble_energy_system<Backend>(
        v, system_.view(), relax_energy, simplec_steps::mean_of<Backend>(v.T, v.mesh.cells.size()));
    multigrid_.build(system_.const_view());
    solve_bicgstab_on<Backend>(system_.const_view(), v.T, multigrid_, solve, krylov_work_);
    Backend::finish("energy");
    return normalised_residual(r);
  }

 private:
  typename Backend::Stencil system_;
  std::array<typename Backend::Vector, 2> solved_;  // u*, v* until w is assembled
  std::array<bool, 3> has_free_faces_{true, true, true};
  typename Backend::Vector correction_;
  MultigridOn<Backend> multigrid_;
  KrylovWorkspaceOn<Backend> krylov_work_;
};

}  // namespace rt
