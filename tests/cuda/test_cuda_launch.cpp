// The CUDA launchers (cuda/launch.cuh) against the CPU's
// (solver/parallel/for_each.hpp): every point visited once, the two colours
// partition the extent, and a red-black sweep gives the CPU's field bit for
// bit (additions and one division only: nothing for nvcc to fuse). Skips
// without a CUDA device.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cuda/device_query.hpp"
#include "cuda/launch_check.hpp"
#include "solver/parallel/for_each.hpp"

namespace rt {
namespace {

const Extent kExtents[] = {{{1, 1, 1}}, {{7, 5, 3}}, {{8, 6, 4}}, {{33, 1, 17}}, {{129, 65, 9}}};

#define RT_REQUIRE_CUDA_DEVICE()                                                        \
  do {                                                                                  \
    std::string why;                                                                    \
    if (!cuda_device_available(&why)) GTEST_SKIP() << "no CUDA device (" << why << ")"; \
  } while (0)

TEST(CudaLaunch, EveryPointOnceAndColoursPartition) {
  RT_REQUIRE_CUDA_DEVICE();
  for (const Extent& e : kExtents) {
    const std::vector<int> all = device_visit_counts(e, -1);
    const std::vector<int> red = device_visit_counts(e, 0);
    const std::vector<int> black = device_visit_counts(e, 1);
    ASSERT_EQ(all.size(), e.size());
    for (int k = 0; k < e.n[2]; ++k)
      for (int j = 0; j < e.n[1]; ++j)
        for (int i = 0; i < e.n[0]; ++i) {
          const std::size_t m = e.index(i, j, k);
          const int colour = (i + j + k) & 1;
          ASSERT_EQ(all[m], 1) << e.n[0] << "x" << e.n[1] << "x" << e.n[2] << " at " << i << ","
                               << j << "," << k;
          ASSERT_EQ(red[m], colour == 0 ? 1 : 0) << i << "," << j << "," << k;
          ASSERT_EQ(black[m], colour == 1 ? 1 : 0) << i << "," << j << "," << k;
        }
  }
}

TEST(CudaLaunch, RedBlackSweepMatchesTheCpu) {
  RT_REQUIRE_CUDA_DEVICE();
  for (const Extent& e : kExtents)
    for (int first = 0; first < 2; ++first) {
      std::vector<double> x(e.size(), 0.0);
      double* px = x.data();
      red_black_sweep(e, first, [=](int j, int k, int colour) {
        for (int i = (j + k + colour) & 1; i < e.n[0]; i += 2) {
          double sum = 0.0;
          const int c[3] = {i, j, k};
          for (int a = 0; a < 3; ++a)
            for (int side = -1; side <= 1; side += 2) {
              int q[3] = {c[0], c[1], c[2]};
              q[a] += side;
              if (e.contains(q[0], q[1], q[2])) sum += px[e.index(q[0], q[1], q[2])];
            }
          px[e.index(i, j, k)] = 1.0 + sum / 8.0;
        }
      });
      const std::vector<double> gpu = device_red_black_example(e, first);
      ASSERT_EQ(gpu.size(), x.size());
      for (std::size_t m = 0; m < x.size(); ++m) ASSERT_EQ(gpu[m], x[m]) << "point " << m;
    }
}

}  // namespace
}  // namespace rt
