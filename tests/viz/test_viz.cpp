// Pictures and the report (viz/): part boxes from a model, the report's
// colour classes and embedded images, and (built with VTK) that every
// picture is a PNG of the asked size that is not blank and shows the colour
// map's ends where the field has them. Picture tests skip when this build
// has no VTK; with VTK they need Xvfb (scripts/install-deps installs it).

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "io/result_h5.hpp"
#include "viz/display.hpp"
#include "viz/picture.hpp"
#include "viz/report.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path scratch(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("rigtherm-viz-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// A 40 x 30 x 6 box (m) with a heated block, a fin stack with a die, a fan
// and a vent: T rises towards the block, the air turns around the centre.
rt::Model small_model() {
  rt::Model m;
  m.source_name = "small.toml";
  m.size_m = {0.4, 0.3, 0.06};
  m.cells = {40, 30, 6};
  rt::Block b;
  b.name = "chip";
  b.min_m = {0.25, 0.1, 0.0};
  b.max_m = {0.3, 0.15, 0.06};
  b.power_W = 20;
  m.blocks.push_back(b);
  rt::PorousBlock p;
  p.name = "gpu1.fins";
  p.min_m = {0.05, 0.2, 0.0};
  p.max_m = {0.2, 0.25, 0.06};
  p.power_W = 100;
  p.die_resistance_K_W = 0.2;
  p.throttle_K = 84.0 + rt::kCelsiusToKelvin;
  m.porous.push_back(p);
  rt::Fan f;
  f.name = "front";
  f.face = rt::Face::xmin;
  f.min_m = {0.0, 0.05, 0.0};
  f.max_m = {0.0, 0.15, 0.06};
  f.intake = true;
  m.fans.push_back(f);
  rt::Fan e = f;
  e.name = "top";
  e.face = rt::Face::ymax;
  e.min_m = {0.1, 0.3, 0.0};
  e.max_m = {0.2, 0.3, 0.06};
  e.intake = false;
  m.fans.push_back(e);
  rt::Fan in = f;
  in.name = "gpu1.fan1";
  in.internal_axis = 1;
  in.blow_sign = -1;
  in.min_m = {0.1, 0.26, 0.0};
  in.max_m = {0.15, 0.26, 0.06};
  m.fans.push_back(in);
  rt::Vent v;
  v.name = "rear";
  v.face = rt::Face::xmax;
  v.min_m = {0.4, 0.1, 0.0};
  v.max_m = {0.4, 0.2, 0.06};
  m.vents.push_back(v);
  return m;
}

rt::viz::PictureInput small_input() {
  const rt::Model m = small_model();
  rt::viz::PictureInput in;
  in.title = "small.toml";
  in.grid = rt::make_uniform_grid(m.size_m, m.cells);
  const rt::Grid& g = in.grid;
  const std::size_t n = g.total_cells();
  in.fields.cells = {g.nx(), g.ny(), g.nz()};
  in.fields.T_C.resize(n);
  in.fields.p_Pa.resize(n);
  in.fields.U_m_s.resize(3 * n);
  in.fields.material.assign(n, 0);
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) {
        const std::size_t c = i + static_cast<std::size_t>(g.nx()) * (j + g.ny() * k);
        const double x = g.centre(0, i), y = g.centre(1, j);
        const double r2 = (x - 0.275) * (x - 0.275) + (y - 0.125) * (y - 0.125);
        in.fields.T_C[c] = 25.0 + 60.0 * std::exp(-r2 / 0.004);
        in.fields.p_Pa[c] = 2.0 * (x - 0.2);
        in.fields.U_m_s[3 * c + 0] = -(y - 0.15);
        in.fields.U_m_s[3 * c + 1] = (x - 0.2);
        if (x > 0.25 && x < 0.3 && y > 0.1 && y < 0.15) in.fields.material[c] = 1;
        if (x > 0.05 && x < 0.2 && y > 0.2 && y < 0.25) in.fields.material[c] = -1;
      }
  rt::Summary s;
  rt::ComponentSummary fins;
  fins.name = "gpu1.fins";
  fins.has_die = true;
  fins.T_die_C = 86.5;
  fins.has_throttle = true;
  fins.throttle_C = 84;
  fins.throttling = true;
  s.components.push_back(fins);
  in.parts = rt::viz::parts_from_model(m, &s);
  return in;
}

// png_check's measurement, in process: size, grey stddev, fraction of pixels
// near a colour. Implemented with VTK's PNG reader in png_check.cpp; here the
// tests call the built tool.
int png_check(const fs::path& png, const std::string& args) {
  const std::string cmd = std::string(RT_PNG_CHECK) + " " + png.string() + " " + args;
  return std::system(cmd.c_str());
}

