// The seal at the end of the HDF5 files rigtherm writes (io/file_seal.hpp):
// every byte covered. The readers that check it before libhdf5 parses
// anything are tested on mutated files in test_checkpoint.cpp, test_io.cpp
// and tests/viz/test_viz.cpp (mutation_test.hpp).

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "io/file_seal.hpp"
#include "mutation_test.hpp"

namespace fs = std::filesystem;

namespace rt {
namespace {

void write_all(const std::string& p, const std::string& content) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << content;
}

class FileSeal : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rt-seal-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(FileSeal, EveryByteOfASealedFileIsCovered) {
  const std::string p = path("small.bin");
  std::string bytes;
  for (int i = 0; i < 203; ++i) bytes.push_back(static_cast<char>(i * 37));
  write_all(p, bytes);
  EXPECT_EQ(io::seal_problem(p), "no rigtherm seal at its end");
  io::seal_file(p);
  ASSERT_EQ(io::seal_problem(p), "");
  const std::string sealed = file_bytes(p);
  ASSERT_EQ(sealed.size(), bytes.size() + 16);
  for (std::size_t at = 0; at < sealed.size(); ++at) {
    std::string damaged = sealed;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x01);
    write_all(p, damaged);
    EXPECT_NE(io::seal_problem(p), "") << "byte " << at << " flipped unnoticed";
  }
  for (std::size_t keep : {std::size_t{0}, std::size_t{10}, sealed.size() - 1}) {
    write_all(p, sealed.substr(0, keep));
    EXPECT_NE(io::seal_problem(p), "") << keep << " bytes kept";
  }
  EXPECT_NE(io::seal_problem(path("missing.bin")).find("cannot read it"), std::string::npos);
}

}  // namespace
}  // namespace rt
