#pragma once
// A second copy of a FlowState's arrays in memory of another kind: device
// memory for a CUDA solve (cuda/device_flow_state.hpp), or host memory for
// the debug mirror (compute_backend.hpp). view() is a FlowView whose
// pointers are the copy's, so the per-point physics of solver/kernels runs
// on it unchanged; upload() and download() move named groups of arrays, the
// only way data crosses (MFEM's explicit Read()/Write()).

#include <cstddef>
#include <vector>

#include "solver/flow_state.hpp"
#include "solver/flow_view.hpp"

namespace rt {

// Where a mirror's arrays live. allocate() throws std::runtime_error (or
// std::bad_alloc) when it cannot.
class MirrorMemory {
 public:
  virtual ~MirrorMemory() = default;
  virtual void* allocate(std::size_t bytes) = 0;
  virtual void release(void* p) noexcept = 0;
  virtual void to_mirror(void* mirror, const void* host, std::size_t bytes) = 0;
  virtual void to_host(void* host, const void* mirror, std::size_t bytes) = 0;
};

// Plain host memory (the debug mirror).
MirrorMemory& host_mirror_memory();

// The groups of arrays upload() and download() move (bit flags).
enum MirroredArrays : unsigned {
  kMirrorVelocity = 1u << 0,           // vel[3], fixed faces included
  kMirrorCorrectionFactors = 1u << 1,  // d[3] (SIMPLEC)
  kMirrorPressure = 1u << 2,           // p
  kMirrorTemperature = 1u << 3,        // T
  kMirrorViscosity = 1u << 4,          // mu_eff, mu_wall, law_u_plus, law_y_plus
  kMirrorBoundaries = 1u << 5,         // the patches (fans' pressure rises and swirl)
  kMirrorHeatSources = 1u << 6,        // heat_source (throttled powers)
  kMirrorTimeLevels = 1u << 7,         // the transient run's earlier levels
};

class FlowMirror {
 public:
  // Allocates a copy of every array the host's view points at and copies
  // them all.
  FlowMirror(FlowState& host, MirrorMemory& memory);
  ~FlowMirror();
  FlowMirror(const FlowMirror&) = delete;
  FlowMirror& operator=(const FlowMirror&) = delete;

  // The FlowView of the copy (pass it by value into kernels).
  const FlowView& view() const { return view_; }
  void upload(FlowState& host, unsigned arrays);
  void download(FlowState& host, unsigned arrays) const;
  std::size_t bytes() const { return bytes_; }  // memory the copy holds

 private:
  template <class T>
  T* copy_of(const T* host, std::size_t count);
  template <class T>
  void put(const T* mirror, const T* host, std::size_t count);
  template <class T>
  void get(T* host, const T* mirror, std::size_t count) const;

  MirrorMemory& memory_;
  FlowView view_{};
  std::size_t patch_count_ = 0;
  std::size_t bytes_ = 0;
  std::vector<void*> owned_;
};

}  // namespace rt
