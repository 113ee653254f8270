#pragma once
// Shared by the GPU-vs-CPU tests of tests/cuda.

#include <fstream>
#include <sstream>
#include <string>

namespace rt {

// The whole text of a file ("" when it cannot be read).
inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace rt
