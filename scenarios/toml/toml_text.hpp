#pragma once
// Small text helpers shared by the readers of TOML files (scenarios and the
// parts library): how numbers, lists and value types appear in messages.

#include <toml++/toml.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace rt::toml_text {

// Enough digits that a user recognises the number they wrote.
inline std::string number_text(double v) {
  std::ostringstream out;
  out.precision(12);
  out << v;
  return out.str();
}

template <class Strings>
std::string join(const Strings& items, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += separator;
    out += item;
    first = false;
  }
  return out;
}

// "a string", "an integer", ...: what a TOML value is, for "expected X, got Y".
inline std::string type_phrase(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

inline int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

}  // namespace rt::toml_text
