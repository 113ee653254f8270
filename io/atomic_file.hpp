#pragma once
// Atomic file replacement: a result is either the old complete file or the
// new complete file, never half of one. The content is written to
// `NAME.tmp-<pid>` in the same directory (same file system, so the rename is
// atomic) and renamed over NAME when the writer returns; if the writer throws,
// the temporary file is removed and the exception propagates.

#include <functional>
#include <string>

namespace rt {

// Temporary name used for `path`: "<path>.tmp-<pid>".
std::string atomic_temp_path(const std::string& path);

// Calls write(temp_path), which must create and close temp_path, then renames
// temp_path over path. Throws std::runtime_error (naming path) on failure.
void write_file_atomic(const std::string& path,
                       const std::function<void(const std::string& temp_path)>& write);

// Writes `content` to path atomically (binary, exactly the bytes given).
void write_text_atomic(const std::string& path, const std::string& content);

}  // namespace rt
