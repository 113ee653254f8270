#include "scenarios/toml/parse_toml.hpp"

#include <string>

#include "scenarios/model/scenario_error.hpp"

namespace rt {
namespace {

// toml++ quotes the character it met, a line break or a tab included: shown
// escaped, so that the message stays one line.
std::string one_line(std::string_view description) {
  std::string out;
  for (const char c : description) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

toml::table parse_toml(std::string_view text, const std::string& source_name) {
  try {
    return toml::parse(text, std::string_view(source_name));
  } catch (const toml::parse_error& e) {
    throw ScenarioError(source_name, static_cast<int>(e.source().begin.line), "",
                        "TOML syntax error: " + one_line(e.description()),
                        static_cast<int>(e.source().begin.column));
  }
}

}  // namespace rt
