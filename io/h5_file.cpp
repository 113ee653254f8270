#include "io/h5_file.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "io/file_seal.hpp"

#ifdef RT_HAVE_HDF5
#include <hdf5.h>
#endif

namespace rt::h5 {

namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

std::uint64_t fnv1a(std::uint64_t h, const void* data, std::size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < bytes; ++i) {
    h ^= p[i];
    h *= kFnvPrime;
  }
  return h;
}

constexpr const char* kChecksumAttribute = "checksum";
constexpr const char* kChecksumPrefix = "fnv1a64-sum:";

}  // namespace

void Digest::add(const std::string& name, const std::vector<std::size_t>& dims, const void* data,
                 std::size_t bytes) {
  std::uint64_t h = fnv1a(kFnvOffset, name.data(), name.size() + 1);  // with the NUL
  for (std::size_t d : dims) {
    const std::uint64_t v = d;
    h = fnv1a(h, &v, sizeof v);
  }
  sum_ += fnv1a(h, data, bytes);
}

std::string Digest::text() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, sum_);
  return std::string(kChecksumPrefix) + buf;
}

#ifdef RT_HAVE_HDF5

namespace {

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

// Walking upward starts at the innermost error, which says what was wrong.
herr_t innermost_error(unsigned n, const H5E_error2_t* e, void* out) {
  if (n == 0 && e->desc != nullptr) *static_cast<std::string*>(out) = e->desc;
  return 0;
}

[[noreturn]] void h5_fail(const std::string& file, const std::string& what) {
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost_error, &detail);
  H5Eclear2(H5E_DEFAULT);
  throw std::runtime_error(file + ": " + what + (detail.empty() ? "" : " (HDF5: " + detail + ")"));
}

Handle check(hid_t id, Handle::Closer close, const std::string& file, const std::string& what) {
  if (id < 0) h5_fail(file, what);
  return Handle(id, close);
}

void check(herr_t r, const std::string& file, const std::string& what) {
  if (r < 0) h5_fail(file, what);
}

Handle vlen_string_type(const std::string& file) {
  Handle t = check(H5Tcopy(H5T_C_S1), H5Tclose, file, "string type");
  check(H5Tset_size(t.get(), H5T_VARIABLE), file, "string type");
  check(H5Tset_cset(t.get(), H5T_CSET_UTF8), file, "string type");
  return t;
}

Handle fixed_string_type(std::size_t size, const std::string& file) {
  Handle t = check(H5Tcopy(H5T_C_S1), H5Tclose, file, "string type");
  check(H5Tset_size(t.get(), size), file, "string type");
  check(H5Tset_strpad(t.get(), H5T_STR_NULLPAD), file, "string type");
  check(H5Tset_cset(t.get(), H5T_CSET_UTF8), file, "string type");
  return t;
}

// Chunks of at most ~128k values (1 MiB of doubles), whole rows of the
// fastest axis where possible, halving the slowest axes first.
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& dims) {
  std::vector<hsize_t> c = dims;
  constexpr hsize_t kMaxChunkValues = 128 * 1024;
  const auto product = [&] {
    hsize_t p = 1;
    for (hsize_t v : c) p *= v;
    return p;
  };
  for (std::size_t axis = 0; axis < c.size() && product() > kMaxChunkValues; ++axis) {
    while (c[axis] > 1 && product() > kMaxChunkValues) c[axis] = (c[axis] + 1) / 2;
  }
  return c;
}

std::vector<hsize_t> to_hsize(const std::vector<std::size_t>& dims) {
  return std::vector<hsize_t>(dims.begin(), dims.end());
}

std::size_t count_of(const std::vector<std::size_t>& dims) {
  std::size_t n = 1;
  for (std::size_t d : dims) n *= d;
  return n;
}

std::string hashed_attribute_name(const std::string& object, const std::string& name) {
  return object + "@" + name;
}

