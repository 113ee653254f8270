#pragma once
// What every part of the parts library carries besides its numbers: its
// family, id, name, source and the keys whose values are estimated.

#include <string>
#include <string_view>
#include <vector>

namespace rt {

// What every part carries besides its numbers.
struct PartInfo {
  std::string family;  // "gpu", "case_fan", "cpu_cooler", "cpu", "psu", "drive", "dimm", "case",
                       // "motherboard"
  std::string id;      // the table name, e.g. "rtx-3090-fe"
  std::string name;    // display name
  std::string source;  // spec page, data sheet or review the numbers come from
  std::string note;    // why/how values were estimated (may be empty)
  std::vector<std::string> estimated;  // keys (dotted for nested entries) as in the file
  std::string file;                    // data file path
  int line = 0;                        // line of the part's table header

  // True when `key` or an enclosing key ("vent" for "vent.front") is listed.
  bool is_estimated(std::string_view key) const;
};

}  // namespace rt