// default_pictures into dir, none of them failing; the pictures it drew.
std::vector<rt::viz::Picture> draw_default_pictures(const rt::viz::PictureInput& in,
                                                    const rt::Summary& s, const fs::path& dir,
                                                    std::vector<std::string>* files) {
  std::vector<std::string> errors;
  std::vector<rt::viz::Picture> pics = rt::viz::default_pictures(in, s, dir.string(), &errors);
  EXPECT_TRUE(errors.empty()) << errors.front();
  for (const rt::viz::Picture& p : pics) files->push_back(p.file);
  return pics;
}

}  // namespace

TEST(VizParts, FromModelKindsAndFanDirections) {
  const rt::Model m = small_model();
  rt::Summary s;
  rt::ComponentSummary c;
  c.name = "gpu1.fins";
  c.has_die = true;
  c.T_die_C = 79.0;
  c.T_max_C = 70.0;
  s.components.push_back(c);
  const std::vector<rt::viz::PartBox> parts = rt::viz::parts_from_model(m, &s);
  ASSERT_EQ(parts.size(), 6u);
  EXPECT_EQ(parts[0].kind, rt::viz::PartKind::source);
  EXPECT_EQ(parts[1].kind, rt::viz::PartKind::heat_sink);
  EXPECT_DOUBLE_EQ(parts[1].hot_C, 79.0);  // the die, not the hottest cell
  EXPECT_TRUE(parts[1].hot_is_die);
  EXPECT_DOUBLE_EQ(parts[1].throttle_C, 84.0);
  EXPECT_TRUE(std::isnan(parts[0].hot_C));  // no summary entry
  // Intake on xmin blows +x; exhaust on ymax blows +y (out); internal as given.
  EXPECT_EQ(parts[2].blow_axis, 0);
  EXPECT_EQ(parts[2].blow_sign, 1);
  EXPECT_EQ(parts[3].blow_axis, 1);
  EXPECT_EQ(parts[3].blow_sign, 1);
  EXPECT_EQ(parts[4].blow_axis, 1);
  EXPECT_EQ(parts[4].blow_sign, -1);
  // A vent on xmax is flat at x = Lx.
  EXPECT_EQ(parts[5].kind, rt::viz::PartKind::vent);
  EXPECT_DOUBLE_EQ(parts[5].min_m[0], 0.4);
  EXPECT_DOUBLE_EQ(parts[5].max_m[0], 0.4);
}

TEST(VizParts, FromMaterialBoundingBoxes) {
  const rt::viz::PictureInput in = small_input();
  const std::vector<rt::viz::PartBox> parts = rt::viz::parts_from_material(in.grid, in.fields);
  ASSERT_EQ(parts.size(), 2u);
  // Ordered by id: porous 0 (-1), then block 0 (+1); boxes on cell edges.
  EXPECT_EQ(parts[0].name, "porous 0");
  EXPECT_NEAR(parts[0].min_m[0], 0.05, 1e-12);
  EXPECT_NEAR(parts[0].max_m[1], 0.25, 1e-12);
  EXPECT_EQ(parts[1].name, "block 0");
  EXPECT_NEAR(parts[1].min_m[0], 0.25, 1e-12);
  EXPECT_NEAR(parts[1].max_m[0], 0.3, 1e-12);
  EXPECT_NEAR(parts[1].max_m[2], 0.06, 1e-12);
}

TEST(VizReport, TemperatureClasses) {
  const double none = std::nan("");
  EXPECT_EQ(rt::viz::temperature_class(74.9, none, false), "cool");
  EXPECT_EQ(rt::viz::temperature_class(75.0, none, false), "warm");
  EXPECT_EQ(rt::viz::temperature_class(83.9, none, false), "warm");
  EXPECT_EQ(rt::viz::temperature_class(84.0, none, false), "hot");
  EXPECT_EQ(rt::viz::temperature_class(80.0, 80.0, false), "throttle");
  EXPECT_EQ(rt::viz::temperature_class(60.0, 90.0, true), "throttle");
}

