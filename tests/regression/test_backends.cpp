// The debug mirror backend (solver/compute_backend.hpp): the CUDA solve's
// code path, every upload and download between the FlowState and a second
// copy of the fields, run on the host. It must give the CPU backend's answer
// to the bit: the arithmetic is the same, so any difference is a transfer
// that is missing or comes too late, which on a GPU would be a wrong answer
// that no CPU test could see.

#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "backend_cases.hpp"
#include "solver/run.hpp"
#include "solver/steady_solver.hpp"
#include "solver/transient_solver.hpp"

namespace rt {
namespace {

struct Solved {
  Summary summary;
  std::array<std::vector<double>, 3> vel;
  std::vector<double> p, T;
};

Solved solve_on(const Model& model, ComputeBackend backend) {
  SimplecSettings settings;
  settings.backend = backend;
  SteadySolver solver(model, make_grid(model), settings);
  Solved s;
  s.summary = solver.solve(RunOptions{});
  s.vel = solver.state().vel;
  s.p = solver.state().p;
  s.T = solver.state().T;
  return s;
}

// The number of entries that differ in any bit.
std::size_t differing(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return a.size() + b.size();
  std::size_t n = 0;
  for (std::size_t m = 0; m < a.size(); ++m)
    if (std::memcmp(&a[m], &b[m], sizeof(double)) != 0) ++n;
  return n;
}

class MirrorBackend : public ::testing::TestWithParam<BackendCase> {};

TEST_P(MirrorBackend, GivesTheCpuAnswerToTheBit) {
  const Model model = backend_case_model(GetParam());
  const Solved cpu = solve_on(model, ComputeBackend::cpu);
  const Solved mirror = solve_on(model, ComputeBackend::mirror);
  EXPECT_EQ(cpu.summary.backend, "cpu");
  EXPECT_EQ(mirror.summary.backend, "mirror");
  ASSERT_EQ(mirror.summary.iterations, cpu.summary.iterations);
  ASSERT_EQ(mirror.summary.convergence.size(), cpu.summary.convergence.size());
  for (std::size_t i = 0; i < cpu.summary.convergence.size(); ++i) {
    const ResidualRecord &a = cpu.summary.convergence[i], &b = mirror.summary.convergence[i];
    ASSERT_EQ(a.mass, b.mass) << "iteration " << a.iteration;
    ASSERT_EQ(a.momentum, b.momentum) << "iteration " << a.iteration;
    ASSERT_EQ(a.energy, b.energy) << "iteration " << a.iteration;
  }
  for (int a = 0; a < 3; ++a) EXPECT_EQ(differing(cpu.vel[a], mirror.vel[a]), 0u) << "vel " << a;
  EXPECT_EQ(differing(cpu.p, mirror.p), 0u);
  EXPECT_EQ(differing(cpu.T, mirror.T), 0u);
  ASSERT_EQ(cpu.summary.components.size(), mirror.summary.components.size());
  for (std::size_t c = 0; c < cpu.summary.components.size(); ++c)
    EXPECT_EQ(cpu.summary.components[c].T_max_C, mirror.summary.components[c].T_max_C)
        << cpu.summary.components[c].name;
}

INSTANTIATE_TEST_SUITE_P(Cases, MirrorBackend, ::testing::ValuesIn(backend_cases()),
                         backend_case_name);

TEST(MirrorBackend, TransientRunsAreRefusedWithTheReason) {
  Model model = backend_case_model(backend_cases().front());
  model.solver.mode = SolveMode::transient;
  SimplecSettings settings;
  settings.backend = ComputeBackend::mirror;
  try {
    TransientSolver solver(model, make_grid(model), settings);
    FAIL() << "a transient run on the mirror backend was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("transient runs solve on the CPU"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace rt
