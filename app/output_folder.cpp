#include "app/output_folder.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "io/checkpoint_h5.hpp"
#include "io/result_h5.hpp"

namespace rt::app {

namespace fs = std::filesystem;

std::string output_folder_problem(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return "cannot create the folder " + dir.string() + ": " + ec.message();
  if (!fs::is_directory(dir, ec)) return dir.string() + " is not a folder";
  const fs::path probe = dir / (".rigtherm-write-test-" + std::to_string(::getpid()));
  std::FILE* f = std::fopen(probe.c_str(), "w");
  if (f == nullptr) return "cannot write in " + dir.string() + ": " + std::strerror(errno);
  const bool written = std::fputs("rigtherm\n", f) >= 0;
  const int write_errno = errno;
  const bool closed = std::fclose(f) == 0;
  const int close_errno = errno;
  fs::remove(probe, ec);
  if (!written || !closed)
    return "cannot write in " + dir.string() + ": " +
           std::strerror(!written ? write_errno : close_errno);
  return {};
}

std::optional<EarlierResults> earlier_results(const fs::path& out) {
  std::ifstream in(out / "summary.json");
  if (in) {
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("scenario") || !j["scenario"].is_string())
      return std::nullopt;
    return EarlierResults{j["scenario"].get<std::string>(), false};
  }
  std::error_code ec;
  const fs::path checkpoint = out / "checkpoint.h5";
  if (!fs::exists(checkpoint, ec) || !result_h5_available()) return std::nullopt;
  try {
    return EarlierResults{checkpoint_scenario_name(checkpoint.string()), true};
  } catch (const CheckpointError&) {
    return std::nullopt;
  }
}

bool same_scenario_file(const std::string& a, const std::string& b) {
  std::error_code ea, eb;
  const fs::path ca = fs::weakly_canonical(a, ea), cb = fs::weakly_canonical(b, eb);
  if (ea || eb) return a == b;
  return ca == cb;
}

std::string output_file_problem(const fs::path& file) {
  const fs::path parent = file.parent_path();
  return output_folder_problem(parent.empty() ? fs::path(".") : parent);
}

}  // namespace rt::app