void write_string_attr(hid_t obj, const std::string& name, const std::vector<std::string>& values,
                       bool scalar, const std::string& file) {
  Handle type = vlen_string_type(file);
  const hsize_t n = values.size();
  Handle space = scalar
                     ? check(H5Screate(H5S_SCALAR), H5Sclose, file, "attribute space")
                     : check(H5Screate_simple(1, &n, nullptr), H5Sclose, file, "attribute space");
  Handle attr =
      check(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose, file, "cannot create attribute " + name);
  std::vector<const char*> ptrs;
  for (const std::string& v : values) ptrs.push_back(v.c_str());
  if (ptrs.empty()) ptrs.push_back("");  // HDF5 wants a buffer even for no values
  check(H5Awrite(attr.get(), type.get(), ptrs.data()), file, "cannot write attribute " + name);
}

// Values of a string attribute (scalar: one value), vlen or fixed length.
std::vector<std::string> read_string_attr(hid_t obj, const std::string& object,
                                          const std::string& name, const std::string& file) {
  if (H5Aexists(obj, name.c_str()) <= 0)
    throw std::runtime_error(file + ": " + object + " has no attribute '" + name + "'");
  Handle attr = check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, file,
                      "cannot open attribute " + name + " of " + object);
  Handle ftype = check(H5Aget_type(attr.get()), H5Tclose, file, "type of attribute " + name);
  if (H5Tget_class(ftype.get()) != H5T_STRING)
    throw std::runtime_error(file + ": attribute " + name + " of " + object + " is not a string");
  Handle space = check(H5Aget_space(attr.get()), H5Sclose, file, "space of attribute " + name);
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) h5_fail(file, "size of attribute " + name);
  std::vector<std::string> out;
  if (H5Tis_variable_str(ftype.get()) > 0) {
    Handle type = vlen_string_type(file);
    if (n == 0) return out;
    std::vector<char*> ptrs(static_cast<std::size_t>(n), nullptr);
    check(H5Aread(attr.get(), type.get(), ptrs.data()), file, "cannot read attribute " + name);
    for (char* p : ptrs) {
      out.emplace_back(p != nullptr ? p : "");
      H5free_memory(p);
    }
    return out;
  }
  const std::size_t size = H5Tget_size(ftype.get());
  std::string buf(size * static_cast<std::size_t>(n), '\0');
  check(H5Aread(attr.get(), ftype.get(), buf.data()), file, "cannot read attribute " + name);
  for (hssize_t i = 0; i < n; ++i) {
    std::string s = buf.substr(static_cast<std::size_t>(i) * size, size);
    out.push_back(s.substr(0, s.find('\0')));
  }
  return out;
}

}  // namespace

// ---- Writer -----------------------------------------------------------------

struct Writer::Impl {
  std::string path, shown;
  Handle file;
  Digest digest;
  QuietErrors quiet;

  Handle open_object(const std::string& path) {
    return check(H5Oopen(file.get(), path.c_str(), H5P_DEFAULT), H5Oclose, shown,
                 "cannot open " + path);
  }

  void dataset(const std::string& path, const std::vector<std::size_t>& dims, hid_t mem_type,
               hid_t file_type, const void* data, std::size_t value_bytes, const std::string& units,
               bool compress) {
    const std::vector<hsize_t> hd = to_hsize(dims);
    Handle space = check(H5Screate_simple(static_cast<int>(hd.size()), hd.data(), nullptr),
                         H5Sclose, shown, "dataspace of " + path);
    Handle dcpl = check(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, shown, "properties of " + path);
    const std::size_t n = count_of(dims);
    if (n > 0) {
      const std::vector<hsize_t> chunk = chunk_shape(hd);
      check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), shown,
            "chunking of " + path);
      if (compress && H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0) {
        check(H5Pset_shuffle(dcpl.get()), shown, "shuffle filter of " + path);
        check(H5Pset_deflate(dcpl.get(), 4), shown, "deflate filter of " + path);
      }
      check(H5Pset_fletcher32(dcpl.get()), shown, "Fletcher-32 filter of " + path);
    }
    Handle dset = check(H5Dcreate2(file.get(), path.c_str(), file_type, space.get(), H5P_DEFAULT,
                                   dcpl.get(), H5P_DEFAULT),
                        H5Dclose, shown, "cannot create dataset " + path);
    if (n > 0)
      check(H5Dwrite(dset.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), shown,
            "cannot write dataset " + path);
    digest.add(path, dims, data, n * value_bytes);
    write_string_attr(dset.get(), "units", {units}, true, shown);
    digest.add(hashed_attribute_name(path, "units"), {}, units.data(), units.size());
  }
};

