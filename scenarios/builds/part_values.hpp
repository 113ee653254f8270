#pragma once
// The values a part's file holds, read with the library's ranges and units:
// every key a part's reader asks for is required unless it tests has()
// first; lengths are written in mm and returned in m, temperatures in °C
// and returned in K. Shared by parts_library.cpp and the families kept in
// their own files (motherboard_model.cpp); every problem is a ScenarioError
// naming FILE:LINE and the key, through TomlTable.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/builds/parts_library.hpp"
#include "scenarios/toml/toml_table.hpp"

namespace rt::part_values {

constexpr double kMm = 1e-3;
// Lines every part starts with: name, source, estimated, note.
inline const std::vector<std::string_view> kCommonKeys = {"name", "source", "estimated", "note"};

double required_positive(const TomlTable& r, std::string_view key, std::string_view meaning);
double required_non_negative(const TomlTable& r, std::string_view key, std::string_view meaning);
// A share in (0, 1] (or [0, 1] with allow_zero).
double fraction(const TomlTable& r, std::string_view key, std::string_view meaning,
                bool allow_zero = false);
double mm(const TomlTable& r, std::string_view key, std::string_view meaning);
double temperature_K(const TomlTable& r, std::string_view key, std::string_view meaning);
int positive_integer(const TomlTable& r, std::string_view key, std::string_view meaning);
// Ids, names and sources: an empty one is a mistake, not a default.
std::string non_empty_string(const TomlTable& r, std::string_view key, std::string_view meaning);
std::string optional_string(const TomlTable& r, std::string_view key);
// One of `options`; returns its index.
std::size_t choice(const TomlTable& r, std::string_view key,
                   const std::vector<std::string>& options, std::string_view meaning);
// Lists (curves, mounts): an empty one describes nothing.
std::vector<double> numbers(const TomlTable& r, std::string_view key, std::string_view meaning);
std::vector<std::string> strings(const TomlTable& r, std::string_view key,
                                 std::string_view meaning);
// [x, y, z] in mm, returned in m.
Vec3 point_mm(const TomlTable& r, std::string_view key, std::string_view meaning);
// "+x", "-y", ... as a unit vector.
Vec3 direction(const TomlTable& r, std::string_view key, std::string_view meaning);
// Two arrays of the same length: fails at the second key.
void check_same_length(const TomlTable& r, std::string_view first, std::size_t first_size,
                       std::string_view second, std::size_t second_size);
FanCurve read_fan_curve(const TomlTable& r, std::string_view flow_key,
                        std::string_view pressure_key);
// The family's keys with the ones every part has: name, source, estimated, note.
std::vector<std::string_view> with_common(std::vector<std::string_view> keys);
// name, source, note and the estimated list (each entry must name a key of the part).
PartInfo read_info(const TomlTable& r, const std::string& family, const std::string& id);

}  // namespace rt::part_values
