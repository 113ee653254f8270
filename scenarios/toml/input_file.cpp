#include "scenarios/toml/input_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "scenarios/model/scenario_error.hpp"

namespace rt {

namespace fs = std::filesystem;

std::optional<std::string> read_input_file(const std::string& path, std::string* why) {
  const auto fail = [why](const std::string& reason) -> std::optional<std::string> {
    if (why != nullptr) *why = reason;
    return std::nullopt;
  };
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec) return fail(ec.message());
  if (fs::is_directory(status)) return fail("it is a directory");
  if (!fs::is_regular_file(status))
    return fail("it is not a regular file (a pipe or a device?), so it is not read");
  const std::uintmax_t bytes = fs::file_size(path, ec);
  if (ec) return fail(ec.message());
  if (bytes > kMaxInputFileBytes)
    return fail(fmt::format("it is {:.1f} MB, more than the {} MB any input file of rigtherm needs",
                            static_cast<double>(bytes) / (1 << 20), kMaxInputFileBytes >> 20));
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return fail("error while reading it");
  return text.str();
}

std::string input_file_text(const std::string& path, const std::string& what) {
  std::string why;
  std::optional<std::string> text = read_input_file(path, &why);
  if (!text) throw ScenarioError(path, 0, "", "cannot open this " + what + ": " + why);
  return std::move(*text);
}

}  // namespace rt
