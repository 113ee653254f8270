#include "io/result_h5.hpp"

#include <cstddef>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <string>

#include "io/atomic_file.hpp"

#ifdef RT_HAVE_HDF5
#include <hdf5.h>
#endif

namespace rt {
namespace {

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

std::string xml_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

#ifdef RT_HAVE_HDF5

// ---- thin RAII over hid_t -------------------------------------------------

class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer close) : id_(id), close_(close) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = o.id_;
      close_ = o.close_;
      o.id_ = -1;
    }
    return *this;
  }
  ~Handle() { reset(); }
  hid_t get() const { return id_; }
  // Closes now and reports failure (the destructor cannot).
  herr_t close() {
    herr_t r = 0;
    if (id_ >= 0) r = close_(id_);
    id_ = -1;
    return r;
  }

 private:
  void reset() {
    if (id_ >= 0) close_(id_);
    id_ = -1;
  }
  hid_t id_ = -1;
  Closer close_ = nullptr;
};

// Silences HDF5's own error-stack printing while rigtherm reports errors
// itself; the innermost message is folded into the exception text.
class QuietErrors {
 public:
  QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

herr_t last_error_walker(unsigned, const H5E_error2_t* e, void* out) {
  if (e->desc != nullptr && *e->desc != '\0') *static_cast<std::string*>(out) = e->desc;
  return 0;
}

[[noreturn]] void h5_fail(const std::string& file, const std::string& what) {
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, last_error_walker, &detail);
  H5Eclear2(H5E_DEFAULT);
  throw std::runtime_error(file + ": HDF5: " + what + (detail.empty() ? "" : " (" + detail + ")"));
}

Handle check(hid_t id, Handle::Closer close, const std::string& file, const std::string& what) {
  if (id < 0) h5_fail(file, what);
  return Handle(id, close);
}

void check(herr_t r, const std::string& file, const std::string& what) {
  if (r < 0) h5_fail(file, what);
}

// ---- writing ----------------------------------------------------------------

Handle vlen_string_type(const std::string& file) {
  Handle t = check(H5Tcopy(H5T_C_S1), H5Tclose, file, "string type");
  check(H5Tset_size(t.get(), H5T_VARIABLE), file, "string type");
  check(H5Tset_cset(t.get(), H5T_CSET_UTF8), file, "string type");
  return t;
}

// Variable-length strings keep long texts (scenario, summary) in the global
// heap, clear of the 64 KiB limit on attributes stored in an object header.
void write_string_attr(hid_t obj, const std::string& name, const std::string& value,
                       const std::string& file) {
  Handle type = vlen_string_type(file);
  Handle space = check(H5Screate(H5S_SCALAR), H5Sclose, file, "attribute space");
  Handle attr =
      check(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose, file, "create attribute " + name);
  const char* p = value.c_str();
  check(H5Awrite(attr.get(), type.get(), &p), file, "write attribute " + name);
}

void write_string_array_attr(hid_t obj, const std::string& name,
                             const std::vector<std::string>& values, const std::string& file) {
  Handle type = vlen_string_type(file);
  const hsize_t n = values.size();
  Handle space = check(H5Screate_simple(1, &n, nullptr), H5Sclose, file, "attribute space");
  Handle attr =
      check(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose, file, "create attribute " + name);
  std::vector<const char*> ptrs;
  for (const std::string& v : values) ptrs.push_back(v.c_str());
  check(H5Awrite(attr.get(), type.get(), ptrs.data()), file, "write attribute " + name);
}

// Chunks of at most ~128k values (1 MiB of doubles), whole x rows where
// possible, halving the slowest axes first.
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& dims) {
  std::vector<hsize_t> c = dims;
  constexpr hsize_t kMaxChunkValues = 128 * 1024;
  const auto product = [&] {
    hsize_t p = 1;
    for (hsize_t v : c) p *= v;
    return p;
  };
  for (std::size_t axis = 0; axis < 3 && product() > kMaxChunkValues; ++axis) {
    while (c[axis] > 1 && product() > kMaxChunkValues) c[axis] = (c[axis] + 1) / 2;
  }
  return c;
}

constexpr std::size_t kCompressAboveCells = 64 * 1024;

