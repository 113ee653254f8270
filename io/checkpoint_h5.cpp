#include "io/checkpoint_h5.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/atomic_file.hpp"
#include "io/h5_file.hpp"

namespace rt {
namespace {

using Json = nlohmann::json;

// JSON has no inf or NaN (a die with no air through it reads infinite):
// those go as the strings "inf", "-inf" and "nan"; finite numbers as numbers,
// which nlohmann writes so that they read back exactly.
Json number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return v;
}

double number_from(const Json& j) {
  if (j.is_number()) return j.get<double>();
  const std::string s = j.get<std::string>();
  if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
  if (s == "inf") return std::numeric_limits<double>::infinity();
  if (s == "-inf") return -std::numeric_limits<double>::infinity();
  throw std::invalid_argument("'" + s + "' is not a number");
}

Json numbers(const std::vector<double>& v) {
  Json a = Json::array();
  for (double x : v) a.push_back(number(x));
  return a;
}

std::vector<double> numbers_from(const Json& j) {
  std::vector<double> v;
  for (const Json& x : j) v.push_back(number_from(x));
  return v;
}

Json time_series_json(const TimeSeries& ts) {
  Json j = {{"time_s", numbers(ts.time_s)}, {"step", ts.step}, {"iterations", ts.iterations}};
  Json comps = Json::array();
  for (const TimeSeries::Component& c : ts.components)
    comps.push_back({{"name", c.name},
                     {"T_mean_C", numbers(c.T_mean_C)},
                     {"T_max_C", numbers(c.T_max_C)},
                     {"T_die_C", numbers(c.T_die_C)}});
  j["components"] = std::move(comps);
  Json mons = Json::array();
  for (const TimeSeries::Monitor& m : ts.monitors)
    mons.push_back({{"name", m.name}, {"T_C", numbers(m.T_C)}});
  j["monitors"] = std::move(mons);
  return j;
}

TimeSeries time_series_from(const Json& j) {
  TimeSeries ts;
  ts.time_s = numbers_from(j.at("time_s"));
  j.at("step").get_to(ts.step);
  j.at("iterations").get_to(ts.iterations);
  for (const Json& c : j.at("components")) {
    TimeSeries::Component comp;
    c.at("name").get_to(comp.name);
    comp.T_mean_C = numbers_from(c.at("T_mean_C"));
    comp.T_max_C = numbers_from(c.at("T_max_C"));
    comp.T_die_C = numbers_from(c.at("T_die_C"));
    ts.components.push_back(std::move(comp));
  }
  for (const Json& m : j.at("monitors")) {
    TimeSeries::Monitor mon;
    m.at("name").get_to(mon.name);
    mon.T_C = numbers_from(m.at("T_C"));
    ts.monitors.push_back(std::move(mon));
  }
  return ts;
}

// The scalars and small lists of a checkpoint (nlohmann writes doubles so
// that they read back exactly).
Json state_json(const SolverCheckpoint& c) {
  const RelaxationControl::State& r = c.relaxation;
  Json j = {{"iteration", c.iteration},
            {"wall_time_s", number(c.wall_time_s)},
            {"relax_velocity", number(c.relax_velocity)},
            {"relax_energy", number(c.relax_energy)},
            {"relaxation",
             {{"velocity", number(r.velocity)},
              {"energy", number(r.energy)},
              {"window_best", number(r.window_best)},
              {"previous_best", number(r.previous_best)},
              {"in_window", r.in_window},
              {"reductions", r.reductions}}}};
  j["acceleration"] = {{"steps", c.acceleration.steps},
                       {"differences", c.acceleration.dG.size()},
                       {"given_up", c.acceleration.given_up},
                       {"in_window", c.acceleration.in_window},
                       {"window_best", number(c.acceleration.window_best)},
                       {"previous_best", number(c.acceleration.previous_best)}};
  // The sampled temperatures' names and iterations; the values are the
  // dataset /temperature_history.
  Json names = Json::array();
  for (const TemperatureHistory::Series& series : c.temperature_history.series)
    names.push_back(series.name);
  j["temperature_history"] = {{"names", std::move(names)},
                              {"iteration", c.temperature_history.iteration}};
  if (c.transient) {
    j["transient"] = {{"step", c.step},
                      {"time_s", number(c.time_s)},
                      {"dt_prev", number(c.dt_prev)},
                      {"steps_not_converged", c.steps_not_converged},
                      {"stored_W", number(c.stored_W)},
                      {"last_step_iterations", c.last_step_iterations},
                      {"throttle_time_s", numbers(c.throttle_time_s)},
                      {"time_series", time_series_json(c.time_series)}};
  }
  return j;
}

void state_from(const Json& j, SolverCheckpoint& c) {
  j.at("iteration").get_to(c.iteration);
  c.wall_time_s = number_from(j.at("wall_time_s"));
  c.relax_velocity = number_from(j.at("relax_velocity"));
  c.relax_energy = number_from(j.at("relax_energy"));
  const Json& r = j.at("relaxation");
  c.relaxation.velocity = number_from(r.at("velocity"));
  c.relaxation.energy = number_from(r.at("energy"));
  c.relaxation.window_best = number_from(r.at("window_best"));
  c.relaxation.previous_best = number_from(r.at("previous_best"));
  r.at("in_window").get_to(c.relaxation.in_window);
  r.at("reductions").get_to(c.relaxation.reductions);
  // Checkpoints written before the acceleration had none: it starts afresh.
  if (j.contains("acceleration")) {
    const Json& a = j.at("acceleration");
    a.at("steps").get_to(c.acceleration.steps);
    a.at("given_up").get_to(c.acceleration.given_up);
    a.at("in_window").get_to(c.acceleration.in_window);
    c.acceleration.window_best = number_from(a.at("window_best"));
    c.acceleration.previous_best = number_from(a.at("previous_best"));
  }
  if (j.contains("temperature_history")) {
    const Json& h = j.at("temperature_history");
    h.at("iteration").get_to(c.temperature_history.iteration);
    for (const Json& name : h.at("names"))
      c.temperature_history.series.push_back({name.get<std::string>(), {}});
  }
  if (!c.transient) return;
  const Json& t = j.at("transient");
  t.at("step").get_to(c.step);
  c.time_s = number_from(t.at("time_s"));
  c.dt_prev = number_from(t.at("dt_prev"));
  t.at("steps_not_converged").get_to(c.steps_not_converged);
  c.stored_W = number_from(t.at("stored_W"));
  t.at("last_step_iterations").get_to(c.last_step_iterations);
  c.throttle_time_s = numbers_from(t.at("throttle_time_s"));
  c.time_series = time_series_from(t.at("time_series"));
}

const char* kAxes[3] = {"x", "y", "z"};
const char* kVelocity[3] = {"u", "v", "w"};

void write(h5::Writer& w, const SolverCheckpoint& c, const Grid& grid,
           const std::string& scenario_name, const std::string& scenario_text) {
  w.attribute("/", "schema", kCheckpointSchema);
  w.attribute("/", "scenario", scenario_name);
  w.attribute("/", "fingerprint", scenario_fingerprint(scenario_text, grid));
  w.attribute("/", "mode", c.transient ? "transient" : "steady");
  w.attribute("/", "state", state_json(c).dump());

  w.group("/grid");
  for (int a = 0; a < 3; ++a)
    w.doubles(std::string("/grid/") + kAxes[a], {grid.edges[a].size()}, grid.edges[a].data(), "m");
  w.group("/state");
  for (int a = 0; a < 3; ++a)
    w.doubles(std::string("/state/") + kVelocity[a], {c.vel[a].size()}, c.vel[a].data(), "m/s");
  w.doubles("/state/p", {c.p.size()}, c.p.data(), "Pa");
  w.doubles("/state/T", {c.T.size()}, c.T.data(), "K");
  w.attribute("/state", "description",
              "face velocities (staggered, x fastest) and cell-centred p, T as the solver holds "
              "them",
              false);
  w.group("/controls");
  w.doubles("/controls/fan_pressure_Pa", {c.fan_pressure_Pa.size()}, c.fan_pressure_Pa.data(),
            "Pa");
  w.doubles("/controls/fan_speed", {c.fan_speed.size()}, c.fan_speed.data(), "1");
  w.doubles("/controls/porous_power_W", {c.porous_power_W.size()}, c.porous_power_W.data(), "W");

  std::vector<double> conv;
  for (const ResidualRecord& r : c.convergence)
    conv.insert(conv.end(), {static_cast<double>(r.iteration), r.mass, r.momentum, r.energy});
  w.doubles("/convergence", {c.convergence.size(), 4}, conv.data(), "1");
  const std::size_t m = c.monitor_history_C.empty() ? 0 : c.monitor_history_C.front().size();
  std::vector<double> hist;
  for (const std::vector<double>& row : c.monitor_history_C) {
    if (row.size() != m) throw std::invalid_argument("checkpoint: ragged monitor history");
    hist.insert(hist.end(), row.begin(), row.end());
  }
  w.doubles("/convergence_monitors", {c.monitor_history_C.size(), m}, hist.data(), "degC");
  // [sample][series], as /convergence_monitors.
  const TemperatureHistory& th = c.temperature_history;
  std::vector<double> samples;
  for (std::size_t i = 0; i < th.iteration.size(); ++i)
    for (const TemperatureHistory::Series& series : th.series) {
      if (series.T_C.size() != th.iteration.size())
        throw std::invalid_argument("checkpoint: ragged temperature history");
      samples.push_back(series.T_C[i]);
    }
  w.doubles("/temperature_history", {th.iteration.size(), th.series.size()}, samples.data(),
            "degC");

  const AndersonAcceleration::State& acc = c.acceleration;
  if (acc.steps > 0) {
    // FP32 values stored as FP64 (exact both ways, one dataset type).
    const auto widened = [](const std::vector<float>& v) {
      return std::vector<double>(v.begin(), v.end());
    };
    const auto stacked = [&](const std::vector<std::vector<float>>& columns) {
      std::vector<double> out;
      for (const std::vector<float>& col : columns) out.insert(out.end(), col.begin(), col.end());
      return out;
    };
    const std::size_t n = acc.g_previous.size(), q = acc.dG.size();
    w.group("/acceleration");
    w.doubles("/acceleration/g_previous", {n}, acc.g_previous.data(), "1");
    w.doubles("/acceleration/f_previous", {n}, widened(acc.f_previous).data(), "1");
    w.doubles("/acceleration/correction", {n}, widened(acc.correction).data(), "1");
    w.doubles("/acceleration/dG", {q, n}, stacked(acc.dG).data(), "1");
    w.doubles("/acceleration/dF", {q, n}, stacked(acc.dF).data(), "1");
    w.attribute("/acceleration", "description",
                "Anderson acceleration's remembered steps (solver/anderson_acceleration.hpp), "
                "the fields u, v, w, p, T one after the other",
                false);
  }

  if (c.transient) {
    w.group("/time_levels");
    w.doubles("/time_levels/T_prev", {c.T_prev.size()}, c.T_prev.data(), "K");
    for (int a = 0; a < 3; ++a)
      w.doubles(std::string("/time_levels/") + kVelocity[a] + "_prev", {c.vel_prev[a].size()},
                c.vel_prev[a].data(), "m/s");
  }
}

SolverCheckpoint read(h5::Reader& r, const Grid& grid, const std::string& scenario_text) {
  const std::string& path = r.path();
  const std::string schema = r.attribute("/", "schema");
  if (schema != kCheckpointSchema)
    throw CheckpointError(path + ": not a rigtherm checkpoint (schema '" + schema +
                          "', expected '" + kCheckpointSchema + "')");
  const std::string name = r.attribute("/", "scenario");
  SolverCheckpoint c;
  const std::string mode = r.attribute("/", "mode");
  if (mode != "steady" && mode != "transient")
    throw CheckpointError(path + ": unknown mode '" + mode + "'");
  c.transient = mode == "transient";
  const std::string state = r.attribute("/", "state");
  const std::string fingerprint = r.attribute("/", "fingerprint");
  std::array<std::vector<double>, 3> edges;
  for (int a = 0; a < 3; ++a) edges[a] = r.doubles(std::string("/grid/") + kAxes[a]);
  for (int a = 0; a < 3; ++a) c.vel[a] = r.doubles(std::string("/state/") + kVelocity[a]);
  c.p = r.doubles("/state/p");
  c.T = r.doubles("/state/T");
  c.fan_pressure_Pa = r.doubles("/controls/fan_pressure_Pa");
  c.fan_speed = r.doubles("/controls/fan_speed");
  c.porous_power_W = r.doubles("/controls/porous_power_W");
  std::vector<std::size_t> dims;
  const std::vector<double> conv = r.doubles("/convergence", &dims);
  if (dims.size() != 2 || dims[1] != 4)
    throw CheckpointError(path + ": /convergence is not [n][4]");
  for (std::size_t i = 0; i < dims[0]; ++i)
    c.convergence.push_back(
        {static_cast<int>(conv[4 * i]), conv[4 * i + 1], conv[4 * i + 2], conv[4 * i + 3]});
  const std::vector<double> hist = r.doubles("/convergence_monitors", &dims);
  if (dims.size() != 2) throw CheckpointError(path + ": /convergence_monitors is not 2-D");
  for (std::size_t i = 0; i < dims[0]; ++i)
    c.monitor_history_C.emplace_back(hist.begin() + i * dims[1], hist.begin() + (i + 1) * dims[1]);
  // Checkpoints written before the temperature history was kept have none:
  // the resumed run starts its settle window afresh.
  std::vector<double> samples;
  std::vector<std::size_t> sample_dims;
  if (r.exists("/temperature_history")) samples = r.doubles("/temperature_history", &sample_dims);
  std::vector<double> acc_g, acc_f, acc_c, acc_dG, acc_dF;
  std::vector<std::size_t> acc_dims;
  if (r.exists("/acceleration")) {
    acc_g = r.doubles("/acceleration/g_previous");
    acc_f = r.doubles("/acceleration/f_previous");
    acc_c = r.doubles("/acceleration/correction");
    acc_dG = r.doubles("/acceleration/dG", &acc_dims);
    acc_dF = r.doubles("/acceleration/dF");
  }
  if (c.transient) {
    c.T_prev = r.doubles("/time_levels/T_prev");
    for (int a = 0; a < 3; ++a)
      c.vel_prev[a] = r.doubles(std::string("/time_levels/") + kVelocity[a] + "_prev");
  }
  // Everything read: is it what was written?
  r.verify();

  Grid stored;
  stored.edges = edges;
  if (fingerprint != scenario_fingerprint(scenario_text, grid) || stored.edges != grid.edges) {
    throw CheckpointError(path +
                          ": this checkpoint belongs to another scenario or grid (written for '" +
                          name + "', " + std::to_string(stored.nx()) + " x " +
                          std::to_string(stored.ny()) + " x " + std::to_string(stored.nz()) +
                          " cells); --resume needs the scenario file it was taken "
                          "from, unchanged. Run without --resume to start again");
  }
  try {
    state_from(Json::parse(state), c);
    TemperatureHistory& th = c.temperature_history;
    const std::size_t n = th.iteration.size(), m = th.series.size();
    if (n * m > 0 && (sample_dims.size() != 2 || sample_dims[0] != n || sample_dims[1] != m))
      throw std::invalid_argument("/temperature_history does not match its names and iterations");
    for (std::size_t k = 0; k < m && n > 0; ++k)
      for (std::size_t i = 0; i < n; ++i) th.series[k].T_C.push_back(samples[i * m + k]);
    AndersonAcceleration::State& acc = c.acceleration;
    if (acc.steps > 0) {
      const std::size_t unknowns = acc_g.size();
      if (acc_f.size() != unknowns || acc_c.size() != unknowns || acc_dims.size() != 2 ||
          acc_dims[1] != unknowns || acc_dF.size() != acc_dG.size())
        throw std::invalid_argument("/acceleration does not hold what its state says");
      acc.g_previous = acc_g;
      acc.f_previous.assign(acc_f.begin(), acc_f.end());
      acc.correction.assign(acc_c.begin(), acc_c.end());
      for (std::size_t q = 0; q < acc_dims[0]; ++q) {
        acc.dG.emplace_back(acc_dG.begin() + q * unknowns, acc_dG.begin() + (q + 1) * unknowns);
        acc.dF.emplace_back(acc_dF.begin() + q * unknowns, acc_dF.begin() + (q + 1) * unknowns);
      }
    }
  } catch (const std::exception& e) {
    throw CheckpointError(path + ": its state attribute is not what this rigtherm writes (" +
                          e.what() + ")");
  }
  return c;
}

}  // namespace

