#include "io/time_series_csv.hpp"

#include <fmt/format.h>

#include <cmath>

#include "io/atomic_file.hpp"

namespace rt {
namespace {

std::string field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// Ten significant digits (a temperature to 1e-8 K, without the round-off of
// the K to °C conversion showing); empty for no value.
std::string value(double x) { return std::isfinite(x) ? fmt::format("{:.10g}", x) : std::string(); }

}  // namespace

std::string time_series_csv_text(const TimeSeries& ts) {
  std::string out = "time_s,step,iterations";
  for (const TimeSeries::Component& c : ts.components) {
    out += "," + field(c.name + ".T_mean_C") + "," + field(c.name + ".T_max_C");
    if (!c.T_die_C.empty()) out += "," + field(c.name + ".T_die_C");
  }
  for (const TimeSeries::Monitor& m : ts.monitors) out += "," + field(m.name + ".T_C");
  out += "\n";
  for (std::size_t n = 0; n < ts.time_s.size(); ++n) {
    out += value(ts.time_s[n]) + "," + std::to_string(ts.step[n]) + "," +
           std::to_string(ts.iterations[n]);
    for (const TimeSeries::Component& c : ts.components) {
      out += "," + value(c.T_mean_C[n]) + "," + value(c.T_max_C[n]);
      if (!c.T_die_C.empty()) out += "," + value(c.T_die_C[n]);
    }
    for (const TimeSeries::Monitor& m : ts.monitors) out += "," + value(m.T_C[n]);
    out += "\n";
  }
  return out;
}

void write_time_series_csv(const std::string& path, const TimeSeries& series) {
  write_text_atomic(path, time_series_csv_text(series));
}

}  // namespace rt
