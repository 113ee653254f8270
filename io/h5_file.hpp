#pragma once
// The HDF5 files rigtherm writes (result.h5, checkpoint.h5) through one small
// writer and reader, with the same guards on both:
//   - every dataset carries a `units` attribute;
//   - every non-empty numeric dataset is chunked with the Fletcher-32 filter,
//     so any HDF5 reader (ParaView, h5py, h5dump) fails on damaged data
//     instead of returning it; large ones are also shuffled and deflated;
//   - the root attribute `checksum` ("fnv1a64-sum:<16 hex digits>") covers
//     the bytes and shapes of every dataset, their units and the attributes
//     written as checked. Reader::verify() recomputes it from what was read,
//     so a damaged string, attribute or dataset is detected by rigtherm's own
//     reader too; a truncated file fails when it is opened.
// The caller writes to a temporary name and renames (io/atomic_file.hpp).
// Only available when built with HDF5 (RT_HAVE_HDF5): otherwise every
// constructor throws std::runtime_error saying so.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rt::h5 {

// Sum of per-item FNV-1a hashes: independent of the order items are read in.
class Digest {
 public:
  void add(const std::string& name, const std::vector<std::size_t>& dims, const void* data,
           std::size_t bytes);
  std::string text() const;

 private:
  std::uint64_t sum_ = 0;
};

class Writer {
 public:
  // Creates `path` (replacing it); `shown` names the file in messages.
  Writer(const std::string& path, const std::string& shown);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void group(const std::string& path);
  // Datasets, C order (last index fastest); `compress`: shuffle + deflate.
  void doubles(const std::string& path, const std::vector<std::size_t>& dims, const double* data,
               const std::string& units, bool compress = false);
  void ints(const std::string& path, const std::vector<std::size_t>& dims, const std::int32_t* data,
            const std::string& units, bool compress = false);
  // A 1-D dataset of fixed-length UTF-8 strings (units "1").
  void strings(const std::string& path, const std::vector<std::string>& values);
  // String attributes on a group or dataset ("/": the file). `checked` ones
  // count in the checksum, so the reader must read them to verify.
  void attribute(const std::string& object, const std::string& name, const std::string& value,
                 bool checked = true);
  void attribute(const std::string& object, const std::string& name,
                 const std::vector<std::string>& values, bool checked = true);
  // Writes the checksum, flushes and closes. Without it the file is not
  // complete (the destructor closes without a checksum).
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Reader {
 public:
  // Opens `path`; `what` ("result", "checkpoint") goes into messages.
  // Throws std::runtime_error naming the file when it is missing, truncated
  // or not HDF5.
  Reader(const std::string& path, const std::string& what);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  bool exists(const std::string& path) const;
  // A dataset's dimensions, read from its header without reading the data:
  // callers check them against the grid before anything is allocated.
  std::vector<std::size_t> shape(const std::string& path);
  std::vector<double> doubles(const std::string& path, std::vector<std::size_t>* dims = nullptr);
  std::vector<std::int32_t> ints(const std::string& path, std::vector<std::size_t>* dims = nullptr);
  std::vector<std::string> strings(const std::string& path);
  std::string units(const std::string& path);  // also read (and checked) by the three above
  std::string attribute(const std::string& object, const std::string& name, bool checked = true);
  std::vector<std::string> attribute_strings(const std::string& object, const std::string& name,
                                             bool checked = true);
  bool has_attribute(const std::string& object, const std::string& name) const;
  // Throws std::runtime_error unless the stored checksum matches everything
  // read (checked) so far.
  void verify();
  // "<path>: " for messages of the caller.
  const std::string& path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rt::h5
