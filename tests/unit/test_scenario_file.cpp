// The generic scenario reader: a complete file parses to the right SI
// numbers, every class of mistake is reported with its line and key, and
// every shipped scenario file parses.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "scenarios/model/air_properties.hpp"
#include "scenarios/model/perforated_plate.hpp"

namespace {

using rt::BoundaryType;
using rt::Face;
using rt::kCelsiusToKelvin;

const char* const kComplete = R"(# a complete scenario
[domain]
size_m = [0.4, 0.3, 0.2]

[grid]
cells = [40, 30, 20]

[fluid]
density_kg_m3 = 1.1
viscosity_Pa_s = 2e-5

[physics]
gravity_m_s2 = [0, 0, -9.81]
reference_T_C = 20
turbulence = "laminar"

[boundary.xmin]
type = "inlet"
velocity_m_s = [1.5, 0, 0]
T_C = 22

[boundary.xmax]
type = "opening"

[boundary.ymin]
type = "wall"
heat_flux_W_m2 = 100

[boundary.ymax]
type = "wall"
velocity_m_s = [0.2, 0, 0]
T_C = 30

[boundary.zmax]
type = "symmetry"

[[block]]
name = "chip"
min_m = [0.1, 0, 0.05]
max_m = [0.2, 0.02, 0.1]
conductivity_W_mK = 150
density_kg_m3 = 2330
specific_heat_J_kgK = 700
power_W = 25

[[block]]
name = "board"
min_m = [0.2, 0, 0]
max_m = [0.4, 0.01, 0.2]
conductivity_W_mK = 0.3
density_kg_m3 = 1850
specific_heat_J_kgK = 1100

[[monitor]]
name = "probe"
position_m = [0.3, 0.15, 0.1]

[solver]
mode = "steady"
max_iterations = 1200
tolerance = 1e-6
)";

// A minimal valid file that the error tests extend; it is 5 lines long.
const std::string kMinimal =
    "[domain]\n"
    "size_m = [1, 1, 1]\n"
    "[grid]\n"
    "cells = [8, 8, 8]\n"
    "\n";

