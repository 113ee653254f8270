#include "solver/diagnostics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "solver/die_model.hpp"
#include "solver/fan_operating_point.hpp"
#include "solver/kernels/boundary_flux_k.hpp"
#include "solver/parallel/for_each.hpp"

namespace rt {
namespace {

double to_celsius(double T_K) { return T_K - kCelsiusToKelvin; }

}  // namespace

void summarize_state(const Model& model, FlowState& state, Summary& s) {
  const FlowView v = state.view();
  const Extent& C = state.cells();
  s.cells = {C.n[0], C.n[1], C.n[2]};

  s.fans = fan_summaries(model, state);
  s.vents.clear();
  s.mass_in_kg_s = 0.0;
  for (const Vent& vent : model.vents) {
    VentSummary vs;
    vs.name = vent.name;
    vs.face = vent.internal_axis ? std::string("plane ") + "xyz"[*vent.internal_axis]
                                 : kFaceNames[static_cast<int>(vent.face)];
    vs.loss_coefficient = vent.loss_coefficient;
    s.vents.push_back(vs);
  }
  for (int a = 0; a < 3; ++a)
    for (int side = 0; side < 2; ++side) {
      FaceTotals totals;
      const std::vector<std::int16_t>& patch_of = state.patch_map(domain_face(a, side));
      const int t1 = (a + 1) % 3, t2 = (a + 2) % 3;
      for (int j2 = 0; j2 < C.n[t2]; ++j2)
        for (int j1 = 0; j1 < C.n[t1]; ++j1) {
          int c[3];
          c[a] = side ? C.n[a] - 1 : 0;
          c[t1] = j1;
          c[t2] = j2;
          const BoundaryOutflow out = boundary_outflow(v, c, a, side);
          totals.mass_out_kg_s += out.mass_kg_s;
          s.mass_in_kg_s += std::max(0.0, -out.mass_kg_s);
          totals.heat_out_W += out.heat_W;
          const int patch =
              patch_of.empty() ? -1 : patch_of[j1 + static_cast<std::size_t>(C.n[t1]) * j2];
          if (patch >= 0 && patch < static_cast<int>(s.vents.size())) {  // fans come after
            VentSummary& vs = s.vents[static_cast<std::size_t>(patch)];
            vs.mass_out_kg_s += out.mass_kg_s;
            vs.heat_out_W += out.heat_W;
            vs.flow_m3_s += out.mass_kg_s / state.props.rho;
          }
        }
      s.boundaries[domain_face(a, side)] = totals;
    }

  // Vents inside: flow towards +axis, and the heat it carries (upwind T).
  state.for_each_internal_patch_face([&](int a, std::size_t q, int patch, double area) {
    if (patch >= static_cast<int>(model.vents.size())) return;  // a fan
    const Extent fe = face_extent(C, a);
    const int i = static_cast<int>(q % fe.n[0]), j = static_cast<int>((q / fe.n[0]) % fe.n[1]),
              k = static_cast<int>(q / (static_cast<std::size_t>(fe.n[0]) * fe.n[1]));
    const double u = state.vel[a][q], flow = u * area;
    const std::size_t hi = C.index(i, j, k), lo = hi - C.stride(a);
    VentSummary& vs = s.vents[static_cast<std::size_t>(patch)];
    vs.flow_m3_s += flow;
    vs.mass_out_kg_s += state.props.rho * flow;
    vs.heat_out_W += state.props.rho * state.props.cp * flow *
                     ((u >= 0.0 ? state.T[lo] : state.T[hi]) - state.props.T_ref);
  });

  // Mass: what leaves minus what enters, relative to what enters (1 ug/s
  // keeps a closed box's round-off from reading as a large percentage).
  double mass_out = 0.0;
  for (const FaceTotals& f : s.boundaries) mass_out += f.mass_out_kg_s;
  s.mass_error_pct = 100.0 * mass_out / std::max(s.mass_in_kg_s, 1e-9);

  s.sources_W = 0.0;
  for (const Block& b : model.blocks) s.sources_W += b.power_W;
  for (std::size_t p = 0; p < model.porous.size(); ++p) s.sources_W += state.porous_power(p);
  s.out_W = 0.0;
  for (const FaceTotals& f : s.boundaries) s.out_W += f.heat_out_W;
  s.energy_error_pct = energy_error_pct(s, 0.0);

  s.components = component_states(model, state);

  const std::vector<double> T_monitors = monitor_temperatures_C(model, state);
  const CellFields fields = cell_fields(state);
  s.monitors.clear();
  for (std::size_t n = 0; n < model.monitors.size(); ++n) {
    const Monitor& mon = model.monitors[n];
    MonitorSummary ms;
    ms.name = mon.name;
    ms.position_m = mon.position_m;
    const std::size_t c = monitor_cell(state, mon);
    ms.T_C = T_monitors[n];
    for (int a = 0; a < 3; ++a) ms.U_m_s[a] = fields.U_m_s[3 * c + a];
    s.monitors.push_back(ms);
  }
}

double energy_error_pct(const Summary& s, double stored_W) {
  double gross = 0.0;
  for (const FaceTotals& f : s.boundaries) gross += std::fabs(f.heat_out_W);
  // Relative to the power, or to the heat crossing the boundaries when there
  // is none; 1 uW keeps a round-off balance of an isothermal flow from
  // reading as a large percentage.
  const double basis = std::max({std::fabs(s.sources_W), 0.5 * gross, 1e-6});
  return 100.0 * (s.out_W + stored_W - s.sources_W) / basis;
}

std::vector<ComponentSummary> component_states(const Model& model, FlowState& state) {
  const Extent& C = state.cells();
  const Grid& g = state.grid();
  std::vector<ComponentSummary> out;
  // Temperatures of every block and porous block in one pass over the grid
  // (this runs every few iterations for the progress line and the plot):
  // slot blocks + p for porous block p, material b+1 for block b.
  const std::size_t blocks = model.blocks.size();
  struct Accumulated {
    double T_max = -std::numeric_limits<double>::infinity(), T_vol = 0.0, vol = 0.0;
  };
  std::vector<Accumulated> acc(blocks + model.porous.size());
  for (int k = 0; k < C.n[2]; ++k)
    for (int j = 0; j < C.n[1]; ++j)
      for (int i = 0; i < C.n[0]; ++i) {
        const std::size_t c = C.index(i, j, k);
        const std::int32_t m = state.material[c];
        if (m == 0) continue;
        Accumulated& a = acc[m > 0 ? static_cast<std::size_t>(m - 1)
                                   : blocks + static_cast<std::size_t>(-m - 1)];
        const double dv = g.width(0, i) * g.width(1, j) * g.width(2, k);
        a.T_max = std::max(a.T_max, state.T[c]);
        a.T_vol += state.T[c] * dv;
        a.vol += dv;
      }
  auto component = [&](const std::string& name, const char* kind, double power_W, std::int32_t id) {
    ComponentSummary comp;
    comp.name = name;
    comp.kind = kind;
    comp.power_W = power_W;
    comp.full_power_W = power_W;
    const Accumulated& a =
        acc[id > 0 ? static_cast<std::size_t>(id - 1) : blocks + static_cast<std::size_t>(-id - 1)];
    comp.T_max_C = to_celsius(a.T_max);
    comp.T_mean_C = to_celsius(a.T_vol / a.vol);
    out.push_back(comp);
  };
  for (std::size_t b = 0; b < model.blocks.size(); ++b)
    component(model.blocks[b].name, "block", model.blocks[b].power_W,
              static_cast<std::int32_t>(b + 1));
  const std::vector<DieReading> dies = read_dies(model, state);
  for (std::size_t p = 0; p < model.porous.size(); ++p) {
    const PorousBlock& pb = model.porous[p];
    const std::int32_t id = -static_cast<std::int32_t>(p + 1);
    component(pb.name, "porous", state.porous_power(p), id);
    ComponentSummary& comp = out.back();
    comp.full_power_W = pb.power_W;
    const double power_fraction = pb.power_W > 0.0 ? state.porous_power(p) / pb.power_W : 1.0;
    comp.sustained_performance_pct = 100.0 * sustained_performance(power_fraction);
    if (dies[p].valid) {
      comp.has_die = true;
      comp.flow_m3_s = dies[p].flow_m3_s;
      comp.inlet_air_C = to_celsius(dies[p].inlet_T_K);
      comp.T_die_C = to_celsius(dies[p].T_die_K);
    }
    if (pb.throttle_K) {
      comp.has_throttle = true;
      comp.throttle_C = to_celsius(*pb.throttle_K);
      // Holding its die at the throttle point (to within 0.1 K) counts.
      comp.throttling = power_fraction < 0.999 || comp.hot_C() >= comp.throttle_C - 0.1;
      // GPU Boost holds the die at its target to well within a kelvin unless
      // the power has nowhere lower to go: at its floor and still hotter.
      const bool at_floor = power_fraction <= pb.min_power_fraction + 1e-3;
      comp.cannot_hold_throttle = at_floor && !(comp.hot_C() <= comp.throttle_C + 1.0);
    }
  }
  return out;
}

int record_temperatures(const Model& model, FlowState& state, int iteration,
                        TemperatureHistory& history) {
  const std::vector<ComponentSummary> comps = component_states(model, state);
  const std::vector<double> monitors = monitor_temperatures_C(model, state);
  std::vector<std::pair<std::string, double>> sample;
  int hottest = -1;
  for (const ComponentSummary& c : comps) {
    if (c.full_power_W <= 0.0) continue;
    // A die with no air through it yet reads infinite: not "the hottest".
    if (std::isfinite(c.hot_C()) &&
        (hottest < 0 || c.hot_C() > sample[static_cast<std::size_t>(hottest)].second))
      hottest = static_cast<int>(sample.size());
    sample.emplace_back(c.name, c.hot_C());
  }
  for (std::size_t m = 0; m < monitors.size(); ++m)
    sample.emplace_back(model.monitors[m].name, monitors[m]);
  // After the monitors, so that a history from a checkpoint written before
  // these series existed keeps its columns in place.
  for (const ComponentSummary& c : comps)
    if (c.full_power_W > 0.0 && c.has_die)
      sample.emplace_back(intake_series_name(c.name), c.inlet_air_C);
  // Last, for the same reason: a history from an older checkpoint has no
  // power series, and its settle test then judges the temperatures alone.
  for (const ComponentSummary& c : comps)
    if (c.full_power_W > 0.0 && c.has_die && c.has_throttle)
      sample.emplace_back(power_series_name(c.name), c.power_W);
  if (history.series.empty())
    for (const auto& [name, T] : sample) history.series.push_back({name, {}});
  history.iteration.push_back(iteration);
  for (std::size_t s = 0; s < sample.size() && s < history.series.size(); ++s)
    history.series[s].T_C.push_back(sample[s].second);
  return hottest;
}

std::vector<TemperatureBand> late_temperature_bands(const TemperatureHistory& history,
                                                    double fraction) {
  std::vector<TemperatureBand> out;
  if (history.iteration.empty()) return out;
  const int last = history.iteration.back();
  const int from = last - static_cast<int>(fraction * last);
  std::size_t first = 0;
  while (first < history.iteration.size() && history.iteration[first] < from) ++first;
  if (history.iteration.size() - first < 5) return out;
  for (const TemperatureHistory::Series& series : history.series) {
    if (is_power_series(series.name)) continue;
    TemperatureBand band{series.name, history.iteration[first],
                         std::numeric_limits<double>::infinity(),
                         -std::numeric_limits<double>::infinity()};
    int n = 0;
    for (std::size_t i = first; i < series.T_C.size(); ++i) {
      if (!std::isfinite(series.T_C[i])) continue;
      band.min_C = std::min(band.min_C, series.T_C[i]);
      band.max_C = std::max(band.max_C, series.T_C[i]);
      band.mean_C += series.T_C[i];
      ++n;
    }
    if (n > 0) band.mean_C /= n;
    if (band.min_C <= band.max_C) out.push_back(band);
  }
  return out;
}

std::string intake_series_name(const std::string& component) { return component + " intake"; }

TemperatureHistory throttled_powers_as_kelvin(const TemperatureHistory& history,
                                              const std::vector<ComponentSummary>& now) {
  TemperatureHistory out;
  out.iteration = history.iteration;
  for (const ComponentSummary& c : now) {
    if (!c.has_die || !c.has_throttle || !(c.power_W > 0.0)) continue;
    const double R_K_W = (c.T_die_C - c.inlet_air_C) / c.power_W;
    if (!std::isfinite(R_K_W) || !(R_K_W > 0.0)) continue;
    const std::string name = power_series_name(c.name);
    for (const TemperatureHistory::Series& series : history.series) {
      if (series.name != name) continue;
      TemperatureHistory::Series& k = out.series.emplace_back();
      k.name = name;
      k.T_C.reserve(series.T_C.size());
      for (double P_W : series.T_C) k.T_C.push_back(P_W * R_K_W);
    }
  }
  return out;
}

bool temperatures_steady_in_mean(const TemperatureHistory& history, int from, int to, double band_K,
                                 double swing_cap_K, const std::vector<std::string>& ignored) {
  if (history.iteration.empty() || history.iteration.front() > from ||
      history.iteration.back() < to)
    return false;
  const int middle = from + (to - from) / 2;
  for (const TemperatureHistory::Series& series : history.series) {
    if (std::find(ignored.begin(), ignored.end(), series.name) != ignored.end()) continue;
    double sum[2] = {0.0, 0.0}, lo = std::numeric_limits<double>::infinity(), hi = -lo;
    int count[2] = {0, 0};
    for (std::size_t i = 0; i < series.T_C.size() && i < history.iteration.size(); ++i) {
      const int it = history.iteration[i];
      if (it < from || it > to) continue;
      if (!std::isfinite(series.T_C[i])) return false;
      const int half = it < middle ? 0 : 1;
      sum[half] += series.T_C[i];
      ++count[half];
      lo = std::min(lo, series.T_C[i]);
      hi = std::max(hi, series.T_C[i]);
    }
    if (count[0] == 0 || count[1] == 0 || !(hi - lo < swing_cap_K)) return false;
    if (!(std::abs(sum[1] / count[1] - sum[0] / count[0]) < band_K)) return false;
  }
  return true;
}

double widest_band_K(const TemperatureHistory& history, int from, int to,
                     const std::vector<std::string>& ignored) {
  const double none = std::numeric_limits<double>::quiet_NaN();
  if (history.iteration.empty() || history.iteration.front() > from ||
      history.iteration.back() < to)
    return none;
  double widest = 0.0;
  for (const TemperatureHistory::Series& series : history.series) {
    if (std::find(ignored.begin(), ignored.end(), series.name) != ignored.end()) continue;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t i = 0; i < series.T_C.size() && i < history.iteration.size(); ++i) {
      if (history.iteration[i] < from || history.iteration[i] > to) continue;
      if (!std::isfinite(series.T_C[i])) return none;
      lo = std::min(lo, series.T_C[i]);
      hi = std::max(hi, series.T_C[i]);
    }
    if (hi >= lo) widest = std::max(widest, hi - lo);
  }
  return widest;
}

