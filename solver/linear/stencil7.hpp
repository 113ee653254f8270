#pragma once
// A seven-point linear system on a structured extent:
//
//   aP x_P = sum_s a_s x_s + b,   s in {x-, x+, y-, y+, z-, z+}
//
// with all a_s >= 0 for the M-matrices that upwinded convection-diffusion and
// pressure-correction produce. A row with aP == 0 is inactive: its x is held
// (a fixed wall velocity, a solid cell in the pressure equation) and solvers
// leave it alone. Neighbour slot s = 2*axis + (1 for the + side).
// Bytes per point: 8 doubles = 64 B.

#include <cstddef>
#include <vector>

#include "solver/core/extent.hpp"
#include "solver/core/host_device.hpp"

namespace rt {

constexpr int kNeighbourSlots = 6;

// Non-owning view passed by value into per-point functions.
struct StencilView {
  Extent ext;
  double* aP;
  double* a[kNeighbourSlots];
  double* b;
};

struct ConstStencilView {
  Extent ext;
  const double* aP;
  const double* a[kNeighbourSlots];
  const double* b;
};

class Stencil7 {
 public:
  Stencil7() = default;
  explicit Stencil7(const Extent& e) { resize(e); }

  void resize(const Extent& e) {
    ext_ = e;
    const std::size_t n = e.size();
    aP_.assign(n, 0.0);
    b_.assign(n, 0.0);
    for (auto& a : a_) a.assign(n, 0.0);
  }
  // Takes extent e over the same storage (growing it when e is larger),
  // leaving the coefficients as they are: for one storage that holds the
  // systems of a solver in turn, each assembly writing every coefficient.
  void reshape(const Extent& e) {
    ext_ = e;
    const std::size_t n = e.size();
    aP_.resize(n);
    b_.resize(n);
    for (auto& a : a_) a.resize(n);
  }
  const Extent& extent() const { return ext_; }

  StencilView view() {
    StencilView v{ext_, aP_.data(), {}, b_.data()};
    for (int s = 0; s < kNeighbourSlots; ++s) v.a[s] = a_[s].data();
    return v;
  }
  ConstStencilView view() const { return const_view(); }
  ConstStencilView const_view() const {
    ConstStencilView v{ext_, aP_.data(), {}, b_.data()};
    for (int s = 0; s < kNeighbourSlots; ++s) v.a[s] = a_[s].data();
    return v;
  }

 private:
  Extent ext_;
  std::vector<double> aP_, b_;
  std::vector<double> a_[kNeighbourSlots];
};

}  // namespace rt
