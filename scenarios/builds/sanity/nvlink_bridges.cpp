// An [[nvlink]] bridge: the two cards' slots must be as far apart as a
// bridge made for them (NVLink bridges come in fixed slot spacings, e.g. 3-
// and 4-slot for the GeForce RTX 20 and 30 cards), and both must have the
// connector.

#include <fmt/format.h>

#include <algorithm>

#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/sanity/build_sanity.hpp"

namespace rt {
namespace {

const BuildGpu* card_in(const BuildScenario& b, int slot) {
  for (const BuildGpu& g : b.gpus)
    if (g.slot == slot) return &g;
  return nullptr;
}

// "3- or 4-slot", "2-, 3- or 4-slot".
std::string spacings_text(const std::vector<int>& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i)
    out += (i == 0              ? ""
            : i + 1 == s.size() ? " or "
                                : ", ") +
           std::to_string(s[i]) + (i + 1 == s.size() ? "-slot" : "-");
  return out;
}

}  // namespace

std::vector<SanityCheck> nvlink_checks(const BuildScenario& b) {
  std::vector<SanityCheck> out;
  for (const BuildNvlink& n : b.nvlinks) {
    const BuildGpu* a = card_in(b, n.slot_a);
    const BuildGpu* c = card_in(b, n.slot_b);
    if (!a || !c) continue;  // the reader refuses such a bridge
    const int spacing = n.slot_b - n.slot_a;
    const std::string what = fmt::format("slots {} and {} ({}-slot spacing), {} and {}", n.slot_a,
                                         n.slot_b, spacing, a->model.info.id, c->model.info.id);
    SanityCheck check{"nvlink", SanityLevel::ok, what, ""};
    std::string unknown, none, no_fit;
    std::vector<int> common;
    bool first = true;
    for (const BuildGpu* g : {a, c}) {
      const auto& s = g->model.bridge_slot_spacings;
      if (!s) {
        unknown = g->model.info.id;
        continue;
      }
      if (s->empty()) none = g->model.info.id;
      if (first) {
        common = *s;
        first = false;
      } else {
        std::vector<int> both;
        for (int x : common)
          if (std::find(s->begin(), s->end(), x) != s->end()) both.push_back(x);
        common = both;
      }
    }
    if (!none.empty()) {
      check.level = SanityLevel::fail;
      check.text += ": " + none + " has no NVLink or SLI connector";
      check.fix = "leave the bridge out, or cards that have one";
    } else if (!unknown.empty()) {
      check.level = SanityLevel::skip;
      check.text += ": not checked, the library does not say which bridges " + unknown + " takes";
    } else if (std::find(common.begin(), common.end(), spacing) == common.end()) {
      check.level = SanityLevel::fail;
      if (common.empty()) {
        check.text += ": no bridge fits both cards";
        check.fix = "two cards of the same bridge family";
      } else {
        check.text += fmt::format(": no {}-slot bridge; bridges for these cards are {}", spacing,
                                  spacings_text(common));
        std::string slots;
        for (int x : common)
          if (n.slot_a + x <= b.board.form.slots)
            slots += (slots.empty() ? "" : " or ") + std::to_string(n.slot_a + x);
        check.fix = slots.empty() ? "a board whose slots are spaced for the bridge"
                                  : "move the second card to slot " + slots;
      }
    } else {
      check.text += fmt::format(": a {}-slot bridge", spacing);
    }
    out.push_back(std::move(check));
  }
  return out;
}

}  // namespace rt
