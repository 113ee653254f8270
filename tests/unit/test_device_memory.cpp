// The device memory estimate and the refusal (cuda/device_memory.hpp).

#include <gtest/gtest.h>

#include <string>

#include "cuda/device_memory.hpp"

namespace rt {
namespace {

TEST(DeviceMemory, CountsEveryArrayOfASmallGrid) {
  // 2 x 3 x 4 = 24 cells; faces 3*3*4 + 2*4*4 + 2*3*5 = 36 + 32 + 30 = 98.
  const Extent c{{2, 3, 4}};
  const DeviceMemoryEstimate e = estimate_device_memory(c, false, false);
  EXPECT_EQ(e.cells, 24u);
  EXPECT_EQ(e.fields, 24u * (5 * 8 + 4) + 98u * (2 * 8 + 1));
  // One system on the largest face extent (x: 36), u*, v* and the correction.
  EXPECT_EQ(e.stencils, 36u * 64u + (36u + 32u + 24u) * 8u);
  EXPECT_EQ(e.krylov, 24u * 64u);
  // Coarse levels: 1x2x2 = 4, 1x1x1 = 1 cells; 88 B each, plus the fine residual.
  EXPECT_EQ(e.multigrid, 24u * 8u + 5u * 88u);
  EXPECT_EQ(e.turbulence, 0u);
  EXPECT_EQ(e.transient, 0u);
  const std::size_t arrays = e.fields + e.stencils + e.krylov + e.multigrid;
  EXPECT_EQ(e.reserve, arrays / 20 + kDeviceReserveBytes);
  EXPECT_EQ(e.total(), arrays + e.reserve);

  const DeviceMemoryEstimate t = estimate_device_memory(c, true, true);
  EXPECT_EQ(t.turbulence, 24u * 32u);
  EXPECT_EQ(t.transient, 98u * 16u + 24u * 24u);
  EXPECT_GT(t.total(), e.total());
}

TEST(DeviceMemory, PerCellFigureOfALargeGrid) {
  // 200^3 = 8 M cells, laminar steady: the header's ~282 B per cell
  // (fields 95, stencils 88, Krylov 64, multigrid ~21, 5 % reserve).
  const Extent c{{200, 200, 200}};
  const DeviceMemoryEstimate e = estimate_device_memory(c, false, false);
  const double per_cell =
      static_cast<double>(e.total() - kDeviceReserveBytes) / static_cast<double>(e.cells);
  EXPECT_GT(per_cell, 270.0);
  EXPECT_LT(per_cell, 295.0);
}

TEST(DeviceMemory, RefusesWhatDoesNotFit) {
  const Extent c{{200, 200, 200}};
  const DeviceMemoryEstimate e = estimate_device_memory(c, false, false);
  EXPECT_EQ(device_memory_refusal(e, e.total()), "");
  EXPECT_EQ(device_memory_refusal(e, std::size_t{80} << 30), "");
  const std::string why = device_memory_refusal(e, e.total() - 1);
  EXPECT_NE(why.find("8000000 cells"), std::string::npos) << why;
  EXPECT_NE(why.find(std::to_string(e.total()) + " bytes"), std::string::npos) << why;
  EXPECT_NE(why.find(std::to_string(e.total() - 1) + " bytes"), std::string::npos) << why;
  EXPECT_NE(why.find("free"), std::string::npos) << why;
}

TEST(DeviceMemory, QueryWithoutDeviceSaysWhy) {
  std::size_t free_bytes = 1, total_bytes = 1;
  std::string why;
  if (cuda_device_memory(&free_bytes, &total_bytes, &why)) {
    EXPECT_GT(total_bytes, 0u);
    EXPECT_LE(free_bytes, total_bytes);
  } else {
    EXPECT_EQ(free_bytes, 0u);
    EXPECT_FALSE(why.empty());
  }
}

}  // namespace
}  // namespace rt
