#include "scenarios/sweep_file.hpp"

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

#include "scenarios/build_scenario.hpp"
#include "scenarios/input_file.hpp"
#include "scenarios/parts_library.hpp"
#include "scenarios/scenario_file.hpp"
#include "scenarios/toml/key_path.hpp"
#include "scenarios/toml/parse_toml.hpp"
#include "scenarios/toml/toml_lines.hpp"
#include "scenarios/toml/toml_table.hpp"
#include "scenarios/toml/toml_text.hpp"

namespace rt {
namespace {

namespace fs = std::filesystem;
using toml_text::line_of;
using toml_text::number_text;
using toml_text::type_phrase;

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

std::string sanitize(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') out += c;
  }
  return out;
}

std::string scalar_label(const toml::node& n) {
  if (const auto* v = n.as_integer()) return std::to_string(v->get());
  if (const auto* v = n.as_floating_point()) return number_text(v->get());
  if (const auto* v = n.as_boolean()) return v->get() ? "on" : "off";
  if (const auto* v = n.as_string()) return v->get();
  return "?";
}

bool is_scalar(const toml::node& n) {
  return n.is_integer() || n.is_floating_point() || n.is_boolean() || n.is_string();
}

std::unique_ptr<toml::node> clone(const toml::node& n) {
  std::unique_ptr<toml::node> out;
  n.visit([&](const auto& v) {
    using T = std::decay_t<decltype(v)>;
    out = std::make_unique<T>(v);
  });
  return out;
}

class Reader {
 public:
  Reader(std::string file, const toml::table& root) : file_(std::move(file)), root_(root) {}

  [[noreturn]] void fail(int line, const std::string& key, const std::string& problem) const {
    throw ScenarioError(file_, line, key, problem);
  }

  const std::string& file() const { return file_; }

  std::vector<PathPart> parse_path(const std::string& path, int line,
                                   const std::string& key) const {
    std::string why;
    std::vector<PathPart> parts = parse_key_path(path, &why);
    if (parts.empty()) fail(line, key, why);
    return parts;
  }

  // The values of a variable: a non-empty array of scalars (a single scalar
  // is one value).
  std::vector<Scalar> values(const toml::node& n, const std::string& key, bool numbers_only) const {
    std::vector<Scalar> out;
    const auto add = [&](const toml::node& v) {
      if (!is_scalar(v) || (numbers_only && !v.is_number()))
        fail(line_of(v), key,
             std::string("expected ") +
                 (numbers_only ? "numbers" : "numbers, strings or booleans") + ", got " +
                 type_phrase(v));
      out.push_back({clone(v), scalar_label(v)});
    };
    if (const toml::array* a = n.as_array()) {
      if (a->empty())
        fail(line_of(n), key, "an empty list gives no variants; list at least one value");
      for (const toml::node& v : *a) add(v);
    } else {
      add(n);
    }
    return out;
  }

 private:
  std::string file_;
  const toml::table& root_;
};

toml::array* gpu_array(toml::table& t) { return t.get_as<toml::array>("gpu"); }

// Label for a key path's value: "gpu[1].power_W" = 280 -> "gpu1-power280".
// A string value (a part id) reads best after its owner: "case.model" =
// "fractal-meshify-c" -> "case-fractal-meshify-c", "gpu[2].model" -> "gpu2-titan-rtx".
std::string path_label(const std::vector<PathPart>& path, const std::string& value,
                       bool is_string) {
  if (is_string) {
    const PathPart& owner = path.size() >= 2 ? path[path.size() - 2] : path.back();
    return sanitize(owner.key + (owner.index > 0 ? std::to_string(owner.index) : "") + "-" + value);
  }
  static const char* units[] = {"_W", "_pct", "_C", "_mm", "_m", "_s", "_K", "_m3_s", "_Pa"};
  std::string key = path.back().key;
  for (const char* u : units) {
    const std::string suffix(u);
    if (key.size() > suffix.size() &&
        key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0) {
      key.resize(key.size() - suffix.size());
      break;
    }
  }
  key.erase(std::remove(key.begin(), key.end(), '_'), key.end());
  std::string owner;
  if (path.size() >= 2 && path[path.size() - 2].index > 0)
    owner = path[path.size() - 2].key + std::to_string(path[path.size() - 2].index) + "-";
  else if (path.back().index > 0)
    key += std::to_string(path.back().index);
  return sanitize(owner + key + value);
}

// All ways to place n cards on the listed slots (ordered selections).
void placements(const std::vector<int>& slots, std::size_t n, std::vector<int>& cur,
                std::vector<bool>& used, std::vector<std::vector<int>>& out) {
  if (cur.size() == n) {
    out.push_back(cur);
    return;
  }
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (used[i]) continue;
    used[i] = true;
    cur.push_back(slots[i]);
    placements(slots, n, cur, used, out);
    cur.pop_back();
    used[i] = false;
  }
}

