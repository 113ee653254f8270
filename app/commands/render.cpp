#include "app/commands/render.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/exit_status.hpp"
#include "app/output_folder.hpp"
#include "app/pipeline/pictures.hpp"
#include "io/result_h5.hpp"
#include "io/summary_json.hpp"
#include "scenarios/any_scenario.hpp"
#include "viz/picture.hpp"

namespace rt::app {

namespace {

// The parts of the stored scenario, or outlines from the material ids when
// the scenario cannot be read back (names then "block b").
std::vector<viz::PartBox> stored_parts(const ResultFile& r, bool* is_build) {
  *is_build = false;
  if (!r.scenario_text.empty()) {
    try {
      const Model m = model_of_scenario_text(r.scenario_text, "result.h5:scenario", is_build);
      Summary s;
      if (!r.summary_json.empty()) s = summary_from_json(nlohmann::json::parse(r.summary_json));
      std::vector<viz::PartBox> parts = viz::parts_from_model(m, &s);
      // The stored scenario must be the one the fields were solved on.
      std::int32_t max_id = 0, min_id = 0;
      for (std::int32_t id : r.fields.material) {
        max_id = std::max(max_id, id);
        min_id = std::min(min_id, id);
      }
      if (r.fields.material.empty() || (max_id <= static_cast<std::int32_t>(m.blocks.size()) &&
                                        -min_id <= static_cast<std::int32_t>(m.porous.size())))
        return parts;
    } catch (const std::exception& e) {
      fmt::print(stderr, "rigtherm: note: the stored scenario gives no part names ({})\n",
                 e.what());
    }
  }
  *is_build = false;
  return viz::parts_from_material(r.grid, r.fields);
}

}  // namespace

int cmd_render(const RenderArgs& a) {
  if (!viz::pictures_available()) {
    fmt::print(stderr,
               "rigtherm: this rigtherm was built without VTK and cannot draw (install "
               "libvtk9-dev and xvfb, e.g. scripts/install-deps, and rebuild)\n");
    return kExitUsage;
  }
  if (const std::string problem = output_file_problem(a.png); !problem.empty()) {
    fmt::print(stderr, "rigtherm: -o {}: {}\n", a.png, problem);
    return kExitUsage;
  }
  viz::SliceSpec spec;
  if (!a.slice.empty()) {
    const std::size_t eq = a.slice.find('=');
    const std::string ax = a.slice.substr(0, eq);
    if (eq == std::string::npos || ax.size() != 1 ||
        std::string("xyz").find(ax) == std::string::npos) {
      fmt::print(stderr,
                 "rigtherm: --slice {}: expected x=VALUE, y=VALUE or z=VALUE (m, or mm "
                 "with the unit: z=120mm)\n",
                 a.slice);
      return kExitUsage;
    }
    spec.axis = static_cast<int>(std::string("xyz").find(ax));
    std::string v = a.slice.substr(eq + 1);
    double scale = 1.0;
    if (v.size() > 2 && v.compare(v.size() - 2, 2, "mm") == 0) {
      scale = 1e-3;
      v.resize(v.size() - 2);
    } else if (v.size() > 1 && v.back() == 'm') {
      v.pop_back();
    }
    try {
      std::size_t used = 0;
      spec.value_m = std::stod(v, &used) * scale;
      if (used != v.size() || !std::isfinite(spec.value_m)) throw std::invalid_argument(v);
    } catch (const std::exception&) {
      fmt::print(stderr, "rigtherm: --slice {}: '{}' is not a number\n", a.slice, v);
      return kExitUsage;
    }
  }
  spec.field = a.field == "speed" ? viz::SliceField::speed
               : a.field == "p"   ? viz::SliceField::p
                                  : viz::SliceField::T;
  spec.streamlines = a.streamlines;
  spec.arrows = !a.no_arrows;
  if (!a.range.empty()) {
    const std::size_t c = a.range.find(':');
    try {
      if (c == std::string::npos) throw std::invalid_argument(a.range);
      const double lo = std::stod(a.range.substr(0, c)), hi = std::stod(a.range.substr(c + 1));
      if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi))
        throw std::invalid_argument(a.range);
      spec.range = std::make_pair(lo, hi);
    } catch (const std::exception&) {
      fmt::print(stderr, "rigtherm: --range {}: expected LO:HI with LO < HI, e.g. 25:95\n",
                 a.range);
      return kExitUsage;
    }
  }
  if (std::sscanf(a.size.c_str(), "%dx%d", &spec.width, &spec.height) != 2 || spec.width < 200 ||
      spec.height < 150 || spec.width > 8000 || spec.height > 8000) {
    fmt::print(stderr, "rigtherm: --size {}: expected WIDTHxHEIGHT in pixels, e.g. 1600x1000\n",
               a.size);
    return kExitUsage;
  }
  // io's reader, as every other reader of result.h5: the seal, the shapes
  // against the grid before anything is allocated, and the checksum.
  ResultFile r;
  try {
    r = read_result_h5(a.h5);
  } catch (const std::exception& e) {
    fmt::print(stderr, "rigtherm: cannot render: {}\n", e.what());
    return kExitUsage;
  }
  viz::PictureInput in;
  in.grid = r.grid;
  in.fields = r.fields;
  in.parts = stored_parts(r, &in.is_build);
  in.title = scenario_title(a.h5);
  if (!r.summary_json.empty()) {
    try {
      const std::string sc = nlohmann::json::parse(r.summary_json).value("scenario", "");
      if (!sc.empty()) in.title = scenario_title(sc);
    } catch (const std::exception&) {
    }
  }
  spec.heading = spec.field == viz::SliceField::T       ? "temperature"
                 : spec.field == viz::SliceField::speed ? "air speed"
                                                        : "pressure (gauge, reduced)";
  try {
    viz::render_slice(in, spec, a.png);
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "rigtherm: {}\n", e.what());
    return kExitUsage;
  }
  fmt::print("{}\n", a.png);
  return 0;
}

}  // namespace rt::app
