#pragma once
// Device copies of a FlowState's arrays (issue 6). view() hands out a
// FlowView whose pointers are device pointers, so the per-point physics of
// solver/kernels/*_k.hpp runs on them unchanged inside CUDA kernels.
// Plain C++ interface (no CUDA types): usable from .cpp files; only exists
// in builds with CUDA (RT_HAVE_CUDA).

#include <memory>
#include <string>

#include "solver/flow_state.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

class DeviceFlowState {
 public:
  // Allocates device memory for every array the host view points at and
  // copies them. Throws std::runtime_error on a CUDA error.
  explicit DeviceFlowState(FlowState& host);
  ~DeviceFlowState();
  DeviceFlowState(const DeviceFlowState&) = delete;
  DeviceFlowState& operator=(const DeviceFlowState&) = delete;

  // The FlowView of the device arrays (pass it by value into kernels).
  const FlowView& view() const;
  // The fields that change during a solve (vel, d, p, T, mu_eff, mu_wall, law_u_plus, law_y_plus)
  // to the device, and vel, d, p, T back.
  void upload_fields(FlowState& host);
  void download_fields(FlowState& host) const;
  std::size_t bytes() const;  // device memory held

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A seven-point system in device memory.
class DeviceStencil {
 public:
  explicit DeviceStencil(const Extent& e);
  ~DeviceStencil();
  DeviceStencil(const DeviceStencil&) = delete;
  DeviceStencil& operator=(const DeviceStencil&) = delete;

  StencilView view() const { return view_; }
  ConstStencilView const_view() const {
    ConstStencilView v{view_.ext, view_.aP, {}, view_.b};
    for (int s = 0; s < kNeighbourSlots; ++s) v.a[s] = view_.a[s];
    return v;
  }
  // host must have the same extent
  void upload(const Stencil7& host);
  void download(Stencil7& host) const;

 private:
  StencilView view_{};
};

}  // namespace rt
