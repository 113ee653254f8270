// rigtherm_peer_case: solves one of the peer cavities (bench/peer/README.md)
// the way the OpenFOAM scripts beside it do, and prints one JSON line with
// the same keys: case, Ra, grid, cells, threads, iterations, converged,
// wall_s, Nu. It runs the solve `rigtherm run` runs (run_steady: the coarse-
// grid start, then the run's grid); `iterations` are the run's grid's, the
// coarse levels' are in `coarse_iterations` (their grids in `coarse_grids`,
// their time in `coarse_wall_s`).
// wall_s is the whole solve as a user waits for it: solver set-up (grid,
// multigrid) and the coarse start included, the program's start and exit not.
//
// Usage: rigtherm_peer_case dvd2d|cube3d [--ra RA] [--n N] [--tolerance T]
//                           [--max-iterations K] [--history EVERY]
//                           [--no-coarse-start] [--backend cpu|cuda|mirror]
//
// --history EVERY prints the normalised residuals every EVERY iterations to
// stderr: where the iterations go, for tuning the outer iteration.
// --no-coarse-start starts from rest on the run's grid ([solver]
// coarse_start = false), for measuring what the coarse start buys.
// --backend runs the field work where `rigtherm run --backend` does
// (solver/compute_backend.hpp); the JSON line says which ("backend").

#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>

#include "bench/cavity_model.hpp"
#include "cuda/device_simplec_steps.hpp"
#include "geometry/grid.hpp"
#include "solver/run.hpp"

namespace {

struct Options {
  std::string kind;
  double Ra = 1e5;
  int n = 0;  // 0: the kind's default (128 for dvd2d, 64 for cube3d)
  double tolerance = 1e-6;
  int max_iterations = 20000;
  int history_every = 0;
  bool coarse_start = true;
  rt::ComputeBackend backend = rt::ComputeBackend::cpu;
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr,
               "rigtherm_peer_case: %s\n"
               "usage: rigtherm_peer_case dvd2d|cube3d [--ra RA] [--n N] [--tolerance T] "
               "[--max-iterations K] [--history EVERY] [--no-coarse-start] "
               "[--backend cpu|cuda|mirror]\n",
               why);
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&]() -> const char* {
      if (i + 1 >= argc) usage(("missing value after " + a).c_str());
      return argv[++i];
    };
    if (a == "--ra")
      o.Ra = std::atof(value());
    else if (a == "--n")
      o.n = std::atoi(value());
    else if (a == "--tolerance")
      o.tolerance = std::atof(value());
    else if (a == "--max-iterations")
      o.max_iterations = std::atoi(value());
    else if (a == "--history")
      o.history_every = std::atoi(value());
    else if (a == "--no-coarse-start")
      o.coarse_start = false;
    else if (a == "--backend") {
      const std::optional<rt::ComputeBackend> b = rt::parse_backend(value());
      if (!b) usage("--backend is cpu, cuda or mirror");
      o.backend = *b;
    } else if (o.kind.empty() && (a == "dvd2d" || a == "cube3d"))
      o.kind = a;
    else
      usage(("unknown argument " + a).c_str());
  }
  if (o.kind.empty()) usage("name a case: dvd2d or cube3d");
  if (o.n == 0) o.n = o.kind == "dvd2d" ? 128 : 64;
  if (o.n < 4 || !(o.Ra > 0.0) || !(o.tolerance > 0.0) || o.max_iterations < 1)
    usage("N >= 4, RA > 0, T > 0 and K >= 1 please");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const bool two_d = o.kind == "dvd2d";
  const int nz = two_d ? 1 : o.n;
  rt::Model model = rt::bench::cavity(o.n, nz, o.Ra, two_d);
  model.solver.max_iterations = o.max_iterations;
  model.solver.tolerance = o.tolerance;
  model.solver.coarse_start = o.coarse_start;
  try {
    const auto t0 = std::chrono::steady_clock::now();
    rt::RunOptions run;
    run.backend = o.backend;
    run.device_steps = rt::make_device_simplec_steps;
    if (o.history_every > 0)
      run.on_progress = [every = o.history_every](const rt::Progress& p) {
        if (p.iteration % every == 0 || p.iteration == 1)
          std::fprintf(stderr, "%-6s %6d  mass %.3e  momentum %.3e  energy %.3e  %.1f ms/it\n",
                       p.stage.c_str(), p.iteration, p.mass, p.momentum, p.energy,
                       1e3 * p.seconds_per_iteration);
      };
    const rt::RunResult result = rt::run_steady(model, run);
    const rt::Summary& s = result.summary;
    const double wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::string coarse_grids, coarse_iterations;
    double coarse_wall_s = 0.0;
    if (s.coarse_start) {
      coarse_wall_s = s.coarse_start->wall_time_s;
      const rt::CoarseStartSummary& c = *s.coarse_start;
      for (std::size_t l = 0; l < c.cells.size(); ++l) {
        const char* sep = l ? "," : "";
        coarse_grids += std::string(sep) + "\"" + std::to_string(c.cells[l][0]) + "x" +
                        std::to_string(c.cells[l][1]) + "x" + std::to_string(c.cells[l][2]) + "\"";
        coarse_iterations += sep + std::to_string(c.iterations[l]);
      }
    }
    std::printf(
        "{\"code\":\"rigtherm\",\"backend\":\"%s\",\"case\":\"%s\",\"Ra\":%g,\"grid\":\"%dx%dx%d\","
        "\"cells\":%zu,"
        "\"threads\":%d,\"iterations\":%d,\"coarse_grids\":[%s],\"coarse_iterations\":[%s],"
        "\"coarse_wall_s\":%.3f,\"converged\":%s,\"tolerance\":%g,\"wall_s\":%.3f,\"Nu\":%.6f}\n",
        rt::backend_name(o.backend), o.kind.c_str(), o.Ra, o.n, o.n, nz, result.grid.total_cells(),
        omp_get_max_threads(), s.iterations, coarse_grids.c_str(), coarse_iterations.c_str(),
        coarse_wall_s, s.converged ? "true" : "false", o.tolerance, wall_s,
        rt::bench::hot_wall_nusselt(model, s.boundaries[0].heat_out_W));
    return s.converged ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rigtherm_peer_case: %s\n", e.what());
    return 1;
  }
}
