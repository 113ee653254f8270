// Device assembly against the CPU (issue 6): on validation-like scenarios,
// each equation is assembled on the CPU (the loops of steady_solver.cpp) and
// on the GPU (cuda/device_assembly.hpp, the same assemble_* functions of
// solver/kernels/*_k.hpp on device copies of the arrays), and every
// coefficient, source and SIMPLEC factor is compared.
//
// Tolerance. Both sides run the same FP64 operations in the same order; IEEE
// division and sqrt are correctly rounded on both. What differs is
// contraction: nvcc fuses a * b + c into one fused multiply-add (one
// rounding instead of two) by default, while the x86-64 host build does not
// (no -mfma). Each fused operation can change the last bit of an
// intermediate, and a source that sums terms of opposite sign (pressure
// force against buoyancy in a resting hot cavity) can lose digits to
// cancellation, so an element may differ by a few ulps of the largest terms
// behind it. Accepted: |gpu - cpu| <= 1e-12 * max(|cpu|, |gpu|) + 1e-12 *
// max|cpu| over the array (cancellation of up to ~1e4 between a term and
// the array's largest value). A wrong index, a missing term or a wrong sign
// is many orders of magnitude above that. The residual sums are accumulated
// in a different order (warp sums and atomics), all terms non-negative:
// relative 1e-9.
//
// Without a CUDA device (the development machines: no driver) the GPU tests
// skip; the comparator's own test (ComparatorCatchesAPerturbation) runs
// everywhere and shows that the comparison can fail.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "cuda/device_assembly.hpp"
#include "cuda/device_flow_state.hpp"
#include "cuda/device_query.hpp"
#include "cuda_test_support.hpp"
#include "geometry/snapped_grid.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "solver/kernels/energy_k.hpp"
#include "solver/kernels/momentum_k.hpp"
#include "solver/kernels/pressure_k.hpp"
#include "solver/steady_solver.hpp"

