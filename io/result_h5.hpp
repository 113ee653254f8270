#pragma once
// result.h5 (schema "rigtherm.result/1") and its XDMF sidecar result.xmf.
// The full layout, with units, is in docs/result-files.md.
//
// Layout (all 3-D fields cell-centred, C order [z][y][x], x fastest):
//   /                   attributes: schema = "rigtherm.result/1",
//                                   scenario = scenario file text,
//                                   summary  = summary.json text,
//                                   checksum (io/h5_file.hpp)
//   /grid/x, y, z       cell-edge coordinates, m          (nx+1, ny+1, nz+1)
//   /fields/T           temperature, degC                 [nz][ny][nx]
//   /fields/p           gauge pressure, Pa                [nz][ny][nx]
//   /fields/U           velocity, m/s                     [nz][ny][nx][3]
//   /fields/material    int32: 0 air, b+1 block b, -(q+1) porous block q
//   /fields/part        int32: row of /parts owning the cell, -1 air
//   /fields/T_die       degC: the die temperature of the part owning the
//                       cell, NaN elsewhere (only when a part has a die model)
//   /parts/...          one row per block, porous block, fan and vent:
//                       name, kind, min_m, max_m, material, power_W, ...
//   /convergence        float64 [n][4], attribute columns =
//                       (iteration, mass, momentum, energy)
//   /convergence_monitors  degC [n][m]: monitor temperatures per iteration,
//                       rows as /convergence, attribute columns = names
// Every dataset carries a `units` string attribute; numeric ones are chunked
// with Fletcher-32, 3-D fields above 64k cells shuffled and deflated. The
// file is written to a temporary name and renamed when complete.
//
// Without HDF5 (built with -DRT_HDF5=OFF) the h5 functions throw
// std::runtime_error saying so; result_h5_available() tells beforehand.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "geometry/grid.hpp"
#include "scenarios/model/model.hpp"
#include "scenarios/model/summary.hpp"

namespace rt {

inline constexpr const char* kResultSchema = "rigtherm.result/1";
// A grid axis with more edges than this is not a result rigtherm wrote (a
// million cells along one axis is far past any grid it can solve): refused
// before its edges are read.
inline constexpr std::size_t kMostEdgesPerAxis = 1000001;

// True when this build can write and read result.h5.
bool result_h5_available();

// One row of /parts. Quantities a kind does not have are NaN.
struct ResultPart {
  std::string name;
  std::string kind;  // "block", "porous", "fan" or "vent"
  std::array<double, 3> min_m{}, max_m{};
  std::int32_t material = 0;  // its cells' id in /fields/material; 0 for fans and vents
  double power_W;             // blocks, porous blocks: released (after throttling)
  double full_power_W;        // blocks, porous blocks: as given
  double T_max_C, T_mean_C;   // blocks, porous blocks
  double T_die_C;             // porous blocks with a die model
  double throttle_C;          // porous blocks with a throttle point
  double flow_m3_s;           // fans (along their direction), vents (out), die models (through)
  double pressure_Pa;         // fans: pressure rise at the operating point
  double speed_pct;           // fans
  ResultPart();
};

// The parts table of a run: blocks, porous blocks (in model order, as
// Summary::components), then fans and vents.
std::vector<ResultPart> result_parts(const Model& model, const Summary& summary);

// fields.T_C is required; p_Pa, U_m_s and material are written when not
// empty; /fields/part, /fields/T_die and /parts when `parts` is not empty
// (part ids come from matching material ids). Sizes must match the grid
// (std::invalid_argument otherwise).
void write_result_h5(const std::string& path, const Grid& grid, const CellFields& fields,
                     const Summary& summary, const std::string& scenario_text,
                     const std::string& summary_json, const std::vector<ResultPart>& parts = {});

// Writes the XDMF 3DRectMesh sidecar that lets ParaView open h5_path as is.
// The data items refer to h5_path relative to the directory of xmf_path;
// it lists the same fields write_result_h5 writes for `fields` and `parts`.
// Needs no HDF5 library (plain XML), written atomically.
void write_result_xdmf(const std::string& xmf_path, const std::string& h5_path, const Grid& grid,
                       const CellFields& fields, const std::vector<ResultPart>& parts = {});

// Everything result.h5 holds, read back and checked against its checksum
// (std::runtime_error with a clear message when the file is truncated,
// damaged or not a result).
struct ResultFile {
  std::string schema, scenario_text, summary_json;
  Grid grid;
  CellFields fields;               // T_C, p_Pa, U_m_s, material (empty when not written)
  std::vector<std::int32_t> part;  // /fields/part, empty when not written
  std::vector<double> T_die_C;     // /fields/T_die, empty when not written
  std::vector<ResultPart> parts;
  std::vector<ResidualRecord> convergence;
  std::vector<std::string> monitor_names;
  std::vector<std::vector<double>> monitor_history_C;  // rows as convergence
};

ResultFile read_result_h5(const std::string& path);

// What read_result_h5_grid_and_T gives back (enough for tests and tools).
struct ResultGridAndT {
  std::string schema;          // root attribute `schema`
  Grid grid;                   // from /grid/{x,y,z}
  std::array<int, 3> cells{};  // nx, ny, nz from /fields/T's shape
  std::vector<double> T_C;     // /fields/T, C order [z][y][x]
};

// read_result_h5, reduced (the whole file is still read and checked).
ResultGridAndT read_result_h5_grid_and_T(const std::string& path);

}  // namespace rt
