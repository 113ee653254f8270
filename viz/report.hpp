#pragma once
// OUT/report.html: one self-contained page per run (pictures embedded as
// base64 PNG data, no scripts, no links outside it), so it opens offline and
// can be mailed: the scenario, the parts table with die temperatures and
// throttling colour-coded, fan operating points, the energy and mass
// balance, the pictures and the convergence plot. Needs no VTK: without
// pictures the page says why there are none.

#include <string>
#include <vector>

#include "scenarios/model/summary.hpp"
#include "viz/picture.hpp"

namespace rt::viz {

struct ReportInput {
  std::string scenario_path;
  std::string scenario_text;  // shown folded at the end
  const Summary* summary = nullptr;
  std::vector<Picture> pictures;            // files in out_dir, embedded in order
  std::vector<std::string> picture_errors;  // why pictures are missing
  std::string layout_picture;               // optional file in out_dir shown with the scenario
};

// The temperature class of a die (or hottest cell): "cool" < 75 °C, "warm"
// 75-83 °C, "hot" >= 84 °C, "throttle" at or above the part's throttle point.
std::string temperature_class(double T_C, double throttle_C, bool throttling);

// The page's HTML (pictures read from out_dir and embedded).
std::string report_html(const ReportInput& in, const std::string& out_dir);

// Writes out_dir/report.html atomically; returns its path.
std::string write_report(const ReportInput& in, const std::string& out_dir);

}  // namespace rt::viz
