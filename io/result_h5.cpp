#include "io/result_h5.hpp"

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include "io/atomic_file.hpp"
#include "io/h5_file.hpp"
#include "io/markup_text.hpp"

namespace rt {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kCompressAboveCells = 64 * 1024;

// Checks that the fields fit the grid before anything is written.
void check_fields(const Grid& grid, const CellFields& f) {
  const std::size_t n = grid.total_cells();
  const auto fail = [](const std::string& what) {
    throw std::invalid_argument("result.h5: " + what);
  };
  if (f.cells[0] != grid.nx() || f.cells[1] != grid.ny() || f.cells[2] != grid.nz()) {
    fail("fields are " + std::to_string(f.cells[0]) + "x" + std::to_string(f.cells[1]) + "x" +
         std::to_string(f.cells[2]) + " cells but the grid is " + std::to_string(grid.nx()) + "x" +
         std::to_string(grid.ny()) + "x" + std::to_string(grid.nz()));
  }
  if (n == 0) fail("the grid has no cells");
  if (f.T_C.size() != n)
    fail("T has " + std::to_string(f.T_C.size()) + " values, expected " + std::to_string(n));
  if (!f.p_Pa.empty() && f.p_Pa.size() != n) fail("p has the wrong number of values");
  if (!f.U_m_s.empty() && f.U_m_s.size() != 3 * n) fail("U has the wrong number of values");
  if (!f.material.empty() && f.material.size() != n) {
    fail("material has the wrong number of values");
  }
}

// /fields/part and /fields/T_die are written when there is a parts table
// and the material ids to map; T_die only when some part has a die model.
bool writes_part_field(const CellFields& f, const std::vector<ResultPart>& parts) {
  return !parts.empty() && !f.material.empty();
}

bool writes_die_field(const CellFields& f, const std::vector<ResultPart>& parts) {
  if (!writes_part_field(f, parts)) return false;
  for (const ResultPart& p : parts)
    if (p.material != 0 && std::isfinite(p.T_die_C)) return true;
  return false;
}

// Row of /parts owning each cell (-1: air or a material with no row).
std::vector<std::int32_t> part_ids(const CellFields& f, const std::vector<ResultPart>& parts) {
  std::map<std::int32_t, std::int32_t> row_of;
  for (std::size_t r = 0; r < parts.size(); ++r)
    if (parts[r].material != 0) row_of[parts[r].material] = static_cast<std::int32_t>(r);
  std::vector<std::int32_t> out(f.material.size(), -1);
  for (std::size_t c = 0; c < out.size(); ++c) {
    const auto it = row_of.find(f.material[c]);
    if (it != row_of.end()) out[c] = it->second;
  }
  return out;
}

// The columns of /parts, each with its unit; one place for writer and reader.
struct PartColumn {
  const char* name;
  const char* units;
  double ResultPart::*member;
};
constexpr PartColumn kPartColumns[] = {
    {"power_W", "W", &ResultPart::power_W},        {"full_power_W", "W", &ResultPart::full_power_W},
    {"T_max_C", "degC", &ResultPart::T_max_C},     {"T_mean_C", "degC", &ResultPart::T_mean_C},
    {"T_die_C", "degC", &ResultPart::T_die_C},     {"throttle_C", "degC", &ResultPart::throttle_C},
    {"flow_m3_s", "m3/s", &ResultPart::flow_m3_s}, {"pressure_Pa", "Pa", &ResultPart::pressure_Pa},
    {"speed_pct", "%", &ResultPart::speed_pct},
};

void write_h5_file(h5::Writer& w, const Grid& grid, const CellFields& f, const Summary& summary,
                   const std::string& scenario_text, const std::string& summary_json,
                   const std::vector<ResultPart>& parts) {
  w.attribute("/", "schema", kResultSchema);
  w.attribute("/", "scenario", scenario_text);
  w.attribute("/", "summary", summary_json);

  w.group("/grid");
  const char* axis_names[3] = {"/grid/x", "/grid/y", "/grid/z"};
  for (int a = 0; a < 3; ++a)
    w.doubles(axis_names[a], {grid.edges[a].size()}, grid.edges[a].data(), "m");
  w.attribute("/grid", "description", "cell-edge coordinates along x, y and z", false);

  w.group("/fields");
  const std::size_t nz = static_cast<std::size_t>(grid.nz()),
                    ny = static_cast<std::size_t>(grid.ny()),
                    nx = static_cast<std::size_t>(grid.nx());
  const std::vector<std::size_t> dims = {nz, ny, nx};
  const bool compress = grid.total_cells() > kCompressAboveCells;
  w.doubles("/fields/T", dims, f.T_C.data(), "degC", compress);
  if (!f.p_Pa.empty()) {
    w.doubles("/fields/p", dims, f.p_Pa.data(), "Pa", compress);
    w.attribute("/fields/p", "description",
                "gauge pressure, the hydrostatic pressure of reference-density air removed", false);
  }
  if (!f.U_m_s.empty()) w.doubles("/fields/U", {nz, ny, nx, 3}, f.U_m_s.data(), "m/s", compress);
  if (!f.material.empty()) {
    w.ints("/fields/material", dims, f.material.data(), "1", compress);
    w.attribute("/fields/material", "description",
                "0 = air, b+1 = block b, -(q+1) = porous block q of the scenario", false);
  }
  if (writes_part_field(f, parts)) {
    const std::vector<std::int32_t> part = part_ids(f, parts);
    w.ints("/fields/part", dims, part.data(), "1", compress);
    w.attribute("/fields/part", "description", "row of /parts owning the cell; -1 = air", false);
  }
  if (writes_die_field(f, parts)) {
    const std::vector<std::int32_t> part = part_ids(f, parts);
    std::vector<double> T_die(part.size(), kNaN);
    for (std::size_t c = 0; c < part.size(); ++c)
      if (part[c] >= 0) T_die[c] = parts[static_cast<std::size_t>(part[c])].T_die_C;
    w.doubles("/fields/T_die", dims, T_die.data(), "degC", compress);
    w.attribute("/fields/T_die", "description",
                "die temperature of the part owning the cell (compact die model); NaN elsewhere",
                false);
  }

  if (!parts.empty()) {
    w.group("/parts");
    const std::size_t n = parts.size();
    std::vector<std::string> names, kinds;
    std::vector<double> lo, hi;
    std::vector<std::int32_t> material;
    for (const ResultPart& p : parts) {
      names.push_back(p.name);
      kinds.push_back(p.kind);
      lo.insert(lo.end(), p.min_m.begin(), p.min_m.end());
      hi.insert(hi.end(), p.max_m.begin(), p.max_m.end());
      material.push_back(p.material);
    }
    w.strings("/parts/name", names);
    w.strings("/parts/kind", kinds);
    w.doubles("/parts/min_m", {n, 3}, lo.data(), "m");
    w.doubles("/parts/max_m", {n, 3}, hi.data(), "m");
    w.ints("/parts/material", {n}, material.data(), "1");
    for (const PartColumn& col : kPartColumns) {
      std::vector<double> v;
      for (const ResultPart& p : parts) v.push_back(p.*col.member);
      w.doubles(std::string("/parts/") + col.name, {n}, v.data(), col.units);
    }
    w.attribute("/parts", "description",
                "one row per block, porous block, fan and vent (kind); rows index "
                "/fields/part; NaN where a kind has no such quantity",
                false);
  }

  // Residual history: one row per recorded iteration.
  std::vector<double> conv;
  conv.reserve(summary.convergence.size() * 4);
  for (const ResidualRecord& r : summary.convergence)
    conv.insert(conv.end(), {static_cast<double>(r.iteration), r.mass, r.momentum, r.energy});
  w.doubles("/convergence", {summary.convergence.size(), 4}, conv.data(), "1");
  w.attribute("/convergence", "columns", {"iteration", "mass", "momentum", "energy"});
  w.attribute("/convergence", "description",
              "normalised residuals of mass, momentum and energy per outer iteration", false);

  // Monitor history, rows as /convergence (when the solver recorded it).
  std::vector<std::string> monitor_names;
  for (const MonitorSummary& m : summary.monitors) monitor_names.push_back(m.name);
  const std::size_t rows = summary.monitor_history_C.size() == summary.convergence.size()
                               ? summary.convergence.size()
                               : 0;
  std::vector<double> history;
  for (std::size_t r = 0; r < rows; ++r) {
    if (summary.monitor_history_C[r].size() != monitor_names.size())
      throw std::invalid_argument("result.h5: monitor history row " + std::to_string(r) + " has " +
                                  std::to_string(summary.monitor_history_C[r].size()) +
                                  " values for " + std::to_string(monitor_names.size()) +
                                  " monitors");
    history.insert(history.end(), summary.monitor_history_C[r].begin(),
                   summary.monitor_history_C[r].end());
  }
  w.doubles("/convergence_monitors", {rows, monitor_names.size()}, history.data(), "degC");
  w.attribute("/convergence_monitors", "columns", monitor_names);
  w.attribute("/convergence_monitors", "description",
              "temperature at each monitor after every outer iteration; rows as /convergence",
              false);
}

}  // namespace

