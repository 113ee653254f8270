// The assembly steps of simplec_steps_on.hpp, the CPU's own code, on the
// device backend.

#include "cuda/device_assembly.hpp"
#include "cuda/device_backend.cuh"
#include "solver/simplec_steps_on.hpp"

namespace rt {

ResidualPart assemble_momentum_on_device(const FlowView& device_view, const StencilView& S, int a,
                                         double relax, double u_mean) {
  return simplec_steps::assemble_momentum_system<DeviceBackend>(device_view, S, a, relax, u_mean);
}

MassImbalance assemble_pressure_correction_on_device(const FlowView& device_view,
                                                     const StencilView& S) {
  return simplec_steps::assemble_pressure_system<DeviceBackend>(device_view, S);
}

ResidualPart assemble_energy_on_device(const FlowView& device_view, const StencilView& S,
                                       double relax, double T_mean) {
  return simplec_steps::assemble_energy_system<DeviceBackend>(device_view, S, relax, T_mean);
}

}  // namespace rt
