#pragma once
// The dimensions of a sweep (docs/sweeps.md): each kind of key of a sweep
// file read into the changes it makes to a copy of the base's TOML table,
// one file per kind. Private to scenarios/sweeps/; sweep_file.cpp takes
// their product.

#include <toml++/toml.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "scenarios/model/scenario_error.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "scenarios/toml/key_path.hpp"
#include "scenarios/toml/toml_text.hpp"

namespace rt::sweeps {

// A scalar value to set at a key path.
struct Scalar {
  std::unique_ptr<toml::node> node;  // a copy of the sweep file's value
  std::string label;                 // as written in names: "280", "true", "quiet"
};

// One component of a key path: `gpu[2]` is {"gpu", 2}, `power_W` is {"power_W", 0}.
using PathPart = KeyPathPart;

// One way of changing the base: applied to a copy of the base's table.
// Returns an empty string, or why this change cannot be made to this base.
struct Change {
  std::string label;
  std::function<std::string(toml::table&)> apply;
};

struct Dimension {
  SweepDimension info;
  std::vector<Change> changes;
  int order = 0;  // application order: overrides first, the permutation last
};

// What names may hold: letters, digits, '-' and '.'.
std::string sanitize(const std::string& s);
// A value as it reads in a variant's name: "280", "on", "quiet".
std::string scalar_label(const toml::node& n);
bool is_scalar(const toml::node& n);
std::unique_ptr<toml::node> clone(const toml::node& n);
toml::array* gpu_array(toml::table& t);
std::string gpu_model(const toml::table& g);
// Label for a key path's value: "gpu[1].power_W" = 280 -> "gpu1-power280".
// A string value (a part id) reads best after its owner: "case.model" =
// "fractal-meshify-c" -> "case-fractal-meshify-c", "gpu[2].model" -> "gpu2-titan-rtx".
std::string path_label(const std::vector<PathPart>& path, const std::string& value, bool is_string);

// Reads the sweep file's keys: messages at FILE:LINE: key '...'.
class SweepReader {
 public:
  SweepReader(std::string file, const toml::table& root) : file_(std::move(file)), root_(root) {}

  [[noreturn]] void fail(int line, const std::string& key, const std::string& problem) const {
    throw ScenarioError(file_, line, key, problem);
  }

  const std::string& file() const { return file_; }

  // A key path of the sweep file, or a failure at `line`.
  std::vector<PathPart> parse_path(const std::string& path, int line, const std::string& key) const;

  // The values of a variable: a non-empty array of scalars (a single scalar
  // is one value).
  std::vector<Scalar> values(const toml::node& n, const std::string& key, bool numbers_only) const;

 private:
  std::string file_;
  const toml::table& root_;
};

// One dimension per key of [set] "key.path" = [values] (value_dimensions.cpp).
void read_set(const SweepReader& r, const toml::node& node, std::vector<Dimension>* dims);
// [[variant]] (value_dimensions.cpp).
Dimension read_variants(const SweepReader& r, const toml::node& node);
// gpu_power_W = [...] (value_dimensions.cpp).
Dimension read_gpu_power(const SweepReader& r, const toml::node& node);
// fan_speed_pct = [...] (value_dimensions.cpp).
Dimension read_fan_speeds(const SweepReader& r, const toml::node& node);
// [[fan_set]] (fan_set_dimension.cpp).
Dimension read_fan_sets(const SweepReader& r, const toml::node& node);
// [gpu_permutation] (gpu_permutation_dimension.cpp).
Dimension read_gpu_permutation(const SweepReader& r, const toml::node& node, const Sweep& sweep,
                               const toml::table& base_table);

}  // namespace rt::sweeps
