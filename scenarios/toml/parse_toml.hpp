#pragma once
// The one way the scenario layer parses a TOML file (scenarios, builds,
// sweeps, the parts library, command-line overrides): a syntax error becomes
// a ScenarioError at its line and column, "TOML syntax error: ...".

#include <toml++/toml.h>

#include <string>
#include <string_view>

namespace rt {

toml::table parse_toml(std::string_view text, const std::string& source_name);

}  // namespace rt
