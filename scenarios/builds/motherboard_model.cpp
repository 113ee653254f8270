#include "scenarios/builds/motherboard_model.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "scenarios/builds/board_layout.hpp"
#include "scenarios/builds/part_values.hpp"
#include "scenarios/toml/toml_table.hpp"
#include "scenarios/toml/toml_text.hpp"

namespace rt {
namespace {

using namespace part_values;
using toml_text::join;

bool valid_width(long long w, bool allow_zero) {
  return (allow_zero && w == 0) || w == 1 || w == 2 || w == 4 || w == 8 || w == 16;
}

int width(const TomlTable& r, std::string_view key, std::string_view meaning, bool allow_zero) {
  const long long w = r.required_integer(key, meaning);
  if (!valid_width(w, allow_zero))
    r.fail(key, std::string("a PCIe link width: ") + (allow_zero ? "0 (disabled), " : "") +
                    "1, 2, 4, 8 or 16, got " + std::to_string(w));
  return static_cast<int>(w);
}

int generation(const TomlTable& r) {
  const long long g = r.required_integer("gen", "PCIe generation");
  if (g < 1 || g > 6) r.fail("gen", "a PCIe generation 1..6, got " + std::to_string(g));
  return static_cast<int>(g);
}

LaneSource lane_source(const TomlTable& r) {
  return choice(r, "from", {"cpu", "chipset"}, "where the lanes come from") == 0
             ? LaneSource::cpu
             : LaneSource::chipset;
}

// A key that names a slot position ("1".."7"): the position.
int slot_key(const TomlTable& r, const std::string& key, int board_slots) {
  const bool digits = !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char c) {
    return std::isdigit(c) != 0;
  });
  const int n = digits && key.size() < 3 ? std::stoi(key) : 0;
  if (n < 1 || n > board_slots)
    r.fail(key, "a slot position 1.." + std::to_string(board_slots) +
                    " (expansion-slot positions from the board's top edge)");
  return n;
}

// { position = width, ... } of slots the board has.
std::map<int, int> slot_widths(const TomlTable& r, std::string_view key, const MotherboardModel& m,
                               int board_slots) {
  const std::optional<TomlTable> t = r.table_at(key);
  if (!t) r.missing(key, "{ slot position = lanes, ... }");
  std::map<int, int> out;
  for (auto&& [k, v] : t->table()) {
    const std::string name(k.str());
    const int pos = slot_key(*t, name, board_slots);
    const PcieSlotWiring* s = m.slot_at(pos);
    if (!s)
      t->fail(name, "the board has no PCIe slot at position " + name + "; it has " + m.slot_list());
    const int w = width(*t, name, "lanes", true);
    if (w > s->lanes)
      t->fail(name, "x" + std::to_string(w) + " is wider than " + s->label + "'s x" +
                        std::to_string(s->lanes) + " wiring");
    out[pos] = w;
  }
  return out;
}

}  // namespace

const PcieSlotWiring* MotherboardModel::slot_at(int position) const {
  for (const PcieSlotWiring& s : slots)
    if (s.position == position) return &s;
  return nullptr;
}

const M2Socket* MotherboardModel::m2_socket(const std::string& name) const {
  for (const M2Socket& s : m2)
    if (s.name == name) return &s;
  return nullptr;
}

std::string MotherboardModel::slot_list(std::optional<LaneSource> from) const {
  std::vector<std::string> out;
  for (const PcieSlotWiring& s : slots)
    if (!from || s.from == *from) out.push_back(std::to_string(s.position) + " (" + s.label + ")");
  return out.empty() ? std::string("no PCIe slots") : join(out, ", ");
}