// hid_t mem_type: H5T_NATIVE_DOUBLE / H5T_NATIVE_INT32; file type chosen to
// match (little-endian IEEE / int32).
void write_dataset(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                   hid_t mem_type, hid_t file_type, const void* data, const std::string& units,
                   bool compress, const std::string& file) {
  Handle space = check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                       H5Sclose, file, "dataspace of " + name);
  Handle dcpl = check(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, file, "properties of " + name);
  if (compress && H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0) {
    const std::vector<hsize_t> chunk = chunk_shape(dims);
    check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), file,
          "chunking of " + name);
    check(H5Pset_shuffle(dcpl.get()), file, "shuffle filter of " + name);
    check(H5Pset_deflate(dcpl.get(), 4), file, "deflate filter of " + name);
  }
  Handle dset = check(H5Dcreate2(parent, name.c_str(), file_type, space.get(), H5P_DEFAULT,
                                 dcpl.get(), H5P_DEFAULT),
                      H5Dclose, file, "create dataset " + name);
  hsize_t n = 1;
  for (hsize_t d : dims) n *= d;
  if (n > 0) {
    check(H5Dwrite(dset.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), file,
          "write dataset " + name);
  }
  write_string_attr(dset.get(), "units", units, file);
}

void write_h5_file(const std::string& tmp, const std::string& shown, const Grid& grid,
                   const CellFields& f, const Summary& summary, const std::string& scenario_text,
                   const std::string& summary_json) {
  Handle file = check(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose,
                      shown, "cannot create " + tmp);
  {
    const hid_t dbl = H5T_IEEE_F64LE;
    write_string_attr(file.get(), "schema", kResultSchema, shown);
    write_string_attr(file.get(), "scenario", scenario_text, shown);
    write_string_attr(file.get(), "summary", summary_json, shown);

    Handle g = check(H5Gcreate2(file.get(), "grid", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                     H5Gclose, shown, "create /grid");
    const char* axis_names[3] = {"x", "y", "z"};
    for (int a = 0; a < 3; ++a) {
      write_dataset(g.get(), axis_names[a], {grid.edges[a].size()}, H5T_NATIVE_DOUBLE, dbl,
                    grid.edges[a].data(), "m", false, shown);
    }

    Handle fl = check(H5Gcreate2(file.get(), "fields", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                      H5Gclose, shown, "create /fields");
    const std::vector<hsize_t> dims = {static_cast<hsize_t>(grid.nz()),
                                       static_cast<hsize_t>(grid.ny()),
                                       static_cast<hsize_t>(grid.nx())};
    const std::vector<hsize_t> dims3 = {dims[0], dims[1], dims[2], 3};
    const bool compress = grid.total_cells() > kCompressAboveCells;
    write_dataset(fl.get(), "T", dims, H5T_NATIVE_DOUBLE, dbl, f.T_C.data(), "degC", compress,
                  shown);
    if (!f.p_Pa.empty()) {
      write_dataset(fl.get(), "p", dims, H5T_NATIVE_DOUBLE, dbl, f.p_Pa.data(), "Pa", compress,
                    shown);
    }
    if (!f.U_m_s.empty()) {
      write_dataset(fl.get(), "U", dims3, H5T_NATIVE_DOUBLE, dbl, f.U_m_s.data(), "m/s", compress,
                    shown);
    }
    if (!f.material.empty()) {
      write_dataset(fl.get(), "material", dims, H5T_NATIVE_INT32, H5T_STD_I32LE, f.material.data(),
                    "1", compress, shown);
      Handle d = check(H5Dopen2(fl.get(), "material", H5P_DEFAULT), H5Dclose, shown,
                       "open /fields/material");
      write_string_attr(d.get(), "description", "0 = air, b+1 = block b of the scenario", shown);
    }

    // Residual history: one row per recorded iteration.
    std::vector<double> conv;
    conv.reserve(summary.convergence.size() * 4);
    for (const ResidualRecord& r : summary.convergence) {
      conv.insert(conv.end(), {static_cast<double>(r.iteration), r.mass, r.momentum, r.energy});
    }
    write_dataset(file.get(), "convergence", {summary.convergence.size(), 4}, H5T_NATIVE_DOUBLE,
                  dbl, conv.data(), "1", false, shown);
    Handle c = check(H5Dopen2(file.get(), "convergence", H5P_DEFAULT), H5Dclose, shown,
                     "open /convergence");
    write_string_array_attr(c.get(), "columns", {"iteration", "mass", "momentum", "energy"}, shown);
    write_string_attr(c.get(), "description",
                      "normalised residuals of mass, momentum and energy per outer iteration",
                      shown);
  }
  check(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), shown, "flush");
  check(file.close(), shown, "close");
}

// ---- reading ----------------------------------------------------------------

std::vector<hsize_t> dataset_dims(hid_t dset, const std::string& file, const std::string& name) {
  Handle space = check(H5Dget_space(dset), H5Sclose, file, "dataspace of " + name);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) h5_fail(file, "rank of " + name);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0 && H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0) {
    h5_fail(file, "shape of " + name);
  }
  return dims;
}