// Parses text that must fail; returns the error for inspection.
rt::ScenarioError parse_error(const std::string& text) {
  try {
    rt::parse_scenario(text, "case.toml");
  } catch (const rt::ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a ScenarioError for:\n" << text;
  return rt::ScenarioError("", 0, "", "no error");
}

// The message names FILE:LINE and the key, and says something specific.
void expect_error(const std::string& text, int line, const std::string& key,
                  const std::string& detail) {
  const rt::ScenarioError e = parse_error(text);
  const std::string msg = e.what();
  EXPECT_EQ(e.line, line) << msg;
  EXPECT_EQ(e.key, key) << msg;
  EXPECT_NE(msg.find("case.toml:" + std::to_string(line) + ": "), std::string::npos) << msg;
  EXPECT_NE(msg.find("'" + key + "'"), std::string::npos) << msg;
  EXPECT_NE(msg.find(detail), std::string::npos) << msg;
}

TEST(DryAir, MatchesTablesAt25C) {
  const rt::FluidProperties air = rt::dry_air_at(25.0 + kCelsiusToKelvin);
  EXPECT_NEAR(air.density_kg_m3, 1.184, 0.001);
  EXPECT_NEAR(air.viscosity_Pa_s, 1.84e-5, 0.02e-5);
  EXPECT_NEAR(air.conductivity_W_mK, 0.0261, 0.0003);
  EXPECT_DOUBLE_EQ(air.specific_heat_J_kgK, 1006.0);
  EXPECT_NEAR(air.expansion_1_K, 1.0 / 298.15, 1e-12);
  const double prandtl = air.viscosity_Pa_s * air.specific_heat_J_kgK / air.conductivity_W_mK;
  EXPECT_NEAR(prandtl, 0.71, 0.01);
  EXPECT_THROW(rt::dry_air_at(0.0), std::invalid_argument);
}

TEST(ScenarioFile, CompleteScenarioParsesToSI) {
  const rt::Model m = rt::parse_scenario(kComplete, "complete.toml");
  EXPECT_EQ(m.source_name, "complete.toml");
  EXPECT_EQ(m.source_text, kComplete);
  EXPECT_EQ(m.size_m, (rt::Vec3{0.4, 0.3, 0.2}));
  EXPECT_EQ(m.cells, (std::array<int, 3>{40, 30, 20}));

  EXPECT_EQ(m.physics.gravity_m_s2, (rt::Vec3{0, 0, -9.81}));
  EXPECT_DOUBLE_EQ(m.physics.reference_T_K, 20 + kCelsiusToKelvin);

  // Given fluid properties are taken; omitted ones are air at reference_T_C.
  const rt::FluidProperties air = rt::dry_air_at(20 + kCelsiusToKelvin);
  EXPECT_DOUBLE_EQ(m.fluid.density_kg_m3, 1.1);
  EXPECT_DOUBLE_EQ(m.fluid.viscosity_Pa_s, 2e-5);
  EXPECT_DOUBLE_EQ(m.fluid.conductivity_W_mK, air.conductivity_W_mK);
  EXPECT_DOUBLE_EQ(m.fluid.specific_heat_J_kgK, air.specific_heat_J_kgK);
  EXPECT_DOUBLE_EQ(m.fluid.expansion_1_K, air.expansion_1_K);

  const auto& inlet = m.boundary[static_cast<int>(Face::xmin)];
  EXPECT_EQ(inlet.type, BoundaryType::inlet);
  EXPECT_EQ(inlet.velocity_m_s, (rt::Vec3{1.5, 0, 0}));
  EXPECT_DOUBLE_EQ(*inlet.T_K, 22 + kCelsiusToKelvin);

  const auto& opening = m.boundary[static_cast<int>(Face::xmax)];
  EXPECT_EQ(opening.type, BoundaryType::opening);
  EXPECT_DOUBLE_EQ(opening.pressure_Pa, 0.0);
  EXPECT_DOUBLE_EQ(*opening.T_K, 20 + kCelsiusToKelvin);  // default: reference

  const auto& flux_wall = m.boundary[static_cast<int>(Face::ymin)];
  EXPECT_EQ(flux_wall.type, BoundaryType::wall);
  EXPECT_FALSE(flux_wall.T_K);
  EXPECT_DOUBLE_EQ(*flux_wall.heat_flux_W_m2, 100.0);

  const auto& lid = m.boundary[static_cast<int>(Face::ymax)];
  EXPECT_EQ(lid.velocity_m_s, (rt::Vec3{0.2, 0, 0}));
  EXPECT_DOUBLE_EQ(*lid.T_K, 30 + kCelsiusToKelvin);
  EXPECT_FALSE(lid.heat_flux_W_m2);

  // zmin not given: adiabatic no-slip wall.
  const auto& zmin = m.boundary[static_cast<int>(Face::zmin)];
  EXPECT_EQ(zmin.type, BoundaryType::wall);
  EXPECT_FALSE(zmin.T_K);
  EXPECT_FALSE(zmin.heat_flux_W_m2);
  EXPECT_EQ(zmin.velocity_m_s, (rt::Vec3{0, 0, 0}));
  EXPECT_EQ(m.boundary[static_cast<int>(Face::zmax)].type, BoundaryType::symmetry);

  ASSERT_EQ(m.blocks.size(), 2u);
  EXPECT_EQ(m.blocks[0].name, "chip");
  EXPECT_EQ(m.blocks[0].min_m, (rt::Vec3{0.1, 0, 0.05}));
  EXPECT_EQ(m.blocks[0].max_m, (rt::Vec3{0.2, 0.02, 0.1}));
  EXPECT_DOUBLE_EQ(m.blocks[0].conductivity_W_mK, 150);
  EXPECT_DOUBLE_EQ(m.blocks[0].density_kg_m3, 2330);
  EXPECT_DOUBLE_EQ(m.blocks[0].specific_heat_J_kgK, 700);
  EXPECT_DOUBLE_EQ(m.blocks[0].power_W, 25);
  EXPECT_DOUBLE_EQ(m.blocks[1].power_W, 0);  // default

  ASSERT_EQ(m.monitors.size(), 1u);
  EXPECT_EQ(m.monitors[0].name, "probe");
  EXPECT_EQ(m.monitors[0].position_m, (rt::Vec3{0.3, 0.15, 0.1}));

  EXPECT_EQ(m.solver.mode, rt::SolveMode::steady);
  EXPECT_EQ(m.solver.max_iterations, 1200);
  EXPECT_DOUBLE_EQ(m.solver.tolerance, 1e-6);
}

TEST(ScenarioFile, MinimalScenarioGetsDefaults) {
  const rt::Model m = rt::parse_scenario(kMinimal, "min.toml");
  EXPECT_EQ(m.physics.gravity_m_s2, (rt::Vec3{0, -9.81, 0}));
  EXPECT_DOUBLE_EQ(m.physics.reference_T_K, 25 + kCelsiusToKelvin);
  EXPECT_EQ(m.physics.turbulence, rt::Turbulence::laminar);
  EXPECT_NEAR(m.fluid.density_kg_m3, 1.184, 0.001);  // dry air at 25 °C
  for (const rt::Boundary& b : m.boundary) {
    EXPECT_EQ(b.type, BoundaryType::wall);
    EXPECT_FALSE(b.T_K);
    EXPECT_FALSE(b.heat_flux_W_m2);
  }
  EXPECT_TRUE(m.blocks.empty());
  EXPECT_TRUE(m.monitors.empty());
  EXPECT_EQ(m.solver.max_iterations, rt::SolverSettings{}.max_iterations);
  EXPECT_EQ(m.solver.settle_K, 0.0);  // off: only the residuals stop a generic run
}

TEST(ScenarioFile, SettledStopKeys) {
  const rt::Model m = rt::parse_scenario(
      kMinimal + "[solver]\nsettle_K = 0.2\nsettle_iterations = 400\n", "settle.toml");
  EXPECT_DOUBLE_EQ(m.solver.settle_K, 0.2);
  EXPECT_EQ(m.solver.settle_iterations, 400);
  expect_error(kMinimal + "[solver]\nsettle_K = -1\n", 7, "solver.settle_K", "must be >= 0");
  expect_error(kMinimal + "[solver]\nsettle_iterations = 5\n", 7, "solver.settle_iterations",
               ">= 10");
  expect_error(kMinimal +
                   "[solver]\nmode = \"transient\"\ntime_step_s = 1\nend_time_s = 2\nsettle_K = "
                   "0.1\n",
               10, "solver.settle_K", "only for mode = \"steady\"");
}

TEST(ScenarioFile, IntegerAcceptedWhereFloatExpected) {
  const rt::Model m = rt::parse_scenario(kMinimal + "[physics]\nreference_T_C = 30\n", "x.toml");
  EXPECT_DOUBLE_EQ(m.physics.reference_T_K, 30 + kCelsiusToKelvin);
}

TEST(ScenarioFileErrors, SyntaxErrorHasLineAndColumn) {
  const rt::ScenarioError e = parse_error(kMinimal + "[solver]\nmax_iterations = = 3\n");
  EXPECT_EQ(e.line, 7);
  EXPECT_GT(e.column, 0);
  EXPECT_NE(std::string(e.what()).find("case.toml:7:" + std::to_string(e.column) + ": "),
            std::string::npos)
      << e.what();
  EXPECT_NE(std::string(e.what()).find("syntax"), std::string::npos) << e.what();
}

// toml++ quotes the character it met; a line break there must not break
// the message in two (found by the placement fuzz, issue 17).
TEST(ScenarioFileErrors, SyntaxErrorQuotingALineBreakStaysOneLine) {
  const rt::ScenarioError e = parse_error(kMinimal + "[solver]\ntolerance = n\n");
  EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("syntax"), std::string::npos) << e.what();
}

TEST(ScenarioFileErrors, UnknownKeysAndTables) {
  expect_error(kMinimal + "[boundary.xmin]\ntpye = \"wall\"\n", 7, "boundary.xmin.tpye",
               "unknown key; expected one of: type, velocity_m_s, T_C, heat_flux_W_m2, "
               "heat_transfer_coefficient_W_m2K, pressure_Pa");
  expect_error(kMinimal + "[solvr]\nmode = \"steady\"\n", 6, "solvr", "unknown table");
  expect_error(kMinimal + "[boundary.xmn]\ntype = \"wall\"\n", 6, "boundary.xmn",
               "unknown face; expected one of: xmin, xmax");
  expect_error(kMinimal + "[fluid]\ndensity = 1.2\n", 7, "fluid.density", "density_kg_m3");
  expect_error(kMinimal + "[[block]]\nname = \"a\"\npower = 3\n", 8, "block[1].power",
               "unknown key");
  expect_error("[domain]\nsize_m = [1, 1, 1]\nsize = 2\n[grid]\ncells = [8, 8, 8]\n", 3,
               "domain.size", "expected one of: size_m");
  // The earliest unknown key in the file is reported, not the first in sorted order.
  expect_error(kMinimal + "[physics]\nzzz = 1\naaa = 2\n", 7, "physics.zzz", "unknown key");
}

