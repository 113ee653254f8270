#include "io/summary_json.hpp"

#include <cmath>
#include <limits>

#include "io/atomic_file.hpp"
#include "scenarios/model/model.hpp"

namespace rt {
namespace {

// Built once for both nlohmann::json (sorted keys, for programs) and
// nlohmann::ordered_json (schema order, for the file people read).
template <class Json>
Json build(const Summary& s) {
  // JSON has no NaN/Inf: a quantity without a value (e.g. after divergence)
  // is written as null.
  const auto number = [](double v) -> Json {
    if (!std::isfinite(v)) return nullptr;
    return v;
  };
  const auto vec3 = [&](const std::array<double, 3>& v) {
    return Json::array({number(v[0]), number(v[1]), number(v[2])});
  };

  Json j = Json::object();
  j["schema"] = kSummarySchema;
  j["scenario"] = s.scenario;
  j["backend"] = s.backend;
  j["threads"] = s.threads;
  j["converged"] = s.converged;
  j["stop_reason"] = s.stop_reason;
  if (s.stop_reason == "settled") j["oscillating"] = s.oscillating;
  j["iterations"] = s.iterations;
  if (s.resumed_from_iteration > 0) j["resumed_from_iteration"] = s.resumed_from_iteration;
  j["wall_time_s"] = number(s.wall_time_s);
  if (s.preview) {
    const PreviewStageSummary& p = *s.preview;
    j["preview_stage"] = {{"cells", {p.cells[0], p.cells[1], p.cells[2]}},
                          {"iterations", p.iterations},
                          {"wall_time_s", number(p.wall_time_s)},
                          {"stop_reason", p.stop_reason},
                          {"full_grid_settle_K", number(p.full_grid_settle_K)},
                          {"full_grid_settle_iterations", p.full_grid_settle_iterations}};
  }
  if (s.coarse_start) {
    const CoarseStartSummary& c = *s.coarse_start;
    nlohmann::json cells = nlohmann::json::array();
    for (const std::array<int, 3>& n : c.cells) cells.push_back({n[0], n[1], n[2]});
    j["coarse_start"] = {{"cells", cells},
                         {"iterations", c.iterations},
                         {"converged", c.converged},
                         {"wall_time_s", number(c.wall_time_s)}};
    if (!c.dropped.empty()) j["coarse_start"]["dropped"] = c.dropped;
  }
  if (s.transient) {
    j["transient"] = {{"scheme", s.time.scheme},
                      {"time_step_s", number(s.time.time_step_s)},
                      {"end_time_s", number(s.time.end_time_s)},
                      {"time_s", number(s.time.time_s)},
                      {"steps", s.time.steps},
                      {"steps_planned", s.time.steps_planned},
                      {"steps_not_converged", s.time.steps_not_converged}};
  }

  const std::size_t total = static_cast<std::size_t>(s.cells[0]) *
                            static_cast<std::size_t>(s.cells[1]) *
                            static_cast<std::size_t>(s.cells[2]);
  j["grid"] = {{"cells", Json::array({s.cells[0], s.cells[1], s.cells[2]})}, {"total", total}};

  j["turbulence"] = {{"model", s.turbulence},
                     {"max_mu_t_over_mu", number(s.max_turbulent_viscosity_ratio)}};

  j["energy_balance"] = {{"sources_W", number(s.sources_W)},
                         {"out_W", number(s.out_W)},
                         {"error_pct", number(s.energy_error_pct)}};
  j["mass_balance"] = {{"in_kg_s", number(s.mass_in_kg_s)},
                       {"error_pct", number(s.mass_error_pct)}};
  // A transient run stores heat: sources = out + stored.
  if (s.transient) j["energy_balance"]["stored_W"] = number(s.time.stored_W);

  Json faces = Json::object();
  for (int f = 0; f < kFaceCount; ++f) {
    faces[kFaceNames[f]] = {{"heat_out_W", number(s.boundaries[f].heat_out_W)},
                            {"mass_out_kg_s", number(s.boundaries[f].mass_out_kg_s)}};
  }
  j["boundaries"] = std::move(faces);

  Json components = Json::array();
  for (const ComponentSummary& c : s.components) {
    Json comp = {{"name", c.name},
                 {"kind", c.kind},
                 {"power_W", number(c.power_W)},
                 {"T_max_C", number(c.T_max_C)},
                 {"T_mean_C", number(c.T_mean_C)}};
    if (c.has_die) {
      comp["inlet_air_C"] = number(c.inlet_air_C);
      comp["flow_m3_s"] = number(c.flow_m3_s);
      comp["T_die_C"] = number(c.T_die_C);
    }
    if (c.has_breathing) {
      comp["free_air_flow_m3_s"] = number(c.free_air_flow_m3_s);
      comp["breathing_pct"] = number(c.breathing_pct);
    }
    if (c.has_throttle) {
      comp["throttle_C"] = number(c.throttle_C);
      comp["throttling"] = c.throttling;
      // Only where true: T_die_C is then no temperature a card reaches.
      if (c.cannot_hold_throttle) comp["cannot_hold_throttle"] = true;
      comp["full_power_W"] = number(c.full_power_W);
      comp["sustained_performance_pct"] = number(c.sustained_performance_pct);
      // When it first throttled; null: not within the run.
      if (s.transient)
        comp["throttle_time_s"] = c.throttle_time_s >= 0.0 ? number(c.throttle_time_s) : nullptr;
    }
    components.push_back(std::move(comp));
  }
  j["components"] = std::move(components);

  Json fans = Json::array();
  for (const FanSummary& f : s.fans) {
    fans.push_back({{"name", f.name},
                    {"flow_m3_s", number(f.flow_m3_s)},
                    {"flow_CFM", number(f.flow_m3_s / kCubicMetresPerSecondPerCfm)},
                    {"pressure_Pa", number(f.pressure_Pa)},
                    {"speed_pct", number(f.speed_pct)},
                    {"near_stall", f.near_stall}});
    if (f.swirl_fraction > 0.0) {
      fans.back()["swirl_fraction"] = number(f.swirl_fraction);
      fans.back()["swirl_torque_N_m"] = number(f.swirl_torque_N_m);
      fans.back()["swirl_torque_ideal_N_m"] = number(f.swirl_torque_ideal_N_m);
    }
  }
  j["fans"] = std::move(fans);

  // Not converged: how far each temperature still moved at the end.
  if (!s.late_bands.empty()) {
    Json bands = Json::array();
    for (const TemperatureBand& b : s.late_bands)
      bands.push_back({{"name", b.name},
                       {"from_iteration", b.from_iteration},
                       {"min_C", number(b.min_C)},
                       {"max_C", number(b.max_C)},
                       {"mean_C", number(b.mean_C)}});
    j["late_temperature_bands"] = std::move(bands);
  }

  Json vents = Json::array();
  for (const VentSummary& v : s.vents) {
    vents.push_back({{"name", v.name},
                     {"face", v.face},
                     {"loss_coefficient", number(v.loss_coefficient)},
                     {"flow_m3_s", number(v.flow_m3_s)},
                     {"mass_out_kg_s", number(v.mass_out_kg_s)},
                     {"heat_out_W", number(v.heat_out_W)}});
  }
  j["vents"] = std::move(vents);

  Json monitors = Json::array();
  for (const MonitorSummary& m : s.monitors) {
    monitors.push_back({{"name", m.name},
                        {"position_m", vec3(m.position_m)},
                        {"T_C", number(m.T_C)},
                        {"U_m_s", vec3(m.U_m_s)}});
  }
  j["monitors"] = std::move(monitors);

  // A build's checks besides heat: power, cables, side panel (check prints them).
  if (!s.build_sanity.empty()) {
    Json lines = Json::array();
    for (const SanityLine& l : s.build_sanity) {
      Json line = {{"topic", l.topic}, {"level", l.level}, {"text", l.text}};
      if (!l.fix.empty()) line["fix"] = l.fix;
      lines.push_back(std::move(line));
    }
    j["build_sanity"] = std::move(lines);
  }
  if (!s.grid_distance.empty()) j["grid_distance"] = s.grid_distance;

  if (s.transient) {
    const TimeSeries& ts = s.time_series;
    const auto numbers = [&](const std::vector<double>& v) {
      Json a = Json::array();
      for (double x : v) a.push_back(number(x));
      return a;
    };
    Json series = Json::object();
    series["time_s"] = numbers(ts.time_s);
    series["step"] = ts.step;
    series["iterations"] = ts.iterations;
    Json comps = Json::array();
    for (const TimeSeries::Component& c : ts.components) {
      Json comp = {
          {"name", c.name}, {"T_mean_C", numbers(c.T_mean_C)}, {"T_max_C", numbers(c.T_max_C)}};
      if (!c.T_die_C.empty()) comp["T_die_C"] = numbers(c.T_die_C);
      comps.push_back(std::move(comp));
    }
    series["components"] = std::move(comps);
    Json mons = Json::array();
    for (const TimeSeries::Monitor& m : ts.monitors)
      mons.push_back({{"name", m.name}, {"T_C", numbers(m.T_C)}});
    series["monitors"] = std::move(mons);
    j["time_series"] = std::move(series);
  }
  return j;
}

double number_or_nan(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>()
                                          : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

Summary summary_from_json(const nlohmann::json& j) {
  if (j.value("schema", std::string()) != kSummarySchema)
    throw nlohmann::json::other_error::create(501, "not a rigtherm.summary/1 file", &j);
  Summary s;
  s.scenario = j.value("scenario", std::string());
  s.backend = j.value("backend", std::string());
  s.threads = j.value("threads", 0);
  s.converged = j.value("converged", false);
  s.stop_reason = j.value("stop_reason", std::string());
  s.oscillating = j.value("oscillating", false);
  s.iterations = j.value("iterations", 0);
  s.resumed_from_iteration = j.value("resumed_from_iteration", 0);
  s.wall_time_s = number_or_nan(j, "wall_time_s");
  if (j.contains("preview_stage")) {
    const nlohmann::json& p = j["preview_stage"];
    PreviewStageSummary ps;
    for (int a = 0; a < 3; ++a) ps.cells[a] = p.at("cells").at(a).get<int>();
    ps.iterations = p.value("iterations", 0);
    ps.wall_time_s = number_or_nan(p, "wall_time_s");
    ps.stop_reason = p.value("stop_reason", std::string());
    ps.full_grid_settle_K = number_or_nan(p, "full_grid_settle_K");
    ps.full_grid_settle_iterations = p.value("full_grid_settle_iterations", 0);
    s.preview = ps;
  }
  if (j.contains("coarse_start")) {
    const nlohmann::json& c = j["coarse_start"];
    CoarseStartSummary cs;
    for (const nlohmann::json& n : c.at("cells"))
      cs.cells.push_back({n.at(0).get<int>(), n.at(1).get<int>(), n.at(2).get<int>()});
    cs.iterations = c.value("iterations", std::vector<int>{});
    cs.converged = c.value("converged", std::vector<bool>{});
    cs.wall_time_s = number_or_nan(c, "wall_time_s");
    cs.dropped = c.value("dropped", std::string());
    s.coarse_start = cs;
  }
  if (j.contains("grid") && j["grid"].contains("cells"))
    for (int a = 0; a < 3; ++a) s.cells[a] = j["grid"]["cells"][a].get<int>();
  s.transient = j.contains("transient");
  for (const nlohmann::json& c : j.value("components", nlohmann::json::array())) {
    ComponentSummary cs;
    cs.name = c.value("name", std::string());
    cs.kind = c.value("kind", std::string());
    cs.power_W = number_or_nan(c, "power_W");
    cs.T_max_C = number_or_nan(c, "T_max_C");
    cs.T_mean_C = number_or_nan(c, "T_mean_C");
    cs.has_die = c.contains("T_die_C");
    if (cs.has_die) {
      cs.inlet_air_C = number_or_nan(c, "inlet_air_C");
      cs.flow_m3_s = number_or_nan(c, "flow_m3_s");
      cs.T_die_C = number_or_nan(c, "T_die_C");
    }
    cs.has_breathing = c.contains("breathing_pct");
    if (cs.has_breathing) {
      cs.free_air_flow_m3_s = number_or_nan(c, "free_air_flow_m3_s");
      cs.breathing_pct = number_or_nan(c, "breathing_pct");
    }
    cs.has_throttle = c.contains("throttle_C");
    if (cs.has_throttle) {
      cs.throttle_C = number_or_nan(c, "throttle_C");
      cs.throttling = c.value("throttling", false);
      cs.cannot_hold_throttle = c.value("cannot_hold_throttle", false);
      cs.full_power_W = number_or_nan(c, "full_power_W");
      cs.sustained_performance_pct = number_or_nan(c, "sustained_performance_pct");
    }
    s.components.push_back(cs);
  }
  for (const nlohmann::json& f : j.value("fans", nlohmann::json::array())) {
    FanSummary fs;
    fs.name = f.value("name", std::string());
    fs.flow_m3_s = number_or_nan(f, "flow_m3_s");
    fs.pressure_Pa = number_or_nan(f, "pressure_Pa");
    fs.speed_pct = number_or_nan(f, "speed_pct");
    fs.near_stall = f.value("near_stall", false);
    if (f.contains("swirl_fraction")) {
      fs.swirl_fraction = number_or_nan(f, "swirl_fraction");
      fs.swirl_torque_N_m = number_or_nan(f, "swirl_torque_N_m");
      fs.swirl_torque_ideal_N_m = number_or_nan(f, "swirl_torque_ideal_N_m");
    }
    s.fans.push_back(fs);
  }
  for (const nlohmann::json& l : j.value("build_sanity", nlohmann::json::array()))
    s.build_sanity.push_back({l.value("topic", std::string()), l.value("level", std::string()),
                              l.value("text", std::string()), l.value("fix", std::string())});
  s.grid_distance = j.value("grid_distance", std::string());
  return s;
}

nlohmann::json summary_to_json(const Summary& summary) { return build<nlohmann::json>(summary); }

std::string summary_json_text(const Summary& summary) {
  return build<nlohmann::ordered_json>(summary).dump(2) + "\n";
}

void write_summary_json(const std::string& path, const Summary& summary) {
  write_text_atomic(path, summary_json_text(summary));
}

}  // namespace rt
