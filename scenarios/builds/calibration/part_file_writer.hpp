#pragma once
// A calibrated card as a part file: a complete [gpu.<id>] table, the
// library card's keys copied in its file's order with the fitted ones
// replaced (R_ref_K_W, R_exponent when fitted, the fan-control curve when
// the log covered it), `source` saying where the calibration came from, and
// the fitted keys taken off `estimated`. A folder of such files is added on
// top of the library by a build's `[parts] path` or RIGTHERM_PARTS_EXTRA
// (docs/parts-library.md), so builds name the card by its new id.

#include <string>

#include "scenarios/builds/calibration/die_model_fit.hpp"
#include "scenarios/builds/parts_library.hpp"

namespace rt {

struct CalibrationSource {
  std::string log_file;    // as given
  std::string build_file;  // as given
  std::string solve;       // how the intake air and flow were obtained, one phrase
  std::string date;        // YYYY-MM-DD
};

// The TOML text of the file (a comment header, then the table). `library`
// holds `card` (its fields in file order).
std::string calibrated_gpu_toml(const PartsLibrary& library, const GpuModel& card,
                                const std::string& new_id, const DieModelFit& fit,
                                const CalibrationSource& from);

// A TOML basic string with quotes and backslashes escaped.
std::string toml_quoted(const std::string& s);

}  // namespace rt
