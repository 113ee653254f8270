#include <algorithm>
#include <vector>

#include "cuda/cuda_check.hpp"
#include "cuda/device_flow_state.hpp"

namespace rt {

namespace {

template <class T>
T* device_copy(const T* host, std::size_t count, std::vector<void*>& owned, std::size_t& bytes) {
  if (host == nullptr || count == 0) return nullptr;
  void* p = nullptr;
  cuda::check(cudaMalloc(&p, count * sizeof(T)), "cudaMalloc");
  owned.push_back(p);
  bytes += count * sizeof(T);
  cuda::check(cudaMemcpy(p, host, count * sizeof(T), cudaMemcpyHostToDevice),
              "cudaMemcpy to device");
  return static_cast<T*>(p);
}

template <class T>
void copy_to_device(T* device, const T* host, std::size_t count) {
  if (device == nullptr || host == nullptr || count == 0) return;
  cuda::check(cudaMemcpy(device, host, count * sizeof(T), cudaMemcpyHostToDevice),
              "cudaMemcpy to device");
}

template <class T>
void copy_to_host(T* host, const T* device, std::size_t count) {
  if (device == nullptr || host == nullptr || count == 0) return;
  cuda::check(cudaMemcpy(host, device, count * sizeof(T), cudaMemcpyDeviceToHost),
              "cudaMemcpy to host");
}

}  // namespace

struct DeviceFlowState::Impl {
  FlowView view{};
  std::vector<void*> owned;
  std::size_t bytes = 0;
  ~Impl() {
    for (void* p : owned) cudaFree(p);
  }
};

DeviceFlowState::DeviceFlowState(FlowState& host) : impl_(std::make_unique<Impl>()) {
  const FlowView h = host.view();
  FlowView& d = impl_->view;
  d = h;  // scalars (extent, props, boundary specs, time coefficients); pointers replaced below
  std::vector<void*>& owned = impl_->owned;
  std::size_t& bytes = impl_->bytes;
  const Extent& c = h.mesh.cells;
  const std::size_t n = c.size();

  for (int a = 0; a < 3; ++a) {
    d.mesh.edge[a] =
        device_copy(h.mesh.edge[a], static_cast<std::size_t>(c.n[a]) + 1, owned, bytes);
    d.mesh.centre[a] =
        device_copy(h.mesh.centre[a], static_cast<std::size_t>(c.n[a]) + 2, owned, bytes);
  }
  d.mesh.material = device_copy(h.mesh.material, n, owned, bytes);
  // Porous blocks: material -(p+1); as many as the most negative material says.
  int porous_count = 0;
  for (std::size_t m = 0; m < n; ++m) porous_count = std::max(porous_count, -h.mesh.material[m]);
  d.mesh.porous = device_copy(h.mesh.porous, static_cast<std::size_t>(porous_count), owned, bytes);
  d.mesh.conductivity = device_copy(h.mesh.conductivity, n, owned, bytes);
  d.mesh.heat_source = device_copy(h.mesh.heat_source, n, owned, bytes);
  d.mesh.heat_capacity = device_copy(h.mesh.heat_capacity, n, owned, bytes);

  // Patches: as many as the largest index any patch map holds.
  int patch_count = 0;
  for (int f = 0; f < 6; ++f) {
    if (!h.bc.patch_of[f]) continue;
    const int a = f / 2, t1 = (a + 1) % 3, t2 = (a + 2) % 3;
    const std::size_t count = static_cast<std::size_t>(c.n[t1]) * static_cast<std::size_t>(c.n[t2]);
    for (std::size_t m = 0; m < count; ++m)
      patch_count = std::max(patch_count, h.bc.patch_of[f][m] + 1);
    d.bc.patch_of[f] = device_copy(h.bc.patch_of[f], count, owned, bytes);
  }
  for (int a = 0; a < 3; ++a) {
    if (!h.bc.internal_patch_of[a]) continue;
    const std::size_t count = face_extent(c, a).size();
    for (std::size_t m = 0; m < count; ++m)
      patch_count = std::max(patch_count, h.bc.internal_patch_of[a][m] + 1);
    d.bc.internal_patch_of[a] = device_copy(h.bc.internal_patch_of[a], count, owned, bytes);
  }
  d.bc.patches = device_copy(h.bc.patches, static_cast<std::size_t>(patch_count), owned, bytes);

  for (int a = 0; a < 3; ++a) {
    const std::size_t nf = face_extent(c, a).size();
    d.vel[a] = device_copy(h.vel[a], nf, owned, bytes);
    d.face_state[a] = device_copy(h.face_state[a], nf, owned, bytes);
    d.d[a] = device_copy(h.d[a], nf, owned, bytes);
    d.time.vel_n[a] = device_copy(h.time.vel_n[a], nf, owned, bytes);
    d.time.vel_nm1[a] = device_copy(h.time.vel_nm1[a], nf, owned, bytes);
  }
  d.time.T_n = device_copy(h.time.T_n, n, owned, bytes);
  d.time.T_nm1 = device_copy(h.time.T_nm1, n, owned, bytes);
  d.p = device_copy(h.p, n, owned, bytes);
  d.T = device_copy(h.T, n, owned, bytes);
  d.mu_eff = device_copy(h.mu_eff, n, owned, bytes);
  d.mu_wall = device_copy(h.mu_wall, n, owned, bytes);
  d.law_u_plus = device_copy(h.law_u_plus, n, owned, bytes);
  d.law_y_plus = device_copy(h.law_y_plus, n, owned, bytes);
}

DeviceFlowState::~DeviceFlowState() = default;

const FlowView& DeviceFlowState::view() const { return impl_->view; }

std::size_t DeviceFlowState::bytes() const { return impl_->bytes; }

void DeviceFlowState::upload_fields(FlowState& host) {
  const FlowView h = host.view();
  const FlowView& d = impl_->view;
  const std::size_t n = h.mesh.cells.size();
  for (int a = 0; a < 3; ++a) {
    const std::size_t nf = face_extent(h.mesh.cells, a).size();
    copy_to_device(d.vel[a], h.vel[a], nf);
    copy_to_device(d.d[a], h.d[a], nf);
  }
  copy_to_device(d.p, h.p, n);
  copy_to_device(d.T, h.T, n);
  copy_to_device(const_cast<double*>(d.mu_eff), h.mu_eff, n);
  copy_to_device(const_cast<double*>(d.mu_wall), h.mu_wall, n);
  copy_to_device(const_cast<double*>(d.law_u_plus), h.law_u_plus, n);
  copy_to_device(const_cast<double*>(d.law_y_plus), h.law_y_plus, n);
}

void DeviceFlowState::download_fields(FlowState& host) const {
  const FlowView h = host.view();
  const FlowView& d = impl_->view;
  const std::size_t n = h.mesh.cells.size();
  for (int a = 0; a < 3; ++a) {
    const std::size_t nf = face_extent(h.mesh.cells, a).size();
    copy_to_host(h.vel[a], d.vel[a], nf);
    copy_to_host(h.d[a], d.d[a], nf);
  }
  copy_to_host(h.p, d.p, n);
  copy_to_host(h.T, d.T, n);
}

DeviceStencil::DeviceStencil(const Extent& e) {
  view_.ext = e;
  const std::size_t bytes = e.size() * sizeof(double);
  double** arrays[kNeighbourSlots + 2] = {&view_.aP, &view_.b};
  for (int s = 0; s < kNeighbourSlots; ++s) arrays[2 + s] = &view_.a[s];
  for (double** p : arrays) *p = nullptr;
  try {
    for (double** p : arrays) {
      if (bytes == 0) continue;
      cuda::check(cudaMalloc(reinterpret_cast<void**>(p), bytes), "cudaMalloc");
      cuda::check(cudaMemset(*p, 0, bytes), "cudaMemset");
    }
  } catch (...) {
    for (double** p : arrays) cudaFree(*p);  // the destructor does not run
    throw;
  }
}

DeviceStencil::~DeviceStencil() {
  cudaFree(view_.aP);
  cudaFree(view_.b);
  for (double* a : view_.a) cudaFree(a);
}

void DeviceStencil::upload(const Stencil7& host) {
  const ConstStencilView h = host.view();
  const std::size_t n = view_.ext.size();
  copy_to_device(view_.aP, h.aP, n);
  copy_to_device(view_.b, h.b, n);
  for (int s = 0; s < kNeighbourSlots; ++s) copy_to_device(view_.a[s], h.a[s], n);
}

void DeviceStencil::download(Stencil7& host) const {
  StencilView h = host.view();
  const std::size_t n = view_.ext.size();
  copy_to_host(h.aP, view_.aP, n);
  copy_to_host(h.b, view_.b, n);
  for (int s = 0; s < kNeighbourSlots; ++s) copy_to_host(h.a[s], view_.a[s], n);
}

}  // namespace rt
