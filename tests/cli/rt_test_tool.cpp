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
//   rt_test_tool synthetic-nvidia-smi-log SUMMARY.json gpuN OUT.csv
//       writes the synthetic nvidia-smi log of a known card
//       (tests/unit/synthetic_nvidia_smi_log.hpp: R_ref 0.18 K/W, n 0.72)
//       under the intake air, fin-stack flow and fan speed summary.json
//       gives gpuN, for the calibrate test to fit back.

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
#include "io/summary_json.hpp"
#include "unit/synthetic_nvidia_smi_log.hpp"

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

int synthetic_log(const std::string& summary_path, const std::string& gpu, const std::string& out) {
  std::ifstream in(summary_path);
  const rt::Summary s = rt::summary_from_json(Json::parse(in));
  rt::test::SyntheticCard card;
  bool fins = false, fan = false;
  for (const rt::ComponentSummary& c : s.components) {
    if (c.name != gpu + ".fins") continue;
    card.T_in_C = c.inlet_air_C;
    card.Q_solved_m3_s = c.flow_m3_s;
    fins = true;
  }
  for (const rt::FanSummary& f : s.fans) {
    if (f.name != gpu + ".fan1") continue;
    card.s_solved = f.speed_pct / 100;
    fan = true;
  }
  if (!fins || !fan)
    throw std::runtime_error("no " + gpu + ".fins or " + gpu + ".fan1 in " + summary_path);
  std::ofstream(out) << rt::test::synthetic_log(card);
  std::printf("synthetic log of R_ref %.4g K/W, n %.4g at intake %.2f C, %.4g m3/s at %.0f %%\n",
              card.R_ref_K_W, card.exponent, card.T_in_C, card.Q_solved_m3_s, 100 * card.s_solved);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "compare-summaries" && (argc == 4 || argc == 5))
      return compare_summaries(argv[2], argv[3], argc == 5 ? std::stod(argv[4]) : 1e-6);
    if (cmd == "result-info" && argc == 3) return result_info(argv[2]);
    if (cmd == "synthetic-nvidia-smi-log" && argc == 5)
      return synthetic_log(argv[2], argv[3], argv[4]);
    std::fprintf(stderr,
                 "usage: rt_test_tool compare-summaries A.json B.json [RTOL] | result-info "
                 "result.h5 | synthetic-nvidia-smi-log SUMMARY.json gpuN OUT.csv\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rt_test_tool: %s\n", e.what());
    return 1;
  }
}
