// rigtherm_bench: one program, one run, three figures (see bench/README.md).
//
//   1. memory bandwidth of this machine: a STREAM-like triad a = b + s*c over
//      three arrays much larger than the caches, OpenMP over the current
//      thread count, best of several repetitions, 24 B per element counted
//      (STREAM convention: the write-allocate read of `a` is NOT counted);
//   2. solver throughput: outer SIMPLEC iterations per second on a 3-D
//      differentially heated cavity of n^3 cells (default 128^3 = 2.1 M) at
//      Ra = 1e5, as cell-iterations per second, and bytes per cell-iteration
//      = bandwidth / throughput (how many bytes of DRAM traffic the machine
//      could have moved per cell per outer iteration);
//   4. (CUDA builds, when a device can be used) device memory bandwidth:
//      copy (16 B/elem) and triad (24 B/elem) kernels, best of several; and
//      the device assembly of the three momentum equations (the same
//      kernels as the CPU's, cuda/device_assembly.hpp) on the throughput
//      cavity after two CPU outer iterations: point-assemblies per second
//      and bandwidth / throughput in bytes per point. Otherwise "no CUDA device (reason)" and
//      skipped.
//   3. time to a converged answer: the 2-D Ra = 1e6 cavity at 128x128 and the
//      3-D Ra = 1e5 cavity at 64^3 (tolerance 1e-5), with iterations, wall
//      time and the hot-wall Nusselt number.
//
// Usage: rigtherm_bench [--cells N] [--iterations K] [--warmup W]
//                       [--skip-converged] [--quick]

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "bench/cavity_model.hpp"
#include "cuda/device_query.hpp"
#include "geometry/grid.hpp"
#include "scenarios/model/model.hpp"
#include "solver/memory_estimate.hpp"
#include "solver/run.hpp"
#include "solver/steady_solver.hpp"
#ifdef RT_HAVE_CUDA
#include "cuda/device_bench.hpp"
#endif

#ifndef RT_BENCH_COMMIT
#define RT_BENCH_COMMIT "unknown"
#endif

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// ---------------------------------------------------------------- options
struct Options {
  int cells = 128;      // n for the n^3 throughput cavity
  int iterations = 10;  // timed outer iterations
  int warmup = 3;       // untimed outer iterations before them
  bool skip_converged = false;
  bool quick = false;
  std::size_t triad_mb = 80;  // per array
  int triad_reps = 10;
  // converged cases
  int n2d = 128;
  double ra2d = 1e6;
  int max_it_2d = 20000;
  int n3d = 64;
  double ra3d = 1e5;
  int max_it_3d = 20000;
  double tolerance = 1e-5;
};

[[noreturn]] void usage(const char* argv0, int rc) {
  std::fprintf(rc ? stderr : stdout,
               "usage: %s [--cells N] [--iterations K] [--warmup W] [--skip-converged] [--quick]\n"
               "  --cells N         throughput cavity is N^3 cells (default 128)\n"
               "  --iterations K    timed outer iterations (default 10)\n"
               "  --warmup W        untimed outer iterations first (default 3, at least 2)\n"
               "  --skip-converged  skip the time-to-converged-answer cases\n"
               "  --quick           small sizes, a smoke test (seconds)\n"
               "threads: OMP_NUM_THREADS\n",
               argv0);
  std::exit(rc);
}

