#pragma once
// Device copies of a FlowState's arrays (issue 6): a FlowMirror
// (solver/flow_mirror.hpp) in CUDA device memory. view() hands out a
// FlowView whose pointers are device pointers, so the per-point physics of
// solver/kernels/*_k.hpp runs on them unchanged inside CUDA kernels.
// Plain C++ interface (no CUDA types): usable from .cpp files; only exists
// in builds with CUDA (RT_HAVE_CUDA).

#include <cstddef>

#include "solver/flow_mirror.hpp"
#include "solver/flow_state.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

// cudaMalloc / cudaMemcpy behind the MirrorMemory interface; CUDA errors
// throw std::runtime_error.
MirrorMemory& cuda_mirror_memory();

class DeviceFlowState : public FlowMirror {
 public:
  // Allocates device memory for every array the host view points at and
  // copies them. Throws std::runtime_error on a CUDA error.
  explicit DeviceFlowState(FlowState& host) : FlowMirror(host, cuda_mirror_memory()) {}

  // The fields that change during a solve (vel, d, p, T, mu_eff, mu_wall,
  // law_u_plus, law_y_plus) to the device, and vel, d, p, T back.
  void upload_fields(FlowState& host) {
    upload(host, kMirrorVelocity | kMirrorCorrectionFactors | kMirrorPressure | kMirrorTemperature |
                     kMirrorViscosity);
  }
  void download_fields(FlowState& host) const {
    download(host,
             kMirrorVelocity | kMirrorCorrectionFactors | kMirrorPressure | kMirrorTemperature);
  }
};

// A seven-point system in device memory. reshape() takes another extent
// over the same arrays (as Stencil7::reshape: one storage holding a
// solver's systems in turn), reallocating only when it is larger than any
// extent before.
class DeviceStencil {
 public:
  DeviceStencil() = default;
  explicit DeviceStencil(const Extent& e) { resize(e); }
  ~DeviceStencil();
  DeviceStencil(const DeviceStencil&) = delete;
  DeviceStencil& operator=(const DeviceStencil&) = delete;

  // Takes extent e with every coefficient zero.
  void resize(const Extent& e);
  // Takes extent e, keeping the coefficients where the arrays are kept.
  void reshape(const Extent& e);
  const Extent& extent() const { return view_.ext; }

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
  void release();
  StencilView view_{};
  std::size_t capacity_ = 0;  // points the arrays hold
};

}  // namespace rt