TEST(ScenarioFileErrors, WrongTypes) {
  expect_error("[domain]\nsize_m = [1, \"1\", 1]\n[grid]\ncells = [8, 8, 8]\n", 2, "domain.size_m",
               "entry 2 is a string");
  expect_error("[domain]\nsize_m = [1, 1, 1]\n[grid]\ncells = [8, 8.0, 8]\n", 4, "grid.cells",
               "entry 2 is a float");
  expect_error(kMinimal + "[solver]\nmax_iterations = 10.5\n", 7, "solver.max_iterations",
               "expected an integer, got a float");
  expect_error(kMinimal + "[physics]\nreference_T_C = \"25\"\n", 7, "physics.reference_T_C",
               "expected a number, got a string");
  expect_error(kMinimal + "[boundary.xmin]\ntype = 3\n", 7, "boundary.xmin.type",
               "expected a string");
  expect_error(kMinimal + "[block]\nname = \"a\"\n", 6, "block", "[[block]]");
  expect_error(kMinimal + "[fluid]\ndensity_kg_m3 = nan\n", 7, "fluid.density_kg_m3", "finite");
}

TEST(ScenarioFileErrors, ArraysOfWrongLength) {
  expect_error("[domain]\nsize_m = [1, 1]\n[grid]\ncells = [8, 8, 8]\n", 2, "domain.size_m",
               "got 2 entries");
  expect_error(kMinimal + "[physics]\ngravity_m_s2 = [0, -9.81, 0, 1]\n", 7, "physics.gravity_m_s2",
               "got 4 entries");
  expect_error(kMinimal + "[[monitor]]\nname = \"p\"\nposition_m = 0.5\n", 8,
               "monitor[1].position_m", "got a float");
}

TEST(ScenarioFileErrors, NonPositiveValues) {
  expect_error("[domain]\nsize_m = [1, 0, 1]\n[grid]\ncells = [8, 8, 8]\n", 2, "domain.size_m",
               "y is 0");
  expect_error("[domain]\nsize_m = [1, 1, 1]\n[grid]\ncells = [8, -8, 8]\n", 4, "grid.cells",
               "y is -8");
  expect_error(kMinimal + "[fluid]\nviscosity_Pa_s = 0\n", 7, "fluid.viscosity_Pa_s", "> 0");
  expect_error(kMinimal + "[solver]\ntolerance = -1e-5\n", 7, "solver.tolerance", "> 0");
  expect_error(kMinimal + "[solver]\nmax_iterations = 0\n", 7, "solver.max_iterations", "positive");
  expect_error(kMinimal +
                   "[[block]]\nname = \"a\"\nmin_m = [0, 0, 0]\nmax_m = [1, 1, 1]\n"
                   "conductivity_W_mK = 1\ndensity_kg_m3 = 0\nspecific_heat_J_kgK = 1\n",
               11, "block[1].density_kg_m3", "> 0");
  expect_error(kMinimal + "[boundary.xmin]\ntype = \"wall\"\nT_C = -300\n", 8, "boundary.xmin.T_C",
               "absolute zero");
}

TEST(ScenarioFileErrors, MissingRequiredKeys) {
  {
    const rt::ScenarioError e = parse_error("[grid]\ncells = [8, 8, 8]\n");
    EXPECT_EQ(e.key, "domain");
    EXPECT_NE(std::string(e.what()).find("required table [domain] is missing"), std::string::npos)
        << e.what();
  }
  {
    const rt::ScenarioError e = parse_error("[domain]\nsize_m = [1, 1, 1]\n");
    EXPECT_EQ(e.key, "grid");
    EXPECT_NE(std::string(e.what()).find("[grid]"), std::string::npos) << e.what();
  }
  expect_error("[domain]\n[grid]\ncells = [8, 8, 8]\n", 1, "domain.size_m", "required key");
  expect_error(kMinimal + "[boundary.xmin]\nT_C = 30\n", 6, "boundary.xmin.type", "required");
  expect_error(kMinimal + "\n[[block]]\nname = \"a\"\nmin_m = [0, 0, 0]\nmax_m = [1, 1, 1]\n", 7,
               "block[1].conductivity_W_mK", "required key is missing");
  expect_error(kMinimal + "[[monitor]]\nposition_m = [0, 0, 0]\n", 6, "monitor[1].name",
               "required");
  expect_error(kMinimal +
                   "[boundary.xmin]\ntype = \"inlet\"\n[boundary.xmax]\ntype = "
                   "\"opening\"\n",
               6, "boundary.xmin.velocity_m_s", "required");
}

TEST(ScenarioFileErrors, BoundaryTypeRules) {
  expect_error(kMinimal + "[boundary.xmin]\ntype = \"outlet\"\n", 7, "boundary.xmin.type",
               "expected one of: wall, symmetry, inlet, opening");
  expect_error(kMinimal + "[boundary.xmin]\ntype = \"wall\"\npressure_Pa = 5\n", 8,
               "boundary.xmin.pressure_Pa", "only type \"opening\" accepts it");
  expect_error(kMinimal + "[boundary.zmin]\ntype = \"symmetry\"\nT_C = 20\n", 8,
               "boundary.zmin.T_C", "types \"wall\", \"inlet\", \"opening\" accept it");
  expect_error(kMinimal + "[boundary.ymin]\ntype = \"wall\"\nT_C = 20\nheat_flux_W_m2 = 5\n", 9,
               "boundary.ymin.heat_flux_W_m2", "not both");
  // Inlet velocity must point into the domain; on a max face that is negative.
  expect_error(kMinimal +
                   "[boundary.xmax]\ntype = \"inlet\"\nvelocity_m_s = [2, 0, 0]\n"
                   "[boundary.xmin]\ntype = \"opening\"\n",
               8, "boundary.xmax.velocity_m_s", "into the domain");
  expect_error(kMinimal +
                   "[boundary.ymin]\ntype = \"inlet\"\nvelocity_m_s = [1, 0, 0]\n"
                   "[boundary.ymax]\ntype = \"opening\"\n",
               8, "boundary.ymin.velocity_m_s", "y component must be > 0");
  expect_error(kMinimal + "[boundary.ymin]\ntype = \"inlet\"\nvelocity_m_s = [0, 1, 0]\n", 6,
               "boundary.ymin", "opening");
}

