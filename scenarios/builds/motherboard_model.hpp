#pragma once
// Motherboards in the parts library (issue 19): where each PCIe slot sits,
// how many lanes it is wired for and whether they come from the CPU or the
// chipset, how the board's lane switches split the CPU's lanes as slots are
// populated (the manual's x16/x0 -> x8/x8 table, which on some platforms
// depends on the CPU's lane count), and which M.2 sockets take lanes from
// which slots. Read from motherboards.toml ([motherboard.<id>]); the keys
// are documented at the top of that file.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/builds/part_info.hpp"

namespace rt {

class TomlTable;

enum class LaneSource { cpu, chipset };

struct PcieSlotWiring {
  int position = 0;    // expansion-slot position from the board's top (1 = nearest the CPU)
  std::string label;   // the board's name for it ("PCI_E1")
  int mechanical = 0;  // x16, x8, x4, x1 connector
  int lanes = 0;       // widest electrical link
  int gen = 0;         // PCIe generation
  LaneSource from = LaneSource::cpu;
};

// One row of the manual's population table: the widths of the slots it
// covers when the board switches to it; cpu_lanes (empty: every CPU) are
// the CPUs' total lane counts the row applies to.
struct LaneSplit {
  std::vector<int> cpu_lanes;
  std::map<int, int> widths;  // slot position -> lanes (0: disabled)
};

struct M2Socket {
  std::string name;   // "m2-1": what a build's [[drive]] position names
  std::string label;  // the board's name ("M2_1")
  int lanes = 0;
  int gen = 0;
  LaneSource from = LaneSource::chipset;
  std::map<int, int> shares;  // a drive here caps these slots at these widths
};

struct MotherboardModel {
  PartInfo info;
  std::string form_factor;  // one of board_layout's form factors
  std::string socket;
  std::string chipset;
  int dimm_slots = 0;
  std::vector<PcieSlotWiring> slots;  // by position
  std::vector<LaneSplit> lane_splits;
  std::vector<M2Socket> m2;  // in the manual's order

  const PcieSlotWiring* slot_at(int position) const;
  const M2Socket* m2_socket(const std::string& name) const;
  // "1 (PCI_E1), 3 (PCI_E3), ...": every slot, or those wired to `from`.
  std::string slot_list(std::optional<LaneSource> from = std::nullopt) const;
};

MotherboardModel read_motherboard(const TomlTable& r, const std::string& id);

// The link width each slot gets with these slots and M.2 sockets in use:
// the row of the population table (for this CPU) that gives lanes to the
// most populated slots it covers, and among those the most lanes (the first
// on a tie); then the M.2 sockets' sharing caps. cpu_total_lanes may be unknown: rows
// tied to a lane count are then not used. Positions -> lanes, every slot.
struct SlotWidths {
  std::map<int, int> lanes;
  const LaneSplit* row = nullptr;  // the table row used, if any
  bool cpu_rows_unusable = false;  // rows depend on the CPU's lanes, which are unknown
};
SlotWidths negotiated_slot_widths(const MotherboardModel& board, std::optional<int> cpu_total_lanes,
                                  const std::vector<int>& populated_slots,
                                  const std::vector<std::string>& populated_m2);

}  // namespace rt
