#pragma once
// Per-point operations of the additive-correction multigrid (multigrid.hpp):
// the coarse operator of one block, the restriction of the residual to one
// coarse point and the prolongation of the correction to one fine point.
// Shared by the CPU levels (multigrid.cpp, OpenMP loops) and the device
// levels (cuda/device_linear.cu, CUDA kernels), so both build and walk the
// same hierarchy with the same arithmetic.
//
// A coarse point (I, J, K) agglomerates the fine points base + d with
// base = (I, J, K) * step, d in [0, step) per axis; step is 2 along an axis
// with more than one fine point, else 1 (the last block of an odd axis has a
// single fine layer).

#include <cstddef>
#include <vector>

#include "solver/core/extent.hpp"
#include "solver/core/host_device.hpp"
#include "solver/linear/stencil7.hpp"

namespace rt {

struct CoarseningSteps {
  int s[3];
};

RT_HOST_DEVICE inline CoarseningSteps coarsening_steps(const Extent& fine) {
  return {{fine.n[0] > 1 ? 2 : 1, fine.n[1] > 1 ? 2 : 1, fine.n[2] > 1 ? 2 : 1}};
}

// The coarse index of fine index `fine` >= 0 along an axis of step 1 or 2:
// fine / step, as a shift (an integer division per point made the
// prolongation, a multiply-add per point, cost half of a smoothing sweep).
RT_HOST_DEVICE inline int coarse_index(int fine, int step) { return fine >> (step - 1); }

inline Extent coarsen(const Extent& fine) {
  Extent c;
  for (int a = 0; a < 3; ++a) c.n[a] = fine.n[a] > 1 ? (fine.n[a] + 1) / 2 : 1;
  return c;
}

// The extents of the levels, finest first: halved (coarsen) until a level
// has at most coarsest_cells points, max_levels are reached or an extent no
// longer shrinks (multigrid.cpp).
std::vector<Extent> multigrid_level_extents(const Extent& fine, std::size_t coarsest_cells,
                                            int max_levels);

// Coarse equation of block (I, J, K): the sum of its fine equations with the
// correction constant in the block (Hutchinson & Raithby 1986):
//   aP_C = sum_f aP_f - sum(links between two active points of the block)
//   a_s,C = sum of the fine links that cross from the block into neighbour s
// Links to inactive points (aP == 0) are fixed, zero-correction neighbours
// and are dropped. A block covering a whole singular region (diagonal ~
// round-off of the fine diagonals) is made inactive.
template <class FineView, class CoarseView>
RT_HOST_DEVICE inline void coarse_operator_point(const FineView& F, const CoarseView& C,
                                                 const CoarseningSteps& st, int I, int J, int K) {
  const std::size_t pc = C.ext.index(I, J, K);
  double aP = 0.0, fine_diagonal = 0.0, a[kNeighbourSlots] = {0, 0, 0, 0, 0, 0};
  const int base[3] = {I * st.s[0], J * st.s[1], K * st.s[2]};
  for (int dk = 0; dk < st.s[2]; ++dk)
    for (int dj = 0; dj < st.s[1]; ++dj)
      for (int di = 0; di < st.s[0]; ++di) {
        const int f[3] = {base[0] + di, base[1] + dj, base[2] + dk};
        if (!F.ext.contains(f[0], f[1], f[2])) continue;
        const std::size_t pf = F.ext.index(f[0], f[1], f[2]);
        if (F.aP[pf] == 0.0) continue;
        aP += F.aP[pf];
        fine_diagonal += F.aP[pf];
        for (int axis = 0; axis < 3; ++axis)
          for (int side = 0; side < 2; ++side) {
            const int s = 2 * axis + side;
            const int nb = f[axis] + (side ? 1 : -1);
            if (nb < 0 || nb >= F.ext.n[axis]) continue;
            const std::size_t pn = side ? pf + F.ext.stride(axis) : pf - F.ext.stride(axis);
            if (F.aP[pn] == 0.0) continue;
            const bool same_block =
                coarse_index(nb, st.s[axis]) == coarse_index(f[axis], st.s[axis]);
            if (same_block)
              aP -= F.a[s][pf];
            else
              a[s] += F.a[s][pf];
          }
      }
  // A block that covers a whole singular region (a closed cavity, a sealed
  // air pocket) has an exactly zero diagonal, which round-off leaves at
  // ~1e-14 of the fine diagonals. Its correction is a free constant: make
  // it inactive (zero correction) rather than divide by round-off.
  const bool singular = aP <= 1e-12 * fine_diagonal;
  C.aP[pc] = singular ? 0.0 : aP;
  for (int s = 0; s < kNeighbourSlots; ++s) C.a[s][pc] = singular ? 0.0 : a[s];
  C.b[pc] = 0.0;
}

// Restriction: the coarse right-hand side is the sum of the fine residuals of
// the block; the coarse correction starts at zero.
RT_HOST_DEVICE inline void restrict_point(const Extent& F, const Extent& C,
                                          const CoarseningSteps& st, const double* fine_residual,
                                          double* coarse_rhs, double* coarse_x, int I, int J,
                                          int K) {
  double sum = 0.0;
  for (int dk = 0; dk < st.s[2]; ++dk)
    for (int dj = 0; dj < st.s[1]; ++dj)
      for (int di = 0; di < st.s[0]; ++di) {
        const int f[3] = {I * st.s[0] + di, J * st.s[1] + dj, K * st.s[2] + dk};
        if (F.contains(f[0], f[1], f[2])) sum += fine_residual[F.index(f[0], f[1], f[2])];
      }
  const std::size_t pc = C.index(I, J, K);
  coarse_rhs[pc] = sum;
  coarse_x[pc] = 0.0;
}

// Prolongation: every active fine point of a block takes the block's
// correction, scaled (AdditiveCorrectionMultigrid::Settings::coarse_correction_scale).
template <class FineView>
RT_HOST_DEVICE inline void prolong_point(const FineView& A, const Extent& C,
                                         const CoarseningSteps& st, double scale,
                                         const double* coarse_x, double* fine_x, int i, int j,
                                         int k) {
  const std::size_t p = A.ext.index(i, j, k);
  if (A.aP[p] != 0.0)
    fine_x[p] += scale * coarse_x[C.index(coarse_index(i, st.s[0]), coarse_index(j, st.s[1]),
                                          coarse_index(k, st.s[2]))];
}

}  // namespace rt
