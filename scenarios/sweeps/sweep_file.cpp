#include "scenarios/sweeps/sweep_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/parts_library.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "scenarios/sweeps/dimension.hpp"
#include "scenarios/toml/input_file.hpp"
#include "scenarios/toml/key_path.hpp"
#include "scenarios/toml/parse_toml.hpp"
#include "scenarios/toml/toml_lines.hpp"
#include "scenarios/toml/toml_table.hpp"
#include "scenarios/toml/toml_text.hpp"

namespace rt {
namespace {

namespace fs = std::filesystem;
using namespace sweeps;  // the dimensions this file takes the product of
using toml_text::line_of;
using toml_text::type_phrase;

// A variant's scenario.toml is written into the sweep's output folder and
// read from there: the base's `[parts] path` folders, relative to the base,
// become absolute so that they still name the same folders.
void absolute_parts_paths(toml::table& root, const std::string& base_path) {
  toml::table* parts = root["parts"].as_table();
  if (!parts) return;
  const fs::path here = fs::absolute(fs::path(base_path).parent_path());
  auto absolute = [&](const std::string& p) {
    const fs::path path(p);
    return (path.is_absolute() ? path : here / path).lexically_normal().string();
  };
  if (toml::node* n = parts->get("path")) {
    if (const auto s = n->value<std::string>()) {
      parts->insert_or_assign("path", absolute(*s));
    } else if (toml::array* a = n->as_array()) {
      toml::array out;
      for (const toml::node& e : *a)
        if (const auto s = e.value<std::string>()) out.push_back(absolute(*s));
      parts->insert_or_assign("path", std::move(out));
    }
  }
}

}  // namespace

std::string short_gpu_name(const std::string& model_id) {
  static const std::set<std::string> generic = {"rtx",  "gtx",    "geforce",  "nvidia",  "fe",
                                                "amd",  "radeon", "rx",       "asus",    "msi",
                                                "evga", "zotac",  "gigabyte", "founders"};
  std::string out;
  std::size_t pos = 0;
  while (pos <= model_id.size()) {
    const std::size_t dash = model_id.find('-', pos);
    const std::string tok =
        model_id.substr(pos, dash == std::string::npos ? std::string::npos : dash - pos);
    if (!generic.count(tok)) out += tok;
    if (dash == std::string::npos) break;
    pos = dash + 1;
  }
  if (out.empty()) out = model_id;
  return sanitize(out);
}

Sweep parse_sweep(std::string_view text, const std::string& source_name,
                  std::optional<int> max_variants_override) {
  const toml::table root = parse_toml(text, source_name);
  const SweepReader r(source_name, root);
  Sweep sweep;
  sweep.file = source_name;

  TomlTable(root, "", source_name)
      .check_keys({"base", "max_variants", "gpu_permutation", "fan_set", "fan_speed_pct",
                   "gpu_power_W", "set", "variant"});

  // base
  const toml::node* base = root.get("base");
  if (base == nullptr)
    r.fail(0, "base",
           "missing; a sweep needs base = \"BUILD.toml\" (the scenario it varies, relative to "
           "the sweep file)");
  if (!base->is_string())
    r.fail(line_of(*base), "base", "expected a string, got " + type_phrase(*base));
  fs::path base_path(base->value_or(std::string()));
  if (base_path.is_relative()) base_path = fs::path(source_name).parent_path() / base_path;
  sweep.base_path = base_path.lexically_normal().string();
  std::string base_text;
  {
    std::string why;
    std::optional<std::string> text = read_input_file(sweep.base_path, &why);
    if (!text)
      r.fail(line_of(*base), "base",
             "cannot read the base scenario " + sweep.base_path + ": " + why);
    base_text = std::move(*text);
  }
  sweep.build = is_build_scenario(base_text);
  toml::table base_table = parse_toml(base_text, sweep.base_path);
  // The base itself must be valid: its errors are the user's to fix first.
  std::optional<PartsLibrary> library;
  if (sweep.build) {
    library = build_parts_library(base_text, sweep.base_path);
    parse_build_scenario(base_text, sweep.base_path, *library);
    absolute_parts_paths(base_table, sweep.base_path);
  } else {
    parse_scenario(base_text, sweep.base_path);
  }

  // max_variants
  if (const toml::node* n = root.get("max_variants")) {
    const auto v = n->value<std::int64_t>();
    if (!n->is_integer() || !v || *v < 1)
      r.fail(line_of(*n), "max_variants", "expected an integer >= 1, got " + type_phrase(*n));
    sweep.max_variants = static_cast<int>(*v);
  }
  if (max_variants_override) sweep.max_variants = *max_variants_override;

  std::vector<Dimension> dims;

  if (const toml::node* n = root.get("set")) read_set(r, *n, &dims);
  if (const toml::node* n = root.get("variant")) dims.push_back(read_variants(r, *n));
  if (const toml::node* n = root.get("gpu_power_W")) dims.push_back(read_gpu_power(r, *n));
  if (const toml::node* n = root.get("fan_set")) dims.push_back(read_fan_sets(r, *n));
  if (const toml::node* n = root.get("fan_speed_pct")) dims.push_back(read_fan_speeds(r, *n));
  if (const toml::node* n = root.get("gpu_permutation"))
    dims.push_back(read_gpu_permutation(r, *n, sweep, base_table));

  std::stable_sort(dims.begin(), dims.end(),
                   [](const Dimension& a, const Dimension& b) { return a.order < b.order; });

  // Size check before expanding anything.
  long combinations = 1;
  for (const Dimension& d : dims) {
    combinations *= static_cast<long>(d.changes.size());
    if (combinations > 100L * 1000 * 1000) break;
  }
  sweep.combinations = combinations;
  if (combinations > sweep.max_variants) {
    std::string sizes;
    for (const Dimension& d : dims)
      sizes +=
          (sizes.empty() ? "" : " x ") + std::to_string(d.changes.size()) + " (" + d.info.key + ")";
    r.fail(0, "max_variants",
           std::to_string(combinations) + " combinations (" + sizes +
               ", before impossible and duplicate layouts are removed) exceed max_variants = " +
               std::to_string(sweep.max_variants) +
               "; raise max_variants in the sweep file or pass --max-variants, or vary less");
  }
  for (const Dimension& d : dims) sweep.dimensions.push_back(d.info);

  // Expand the product (the last dimension fastest).
  std::map<std::string, std::string> seen;  // resolved text -> first variant's name
  std::set<std::string> names;
  std::vector<std::size_t> idx(dims.size(), 0);
  for (long c = 0; c < combinations; ++c) {
    std::vector<std::string> choices;
    std::string name;
    for (std::size_t k = 0; k < dims.size(); ++k) choices.push_back(dims[k].info.labels[idx[k]]);
    // Names read layout first: slots, fans, fan speed, power, then keys.
    for (const int order : {4, 2, 3, 1, 0})
      for (std::size_t k = 0; k < dims.size(); ++k)
        if (dims[k].order == order && dims[k].changes.size() > 1)
          name += (name.empty() ? "" : "_") + choices[k];
    if (name.empty()) name = "base";
    std::string unique = name;
    for (int n = 2; names.count(unique); ++n) unique = name + "-" + std::to_string(n);
    name = unique;
    names.insert(name);

    toml::table t = base_table;
    std::string why;
    for (std::size_t k = 0; k < dims.size() && why.empty(); ++k)
      why = dims[k].changes[idx[k]].apply(t);
    std::vector<SweepCard> cards;
    if (why.empty() && sweep.build) {
      // Cards in slot order: identical cards swapped give identical text.
      if (toml::array* a = gpu_array(t)) {
        std::vector<std::pair<int, int>> order;  // slot, base index
        for (std::size_t i = 0; i < a->size(); ++i)
          if (const toml::table* gt = (*a)[i].as_table())
            order.emplace_back(static_cast<int>((*gt)["slot"].value_or(0)),
                               static_cast<int>(i + 1));
        std::stable_sort(order.begin(), order.end());
        toml::array sorted;
        for (const auto& [slot, bi] : order) {
          const toml::table& gt = *(*a)[static_cast<std::size_t>(bi - 1)].as_table();
          sorted.push_back(gt);
          cards.push_back({bi, gpu_model(gt), slot});
        }
        t.insert_or_assign("gpu", std::move(sorted));
      }
    }
    std::string resolved;
    if (why.empty()) {
      std::ostringstream out;
      out << t << "\n";
      resolved = out.str();
      try {
        if (sweep.build)
          parse_build_scenario(resolved, name + "/scenario.toml", *library);
        else
          parse_scenario(resolved, name + "/scenario.toml");
      } catch (const ScenarioError& e) {
        why = (e.key.empty() ? "" : "key '" + e.key + "': ") + e.problem;
        if (sweep.build) why = "impossible layout: " + why;
      } catch (const std::exception& e) {
        why = e.what();
      }
    }
    if (!why.empty()) {
      sweep.skipped.push_back({name, choices, why, false});
    } else if (const auto it = seen.find(resolved); it != seen.end()) {
      sweep.skipped.push_back(
          {name, choices, "duplicate of " + it->second + " (identical build)", true});
    } else {
      seen.emplace(resolved, name);
      sweep.variants.push_back({name, choices, resolved, cards});
    }
    for (std::size_t k = dims.size(); k-- > 0;) {
      if (++idx[k] < dims[k].changes.size()) break;
      idx[k] = 0;
    }
  }

  if (sweep.variants.empty()) {
    std::string why;
    int shown = 0;
    for (const SkippedVariant& s : sweep.skipped) {
      if (shown++ == 5) {
        why += "\n  ...";
        break;
      }
      why += "\n  " + s.name + ": " + s.reason;
    }
    r.fail(0, "",
           "the sweep gives zero variants to run (" + std::to_string(combinations) +
               " combinations, all impossible or duplicates):" + why);
  }
  return sweep;
}

Sweep load_sweep(const std::string& path, std::optional<int> max_variants_override) {
  return parse_sweep(input_file_text(path, "sweep file"), path, max_variants_override);
}

bool is_sweep_file(std::string_view text) {
  bool found = false;
  find_compact_toml_line(text, [&found](const std::string& line) {
    if (!line.empty() && line.front() == '[') return true;  // the top level has ended
    found = line.rfind("base=", 0) == 0 || line.rfind("\"base\"=", 0) == 0;
    return found;
  });
  return found;
}

}  // namespace rt
