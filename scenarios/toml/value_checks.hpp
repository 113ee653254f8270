#pragma once
// Range checks shared by the scenario and parts-library readers, so a value
// out of range reads the same wherever it is written: "must be > 0, got -5".
// Each returns the value (converted where the name says so) or fails at the
// key's line.

#include <string_view>

#include "scenarios/toml/toml_table.hpp"

namespace rt {

double positive(const TomlTable& t, std::string_view key, double v);
double non_negative(const TomlTable& t, std::string_view key, double v);
// A temperature written in °C, returned in K; at or below absolute zero fails.
double kelvin_from_celsius(const TomlTable& t, std::string_view key, double T_C);
// A fan speed in %: kMinFanSpeedPct..100 (model/fan_laws.hpp), or 0 where a
// fan may be written off (`off_allowed`).
double fan_speed_pct(const TomlTable& t, std::string_view key, double pct, bool off_allowed);

}  // namespace rt
