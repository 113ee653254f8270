#include "solver/simplec_steps.hpp"

#include <stdexcept>

#include "solver/mirrored_simplec_steps.hpp"
#include "solver/parallel/host_backend.hpp"
#include "solver/simplec_steps_on.hpp"

namespace rt {

namespace {

// The fields where they are: the FlowState's own arrays.
class HostSimplecSteps final : public SimplecSteps {
 public:
  HostSimplecSteps(FlowState& state, const SimplecSettings& s)
      : steps_(state.view(), s.multigrid) {}

  double solve_momentum(FlowState& state, const SimplecSettings& s) override {
    return steps_.solve_momentum(state.view(), s);
  }
  double solve_pressure_correction(FlowState& state, const LinearSolveSettings& solve,
                                   double relax_pressure) override {
    return steps_.solve_pressure_correction(state.view(), solve, relax_pressure,
                                            !state.has_opening());
  }
  double solve_energy(FlowState& state, const LinearSolveSettings& solve,
                      double relax_energy) override {
    return steps_.solve_energy(state.view(), solve, relax_energy);
  }

 private:
  SimplecStepsOn<HostBackend> steps_;
};

}  // namespace

std::unique_ptr<SimplecSteps> make_simplec_steps(FlowState& state, const SimplecSettings& s) {
  switch (s.backend) {
    case ComputeBackend::cuda:
      if (s.device_steps == nullptr)
        throw std::runtime_error(
            "--backend cuda: no device backend was handed to the solver "
            "(RunOptions::device_steps)");
      return s.device_steps(state, s);
    case ComputeBackend::mirror:
      return std::make_unique<MirroredSimplecSteps<HostBackend>>(state, host_mirror_memory(), s);
    default:
      return std::make_unique<HostSimplecSteps>(state, s);
  }
}

}  // namespace rt
