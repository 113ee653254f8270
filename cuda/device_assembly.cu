#include "cuda/cuda_check.hpp"
#include "cuda/device_assembly.hpp"
#include "cuda/launch.cuh"
#include "solver/kernels/energy_k.hpp"
#include "solver/kernels/momentum_k.hpp"
#include "solver/kernels/pressure_k.hpp"

namespace rt {

namespace {

// The per-point work of steady_solver.cpp's loops, as functors (copied by
// value into the kernels).
struct MomentumPoint {
  FlowView v;
  StencilView S;
  int a;
  double relax, u_mean;
  __device__ cuda::Sum3 operator()(int i, int j, int k) const {
    const ResidualPart r = assemble_momentum(v, S, a, i, j, k, relax, u_mean);
    return {{r.imbalance, r.scale, r.magnitude}};
  }
};

struct PressurePoint {
  FlowView v;
  StencilView S;
  __device__ cuda::Sum3 operator()(int i, int j, int k) const {
    const MassImbalance m = assemble_pressure_correction(v, S, i, j, k);
    return {{m.imbalance, m.throughput, 0.0}};
  }
};

struct EnergyPoint {
  FlowView v;
  StencilView S;
  double relax, T_mean;
  __device__ cuda::Sum3 operator()(int i, int j, int k) const {
    const ResidualPart r = assemble_energy(v, S, i, j, k, relax, T_mean);
    return {{r.imbalance, r.scale, r.magnitude}};
  }
};

// Runs the sum over the extent and brings the three sums back.
template <class F>
cuda::Sum3 run_sum3(const Extent& e, const F& f) {
  static double* sums = nullptr;  // three doubles, allocated once per process
  if (sums == nullptr) cuda::check(cudaMalloc(&sums, 3 * sizeof(double)), "cudaMalloc");
  cuda::sum3_over_points(e, f, sums);
  cuda::check(cudaGetLastError(), "assembly kernel launch");
  cuda::Sum3 out{};
  cuda::check(cudaMemcpy(out.s, sums, 3 * sizeof(double), cudaMemcpyDeviceToHost),
              "assembly kernel");
  return out;
}

}  // namespace

ResidualPart assemble_momentum_on_device(const FlowView& device_view, const StencilView& S, int a,
                                         double relax, double u_mean) {
  const cuda::Sum3 s = run_sum3(S.ext, MomentumPoint{device_view, S, a, relax, u_mean});
  return {s.s[0], s.s[1], s.s[2]};
}

MassImbalance assemble_pressure_correction_on_device(const FlowView& device_view,
                                                     const StencilView& S) {
  const cuda::Sum3 s = run_sum3(S.ext, PressurePoint{device_view, S});
  return {s.s[0], s.s[1]};
}

ResidualPart assemble_energy_on_device(const FlowView& device_view, const StencilView& S,
                                       double relax, double T_mean) {
  const cuda::Sum3 s = run_sum3(S.ext, EnergyPoint{device_view, S, relax, T_mean});
  return {s.s[0], s.s[1], s.s[2]};
}

}  // namespace rt
