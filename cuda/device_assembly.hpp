#pragma once
// Assembly of the momentum, pressure-correction and energy equations on the
// device: the CPU's assembly steps (solver/simplec_steps_on.hpp, calling the
// assemble_* functions of solver/kernels/*_k.hpp) on the device backend, on
// a DeviceFlowState's view and a DeviceStencil; for the tests and the bench.
// Synchronous: each returns once the kernel has finished, with the residual
// parts summed over the points. The sums are accumulated in another order
// than on the CPU (a deterministic two-pass block reduction), so they agree
// to round-off, not bit for bit.

#include "solver/flow_view.hpp"
#include "solver/kernels/pressure_k.hpp"
#include "solver/kernels/residual_k.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

ResidualPart assemble_momentum_on_device(const FlowView& device_view, const StencilView& S, int a,
                                         double relax, double u_mean);
MassImbalance assemble_pressure_correction_on_device(const FlowView& device_view,
                                                     const StencilView& S);
ResidualPart assemble_energy_on_device(const FlowView& device_view, const StencilView& S,
                                       double relax, double T_mean);

}  // namespace rt