ResultPart::ResultPart()
    : power_W(kNaN),
      full_power_W(kNaN),
      T_max_C(kNaN),
      T_mean_C(kNaN),
      T_die_C(kNaN),
      throttle_C(kNaN),
      flow_m3_s(kNaN),
      pressure_Pa(kNaN),
      speed_pct(kNaN) {}

std::vector<ResultPart> result_parts(const Model& model, const Summary& summary) {
  std::vector<ResultPart> out;
  const auto component = [&](std::size_t i) -> const ComponentSummary* {
    return i < summary.components.size() ? &summary.components[i] : nullptr;
  };
  for (std::size_t b = 0; b < model.blocks.size(); ++b) {
    const Block& block = model.blocks[b];
    ResultPart p;
    p.name = block.name;
    p.kind = "block";
    p.min_m = block.min_m;
    p.max_m = block.max_m;
    p.material = static_cast<std::int32_t>(b + 1);
    p.full_power_W = block.power_W;
    p.power_W = block.power_W;
    if (const ComponentSummary* c = component(b)) {
      p.T_max_C = c->T_max_C;
      p.T_mean_C = c->T_mean_C;
    }
    out.push_back(p);
  }
  for (std::size_t q = 0; q < model.porous.size(); ++q) {
    const PorousBlock& block = model.porous[q];
    ResultPart p;
    p.name = block.name;
    p.kind = "porous";
    p.min_m = block.min_m;
    p.max_m = block.max_m;
    p.material = -static_cast<std::int32_t>(q + 1);
    p.full_power_W = block.power_W;
    p.power_W = block.power_W;
    if (block.throttle_K) p.throttle_C = *block.throttle_K - kCelsiusToKelvin;
    if (const ComponentSummary* c = component(model.blocks.size() + q)) {
      p.power_W = c->power_W;
      p.T_max_C = c->T_max_C;
      p.T_mean_C = c->T_mean_C;
      if (c->has_die) {
        p.T_die_C = c->T_die_C;
        p.flow_m3_s = c->flow_m3_s;
      }
    }
    out.push_back(p);
  }
  for (std::size_t i = 0; i < model.fans.size(); ++i) {
    const Fan& fan = model.fans[i];
    ResultPart p;
    p.name = fan.name;
    p.kind = "fan";
    p.min_m = fan.min_m;
    p.max_m = fan.max_m;
    p.speed_pct = 100.0 * fan.speed_fraction;
    if (i < summary.fans.size()) {
      p.flow_m3_s = summary.fans[i].flow_m3_s;
      p.pressure_Pa = summary.fans[i].pressure_Pa;
      p.speed_pct = summary.fans[i].speed_pct;
    }
    out.push_back(p);
  }
  for (std::size_t i = 0; i < model.vents.size(); ++i) {
    const Vent& vent = model.vents[i];
    ResultPart p;
    p.name = vent.name;
    p.kind = "vent";
    p.min_m = vent.min_m;
    p.max_m = vent.max_m;
    if (i < summary.vents.size()) p.flow_m3_s = summary.vents[i].flow_m3_s;
    out.push_back(p);
  }
  return out;
}

