#pragma once
// The SIMPLEC steps on a copy of the fields in other memory (a FlowMirror):
// the CUDA solve (cuda/device_simplec_steps.cu, device memory) and the
// debug mirror (host memory, simplec_steps.cpp). Each step uploads what it
// reads that the host may have changed since the last step, runs
// SimplecStepsOn<Backend> on the copy and downloads what the host reads
// afterwards. Between steps the host changes the fields (the acceleration,
// restore, a coarse start), the viscosity (once per iteration, before
// momentum), the fans' pressure rises and swirl (after the pressure
// correction, and fan control) and the heat sources (throttling); d, the
// SIMPLEC factors, are written and read by the steps only and stay on the
// copy. Some arrays cross twice (momentum downloads the velocities the
// pressure correction uploads again): correctness first, the measured cost
// on a GPU decides what to keep resident.

#include "solver/flow_mirror.hpp"
#include "solver/simplec_steps.hpp"
#include "solver/simplec_steps_on.hpp"

namespace rt {

template <class Backend>
class MirroredSimplecSteps final : public SimplecSteps {
 public:
  MirroredSimplecSteps(FlowState& state, MirrorMemory& memory, const SimplecSettings& s)
      : mirror_(state, memory), steps_(mirror_.view(), s.multigrid) {}

  double solve_momentum(FlowState& state, const SimplecSettings& s) override {
    mirror_.upload(state, kMirrorVelocity | kMirrorPressure | kMirrorTemperature |
                              kMirrorViscosity | kMirrorBoundaries);
    const double r = steps_.solve_momentum(mirror_.view(), s);
    mirror_.download(state, kMirrorVelocity);
    return r;
  }

  double solve_pressure_correction(FlowState& state, const LinearSolveSettings& solve,
                                   double relax_pressure) override {
    mirror_.upload(state, kMirrorVelocity | kMirrorPressure);
    const double r = steps_.solve_pressure_correction(mirror_.view(), solve, relax_pressure,
                                                      !state.has_opening());
    mirror_.download(state, kMirrorVelocity | kMirrorPressure);
    return r;
  }

  double solve_energy(FlowState& state, const LinearSolveSettings& solve,
                      double relax_energy) override {
    mirror_.upload(state, kMirrorTemperature | kMirrorHeatSources | kMirrorBoundaries);
    const double r = steps_.solve_energy(mirror_.view(), solve, relax_energy);
    mirror_.download(state, kMirrorTemperature);
    return r;
  }

  std::size_t mirror_bytes() const { return mirror_.bytes(); }

 private:
  FlowMirror mirror_;
  SimplecStepsOn<Backend> steps_;
};

}  // namespace rt