std::string gpu_model(const toml::table& g) { return g["model"].value_or(std::string("?")); }

// The fan set's changes to [[fan]]: remove mounts, add tables, set speed.
struct FanSet {
  std::string name;
  std::vector<std::string> remove;
  std::vector<std::shared_ptr<toml::table>> add;
  bool none = false;  // remove every [[fan]]
};

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
  Reader r(source_name, root);
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
  const toml::table base_table = parse_toml(base_text, sweep.base_path);
  // The base itself must be valid: its errors are the user's to fix first.
  std::optional<PartsLibrary> library;
  if (sweep.build) {
    library = PartsLibrary::load_default();
    parse_build_scenario(base_text, sweep.base_path, *library);
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

  // [set] "key.path" = [values]: one dimension per key, applied first.
  if (const toml::node* n = root.get("set")) {
    const toml::table* t = n->as_table();
    if (t == nullptr) r.fail(line_of(*n), "set", "expected a table of \"key.path\" = [values]");
    for (const auto& [k, v] : *t) {
      const std::string key = "set." + std::string(k.str());
      const std::vector<PathPart> path = r.parse_path(std::string(k.str()), line_of(v), key);
      Dimension d;
      d.info.key = key;
      d.info.line = line_of(v);
      d.order = 0;
      for (Scalar& s : r.values(v, key, false)) {
        std::shared_ptr<toml::node> value(std::move(s.node));
        const std::string label = path_label(path, s.label, value->is_string());
        d.info.labels.push_back(label);
        d.changes.push_back({label, [path, value, key](toml::table& t) {
                               const std::string why = set_key_path(t, path, *value);
                               return why.empty() ? why : key + ": " + why;
                             }});
      }
      dims.push_back(std::move(d));
    }
  }

  // [[variant]]: an explicit list, one dimension whose values are sets of
  // key-path overrides.
  if (const toml::node* n = root.get("variant")) {
    const toml::array* a = n->as_array();
    if (a == nullptr || a->empty())
      r.fail(line_of(*n), "variant",
             "expected [[variant]] tables, each with key paths and values (and an optional name)");
    Dimension d;
    d.info.key = "variant";
    d.info.line = line_of(*n);
    d.order = 0;
    int i = 0;
    std::set<std::string> names;
    for (const toml::node& e : *a) {
      ++i;
      const std::string key = "variant[" + std::to_string(i) + "]";
      const toml::table* t = e.as_table();
      if (t == nullptr) r.fail(line_of(e), key, "expected a table, got " + type_phrase(e));
      std::string label = "v" + std::to_string(i);
      std::vector<std::pair<std::vector<PathPart>, std::shared_ptr<toml::node>>> sets;
      for (const auto& [k, v] : *t) {
        if (k.str() == "name") {
          if (!v.is_string() || sanitize(v.value_or(std::string())).empty())
            r.fail(line_of(v), key + ".name", "expected a short name (letters, digits, '-', '.')");
          label = sanitize(v.value_or(std::string()));
          continue;
        }
        const std::string pkey = key + "." + std::string(k.str());
        if (!is_scalar(v))
          r.fail(line_of(v), pkey,
                 "expected one number, string or boolean (a [[variant]] is one combination; use "
                 "[set] for lists)");
        sets.emplace_back(r.parse_path(std::string(k.str()), line_of(v), pkey),
                          std::shared_ptr<toml::node>(clone(v)));
      }
      if (!names.insert(label).second)
        r.fail(line_of(e), key + ".name", "'" + label + "' names an earlier [[variant]] too");
      d.info.labels.push_back(label);
      d.changes.push_back({label, [sets, key](toml::table& t) {
                             for (const auto& [path, value] : sets) {
                               const std::string why = set_key_path(t, path, *value);
                               if (!why.empty()) return key + ": " + why;
                             }
                             return std::string();
                           }});
    }
    dims.push_back(std::move(d));
  }

  // gpu_power_W = [...]: every card's power limit.
  if (const toml::node* n = root.get("gpu_power_W")) {
    Dimension d;
    d.info.key = "gpu_power_W";
    d.info.line = line_of(*n);
    d.order = 1;
    for (Scalar& s : r.values(*n, "gpu_power_W", true)) {
      std::shared_ptr<toml::node> value(std::move(s.node));
      const std::string label = "pw" + sanitize(s.label);
      d.info.labels.push_back(label);
      d.changes.push_back({label, [value](toml::table& t) {
                             toml::array* g = gpu_array(t);
                             if (g == nullptr || g->empty())
                               return std::string("gpu_power_W: the base has no [[gpu]]");
                             for (toml::node& e : *g)
                               if (toml::table* gt = e.as_table())
                                 value->visit(
                                     [&](const auto& v) { gt->insert_or_assign("power_W", v); });
                             return std::string();
                           }});
    }
    dims.push_back(std::move(d));
  }

  // [[fan_set]]: alternative sets of case fans.
  if (const toml::node* n = root.get("fan_set")) {
    const toml::array* a = n->as_array();
    if (a == nullptr || a->empty())
      r.fail(line_of(*n), "fan_set", "expected [[fan_set]] tables with name, add, remove or none");
    Dimension d;
    d.info.key = "fan_set";
    d.info.line = line_of(*n);
    d.order = 2;
    int i = 0;
    std::set<std::string> names;
    for (const toml::node& e : *a) {
      ++i;
      const std::string key = "fan_set[" + std::to_string(i) + "]";
      const toml::table* t = e.as_table();
      if (t == nullptr) r.fail(line_of(e), key, "expected a table, got " + type_phrase(e));
      TomlTable(*t, key, source_name).check_keys({"name", "add", "remove", "none"});
      FanSet fs;
      for (const auto& [k, v] : *t) {
        const std::string kk = key + "." + std::string(k.str());
        if (k.str() == "name") {
          fs.name = sanitize(v.value_or(std::string()));
          if (!v.is_string() || fs.name.empty())
            r.fail(line_of(v), kk, "expected a short name (letters, digits, '-', '.')");
        } else if (k.str() == "none") {
          if (!v.is_boolean()) r.fail(line_of(v), kk, "expected true or false");
          fs.none = v.value_or(false);
        } else if (k.str() == "remove") {
          const toml::array* ra = v.as_array();
          if (ra == nullptr)
            r.fail(line_of(v), kk, "expected a list of fan mounts, e.g. [\"top-1\"]");
          for (const toml::node& m : *ra) {
            if (!m.is_string()) r.fail(line_of(m), kk, "expected mount names (strings)");
            fs.remove.push_back(m.value_or(std::string()));
          }
        } else if (k.str() == "add") {
          const toml::array* aa = v.as_array();
          if (aa == nullptr)
            r.fail(line_of(v), kk,
                   "expected a list of [[fan]] tables, e.g. [{ mount = \"front-3\" }]");
          for (const toml::node& f : *aa) {
            const toml::table* ft = f.as_table();
            if (ft == nullptr || !ft->get("mount"))
              r.fail(line_of(f), kk, "expected [[fan]] tables with at least a mount");
            auto copy = std::make_shared<toml::table>(*ft);
            copy->is_inline(false);
            fs.add.push_back(copy);
          }
        }
      }
      if (fs.name.empty())
        r.fail(line_of(e), key + ".name", "missing; each [[fan_set]] needs a name");
      if (!names.insert(fs.name).second)
        r.fail(line_of(e), key + ".name", "'" + fs.name + "' names an earlier [[fan_set]] too");
      const std::string label = "fans-" + fs.name;
      d.info.labels.push_back(label);
      d.changes.push_back({label, [fs, key](toml::table& t) {
                             toml::array fans;
                             if (const toml::array* old = t.get_as<toml::array>("fan")) {
                               for (const toml::node& f : *old) {
                                 const toml::table* ft = f.as_table();
                                 if (fs.none || ft == nullptr) continue;
                                 const std::string mount = (*ft)["mount"].value_or(std::string());
                                 if (std::find(fs.remove.begin(), fs.remove.end(), mount) !=
                                     fs.remove.end())
                                   continue;
                                 fans.push_back(*ft);
                               }
                             }
                             for (const std::string& m : fs.remove) {
                               bool found = false;
                               if (const toml::array* old = t.get_as<toml::array>("fan"))
                                 for (const toml::node& f : *old)
                                   if (const toml::table* ft = f.as_table())
                                     found |= (*ft)["mount"].value_or(std::string()) == m;
                               if (!found)
                                 return key + ".remove: the base has no [[fan]] on mount '" + m +
                                        "' (a base without [[fan]] uses the case's stock fans: "
                                        "list them as [[fan]] to remove one)";
                             }
                             for (const auto& f : fs.add) fans.push_back(*f);
                             t.erase("fan");
                             if (!fans.empty()) t.insert_or_assign("fan", std::move(fans));
                             return std::string();
                           }});
    }
    dims.push_back(std::move(d));
  }

  // fan_speed_pct = [...]: every [[fan]]'s speed.
  if (const toml::node* n = root.get("fan_speed_pct")) {
    Dimension d;
    d.info.key = "fan_speed_pct";
    d.info.line = line_of(*n);
    d.order = 3;
    for (Scalar& s : r.values(*n, "fan_speed_pct", true)) {
      std::shared_ptr<toml::node> value(std::move(s.node));
      const std::string label = "fan" + sanitize(s.label);
      d.info.labels.push_back(label);
      d.changes.push_back({label, [value](toml::table& t) {
                             toml::array* f = t.get_as<toml::array>("fan");
                             if (f == nullptr || f->empty())
                               return std::string(
                                   "fan_speed_pct: no [[fan]] to set the speed of (a base "
                                   "without [[fan]] uses the case's stock fans: list them as "
                                   "[[fan]])");
                             for (toml::node& e : *f)
                               if (toml::table* ft = e.as_table())
                                 value->visit(
                                     [&](const auto& v) { ft->insert_or_assign("speed_pct", v); });
                             return std::string();
                           }});
    }
    dims.push_back(std::move(d));
  }

  // [gpu_permutation]: every placement of the base's cards (or the listed
  // ones) on the listed slots. Applied last; entries end up in slot order.
  if (const toml::node* n = root.get("gpu_permutation")) {
    const toml::table* t = n->as_table();
    if (t == nullptr)
      r.fail(line_of(*n), "gpu_permutation",
             "expected a table with slots = [...] (and gpus = [...])");
    if (!sweep.build)
      r.fail(line_of(*n), "gpu_permutation",
             "the base " + sweep.base_path + " is not a build scenario (no [[gpu]])");
    std::vector<int> slots, gpus;
    const auto ints = [&](const char* k, std::vector<int>& out) {
      const toml::node* v = t->get(k);
      if (v == nullptr) return;
      const toml::array* a = v->as_array();
      const std::string key = std::string("gpu_permutation.") + k;
      if (a == nullptr || a->empty()) r.fail(line_of(*v), key, "expected a list of integers");
      for (const toml::node& e : *a) {
        if (!e.is_integer() || e.value_or(0) < 1)
          r.fail(line_of(e), key, "expected integers >= 1, got " + type_phrase(e));
        const int x = static_cast<int>(e.value_or(0));
        if (std::find(out.begin(), out.end(), x) != out.end())
          r.fail(line_of(e), key, std::to_string(x) + " is listed twice");
        out.push_back(x);
      }
    };
    TomlTable(*t, "gpu_permutation", source_name).check_keys({"slots", "gpus"});
    ints("slots", slots);
    ints("gpus", gpus);
    if (slots.empty())
      r.fail(line_of(*n), "gpu_permutation.slots", "missing; list the slots to place the cards on");
    const toml::array* base_gpus = base_table.get_as<toml::array>("gpu");
    const int ngpu = base_gpus ? static_cast<int>(base_gpus->size()) : 0;
    if (gpus.empty())
      for (int g = 1; g <= ngpu; ++g) gpus.push_back(g);
    for (int g : gpus)
      if (g > ngpu)
        r.fail(line_of(*t->get("gpus")), "gpu_permutation.gpus",
               "the base has " + std::to_string(ngpu) + " [[gpu]], so there is no gpu " +
                   std::to_string(g));
    if (gpus.size() > slots.size())
      r.fail(line_of(*n), "gpu_permutation.slots",
             std::to_string(gpus.size()) + " cards cannot go on " + std::to_string(slots.size()) +
                 " slots; list at least as many slots as cards");
    std::vector<std::vector<int>> all;
    std::vector<int> cur;
    std::vector<bool> used(slots.size(), false);
    placements(slots, gpus.size(), cur, used, all);
    Dimension d;
    d.info.key = "gpu_permutation";
    d.info.line = line_of(*n);
    d.order = 4;
    for (const std::vector<int>& place : all) {
      // Label: the cards in slot order, "s1.titan-s3.ti" (every card,
      // including those not permuted).
      std::vector<std::pair<int, std::string>> bys;
      for (int g = 1; g <= ngpu; ++g) {
        const toml::table* gt = (*base_gpus)[static_cast<std::size_t>(g - 1)].as_table();
        if (gt == nullptr) continue;
        const auto it = std::find(gpus.begin(), gpus.end(), g);
        const int slot = it != gpus.end() ? place[static_cast<std::size_t>(it - gpus.begin())]
                                          : static_cast<int>((*gt)["slot"].value_or(0));
        bys.emplace_back(slot, short_gpu_name(gpu_model(*gt)));
      }
      std::sort(bys.begin(), bys.end());
      std::string label;
      for (const auto& [s, m] : bys)
        label += (label.empty() ? "s" : "-s") + std::to_string(s) + "." + m;
      d.info.labels.push_back(label);
      d.changes.push_back({label, [gpus, place](toml::table& t) {
                             toml::array* a = gpu_array(t);
                             for (std::size_t i = 0; i < gpus.size(); ++i)
                               if (toml::table* gt =
                                       (*a)[static_cast<std::size_t>(gpus[i] - 1)].as_table())
                                 gt->insert_or_assign("slot", static_cast<std::int64_t>(place[i]));
                             return std::string();
                           }});
    }
    dims.push_back(std::move(d));
  }

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