Options parse(int argc, char** argv) {
  Options o;
  bool cells_set = false, iterations_set = false, warmup_set = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](const char* name) -> int {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", name);
        usage(argv[0], 2);
      }
      char* end = nullptr;
      const long v = std::strtol(argv[++i], &end, 10);
      if (*end != '\0' || v < 1 || v > 100000) {
        std::fprintf(stderr, "%s: bad value '%s'\n", name, argv[i]);
        usage(argv[0], 2);
      }
      return static_cast<int>(v);
    };
    if (a == "--cells") {
      o.cells = value("--cells");
      cells_set = true;
    } else if (a == "--iterations") {
      o.iterations = value("--iterations");
      iterations_set = true;
    } else if (a == "--warmup") {
      o.warmup = value("--warmup");
      warmup_set = true;
    } else if (a == "--skip-converged") {
      o.skip_converged = true;
    } else if (a == "--quick") {
      o.quick = true;
    } else if (a == "-h" || a == "--help") {
      usage(argv[0], 0);
    } else {
      std::fprintf(stderr, "unknown option '%s'\n", a.c_str());
      usage(argv[0], 2);
    }
  }
  if (o.warmup < 2) {
    // The acceleration's history is allocated at the end of the first
    // iteration; the memory figure is read at the end of the warm-up.
    std::fprintf(stderr, "--warmup must be at least 2\n");
    usage(argv[0], 2);
  }
  if (o.quick) {
    if (!cells_set) o.cells = 24;
    if (!iterations_set) o.iterations = 3;
    if (!warmup_set) o.warmup = 2;
    o.triad_mb = 16;
    o.triad_reps = 5;
    o.n2d = 24;
    o.ra2d = 1e4;
    o.max_it_2d = 2000;
    o.n3d = 12;
    o.ra3d = 1e4;
    o.max_it_3d = 2000;
  }
  return o;
}

// ---------------------------------------------------------------- triad
struct TriadResult {
  double best_GB_s = 0, median_GB_s = 0;
  std::size_t elements = 0;
};

TriadResult measure_triad(std::size_t mb_per_array, int reps) {
  const std::size_t n = mb_per_array * 1000 * 1000 / sizeof(double);
  // Uninitialised storage, first-touched in parallel with the same static
  // schedule as the triad, so pages land near the threads that use them.
  std::unique_ptr<double[]> a(new double[n]), b(new double[n]), c(new double[n]);
  double* pa = a.get();
  double* pb = b.get();
  double* pc = c.get();
  const long long nn = static_cast<long long>(n);
#pragma omp parallel for schedule(static)
  for (long long i = 0; i < nn; ++i) {
    pa[i] = 0.0;
    pb[i] = 1.0;
    pc[i] = 2.0;
  }
  const double s = 3.0;
  std::vector<double> rates;
  for (int r = 0; r < reps + 1; ++r) {  // first pass untimed-ish: discarded
    const auto t0 = Clock::now();
#pragma omp parallel for schedule(static)
    for (long long i = 0; i < nn; ++i) pa[i] = pb[i] + s * pc[i];
    const double t = seconds_since(t0);
    if (r > 0) rates.push_back(3.0 * sizeof(double) * static_cast<double>(n) / t / 1e9);
  }
  // Keep the result observable so the loop cannot be dropped.
  volatile double sink = pa[n / 2] + pa[n - 1];
  if (sink != 7.0 + 7.0) std::fprintf(stderr, "triad check failed\n");
  std::sort(rates.begin(), rates.end());
  TriadResult res;
  res.elements = n;
  res.best_GB_s = rates.back();
  res.median_GB_s = rates[rates.size() / 2];
  return res;
}

// ---------------------------------------------------------------- cavity
using rt::bench::cavity;

// Resident memory of this process in bytes (VmRSS, Linux); 0 when unknown.
double resident_bytes() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return 0.0;
  char line[256];
  double kib = 0.0;
  while (std::fgets(line, sizeof line, f))
    if (std::strncmp(line, "VmRSS:", 6) == 0) kib = std::atof(line + 6);
  std::fclose(f);
  return kib * 1024.0;
}

struct ThroughputResult {
  int n = 0;
  std::size_t cells = 0;
  int warmup = 0, iterations = 0;
  double setup_s = 0, warmup_s = 0, timed_s = 0;
  double cell_its_per_s = 0;
  double bytes_per_cell = 0;  // resident memory the solver added, per cell
  double last_mass = 0, last_momentum = 0, last_energy = 0;
  std::string error;
};

