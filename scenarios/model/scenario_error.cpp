#include "scenarios/model/scenario_error.hpp"

#include <utility>

namespace rt {
namespace {

std::string compose_message(const std::string& file, int line, int column, const std::string& key,
                            const std::string& problem) {
  std::string msg = file;
  if (line > 0) msg += ":" + std::to_string(line);
  if (line > 0 && column > 0) msg += ":" + std::to_string(column);
  msg += ": ";
  if (!key.empty()) msg += "key '" + key + "': ";
  return msg + problem;
}

}  // namespace

ScenarioError::ScenarioError(std::string file_name, int line_number, std::string key_path,
                             std::string what_is_wrong, int column_number)
    : std::runtime_error(
          compose_message(file_name, line_number, column_number, key_path, what_is_wrong)),
      file(std::move(file_name)),
      line(line_number),
      column(column_number),
      key(std::move(key_path)),
      problem(std::move(what_is_wrong)) {}

}  // namespace rt
