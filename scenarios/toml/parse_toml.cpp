#include "scenarios/toml/parse_toml.hpp"

#include "scenarios/model/scenario_error.hpp"

namespace rt {

toml::table parse_toml(std::string_view text, const std::string& source_name) {
  try {
    return toml::parse(text, std::string_view(source_name));
  } catch (const toml::parse_error& e) {
    throw ScenarioError(source_name, static_cast<int>(e.source().begin.line), "",
                        "TOML syntax error: " + std::string(e.description()),
                        static_cast<int>(e.source().begin.column));
  }
}

}  // namespace rt
