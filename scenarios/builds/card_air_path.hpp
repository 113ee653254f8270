#pragma once
// A one-dimensional estimate of the air an axial-fan card draws through its
// fin stack: the fans' P-Q curve against the losses in series on the air's
// path, from still air round the card, through the gap its fans face (when
// something faces them), through the fan holes, the fans, and the fin stack
// to its open edges. It is the hand calculation the three-dimensional solve
// is checked against in the gap test, and the card's flow in free air that
// the report's "breathing" compares with. The formulas and their sources:
// docs/build-scenarios.md, "How a stacked card breathes".

#include <optional>

#include "scenarios/builds/parts_library.hpp"

namespace rt {

// A flat surface (a plate, the next card's backplate) parallel to the card's
// fan face, `gap_m` away. The air reaches the fans only through the edges of
// the gap: `open_edge_m` of them open to the room, and `slit_edge_m` fed
// through the slit between the card's slot edge and the motherboard
// (`slit_width_m` wide, as deep as the card is thick, `slit_depth_m`); it
// travels about `edge_to_hole_m` from an edge to the fan holes.
struct FacingGap {
  double gap_m = 0;
  double open_edge_m = 0;
  double edge_to_hole_m = 0;
  double slit_edge_m = 0;
  double slit_width_m = 0;
  double slit_depth_m = 0;
};

struct CardAirPath {
  double flow_m3_s = 0;  // through the fin stack, all fans together
  double fan_Pa = 0;     // the fans' pressure rise at that flow
  double gap_entry_Pa = 0;
  double gap_friction_Pa = 0;
  double fins_Pa = 0;  // through the fins and out of their edges
};

// The operating point of `card`'s fans at `speed_fraction` (0, 1] in air of
// density `rho` and viscosity `mu`, with `gap` in front of the fans or none
// (free air). Throws std::invalid_argument for a blower or a passive card
// (no fan: the case sets its flow), or a fin stack
// whose air does not run along the card's height (only those are modelled).
CardAirPath estimate_card_air_path(const GpuModel& card, double speed_fraction,
                                   const std::optional<FacingGap>& gap, double rho, double mu);

}  // namespace rt