TEST(ScenarioFile, TurbulenceModels) {
  const std::pair<const char*, rt::Turbulence> models[] = {
      {"laminar", rt::Turbulence::laminar},
      {"lvel", rt::Turbulence::lvel},
      {"zero-equation", rt::Turbulence::zero_equation}};
  for (const auto& [name, expected] : models) {
    const rt::Model m =
        rt::parse_scenario(kMinimal + "[physics]\nturbulence = \"" + name + "\"\n", "case.toml");
    EXPECT_EQ(m.physics.turbulence, expected) << name;
  }
}

TEST(ScenarioFileErrors, UnknownTurbulenceModel) {
  expect_error(kMinimal + "[physics]\nturbulence = \"k-epsilon\"\n", 7, "physics.turbulence",
               "unknown model \"k-epsilon\"; expected one of: laminar, lvel, zero-equation");
  expect_error(kMinimal + "[physics]\nturbulence = \"LVEL\"\n", 7, "physics.turbulence",
               "expected one of");
  expect_error(kMinimal + "[physics]\nturbulence = 1\n", 7, "physics.turbulence", "string");
}

TEST(ScenarioFileErrors, ReservedModes) {
  expect_error(kMinimal + "[solver]\nmode = \"unsteady\"\n", 7, "solver.mode",
               "expected \"steady\" or \"transient\"");
}

TEST(ScenarioFile, TransientKeys) {
  const rt::Model m = rt::parse_scenario(kMinimal +
                                             "[physics]\nreference_T_C = 20\n"
                                             "[solver]\nmode = \"transient\"\n"
                                             "time_step_s = 0.5\nend_time_s = 600\n"
                                             "output_interval_s = 10\niterations_per_step = 12\n"
                                             "step_tolerance = 1e-5\ntime_scheme = \"euler\"\n"
                                             "initial_T_C = 30\n",
                                         "case.toml");
  EXPECT_EQ(m.solver.mode, rt::SolveMode::transient);
  const rt::TransientSettings& t = m.solver.transient;
  EXPECT_DOUBLE_EQ(t.time_step_s, 0.5);
  EXPECT_DOUBLE_EQ(t.end_time_s, 600);
  EXPECT_DOUBLE_EQ(t.output_interval_s, 10);
  EXPECT_EQ(t.iterations_per_step, 12);
  EXPECT_DOUBLE_EQ(t.step_tolerance, 1e-5);
  EXPECT_EQ(t.scheme, rt::TimeScheme::euler);
  EXPECT_DOUBLE_EQ(t.initial_T_K, 30 + kCelsiusToKelvin);
}

TEST(ScenarioFile, TransientDefaults) {
  const rt::Model m = rt::parse_scenario(kMinimal +
                                             "[physics]\nreference_T_C = 20\n"
                                             "[solver]\nmode = \"transient\"\n"
                                             "time_step_s = 2\nend_time_s = 60\n",
                                         "case.toml");
  const rt::TransientSettings& t = m.solver.transient;
  EXPECT_DOUBLE_EQ(t.output_interval_s, 2);  // every step
  EXPECT_EQ(t.iterations_per_step, rt::TransientSettings{}.iterations_per_step);
  EXPECT_DOUBLE_EQ(t.step_tolerance, rt::TransientSettings{}.step_tolerance);
  EXPECT_EQ(t.scheme, rt::TimeScheme::bdf2);
  EXPECT_DOUBLE_EQ(t.initial_T_K, 20 + kCelsiusToKelvin);  // reference_T_C
}

TEST(ScenarioFileErrors, TransientRules) {
  const std::string transient = kMinimal + "[solver]\nmode = \"transient\"\n";  // line 7
  expect_error(transient + "end_time_s = 60\n", 6, "solver.time_step_s", "required");
  expect_error(transient + "time_step_s = 1\n", 6, "solver.end_time_s", "required");
  expect_error(transient + "time_step_s = -1\nend_time_s = 60\n", 8, "solver.time_step_s", "> 0");
  expect_error(transient + "time_step_s = 1\nend_time_s = 0\n", 9, "solver.end_time_s", "> 0");
  expect_error(transient + "time_step_s = 10\nend_time_s = 5\n", 8, "solver.time_step_s",
               "longer than end_time_s");
  expect_error(transient + "time_step_s = 1e-9\nend_time_s = 1\n", 8, "solver.time_step_s",
               "1e8 steps");
  expect_error(transient + "time_step_s = 1\nend_time_s = 60\noutput_interval_s = -5\n", 10,
               "solver.output_interval_s", "> 0");
  expect_error(transient + "time_step_s = 1\nend_time_s = 60\noutput_interval_s = 0.5\n", 10,
               "solver.output_interval_s", "shorter than time_step_s");
  expect_error(transient + "time_step_s = 1\nend_time_s = 60\niterations_per_step = 0\n", 10,
               "solver.iterations_per_step", "positive");
  expect_error(transient + "time_step_s = 1\nend_time_s = 60\nstep_tolerance = -1e-4\n", 10,
               "solver.step_tolerance", "> 0");
  expect_error(transient + "time_step_s = 1\nend_time_s = 60\ntime_scheme = \"rk4\"\n", 10,
               "solver.time_scheme", "\"bdf2\" or \"euler\"");
  expect_error(transient + "time_step_s = 1\nend_time_s = 60\ninitial_T_C = -300\n", 10,
               "solver.initial_T_C", "absolute zero");
  // Keys of the other mode.
  expect_error(transient + "time_step_s = 1\nend_time_s = 60\nmax_iterations = 100\n", 10,
               "solver.max_iterations", "only for mode = \"steady\"");
  expect_error(transient + "time_step_s = 1\nend_time_s = 60\ntolerance = 1e-6\n", 10,
               "solver.tolerance", "iterations_per_step");
  expect_error(kMinimal + "[solver]\ntime_step_s = 1\n", 7, "solver.time_step_s",
               "only for mode = \"transient\"");
  expect_error(kMinimal + "[solver]\nmode = \"steady\"\nend_time_s = 1\n", 8, "solver.end_time_s",
               "add mode = \"transient\"");
  expect_error(kMinimal + "[solver]\ninitial_T_C = 30\n", 7, "solver.initial_T_C",
               "only for mode = \"transient\"");
  expect_error(transient + "time_step_s = 1\nend_time_s = 60\ntime_step = 1\n", 10,
               "solver.time_step", "unknown key");
}

