// The thread-to-point mapping of the CUDA launchers (cuda/launch_index.hpp),
// run on the CPU: every point once, each colour exactly its points. The GPU
// test (tests/cuda/test_cuda_launch.cpp) checks the launches themselves.

#include <gtest/gtest.h>

#include <vector>

#include "cuda/launch_index.hpp"

namespace rt {
namespace {

const Extent kExtents[] = {{{1, 1, 1}}, {{2, 1, 1}}, {{7, 5, 3}}, {{8, 6, 4}}, {{33, 1, 17}}};

TEST(LaunchIndex, UnflattenVisitsEveryPointOnce) {
  for (const Extent& e : kExtents) {
    std::vector<int> visits(e.size(), 0);
    for (std::size_t m = 0; m < e.size(); ++m) {
      int i, j, k;
      cuda::unflatten(e, m, i, j, k);
      ASSERT_TRUE(e.contains(i, j, k));
      EXPECT_EQ(e.index(i, j, k), m);
      ++visits[e.index(i, j, k)];
    }
    for (int v : visits) EXPECT_EQ(v, 1);
  }
}

TEST(LaunchIndex, ColoursPartitionTheExtent) {
  for (const Extent& e : kExtents) {
    std::vector<int> visits(e.size(), 0);
    for (int colour = 0; colour < 2; ++colour) {
      for (std::size_t m = 0; m < cuda::colour_thread_count(e); ++m) {
        int i, j, k;
        if (!cuda::colour_point(e, colour, m, i, j, k)) continue;
        ASSERT_TRUE(e.contains(i, j, k)) << i << "," << j << "," << k;
        EXPECT_EQ((i + j + k) & 1, colour);
        ++visits[e.index(i, j, k)];
      }
    }
    for (std::size_t m = 0; m < visits.size(); ++m) EXPECT_EQ(visits[m], 1) << "point " << m;
  }
}

}  // namespace
}  // namespace rt
