#pragma once
// The CPU backend of the algorithms written once for both backends
// (solver/linear/krylov_on.hpp, multigrid_on.hpp): host memory and the
// OpenMP launchers of for_each.hpp. cuda/device_backend.cuh is the same
// interface over CUDA kernels and device memory; an algorithm takes the
// backend as a template parameter and never sees which one it runs on.
//
//   Vector                    an owning array of doubles (zeroed when resized)
//   Stencil                   an owning seven-point system, Stencil(Extent),
//                             view() / const_view()
//   CoarsestSolver            factorise(ConstStencilView), solve(rhs, x)
//   for_each_point(e, f)      f(i, j, k) over an extent
//   for_each_index(n, f)      f(m) over [0, n)
//   sum_over_range(n, f)      the FP64 sum of f(m) over [0, n)
//   sums_over_points(e, f)    three FP64 sums of f(i, j, k) (a Sums3) over an extent
//   gauss_seidel_sweep(A, x, rhs, first_colour)
//                             one red-black sweep of stencil7_k.hpp's update
//   measured_sweep(A, x, rhs, first_colour)
//                             the same sweep, returning the sum of the points'
//                             squared residuals before their update
//   fill_zero(p, n), copy(from, to, n)
//   finish(what)              wait for the queued work; report errors as `what`
//
// Loop bodies are lambdas marked RT_HOST_DEVICE (solver/core/host_device.hpp)
// capturing views and pointers by value, never containers or `this`.

#include <algorithm>
#include <cstddef>
#include <vector>

#include "solver/linear/coarsest_solver.hpp"
#include "solver/linear/stencil7.hpp"
#include "solver/linear/stencil7_k.hpp"
#include "solver/parallel/for_each.hpp"

namespace rt {

struct HostBackend {
  class Vector {
   public:
    void resize(std::size_t n) {
      if (n != v_.size()) v_.assign(n, 0.0);
    }
    std::size_t size() const { return v_.size(); }
    double* data() { return v_.data(); }
    const double* data() const { return v_.data(); }

   private:
    std::vector<double> v_;
  };
  using Stencil = Stencil7;
  using CoarsestSolver = rt::CoarsestSolver;

  template <class F>
  static void for_each_point(const Extent& e, F f) {
    rt::for_each_point(e, f);
  }
  template <class F>
  static void for_each_index(std::size_t n, F f) {
    rt::for_each_index(n, f);
  }
  template <class F>
  static double sum_over_range(std::size_t n, F f) {
    return rt::sum_over_range(n, f);
  }
  template <class F>
  static Sums3 sums_over_points(const Extent& e, F f) {
    return rt::sums_over_points(e, f);
  }
  // Pipelined over z-planes by row (for_each.hpp): the values of
  // gauss_seidel_update colour by colour, half the memory traffic.
  static void gauss_seidel_sweep(const ConstStencilView& A, double* x, const double* rhs,
                                 int first_colour) {
    red_black_sweep(A.ext, first_colour,
                    [=](int j, int k, int colour) { gauss_seidel_row(A, x, rhs, j, k, colour); });
  }
  static double measured_sweep(const ConstStencilView& A, double* x, const double* rhs,
                               int first_colour) {
    return red_black_sweep(A.ext, first_colour, [=](int j, int k, int colour) {
      return gauss_seidel_row(A, x, rhs, j, k, colour);
    });
  }
  static void fill_zero(double* p, std::size_t n) { std::fill(p, p + n, 0.0); }
  static void copy(const double* from, double* to, std::size_t n) { std::copy(from, from + n, to); }
  static void finish(const char*) {}
};

}  // namespace rt