const std::string kBlockA =
    "[[block]]\nname = \"a\"\nmin_m = [0, 0, 0]\nmax_m = [0.5, 0.5, 0.5]\n"
    "conductivity_W_mK = 1\ndensity_kg_m3 = 1\nspecific_heat_J_kgK = 1\n";  // 7 lines

TEST(ScenarioFileErrors, BlockPlacement) {
  expect_error(kMinimal +
                   "[[block]]\nname = \"a\"\nmin_m = [0, 0.5, 0]\nmax_m = [1, 0.5, 1]\n"
                   "conductivity_W_mK = 1\ndensity_kg_m3 = 1\nspecific_heat_J_kgK = 1\n",
               9, "block[1].max_m", "on y");
  expect_error(kMinimal +
                   "[[block]]\nname = \"a\"\nmin_m = [0, 0, 0]\nmax_m = [1, 1.5, 1]\n"
                   "conductivity_W_mK = 1\ndensity_kg_m3 = 1\nspecific_heat_J_kgK = 1\n",
               9, "block[1].max_m", "outside the domain");
  // Same name twice; the second block starts on line 13.
  expect_error(kMinimal + kBlockA +
                   "[[block]]\nname = \"a\"\nmin_m = [0.5, 0, 0]\nmax_m = [1, 1, 1]\n"
                   "conductivity_W_mK = 1\ndensity_kg_m3 = 1\nspecific_heat_J_kgK = 1\n",
               14, "block[2].name", "duplicate block name 'a'");
  // Overlap names both blocks; touching (as above, at x = 0.5) is fine.
  expect_error(kMinimal + kBlockA +
                   "[[block]]\nname = \"b\"\nmin_m = [0.25, 0.25, 0.25]\nmax_m = [1, 1, 1]\n"
                   "conductivity_W_mK = 1\ndensity_kg_m3 = 1\nspecific_heat_J_kgK = 1\n",
               13, "block[2]", "block 'b' overlaps block 'a' (line 6)");
}

TEST(ScenarioFileErrors, MonitorPlacement) {
  expect_error(kMinimal + "[[monitor]]\nname = \"p\"\nposition_m = [0.5, 0.5, 1.2]\n", 8,
               "monitor[1].position_m", "outside the domain");
  expect_error(kMinimal +
                   "[[monitor]]\nname = \"p\"\nposition_m = [0.5, 0.5, 0.5]\n"
                   "[[monitor]]\nname = \"p\"\nposition_m = [0.1, 0.5, 0.5]\n",
               10, "monitor[2].name", "duplicate monitor name 'p'");
}

TEST(ScenarioFileErrors, MissingFileIsClear) {
  try {
    rt::load_scenario("/nonexistent/dir/nothing.toml");
    FAIL() << "expected a ScenarioError";
  } catch (const rt::ScenarioError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("/nonexistent/dir/nothing.toml"), std::string::npos) << msg;
    EXPECT_NE(msg.find("cannot open"), std::string::npos) << msg;
  }
}

// Every scenario file shipped with the project must stay valid.
TEST(ScenarioFile, ShippedScenariosParse) {
  namespace fs = std::filesystem;
  auto text_of = [](const fs::path& p) {
    std::ifstream in(p);
    std::stringstream t;
    t << in.rdbuf();
    return t.str();
  };
  const fs::path root = RT_SOURCE_DIR;
  std::vector<fs::path> files;
  for (const char* dir : {"examples", "tests/validation/cases"}) {
    if (!fs::is_directory(root / dir)) continue;
    for (auto it = fs::recursive_directory_iterator(root / dir);
         it != fs::recursive_directory_iterator(); ++it) {
      const fs::directory_entry& entry = *it;
      // Build scenarios (PC layer) are checked by test_build_scenario, sweep
      // files by test_sweep_file.
      if (entry.is_directory() &&
          (entry.path().filename() == "builds" || entry.path().filename() == "sweeps")) {
        it.disable_recursion_pending();
        continue;
      }
      // A build scenario elsewhere (examples/gap-test) is one by its tables.
      if (entry.is_regular_file() && entry.path().extension() == ".toml" &&
          !rt::is_build_scenario(text_of(entry.path()))) {
        files.push_back(entry.path());
      }
    }
  }
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    EXPECT_NO_THROW({
      try {
        rt::load_scenario(file.string());
      } catch (const rt::ScenarioError& e) {
        ADD_FAILURE() << e.what();
        throw;
      }
    });
  }
  EXPECT_FALSE(files.empty()) << "no scenario files found under " << root;
}

TEST(ScenarioFile, HeatedCavityExample) {
  const rt::Model m =
      rt::load_scenario(std::string(RT_SOURCE_DIR) + "/examples/heated-cavity.toml");
  EXPECT_EQ(m.cells, (std::array<int, 3>{64, 64, 1}));
  EXPECT_DOUBLE_EQ(m.size_m[2], 0.1 / 64);
  EXPECT_DOUBLE_EQ(*m.boundary[static_cast<int>(Face::xmin)].T_K, 35 + kCelsiusToKelvin);
  EXPECT_DOUBLE_EQ(*m.boundary[static_cast<int>(Face::xmax)].T_K, 15 + kCelsiusToKelvin);
  EXPECT_EQ(m.boundary[static_cast<int>(Face::zmin)].type, BoundaryType::symmetry);
  EXPECT_EQ(m.boundary[static_cast<int>(Face::zmax)].type, BoundaryType::symmetry);
  EXPECT_EQ(m.monitors.size(), 2u);
  EXPECT_EQ(m.solver.max_iterations, 3000);
  EXPECT_DOUBLE_EQ(m.solver.tolerance, 1e-5);
}

}  // namespace

