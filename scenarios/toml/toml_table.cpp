#include "scenarios/toml/toml_table.hpp"

#include <algorithm>
#include <cmath>

#include "scenarios/model/scenario_error.hpp"
#include "scenarios/toml/toml_text.hpp"

namespace rt {
namespace {

using toml_text::join;
using toml_text::line_of;
using toml_text::number_text;
using toml_text::type_phrase;

// " (meaning)", or nothing when the caller gave none.
std::string aside(std::string_view meaning) {
  return meaning.empty() ? std::string() : " (" + std::string(meaning) + ")";
}

}  // namespace

TomlTable::TomlTable(const toml::table& table, std::string path, const std::string& file)
    : table_(&table),
      path_(std::move(path)),
      file_(&file),
      line_(path_.empty() ? 0 : line_of(table)) {}

std::string TomlTable::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

int TomlTable::line_of_key(std::string_view key) const {
  const toml::node* n = find(key);
  return n ? line_of(*n) : line_;
}

void TomlTable::fail_at(const toml::node& node, std::string_view key,
                        const std::string& problem) const {
  throw ScenarioError(*file_, line_of(node), key_path(key), problem);
}

void TomlTable::fail(std::string_view key, const std::string& problem) const {
  throw ScenarioError(*file_, line_of_key(key), key_path(key), problem);
}

void TomlTable::fail_table(const std::string& problem) const {
  throw ScenarioError(*file_, line_, path_, problem);
}

void TomlTable::missing(std::string_view key, std::string_view meaning) const {
  throw ScenarioError(*file_, line_, key_path(key), "required key is missing" + aside(meaning));
}

void TomlTable::missing_table(std::string_view key, std::string_view meaning) const {
  throw ScenarioError(*file_, line_, key_path(key),
                      "required table [" + key_path(key) + "] is missing" + aside(meaning));
}

std::optional<std::string_view> TomlTable::first_unknown_key(
    const std::vector<std::string_view>& allowed) const {
  const toml::node* first = nullptr;
  std::optional<std::string_view> first_key;
  for (auto&& [k, v] : *table_) {
    if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
    if (!first || line_of(v) < line_of(*first)) {
      first = &v;
      first_key = k.str();
    }
  }
  return first_key;
}

void TomlTable::check_keys(const std::vector<std::string_view>& allowed,
                           std::string_view noun) const {
  if (const auto key = first_unknown_key(allowed)) {
    fail(*key, "unknown " + std::string(noun) + "; expected one of: " + join(allowed, ", "));
  }
}

double TomlTable::as_number(const toml::node& n, std::string_view key,
                            std::string_view meaning) const {
  double v = 0.0;
  if (const auto* i = n.as_integer()) {
    v = static_cast<double>(i->get());
  } else if (const auto* f = n.as_floating_point()) {
    v = f->get();
  } else {
    fail_at(n, key, "expected a number" + aside(meaning) + ", got " + type_phrase(n));
  }
  if (!std::isfinite(v)) {
    fail_at(n, key, "expected a finite number" + aside(meaning) + ", got " + number_text(v));
  }
  return v;
}

std::optional<double> TomlTable::number(std::string_view key, std::string_view meaning) const {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  return as_number(*n, key, meaning);
}

std::optional<long long> TomlTable::integer(std::string_view key, std::string_view meaning) const {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  const auto* i = n->as_integer();
  if (!i) fail_at(*n, key, "expected an integer" + aside(meaning) + ", got " + type_phrase(*n));
  return i->get();
}

std::optional<bool> TomlTable::boolean(std::string_view key, std::string_view meaning) const {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  const auto* b = n->as_boolean();
  if (!b) fail_at(*n, key, "expected true or false" + aside(meaning) + ", got " + type_phrase(*n));
  return b->get();
}

std::optional<std::string> TomlTable::string(std::string_view key, std::string_view meaning) const {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  const auto* s = n->as_string();
  if (!s) fail_at(*n, key, "expected a string" + aside(meaning) + ", got " + type_phrase(*n));
  return s->get();
}

const toml::array& TomlTable::array(const toml::node& n, std::string_view key,
                                    std::string_view entries, std::string_view meaning) const {
  const toml::array* a = n.as_array();
  if (!a) {
    fail_at(n, key,
            "expected an array of " + std::string(entries) + aside(meaning) + ", got " +
                type_phrase(n));
  }
  return *a;
}

std::optional<std::vector<double>> TomlTable::numbers(std::string_view key,
                                                      std::string_view meaning) const {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  const toml::array& a = array(*n, key, "numbers", meaning);
  std::vector<double> out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_number()) {
      fail_at(a[i], key,
              "expected numbers only" + aside(meaning) + "; entry " + std::to_string(i + 1) +
                  " is " + type_phrase(a[i]));
    }
    out.push_back(as_number(a[i], key, meaning));
  }
  return out;
}

