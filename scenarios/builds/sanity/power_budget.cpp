// The PSU against the build: sustained load, the cards' power spikes, and
// the cables the cards need.

#include <fmt/format.h>

#include <cmath>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/power_connectors.hpp"
#include "scenarios/builds/sanity/build_sanity.hpp"

namespace rt {
namespace {

// Sustained load above this share of the rating leaves little headroom
// (the fan runs loud and the unit hot; its efficiency falls past half load).
constexpr double kSustainedWarnFraction = 0.85;
// Power excursions a PSU must ride through, as a share of its rating, for
// spikes of up to 10 ms (the cards' spike figures are 5-10 ms peaks): ATX 3.0 (Intel ATX 3.0
// Design Guide, the PCIe CEM 5.0 excursion table, as quoted in Intel's
// ATX12VO guide 613768, Table 3-3): 160 % for a unit over 450 W with a
// 16-pin 12VHPWR output, 135 % otherwise. A pre-ATX 3.0 unit has no such
// rating (the over-current protection of some shut them down under RTX 30
// spikes): judged against 100 %.
constexpr double kAtx3Excursion10msWith16Pin = 1.60;
constexpr double kAtx3Excursion10msWithout16Pin = 1.35;
constexpr double kNoExcursionRating = 1.0;
// A card without a published spike: as the one card with a sourced 5-10 ms
// peak, the RTX 5090 FE (738.2 W over its 575 W limit, Igor's Lab's
// measurement as SlashGear reports it; gpus.toml): 1.28 times the limit.
constexpr double kEstimatedSpikeRatio = 738.2 / 575.0;

double excursion_allowance(const PsuModel& m) {
  if (m.atx_version.value_or(2) < 3) return kNoExcursionRating;
  const bool with_16pin = m.cables && m.cables->pcie_16pin > 0 && m.rated_W > 450;
  return with_16pin ? kAtx3Excursion10msWith16Pin : kAtx3Excursion10msWithout16Pin;
}

SanityCheck sustained(const BuildScenario& b) {
  const BuildPsu& p = *b.psu;
  const double share = p.load_W / p.model.rated_W;
  SanityCheck c{
      "power", SanityLevel::ok,
      fmt::format("sustained {:.0f} W of {}'s {:.0f} W ({:.0f} %): GPUs {:.0f} W at their "
                  "limits, CPU {:.0f} W, the rest {:.0f} W",
                  p.load_W, p.model.info.id, p.model.rated_W, 100 * share, b.gpu_W(), b.cpu_W(),
                  p.load_W - b.gpu_W() - b.cpu_W()),
      ""};
  if (share > kSustainedWarnFraction) {
    c.level = SanityLevel::warn;
    c.fix = fmt::format("a PSU of {:.0f} W or more keeps the sustained load under {:.0f} %",
                        std::ceil(p.load_W / kSustainedWarnFraction / 50) * 50,
                        100 * kSustainedWarnFraction);
  }
  return c;
}

SanityCheck spikes(const BuildScenario& b) {
  const BuildPsu& p = *b.psu;
  // A card held below its TDP by a lower limit spikes in proportion.
  double gpu_peak = 0;
  int estimated = 0;
  for (const BuildGpu& g : b.gpus) {
    const double ratio =
        g.model.power_spike_W ? *g.model.power_spike_W / g.model.tdp_W : kEstimatedSpikeRatio;
    estimated += g.model.power_spike_W ? 0 : 1;
    gpu_peak += ratio * g.power_W;
  }
  const double cpu_peak = b.cpu ? std::max(b.cpu->power_W, b.cpu->model.max_power_W) : 0.0;
  const double rest = p.load_W - b.gpu_W() - b.cpu_W();
  const double peak = gpu_peak + cpu_peak + rest;
  const double share = excursion_allowance(p.model);
  const double allowed = p.model.rated_W * share;
  SanityCheck c{
      "power", SanityLevel::ok,
      fmt::format("spikes up to {:.0f} W over 5-10 ms (cards {:.0f} W{}, CPU at its boost limit "
                  "{:.0f} W, the rest {:.0f} W) against {:.0f} W ({:.0f} % of the rating: {})",
                  peak, gpu_peak,
                  estimated ? fmt::format(", {} of {} estimated at {:.2f}x the limit", estimated,
                                          b.gpus.size(), kEstimatedSpikeRatio)
                            : std::string(),
                  cpu_peak, rest, allowed, 100 * share,
                  p.model.atx_version.value_or(2) >= 3 ? "ATX 3.x, 10 ms excursions"
                                                       : "not known as ATX 3.x"),
      ""};
  if (peak > allowed) {
    c.level = SanityLevel::warn;
    c.fix = fmt::format(
        "an ATX 3.x PSU with a 16-pin output rated {:.0f} W or more (rides through 160 % for 10 "
        "ms), or lower power limits",
        std::ceil(std::max(p.load_W, peak / kAtx3Excursion10msWith16Pin) / 50) * 50);
  }
  return c;
}

SanityCheck cables(const BuildScenario& b) {
  const PsuModel& m = b.psu->model;
  std::string unknown;
  for (const BuildGpu& g : b.gpus)
    if (g.model.power_connectors.empty() && unknown.find(g.model.info.id) == std::string::npos)
      unknown += (unknown.empty() ? "" : ", ") + g.model.info.id;
  if (!m.cables || !unknown.empty())
    return {
        "cables", SanityLevel::skip,
        "not checked: the library lacks " +
            (!m.cables ? m.info.id + "'s cable counts" + std::string(unknown.empty() ? "" : " and ")
                       : std::string()) +
            (unknown.empty() ? std::string() : "the power connectors of " + unknown),
        ""};
  const PsuModel::Cables& have = *m.cables;
  CableDemand need;
  int native_16pin_left = have.pcie_16pin;
  std::string cards;
  for (const BuildGpu& g : b.gpus) {
    int card_16pin = 0;
    for (PowerConnector c : g.model.power_connectors) card_16pin += c == PowerConnector::pcie_16pin;
    const bool native = card_16pin > 0 && card_16pin <= native_16pin_left;
    if (native) native_16pin_left -= card_16pin;
    const CableDemand d = card_cable_demand(g.model.power_connectors, g.power_W, native);
    need.pcie_8pin += d.pcie_8pin;
    need.pcie_16pin += d.pcie_16pin;
    need.eps_8pin += d.eps_8pin;
    std::string each;
    for (PowerConnector c : g.model.power_connectors)
      each += (each.empty() ? "" : " + ") + std::string(power_connector_text(c));
    cards += fmt::format("{}slot {} {}{}", cards.empty() ? "" : ", ", g.slot, each,
                         card_16pin > 0 && !native ? " (adapter from 8-pin)" : "");
  }
  // The board's CPU power takes one EPS cable at least.
  const int eps_need = need.eps_8pin + (b.cpu ? 1 : 0);
  SanityCheck c{
      "cables", SanityLevel::ok,
      fmt::format("the cards need {} PCIe 8-pin, {} 16-pin{}; {} has {} PCIe 8-pin, {} 16-pin, {} "
                  "EPS 8-pin ({})",
                  need.pcie_8pin, need.pcie_16pin,
                  need.eps_8pin ? fmt::format(", {} EPS 8-pin (+1 for the CPU)", need.eps_8pin)
                                : std::string(),
                  m.info.id, have.pcie_8pin, have.pcie_16pin, have.eps_8pin,
                  cards.empty() ? std::string("no cards") : cards),
      ""};
  std::string short_of;
  if (need.pcie_8pin > have.pcie_8pin)
    short_of += fmt::format("{} PCIe 8-pin", need.pcie_8pin - have.pcie_8pin);
  if (eps_need > have.eps_8pin)
    short_of +=
        fmt::format("{}{} EPS 8-pin", short_of.empty() ? "" : ", ", eps_need - have.eps_8pin);
  if (!short_of.empty()) {
    c.level = SanityLevel::fail;
    c.text += "; short of " + short_of;
    c.fix =
        "a PSU with more PCIe/EPS cables (splitting one cable over two card inputs overloads "
        "it), or cards with a 16-pin input on a PSU that has 16-pin cables";
  }
  return c;
}

}  // namespace

std::vector<SanityCheck> power_budget_checks(const BuildScenario& b) {
  if (!b.psu)
    return {{"power", SanityLevel::warn, "no PSU in the build: power and cables not checked",
             "add [psu] model = ..."}};
  return {sustained(b), spikes(b), cables(b)};
}

}  // namespace rt
