#include <cuda_runtime.h>

#include <utility>

#include "cuda/cuda_check.hpp"
#include "cuda/device_flow_state.hpp"

namespace rt {

namespace {

class CudaMirrorMemory final : public MirrorMemory {
 public:
  void* allocate(std::size_t bytes) override {
    void* p = nullptr;
    cuda::check(cudaMalloc(&p, bytes), "cudaMalloc");
    return p;
  }
  void release(void* p) noexcept override { cudaFree(p); }
  void to_mirror(void* mirror, const void* host, std::size_t bytes) override {
    cuda::check(cudaMemcpy(mirror, host, bytes, cudaMemcpyHostToDevice), "cudaMemcpy to device");
  }
  void to_host(void* host, const void* mirror, std::size_t bytes) override {
    cuda::check(cudaMemcpy(host, mirror, bytes, cudaMemcpyDeviceToHost), "cudaMemcpy to host");
  }
};

template <class F>
void for_each_array(const StencilView& v, F f) {
  f(v.aP);
  f(v.b);
  for (double* a : v.a) f(a);
}

}  // namespace

MirrorMemory& cuda_mirror_memory() {
  static CudaMirrorMemory memory;
  return memory;
}

DeviceStencil::~DeviceStencil() { release(); }

void DeviceStencil::release() {
  cudaFree(view_.aP);
  cudaFree(view_.b);
  for (double*& a : view_.a) cudaFree(a);
  view_ = StencilView{};
  capacity_ = 0;
}

void DeviceStencil::resize(const Extent& e) {
  const std::size_t n = e.size();
  if (n > capacity_) {
    release();
    double** arrays[kNeighbourSlots + 2] = {&view_.aP, &view_.b};
    for (int s = 0; s < kNeighbourSlots; ++s) arrays[2 + s] = &view_.a[s];
    try {
      for (double** p : arrays)
        cuda::check(cudaMalloc(reinterpret_cast<void**>(p), n * sizeof(double)), "cudaMalloc");
    } catch (...) {
      release();
      throw;
    }
    capacity_ = n;
  }
  view_.ext = e;
  if (n > 0)
    for_each_array(
        view_, [n](double* a) { cuda::check(cudaMemset(a, 0, n * sizeof(double)), "cudaMemset"); });
}

void DeviceStencil::reshape(const Extent& e) {
  if (e.size() > capacity_) {
    resize(e);
    return;
  }
  view_.ext = e;
}

void DeviceStencil::upload(const Stencil7& host) {
  const ConstStencilView h = host.view();
  const std::size_t bytes = view_.ext.size() * sizeof(double);
  if (bytes == 0) return;
  cuda::check(cudaMemcpy(view_.aP, h.aP, bytes, cudaMemcpyHostToDevice), "cudaMemcpy to device");
  cuda::check(cudaMemcpy(view_.b, h.b, bytes, cudaMemcpyHostToDevice), "cudaMemcpy to device");
  for (int s = 0; s < kNeighbourSlots; ++s)
    cuda::check(cudaMemcpy(view_.a[s], h.a[s], bytes, cudaMemcpyHostToDevice),
                "cudaMemcpy to device");
}

void DeviceStencil::download(Stencil7& host) const {
  StencilView h = host.view();
  const std::size_t bytes = view_.ext.size() * sizeof(double);
  if (bytes == 0) return;
  cuda::check(cudaMemcpy(h.aP, view_.aP, bytes, cudaMemcpyDeviceToHost), "cudaMemcpy to host");
  cuda::check(cudaMemcpy(h.b, view_.b, bytes, cudaMemcpyDeviceToHost), "cudaMemcpy to host");
  for (int s = 0; s < kNeighbourSlots; ++s)
    cuda::check(cudaMemcpy(h.a[s], view_.a[s], bytes, cudaMemcpyDeviceToHost),
                "cudaMemcpy to host");
}

}  // namespace rt
