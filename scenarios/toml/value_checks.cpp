#include "scenarios/toml/value_checks.hpp"

#include <string>

#include "scenarios/model/fan_laws.hpp"
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

double fan_speed_pct(const TomlTable& t, std::string_view key, double pct, bool off_allowed) {
  if (off_allowed && pct == 0.0) return pct;
  if (!(pct >= kMinFanSpeedPct && pct <= 100.0))
    t.fail(key, std::string("must be ") + (off_allowed ? "0 (off) or " : "") + "in " +
                    number_text(kMinFanSpeedPct) + "..100 %, got " + number_text(pct) +
                    " (slower, no fan turns)");
  return pct;
}

}  // namespace rt