ThroughputResult measure_throughput(int n, double Ra, int warmup, int iterations) {
  ThroughputResult r;
  r.n = n;
  r.warmup = warmup;
  r.iterations = iterations;
  const rt::Model model = cavity(n, n, Ra, false);
  const rt::Grid grid = rt::make_uniform_grid(model.size_m, model.cells);
  r.cells = grid.total_cells();
  try {
    const double resident_before = resident_bytes();
    auto t0 = Clock::now();
    // The iterations of a run (rt::SteadySolver::solve: the outer iteration
    // and its acceleration), none of them converging; the acceleration from
    // the first, so that its history is held by the end of the warm-up.
    rt::Model run_model = model;
    run_model.solver.max_iterations = warmup + iterations;
    run_model.solver.tolerance = 1e-300;
    rt::SimplecSettings settings;
    settings.acceleration_start = 1;
    rt::SteadySolver solver(run_model, grid, settings);
    r.setup_s = seconds_since(t0);
    t0 = Clock::now();
    Clock::time_point timed_from = t0;
    rt::RunOptions run;
    run.on_progress = [&](const rt::Progress& p) {
      if (p.iteration == warmup) {
        r.warmup_s = seconds_since(t0);
        // Every field, system, multigrid level, Krylov vector and the
        // acceleration's history is touched by the end of the warm-up.
        r.bytes_per_cell = (resident_bytes() - resident_before) / static_cast<double>(r.cells);
        timed_from = Clock::now();
      } else if (p.iteration > warmup) {
        std::printf("    iteration %3d: %.3f s  (mass %.2e, momentum %.2e, energy %.2e)\n",
                    p.iteration, p.seconds_per_iteration, p.mass, p.momentum, p.energy);
        std::fflush(stdout);
        r.last_mass = p.mass;
        r.last_momentum = p.momentum;
        r.last_energy = p.energy;
      }
    };
    solver.solve(run);
    r.timed_s = seconds_since(timed_from);
    r.cell_its_per_s = static_cast<double>(r.cells) * iterations / r.timed_s;
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  return r;
}

struct ConvergedResult {
  std::string name;
  int n = 0, nz = 0;
  double Ra = 0;
  std::size_t cells = 0;
  int iterations = 0;
  bool converged = false;
  std::string stop_reason;
  double wall_s = 0;
  double Nu = 0;
  double Nu_ref = 0;  // 0 = none
  std::string error;
};

ConvergedResult run_converged(const std::string& name, int n, double Ra, bool two_d,
                              int max_iterations, double tolerance, double Nu_ref) {
  ConvergedResult r;
  r.name = name;
  r.n = n;
  r.nz = two_d ? 1 : n;
  r.Ra = Ra;
  r.Nu_ref = Nu_ref;
  rt::Model model = cavity(n, r.nz, Ra, two_d);
  model.solver.max_iterations = max_iterations;
  model.solver.tolerance = tolerance;
  const rt::Grid grid = rt::make_uniform_grid(model.size_m, model.cells);
  r.cells = grid.total_cells();
  try {
    rt::SteadySolver solver(model, grid);
    rt::RunOptions options;
    int next_report = 0;
    options.on_progress = [&](const rt::Progress& p) {
      if (p.elapsed_s < next_report) return;
      next_report = static_cast<int>(p.elapsed_s) + 30;
      std::printf("    it %6d  %7.1f s  mass %.2e momentum %.2e energy %.2e\n", p.iteration,
                  p.elapsed_s, p.mass, p.momentum, p.energy);
      std::fflush(stdout);
    };
    const rt::Summary s = solver.solve(options);
    r.iterations = s.iterations;
    r.converged = s.converged;
    r.stop_reason = s.stop_reason;
    r.wall_s = s.wall_time_s;
    // Nu = q L / (k dT A): L = 1, k = 1, dT = 1, A = 1 x Lz; heat enters at xmin.
    r.Nu = rt::bench::hot_wall_nusselt(model, s.boundaries[0].heat_out_W);
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  return r;
}

std::string cells_label(int n, int nz) {
  return std::to_string(n) + "x" + std::to_string(n) + "x" + std::to_string(nz);
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const int threads = omp_get_max_threads();
  std::printf("rigtherm_bench  commit %s  threads %d%s\n\n", RT_BENCH_COMMIT, threads,
              o.quick ? "  (--quick: smoke-test sizes, figures not meaningful)" : "");
  std::fflush(stdout);

  // 1. bandwidth
  std::printf("[1/3] triad a = b + s*c, 3 x %zu MB, best of %d\n", o.triad_mb, o.triad_reps);
  std::fflush(stdout);
  const TriadResult triad = measure_triad(o.triad_mb, o.triad_reps);
  std::printf("    best %.2f GB/s, median %.2f GB/s\n\n", triad.best_GB_s, triad.median_GB_s);

  // 2. throughput
  std::printf("[2/3] throughput: 3-D cavity %d^3, Ra 1e5, %d warm-up + %d timed outer iterations\n",
              o.cells, o.warmup, o.iterations);
  std::fflush(stdout);
  const ThroughputResult tp = measure_throughput(o.cells, 1e5, o.warmup, o.iterations);
  if (!tp.error.empty()) std::printf("    FAILED: %s\n", tp.error.c_str());
  const double bytes_per_cell_it =
      tp.cell_its_per_s > 0 ? triad.best_GB_s * 1e9 / tp.cell_its_per_s : 0.0;
  std::printf("\n");

  // 3. converged answers
  std::vector<ConvergedResult> conv;
  if (!o.skip_converged) {
    std::printf("[3/3] time to converged answer (tolerance %.0e)\n", o.tolerance);
    std::printf("  2-D cavity %dx%d, Ra %.0e\n", o.n2d, o.n2d, o.ra2d);
    std::fflush(stdout);
    // de Vahl Davis (1983) hot-wall Nu: 2.238 (1e4), 8.817 (1e6).
    const double ref2d = o.ra2d == 1e6 ? 8.817 : (o.ra2d == 1e4 ? 2.238 : 0.0);
    conv.push_back(
        run_converged("2-D cavity", o.n2d, o.ra2d, true, o.max_it_2d, o.tolerance, ref2d));
    std::printf("  3-D cavity %d^3, Ra %.0e\n", o.n3d, o.ra3d);
    std::fflush(stdout);
    conv.push_back(
        run_converged("3-D cavity", o.n3d, o.ra3d, false, o.max_it_3d, o.tolerance, 0.0));
    std::printf("\n");
  } else {
    std::printf("[3/3] skipped (--skip-converged)\n\n");
  }

  // 4. CUDA device
  struct CudaResult {
    bool ran = false;
    std::string skipped, error, device;
    double copy_GB_s = 0, triad_GB_s = 0;
    std::size_t points = 0, device_bytes = 0;
    double assembly_s = 0, points_per_s = 0;
  } cu;
  {
    std::string why;
    if (!rt::cuda_device_available(&why)) {
      cu.skipped = "no CUDA device (" + why + ")";
      std::printf("[cuda] %s: device measurements skipped\n\n", cu.skipped.c_str());
    } else {
#ifdef RT_HAVE_CUDA
      std::printf(
          "[cuda] device bandwidth (copy, triad) and momentum assembly on the %d^3 cavity\n",
          o.cells);
      std::fflush(stdout);
      try {
        const rt::DeviceBandwidth bw =
            rt::measure_device_bandwidth(o.quick ? 16 : 1024, o.quick ? 3 : 20);
        cu.device = bw.device;
        cu.copy_GB_s = bw.copy_GB_s;
        cu.triad_GB_s = bw.triad_GB_s;
        const rt::Model model = cavity(o.cells, o.cells, 1e5, false);
        const rt::Grid grid = rt::make_uniform_grid(model.size_m, model.cells);
        // Two CPU outer iterations first: moving air, so that the assembly
        // takes the branches of a real iteration (not a fluid at rest).
        rt::SteadySolver solver(model, grid);
        for (int it = 0; it < 2; ++it) solver.iterate();
        const rt::DeviceAssemblyRate rate =
            rt::measure_device_momentum_assembly(solver.state(), o.quick ? 3 : 20);
        cu.points = rate.points;
        cu.device_bytes = rate.device_bytes;
        cu.assembly_s = rate.seconds;
        cu.points_per_s = rate.points_per_s;
        cu.ran = true;
      } catch (const std::exception& e) {
        cu.error = e.what();
        std::printf("    FAILED: %s\n", e.what());
      }
#else
      cu.skipped = "this rigtherm_bench was built without CUDA";
#endif
      std::printf("\n");
    }
  }

  // Table.
  std::printf(
      "==================================================================================\n");
  std::printf("rigtherm_bench  commit %s  OpenMP threads %d%s\n", RT_BENCH_COMMIT, threads,
              o.quick ? "  (--quick)" : "");
  std::printf(
      "----------------------------------------------------------------------------------\n");
  std::printf("memory bandwidth, triad 3 x %zu MB (24 B/elem)  %10.2f GB/s (best; median %.2f)\n",
              o.triad_mb, triad.best_GB_s, triad.median_GB_s);
  if (tp.error.empty()) {
    std::printf("solver throughput, 3-D cavity %d^3 = %zu cells\n", tp.n, tp.cells);
    std::printf("  time per outer iteration (mean of %d)        %10.3f s\n", tp.iterations,
                tp.timed_s / tp.iterations);
    std::printf("  cell-iterations per second                   %10.3e\n", tp.cell_its_per_s);
    std::printf("  bytes per cell-iteration (bandwidth/thrpt)   %10.0f B   (a diagnostic)\n",
                bytes_per_cell_it);
    std::printf("  solver memory per cell (resident, warmed up) %10.0f B   (check plans %.0f B)\n",
                tp.bytes_per_cell, rt::kSolveBytesPerCell);
  } else {
    std::printf("solver throughput: FAILED (%s)\n", tp.error.c_str());
  }
  if (!conv.empty()) {
    std::printf(
        "----------------------------------------------------------------------------------\n");
    std::printf("%-12s %-12s %6s %9s %10s %10s %9s %8s %8s\n", "case", "cells", "Ra", "converged",
                "iterations", "wall [s]", "s/iter", "Nu_hot", "Nu_ref");
    for (const ConvergedResult& c : conv) {
      if (!c.error.empty()) {
        std::printf("%-12s %-12s %6.0e FAILED: %s\n", c.name.c_str(),
                    cells_label(c.n, c.nz).c_str(), c.Ra, c.error.c_str());
        continue;
      }
      char ref[32] = "-";
      if (c.Nu_ref > 0) std::snprintf(ref, sizeof ref, "%.3f", c.Nu_ref);
      std::printf("%-12s %-12s %6.0e %9s %10d %10.1f %9.4f %8.3f %8s\n", c.name.c_str(),
                  cells_label(c.n, c.nz).c_str(), c.Ra, c.converged ? "yes" : "NO", c.iterations,
                  c.wall_s, c.iterations > 0 ? c.wall_s / c.iterations : 0.0, c.Nu, ref);
    }
  }
  std::printf(
      "----------------------------------------------------------------------------------\n");
  if (cu.ran) {
    std::printf("CUDA device: %s\n", cu.device.c_str());
    std::printf("  device bandwidth, copy (16 B/elem)             %10.2f GB/s (best)\n",
                cu.copy_GB_s);
    std::printf("  device bandwidth, triad (24 B/elem)            %10.2f GB/s (best)\n",
                cu.triad_GB_s);
    std::printf("  momentum assembly, %zu points (3 axes)    %10.3e s (best)\n", cu.points,
                cu.assembly_s);
    std::printf("  momentum point-assemblies per second           %10.3e\n", cu.points_per_s);
    std::printf("  bytes per point (triad bandwidth/thrpt)        %10.0f B\n",
                cu.points_per_s > 0 ? cu.triad_GB_s * 1e9 / cu.points_per_s : 0.0);
    std::printf("  device memory held (state + 3 stencils)        %10.3f GB\n",
                static_cast<double>(cu.device_bytes) / 1e9);
  } else if (!cu.error.empty()) {
    std::printf("CUDA device: FAILED (%s)\n", cu.error.c_str());
  } else {
    std::printf("CUDA device: skipped, %s\n", cu.skipped.c_str());
  }
  std::printf(
      "==================================================================================\n");

  bool ok = tp.error.empty() && cu.error.empty();
  for (const ConvergedResult& c : conv) ok = ok && c.error.empty();
  return ok ? 0 : 1;
}
