#pragma once
// result.h5 (schema "rigtherm.result/1") and its XDMF sidecar result.xmf.
//
// Layout (all 3-D fields cell-centred, C order [z][y][x], x fastest):
//   /                 attributes: schema = "rigtherm.result/1",
//                                 scenario = scenario file text,
//                                 summary  = summary.json text
//   /grid/x, y, z     cell-edge coordinates, m            (nx+1, ny+1, nz+1)
//   /fields/T         temperature, degC                   [nz][ny][nx]
//   /fields/p         gauge pressure, Pa                  [nz][ny][nx]
//   /fields/U         velocity, m/s                       [nz][ny][nx][3]
//   /fields/material  int32, 0 = air, b+1 = block b       [nz][ny][nx]
//   /convergence      float64 [n][4], attribute columns =
//                     (iteration, mass, momentum, energy)
// Every dataset carries a `units` string attribute. 3-D fields larger than
// 64k cells are chunked and deflate-compressed. The file is written to a
// temporary name and renamed when complete (io/atomic_file.hpp).
//
// Without HDF5 (built with -DRT_HDF5=OFF) the h5 functions throw
// std::runtime_error saying so; result_h5_available() tells beforehand.

#include <array>
#include <string>
#include <vector>

#include "geometry/grid.hpp"
#include "solver/summary.hpp"

namespace rt {

inline constexpr const char* kResultSchema = "rigtherm.result/1";

// True when this build can write and read result.h5.
bool result_h5_available();

// fields.T_C is required; p_Pa, U_m_s and material are written when not
// empty. Sizes must match the grid (std::invalid_argument otherwise).
void write_result_h5(const std::string& path, const Grid& grid, const CellFields& fields,
                     const Summary& summary, const std::string& scenario_text,
                     const std::string& summary_json);

// Writes the XDMF 3DRectMesh sidecar that lets ParaView open h5_path as is.
// The data items refer to h5_path relative to the directory of xmf_path;
// it lists the same fields write_result_h5 writes for `fields`.
// Needs no HDF5 library (plain XML), written atomically.
void write_result_xdmf(const std::string& xmf_path, const std::string& h5_path, const Grid& grid,
                       const CellFields& fields);

// What read_result_h5_grid_and_T gives back (enough for tests and tools).
struct ResultGridAndT {
  std::string schema;          // root attribute `schema`
  Grid grid;                   // from /grid/{x,y,z}
  std::array<int, 3> cells{};  // nx, ny, nz from /fields/T's shape
  std::vector<double> T_C;     // /fields/T, C order [z][y][x]
};

ResultGridAndT read_result_h5_grid_and_T(const std::string& path);

}  // namespace rt