namespace {

const std::string kSnappedGrid =
    "[domain]\n"
    "size_m = [0.4, 0.2, 0.1]\n"
    "[grid]\n";

TEST(ScenarioFile, SnappedGridKeys) {
  const rt::Model m = rt::parse_scenario(
      kSnappedGrid + "max_cell_m = 0.004\nmin_cells_per_gap = 4\ngrowth = 1.25\n", "g.toml");
  ASSERT_TRUE(m.snapped_grid.has_value());
  EXPECT_DOUBLE_EQ(m.snapped_grid->max_cell_m, 0.004);
  EXPECT_EQ(m.snapped_grid->min_cells_per_gap, 4);
  EXPECT_DOUBLE_EQ(m.snapped_grid->growth, 1.25);
  const rt::Model d = rt::parse_scenario(kSnappedGrid + "max_cell_m = 0.004\n", "g.toml");
  EXPECT_EQ(d.snapped_grid->min_cells_per_gap, 3);
  EXPECT_DOUBLE_EQ(d.snapped_grid->growth, 1.2);
  EXPECT_FALSE(rt::parse_scenario(kMinimal, "u.toml").snapped_grid.has_value());
}

TEST(ScenarioFileErrors, SnappedGridRules) {
  expect_error(kSnappedGrid + "max_cell_m = 0.004\ncells = [4, 4, 4]\n", 4, "grid.max_cell_m",
               "not both");
  expect_error(kSnappedGrid + "max_cell_m = 0.004\ngrowth = 1.5\n", 5, "grid.growth", "<= 1.3");
  expect_error(kSnappedGrid + "max_cell_m = 0.004\nmin_cells_per_gap = 0\n", 5,
               "grid.min_cells_per_gap", "from 1 to 1000");
  expect_error(kSnappedGrid + "max_cell_m = -1\n", 4, "grid.max_cell_m", "> 0");
  expect_error(kSnappedGrid + "cells = [4, 4, 4]\ngrowth = 1.2\n", 5, "grid.growth",
               "only used with max_cell_m");
}

}  // namespace

namespace {

const std::string kVentBox =
    "[domain]\n"
    "size_m = [0.2, 0.1, 0.05]\n"
    "[grid]\n"
    "cells = [8, 4, 2]\n"
    "[[vent]]\n"
    "name = \"v\"\n"
    "face = \"xmax\"\n";

TEST(ScenarioFile, VentKeys) {
  const rt::Model m = rt::parse_scenario(
      kVentBox +
          "min_m = [0.2, 0.05, 0.0]\nmax_m = [0.2, 0.1, 0.05]\nloss_coefficient = 2.5\nT_C = 30\n",
      "v.toml");
  ASSERT_EQ(m.vents.size(), 1u);
  EXPECT_EQ(m.vents[0].face, rt::Face::xmax);
  EXPECT_DOUBLE_EQ(m.vents[0].loss_coefficient, 2.5);
  EXPECT_DOUBLE_EQ(m.vents[0].T_K, 30.0 + rt::kCelsiusToKelvin);
  EXPECT_DOUBLE_EQ(m.vents[0].pressure_Pa, 0.0);
}

TEST(ScenarioFile, VentFilterAddsItsLoss) {
  const rt::Model m = rt::parse_scenario(
      kVentBox +
          "min_m = [0.2, 0.05, 0.0]\nmax_m = [0.2, 0.1, 0.05]\nfree_area_ratio = 0.6\n"
          "filter_free_area_ratio = 0.65\n",
      "v.toml");
  EXPECT_NEAR(m.vents[0].loss_coefficient,
              rt::perforated_plate_loss(0.6) + rt::perforated_plate_loss(0.65), 1e-12);
}

TEST(ScenarioFileErrors, VentRules) {
  const std::string rect = "min_m = [0.2, 0.05, 0.0]\nmax_m = [0.2, 0.1, 0.05]\n";
  expect_error(kVentBox + rect, 5, "vent[1].free_area_ratio", "loss_coefficient K");
  expect_error(kVentBox + rect + "free_area_ratio = 1.5\n", 10, "vent[1].free_area_ratio",
               "(0, 1]");
  expect_error(kVentBox + rect + "free_area_ratio = 0.5\nloss_coefficient = 2\n", 11,
               "vent[1].loss_coefficient", "not both");
  expect_error(
      kVentBox + "min_m = [0.1, 0.05, 0.0]\nmax_m = [0.2, 0.1, 0.05]\nfree_area_ratio = 0.5\n", 8,
      "vent[1].min_m", "lies in the plane x = 0.2");
  expect_error(
      kVentBox + "min_m = [0.2, 0.05, 0.0]\nmax_m = [0.2, 0.2, 0.05]\nfree_area_ratio = 0.5\n", 9,
      "vent[1].max_m", "leaves the face");
  const std::string two =
      kVentBox + rect + "free_area_ratio = 0.5\n[[vent]]\nname = \"w\"\nface = \"xmax\"\n" +
      "min_m = [0.2, 0.0, 0.0]\nmax_m = [0.2, 0.06, 0.05]\nfree_area_ratio = 0.5\n";
  expect_error(two, 14, "vent[2].min_m", "overlaps vent 'v'");
}

}  // namespace