TEST(VizReport, TablesAndEmbeddedImages) {
  const fs::path dir = scratch("report");
  // Any bytes stand for the picture: the page must carry them, base64.
  {
    std::ofstream png(dir / "side.png", std::ios::binary);
    png << "PNGDATA";
  }
  rt::Summary s;
  s.scenario = "x.toml";
  s.converged = true;
  s.iterations = 12;
  s.sources_W = 100;
  s.out_W = 99.5;
  s.energy_error_pct = -0.5;
  for (double T : {60.0, 80.0, 90.0}) {
    rt::ComponentSummary c;
    c.name = "gpu" + std::to_string(static_cast<int>(T));
    c.kind = "porous";
    c.has_die = true;
    c.T_die_C = T;
    s.components.push_back(c);
  }
  // A build's GPU carries its breathing figure in its own column; others a dash.
  s.components.front().flow_m3_s = 0.0099;
  s.components.front().has_breathing = true;
  s.components.front().free_air_flow_m3_s = 0.027;
  s.components.front().breathing_pct = 36.7;
  s.components.back().has_throttle = true;
  s.components.back().throttle_C = 88;
  s.components.back().throttling = true;
  s.fans.push_back({"front-1", 0.02, 12.5, 100, false});
  rt::viz::ReportInput in;
  in.scenario_path = "examples/x.toml";
  in.scenario_text = "[domain] <b>";
  in.summary = &s;
  in.pictures.push_back({"side.png", "side view"});
  in.pictures.push_back({"missing.png", "not there"});
  in.picture_errors.push_back("top.png: no display");
  const std::string path = rt::viz::write_report(in, dir.string());
  const std::string html = read_all(path);
  EXPECT_NE(html.find("<!DOCTYPE html>"), std::string::npos);
  EXPECT_NE(html.find("data:image/png;base64,UE5HREFUQQ=="), std::string::npos);  // "PNGDATA"
  EXPECT_EQ(html.find("missing.png"), std::string::npos);
  EXPECT_NE(html.find("top.png: no display"), std::string::npos);
  EXPECT_NE(html.find("class=\"cool\">60.0"), std::string::npos);
  EXPECT_NE(html.find("class=\"warm\">80.0"), std::string::npos);
  EXPECT_NE(html.find("class=\"throttle\">90.0"), std::string::npos);
  EXPECT_NE(html.find("THROTTLING"), std::string::npos);
  EXPECT_NE(html.find(">breathing %</th>"), std::string::npos);
  EXPECT_NE(html.find("<td>0.0099</td><td>37</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>0</td><td>&ndash;</td>"), std::string::npos);
  EXPECT_NE(html.find("front-1"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;"), std::string::npos);  // scenario text escaped
  EXPECT_EQ(html.find("http"), std::string::npos);       // nothing to fetch: opens offline
  EXPECT_NE(html.find("Converged in 12 iterations"), std::string::npos);
}

// A build that settled, and one that settled in the mean (its flow swings),
// does not read as converged.
TEST(VizReport, SettledRunsSaySoAndASwingingFlowSaysItHasNoSteadyState) {
  const fs::path dir = scratch("report-settled");
  rt::Summary s;
  s.scenario = "x.toml";
  s.converged = true;
  s.stop_reason = "settled";
  s.iterations = 1460;
  rt::viz::ReportInput in;
  in.scenario_path = "examples/x.toml";
  in.summary = &s;
  std::string html = read_all(rt::viz::write_report(in, dir.string()));
  EXPECT_NE(html.find("Settled in 1460 iterations: temperatures steady"), std::string::npos);
  s.oscillating = true;
  html = read_all(rt::viz::write_report(in, dir.string()));
  EXPECT_NE(html.find("Settled in the mean in 1460 iterations: the flow swings (no steady state)"),
            std::string::npos);
  EXPECT_EQ(html.find("Converged in"), std::string::npos);
}

class VizPictures : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!rt::viz::pictures_available()) GTEST_SKIP() << "built without VTK: no pictures";
    const std::string why = rt::viz::ensure_display();
    ASSERT_TRUE(why.empty()) << why;
  }
};

TEST_F(VizPictures, SliceIsSizedNotBlankAndShowsBothEnds) {
  const fs::path dir = scratch("slice");
  const rt::viz::PictureInput in = small_input();
  rt::viz::SliceSpec spec;
  spec.axis = 2;
  spec.width = 1000;
  spec.height = 640;
  spec.heading = "test";
  rt::viz::render_slice(in, spec, (dir / "T.png").string());
  // The hot end of the map (165, 0, 38) around the block, the cold end
  // (49, 54, 149) far from it.
  EXPECT_EQ(png_check(dir / "T.png",
                      "--size 1000x640 --min-stddev 20 --has-rgb 165,0,38,25,0.002 "
                      "--has-rgb 49,54,149,25,0.05"),
            0);
  // A fixed range far above the field: everything at the cold end.
  spec.range = std::make_pair(200.0, 300.0);
  rt::viz::render_slice(in, spec, (dir / "fixed.png").string());
  EXPECT_NE(png_check(dir / "fixed.png", "--has-rgb 165,0,38,25,0.002"), 0);
  // Speed with streamlines and a cropped x plane.
  spec = {};
  spec.field = rt::viz::SliceField::speed;
  spec.streamlines = true;
  rt::viz::render_slice(in, spec, (dir / "speed.png").string());
  EXPECT_EQ(png_check(dir / "speed.png", "--size 1600x1000 --min-stddev 20"), 0);
  spec = {};
  spec.axis = 0;
  spec.value_m = 0.1;
  spec.crop = std::make_pair(rt::Vec3{0, 0.15, 0}, rt::Vec3{0, 0.3, 0.06});
  rt::viz::render_slice(in, spec, (dir / "x.png").string());
  EXPECT_EQ(png_check(dir / "x.png", "--size 1600x1000 --min-stddev 10"), 0);
}

