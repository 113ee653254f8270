#include "viz/result_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/file_seal.hpp"

#ifdef RT_HAVE_HDF5
#include <hdf5.h>
#endif

namespace rt::viz {

#ifdef RT_HAVE_HDF5
namespace {

struct Closer {
  hid_t id;
  herr_t (*close)(hid_t);
  ~Closer() {
    if (id >= 0) close(id);
  }
};

bool has_link(hid_t file, const char* path) {
  // Each component must exist before the next is asked for.
  std::string p;
  const std::string full = path;
  std::size_t start = 1;
  while (start <= full.size()) {
    const std::size_t end = std::min(full.find('/', start), full.size());
    p = full.substr(0, end);
    if (H5Lexists(file, p.c_str(), H5P_DEFAULT) <= 0) return false;
    start = end + 1;
  }
  return true;
}

// A dataset as doubles (or int32), with its shape.
template <typename T>
std::vector<T> read_all(hid_t file, const char* name, hid_t mem_type, const std::string& path,
                        std::vector<hsize_t>* dims) {
  Closer d{H5Dopen2(file, name, H5P_DEFAULT), H5Dclose};
  if (d.id < 0) throw std::runtime_error(path + ": no dataset " + name);
  Closer sp{H5Dget_space(d.id), H5Sclose};
  const int rank = H5Sget_simple_extent_ndims(sp.id);
  if (rank < 0) throw std::runtime_error(path + ": cannot read the shape of " + name);
  dims->assign(static_cast<std::size_t>(rank), 0);
  H5Sget_simple_extent_dims(sp.id, dims->data(), nullptr);
  hsize_t n = 1;
  for (hsize_t v : *dims) n *= v;
  std::vector<T> out(static_cast<std::size_t>(n));
  if (n > 0 && H5Dread(d.id, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
    throw std::runtime_error(path + ": cannot read " + name);
  return out;
}

std::string read_string_attribute(hid_t file, const char* name) {
  if (H5Aexists(file, name) <= 0) return {};
  Closer a{H5Aopen(file, name, H5P_DEFAULT), H5Aclose};
  Closer ft{H5Aget_type(a.id), H5Tclose};
  if (H5Tget_class(ft.id) != H5T_STRING) return {};
  if (H5Tis_variable_str(ft.id) > 0) {
    Closer mt{H5Tcopy(H5T_C_S1), H5Tclose};
    H5Tset_size(mt.id, H5T_VARIABLE);
    H5Tset_cset(mt.id, H5T_CSET_UTF8);
    char* p = nullptr;
    if (H5Aread(a.id, mt.id, &p) < 0) return {};
    std::string out = p != nullptr ? p : "";
    H5free_memory(p);
    return out;
  }
  std::string out(H5Tget_size(ft.id), '\0');
  if (H5Aread(a.id, ft.id, out.data()) < 0) return {};
  return out.substr(0, out.find('\0'));
}

}  // namespace

StoredResult read_result_for_pictures(const std::string& path) {
  // The seal first (io/file_seal.hpp): libhdf5 trusts the metadata it parses.
  if (const std::string problem = io::seal_problem(path); !problem.empty())
    throw std::runtime_error(path +
                             ": cannot open this result file: it is truncated, damaged or "
                             "not HDF5 (" +
                             problem + ")");
  H5E_auto2_t func = nullptr;
  void* data = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &func, &data);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  struct Restore {
    H5E_auto2_t f;
    void* d;
    ~Restore() { H5Eset_auto2(H5E_DEFAULT, f, d); }
  } restore{func, data};

  Closer file{H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  if (file.id < 0) throw std::runtime_error(path + ": cannot open as HDF5");
  StoredResult r;
  std::vector<hsize_t> dims;
  const char* axes[3] = {"/grid/x", "/grid/y", "/grid/z"};
  for (int a = 0; a < 3; ++a)
    r.grid.edges[a] = read_all<double>(file.id, axes[a], H5T_NATIVE_DOUBLE, path, &dims);
  for (int a = 0; a < 3; ++a)
    if (r.grid.edges[a].size() < 2)
      throw std::runtime_error(path + ": " + axes[a] + " has no cells");
  const std::size_t n = r.grid.total_cells();
  r.fields.cells = {r.grid.nx(), r.grid.ny(), r.grid.nz()};
  r.fields.T_C = read_all<double>(file.id, "/fields/T", H5T_NATIVE_DOUBLE, path, &dims);
  if (r.fields.T_C.size() != n)
    throw std::runtime_error(path + ": /fields/T does not match the grid");
  if (has_link(file.id, "/fields/p")) {
    r.fields.p_Pa = read_all<double>(file.id, "/fields/p", H5T_NATIVE_DOUBLE, path, &dims);
    if (r.fields.p_Pa.size() != n) r.fields.p_Pa.clear();
  }
  if (has_link(file.id, "/fields/U")) {
    r.fields.U_m_s = read_all<double>(file.id, "/fields/U", H5T_NATIVE_DOUBLE, path, &dims);
    if (r.fields.U_m_s.size() != 3 * n) r.fields.U_m_s.clear();
  }
  if (has_link(file.id, "/fields/material")) {
    r.fields.material =
        read_all<std::int32_t>(file.id, "/fields/material", H5T_NATIVE_INT32, path, &dims);
    if (r.fields.material.size() != n) r.fields.material.clear();
  }
  r.scenario_text = read_string_attribute(file.id, "scenario");
  r.summary_json = read_string_attribute(file.id, "summary");
  return r;
}

#else

StoredResult read_result_for_pictures(const std::string& path) {
  throw std::runtime_error(path + ": this rigtherm was built without HDF5 and cannot read it");
}

#endif

}  // namespace rt::viz