bool result_h5_available() {
#ifdef RT_HAVE_HDF5
  return true;
#else
  return false;
#endif
}

void write_result_h5(const std::string& path, const Grid& grid, const CellFields& fields,
                     const Summary& summary, const std::string& scenario_text,
                     const std::string& summary_json, const std::vector<ResultPart>& parts) {
  if (!result_h5_available()) h5::Writer(path, path);  // throws: no HDF5 in this build
  check_fields(grid, fields);
  write_file_atomic(path, [&](const std::string& tmp) {
    h5::Writer w(tmp, path);
    write_h5_file(w, grid, fields, summary, scenario_text, summary_json, parts);
    w.close();
  });
}

ResultFile read_result_h5(const std::string& path) {
  h5::Reader r(path, "result");
  ResultFile out;
  const auto fail = [&](const std::string& what) { throw std::runtime_error(path + ": " + what); };
  out.schema = r.attribute("/", "schema");
  if (out.schema != kResultSchema)
    fail("not a rigtherm result (schema '" + out.schema + "', expected '" + kResultSchema + "')");
  out.scenario_text = r.attribute("/", "scenario");
  out.summary_json = r.attribute("/", "summary");
  // Shapes are checked from the datasets' headers before their data is
  // read: a file whose shapes disagree is refused, not allocated for.
  const char* axes[3] = {"/grid/x", "/grid/y", "/grid/z"};
  for (int a = 0; a < 3; ++a) {
    const std::vector<std::size_t> edges = r.shape(axes[a]);
    if (edges.size() != 1 || edges[0] < 2 || edges[0] > kMostEdgesPerAxis)
      fail(std::string(axes[a]) + " is not a list of 2 to " + std::to_string(kMostEdgesPerAxis) +
           " cell edges");
    out.grid.edges[a] = r.doubles(axes[a]);
  }
  const std::vector<std::size_t> cells = {static_cast<std::size_t>(out.grid.nz()),
                                          static_cast<std::size_t>(out.grid.ny()),
                                          static_cast<std::size_t>(out.grid.nx())};
  const auto expect = [&](const std::string& name, const std::vector<std::size_t>& dims,
                          std::vector<std::size_t> want) {
    if (dims != want) fail(name + " does not have the shape of the grid");
  };
  const std::vector<std::size_t> vectors = {cells[0], cells[1], cells[2], 3};
  const auto grid_doubles = [&](const std::string& name, const std::vector<std::size_t>& want) {
    expect(name, r.shape(name), want);
    return r.doubles(name);
  };
  const auto grid_ints = [&](const std::string& name) {
    expect(name, r.shape(name), cells);
    return r.ints(name);
  };
  std::vector<std::size_t> dims;
  CellFields& f = out.fields;
  f.cells = {out.grid.nx(), out.grid.ny(), out.grid.nz()};
  f.T_C = grid_doubles("/fields/T", cells);
  if (r.exists("/fields/p")) f.p_Pa = grid_doubles("/fields/p", cells);
  if (r.exists("/fields/U")) f.U_m_s = grid_doubles("/fields/U", vectors);
  if (r.exists("/fields/material")) f.material = grid_ints("/fields/material");
  if (r.exists("/fields/part")) out.part = grid_ints("/fields/part");
  if (r.exists("/fields/T_die")) out.T_die_C = grid_doubles("/fields/T_die", cells);

  if (r.exists("/parts")) {
    const std::vector<std::string> names = r.strings("/parts/name");
    const std::vector<std::string> kinds = r.strings("/parts/kind");
    const std::size_t np = names.size();
    const std::vector<double> lo = r.doubles("/parts/min_m", &dims);
    expect("/parts/min_m", dims, {np, 3});
    const std::vector<double> hi = r.doubles("/parts/max_m", &dims);
    expect("/parts/max_m", dims, {np, 3});
    const std::vector<std::int32_t> material = r.ints("/parts/material", &dims);
    expect("/parts/material", dims, {np});
    if (kinds.size() != np) fail("/parts/kind and /parts/name differ in length");
    out.parts.resize(np);
    for (std::size_t i = 0; i < np; ++i) {
      ResultPart& p = out.parts[i];
      p.name = names[i];
      p.kind = kinds[i];
      for (int a = 0; a < 3; ++a) {
        p.min_m[a] = lo[3 * i + a];
        p.max_m[a] = hi[3 * i + a];
      }
      p.material = material[i];
    }
    for (const PartColumn& col : kPartColumns) {
      const std::string name = std::string("/parts/") + col.name;
      const std::vector<double> v = r.doubles(name, &dims);
      expect(name, dims, {np});
      for (std::size_t i = 0; i < np; ++i) out.parts[i].*col.member = v[i];
    }
  }

  const std::vector<double> conv = r.doubles("/convergence", &dims);
  if (dims.size() != 2 || dims[1] != 4) fail("/convergence is not [n][4]");
  r.attribute_strings("/convergence", "columns");
  for (std::size_t i = 0; i < dims[0]; ++i)
    out.convergence.push_back(
        {static_cast<int>(conv[4 * i]), conv[4 * i + 1], conv[4 * i + 2], conv[4 * i + 3]});
  if (r.exists("/convergence_monitors")) {
    const std::vector<double> h = r.doubles("/convergence_monitors", &dims);
    out.monitor_names = r.attribute_strings("/convergence_monitors", "columns");
    if (dims.size() != 2 || dims[1] != out.monitor_names.size())
      fail("/convergence_monitors does not have a column per monitor");
    for (std::size_t i = 0; i < dims[0]; ++i)
      out.monitor_history_C.emplace_back(h.begin() + i * dims[1], h.begin() + (i + 1) * dims[1]);
  }
  r.verify();
  return out;
}

