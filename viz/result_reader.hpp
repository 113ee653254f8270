#pragma once
// What `rigtherm render` reads back from a result.h5 (io/result_h5.hpp's
// layout): the grid, the cell fields it has (T, and p, U, material when
// present) and the root attributes scenario (the scenario file's text) and
// summary (summary.json's text). A small reader for pictures only; throws
// std::runtime_error naming the file on anything missing or malformed.

#include <string>

#include "geometry/grid.hpp"
#include "solver/summary.hpp"

namespace rt::viz {

struct StoredResult {
  Grid grid;
  CellFields fields;
  std::string scenario_text;  // empty when the file has none
  std::string summary_json;   // empty when the file has none
};

StoredResult read_result_for_pictures(const std::string& h5_path);

}  // namespace rt::viz
