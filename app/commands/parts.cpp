#include "app/commands/parts.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <string>

#include "scenarios/builds/parts_library.hpp"

namespace rt::app {

int cmd_parts_list() {
  const PartsLibrary lib = PartsLibrary::load_default();
  fmt::print("parts library {} (set RIGTHERM_PARTS to use another)\n", lib.dir());
  for (const std::string& extra : lib.extra_dirs())
    fmt::print("extra parts   {} (RIGTHERM_PARTS_EXTRA)\n", extra);
  for (const PartsLibrary::Family& f : PartsLibrary::families()) {
    fmt::print("\n{} ({})\n", f.title, f.file);
    for (const std::string& id : lib.ids(f.name)) {
      fmt::print("  {:<28} {}\n", id, lib.summary(lib.info(f.name, id)));
    }
  }
  fmt::print("\nrigtherm parts show ID   prints every value of one part, with units and source\n");
  return 0;
}

int cmd_parts_show(const std::string& name) {
  const PartsLibrary lib = PartsLibrary::load_default();
  const PartInfo& p = lib.find(name);
  fmt::print("{}.{}: {}\n", p.family, p.id, p.name);
  fmt::print("file    {}:{}\n", p.file, p.line);
  fmt::print("source  {}\n", p.source);
  if (!p.note.empty()) fmt::print("note    {}\n", p.note);
  fmt::print("summary {}\n", lib.summary(p));
  for (const std::string& line : lib.derived(p)) fmt::print("derived {}\n", line);
  fmt::print("\n");
  std::size_t width = 0;
  for (const PartField& f : lib.fields(p)) width = std::max(width, f.key.size());
  int estimated = 0;
  for (const PartField& f : lib.fields(p)) {
    std::string value = f.value;
    if (!f.unit.empty()) value += " " + f.unit;
    const char* mark = f.estimated          ? "  [estimated]"
                       : f.partly_estimated ? "  [partly estimated]"
                                            : "";
    estimated += f.estimated || f.partly_estimated;
    fmt::print("  {:<{}}  {}{}\n", f.key, width, value, mark);
  }
  fmt::print("\n{} of {} values estimated (not published); units as in the file, SI inside\n",
             estimated, lib.fields(p).size());
  return 0;
}

}  // namespace rt::app
