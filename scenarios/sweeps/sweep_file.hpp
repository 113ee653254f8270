#pragma once
// Sweep files (issue 7): a base scenario and the variables to vary over it.
// Reading one expands every combination into a fully resolved scenario text
// (the base with the changes applied), checks each with the scenario
// readers (parse_build_scenario's layout checks for builds), skips the
// impossible ones with their reason and drops duplicates (identical resolved
// text, e.g. two identical cards swapped). Keys: docs/sweeps.md.
//
// Errors are ScenarioError (FILE:LINE: key 'set.gpu[3].power_W': ...), as
// for scenarios.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rt {

constexpr int kDefaultMaxVariants = 256;

// One variable of the sweep and the short labels of its values (the parts
// of the variant names).
struct SweepDimension {
  std::string key;  // "gpu_permutation", "fan_set", "gpu_power_W", "set.gpu[1].power_W", "variant"
  std::vector<std::string> labels;
  int line = 0;
};

// A card of a build variant, in slot order.
struct SweepCard {
  int base_index = 0;  // 1-based: the base file's gpu[base_index]
  std::string model;
  int slot = 0;
};

struct SweepVariant {
  std::string name;                  // e.g. "s1.titan-s3.ti_pw280"
  std::vector<std::string> choices;  // one label per dimension
  std::string text;                  // the resolved scenario (no header comment)
  std::vector<SweepCard> cards;      // build scenarios only
};

struct SkippedVariant {
  std::string name;
  std::vector<std::string> choices;
  std::string reason;      // "impossible layout: ...", or "duplicate of NAME"
  bool duplicate = false;  // identical resolved text to an earlier variant
};

struct Sweep {
  std::string file;
  std::string base_path;  // as resolved (relative to the sweep file's folder)
  bool build = false;     // the base is a build scenario
  int max_variants = kDefaultMaxVariants;
  std::vector<SweepDimension> dimensions;
  std::vector<SweepVariant> variants;
  std::vector<SkippedVariant> skipped;
  long combinations = 0;  // product of the dimension sizes
};

// Reads sweep text; source_name is used in messages and its folder resolves
// `base`. max_variants_override (--max-variants) replaces the file's value.
// Throws ScenarioError, also for zero variants and for more combinations
// than max_variants.
Sweep parse_sweep(std::string_view text, const std::string& source_name,
                  std::optional<int> max_variants_override = std::nullopt);
Sweep load_sweep(const std::string& path, std::optional<int> max_variants_override = std::nullopt);

// True when the text is a sweep file: a top-level `base = ...` before any
// table (every sweep file has one; no scenario has a top-level `base`). A
// cheap look, as is_build_scenario, so that `check` and `run` can say "this
// is a sweep file" instead of failing on its first key.
bool is_sweep_file(std::string_view text);

// Short name of a GPU model for variant names: "titan-rtx" -> "titan",
// "rtx-2080-ti-fe" -> "2080ti", "rtx-3090-blower" -> "3090blower".
std::string short_gpu_name(const std::string& model_id);

}  // namespace rt
