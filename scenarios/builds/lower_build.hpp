#pragma once
// Lowering a build scenario (the PC layer) to the generic Model: every part
// becomes solid blocks, porous blocks (fin stacks), fans, vents and
// monitors, so that geometry/ and solver/ never learn what a GPU is.
// The table of parts -> generic objects, the formulas and which values are
// estimates: docs/build-scenarios.md, "How a build becomes a model".
//
// Domain: the case's main chamber in the case frame of the parts library,
// [0, interior_m]: x from the motherboard tray (xmin) to the side panel
// (xmax), y up (gravity -y; ymin floor, ymax top), z from the front (zmin)
// to the rear wall with the slot brackets (zmax). Walls are adiabatic
// no-slip (the heat the sheet metal passes to the room is left out); vents
// and fans are patches on them.
//
// Names: parts are named after what they are ("gpu1.fins", "gpu1.fan2",
// "gpu1.pcb", "cpu.fins", "psu", "front-1", "vent.front.1"), GPUs numbered
// from 1 in slot order; the die model of a porous block is how the summary
// reports each GPU's and the CPU's die temperature and throttling.

#include <string>
#include <vector>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/model/model.hpp"

namespace rt {

// The generic model of the build. Throws ScenarioError (FILE:LINE: key ...)
// where a part cannot be lowered (a cooler that does not fit its card, a fan
// that overlaps another on a wall). Choices worth knowing (a radiator's
// mount, parts left out) are appended to `notes` when given.
Model lower_build(const BuildScenario& build, std::vector<std::string>* notes = nullptr);

// The name prefix of the i-th GPU (0-based, slot order): "gpu1", "gpu2", ...
std::string lowered_gpu_name(std::size_t index);

}  // namespace rt
