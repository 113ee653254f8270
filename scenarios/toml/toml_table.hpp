#pragma once
// One TOML table being read by a scenario, build, sweep or parts-library
// reader: typed getters that check each value and throw a ScenarioError
// naming the file, the key's line and its full dotted path
// ("gpu[2].power_W"), so every reader words type errors the same way and a
// user can go straight to the line.
//
// `meaning` (optional everywhere) says what the key is for, in the user's
// words; it is shown in parentheses: "expected a number (board power limit,
// W), got a string". Getters without `required_` return nullopt when the
// key is absent; `required_` ones fail "required key is missing (meaning)"
// at the table's header line.

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rt {

class TomlTable {
 public:
  // `path` is the table's dotted key path ("" for the file's root table,
  // which has no header line: its messages carry line 0).
  TomlTable(const toml::table& table, std::string path, const std::string& file);

  const toml::table& table() const { return *table_; }
  const std::string& path() const { return path_; }
  const std::string& file() const { return *file_; }
  int line() const { return line_; }
  std::string key_path(std::string_view key) const;
  const toml::node* find(std::string_view key) const { return table_->get(key); }
  bool has(std::string_view key) const { return find(key) != nullptr; }
  // The key's line when it is present, else the table header's.
  int line_of_key(std::string_view key) const;

  [[noreturn]] void fail_at(const toml::node& node, std::string_view key,
                            const std::string& problem) const;
  [[noreturn]] void fail(std::string_view key, const std::string& problem) const;
  [[noreturn]] void fail_table(const std::string& problem) const;
  [[noreturn]] void missing(std::string_view key, std::string_view meaning) const;
  [[noreturn]] void missing_table(std::string_view key, std::string_view meaning) const;

  // The key not in `allowed` that comes earliest in the file (toml++ iterates
  // keys sorted, not in file order); nullopt when every key is allowed.
  std::optional<std::string_view> first_unknown_key(
      const std::vector<std::string_view>& allowed) const;
  // Fails "unknown key; expected one of: ..." at that key; `noun` names what
  // the keys are ("table", "face").
  void check_keys(const std::vector<std::string_view>& allowed,
                  std::string_view noun = "key") const;

  // A value read on its own, e.g. an entry of an array: a finite number.
  double as_number(const toml::node& n, std::string_view key, std::string_view meaning = {}) const;

  std::optional<double> number(std::string_view key, std::string_view meaning = {}) const;
  std::optional<long long> integer(std::string_view key, std::string_view meaning = {}) const;
  std::optional<bool> boolean(std::string_view key, std::string_view meaning = {}) const;
  std::optional<std::string> string(std::string_view key, std::string_view meaning = {}) const;
  // Arrays of any length; a wrong entry is reported at its own line.
  std::optional<std::vector<double>> numbers(std::string_view key,
                                             std::string_view meaning = {}) const;
  std::optional<std::vector<std::string>> strings(std::string_view key,
                                                  std::string_view meaning = {}) const;

  double required_number(std::string_view key, std::string_view meaning) const;
  long long required_integer(std::string_view key, std::string_view meaning) const;
  std::string required_string(std::string_view key, std::string_view meaning) const;
  std::vector<double> required_numbers(std::string_view key, std::string_view meaning) const;
  std::vector<std::string> required_strings(std::string_view key, std::string_view meaning) const;

  // A sub-table ([path.key] or key = { ... }); nullopt when absent.
  std::optional<TomlTable> table_at(std::string_view key) const;
  // An array of tables ([[key]]); entries get 1-based paths key[1], key[2],
  // ..., as the sweep paths and the command line's overrides count them.
  std::vector<TomlTable> array_of_tables(std::string_view key) const;
  // The entries of the sub-table `key` that are themselves tables
  // ([gpu.titan-rtx], ...), with their names, in file order.
  std::vector<std::pair<std::string, TomlTable>> named_tables(std::string_view key) const;

 private:
  const toml::array& array(const toml::node& n, std::string_view key, std::string_view entries,
                           std::string_view meaning) const;

  const toml::table* table_;
  std::string path_;
  const std::string* file_;
  int line_;
};

}  // namespace rt
