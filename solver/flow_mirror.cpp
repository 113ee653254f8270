#include "solver/flow_mirror.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

namespace rt {

namespace {

class HostMirrorMemory final : public MirrorMemory {
 public:
  void* allocate(std::size_t bytes) override {
    void* p = std::malloc(bytes);
    if (p == nullptr) throw std::bad_alloc();
    return p;
  }
  void release(void* p) noexcept override { std::free(p); }
  void to_mirror(void* mirror, const void* host, std::size_t bytes) override {
    std::memcpy(mirror, host, bytes);
  }
  void to_host(void* host, const void* mirror, std::size_t bytes) override {
    std::memcpy(host, mirror, bytes);
  }
};

}  // namespace

MirrorMemory& host_mirror_memory() {
  static HostMirrorMemory memory;
  return memory;
}

template <class T>
T* FlowMirror::copy_of(const T* host, std::size_t count) {
  if (host == nullptr || count == 0) return nullptr;
  void* p = memory_.allocate(count * sizeof(T));
  owned_.push_back(p);
  bytes_ += count * sizeof(T);
  memory_.to_mirror(p, host, count * sizeof(T));
  return static_cast<T*>(p);
}

template <class T>
void FlowMirror::put(const T* mirror, const T* host, std::size_t count) {
  if (mirror == nullptr || host == nullptr || count == 0) return;
  memory_.to_mirror(const_cast<T*>(mirror), host, count * sizeof(T));
}

template <class T>
void FlowMirror::get(T* host, const T* mirror, std::size_t count) const {
  if (mirror == nullptr || host == nullptr || count == 0) return;
  memory_.to_host(host, mirror, count * sizeof(T));
}

FlowMirror::FlowMirror(FlowState& host, MirrorMemory& memory) : memory_(memory) {
  const FlowView h = host.view();
  FlowView& d = view_;
  d = h;  // scalars (extent, props, boundary specs, time coefficients); pointers replaced below
  const Extent& c = h.mesh.cells;
  const std::size_t n = c.size();
  try {
    for (int a = 0; a < 3; ++a) {
      d.mesh.edge[a] = copy_of(h.mesh.edge[a], static_cast<std::size_t>(c.n[a]) + 1);
      d.mesh.centre[a] = copy_of(h.mesh.centre[a], static_cast<std::size_t>(c.n[a]) + 2);
    }
    d.mesh.material = copy_of(h.mesh.material, n);
    // Porous blocks: material -(p+1); as many as the most negative material says.
    int porous_count = 0;
    for (std::size_t m = 0; m < n; ++m) porous_count = std::max(porous_count, -h.mesh.material[m]);
    d.mesh.porous = copy_of(h.mesh.porous, static_cast<std::size_t>(porous_count));
    d.mesh.conductivity = copy_of(h.mesh.conductivity, n);
    d.mesh.heat_source = copy_of(h.mesh.heat_source, n);
    d.mesh.heat_capacity = copy_of(h.mesh.heat_capacity, n);

    // Patches: as many as the largest index any patch map holds.
    int patch_count = 0;
    for (int f = 0; f < 6; ++f) {
      if (!h.bc.patch_of[f]) continue;
      const int a = f / 2, t1 = (a + 1) % 3, t2 = (a + 2) % 3;
      const std::size_t count =
          static_cast<std::size_t>(c.n[t1]) * static_cast<std::size_t>(c.n[t2]);
      for (std::size_t m = 0; m < count; ++m)
        patch_count = std::max(patch_count, h.bc.patch_of[f][m] + 1);
      d.bc.patch_of[f] = copy_of(h.bc.patch_of[f], count);
    }
    for (int a = 0; a < 3; ++a) {
      if (!h.bc.internal_patch_of[a]) continue;
      const std::size_t count = face_extent(c, a).size();
      for (std::size_t m = 0; m < count; ++m)
        patch_count = std::max(patch_count, h.bc.internal_patch_of[a][m] + 1);
      d.bc.internal_patch_of[a] = copy_of(h.bc.internal_patch_of[a], count);
    }
    patch_count_ = static_cast<std::size_t>(patch_count);
    d.bc.patches = copy_of(h.bc.patches, patch_count_);

    for (int a = 0; a < 3; ++a) {
      const std::size_t nf = face_extent(c, a).size();
      d.vel[a] = copy_of(h.vel[a], nf);
      d.face_state[a] = copy_of(h.face_state[a], nf);
      d.d[a] = copy_of(h.d[a], nf);
      d.time.vel_n[a] = copy_of(h.time.vel_n[a], nf);
      d.time.vel_nm1[a] = copy_of(h.time.vel_nm1[a], nf);
    }
    d.time.T_n = copy_of(h.time.T_n, n);
    d.time.T_nm1 = copy_of(h.time.T_nm1, n);
    d.p = copy_of(h.p, n);
    d.T = copy_of(h.T, n);
    d.mu_eff = copy_of(h.mu_eff, n);
    d.mu_wall = copy_of(h.mu_wall, n);
    d.law_u_plus = copy_of(h.law_u_plus, n);
    d.law_y_plus = copy_of(h.law_y_plus, n);
  } catch (...) {
    for (void* p : owned_) memory_.release(p);  // the destructor does not run
    throw;
  }
}

FlowMirror::~FlowMirror() {
  for (void* p : owned_) memory_.release(p);
}

void FlowMirror::upload(FlowState& host, unsigned arrays) {
  const FlowView h = host.view();
  const FlowView& d = view_;
  const std::size_t n = h.mesh.cells.size();
  for (int a = 0; a < 3; ++a) {
    const std::size_t nf = face_extent(h.mesh.cells, a).size();
    if (arrays & kMirrorVelocity) put(d.vel[a], h.vel[a], nf);
    if (arrays & kMirrorCorrectionFactors) put(d.d[a], h.d[a], nf);
    if (arrays & kMirrorTimeLevels) {
      put(d.time.vel_n[a], h.time.vel_n[a], nf);
      put(d.time.vel_nm1[a], h.time.vel_nm1[a], nf);
    }
  }
  if (arrays & kMirrorPressure) put(d.p, h.p, n);
  if (arrays & kMirrorTemperature) put(d.T, h.T, n);
  if (arrays & kMirrorViscosity) {
    put(d.mu_eff, h.mu_eff, n);
    put(d.mu_wall, h.mu_wall, n);
    put(d.law_u_plus, h.law_u_plus, n);
    put(d.law_y_plus, h.law_y_plus, n);
  }
  if (arrays & kMirrorBoundaries) put(d.bc.patches, h.bc.patches, patch_count_);
  if (arrays & kMirrorHeatSources) put(d.mesh.heat_source, h.mesh.heat_source, n);
  if (arrays & kMirrorTimeLevels) {
    view_.time.inv_dt = h.time.inv_dt;
    view_.time.a0 = h.time.a0;
    view_.time.a1 = h.time.a1;
    view_.time.a2 = h.time.a2;
    put(d.time.T_n, h.time.T_n, n);
    put(d.time.T_nm1, h.time.T_nm1, n);
  }
}

void FlowMirror::download(FlowState& host, unsigned arrays) const {
  const FlowView h = host.view();
  const FlowView& d = view_;
  const std::size_t n = h.mesh.cells.size();
  for (int a = 0; a < 3; ++a) {
    const std::size_t nf = face_extent(h.mesh.cells, a).size();
    if (arrays & kMirrorVelocity) get(h.vel[a], d.vel[a], nf);
    if (arrays & kMirrorCorrectionFactors) get(h.d[a], d.d[a], nf);
  }
  if (arrays & kMirrorPressure) get(h.p, d.p, n);
  if (arrays & kMirrorTemperature) get(h.T, d.T, n);
}

}  // namespace rt