std::optional<std::vector<std::string>> TomlTable::strings(std::string_view key,
                                                           std::string_view meaning) const {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  const toml::array& a = array(*n, key, "strings", meaning);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto* s = a[i].as_string();
    if (!s) {
      fail_at(a[i], key,
              "expected strings only" + aside(meaning) + "; entry " + std::to_string(i + 1) +
                  " is " + type_phrase(a[i]));
    }
    out.push_back(s->get());
  }
  return out;
}

double TomlTable::required_number(std::string_view key, std::string_view meaning) const {
  if (!has(key)) missing(key, meaning);
  return *number(key, meaning);
}

long long TomlTable::required_integer(std::string_view key, std::string_view meaning) const {
  if (!has(key)) missing(key, meaning);
  return *integer(key, meaning);
}

std::string TomlTable::required_string(std::string_view key, std::string_view meaning) const {
  if (!has(key)) missing(key, meaning);
  return *string(key, meaning);
}

std::vector<double> TomlTable::required_numbers(std::string_view key,
                                                std::string_view meaning) const {
  if (!has(key)) missing(key, meaning);
  return *numbers(key, meaning);
}

std::vector<std::string> TomlTable::required_strings(std::string_view key,
                                                     std::string_view meaning) const {
  if (!has(key)) missing(key, meaning);
  return *strings(key, meaning);
}

std::optional<TomlTable> TomlTable::table_at(std::string_view key) const {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  const toml::table* t = n->as_table();
  if (!t) fail_at(*n, key, "expected a table [" + key_path(key) + "], got " + type_phrase(*n));
  return TomlTable(*t, key_path(key), *file_);
}

std::vector<TomlTable> TomlTable::array_of_tables(std::string_view key) const {
  std::vector<TomlTable> out;
  const toml::node* n = find(key);
  if (!n) return out;
  const toml::array* a = n->as_array();
  if (!a) {
    fail_at(
        *n, key,
        "expected an array of tables written [[" + key_path(key) + "]], got " + type_phrase(*n));
  }
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = (*a)[i];
    const std::string path = key_path(key) + "[" + std::to_string(i + 1) + "]";
    const toml::table* t = e.as_table();
    if (!t) {
      throw ScenarioError(*file_, line_of(e), path,
                          "expected a [[" + key_path(key) + "]] table, got " + type_phrase(e));
    }
    out.emplace_back(*t, path, *file_);
  }
  return out;
}

std::vector<std::pair<std::string, TomlTable>> TomlTable::named_tables(std::string_view key) const {
  std::vector<std::pair<std::string, TomlTable>> out;
  const std::optional<TomlTable> t = table_at(key);
  if (!t) return out;
  for (auto&& [k, v] : t->table()) {
    const toml::table* e = v.as_table();
    if (!e) {
      t->fail_at(v, k.str(),
                 "expected an entry written { key = value, ... }, got " + type_phrase(v));
    }
    out.emplace_back(std::string(k.str()), TomlTable(*e, t->key_path(k.str()), *file_));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second.line() < b.second.line(); });
  return out;
}

}  // namespace rt