Writer::Writer(const std::string& path, const std::string& shown) : impl_(new Impl) {
  impl_->path = path;
  impl_->shown = shown;
  impl_->file = check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose,
                      shown, "cannot create " + path);
}

Writer::~Writer() = default;

void Writer::group(const std::string& path) {
  check(H5Gcreate2(impl_->file.get(), path.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        H5Gclose, impl_->shown, "cannot create group " + path);
}

void Writer::doubles(const std::string& path, const std::vector<std::size_t>& dims,
                     const double* data, const std::string& units, bool compress) {
  impl_->dataset(path, dims, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, data, sizeof(double), units,
                 compress);
}

void Writer::ints(const std::string& path, const std::vector<std::size_t>& dims,
                  const std::int32_t* data, const std::string& units, bool compress) {
  impl_->dataset(path, dims, H5T_NATIVE_INT32, H5T_STD_I32LE, data, sizeof(std::int32_t), units,
                 compress);
}

void Writer::strings(const std::string& path, const std::vector<std::string>& values) {
  const std::string& f = impl_->shown;
  std::size_t size = 1;
  for (const std::string& v : values) size = std::max(size, v.size() + 1);
  std::string buf(size * values.size(), '\0');
  for (std::size_t i = 0; i < values.size(); ++i)
    buf.replace(i * size, values[i].size(), values[i]);
  Handle type = fixed_string_type(size, f);
  const hsize_t n = values.size();
  Handle space = check(H5Screate_simple(1, &n, nullptr), H5Sclose, f, "dataspace of " + path);
  Handle dset = check(H5Dcreate2(impl_->file.get(), path.c_str(), type.get(), space.get(),
                                 H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                      H5Dclose, f, "cannot create dataset " + path);
  if (n > 0)
    check(H5Dwrite(dset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), f,
          "cannot write dataset " + path);
  for (const std::string& v : values) impl_->digest.add(path, {}, v.data(), v.size());
  impl_->digest.add(path, {values.size()}, nullptr, 0);
  write_string_attr(dset.get(), "units", {"1"}, true, f);
  impl_->digest.add(hashed_attribute_name(path, "units"), {}, "1", 1);
}

void Writer::attribute(const std::string& object, const std::string& name, const std::string& value,
                       bool checked) {
  Handle obj = impl_->open_object(object);
  write_string_attr(obj.get(), name, {value}, true, impl_->shown);
  if (checked)
    impl_->digest.add(hashed_attribute_name(object, name), {}, value.data(), value.size());
}

void Writer::attribute(const std::string& object, const std::string& name,
                       const std::vector<std::string>& values, bool checked) {
  Handle obj = impl_->open_object(object);
  write_string_attr(obj.get(), name, values, false, impl_->shown);
  if (!checked) return;
  const std::string key = hashed_attribute_name(object, name);
  for (const std::string& v : values) impl_->digest.add(key, {}, v.data(), v.size());
  impl_->digest.add(key, {values.size()}, nullptr, 0);
}

void Writer::close() {
  const std::string& f = impl_->shown;
  write_string_attr(impl_->file.get(), kChecksumAttribute, {impl_->digest.text()}, true, f);
  check(H5Fflush(impl_->file.get(), H5F_SCOPE_GLOBAL), f, "flush");
  check(impl_->file.close(), f, "close");
  io::seal_file(impl_->path);
}

// ---- Reader -----------------------------------------------------------------

struct Reader::Impl {
  std::string path, what;
  Handle file;
  Digest digest;
  QuietErrors quiet;

  Handle open_dataset(const std::string& name) {
    if (H5Lexists(file.get(), name.c_str(), H5P_DEFAULT) <= 0)
      throw std::runtime_error(path + ": no dataset " + name + " in this " + what + " file");
    return check(H5Dopen2(file.get(), name.c_str(), H5P_DEFAULT), H5Dclose, path,
                 "cannot open dataset " + name + " (the file is damaged)");
  }

  std::vector<std::size_t> dims_of(hid_t dset, const std::string& name) {
    Handle space = check(H5Dget_space(dset), H5Sclose, path, "dataspace of " + name);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) h5_fail(path, "rank of " + name);
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    if (rank > 0 && H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0)
      h5_fail(path, "shape of " + name);
    return std::vector<std::size_t>(dims.begin(), dims.end());
  }

  template <class T>
  std::vector<T> numbers(const std::string& name, hid_t mem_type, std::vector<std::size_t>* out) {
    Handle d = open_dataset(name);
    const std::vector<std::size_t> dims = dims_of(d.get(), name);
    std::vector<T> v(count_of(dims));
    if (!v.empty())
      check(H5Dread(d.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), path,
            "cannot read dataset " + name + ": the file is damaged");
    digest.add(name, dims, v.data(), v.size() * sizeof(T));
    read_units(d.get(), name);
    if (out != nullptr) *out = dims;
    return v;
  }

  std::string read_units(hid_t obj, const std::string& name) {
    const std::string u = read_string_attr(obj, name, "units", path).at(0);
    digest.add(hashed_attribute_name(name, "units"), {}, u.data(), u.size());
    return u;
  }
};

Reader::Reader(const std::string& path, const std::string& what) : impl_(new Impl) {
  impl_->path = path;
  impl_->what = what;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw std::runtime_error(path + ": no such " + what + " file");
  // The seal first: libhdf5 trusts the metadata it parses.
  if (const std::string problem = io::seal_problem(path); !problem.empty())
    throw std::runtime_error(path + ": cannot open this " + what +
                             " file: it is truncated, damaged or not HDF5 (" + problem + ")");
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0)
    h5_fail(path, "cannot open this " + what + " file: it is truncated, damaged or not HDF5");
  impl_->file = Handle(id, H5Fclose);
}