std::vector<double> read_doubles(hid_t file_id, const std::string& name, const std::string& file,
                                 std::vector<hsize_t>* dims_out) {
  Handle d =
      check(H5Dopen2(file_id, name.c_str(), H5P_DEFAULT), H5Dclose, file, "no dataset " + name);
  const std::vector<hsize_t> dims = dataset_dims(d.get(), file, name);
  hsize_t n = 1;
  for (hsize_t v : dims) n *= v;
  std::vector<double> out(static_cast<std::size_t>(n));
  if (n > 0) {
    check(H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), file,
          "read " + name);
  }
  if (dims_out != nullptr) *dims_out = dims;
  return out;
}

std::string read_string_attr(hid_t obj, const std::string& name, const std::string& file) {
  Handle attr =
      check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, file, "no attribute " + name);
  Handle ftype = check(H5Aget_type(attr.get()), H5Tclose, file, "type of attribute " + name);
  if (H5Tget_class(ftype.get()) != H5T_STRING) {
    throw std::runtime_error(file + ": attribute " + name + " is not a string");
  }
  if (H5Tis_variable_str(ftype.get()) > 0) {
    Handle type = vlen_string_type(file);
    char* p = nullptr;
    check(H5Aread(attr.get(), type.get(), &p), file, "read attribute " + name);
    std::string out = p != nullptr ? p : "";
    H5free_memory(p);
    return out;
  }
  const std::size_t size = H5Tget_size(ftype.get());
  std::string out(size, '\0');
  check(H5Aread(attr.get(), ftype.get(), out.data()), file, "read attribute " + name);
  out.resize(out.find('\0') == std::string::npos ? out.size() : out.find('\0'));
  return out;
}

#endif  // RT_HAVE_HDF5

[[maybe_unused]] [[noreturn]] void no_hdf5() {
  throw std::runtime_error(
      "this rigtherm was built without HDF5 (configure with libhdf5-dev installed and "
      "-DRT_HDF5=ON); result.h5 is not available");
}

}  // namespace

bool result_h5_available() {
#ifdef RT_HAVE_HDF5
  return true;
#else
  return false;
#endif
}

void write_result_h5(const std::string& path, const Grid& grid, const CellFields& fields,
                     const Summary& summary, const std::string& scenario_text,
                     const std::string& summary_json) {
#ifdef RT_HAVE_HDF5
  check_fields(grid, fields);
  QuietErrors quiet;
  write_file_atomic(path, [&](const std::string& tmp) {
    write_h5_file(tmp, path, grid, fields, summary, scenario_text, summary_json);
  });
#else
  (void)path, (void)grid, (void)fields, (void)summary, (void)scenario_text, (void)summary_json;
  no_hdf5();
#endif
}

ResultGridAndT read_result_h5_grid_and_T(const std::string& path) {
#ifdef RT_HAVE_HDF5
  QuietErrors quiet;
  Handle file =
      check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, path, "cannot open");
  ResultGridAndT r;
  r.schema = read_string_attr(file.get(), "schema", path);
  const char* axes[3] = {"/grid/x", "/grid/y", "/grid/z"};
  for (int a = 0; a < 3; ++a) r.grid.edges[a] = read_doubles(file.get(), axes[a], path, nullptr);
  std::vector<hsize_t> dims;
  r.T_C = read_doubles(file.get(), "/fields/T", path, &dims);
  if (dims.size() != 3) throw std::runtime_error(path + ": /fields/T is not 3-D");
  r.cells = {static_cast<int>(dims[2]), static_cast<int>(dims[1]), static_cast<int>(dims[0])};
  for (int a = 0; a < 3; ++a) {
    if (r.grid.cells(a) != r.cells[a]) {
      throw std::runtime_error(path + ": /grid and /fields/T disagree on the number of cells");
    }
  }
  return r;
#else
  (void)path;
  no_hdf5();
#endif
}

void write_result_xdmf(const std::string& xmf_path, const std::string& h5_path, const Grid& grid,
                       const CellFields& fields) {
  namespace fs = std::filesystem;
  check_fields(grid, fields);
  const fs::path xmf_dir = fs::absolute(fs::path(xmf_path)).parent_path();
  const std::string h5 =
      xml_escape(fs::absolute(fs::path(h5_path)).lexically_relative(xmf_dir).generic_string());

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
  x << "    </Grid>\n"
    << "  </Domain>\n"
    << "</Xdmf>\n";
  write_text_atomic(xmf_path, x.str());
}

}  // namespace rt
