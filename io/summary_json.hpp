#pragma once
// summary.json, schema "rigtherm.summary/1" (see DESIGN.md): the
// machine-readable answer of a run. The residual history is not part of it
// (it goes into result.h5 /convergence).

#include <nlohmann/json.hpp>
#include <string>

#include "scenarios/model/summary.hpp"

namespace rt {

inline constexpr const char* kSummarySchema = "rigtherm.summary/1";

nlohmann::json summary_to_json(const Summary& summary);

// The file text: the same content, keys in schema order, indented, with a
// final newline (what write_summary_json writes and result.h5 stores).
std::string summary_json_text(const Summary& summary);

// Writes summary_json_text(summary) to path atomically.
void write_summary_json(const std::string& path, const Summary& summary);

// Reads back what sweeps rank on: run status (converged, stop_reason,
// iterations, wall time, grid), components (temperatures, die model,
// throttling) and fans. null numbers read as NaN. Throws
// nlohmann::json::exception on text that is not a summary.
Summary summary_from_json(const nlohmann::json& j);

}  // namespace rt
