#pragma once
// time_series.csv: the time series of a transient run as a table, one row
// per sample, for spreadsheets and plotting scripts. Columns:
//   time_s, step, iterations, then per component <name>.T_mean_C,
//   <name>.T_max_C (and <name>.T_die_C with a die model), then per monitor
//   <name>.T_C.
// Comma-separated, a header line, '.' decimals; names holding a comma or a
// quote are quoted as RFC 4180 says.

#include <string>

#include "scenarios/model/summary.hpp"

namespace rt {

std::string time_series_csv_text(const TimeSeries& series);

// Writes time_series_csv_text(series) to path atomically.
void write_time_series_csv(const std::string& path, const TimeSeries& series);

}  // namespace rt
