#pragma once
// Command-line values checked with short messages: CLI11's own range checks
// print the largest double (309 digits) as their upper bound and let NaN
// through (issue 17).

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <string>

namespace rt::app {

// A whole number of at least `least` ("--threads: must be a whole number
// >= 0, got -3").
inline CLI::Validator whole_number_at_least(long long least) {
  return CLI::Validator(
      [least](std::string& text) -> std::string {
        const std::string why = fmt::format("must be a whole number >= {}, got {}", least, text);
        try {
          std::size_t used = 0;
          const long long v = std::stoll(text, &used);
          if (used != text.size() || v < least) return why;
        } catch (const std::exception&) {
          return why;
        }
        return {};
      },
      fmt::format("INT>={}", least));
}

// A finite number of at least 0 (NaN and infinity refused).
inline CLI::Validator finite_non_negative() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const std::string why = "must be a number >= 0, got " + text;
        try {
          std::size_t used = 0;
          const double v = std::stod(text, &used);
          if (used != text.size() || !std::isfinite(v) || v < 0.0) return why;
        } catch (const std::exception&) {
          return why;
        }
        return {};
      },
      "NUMBER>=0");
}

}  // namespace rt::app