ResultGridAndT read_result_h5_grid_and_T(const std::string& path) {
  ResultFile f = read_result_h5(path);
  ResultGridAndT r;
  r.schema = f.schema;
  r.grid = f.grid;
  r.cells = {f.grid.nx(), f.grid.ny(), f.grid.nz()};
  r.T_C = std::move(f.fields.T_C);
  return r;
}

void write_result_xdmf(const std::string& xmf_path, const std::string& h5_path, const Grid& grid,
                       const CellFields& fields, const std::vector<ResultPart>& parts) {
  namespace fs = std::filesystem;
  check_fields(grid, fields);
  const fs::path xmf_dir = fs::absolute(fs::path(xmf_path)).parent_path();
  const std::string h5 =
      markup_escape(fs::absolute(fs::path(h5_path)).lexically_relative(xmf_dir).generic_string());

  const int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
  std::ostringstream cells;
  cells << nz << ' ' << ny << ' ' << nx;
  const auto item = [&](const std::string& dims, const char* type, int precision,
                        const std::string& dataset) {
    std::ostringstream s;
    s << "<DataItem Dimensions=\"" << dims << "\" NumberType=\"" << type << "\" Precision=\""
      << precision << "\" Format=\"HDF\">" << h5 << ':' << dataset << "</DataItem>";
    return s.str();
  };
  const auto attribute = [&](const char* name, const char* kind, const std::string& dims,
                             const char* type, int precision, const std::string& dataset) {
    return std::string("      <Attribute Name=\"") + name + "\" AttributeType=\"" + kind +
           "\" Center=\"Cell\">\n        " + item(dims, type, precision, dataset) +
           "\n      </Attribute>\n";
  };

  std::ostringstream x;
  x << "<?xml version=\"1.0\" ?>\n"
    << "<!DOCTYPE Xdmf SYSTEM \"Xdmf.dtd\" []>\n"
    << "<Xdmf Version=\"3.0\">\n"
    << "  <Domain>\n"
    << "    <Grid Name=\"rigtherm\" GridType=\"Uniform\">\n"
    << "      <Topology TopologyType=\"3DRectMesh\" Dimensions=\"" << nz + 1 << ' ' << ny + 1 << ' '
    << nx + 1 << "\"/>\n"
    << "      <Geometry GeometryType=\"VXVYVZ\">\n"
    << "        " << item(std::to_string(nx + 1), "Float", 8, "/grid/x") << "\n"
    << "        " << item(std::to_string(ny + 1), "Float", 8, "/grid/y") << "\n"
    << "        " << item(std::to_string(nz + 1), "Float", 8, "/grid/z") << "\n"
    << "      </Geometry>\n";
  x << attribute("T", "Scalar", cells.str(), "Float", 8, "/fields/T");
  if (!fields.p_Pa.empty()) x << attribute("p", "Scalar", cells.str(), "Float", 8, "/fields/p");
  if (!fields.U_m_s.empty()) {
    x << attribute("U", "Vector", cells.str() + " 3", "Float", 8, "/fields/U");
  }
  if (!fields.material.empty()) {
    x << attribute("material", "Scalar", cells.str(), "Int", 4, "/fields/material");
  }
  if (writes_part_field(fields, parts))
    x << attribute("part", "Scalar", cells.str(), "Int", 4, "/fields/part");
  if (writes_die_field(fields, parts))
    x << attribute("T_die", "Scalar", cells.str(), "Float", 8, "/fields/T_die");
  x << "    </Grid>\n"
    << "  </Domain>\n"
    << "</Xdmf>\n";
  write_text_atomic(xmf_path, x.str());
}

}  // namespace rt
