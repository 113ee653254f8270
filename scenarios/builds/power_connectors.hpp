#pragma once
// The power connectors of graphics cards and what each asks of the PSU.
// Ratings from the PCI Express CEM specification as the connector guidance
// quotes them: 75 W through the slot, 75 W per 6-pin, 150 W per 8-pin,
// 600 W per 16-pin 12VHPWR / 12V-2x6. The RTX 30 Founders Editions' 12-pin
// Micro-Fit ships with an adapter from two 8-pin cables; a 16-pin card on a
// PSU without a 16-pin connector uses the card's adapter from 8-pin cables,
// one per 150 W of its power limit.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rt {

enum class PowerConnector { pcie_6pin, pcie_8pin, pcie_12pin, pcie_16pin, eps_8pin };
// Where a card's power connectors sit: on its top edge (facing the side
// panel of a tower) or at its end (the tail, facing the front).
enum class PowerConnectorEdge { top, end };

inline constexpr double kSlotPower_W = 75;
inline constexpr double kPcie6PinPower_W = 75;
inline constexpr double kPcie8PinPower_W = 150;
inline constexpr double kPcie16PinPower_W = 600;

// "pcie-8pin" ... as the parts files spell them; nullopt for other text.
std::optional<PowerConnector> power_connector_from_text(std::string_view text);
std::string_view power_connector_text(PowerConnector c);
// The spellings, for error messages.
std::string power_connector_choices();

// Cables a set of cards needs from the PSU.
struct CableDemand {
  int pcie_8pin = 0;   // 6+2-pin PCIe cables (6-pin plugs take them too)
  int pcie_16pin = 0;  // native 12VHPWR / 12V-2x6 cables
  int eps_8pin = 0;    // EPS12V (CPU 8-pin) cables of data-centre cards
};

// One card's connectors; 16-pin connectors become 8-pin cables through the
// adapter when the PSU has no 16-pin cable left (has_16pin false).
CableDemand card_cable_demand(const std::vector<PowerConnector>& connectors, double power_limit_W,
                              bool psu_has_16pin);

}  // namespace rt
