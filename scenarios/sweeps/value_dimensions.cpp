// The dimensions that set values: [set] key paths, [[variant]] lists of them,
// every card's power limit, every case fan's speed.

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "scenarios/sweeps/dimension.hpp"
#include "scenarios/toml/key_path.hpp"
#include "scenarios/toml/toml_table.hpp"

namespace rt::sweeps {

using toml_text::line_of;
using toml_text::number_text;
using toml_text::type_phrase;

// [set] "key.path" = [values]: one dimension per key, applied first.
void read_set(const SweepReader& r, const toml::node& node, std::vector<Dimension>* dims) {
  const toml::node* n = &node;
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
    dims->push_back(std::move(d));
  }
}

// [[variant]]: an explicit list, one dimension whose values are sets of
// key-path overrides.
Dimension read_variants(const SweepReader& r, const toml::node& node) {
  const toml::node* n = &node;
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
  return d;
}

// gpu_power_W = [...]: every card's power limit.
Dimension read_gpu_power(const SweepReader& r, const toml::node& node) {
  const toml::node* n = &node;
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
  return d;
}

// fan_speed_pct = [...]: every [[fan]]'s speed.
Dimension read_fan_speeds(const SweepReader& r, const toml::node& node) {
  const toml::node* n = &node;
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
  return d;
}

}  // namespace rt::sweeps
