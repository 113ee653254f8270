// The TVD face excess is written without the ratio r; it must equal the
// textbook van Leer form 1/2 psi(r) (phi_D - phi_C), be zero at extrema and
// keep the face value between its neighbours (boundedness).

#include <gtest/gtest.h>

#include <random>

#include "solver/kernels/convection_k.hpp"

namespace rt {
namespace {

TEST(VanLeer, ExcessMatchesTextbookForm) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> phi(-2.0, 2.0);
  for (int n = 0; n < 10000; ++n) {
    const double U = phi(rng), C = phi(rng), D = phi(rng);
    const double jump = D - C;
    const double textbook = jump == 0.0 ? 0.0 : 0.5 * van_leer((C - U) / jump) * jump;
    EXPECT_NEAR(tvd_face_excess(U, C, D), textbook, 1e-12) << U << " " << C << " " << D;
    const double face = C + tvd_face_excess(U, C, D);
    EXPECT_GE(face, std::min(C, D) - 1e-15);
    EXPECT_LE(face, std::max(C, D) + 1e-15);
  }
}

TEST(VanLeer, SecondOrderOnSmoothDataFirstOrderAtExtrema) {
  // Linear data: the face value is the linear interpolant (C + D) / 2.
  EXPECT_DOUBLE_EQ(1.0 + tvd_face_excess(0.0, 1.0, 2.0), 1.5);
  // A local maximum at C: upwind value, no overshoot.
  EXPECT_DOUBLE_EQ(tvd_face_excess(0.0, 1.0, 0.5), 0.0);
  EXPECT_DOUBLE_EQ(inflow_part(-2.5), 2.5);
  EXPECT_DOUBLE_EQ(inflow_part(1.0), 0.0);
}

}  // namespace
}  // namespace rt
