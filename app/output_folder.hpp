#pragma once
// Where the command line will write, checked before any work: a folder is
// created when missing and a probe file written into it and removed, so that
// a read-only folder, a missing parent or a full disk is found before hours
// of solving, not after them (issue 17).

#include <filesystem>
#include <string>

namespace rt::app {

// "" when `dir` exists (created here if need be) and a file can be written
// in it; otherwise one line: the path and the reason.
std::string output_folder_problem(const std::filesystem::path& dir);

// The same for the folder a file will be written to (its parent; the
// current folder for a bare name).
std::string output_file_problem(const std::filesystem::path& file);

}  // namespace rt::app
