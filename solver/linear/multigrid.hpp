#pragma once
// The CPU's additive-correction multigrid: MultigridOn (multigrid_on.hpp,
// where the method is described) on the host backend, taking a Stencil7 and
// std::vectors.

#include <vector>

#include "solver/linear/coarsest_solver.hpp"
#include "solver/linear/multigrid_on.hpp"
#include "solver/linear/stencil7.hpp"
#include "solver/parallel/host_backend.hpp"

namespace rt {

extern template class MultigridOn<HostBackend>;

class AdditiveCorrectionMultigrid : public MultigridOn<HostBackend> {
 public:
  using MultigridOn<HostBackend>::MultigridOn;
  using MultigridOn<HostBackend>::build;
  using MultigridOn<HostBackend>::apply;

  // The fine system is kept by pointer: it must outlive the use of this
  // object and keep its coefficients (and its arrays: no resize).
  void build(const Stencil7& fine) { build(fine.const_view()); }
  // z = M^-1 r: one V-cycle from z = 0 (z is resized to r).
  void apply(const std::vector<double>& r, std::vector<double>& z) {
    z.resize(r.size());
    apply(r.data(), z.data());
  }
};

}  // namespace rt
