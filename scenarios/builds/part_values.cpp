// The values a part's file holds, read with the library's ranges and units
// (see part_values.hpp).

#include "scenarios/builds/part_values.hpp"

#include <toml++/toml.h>

#include <algorithm>

#include "scenarios/toml/toml_text.hpp"
#include "scenarios/toml/value_checks.hpp"

namespace rt::part_values {

using toml_text::join;
using toml_text::number_text;

// Every key a part's readers ask for is required unless they test has()
// first; these add the library's ranges and units to TomlTable's getters.

double required_positive(const TomlTable& r, std::string_view key, std::string_view meaning) {
  return positive(r, key, r.required_number(key, meaning));
}
double required_non_negative(const TomlTable& r, std::string_view key, std::string_view meaning) {
  return non_negative(r, key, r.required_number(key, meaning));
}
// A share in (0, 1] (or [0, 1] with allow_zero).
double fraction(const TomlTable& r, std::string_view key, std::string_view meaning,
                bool allow_zero) {
  const double v = r.required_number(key, meaning);
  if (v > 1.0 || v < 0.0 || (!allow_zero && v == 0.0)) {
    r.fail(key, std::string("must be in ") + (allow_zero ? "[0, 1]" : "(0, 1]") + ", got " +
                    number_text(v));
  }
  return v;
}
// A positive length written in mm, returned in m.
double mm(const TomlTable& r, std::string_view key, std::string_view meaning) {
  return required_positive(r, key, meaning) * kMm;
}
// A temperature written in °C, returned in K.
double temperature_K(const TomlTable& r, std::string_view key, std::string_view meaning) {
  return kelvin_from_celsius(r, key, r.required_number(key, meaning));
}
int positive_integer(const TomlTable& r, std::string_view key, std::string_view meaning) {
  const long long n = r.required_integer(key, meaning);
  if (n < 1 || n > 100000) r.fail(key, "must be a positive integer, got " + std::to_string(n));
  return static_cast<int>(n);
}
// Ids, names and sources: an empty one is a mistake, not a default.
std::string non_empty_string(const TomlTable& r, std::string_view key, std::string_view meaning) {
  std::string v = r.required_string(key, meaning);
  if (v.empty()) r.fail(key, "must not be empty");
  return v;
}
std::string optional_string(const TomlTable& r, std::string_view key) {
  if (!r.has(key)) return {};
  return non_empty_string(r, key, "");
}
// One of `options`; returns its index.
std::size_t choice(const TomlTable& r, std::string_view key,
                   const std::vector<std::string>& options, std::string_view meaning) {
  const std::string v = non_empty_string(r, key, meaning);
  const auto it = std::find(options.begin(), options.end(), v);
  if (it == options.end()) {
    r.fail(key, "unknown value \"" + v + "\"; expected one of: " + join(options, ", "));
  }
  return static_cast<std::size_t>(it - options.begin());
}
// Lists (curves, mounts): an empty one describes nothing.
std::vector<double> numbers(const TomlTable& r, std::string_view key, std::string_view meaning) {
  std::vector<double> v = r.required_numbers(key, meaning);
  if (v.empty()) r.fail(key, "must not be empty");
  return v;
}
std::vector<std::string> strings(const TomlTable& r, std::string_view key,
                                 std::string_view meaning) {
  std::vector<std::string> v = r.required_strings(key, meaning);
  if (v.empty()) r.fail(key, "must not be empty");
  return v;
}
// [x, y, z] in mm, returned in m.
Vec3 point_mm(const TomlTable& r, std::string_view key, std::string_view meaning) {
  const std::vector<double> v = numbers(r, key, meaning);
  if (v.size() != 3) {
    r.fail(key,
           "expected [x, y, z] in mm (3 numbers), got " + std::to_string(v.size()) + " entries");
  }
  return {v[0] * kMm, v[1] * kMm, v[2] * kMm};
}
// "+x", "-y", ... as a unit vector.
Vec3 direction(const TomlTable& r, std::string_view key, std::string_view meaning) {
  const std::vector<std::string> names = {"+x", "-x", "+y", "-y", "+z", "-z"};
  const std::size_t i = choice(r, key, names, meaning);
  Vec3 v{0, 0, 0};
  v[i / 2] = (i % 2 == 0) ? 1.0 : -1.0;
  return v;
}

// Two arrays of the same length: fails at the second key.
void check_same_length(const TomlTable& r, std::string_view first, std::size_t first_size,
                       std::string_view second, std::size_t second_size) {
  if (first_size != second_size) {
    r.fail(second, "needs one entry per entry of " + std::string(first) + " (" +
                       std::to_string(first_size) + "), got " + std::to_string(second_size));
  }
}

FanCurve read_fan_curve(const TomlTable& r, std::string_view flow_key,
                        std::string_view pressure_key) {
  const std::vector<double> q = numbers(r, flow_key, "flow points of the P–Q curve, m³/s");
  const std::vector<double> p = numbers(r, pressure_key, "pressure points of the P–Q curve, Pa");
  check_same_length(r, flow_key, q.size(), pressure_key, p.size());
  if (q.size() < 2) r.fail(flow_key, "needs at least 2 points");
  if (q.front() != 0.0) {
    r.fail(flow_key, "must start at 0 (the shut-off point), got " + number_text(q.front()));
  }
  for (std::size_t i = 1; i < q.size(); ++i) {
    if (!(q[i] > q[i - 1])) {
      r.fail(flow_key, "must increase strictly; entry " + std::to_string(i + 1) + " (" +
                           number_text(q[i]) + ") is not above entry " + std::to_string(i) + " (" +
                           number_text(q[i - 1]) + ")");
    }
  }
  if (p.back() != 0.0) {
    r.fail(pressure_key, "must end at 0 (the free-delivery point), got " + number_text(p.back()));
  }
  for (std::size_t i = 1; i < p.size(); ++i) {
    if (!(p[i] < p[i - 1])) {
      r.fail(pressure_key, "must decrease strictly with flow; entry " + std::to_string(i + 1) +
                               " (" + number_text(p[i]) + ") is not below entry " +
                               std::to_string(i) + " (" + number_text(p[i - 1]) + ")");
    }
  }
  return FanCurve(q, p);
}

std::vector<std::string_view> with_common(std::vector<std::string_view> keys) {
  keys.insert(keys.begin(), kCommonKeys.begin(), kCommonKeys.end());
  return keys;
}

namespace {

// True when a dotted key path names something in the table.
bool path_exists(const toml::table& table, std::string_view path) {
  const toml::table* t = &table;
  while (true) {
    const std::size_t dot = path.find('.');
    const std::string_view head = path.substr(0, dot);
    const toml::node* n = t->get(head);
    if (!n) return false;
    if (dot == std::string_view::npos) return true;
    t = n->as_table();
    if (!t) return false;
    path = path.substr(dot + 1);
  }
}

}  // namespace

PartInfo read_info(const TomlTable& r, const std::string& family, const std::string& id) {
  PartInfo info;
  info.family = family;
  info.id = id;
  info.file = r.file();
  info.line = r.line();
  info.name = non_empty_string(r, "name", "display name");
  info.source =
      non_empty_string(r, "source", "where the numbers come from: spec page, data sheet, review");
  info.note = optional_string(r, "note");
  if (r.has("estimated")) {
    const toml::node& n = *r.find("estimated");
    if (const toml::array* a = n.as_array(); a && a->empty()) {
      info.estimated.clear();
    } else {
      info.estimated = strings(r, "estimated", "keys whose values are estimated");
    }
    for (const std::string& key : info.estimated) {
      if (std::find(kCommonKeys.begin(), kCommonKeys.end(), key) != kCommonKeys.end() ||
          !path_exists(r.table(), key)) {
        r.fail("estimated", "lists '" + key + "', which is not a data key of this part");
      }
    }
  }
  return info;
}

}  // namespace rt::part_values
