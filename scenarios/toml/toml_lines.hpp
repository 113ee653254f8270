#pragma once
// The lines of a TOML text as the quick file-kind looks read them
// (is_build_scenario, is_sweep_file): no parsing, so that `check` and `run`
// can tell a build, a sweep file and a generic scenario apart before the
// reader of the right kind reports errors in its own words.

#include <string>
#include <string_view>

namespace rt {

// Calls f(line) for each line with its comment cut and every space, tab and
// carriage return removed, until f returns true; returns whether one did.
template <class F>
bool find_compact_toml_line(std::string_view text, F&& f) {
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line;
    for (char c : text.substr(pos, end - pos)) {
      if (c == '#') break;
      if (c != ' ' && c != '\t' && c != '\r') line += c;
    }
    if (f(line)) return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace rt
