// [gpu_permutation]: every placement of the base's cards on the listed
// slots, labelled by the cards in slot order.

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

}  // namespace

// [gpu_permutation]: every placement of the base's cards (or the listed
// ones) on the listed slots. Applied last; entries end up in slot order.
Dimension read_gpu_permutation(const SweepReader& r, const toml::node& node, const Sweep& sweep,
                               const toml::table& base_table) {
  const toml::node* n = &node;
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
  TomlTable(*t, "gpu_permutation", r.file()).check_keys({"slots", "gpus"});
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
  return d;
}

}  // namespace rt::sweeps
