#include "solver/linear/multigrid.hpp"

#include "solver/linear/multigrid_k.hpp"

namespace rt {

std::vector<Extent> multigrid_level_extents(const Extent& fine, std::size_t coarsest_cells,
                                            int max_levels) {
  std::vector<Extent> extents{fine};
  while (static_cast<int>(extents.size()) < max_levels && extents.back().size() > coarsest_cells) {
    const Extent c = coarsen(extents.back());
    if (c.size() == extents.back().size()) break;
    extents.push_back(c);
  }
  return extents;
}

template class MultigridOn<HostBackend>;

}  // namespace rt