std::string scenario_fingerprint(const std::string& scenario_text, const Grid& grid) {
  h5::Digest d;
  d.add("scenario", {}, scenario_text.data(), scenario_text.size());
  for (int a = 0; a < 3; ++a)
    d.add(std::string("edges ") + kAxes[a], {grid.edges[a].size()}, grid.edges[a].data(),
          grid.edges[a].size() * sizeof(double));
  return d.text();
}

void write_checkpoint_h5(const std::string& path, const SolverCheckpoint& c, const Grid& grid,
                         const std::string& scenario_name, const std::string& scenario_text) {
  write_file_atomic(path, [&](const std::string& tmp) {
    h5::Writer w(tmp, path);
    write(w, c, grid, scenario_name, scenario_text);
    w.close();
  });
}

std::string checkpoint_scenario_name(const std::string& path) {
  try {
    h5::Reader r(path, "checkpoint");
    if (r.attribute("/", "schema") != kCheckpointSchema)
      throw CheckpointError(path + ": not a rigtherm checkpoint");
    return r.attribute("/", "scenario");
  } catch (const CheckpointError&) {
    throw;
  } catch (const std::exception& e) {
    throw CheckpointError(e.what());
  }
}

SolverCheckpoint read_checkpoint_h5(const std::string& path, const Grid& grid,
                                    const std::string& scenario_text) {
  const std::string advice = "; delete it (or run without --resume) to start from the beginning";
  try {
    h5::Reader r(path, "checkpoint");
    return read(r, grid, scenario_text);
  } catch (const CheckpointError&) {
    throw;
  } catch (const std::exception& e) {
    throw CheckpointError(std::string(e.what()) + advice);
  }
}

}  // namespace rt
