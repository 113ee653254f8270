#include "io/file_seal.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace rt::io {

namespace {

constexpr char kMagic[8] = {'R', 'T', 'S', 'E', 'A', 'L', '0', '1'};
constexpr std::size_t kSealBytes = 16;

struct File {
  std::FILE* f;
  ~File() {
    if (f != nullptr) std::fclose(f);
  }
};

std::uint64_t load_le64(const unsigned char* p) {
  std::uint64_t v = 0;
  for (int b = 7; b >= 0; --b) v = (v << 8) | p[b];
  return v;
}

void store_le64(std::uint64_t v, unsigned char* p) {
  for (int b = 0; b < 8; ++b) p[b] = static_cast<unsigned char>(v >> (8 * b));
}

// FNV-1a over 64-bit words: one multiply per 8 bytes (a checkpoint of a
// 1.7 M-cell build is ~70 MB), the byte order fixed (little-endian words).
class WordHash {
 public:
  void add(const unsigned char* p, std::size_t n) {
    std::size_t i = 0;
    if (pending_ > 0) {
      while (pending_ < 8 && i < n) tail_[pending_++] = p[i++];
      if (pending_ < 8) return;
      mix(load_le64(tail_));
      pending_ = 0;
    }
    for (; i + 8 <= n; i += 8) mix(load_le64(p + i));
    while (i < n) tail_[pending_++] = p[i++];
  }
  std::uint64_t value() {
    if (pending_ > 0) {
      std::memset(tail_ + pending_, 0, 8 - pending_);
      mix(load_le64(tail_));
      pending_ = 0;
    }
    return h_;
  }

 private:
  void mix(std::uint64_t w) { h_ = (h_ ^ w) * 0x100000001b3ULL; }
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
  unsigned char tail_[8] = {};
  std::size_t pending_ = 0;
};

// The hash of the first `bytes` bytes of f (read from the start).
bool hash_prefix(std::FILE* f, long long bytes, std::uint64_t* out) {
  if (std::fseek(f, 0, SEEK_SET) != 0) return false;
  std::vector<unsigned char> buffer(std::size_t{1} << 20);
  WordHash h;
  long long left = bytes;
  while (left > 0) {
    const std::size_t want = static_cast<std::size_t>(
        left < static_cast<long long>(buffer.size()) ? left : buffer.size());
    const std::size_t got = std::fread(buffer.data(), 1, want, f);
    if (got != want) return false;
    h.add(buffer.data(), got);
    left -= static_cast<long long>(got);
  }
  *out = h.value();
  return true;
}

}  // namespace

void seal_file(const std::string& path) {
  File file{std::fopen(path.c_str(), "r+b")};
  const auto fail = [&path](const std::string& what) {
    throw std::runtime_error(path + ": cannot seal the file: " + what);
  };
  if (file.f == nullptr) fail(std::strerror(errno));
  if (std::fseek(file.f, 0, SEEK_END) != 0) fail(std::strerror(errno));
  const long long size = std::ftell(file.f);
  std::uint64_t hash = 0;
  if (size < 0 || !hash_prefix(file.f, size, &hash)) fail("cannot read it back");
  unsigned char seal[kSealBytes];
  std::memcpy(seal, kMagic, 8);
  store_le64(hash, seal + 8);
  if (std::fseek(file.f, 0, SEEK_END) != 0 ||
      std::fwrite(seal, 1, kSealBytes, file.f) != kSealBytes)
    fail(std::strerror(errno));
  if (std::fflush(file.f) != 0) fail(std::strerror(errno));
}

std::string seal_problem(const std::string& path) {
  File file{std::fopen(path.c_str(), "rb")};
  if (file.f == nullptr) return std::string("cannot read it: ") + std::strerror(errno);
  if (std::fseek(file.f, 0, SEEK_END) != 0) return "cannot read it";
  const long long size = std::ftell(file.f);
  if (size < static_cast<long long>(kSealBytes)) return "no rigtherm seal at its end";
  unsigned char seal[kSealBytes];
  if (std::fseek(file.f, size - static_cast<long long>(kSealBytes), SEEK_SET) != 0 ||
      std::fread(seal, 1, kSealBytes, file.f) != kSealBytes)
    return "cannot read it";
  if (std::memcmp(seal, kMagic, 8) != 0) return "no rigtherm seal at its end";
  std::uint64_t hash = 0;
  if (!hash_prefix(file.f, size - static_cast<long long>(kSealBytes), &hash))
    return "cannot read it";
  if (hash != load_le64(seal + 8)) return "its seal does not match its bytes";
  return {};
}

}  // namespace rt::io
