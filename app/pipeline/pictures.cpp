#include "app/pipeline/pictures.hpp"

#include <fmt/core.h>

#include <chrono>
#include <cmath>
#include <exception>
#include <system_error>
#include <vector>

#include "scenarios/builds/breathing.hpp"
#include "viz/picture.hpp"
#include "viz/report.hpp"

namespace fs = std::filesystem;

namespace rt::app {

std::string scenario_title(const std::string& path) { return fs::path(path).filename().string(); }

void remove_old_pictures(const fs::path& out) {
  std::error_code ec;
  for (const char* f : {"side.png", "top.png", "convergence.png", "layout.png", "report.html"})
    fs::remove(out / f, ec);
  for (fs::directory_iterator it(out, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if ((name.rfind("sink-", 0) == 0 || name.rfind("stack-gap-", 0) == 0) &&
        it->path().extension() == ".png")
      fs::remove(it->path(), ec);
  }
}

namespace {

// For a build, the gap each open-air card's fans draw from, close up
// (scenarios/builds/breathing.hpp): stack-gap-gpuN-speed.png and -T.png.
std::vector<viz::PlaneView> stack_gap_views(const BuildScenario& build, const Model& model) {
  std::vector<viz::PlaneView> out;
  for (const StackGapPlane& p : stack_gap_planes(build, model)) {
    viz::PlaneView v;
    v.stem = "stack-gap-" + p.gpu;
    v.axis = p.axis;
    v.value_m = p.value_m;
    v.min_m = p.min_m;
    v.max_m = p.max_m;
    v.heading = fmt::format("the gap {}'s fans draw from, {:.1f} mm off its cooler", p.gpu,
                            std::abs(p.value_m - p.cooler_face_m) * 1e3);
    out.push_back(v);
  }
  return out;
}

}  // namespace

void pictures_and_report(const Model& model, const BuildScenario* build,
                         const std::string& scenario, bool no_pictures, const RunResult& result,
                         const fs::path& out) {
  const bool is_build = build != nullptr;
  remove_old_pictures(out);
  viz::ReportInput report;
  report.scenario_path = scenario;
  report.scenario_text = model.source_text;
  report.summary = &result.summary;
  if (no_pictures) {
    report.picture_errors.push_back("skipped (--no-pictures)");
  } else if (!viz::pictures_available()) {
    report.picture_errors.push_back(
        "this rigtherm was built without VTK (install libvtk9-dev and xvfb, rebuild)");
    fmt::print(stderr,
               "rigtherm: no pictures: built without VTK (install libvtk9-dev and xvfb, e.g. "
               "scripts/install-deps, and rebuild)\n");
  } else {
    viz::PictureInput in;
    in.title = scenario_title(scenario);
    in.grid = result.grid;
    in.fields = result.fields;
    in.parts = viz::parts_from_model(model, &result.summary);
    in.is_build = is_build;
    if (build != nullptr) in.close_ups = stack_gap_views(*build, model);
    const auto t0 = std::chrono::steady_clock::now();
    report.pictures =
        viz::default_pictures(in, result.summary, out.string(), &report.picture_errors);
    try {
      viz::render_layout(in.title, model.size_m, in.parts, is_build, (out / "layout.png").string());
      report.layout_picture = "layout.png";
    } catch (const std::exception& e) {
      report.picture_errors.push_back(std::string("layout.png: ") + e.what());
    }
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fmt::print("pictures ({:.1f} s):\n", took);
    for (const viz::Picture& p : report.pictures)
      fmt::print("  {}  {}\n", (out / p.file).string(), p.caption);
    if (!report.layout_picture.empty()) fmt::print("  {}\n", (out / "layout.png").string());
    for (const std::string& e : report.picture_errors)
      fmt::print(stderr, "rigtherm: picture not drawn: {}\n", e);
  }
  try {
    fmt::print("report:\n  {}\n", viz::write_report(report, out.string()));
  } catch (const std::exception& e) {
    fmt::print(stderr, "rigtherm: report.html not written: {}\n", e.what());
  }
}

void draw_layout(const Model& m, bool is_build, const std::string& scenario,
                 const std::string& png) {
  if (!viz::pictures_available()) {
    fmt::print("layout    not drawn: this rigtherm was built without VTK\n");
    return;
  }
  try {
    viz::render_layout(scenario_title(scenario), m.size_m, viz::parts_from_model(m), is_build, png);
    fmt::print("layout    {} (the layout picture)\n", png);
  } catch (const std::exception& e) {
    fmt::print(stderr, "rigtherm: layout picture not drawn: {}\n", e.what());
  }
}

}  // namespace rt::app
