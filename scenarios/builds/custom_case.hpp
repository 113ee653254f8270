#pragma once
// A case described in a build file rather than the parts library
// (`[case] model = "custom"` with a `[case.custom]` table): the same keys as
// a `[case.<id>]` entry of scenarios/builds/parts/cases.toml, read with the same
// checks (parts_library.cpp); errors name `path`.KEY in `file`.

#include <toml++/toml.h>

#include <string>

#include "scenarios/builds/parts_library.hpp"

namespace rt {

CaseModel parse_case_table(const toml::table& table, const std::string& path,
                           const std::string& file, const std::string& id);

// A case's stock fans that name a model (`fan = "ID"`): the id is a case fan
// of `lib` and its size one the mount takes; else a ScenarioError at the
// entry's line (`path`.stock_fans.MOUNT.fan). The library checks its own
// cases on loading; a build checks its custom case.
void check_case_stock_fans(const CaseModel& c, const PartsLibrary& lib, const std::string& path);

}  // namespace rt
