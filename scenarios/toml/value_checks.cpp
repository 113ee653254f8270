#include "scenarios/toml/value_checks.hpp"

#include "scenarios/model/model.hpp"
#include "scenarios/toml/toml_text.hpp"

namespace rt {

using toml_text::number_text;

double positive(const TomlTable& t, std::string_view key, double v) {
  if (!(v > 0.0)) t.fail(key, "must be > 0, got " + number_text(v));
  return v;
}

double non_negative(const TomlTable& t, std::string_view key, double v) {
  if (v < 0.0) t.fail(key, "must be >= 0, got " + number_text(v));
  return v;
}

double kelvin_from_celsius(const TomlTable& t, std::string_view key, double T_C) {
  if (!(T_C > -kCelsiusToKelvin)) {
    t.fail(key, "temperature in °C must be above absolute zero (-273.15), got " + number_text(T_C));
  }
  return T_C + kCelsiusToKelvin;
}

}  // namespace rt
