// Helper for the command-line tests (not installed):
//   rt_test_tool compare-summaries A.json B.json [RTOL]
//       every number of two summary.json files agrees within RTOL (relative,
//       default 1e-6, plus 1e-12 absolute), every other value exactly; keys
//       that differ between sessions by nature (wall_time_s,
//       resumed_from_iteration, threads, backend) are skipped. Exit 1 listing the
//       differences otherwise.
//   rt_test_tool result-info result.h5
//       reads the result back (checksum verified) and prints
//       "cells NX NY NZ" and "T_range MIN MAX" (°C, %.17g).

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "io/result_h5.hpp"

namespace {

using Json = nlohmann::json;

const std::set<std::string> kSkipped = {"wall_time_s", "resumed_from_iteration", "threads",
                                        "backend"};

struct Compare {
  double rtol;
  int numbers = 0;
  double largest = 0;
  std::vector<std::string> differences;

  void operator()(const Json& a, const Json& b, const std::string& where) {
    if (a.is_number() && b.is_number()) {
      const double x = a.get<double>(), y = b.get<double>();
      const double diff = std::fabs(x - y);
      const double scale = std::max(std::fabs(x), std::fabs(y));
      ++numbers;
      if (scale > 0) largest = std::max(largest, diff / scale);
      if (diff > rtol * scale + 1e-12)
        differences.push_back(where + ": " + a.dump() + " vs " + b.dump());
      return;
    }
    if (a.type() != b.type()) {
      differences.push_back(where + ": " + a.dump() + " vs " + b.dump());
      return;
    }
    if (a.is_object()) {
      for (auto it = a.begin(); it != a.end(); ++it) {
        if (kSkipped.count(it.key())) continue;
        if (!b.contains(it.key())) {
          differences.push_back(where + "/" + it.key() + ": missing in the second");
          continue;
        }
        (*this)(it.value(), b.at(it.key()), where + "/" + it.key());
      }
      for (auto it = b.begin(); it != b.end(); ++it)
        if (!kSkipped.count(it.key()) && !a.contains(it.key()))
          differences.push_back(where + "/" + it.key() + ": missing in the first");
      return;
    }
    if (a.is_array()) {
      if (a.size() != b.size()) {
        differences.push_back(where + ": " + std::to_string(a.size()) + " vs " +
                              std::to_string(b.size()) + " entries");
        return;
      }
      for (std::size_t i = 0; i < a.size(); ++i)
        (*this)(a[i], b[i], where + "[" + std::to_string(i) + "]");
      return;
    }
    if (a != b) differences.push_back(where + ": " + a.dump() + " vs " + b.dump());
  }
};

Json load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  return Json::parse(in);
}

int compare_summaries(const std::string& a, const std::string& b, double rtol) {
  Compare c{rtol};
  c(load(a), load(b), "");
  for (const std::string& d : c.differences) std::printf("differs %s\n", d.c_str());
  std::printf("%d numbers compared, largest relative difference %.3g (tolerance %.3g)\n", c.numbers,
              c.largest, rtol);
  return c.differences.empty() && c.numbers > 0 ? 0 : 1;
}

int result_info(const std::string& path) {
  const rt::ResultFile r = rt::read_result_h5(path);
  const auto [lo, hi] = std::minmax_element(r.fields.T_C.begin(), r.fields.T_C.end());
  std::printf("cells %d %d %d\nT_range %.17g %.17g\n", r.grid.nx(), r.grid.ny(), r.grid.nz(), *lo,
              *hi);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "compare-summaries" && (argc == 4 || argc == 5))
      return compare_summaries(argv[2], argv[3], argc == 5 ? std::stod(argv[4]) : 1e-6);
    if (cmd == "result-info" && argc == 3) return result_info(argv[2]);
    std::fprintf(stderr,
                 "usage: rt_test_tool compare-summaries A.json B.json [RTOL] | result-info "
                 "result.h5\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rt_test_tool: %s\n", e.what());
    return 1;
  }
}