MotherboardModel read_motherboard(const TomlTable& r, const std::string& id) {
  r.check_keys(with_common(
      {"form_factor", "socket", "chipset", "dimm_slots", "pcie_slot", "lane_split", "m2"}));
  MotherboardModel m;
  m.info = read_info(r, "motherboard", id);
  const std::vector<std::string> forms = form_factor_names();
  m.form_factor = forms[choice(r, "form_factor", forms, "board form factor")];
  const int board_slots = find_form_factor(m.form_factor)->slots;
  m.socket = non_empty_string(r, "socket", "CPU socket");
  m.chipset = non_empty_string(r, "chipset", "chipset");
  m.dimm_slots = positive_integer(r, "dimm_slots", "DIMM slots");

  const std::optional<TomlTable> slots = r.table_at("pcie_slot");
  if (!slots) r.missing_table("pcie_slot", "the board's PCIe slots by position");
  for (auto& [name, t] : r.named_tables("pcie_slot")) {
    t.check_keys({"label", "mechanical", "lanes", "gen", "from"});
    PcieSlotWiring s;
    s.position = slot_key(*slots, name, board_slots);
    s.label = non_empty_string(t, "label", "the board's name for the slot");
    s.mechanical = width(t, "mechanical", "connector size (x16, x8, x4, x1)", false);
    s.lanes = width(t, "lanes", "widest electrical link", false);
    if (s.lanes > s.mechanical)
      t.fail("lanes", "x" + std::to_string(s.lanes) + " wired into an x" +
                          std::to_string(s.mechanical) + " connector");
    s.gen = generation(t);
    s.from = lane_source(t);
    m.slots.push_back(s);
  }
  if (m.slots.empty()) r.fail("pcie_slot", "lists no slot");
  std::sort(m.slots.begin(), m.slots.end(), [](const PcieSlotWiring& a, const PcieSlotWiring& b) {
    return a.position < b.position;
  });

  for (const TomlTable& t : r.array_of_tables("lane_split")) {
    t.check_keys({"cpu_lanes", "widths"});
    LaneSplit row;
    if (t.has("cpu_lanes")) {
      for (double n : numbers(t, "cpu_lanes", "the CPUs' total lanes this row applies to")) {
        if (n != static_cast<int>(n) || n < 1 || n > 256)
          t.fail("cpu_lanes", "lane counts are whole numbers 1..256");
        row.cpu_lanes.push_back(static_cast<int>(n));
      }
    }
    row.widths = slot_widths(t, "widths", m, board_slots);
    m.lane_splits.push_back(std::move(row));
  }

  if (const std::optional<TomlTable> sockets = r.table_at("m2")) {
    for (auto& [name, t] : r.named_tables("m2")) {
      t.check_keys({"label", "lanes", "gen", "from", "shares"});
      M2Socket s;
      s.name = name;
      if (name != "m2-" + std::to_string(m.m2.size() + 1))
        sockets->fail(name, "M.2 sockets are named m2-1, m2-2, ... in order; expected m2-" +
                                std::to_string(m.m2.size() + 1));
      s.label = non_empty_string(t, "label", "the board's name for the socket");
      s.lanes = width(t, "lanes", "lanes", false);
      s.gen = generation(t);
      s.from = lane_source(t);
      if (t.has("shares")) s.shares = slot_widths(t, "shares", m, board_slots);
      m.m2.push_back(std::move(s));
    }
  }
  return m;
}

SlotWidths negotiated_slot_widths(const MotherboardModel& board, std::optional<int> cpu_total_lanes,
                                  const std::vector<int>& populated_slots,
                                  const std::vector<std::string>& populated_m2) {
  SlotWidths out;
  for (const PcieSlotWiring& s : board.slots) out.lanes[s.position] = s.lanes;

  std::vector<const LaneSplit*> rows;
  for (const LaneSplit& row : board.lane_splits) {
    if (row.cpu_lanes.empty()) {
      rows.push_back(&row);
    } else if (!cpu_total_lanes) {
      out.cpu_rows_unusable = true;
    } else if (std::find(row.cpu_lanes.begin(), row.cpu_lanes.end(), *cpu_total_lanes) !=
               row.cpu_lanes.end()) {
      rows.push_back(&row);
    }
  }
  if (!rows.empty()) {
    // The slots the table switches; a slot a row leaves out is off in it.
    std::vector<int> covered;
    for (const LaneSplit* row : rows)
      for (const auto& [pos, w] : row->widths)
        if (std::find(covered.begin(), covered.end(), pos) == covered.end()) covered.push_back(pos);
    // How many populated slots a row gives lanes, and how many lanes they get.
    auto served = [&](const LaneSplit* row) {
      std::pair<int, int> n{0, 0};
      for (int pos : populated_slots) {
        if (std::find(covered.begin(), covered.end(), pos) == covered.end()) continue;
        const auto it = row->widths.find(pos);
        if (it != row->widths.end() && it->second > 0) {
          ++n.first;
          n.second += it->second;
        }
      }
      return n;
    };
    // The board (or the manual's advice) takes the row that serves every
    // populated slot with the most lanes; the first such row on a tie.
    const LaneSplit* best = rows.front();
    for (const LaneSplit* row : rows)
      if (served(row) > served(best)) best = row;
    out.row = best;
    for (int pos : covered) {
      const auto it = best->widths.find(pos);
      out.lanes[pos] = it == best->widths.end() ? 0 : it->second;
    }
  }
  for (const std::string& name : populated_m2) {
    const M2Socket* s = board.m2_socket(name);
    if (!s) continue;
    for (const auto& [pos, w] : s->shares) out.lanes[pos] = std::min(out.lanes[pos], w);
  }
  return out;
}

}  // namespace rt
