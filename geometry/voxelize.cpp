#include "geometry/voxelize.hpp"

namespace rt {

std::vector<std::int32_t> voxelize_blocks(const Grid& grid, const std::vector<Block>& blocks) {
  const int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
  std::vector<std::int32_t> material(grid.total_cells(), 0);
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const Block& blk = blocks[b];
    for (int k = 0; k < nz; ++k) {
      const double z = grid.centre(2, k);
      if (z < blk.min_m[2] || z > blk.max_m[2]) continue;
      for (int j = 0; j < ny; ++j) {
        const double y = grid.centre(1, j);
        if (y < blk.min_m[1] || y > blk.max_m[1]) continue;
        for (int i = 0; i < nx; ++i) {
          const double x = grid.centre(0, i);
          if (x < blk.min_m[0] || x > blk.max_m[0]) continue;
          material[i + static_cast<std::size_t>(nx) * (j + static_cast<std::size_t>(ny) * k)] =
              static_cast<std::int32_t>(b + 1);
        }
      }
    }
  }
  return material;
}

void voxelize_porous(const Grid& grid, const std::vector<PorousBlock>& porous,
                     std::vector<std::int32_t>& material) {
  const int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
  for (std::size_t p = 0; p < porous.size(); ++p) {
    const PorousBlock& blk = porous[p];
    for (int k = 0; k < nz; ++k)
      for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
          const double c[3] = {grid.centre(0, i), grid.centre(1, j), grid.centre(2, k)};
          bool inside = true;
          for (int a = 0; a < 3; ++a)
            inside = inside && c[a] >= blk.min_m[a] && c[a] <= blk.max_m[a];
          std::int32_t& m =
              material[i + static_cast<std::size_t>(nx) * (j + static_cast<std::size_t>(ny) * k)];
          if (inside && m == 0) m = -static_cast<std::int32_t>(p + 1);
        }
  }
}

std::vector<std::size_t> count_block_cells(const std::vector<std::int32_t>& material,
                                           std::size_t blocks) {
  std::vector<std::size_t> count(blocks, 0);
  for (std::int32_t m : material)
    if (m > 0) ++count[static_cast<std::size_t>(m - 1)];
  return count;
}

}  // namespace rt
