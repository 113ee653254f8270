#pragma once
// The OpenMP launchers. Physics is written as per-point functions
// (solver/kernels/*_k.hpp); these loops only decide who runs which point.
// cuda/ will provide the same three launchers as kernel launches.

#include <omp.h>

#include <cstddef>
#include <limits>
#include <type_traits>

#include "solver/core/extent.hpp"
#include "solver/core/larger_of.hpp"
#include "solver/core/sums3.hpp"

namespace rt {

// Loops smaller than this run on one thread: the coarse multigrid levels and
// small grids cost less than waking the team (and an oversubscribed machine
// makes every barrier expensive).
constexpr std::size_t kParallelThreshold = 16384;

// Whether a loop of `count` points goes to the thread team. The others run
// on the calling thread without entering an OpenMP region at all: in
// libgomp even a region of one thread ends with a futex system call, and
// the 2-D peer cavity (bench/peer.sh) opened some 600 regions per outer
// iteration, 123,000 system calls in a 1.5 s solve.
inline bool on_team(std::size_t count) {
  return count >= kParallelThreshold && omp_get_max_threads() > 1;
}

// f(i, j, k) for every point of the extent.
template <class F>
void for_each_point(const Extent& e, F&& f) {
  const int nj = e.n[1], nk = e.n[2], ni = e.n[0];
  if (!on_team(e.size())) {
    for (int k = 0; k < nk; ++k)
      for (int j = 0; j < nj; ++j)
        for (int i = 0; i < ni; ++i) f(i, j, k);
    return;
  }
#pragma omp parallel for collapse(2) schedule(static)
  for (int k = 0; k < nk; ++k)
    for (int j = 0; j < nj; ++j)
      for (int i = 0; i < ni; ++i) f(i, j, k);
}

// One red-black Gauss-Seidel sweep, f(j, k, colour) doing the points of one
// colour in row (j, k); when f returns a number per row, the sweep returns
// their sum (else 0). Pipelined over z-planes: the first colour on plane k,
// then the second colour on plane k-1, whose first-colour neighbours (planes
// k-2..k) are final by then. The result is the same as two full half-sweeps,
// but each plane's coefficients are still in cache for the second colour,
// which halves the memory traffic of the smoother.
template <class F>
double red_black_sweep(const Extent& e, int first_colour, F&& f) {
  const int nj = e.n[1], nk = e.n[2];
  const int second_colour = 1 - first_colour;
  const auto row = [&f](int j, int k, int colour) -> double {
    if constexpr (std::is_void_v<std::invoke_result_t<F&, int, int, int>>) {
      f(j, k, colour);
      return 0.0;
    } else {
      return f(j, k, colour);
    }
  };
  double total = 0.0;
  if (!on_team(e.size())) {
    for (int step = 0; step <= nk; ++step) {
      if (step < nk)
        for (int j = 0; j < nj; ++j) total += row(j, step, first_colour);
      if (step >= 1)
        for (int j = 0; j < nj; ++j) total += row(j, step - 1, second_colour);
    }
    return total;
  }
#pragma omp parallel reduction(+ : total)
  for (int step = 0; step <= nk; ++step) {
    if (step < nk) {
#pragma omp for schedule(static)
      for (int j = 0; j < nj; ++j) total += row(j, step, first_colour);
    }
    if (step >= 1) {
#pragma omp for schedule(static)
      for (int j = 0; j < nj; ++j) total += row(j, step - 1, second_colour);
    }
  }
  return total;
}

// Sum of f(i, j, k) over the extent, accumulated in double.
template <class F>
double sum_over_points(const Extent& e, F&& f) {
  const int nj = e.n[1], nk = e.n[2], ni = e.n[0];
  double total = 0.0;
  if (!on_team(e.size())) {
    for (int k = 0; k < nk; ++k)
      for (int j = 0; j < nj; ++j)
        for (int i = 0; i < ni; ++i) total += f(i, j, k);
    return total;
  }
#pragma omp parallel for collapse(2) schedule(static) reduction(+ : total)
  for (int k = 0; k < nk; ++k)
    for (int j = 0; j < nj; ++j)
      for (int i = 0; i < ni; ++i) total += f(i, j, k);
  return total;
}

// Three sums of one pass over the extent: f(i, j, k) returns a Sums3.
template <class F>
Sums3 sums_over_points(const Extent& e, F&& f) {
  const int nj = e.n[1], nk = e.n[2], ni = e.n[0];
  double a = 0.0, b = 0.0, c = 0.0;
  // Called with the team's private copies of the sums inside the region.
  const auto add_row = [&f, ni](int j, int k, double& sa, double& sb, double& sc) {
    for (int i = 0; i < ni; ++i) {
      const Sums3 s = f(i, j, k);
      sa += s.a;
      sb += s.b;
      sc += s.c;
    }
  };
  if (!on_team(e.size())) {
    for (int k = 0; k < nk; ++k)
      for (int j = 0; j < nj; ++j) add_row(j, k, a, b, c);
    return {a, b, c};
  }
#pragma omp parallel for collapse(2) schedule(static) reduction(+ : a, b, c)
  for (int k = 0; k < nk; ++k)
    for (int j = 0; j < nj; ++j) add_row(j, k, a, b, c);
  return {a, b, c};
}

// Largest f(i, j, k) over the extent (NaN-safe callers map NaN to +inf).
template <class F>
double max_over_points(const Extent& e, F&& f) {
  const int nj = e.n[1], nk = e.n[2], ni = e.n[0];
  double best = -std::numeric_limits<double>::infinity();
  if (!on_team(e.size())) {
    for (int k = 0; k < nk; ++k)
      for (int j = 0; j < nj; ++j)
        for (int i = 0; i < ni; ++i) best = larger_of(best, f(i, j, k));
    return best;
  }
#pragma omp parallel for collapse(2) schedule(static) reduction(max : best)
  for (int k = 0; k < nk; ++k)
    for (int j = 0; j < nj; ++j)
      for (int i = 0; i < ni; ++i) {
        const double v = f(i, j, k);
        if (v > best) best = v;
      }
  return best;
}

// Sum of f(n) over a flat range [0, count).
template <class F>
double sum_over_range(std::size_t count, F&& f) {
  double total = 0.0;
  const long long n = static_cast<long long>(count);
  if (!on_team(count)) {
    for (long long m = 0; m < n; ++m) total += f(static_cast<std::size_t>(m));
    return total;
  }
#pragma omp parallel for schedule(static) reduction(+ : total)
  for (long long m = 0; m < n; ++m) total += f(static_cast<std::size_t>(m));
  return total;
}

// Largest f(n) over a flat range [0, count) (-inf when empty).
template <class F>
double max_over_range(std::size_t count, F&& f) {
  double best = -std::numeric_limits<double>::infinity();
  const long long n = static_cast<long long>(count);
  if (!on_team(count)) {
    for (long long m = 0; m < n; ++m) best = larger_of(best, f(static_cast<std::size_t>(m)));
    return best;
  }
#pragma omp parallel for schedule(static) reduction(max : best)
  for (long long m = 0; m < n; ++m) {
    const double v = f(static_cast<std::size_t>(m));
    if (v > best) best = v;
  }
  return best;
}

template <class F>
void for_each_index(std::size_t count, F&& f) {
  const long long n = static_cast<long long>(count);
  if (!on_team(count)) {
    for (long long m = 0; m < n; ++m) f(static_cast<std::size_t>(m));
    return;
  }
#pragma omp parallel for schedule(static)
  for (long long m = 0; m < n; ++m) f(static_cast<std::size_t>(m));
}

}  // namespace rt
