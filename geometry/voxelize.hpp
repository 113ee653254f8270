#pragma once
// Which material fills each cell: 0 = air, b+1 = solid block b, -(p+1) =
// porous block p (air flows through it) of the model.
// A cell belongs to a block when its centre lies inside the block's box; on
// the object-snapped grids of the PC layer every block face is a grid line,
// so this is exact there.

#include <cstdint>
#include <vector>

#include "geometry/grid.hpp"
#include "scenarios/model/model.hpp"

namespace rt {

std::vector<std::int32_t> voxelize_blocks(const Grid& grid, const std::vector<Block>& blocks);

// Marks the air cells inside porous block p as -(p+1).
void voxelize_porous(const Grid& grid, const std::vector<PorousBlock>& porous,
                     std::vector<std::int32_t>& material);

// Cells of block b (material b+1); zero means the block fell between cell
// centres and would silently vanish, which callers turn into an error.
std::vector<std::size_t> count_block_cells(const std::vector<std::int32_t>& material,
                                           std::size_t blocks);

}  // namespace rt
