// Breathing figures and gap planes of a build's GPUs (breathing.hpp).

#include "scenarios/builds/breathing.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "scenarios/builds/card_air_path.hpp"
#include "scenarios/builds/lower_build.hpp"

namespace rt {
namespace {

// The item of this name (const or not, as the list), or null.
template <typename Items>
auto named(Items& items, const std::string& name) -> decltype(&items.front()) {
  for (auto& x : items)
    if (x.name == name) return &x;
  return nullptr;
}

// How far round the card a gap picture reaches: the neighbours' edges and
// the air beside the card.
constexpr double kGapViewMargin_m = 0.02;

}  // namespace

void add_breathing(const BuildScenario& build, const Model& model, Summary& summary) {
  for (std::size_t i = 0; i < build.gpus.size(); ++i) {
    const std::string n = lowered_gpu_name(i);
    const FanSummary* fan = named(summary.fans, n + ".fan1");
    ComponentSummary* fins = named(summary.components, n + ".fins");
    if (fan == nullptr || fins == nullptr || !fins->has_die || !(fan->speed_pct > 0.0)) continue;
    double free_air = 0;
    try {
      free_air = estimate_card_air_path(build.gpus[i].model, fan->speed_pct / 100.0, std::nullopt,
                                        model.fluid.density_kg_m3, model.fluid.viscosity_Pa_s)
                     .flow_m3_s;
    } catch (const std::invalid_argument&) {
      continue;  // a blower, or fins the estimate does not model: no figure
    }
    if (!(free_air > 0.0)) continue;
    fins->has_breathing = true;
    fins->free_air_flow_m3_s = free_air;
    fins->breathing_pct = 100.0 * fins->flow_m3_s / free_air;
  }
}

std::vector<StackGapPlane> stack_gap_planes(const BuildScenario& build, const Model& model) {
  std::vector<StackGapPlane> out;
  for (std::size_t i = 0; i < build.gpus.size(); ++i) {
    const BuildGpu& g = build.gpus[i];
    if (g.model.cooler == CoolerStyle::blower || !g.model.has_fans()) continue;
    const std::string n = lowered_gpu_name(i);
    const Fan* fan = named(model.fans, n + ".fan1");
    const Monitor* intake = named(model.monitors, n + ".intake");
    if (fan == nullptr || intake == nullptr || !fan->internal_axis) continue;
    StackGapPlane p;
    p.gpu = n;
    p.axis = *fan->internal_axis;
    p.value_m = intake->position_m[p.axis];
    // The fans blow into the card: they draw through its face behind them.
    p.cooler_face_m = fan->blow_sign > 0 ? g.box.min_m[p.axis] : g.box.max_m[p.axis];
    for (int a = 0; a < 3; ++a) {
      p.min_m[a] = std::max(0.0, g.box.min_m[a] - kGapViewMargin_m);
      p.max_m[a] = std::min(model.size_m[a], g.box.max_m[a] + kGapViewMargin_m);
    }
    p.min_m[p.axis] = p.max_m[p.axis] = p.value_m;
    out.push_back(p);
  }
  return out;
}

}  // namespace rt
