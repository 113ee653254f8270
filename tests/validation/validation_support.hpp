#pragma once
// Helpers shared by the validation tests: published reference tables,
// sampling the staggered velocity, and peak finding.

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "solver/flow_state.hpp"

namespace rt::validation {

// The opening of a duct scenario without gravity whose four long sides (y
// and z faces) are slip walls, so a uniform stream stays uniform: the
// analytic cases for vents, fans and porous blocks. Callers add the x faces,
// the objects and [solver].
inline std::string slip_duct(double Lx, double Lyz, int nx, int nyz) {
  std::ostringstream s;
  s << "[domain]\nsize_m = [" << Lx << ", " << Lyz << ", " << Lyz << "]\n"
    << "[grid]\ncells = [" << nx << ", " << nyz << ", " << nyz << "]\n"
    << "[physics]\ngravity_m_s2 = [0.0, 0.0, 0.0]\n";
  for (const char* face : {"ymin", "ymax", "zmin", "zmax"})
    s << "[boundary." << face << "]\ntype = \"symmetry\"\n";
  return s.str();
}

// The [[fan]] curve keys of the 120 mm case fan the fan cases use:
// 0.0284 m3/s (60 CFM) free delivery, 22.9 Pa shut-off.
inline std::string case_fan_curve() {
  return "curve_flow_m3_s = [0.0, 0.007, 0.014, 0.021, 0.0284]\n"
         "curve_pressure_Pa = [22.9, 17.0, 11.0, 5.0, 0.0]\n";
}

// A grille (free area 0.5, K = 4.37) across the whole section of a
// slip_duct of side Lyz, on the plane x; then [solver] with the given
// tolerance and at most 3000 iterations.
inline std::string duct_grille_and_solver(double x, double Lyz, const std::string& tolerance) {
  std::ostringstream s;
  s << "[[vent]]\nname = \"grille\"\nnormal = \"x\"\n"
    << "min_m = [" << x << ", 0.0, 0.0]\nmax_m = [" << x << ", " << Lyz << ", " << Lyz << "]\n"
    << "free_area_ratio = 0.5\n[solver]\nmax_iterations = 3000\ntolerance = " << tolerance << "\n";
  return s.str();
}

// Columns of a CSV in tests/validation/reference/ by header name; lines
// starting with '#' are the source citation and are skipped.
inline std::map<std::string, std::vector<double>> read_reference_table(const std::string& file) {
  std::ifstream in(std::string(RT_REFERENCE_DIR) + "/" + file);
  if (!in) throw std::runtime_error("cannot open reference table " + file);
  std::vector<std::string> names;
  std::map<std::string, std::vector<double>> table;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::stringstream ss(line);
    std::string cell;
    std::vector<std::string> cells;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    if (names.empty()) {
      names = cells;
      continue;
    }
    for (std::size_t c = 0; c < names.size() && c < cells.size(); ++c)
      table[names[c]].push_back(std::stod(cells[c]));
  }
  return table;
}

// Linear interpolation of samples (x ascending) at x0.
inline double interpolate(const std::vector<double>& x, const std::vector<double>& f, double x0) {
  if (x0 <= x.front()) return f.front();
  if (x0 >= x.back()) return f.back();
  const auto it = std::upper_bound(x.begin(), x.end(), x0);
  const std::size_t i = static_cast<std::size_t>(it - x.begin());
  const double w = (x0 - x[i - 1]) / (x[i] - x[i - 1]);
  return f[i - 1] + w * (f[i] - f[i - 1]);
}

struct Peak {
  double value = 0;
  double position = 0;
};

// Maximum of equally spaced samples, refined by the parabola through the
// largest sample and its two neighbours (the grid rarely hits the extremum).
inline Peak parabolic_peak(const std::vector<double>& x, const std::vector<double>& f) {
  const std::size_t m = static_cast<std::size_t>(std::max_element(f.begin(), f.end()) - f.begin());
  if (m == 0 || m + 1 >= f.size()) return {f[m], x[m]};
  const double fm = f[m - 1], f0 = f[m], fp = f[m + 1];
  const double h = x[m + 1] - x[m];
  const double denom = fm - 2.0 * f0 + fp;
  if (denom >= 0.0) return {f0, x[m]};
  const double s = 0.5 * (fm - fp) / denom;
  return {f0 - 0.25 * (fm - fp) * s, x[m] + s * h};
}

// Velocity component a on the faces of axis a at face index i_a, along a
// line of cells in axis `along` (the third index fixed at 0): the values a
// staggered grid holds exactly on a centreline through faces.
inline std::vector<double> face_line(FlowState& s, int a, int face_i, int along) {
  const Extent fe = face_extent(s.cells(), a);
  std::vector<double> out;
  for (int m = 0; m < s.cells().n[along]; ++m) {
    int q[3] = {0, 0, 0};
    q[a] = face_i;
    q[along] = m;
    out.push_back(s.vel[a][fe.index(q[0], q[1], q[2])]);
  }
  return out;
}

inline std::vector<double> cell_centres(const Grid& g, int axis) {
  std::vector<double> c;
  for (int i = 0; i < g.cells(axis); ++i) c.push_back(g.centre(axis, i));
  return c;
}

inline double percent_error(double measured, double reference) {
  return 100.0 * (measured - reference) / reference;
}

}  // namespace rt::validation
