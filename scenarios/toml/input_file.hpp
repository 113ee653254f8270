#pragma once
// The text files rigtherm reads (scenarios, builds, sweeps, parts data), read
// one way with the same refusals: only regular files (a folder says so; a
// FIFO would block for ever and /dev/zero would be read until memory runs
// out), and at most kMaxInputFileBytes (the largest example is 20 kB).

#include <cstdint>
#include <optional>
#include <string>

namespace rt {

constexpr std::uintmax_t kMaxInputFileBytes = std::uintmax_t{16} << 20;

// The whole text of the file at `path`, or nullopt and *why (when not null)
// in words: "it is a directory", "it is not a regular file ...", "it is
// 20.0 MB ...", "No such file or directory".
std::optional<std::string> read_input_file(const std::string& path, std::string* why);

// The same, throwing ScenarioError(path, 0, "", ...) that names `what` (e.g.
// "scenario file") when the file cannot be read.
std::string input_file_text(const std::string& path, const std::string& what);

}  // namespace rt