bool temperatures_settled(const TemperatureHistory& history, int from, double band_K,
                          const std::vector<std::string>& ignored) {
  if (history.iteration.empty()) return false;
  // NaN (history too short, a value not finite) compares false.
  return widest_band_K(history, from, history.iteration.back(), ignored) < band_K;
}

std::size_t monitor_cell(const FlowState& state, const Monitor& mon) {
  return state.grid().cell_at(mon.position_m);
}

std::vector<double> monitor_temperatures_C(const Model& model, const FlowState& state) {
  std::vector<double> out;
  for (const Monitor& mon : model.monitors)
    out.push_back(to_celsius(state.T[monitor_cell(state, mon)]));
  return out;
}

CellFields cell_fields(FlowState& state) {
  const Extent& C = state.cells();
  CellFields out;
  out.cells = {C.n[0], C.n[1], C.n[2]};
  const std::size_t n = C.size();
  out.T_C.resize(n);
  out.p_Pa = state.p;
  out.U_m_s.assign(3 * n, 0.0);
  out.material = state.material;
  const double* T = state.T.data();
  double* T_C = out.T_C.data();
  double* U = out.U_m_s.data();
  const double* vel[3] = {state.vel[0].data(), state.vel[1].data(), state.vel[2].data()};
  for_each_point(C, [=](int i, int j, int k) {
    const std::size_t c = C.index(i, j, k);
    T_C[c] = to_celsius(T[c]);
    for (int a = 0; a < 3; ++a) {
      const Extent fe = face_extent(C, a);
      const std::size_t lo = fe.index(i, j, k);
      U[3 * c + a] = 0.5 * (vel[a][lo] + vel[a][lo + fe.stride(a)]);
    }
  });
  return out;
}

}  // namespace rt
