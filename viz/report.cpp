#include "viz/report.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "io/atomic_file.hpp"
#include "io/markup_text.hpp"
#include "scenarios/model/model.hpp"

namespace rt::viz {
namespace {

std::string num(const char* f, double v) {
  if (!std::isfinite(v)) return "&ndash;";
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string base64(const std::string& data) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(data[i]) << 16) |
                       (static_cast<unsigned char>(data[i + 1]) << 8) |
                       static_cast<unsigned char>(data[i + 2]);
    out += t[(v >> 18) & 63];
    out += t[(v >> 12) & 63];
    out += t[(v >> 6) & 63];
    out += t[v & 63];
  }
  if (i < data.size()) {
    unsigned v = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) v |= static_cast<unsigned char>(data[i + 1]) << 8;
    out += t[(v >> 18) & 63];
    out += t[(v >> 12) & 63];
    out += i + 1 < data.size() ? t[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

const char* kStyle = R"(
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px 40px; color: #1a1a1a; max-width: 1700px; }
h1 { font-size: 26px; margin-bottom: 4px; }
h2 { font-size: 20px; margin-top: 32px; border-bottom: 1px solid #bbb; padding-bottom: 4px; }
.status { font-size: 16px; margin: 6px 0 18px 0; }
.bad { color: #a00; font-weight: bold; }
table { border-collapse: collapse; font-size: 14px; margin: 8px 0; }
th, td { border: 1px solid #ccc; padding: 4px 10px; text-align: right; }
th { background: #eee; }
td.name, th.name { text-align: left; }
td.cool { background: #d4f0d4; }
td.warm { background: #ffe6a8; }
td.hot { background: #ffb8b8; }
td.throttle { background: #dcb0f0; font-weight: bold; }
.legend span { display: inline-block; padding: 2px 10px; margin-right: 8px; border: 1px solid #ccc; font-size: 13px; }
figure { margin: 18px 0; }
figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { font-size: 14px; color: #444; margin-top: 4px; }
pre { background: #f6f6f6; padding: 10px; font-size: 12px; overflow-x: auto; }
.note { color: #555; font-size: 13px; }
)";

}  // namespace

std::string temperature_class(double T_C, double throttle_C, bool throttling) {
  if (throttling || (std::isfinite(throttle_C) && T_C >= throttle_C - 0.1)) return "throttle";
  if (T_C >= 84.0) return "hot";
  if (T_C >= 75.0) return "warm";
  return "cool";
}

std::string report_html(const ReportInput& in, const std::string& out_dir) {
  namespace fs = std::filesystem;
  std::ostringstream h;
  const Summary* s = in.summary;
  const std::string name = fs::path(in.scenario_path).filename().string();
  h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<title>rigtherm: " << markup_escape(name) << "</title>\n<style>" << kStyle
    << "</style>\n</head>\n<body>\n";
  h << "<h1>rigtherm: " << markup_escape(name) << "</h1>\n";
  h << "<div class=\"note\">" << markup_escape(in.scenario_path) << "</div>\n";
  if (s != nullptr) {
    h << "<div class=\"status\">";
    if (s->transient) {
      h << "Transient run to t = " << num("%.6g", s->time.time_s) << " s of "
        << num("%.6g", s->time.end_time_s) << " s in " << s->time.steps << " steps";
      if (s->time.steps_not_converged > 0)
        h << " (<span class=\"bad\">" << s->time.steps_not_converged
          << " steps not converged</span>)";
    } else if (s->converged && s->stop_reason == "settled" && s->oscillating) {
      h << "Settled in the mean in " << s->iterations
        << " iterations: the flow swings (no steady state) and the temperatures with it, within "
           "a band around steady means (summary.json, late_temperature_bands)";
    } else if (s->converged && s->stop_reason == "settled") {
      h << "Settled in " << s->iterations
        << " iterations: temperatures steady, residuals still above the tolerance";
    } else if (s->converged) {
      h << "Converged in " << s->iterations << " iterations";
    } else {
      h << "<span class=\"bad\">Not converged</span> after " << s->iterations << " iterations ("
        << markup_escape(s->stop_reason) << "): the numbers below are not a steady state";
    }
    h << ", " << num("%.3g", s->wall_time_s) << " s on " << markup_escape(s->backend) << " ("
      << s->threads << " threads), grid " << s->cells[0] << " &times; " << s->cells[1]
      << " &times; " << s->cells[2] << " = "
      << static_cast<long long>(s->cells[0]) * s->cells[1] * s->cells[2] << " cells.</div>\n";
    if (!s->grid_distance.empty())
      h << "<div class=\"meta\">Grid distance: " << markup_escape(s->grid_distance) << "</div>\n";

    // ---- parts --------------------------------------------------------------
    if (!s->components.empty()) {
      h << "<h2>Parts</h2>\n<div class=\"legend\">die (or hottest cell): "
        << "<span class=\"cool\" style=\"background:#d4f0d4\">&lt; 75 &deg;C</span>"
        << "<span style=\"background:#ffe6a8\">75&ndash;83 &deg;C</span>"
        << "<span style=\"background:#ffb8b8\">&ge; 84 &deg;C</span>"
        << "<span style=\"background:#dcb0f0\"><b>at its throttle point: "
           "throttling</b></span></div>\n";
      h << "<table>\n<tr><th class=\"name\">part</th><th class=\"name\">kind</th><th>power W</th>"
        << "<th>die &deg;C</th><th>hottest cell &deg;C</th><th>mean &deg;C</th>"
        << "<th>intake air &deg;C</th><th>flow through m&sup3;/s</th>"
        << "<th title=\"flow through the fin stack as a percentage of the same card's flow in "
           "free air (one-dimensional estimate)\">breathing %</th><th>throttles at &deg;C</th>"
        << "<th class=\"name\">state</th></tr>\n";
      for (const ComponentSummary& c : s->components) {
        const double throttle =
            c.has_throttle ? c.throttle_C : std::numeric_limits<double>::quiet_NaN();
        const std::string cls = temperature_class(c.hot_C(), throttle, c.throttling);
        std::string state = c.throttling     ? "THROTTLING"
                            : c.has_throttle ? "below its throttle point"
                                             : "";
        if (c.cannot_hold_throttle)
          state =
              "CANNOT HOLD its throttle point even at its power floor: too little air "
              "through it (a real card slows down hard or shuts off)";
        else if (c.throttling && c.full_power_W > 0 && c.power_W < c.full_power_W)
          state += " to " + num("%.0f", c.power_W) + " of " + num("%.0f", c.full_power_W) +
                   " W, ~" + num("%.0f", c.sustained_performance_pct) + " % performance";
        if (s->transient && c.has_throttle && c.throttle_time_s >= 0)
          state += "; reached it at t = " + num("%.4g", c.throttle_time_s) + " s";
        h << "<tr><td class=\"name\">" << markup_escape(c.name) << "</td><td class=\"name\">"
          << markup_escape(c.kind) << "</td><td>" << num("%.1f", c.power_W) << "</td>";
        h << "<td" << (c.has_die ? " class=\"" + cls + "\"" : std::string()) << ">"
          << (!c.has_die               ? std::string("&ndash;")
              : c.cannot_hold_throttle ? std::string("runaway")
                                       : num("%.1f", c.T_die_C))
          << "</td>";
        h << "<td" << (!c.has_die ? " class=\"" + cls + "\"" : std::string()) << ">"
          << num("%.1f", c.T_max_C) << "</td><td>" << num("%.1f", c.T_mean_C) << "</td>";
        h << "<td>" << (c.has_die ? num("%.1f", c.inlet_air_C) : "&ndash;") << "</td><td>"
          << (c.has_die ? num("%.4g", c.flow_m3_s) : "&ndash;") << "</td><td>"
          << (c.has_breathing ? num("%.0f", c.breathing_pct) : "&ndash;") << "</td><td>"
          << (c.has_throttle ? num("%.0f", c.throttle_C) : "&ndash;") << "</td>";
        h << "<td class=\"name" << (c.throttling ? " throttle" : "") << "\">"
          << markup_escape(state) << "</td></tr>\n";
      }
      h << "</table>\n";
    }

    // ---- build sanity ---------------------------------------------------------
    if (!s->build_sanity.empty()) {
      h << "<h2>Build sanity</h2>\n<table>\n<tr><th class=\"name\">check</th><th "
           "class=\"name\">topic</th><th class=\"name\">finding</th><th "
           "class=\"name\">what to change</th></tr>\n";
      for (const SanityLine& l : s->build_sanity) {
        const char* cls = l.level == "FAIL" ? " bad" : l.level == "WARN" ? " throttle" : "";
        h << "<tr><td class=\"name" << cls << "\">" << markup_escape(l.level)
          << "</td><td class=\"name\">" << markup_escape(l.topic) << "</td><td class=\"name\">"
          << markup_escape(l.text) << "</td><td class=\"name\">" << markup_escape(l.fix)
          << "</td></tr>\n";
      }
      h << "</table>\n";
    }

    // ---- fans and vents -------------------------------------------------------
    if (!s->fans.empty()) {
      h << "<h2>Fan operating points</h2>\n<table>\n<tr><th class=\"name\">fan</th>"
        << "<th>flow m&sup3;/s</th><th>flow CFM</th><th>pressure rise Pa</th><th>speed %</th>"
        << "<th class=\"name\">note</th></tr>\n";
      for (const FanSummary& f : s->fans)
        h << "<tr><td class=\"name\">" << markup_escape(f.name) << "</td><td>"
          << num("%.4g", f.flow_m3_s) << "</td><td>"
          << num("%.3g", f.flow_m3_s / kCubicMetresPerSecondPerCfm) << "</td><td>"
          << num("%.3g", f.pressure_Pa) << "</td><td>" << num("%.0f", f.speed_pct)
          << "</td><td class=\"name\">" << (f.near_stall ? "near stall" : "") << "</td></tr>\n";
      h << "</table>\n";
    }
    if (!s->vents.empty()) {
      h << "<h2>Vents</h2>\n<table>\n<tr><th class=\"name\">vent</th><th class=\"name\">face</th>"
        << "<th>flow out m&sup3;/s</th><th>heat out W</th><th>loss coefficient K</th></tr>\n";
      for (const VentSummary& v : s->vents)
        h << "<tr><td class=\"name\">" << markup_escape(v.name) << "</td><td class=\"name\">"
          << markup_escape(v.face) << "</td><td>" << num("%.4g", v.flow_m3_s) << "</td><td>"
          << num("%.4g", v.heat_out_W) << "</td><td>" << num("%.3g", v.loss_coefficient)
          << "</td></tr>\n";
      h << "</table>\n<p class=\"note\">Positive = leaving the case.</p>\n";
    }

    // ---- balances -------------------------------------------------------------
    h << "<h2>Energy balance</h2>\n<table>\n";
    h << "<tr><th class=\"name\">sources</th><td>" << num("%.4g", s->sources_W) << " W</td></tr>\n";
    h << "<tr><th class=\"name\">leaving through the boundaries</th><td>" << num("%.4g", s->out_W)
      << " W</td></tr>\n";
    if (s->transient)
      h << "<tr><th class=\"name\">being stored</th><td>" << num("%.4g", s->time.stored_W)
        << " W</td></tr>\n";
    h << "<tr><th class=\"name\">error</th><td>" << num("%.3f", s->energy_error_pct)
      << " %</td></tr>\n";
    if (s->mass_in_kg_s > 0)
      h << "<tr><th class=\"name\">air in</th><td>" << num("%.4g", s->mass_in_kg_s)
        << " kg/s (mass error " << num("%.3f", s->mass_error_pct) << " %)</td></tr>\n";
    h << "</table>\n<table>\n<tr><th class=\"name\">face</th><th>heat out W</th>"
      << "<th>mass out kg/s</th></tr>\n";
    for (int f = 0; f < kFaceCount; ++f)
      h << "<tr><td class=\"name\">" << kFaceNames[f] << "</td><td>"
        << num("%.4g", s->boundaries[f].heat_out_W) << "</td><td>"
        << num("%.4g", s->boundaries[f].mass_out_kg_s) << "</td></tr>\n";
    h << "</table>\n";
    if (!s->monitors.empty()) {
      h << "<h2>Monitors</h2>\n<table>\n<tr><th class=\"name\">monitor</th><th>position mm</th>"
        << "<th>T &deg;C</th><th>|U| m/s</th></tr>\n";
      for (const MonitorSummary& m : s->monitors) {
        const double u =
            std::sqrt(m.U_m_s[0] * m.U_m_s[0] + m.U_m_s[1] * m.U_m_s[1] + m.U_m_s[2] * m.U_m_s[2]);
        h << "<tr><td class=\"name\">" << markup_escape(m.name) << "</td><td>"
          << num("%.1f", m.position_m[0] * 1e3) << ", " << num("%.1f", m.position_m[1] * 1e3)
          << ", " << num("%.1f", m.position_m[2] * 1e3) << "</td><td>" << num("%.2f", m.T_C)
          << "</td><td>" << num("%.3g", u) << "</td></tr>\n";
      }
      h << "</table>\n";
    }
  }

  // ---- pictures -----------------------------------------------------------------
  h << "<h2>Pictures</h2>\n";
  std::vector<Picture> pictures = in.pictures;
  if (!in.layout_picture.empty()) pictures.push_back({in.layout_picture, "the layout as modelled"});
  int shown = 0;
  for (const Picture& p : pictures) {
    std::string data;
    if (!read_file((fs::path(out_dir) / p.file).string(), &data)) continue;
    h << "<figure><img alt=\"" << markup_escape(p.caption) << "\" src=\"data:image/png;base64,"
      << base64(data) << "\"><figcaption>" << markup_escape(p.file) << ": "
      << markup_escape(p.caption) << "</figcaption></figure>\n";
    ++shown;
  }
  if (shown == 0) h << "<p>No pictures.</p>\n";
  for (const std::string& e : in.picture_errors)
    h << "<p class=\"note\">Picture not drawn: " << markup_escape(e) << "</p>\n";

  if (!in.scenario_text.empty())
    h << "<h2>Scenario</h2>\n<details><summary>" << markup_escape(name) << "</summary><pre>"
      << markup_escape(in.scenario_text) << "</pre></details>\n";
  h << "<p class=\"note\">Written by rigtherm; summary.json and result.h5 beside this page hold "
       "the same numbers and the fields.</p>\n</body>\n</html>\n";
  return h.str();
}

std::string write_report(const ReportInput& in, const std::string& out_dir) {
  const std::string path = (std::filesystem::path(out_dir) / "report.html").string();
  write_text_atomic(path, report_html(in, out_dir));
  return path;
}

}  // namespace rt::viz
