// [[fan_set]]: alternative sets of case fans, each removing mounts from and
// adding [[fan]] tables to the base's.

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

namespace {

// The fan set's changes to [[fan]]: remove mounts, add tables, set speed.
struct FanSet {
  std::string name;
  std::vector<std::string> remove;
  std::vector<std::shared_ptr<toml::table>> add;
  bool none = false;  // remove every [[fan]]
};

}  // namespace

// [[fan_set]]: alternative sets of case fans.
Dimension read_fan_sets(const SweepReader& r, const toml::node& node) {
  const toml::node* n = &node;
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
    TomlTable(*t, key, r.file()).check_keys({"name", "add", "remove", "none"});
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
  return d;
}

}  // namespace rt::sweeps
