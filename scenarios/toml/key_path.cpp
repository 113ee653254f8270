#include "scenarios/toml/key_path.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "scenarios/model/scenario_error.hpp"
#include "scenarios/toml/parse_toml.hpp"

namespace rt {

std::vector<KeyPathPart> parse_key_path(const std::string& path, std::string* why) {
  const auto fail = [&](const std::string& problem) {
    *why = "'" + path + "' is not a key path; expected keys joined by '.'" + problem;
    return std::vector<KeyPathPart>{};
  };
  std::vector<KeyPathPart> parts;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const std::size_t dot = path.find('.', pos);
    std::string part = path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
    KeyPathPart p;
    const std::size_t br = part.find('[');
    if (br != std::string::npos) {
      const std::size_t close = part.find(']', br);
      const std::string idx = close == std::string::npos ? "" : part.substr(br + 1, close - br - 1);
      const bool digits =
          !idx.empty() && idx.size() < 6 &&
          std::all_of(idx.begin(), idx.end(), [](char c) { return std::isdigit(c); });
      if (!digits || close + 1 != part.size() || std::stoi(idx) < 1)
        return fail(
            ", arrays of tables indexed from 1, e.g. gpu[1].power_W or solver.max_iterations");
      p.index = std::stoi(idx);
      part.resize(br);
    }
    if (part.empty() || !std::all_of(part.begin(), part.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
        }))
      return fail(", e.g. gpu[1].power_W");
    p.key = part;
    parts.push_back(p);
    if (dot == std::string::npos) break;
    pos = dot + 1;
  }
  return parts;
}

std::string set_key_path(toml::table& t, const std::vector<KeyPathPart>& path,
                         const toml::node& value) {
  toml::table* cur = &t;
  std::string walked;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const KeyPathPart& p = path[i];
    const bool last = i + 1 == path.size();
    walked += (walked.empty() ? "" : ".") + p.key;
    if (p.index > 0) {
      toml::array* a = cur->get_as<toml::array>(p.key);
      if (a == nullptr || static_cast<int>(a->size()) < p.index)
        return "the scenario has " + std::to_string(a ? a->size() : 0) + " '" + p.key +
               "' entries, so there is no " + walked + "[" + std::to_string(p.index) + "]";
      walked += "[" + std::to_string(p.index) + "]";
      toml::node& e = (*a)[static_cast<std::size_t>(p.index - 1)];
      if (last) {
        value.visit([&](const auto& v) { a->replace(a->cbegin() + (p.index - 1), v); });
        return {};
      }
      cur = e.as_table();
      if (cur == nullptr) return walked + " is not a table in the scenario";
      continue;
    }
    if (last) {
      value.visit([&](const auto& v) { cur->insert_or_assign(p.key, v); });
      return {};
    }
    toml::node* n = cur->get(p.key);
    if (n == nullptr) {
      cur->insert_or_assign(p.key, toml::table{});
      n = cur->get(p.key);
    }
    cur = n->as_table();
    if (cur == nullptr) return walked + " is not a table in the scenario";
  }
  return {};
}

std::string with_key_overrides(std::string_view text, const std::string& source_name,
                               const std::vector<std::string>& assignments) {
  if (assignments.empty()) return std::string(text);
  toml::table root = parse_toml(text, source_name);
  std::string listed;
  for (const std::string& a : assignments) {
    const std::size_t eq = a.find('=');
    const std::string key = a.substr(0, eq);
    if (eq == std::string::npos || eq == 0)
      throw ScenarioError(source_name, 0, "",
                          "'" + a +
                              "' is not an override; expected KEY.PATH=VALUE, e.g. "
                              "solver.max_iterations=500 or fan[2].speed_pct=60");
    std::string why;
    const std::vector<KeyPathPart> path = parse_key_path(key, &why);
    if (path.empty()) throw ScenarioError(source_name, 0, key, why + " (a command-line override)");
    const std::string value = a.substr(eq + 1);
    toml::table parsed;
    try {
      parsed = toml::parse("v = " + value);
    } catch (const toml::parse_error&) {
      parsed.insert_or_assign("v", value);  // bare text: a string (a part id)
    }
    why = set_key_path(root, path, *parsed.get("v"));
    if (!why.empty()) throw ScenarioError(source_name, 0, key, why + " (a command-line override)");
    listed += (listed.empty() ? "" : " ") + a;
  }
  std::ostringstream out;
  out << "# " << source_name << " with the command line's overrides: " << listed << "\n"
      << root << "\n";
  return out.str();
}

}  // namespace rt