namespace {

const std::string kFanBox =
    "[domain]\n"
    "size_m = [0.2, 0.12, 0.12]\n"
    "[grid]\n"
    "cells = [8, 4, 4]\n"
    "[[fan]]\n"
    "name = \"f\"\n"
    "face = \"xmin\"\n"
    "min_m = [0.0, 0.0, 0.0]\n"
    "max_m = [0.0, 0.12, 0.12]\n";

TEST(ScenarioFile, FanKeys) {
  const rt::Model m = rt::parse_scenario(
      kFanBox +
          "curve_flow_m3_s = [0, 0.02]\ncurve_pressure_Pa = [20, 0]\nspeed_pct = 50\n"
          "direction = \"exhaust\"\n",
      "f.toml");
  ASSERT_EQ(m.fans.size(), 1u);
  EXPECT_FALSE(m.fans[0].intake);
  EXPECT_DOUBLE_EQ(m.fans[0].speed_fraction, 0.5);
  EXPECT_EQ(m.fans[0].curve_pressure_Pa.size(), 2u);
}

TEST(ScenarioFileErrors, FanRules) {
  expect_error(kFanBox + "curve_flow_m3_s = [0, 0.02]\n", 5, "fan[1].curve_pressure_Pa",
               "required");
  expect_error(kFanBox + "curve_flow_m3_s = [0, 0.02]\ncurve_pressure_Pa = [20]\n", 11,
               "fan[1].curve_pressure_Pa", "as many points");
  expect_error(kFanBox + "curve_flow_m3_s = [0.02, 0.01]\ncurve_pressure_Pa = [20, 0]\n", 10,
               "fan[1].curve_flow_m3_s", "increase");
  expect_error(kFanBox + "curve_flow_m3_s = [0, 0.02]\ncurve_pressure_Pa = [0, 20]\n", 11,
               "fan[1].curve_pressure_Pa", "not rise");
  expect_error(
      kFanBox + "curve_flow_m3_s = [0, 0.02]\ncurve_pressure_Pa = [20, 0]\ndirection = \"in\"\n",
      12, "fan[1].direction", "intake");
  expect_error(
      kFanBox + "curve_flow_m3_s = [0, 0.02]\ncurve_pressure_Pa = [20, 0]\nspeed_pct = 0\n", 12,
      "fan[1].speed_pct", "must be in 1..100 %, got 0");
}

TEST(ScenarioFile, InternalRoundAndControlledFanKeys) {
  const std::string text =
      "[domain]\nsize_m = [0.2, 0.12, 0.12]\n[grid]\ncells = [8, 4, 4]\n"
      "[[porous]]\nname = \"fins\"\nmin_m = [0.1, 0, 0]\nmax_m = [0.15, 0.12, 0.12]\n"
      "conductivity_W_mK = 5\npermeability_m2 = [1e-7, 0, 0]\ndie_resistance_K_W = 0.2\n"
      "die_reference_flow_m3_s = 0.01\nthrottle_C = 84\nmin_power_pct = 40\n"
      "[[fan]]\nname = \"f\"\nnormal = \"-x\"\ncentre_m = [0.05, 0.06, 0.06]\n"
      "diameter_m = 0.1\nhub_diameter_m = 0.03\ncurve_flow_m3_s = [0, 0.02]\n"
      "curve_pressure_Pa = [20, 0]\ncontrol_sensor = \"fins\"\ncontrol_T_C = [40, 80]\n"
      "control_speed_pct = [30, 100]\n"
      "[[vent]]\nname = \"g\"\nnormal = \"x\"\nmin_m = [0.18, 0, 0]\nmax_m = [0.18, 0.12, "
      "0.12]\nloss_coefficient = 2\n";
  const rt::Model m = rt::parse_scenario(text, "i.toml");
  ASSERT_EQ(m.fans.size(), 1u);
  const rt::Fan& f = m.fans[0];
  ASSERT_TRUE(f.internal_axis.has_value());
  EXPECT_EQ(*f.internal_axis, 0);
  EXPECT_EQ(f.blow_sign, -1);
  EXPECT_DOUBLE_EQ(f.diameter_m, 0.1);
  EXPECT_DOUBLE_EQ(f.hub_diameter_m, 0.03);
  EXPECT_DOUBLE_EQ(f.min_m[1], 0.01);
  EXPECT_DOUBLE_EQ(f.max_m[2], 0.11);
  EXPECT_DOUBLE_EQ(f.min_m[0], 0.05);
  ASSERT_TRUE(f.control.has_value());
  EXPECT_EQ(f.control->sensor, "fins");
  EXPECT_DOUBLE_EQ(f.control->T_K[1], 80.0 + kCelsiusToKelvin);
  EXPECT_DOUBLE_EQ(f.control->speed_fraction[0], 0.3);
  ASSERT_TRUE(m.vents[0].internal_axis.has_value());
  EXPECT_DOUBLE_EQ(m.porous[0].min_power_fraction, 0.4);
}

TEST(ScenarioFileErrors, InternalAndControlledFanRules) {
  const std::string box = "[domain]\nsize_m = [0.2, 0.12, 0.12]\n[grid]\ncells = [8, 4, 4]\n";
  const std::string curve = "curve_flow_m3_s = [0, 0.02]\ncurve_pressure_Pa = [20, 0]\n";
  const std::string fan = "[[fan]]\nname = \"f\"\n";  // lines 5, 6
  const std::string plane = "min_m = [0.1, 0, 0]\nmax_m = [0.1, 0.12, 0.12]\n";
  expect_error(box + fan + "face = \"xmin\"\nnormal = \"+x\"\n" + plane + curve, 8, "fan[1].normal",
               "not both");
  expect_error(box + fan + "normal = \"x\"\n" + plane + curve, 7, "fan[1].normal", "blows one way");
  expect_error(box + fan + "normal = \"+w\"\n" + plane + curve, 7, "fan[1].normal",
               "not a direction");
  expect_error(
      box + fan + "normal = \"+x\"\nmin_m = [0.0, 0, 0]\nmax_m = [0.0, 0.12, 0.12]\n" + curve, 8,
      "fan[1].min_m", "inside the domain");
  expect_error(
      box + fan + "normal = \"+x\"\nmin_m = [0.1, 0, 0]\nmax_m = [0.12, 0.12, 0.12]\n" + curve, 8,
      "fan[1].min_m", "same value");
  expect_error(box + fan + "normal = \"+x\"\n" + plane + curve + "direction = \"intake\"\n", 12,
               "fan[1].direction", "outside");
  expect_error(box + fan + "normal = \"+x\"\ncentre_m = [0.1, 0.06, 0.06]\n" + curve, 8,
               "fan[1].centre_m", "diameter_m");
  expect_error(box + fan +
                   "normal = \"+x\"\ncentre_m = [0.1, 0.06, 0.06]\ndiameter_m = 0.1\n"
                   "hub_diameter_m = 0.1\n" +
                   curve,
               10, "fan[1].hub_diameter_m", "smaller than diameter_m");
  expect_error(box + fan + "normal = \"+x\"\n" + plane + curve + "control_sensor = \"nope\"\n" +
                   "control_T_C = [40, 80]\ncontrol_speed_pct = [30, 100]\n",
               12, "fan[1].control_sensor", "neither");
  expect_error(box + fan + "normal = \"+x\"\n" + plane + curve + "control_T_C = [40, 80]\n", 12,
               "fan[1].control_T_C", "control_sensor");
  expect_error(box + "[[monitor]]\nname = \"m\"\nposition_m = [0.1, 0.1, 0.1]\n" + fan +
                   "normal = \"+x\"\n" + plane + curve +
                   "control_sensor = \"m\"\ncontrol_T_C = [40, 80]\ncontrol_speed_pct = [30]\n",
               17, "fan[1].control_speed_pct", "as many points");
}

// Swirl of a round axial fan: rpm (at 100 %), swirl_fraction, swirl_direction.
const std::string kSwirlBox =
    "[domain]\nsize_m = [0.2, 0.12, 0.12]\n[grid]\ncells = [8, 4, 4]\n"
    "[[fan]]\nname = \"f\"\n"                                            // lines 5, 6
    "normal = \"-x\"\ncentre_m = [0.1, 0.06, 0.06]\ndiameter_m = 0.1\n"  // lines 7-9
    "hub_diameter_m = 0.03\ncurve_flow_m3_s = [0, 0.02]\n"               // lines 10, 11
    "curve_pressure_Pa = [20, 0]\n";                                     // line 12

const std::string kRoundFaceFan =
    "[domain]\nsize_m = [0.2, 0.12, 0.12]\n[grid]\ncells = [8, 4, 4]\n"
    "[[fan]]\nname = \"f\"\nface = \"xmin\"\n"                     // lines 5-7
    "centre_m = [0.0, 0.06, 0.06]\ndiameter_m = 0.1\n"             // lines 8, 9
    "curve_flow_m3_s = [0, 0.02]\ncurve_pressure_Pa = [20, 0]\n";  // lines 10, 11

TEST(ScenarioFile, FanSwirlKeys) {
  const rt::Model m = rt::parse_scenario(
      kSwirlBox + "rpm = 1800\nswirl_fraction = 0.4\nswirl_direction = \"left\"\n", "s.toml");
  ASSERT_EQ(m.fans.size(), 1u);
  EXPECT_DOUBLE_EQ(m.fans[0].rpm, 1800.0);
  EXPECT_DOUBLE_EQ(m.fans[0].swirl_fraction, 0.4);
  EXPECT_EQ(m.fans[0].swirl_sign, -1);
  const rt::Model right =
      rt::parse_scenario(kSwirlBox + "rpm = 1800\nswirl_fraction = 1\n", "s.toml");
  EXPECT_DOUBLE_EQ(right.fans[0].swirl_fraction, 1.0);
  EXPECT_EQ(right.fans[0].swirl_sign, 1);
  // Defaults: no swirl; rpm alone is accepted and turns nothing.
  const rt::Model plain = rt::parse_scenario(kSwirlBox + "rpm = 1800\n", "s.toml");
  EXPECT_DOUBLE_EQ(plain.fans[0].swirl_fraction, 0.0);
  EXPECT_DOUBLE_EQ(plain.fans[0].rpm, 1800.0);
  // An intake on a domain face may swirl too.
  const rt::Model face =
      rt::parse_scenario(kRoundFaceFan + "rpm = 1200\nswirl_fraction = 0.3\n", "s.toml");
  EXPECT_DOUBLE_EQ(face.fans[0].swirl_fraction, 0.3);
}

TEST(ScenarioFileErrors, FanSwirlRules) {
  expect_error(kSwirlBox + "swirl_fraction = 0.5\n", 13, "fan[1].swirl_fraction", "needs rpm");
  expect_error(kSwirlBox + "rpm = 1800\nswirl_fraction = 1.5\n", 14, "fan[1].swirl_fraction",
               "[0, 1]");
  expect_error(kSwirlBox + "rpm = 1800\nswirl_fraction = -0.1\n", 14, "fan[1].swirl_fraction",
               "[0, 1]");
  expect_error(kSwirlBox + "rpm = 0\nswirl_fraction = 0.5\n", 13, "fan[1].rpm", "> 0");
  expect_error(kSwirlBox + "rpm = 1800\nswirl_fraction = 0.5\nswirl_direction = \"cw\"\n", 15,
               "fan[1].swirl_direction", "\"right\"");
  expect_error(kSwirlBox + "rpm = 1800\nswirl_direction = \"left\"\n", 14, "fan[1].swirl_direction",
               "goes with swirl_fraction");
  // A rectangular fan has no axis to turn about.
  expect_error(kFanBox +
                   "curve_flow_m3_s = [0, 0.02]\ncurve_pressure_Pa = [20, 0]\nrpm = 1800\n"
                   "swirl_fraction = 0.5\n",
               13, "fan[1].swirl_fraction", "only a round fan");
  // An exhaust's swirl leaves the domain.
  expect_error(kRoundFaceFan + "direction = \"exhaust\"\nrpm = 1800\nswirl_fraction = 0.5\n", 14,
               "fan[1].swirl_fraction", "exhaust");
  // Unknown keys beside the swirl keys are still caught.
  expect_error(kSwirlBox + "rpm = 1800\nswirl_fraction = 0.5\nswirl_fractoin = 0.5\n", 15,
               "fan[1].swirl_fractoin", "unknown key");
}

}  // namespace

