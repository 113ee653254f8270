#pragma once
// Single-byte damage to a file a reader must refuse (issue 17): seeded
// positions and bits, each flipped in a fresh copy of the file's bytes; the
// reader must throw, with "damaged" in its message, for every one. Before
// the seal (io/file_seal.hpp) about 4.5 % of such mutants of a checkpoint
// crashed libhdf5 and 1 % hung it.

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace rt {

inline std::string file_bytes(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

template <class Read>
void expect_every_mutant_refused(const std::string& p, Read read, int mutants = 300) {
  const std::string whole = file_bytes(p);
  ASSERT_FALSE(whole.empty()) << p;
  std::mt19937_64 random(20261205);
  std::uniform_int_distribution<std::size_t> position(0, whole.size() - 1);
  std::uniform_int_distribution<int> bit(0, 7);
  for (int m = 0; m < mutants; ++m) {
    std::string damaged = whole;
    const std::size_t at = position(random);
    damaged[at] = static_cast<char>(damaged[at] ^ (1 << bit(random)));
    std::ofstream(p, std::ios::binary | std::ios::trunc) << damaged;
    try {
      read();
      ADD_FAILURE() << "byte " << at << " of " << whole.size() << " damaged, and it was read";
    } catch (const std::exception& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("damaged"), std::string::npos) << what;
    }
  }
  std::ofstream(p, std::ios::binary | std::ios::trunc) << whole;
}

}  // namespace rt
