#pragma once
// Post-processing of a solved state into the numbers users read: boundary
// totals, the energy balance, per-block temperatures, monitor samples and
// the cell-centred output fields.

#include "scenarios/model.hpp"
#include "solver/flow_state.hpp"
#include "solver/summary.hpp"

namespace rt {

// Fills boundaries, energy balance, components and monitors of `summary`.
void summarize_state(const Model& model, FlowState& state, Summary& summary);

CellFields cell_fields(FlowState& state);

}  // namespace rt