Reader::~Reader() = default;

const std::string& Reader::path() const { return impl_->path; }

bool Reader::exists(const std::string& path) const {
  return H5Lexists(impl_->file.get(), path.c_str(), H5P_DEFAULT) > 0;
}

std::vector<std::size_t> Reader::shape(const std::string& path) {
  Handle d = impl_->open_dataset(path);
  return impl_->dims_of(d.get(), path);
}

std::vector<double> Reader::doubles(const std::string& path, std::vector<std::size_t>* dims) {
  return impl_->numbers<double>(path, H5T_NATIVE_DOUBLE, dims);
}

std::vector<std::int32_t> Reader::ints(const std::string& path, std::vector<std::size_t>* dims) {
  return impl_->numbers<std::int32_t>(path, H5T_NATIVE_INT32, dims);
}

std::vector<std::string> Reader::strings(const std::string& name) {
  const std::string& f = impl_->path;
  Handle d = impl_->open_dataset(name);
  const std::vector<std::size_t> dims = impl_->dims_of(d.get(), name);
  if (dims.size() != 1) throw std::runtime_error(f + ": " + name + " is not a list of strings");
  Handle ftype = check(H5Dget_type(d.get()), H5Tclose, f, "type of " + name);
  if (H5Tget_class(ftype.get()) != H5T_STRING || H5Tis_variable_str(ftype.get()) > 0)
    throw std::runtime_error(f + ": " + name + " is not a list of fixed-length strings");
  const std::size_t size = H5Tget_size(ftype.get());
  std::string buf(size * dims[0], '\0');
  if (dims[0] > 0)
    check(H5Dread(d.get(), ftype.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), f,
          "cannot read dataset " + name + ": the file is damaged");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < dims[0]; ++i) {
    std::string s = buf.substr(i * size, size);
    out.push_back(s.substr(0, s.find('\0')));
    impl_->digest.add(name, {}, out.back().data(), out.back().size());
  }
  impl_->digest.add(name, {out.size()}, nullptr, 0);
  impl_->read_units(d.get(), name);
  return out;
}

std::string Reader::units(const std::string& name) {
  Handle d = impl_->open_dataset(name);
  return read_string_attr(d.get(), name, "units", impl_->path).at(0);
}

std::string Reader::attribute(const std::string& object, const std::string& name, bool checked) {
  Handle obj = check(H5Oopen(impl_->file.get(), object.c_str(), H5P_DEFAULT), H5Oclose, impl_->path,
                     "cannot open " + object);
  const std::vector<std::string> v = read_string_attr(obj.get(), object, name, impl_->path);
  if (v.size() != 1)
    throw std::runtime_error(impl_->path + ": attribute " + name + " of " + object +
                             " is not a single string");
  if (checked) impl_->digest.add(hashed_attribute_name(object, name), {}, v[0].data(), v[0].size());
  return v[0];
}

