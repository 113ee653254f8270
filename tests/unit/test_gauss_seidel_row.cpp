// The row form of the red-black Gauss-Seidel update (CPU smoother) must give
// exactly the per-point form (what a GPU thread per point will run), and the
// plane-pipelined sweep exactly two plain half-sweeps.

#include <gtest/gtest.h>

#include <random>

#include "solver/linear/stencil7_k.hpp"
#include "solver/parallel/for_each.hpp"

namespace rt {
namespace {

Stencil7 random_system(const Extent& e, unsigned seed) {
  Stencil7 A(e);
  StencilView v = A.view();
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> coef(0.1, 2.0);
  for (int k = 0; k < e.n[2]; ++k)
    for (int j = 0; j < e.n[1]; ++j)
      for (int i = 0; i < e.n[0]; ++i) {
        const std::size_t p = e.index(i, j, k);
        const int idx[3] = {i, j, k};
        double sum = 0.0;
        for (int a = 0; a < 3; ++a)
          for (int side = 0; side < 2; ++side) {
            const int nb = idx[a] + (side ? 1 : -1);
            if (nb < 0 || nb >= e.n[a]) continue;
            v.a[2 * a + side][p] = coef(rng);
            sum += v.a[2 * a + side][p];
          }
        v.aP[p] = (i + j + k) % 7 == 3 ? 0.0 : sum + coef(rng);  // some inactive rows
        v.b[p] = coef(rng) - 1.0;
      }
  return A;
}

TEST(GaussSeidelRow, MatchesPointUpdateAndPlainHalfSweeps) {
  for (const Extent e : {Extent{{9, 6, 5}}, Extent{{8, 7, 1}}, Extent{{1, 5, 4}}}) {
    const Stencil7 A = random_system(e, 7u);
    const ConstStencilView v = A.view();
    std::vector<double> x_point(e.size()), x_pipe(e.size());
    for (std::size_t p = 0; p < e.size(); ++p)
      x_point[p] = x_pipe[p] = 0.01 * static_cast<double>(p % 13);

    double* xp = x_point.data();
    for (int colour = 1; colour >= 0; --colour)
      for (int k = 0; k < e.n[2]; ++k)
        for (int j = 0; j < e.n[1]; ++j)
          for (int i = 0; i < e.n[0]; ++i)
            if (((i + j + k) & 1) == colour) gauss_seidel_update(v, xp, v.b, i, j, k);

    double* xq = x_pipe.data();
    red_black_sweep(e, 1,
                    [=](int j, int k, int colour) { gauss_seidel_row(v, xq, v.b, j, k, colour); });

    for (std::size_t p = 0; p < e.size(); ++p) ASSERT_EQ(x_point[p], x_pipe[p]) << "point " << p;
  }
}

}  // namespace
}  // namespace rt
