// The small pieces every dimension is made of: values, labels and names.

#include <algorithm>
#include <cctype>
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

std::string sanitize(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') out += c;
  }
  return out;
}

std::string scalar_label(const toml::node& n) {
  if (const auto* v = n.as_integer()) return std::to_string(v->get());
  if (const auto* v = n.as_floating_point()) return number_text(v->get());
  if (const auto* v = n.as_boolean()) return v->get() ? "on" : "off";
  if (const auto* v = n.as_string()) return v->get();
  return "?";
}

bool is_scalar(const toml::node& n) {
  return n.is_integer() || n.is_floating_point() || n.is_boolean() || n.is_string();
}

std::unique_ptr<toml::node> clone(const toml::node& n) {
  std::unique_ptr<toml::node> out;
  n.visit([&](const auto& v) {
    using T = std::decay_t<decltype(v)>;
    out = std::make_unique<T>(v);
  });
  return out;
}

toml::array* gpu_array(toml::table& t) { return t.get_as<toml::array>("gpu"); }

std::string gpu_model(const toml::table& g) { return g["model"].value_or(std::string("?")); }

std::string path_label(const std::vector<PathPart>& path, const std::string& value,
                       bool is_string) {
  if (is_string) {
    const PathPart& owner = path.size() >= 2 ? path[path.size() - 2] : path.back();
    return sanitize(owner.key + (owner.index > 0 ? std::to_string(owner.index) : "") + "-" + value);
  }
  static const char* units[] = {"_W", "_pct", "_C", "_mm", "_m", "_s", "_K", "_m3_s", "_Pa"};
  std::string key = path.back().key;
  for (const char* u : units) {
    const std::string suffix(u);
    if (key.size() > suffix.size() &&
        key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0) {
      key.resize(key.size() - suffix.size());
      break;
    }
  }
  key.erase(std::remove(key.begin(), key.end(), '_'), key.end());
  std::string owner;
  if (path.size() >= 2 && path[path.size() - 2].index > 0)
    owner = path[path.size() - 2].key + std::to_string(path[path.size() - 2].index) + "-";
  else if (path.back().index > 0)
    key += std::to_string(path.back().index);
  return sanitize(owner + key + value);
}

std::vector<PathPart> SweepReader::parse_path(const std::string& path, int line,
                                              const std::string& key) const {
  std::string why;
  std::vector<PathPart> parts = parse_key_path(path, &why);
  if (parts.empty()) fail(line, key, why);
  return parts;
}

std::vector<Scalar> SweepReader::values(const toml::node& n, const std::string& key,
                                        bool numbers_only) const {
  std::vector<Scalar> out;
  const auto add = [&](const toml::node& v) {
    if (!is_scalar(v) || (numbers_only && !v.is_number()))
      fail(line_of(v), key,
           std::string("expected ") + (numbers_only ? "numbers" : "numbers, strings or booleans") +
               ", got " + type_phrase(v));
    out.push_back({clone(v), scalar_label(v)});
  };
  if (const toml::array* a = n.as_array()) {
    if (a->empty())
      fail(line_of(n), key, "an empty list gives no variants; list at least one value");
    for (const toml::node& v : *a) add(v);
  } else {
    add(n);
  }
  return out;
}

}  // namespace rt::sweeps