namespace rt {
namespace {

constexpr double kRelTol = 1e-12;
constexpr double kArrayTol = 1e-12;
constexpr double kSumTol = 1e-9;

// Number of elements outside the tolerance; the first few are described in *report.
std::size_t count_mismatches(const std::vector<double>& cpu, const std::vector<double>& gpu,
                             const std::string& what, std::string* report) {
  if (cpu.size() != gpu.size()) {
    *report += what + ": sizes differ\n";
    return std::max<std::size_t>(1, std::max(cpu.size(), gpu.size()));
  }
  double array_max = 0.0;
  for (double x : cpu) array_max = std::max(array_max, std::fabs(x));
  std::size_t bad = 0;
  for (std::size_t m = 0; m < cpu.size(); ++m) {
    const double c = cpu[m], g = gpu[m];
    const double tol = kRelTol * std::max(std::fabs(c), std::fabs(g)) + kArrayTol * array_max;
    if (std::fabs(g - c) <= tol && !std::isnan(g) == !std::isnan(c)) continue;
    if (bad < 5) {
      std::ostringstream s;
      s.precision(17);
      s << what << "[" << m << "]: cpu " << c << " gpu " << g << " (tolerance " << tol << ")\n";
      *report += s.str();
    }
    ++bad;
  }
  return bad;
}

std::vector<double> copy_of(const double* p, std::size_t n) { return {p, p + n}; }

std::size_t compare_stencils(const Stencil7& cpu, const Stencil7& gpu, const std::string& what,
                             std::string* report) {
  const ConstStencilView c = cpu.view(), g = gpu.view();
  const std::size_t n = c.ext.size();
  std::size_t bad = count_mismatches(copy_of(c.aP, n), copy_of(g.aP, n), what + ".aP", report);
  bad += count_mismatches(copy_of(c.b, n), copy_of(g.b, n), what + ".b", report);
  for (int s = 0; s < kNeighbourSlots; ++s)
    bad += count_mismatches(copy_of(c.a[s], n), copy_of(g.a[s], n), what + ".a" + std::to_string(s),
                            report);
  return bad;
}

void expect_sum_near(double cpu, double gpu, const std::string& what) {
  EXPECT_LE(std::fabs(gpu - cpu), kSumTol * std::fabs(cpu) + 1e-300)
      << what << ": cpu " << cpu << " gpu " << gpu;
}

TEST(CudaAssembly, ComparatorCatchesAPerturbation) {
  std::vector<double> cpu = {1.0, -2.5, 1e-3, 0.0, 7.0};
  std::vector<double> gpu = cpu;
  std::string report;
  EXPECT_EQ(count_mismatches(cpu, gpu, "same", &report), 0u);
  gpu[1] *= 1.0 + 1e-14;  // round-off: some tens of ulps, well within
  EXPECT_EQ(count_mismatches(cpu, gpu, "round-off", &report), 0u);
  gpu[2] = cpu[2] * (1.0 + 1e-6);  // a small but real difference
  EXPECT_EQ(count_mismatches(cpu, gpu, "perturbed", &report), 1u);
  gpu[4] = -7.0;  // a sign error
  EXPECT_EQ(count_mismatches(cpu, gpu, "perturbed", &report), 2u);
  EXPECT_NE(report.find("perturbed[2]"), std::string::npos) << report;
}

struct Scenario {
  const char* name;
  const char* path;      // from the source tree
  const char* physics;   // extra lines after [physics], or ""
  bool transient_terms;  // switch on the time derivative (BDF2) before assembling
};

const Scenario kScenarios[] = {
    {"heated_cavity", "examples/heated-cavity.toml", "", false},
    {"stacked_cards", "examples/stacked-cards-2d.toml", "", false},
    {"fan_vent_porous_box", "tests/cli/resume-box.toml", "", false},
    {"fan_vent_porous_box_lvel", "tests/cli/resume-box.toml", "turbulence = \"lvel\"\n", false},
    {"fan_vent_porous_box_transient", "tests/cli/resume-box.toml", "", true},
};

class CudaAssemblyVsCpu : public ::testing::TestWithParam<Scenario> {};

TEST_P(CudaAssemblyVsCpu, EveryCoefficientAgrees) {
  const Scenario& sc = GetParam();
  std::string text = read_text_file(std::string(RT_SOURCE_DIR) + "/" + sc.path);
  ASSERT_FALSE(text.empty()) << sc.path;
  if (sc.physics[0] != '\0') {
    const std::size_t at = text.find("[physics]\n");
    ASSERT_NE(at, std::string::npos);
    text.insert(at + 10, sc.physics);
  }
  const Model model = parse_scenario(text, sc.path);
  const Grid grid = make_grid(model);
  SteadySolver solver(model, grid);
  // A few outer iterations: flowing air, non-zero d, fans on their curves.
  for (int it = 0; it < 5; ++it) solver.iterate();
  FlowState& state = solver.state();
  if (sc.transient_terms) {
    state.begin_time_step(0.05, 1.5, 2.0, 0.5);
    for (double& T : state.T) T += 0.5;  // the new level differs from the old ones
  }
  // The variants do cover what they are named for.
  if (sc.physics[0] != '\0') ASSERT_FALSE(state.mu_eff.empty()) << "not a turbulent run";
  if (sc.transient_terms) ASSERT_GT(state.view().time.inv_dt, 0.0);
  // The scenario loads and iterates on the CPU everywhere; the device part
  // skips without a device.
  std::string why;
  if (!cuda_device_available(&why)) GTEST_SKIP() << "no CUDA device (" << why << ")";
  const FlowView v = state.view();
  DeviceFlowState device(state);

  std::size_t bad = 0;
  std::string report;
  // Momentum: stencils and the SIMPLEC factors d.
  for (int a = 0; a < 3; ++a) {
    const Extent fe = v.faces(a);
    const double relax = 0.7, u_mean = 0.01;
    Stencil7 cpu(fe), gpu(fe);
    const StencilView S = cpu.view();
    ResidualPart rc;
    for (int k = 0; k < fe.n[2]; ++k)
      for (int j = 0; j < fe.n[1]; ++j)
        for (int i = 0; i < fe.n[0]; ++i) {
          const ResidualPart r = assemble_momentum(v, S, a, i, j, k, relax, u_mean);
          rc.imbalance += r.imbalance;
          rc.scale += r.scale;
          rc.magnitude += r.magnitude;
        }
    DeviceStencil dS(fe);
    const ResidualPart rg = assemble_momentum_on_device(device.view(), dS.view(), a, relax, u_mean);
    dS.download(gpu);
    const std::string what = std::string(sc.name) + " momentum " + std::to_string(a);
    bad += compare_stencils(cpu, gpu, what, &report);
    std::vector<double> d_cpu = state.d[a];
    device.download_fields(state);  // d (and the unchanged fields) from the device
    bad += count_mismatches(d_cpu, state.d[a], what + " d", &report);
    state.d[a] = d_cpu;
    expect_sum_near(rc.imbalance, rg.imbalance, what + " imbalance");
    expect_sum_near(rc.scale, rg.scale, what + " scale");
    expect_sum_near(rc.magnitude, rg.magnitude, what + " magnitude");
  }
  device.upload_fields(state);  // both sides from the CPU's d

  const Extent C = v.mesh.cells;
  {
    Stencil7 cpu(C), gpu(C);
    const StencilView S = cpu.view();
    MassImbalance mc;
    for (int k = 0; k < C.n[2]; ++k)
      for (int j = 0; j < C.n[1]; ++j)
        for (int i = 0; i < C.n[0]; ++i) {
          const MassImbalance m = assemble_pressure_correction(v, S, i, j, k);
          mc.imbalance += m.imbalance;
          mc.throughput += m.throughput;
        }
    DeviceStencil dS(C);
    const MassImbalance mg = assemble_pressure_correction_on_device(device.view(), dS.view());
    dS.download(gpu);
    const std::string what = std::string(sc.name) + " pressure";
    bad += compare_stencils(cpu, gpu, what, &report);
    expect_sum_near(mc.imbalance, mg.imbalance, what + " imbalance");
    expect_sum_near(mc.throughput, mg.throughput, what + " throughput");
  }
  {
    Stencil7 cpu(C), gpu(C);
    const StencilView S = cpu.view();
    const double relax = 0.9, T_mean = 300.0;
    ResidualPart rc;
    for (int k = 0; k < C.n[2]; ++k)
      for (int j = 0; j < C.n[1]; ++j)
        for (int i = 0; i < C.n[0]; ++i) {
          const ResidualPart r = assemble_energy(v, S, i, j, k, relax, T_mean);
          rc.imbalance += r.imbalance;
          rc.scale += r.scale;
          rc.magnitude += r.magnitude;
        }
    DeviceStencil dS(C);
    const ResidualPart rg = assemble_energy_on_device(device.view(), dS.view(), relax, T_mean);
    dS.download(gpu);
    const std::string what = std::string(sc.name) + " energy";
    bad += compare_stencils(cpu, gpu, what, &report);
    expect_sum_near(rc.imbalance, rg.imbalance, what + " imbalance");
    expect_sum_near(rc.scale, rg.scale, what + " scale");
    expect_sum_near(rc.magnitude, rg.magnitude, what + " magnitude");
  }
  EXPECT_EQ(bad, 0u) << report;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, CudaAssemblyVsCpu, ::testing::ValuesIn(kScenarios),
                         [](const ::testing::TestParamInfo<Scenario>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace rt
