#pragma once
// Telling a blown-up solution from a slow one. A run diverges when a field
// becomes NaN/Inf or the air speed runs away: more than 1000 times the
// fastest speed the scenario can explain (inlet and wall speeds, pressure-driven speeds, and the
// free-fall speed sqrt(|g| L) that bounds buoyant flow). The finder names
// the first offending cell so the message can say where it happened.

#include <optional>
#include <string>

#include "scenarios/model/model.hpp"
#include "solver/flow_state.hpp"

namespace rt {

double runaway_speed_limit(const Model& model);

// Description ("cell (i, j, k) at (x, y, z) m: T = nan") of the first cell
// that is non-finite or faster than speed_limit; empty if none.
std::optional<std::string> find_blow_up(const FlowState& state, double speed_limit);

}  // namespace rt
