#pragma once
// Post-processing of a solved state into the numbers users read: boundary
// totals, the energy balance, per-block temperatures, monitor samples and
// the cell-centred output fields.

#include <string>
#include <vector>

#include "scenarios/model/model.hpp"
#include "scenarios/model/summary.hpp"
#include "solver/flow_state.hpp"

namespace rt {

// Fills boundaries, energy balance, components and monitors of `summary`.
void summarize_state(const Model& model, FlowState& state, Summary& summary);

CellFields cell_fields(FlowState& state);

// Per block, then per porous block (model order): power, mean and maximum
// temperature, and for porous blocks the die model and throttle state.
std::vector<ComponentSummary> component_states(const Model& model, FlowState& state);

// The cell holding a monitor point, and the temperature (°C) there for each
// monitor of the model.
std::size_t monitor_cell(const FlowState& state, const Monitor& mon);
std::vector<double> monitor_temperatures_C(const Model& model, const FlowState& state);

// For each series of the history, its range over the entries from the last
// `fraction` of the iterations on (none when fewer than 5 entries are there).
std::vector<TemperatureBand> late_temperature_bands(const TemperatureHistory& history,
                                                    double fraction);

// Whether every series of the history, except those named in `ignored`,
// stayed within band_K from iteration `from` on; false when the history does
// not reach back that far (a resumed run's history starts at the resume).
bool temperatures_settled(const TemperatureHistory& history, int from, double band_K,
                          const std::vector<std::string>& ignored = {});

// Whether every series (except those named in `ignored`) has stopped moving
// in the mean over iterations from..to though it may swing: its means over
// the two halves differ by less than band_K and its range stays below
// swing_cap_K. A steady drift passes at up to twice the rate the band test
// (temperatures_settled) allows, 2 band_K over the window; a swing around a
// fixed mean passes. Half a band between the halves held a swinging CPU die
// (±0.5 K, a period near the window) open for 1000 iterations and more on
// the dual Titan build, its mean then within 0.5 K of a run three times as
// long; a whole band stops a run from rest there no earlier and within
// 0.1 K (docs/performance.md).
bool temperatures_steady_in_mean(const TemperatureHistory& history, int from, int to, double band_K,
                                 double swing_cap_K, const std::vector<std::string>& ignored = {});

// The widest range of the series (except those named in `ignored`) over
// the samples from iteration `from` to `to`; NaN when the history does not
// cover that stretch or a value in it is not finite.
double widest_band_K(const TemperatureHistory& history, int from, int to,
                     const std::vector<std::string>& ignored = {});

// The history's series of a die component's intake air ("<name> intake").
std::string intake_series_name(const std::string& component);

// The power series of `history`, each times its card's present thermal
// resistance R = (T_die - T_intake) / P from `now` (the components as they
// stand), as a history of kelvins. A card held at its throttle point answers
// with its power while its die stays pinned, so a slow drift of the air
// through its heat sink shows only in the power: a power step dP is the die
// step dT = R dP the same drift would make at fixed power (P dR = -R dP), so
// these series can pass the temperatures' band tests (a card at full power
// all along gives a constant series). Cards without a finite R are left out.
TemperatureHistory throttled_powers_as_kelvin(const TemperatureHistory& history,
                                              const std::vector<ComponentSummary>& now);

// Appends one sample to `history` at `iteration` (TemperatureHistory in
// scenarios/model/summary.hpp: each component with power, then each monitor, then the
// flow-weighted intake air of each component with a die model, then the
// power of each die with a throttle point; the series are created on the
// first call) and returns the index of the hottest
// component series (die temperature, else hottest cell), -1 when none.
int record_temperatures(const Model& model, FlowState& state, int iteration,
                        TemperatureHistory& history);

// The energy-balance error in percent, (out + stored - sources) / basis,
// basis the power (or half the heat crossing the boundaries when there is
// none); stored_W is the rate heat is stored inside (0 in a steady state).
double energy_error_pct(const Summary& s, double stored_W);

}  // namespace rt