TEST_F(VizPictures, SliceOutsideTheDomainIsRefused) {
  const rt::viz::PictureInput in = small_input();
  rt::viz::SliceSpec spec;
  spec.axis = 1;
  spec.value_m = 0.5;
  EXPECT_THROW(rt::viz::render_slice(in, spec, (scratch("out") / "o.png").string()),
               std::invalid_argument);
}

TEST_F(VizPictures, DefaultPicturesLayoutAndConvergence) {
  const fs::path dir = scratch("default");
  rt::viz::PictureInput in = small_input();
  rt::Summary s;
  for (int i = 1; i <= 50; ++i)
    s.convergence.push_back(
        {i, std::pow(0.8, i), std::pow(0.85, i), i == 1 ? 0.0 : std::pow(0.9, i)});
  s.temperature_history.iteration = {1, 10, 20, 30, 40, 50};
  s.temperature_history.series.push_back(
      {"gpu1.fins", {std::numeric_limits<double>::infinity(), 95, 90, 88, 87, 86.5}});
  s.temperature_history.series.push_back({"probe", {25, 30, 31, 31.5, 31.6, 31.6}});
  std::vector<std::string> files;
  const std::vector<rt::viz::Picture> pics = draw_default_pictures(in, s, dir, &files);
  EXPECT_EQ(files, (std::vector<std::string>{"side.png", "top.png", "sink-gpu1.fins.png",
                                             "convergence.png"}));
  for (const std::string& f : files)
    EXPECT_EQ(png_check(dir / f, "--size 1600x1000 --min-stddev 10"), 0) << f;
  rt::viz::render_layout("small.toml", small_model().size_m, in.parts, false,
                         (dir / "layout.png").string());
  // The heat sink's red (0.85, 0.12, 0.12), shaded, somewhere in the layout.
  EXPECT_EQ(png_check(dir / "layout.png", "--size 1600x1000 --min-stddev 10"), 0);
  rt::Summary empty;
  EXPECT_THROW(rt::viz::render_convergence("x", empty, (dir / "c.png").string()),
               std::invalid_argument);
}

// The gap under the fin stack of the small model, as a build's stack-gap
// close-up: drawn by speed and by temperature after the sink close-ups.
TEST_F(VizPictures, CloseUpsBySpeedAndTemperature) {
  const fs::path dir = scratch("close-up");
  rt::viz::PictureInput in = small_input();
  rt::viz::PlaneView v;
  v.stem = "stack-gap-gpu1";
  v.axis = 1;
  v.value_m = 0.255;
  v.min_m = {0.03, 0.255, 0.0};
  v.max_m = {0.22, 0.255, 0.06};
  v.heading = "the gap gpu1's fans draw from";
  in.close_ups.push_back(v);
  rt::Summary s;
  for (int i = 1; i <= 20; ++i)
    s.convergence.push_back({i, std::pow(0.8, i), std::pow(0.85, i), 0.0});
  std::vector<std::string> files;
  const std::vector<rt::viz::Picture> pics = draw_default_pictures(in, s, dir, &files);
  EXPECT_EQ(files, (std::vector<std::string>{"side.png", "top.png", "sink-gpu1.fins.png",
                                             "stack-gap-gpu1-speed.png", "stack-gap-gpu1-T.png",
                                             "convergence.png"}));
  EXPECT_EQ(pics[3].caption, "the gap gpu1's fans draw from: air speed");
  EXPECT_EQ(pics[4].caption, "the gap gpu1's fans draw from: temperature");
  for (const char* f : {"stack-gap-gpu1-speed.png", "stack-gap-gpu1-T.png"})
    EXPECT_EQ(png_check(dir / f, "--size 1600x1000 --min-stddev 10"), 0) << f;
}
