#include "scenarios/builds/power_connectors.hpp"

#include <cmath>

namespace rt {
namespace {

struct Spelling {
  PowerConnector connector;
  std::string_view text;
};
constexpr Spelling kSpellings[] = {{PowerConnector::pcie_6pin, "pcie-6pin"},
                                   {PowerConnector::pcie_8pin, "pcie-8pin"},
                                   {PowerConnector::pcie_12pin, "pcie-12pin"},
                                   {PowerConnector::pcie_16pin, "pcie-16pin"},
                                   {PowerConnector::eps_8pin, "eps-8pin"}};

}  // namespace

std::optional<PowerConnector> power_connector_from_text(std::string_view text) {
  for (const Spelling& s : kSpellings)
    if (s.text == text) return s.connector;
  return std::nullopt;
}

std::string_view power_connector_text(PowerConnector c) {
  for (const Spelling& s : kSpellings)
    if (s.connector == c) return s.text;
  return "?";
}

std::string power_connector_choices() {
  std::string out;
  for (const Spelling& s : kSpellings)
    out += (out.empty() ? "\"" : ", \"") + std::string(s.text) + "\"";
  return out;
}

CableDemand card_cable_demand(const std::vector<PowerConnector>& connectors, double power_limit_W,
                              bool psu_has_16pin) {
  CableDemand d;
  for (PowerConnector c : connectors) {
    switch (c) {
      case PowerConnector::pcie_6pin:
      case PowerConnector::pcie_8pin:
        ++d.pcie_8pin;
        break;
      case PowerConnector::pcie_12pin:
        d.pcie_8pin += 2;  // the Founders Edition's adapter
        break;
      case PowerConnector::pcie_16pin:
        if (psu_has_16pin) {
          ++d.pcie_16pin;
        } else {
          // The adapter's 8-pin legs: one per 150 W of what the card may draw
          // through it (its limit less the slot's 75 W), at least two.
          const double through = std::max(0.0, power_limit_W - kSlotPower_W);
          d.pcie_8pin +=
              std::max(2, static_cast<int>(std::ceil(through / kPcie8PinPower_W - 1e-9)));
        }
        break;
      case PowerConnector::eps_8pin:
        ++d.eps_8pin;
        break;
    }
  }
  return d;
}

}  // namespace rt