std::vector<std::string> Reader::attribute_strings(const std::string& object,
                                                   const std::string& name, bool checked) {
  Handle obj = check(H5Oopen(impl_->file.get(), object.c_str(), H5P_DEFAULT), H5Oclose, impl_->path,
                     "cannot open " + object);
  std::vector<std::string> v = read_string_attr(obj.get(), object, name, impl_->path);
  if (checked) {
    const std::string key = hashed_attribute_name(object, name);
    for (const std::string& s : v) impl_->digest.add(key, {}, s.data(), s.size());
    impl_->digest.add(key, {v.size()}, nullptr, 0);
  }
  return v;
}

bool Reader::has_attribute(const std::string& object, const std::string& name) const {
  if (object != "/" && H5Lexists(impl_->file.get(), object.c_str(), H5P_DEFAULT) <= 0) return false;
  Handle obj = check(H5Oopen(impl_->file.get(), object.c_str(), H5P_DEFAULT), H5Oclose, impl_->path,
                     "cannot open " + object);
  return H5Aexists(obj.get(), name.c_str()) > 0;
}

void Reader::verify() {
  const std::string& f = impl_->path;
  if (!has_attribute("/", kChecksumAttribute))
    throw std::runtime_error(f + ": this " + impl_->what +
                             " file has no checksum: it was not completely written, or by a "
                             "rigtherm too old to add one");
  const std::string stored = attribute("/", kChecksumAttribute, false);
  const std::string computed = impl_->digest.text();
  if (stored != computed)
    throw std::runtime_error(f + ": this " + impl_->what +
                             " file is damaged: its content does not match its checksum (stored " +
                             stored + ", computed " + computed + ")");
}

#else  // no HDF5

namespace {
[[noreturn]] void no_hdf5() {
  throw std::runtime_error(
      "this rigtherm was built without HDF5 (configure with libhdf5-dev installed and "
      "-DRT_HDF5=ON); HDF5 files are not available");
}
}  // namespace

struct Writer::Impl {};
struct Reader::Impl {};
Writer::Writer(const std::string&, const std::string&) { no_hdf5(); }
Writer::~Writer() = default;
void Writer::group(const std::string&) { no_hdf5(); }
void Writer::doubles(const std::string&, const std::vector<std::size_t>&, const double*,
                     const std::string&, bool) {
  no_hdf5();
}
void Writer::ints(const std::string&, const std::vector<std::size_t>&, const std::int32_t*,
                  const std::string&, bool) {
  no_hdf5();
}
void Writer::strings(const std::string&, const std::vector<std::string>&) { no_hdf5(); }
void Writer::attribute(const std::string&, const std::string&, const std::string&, bool) {
  no_hdf5();
}
void Writer::attribute(const std::string&, const std::string&, const std::vector<std::string>&,
                       bool) {
  no_hdf5();
}
void Writer::close() { no_hdf5(); }
Reader::Reader(const std::string&, const std::string&) { no_hdf5(); }
Reader::~Reader() = default;
bool Reader::exists(const std::string&) const { no_hdf5(); }
std::vector<std::size_t> Reader::shape(const std::string&) { no_hdf5(); }
std::vector<double> Reader::doubles(const std::string&, std::vector<std::size_t>*) { no_hdf5(); }
std::vector<std::int32_t> Reader::ints(const std::string&, std::vector<std::size_t>*) { no_hdf5(); }
std::vector<std::string> Reader::strings(const std::string&) { no_hdf5(); }
std::string Reader::units(const std::string&) { no_hdf5(); }
std::string Reader::attribute(const std::string&, const std::string&, bool) { no_hdf5(); }
std::vector<std::string> Reader::attribute_strings(const std::string&, const std::string&, bool) {
  no_hdf5();
}
bool Reader::has_attribute(const std::string&, const std::string&) const { no_hdf5(); }
void Reader::verify() { no_hdf5(); }
const std::string& Reader::path() const { no_hdf5(); }

#endif  // RT_HAVE_HDF5

}  // namespace rt::h5