namespace {

const std::string kPorousBox =
    "[domain]\n"
    "size_m = [0.2, 0.1, 0.05]\n"
    "[grid]\n"
    "cells = [8, 4, 2]\n"
    "[[porous]]\n"
    "name = \"fins\"\n"
    "min_m = [0.05, 0.0, 0.0]\n"
    "max_m = [0.1, 0.05, 0.05]\n"
    "conductivity_W_mK = 5\n";

TEST(ScenarioFile, PorousKeys) {
  const rt::Model m = rt::parse_scenario(
      kPorousBox +
          "permeability_m2 = [1e-7, 0, 0]\ninertial_coefficient_1_m = [50, 0, 0]\npower_W = 3\n"
          "heat_capacity_J_K = 450\n",
      "p.toml");
  ASSERT_EQ(m.porous.size(), 1u);
  EXPECT_DOUBLE_EQ(m.porous[0].heat_capacity_J_K, 450.0);
  EXPECT_DOUBLE_EQ(m.porous[0].permeability_m2[0], 1e-7);
  EXPECT_DOUBLE_EQ(m.porous[0].inertial_coefficient_1_m[0], 50.0);
  EXPECT_DOUBLE_EQ(m.porous[0].power_W, 3.0);
}

TEST(ScenarioFileErrors, PorousRules) {
  expect_error(kPorousBox, 5, "porous[1].permeability_m2", "required");
  expect_error(kPorousBox + "permeability_m2 = [0, 0, 0]\n", 10, "porous[1].permeability_m2",
               "all three axes are closed");
  expect_error(kPorousBox + "permeability_m2 = [-1, 0, 0]\n", 10, "porous[1].permeability_m2",
               ">= 0");
  expect_error(kPorousBox + "permeability_m2 = [1e-7, 0, 0]\nheat_capacity_J_K = -1\n", 11,
               "porous[1].heat_capacity_J_K", ">= 0");
}

}  // namespace
