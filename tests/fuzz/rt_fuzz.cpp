// Mutation fuzzing of every reader of user files (issue 17): the scenario,
// build (with its lowering), sweep and parts-library readers, and the
// HDF5 readers of checkpoint.h5 and result.h5. Each mutant of a seed file
// must either be read or be refused with one of the readers' own errors
// (ScenarioError, UnknownPartError, CheckpointError, or another
// std::runtime_error with a message); anything else (std::bad_alloc, a
// logic_error, an exception from a library, a crash or a hang) is a finding,
// and so is a damaged HDF5 file that is read (only an unchanged one may be).
//
//   rt_fuzz SOURCE_DIR WORK_DIR MUTANTS_PER_READER [SEED] [READER ...]
//
// READER is scenario, build, sweep, parts, checkpoint, result (the
// default: these six) or placement (what `check` does after reading: the
// model of a generic or build scenario placed on its grid; slower, under
// the fuzz label only). Deterministic for a seed. Before each attempt the mutant is written
// to WORK_DIR/last-mutant.* so that a crash or a hang (the test's timeout)
// leaves its reproducer; a finding is kept as WORK_DIR/finding-N.*. Prints
// one line per reader: mutants read, refused, findings; exit 1 on findings.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "geometry/snapped_grid.hpp"
#include "io/checkpoint_h5.hpp"
#include "io/result_h5.hpp"
#include "io/summary_json.hpp"
#include "scenarios/any_scenario.hpp"
#include "scenarios/builds/build_scenario.hpp"
#include "scenarios/builds/lower_build.hpp"
#include "scenarios/builds/parts_library.hpp"
#include "scenarios/generic/scenario_file.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "solver/model_placement.hpp"
#include "solver/run.hpp"

namespace fs = std::filesystem;

namespace {

using Bytes = std::string;

// The largest grid the placement fuzz places (about 100 MB of placement).
constexpr std::size_t kPlacementCellLimit = 10'000'000;

Bytes read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

void write_all(const fs::path& p, const Bytes& b) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(b.data(), static_cast<std::streamsize>(b.size()));
}

// What a scenario's reader is most likely to trip on: structure, types and
// the extreme numbers that once got past the readers (1e-160 %).
const std::vector<std::string> kTokens = {"[[gpu]]\n",
                                          "[[fan]]\n",
                                          "[[block]]\n",
                                          "[set]\n",
                                          "[solver]\n",
                                          "=",
                                          "\"",
                                          "[",
                                          "]",
                                          "{",
                                          "}",
                                          ",",
                                          ".",
                                          "\n",
                                          "#",
                                          "nan",
                                          "inf",
                                          "-inf",
                                          "-1",
                                          "0",
                                          "-0",
                                          "1e-160",
                                          "1e308",
                                          "1e-320",
                                          "99999999999999999999",
                                          "2147483648",
                                          "\"\"",
                                          "true",
                                          "slot = 99\n",
                                          "speed_pct = 1e-160\n",
                                          "model = \"nope\"\n",
                                          "power_W = -5\n",
                                          "cells = [0, 0, 0]\n",
                                          "max_cell_mm = 1e-9\n",
                                          "base = \"/dev/zero\"\n",
                                          "[[variant]]\n",
                                          "mode = \"transient\"\n",
                                          "\xff\xfe",
                                          "\t"};
const std::vector<std::string> kNumbers = {"0",    "-1",     "1e-160", "1e308", "nan",
                                           "-0.0", "1e-9",   "1e9",    "3",     "1000000",
                                           "0.5",  "-1e308", "inf",    "2.5e-7"};

// One to four edits of a text: a byte changed, a span deleted, a line
// repeated, a token inserted, a number replaced.
Bytes mutate_text(const Bytes& seed, std::mt19937_64& rng) {
  Bytes t = seed;
  auto pick = [&](std::size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  const int edits = 1 + static_cast<int>(pick(4));
  for (int e = 0; e < edits; ++e) {
    switch (pick(5)) {
      case 0:
        if (!t.empty()) t[pick(t.size())] = static_cast<char>(pick(256));
        break;
      case 1:
        if (!t.empty()) {
          const std::size_t at = pick(t.size());
          t.erase(at, 1 + pick(20));
        }
        break;
      case 2: {
        const std::size_t at = pick(t.size() + 1);
        const std::size_t start = t.rfind('\n', at == 0 ? 0 : at - 1);
        const std::size_t from = start == Bytes::npos ? 0 : start + 1;
        const std::size_t end = t.find('\n', from);
        const Bytes line = t.substr(from, end == Bytes::npos ? Bytes::npos : end - from + 1);
        t.insert(from, line);
        break;
      }
      case 3:
        t.insert(pick(t.size() + 1), kTokens[pick(kTokens.size())]);
        break;
      default: {
        std::vector<std::size_t> starts;
        for (std::size_t i = 0; i < t.size(); ++i)
          if (std::isdigit(static_cast<unsigned char>(t[i])) &&
              (i == 0 || !std::isalnum(static_cast<unsigned char>(t[i - 1]))))
            starts.push_back(i);
        if (starts.empty()) break;
        const std::size_t at = starts[pick(starts.size())];
        std::size_t end = at;
        while (end < t.size() && (std::isalnum(static_cast<unsigned char>(t[end])) ||
                                  t[end] == '.' || t[end] == '-' || t[end] == '+'))
          ++end;
        t.replace(at, end - at, kNumbers[pick(kNumbers.size())]);
      }
    }
  }
  return t;
}

// Damage as disks and copies do it: a byte changed, a span overwritten,
// the file cut short, or garbage appended.
Bytes mutate_binary(const Bytes& seed, std::mt19937_64& rng) {
  Bytes b = seed;
  auto pick = [&](std::size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  switch (pick(4)) {
    case 0:
      b[pick(b.size())] ^= static_cast<char>(1 + pick(255));
      break;
    case 1: {
      const std::size_t at = pick(b.size());
      const std::size_t n = std::min(b.size() - at, 1 + pick(64));
      for (std::size_t i = 0; i < n; ++i) b[at + i] = static_cast<char>(pick(256));
      break;
    }
    case 2:
      b.resize(pick(b.size()));
      break;
    default:
      for (std::size_t i = 0, n = 1 + pick(64); i < n; ++i)
        b.push_back(static_cast<char>(pick(256)));
  }
  return b;
}

struct Tally {
  long read = 0, refused = 0, findings = 0;
  long detailed = 0;  // refusals whose one-line message is followed by details (a list)
};

// Runs `attempt`; an exception the readers are meant to throw is a refusal.
// `damaged`: a file rigtherm wrote, changed since: reading it is a finding
// (damage taken for data).
void judge(const std::function<void()>& attempt, const fs::path& work, const std::string& ext,
           const Bytes& mutant, bool damaged, Tally& tally) {
  std::string finding;
  try {
    attempt();
    if (!damaged) {
      ++tally.read;
      return;
    }
    finding = "damage read as data";
  } catch (const std::runtime_error& e) {
    const std::string first = std::string(e.what()).substr(0, std::string(e.what()).find('\n'));
    if (!first.empty()) {
      ++tally.refused;
      if (first.size() < std::string(e.what()).size()) {
        ++tally.detailed;
        if (std::getenv("RT_FUZZ_SHOW_DETAILED")) std::cout << "  detailed: " << e.what() << "\n";
      }
      return;
    }
    finding = "a refusal without a message";
  } catch (const std::exception& e) {
    finding = std::string("not a reader's error: ") + e.what();
  } catch (...) {
    finding = "a non-standard exception";
  }
  const fs::path kept = work / ("finding-" + std::to_string(++tally.findings) + ext);
  write_all(kept, mutant);
  std::cout << "  finding: " << finding << " (" << kept.string() << ")\n";
}

std::vector<fs::path> files_in(const fs::path& dir, const std::string& suffix) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The sweep text with its `base = "..."` made absolute (relative to the
// sweep file's folder, as the reader resolves it).
Bytes with_absolute_base(const Bytes& text, const fs::path& sweep_file) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    const std::size_t q1 = line.find('"'), q2 = line.rfind('"');
    if (line.rfind("base", 0) == 0 && q1 != std::string::npos && q2 > q1) {
      const fs::path base = sweep_file.parent_path() / line.substr(q1 + 1, q2 - q1 - 1);
      line = "base = \"" + fs::absolute(base).lexically_normal().string() + "\"";
    }
    out += line + "\n";
  }
  return out;
}

// A small solved case for the HDF5 readers: tests/cli/tiny-cavity.toml, a
// few iterations, its result.h5 and a checkpoint of it.
struct H5Seeds {
  rt::Grid grid;
  std::string text;
  fs::path result, checkpoint;
};

H5Seeds write_h5_seeds(const fs::path& source, const fs::path& work) {
  H5Seeds s;
  rt::Model model = rt::load_scenario((source / "tests/cli/tiny-cavity.toml").string());
  model.solver.max_iterations = 20;
  s.grid = rt::make_grid(model);
  s.text = model.source_text;
  rt::SolverCheckpoint taken;
  rt::RunOptions o;
  o.checkpoint_every = 10;
  o.on_checkpoint = [&](const rt::SolverCheckpoint& c) { taken = c; };
  const rt::RunResult r = rt::run_model(model, s.grid, o);
  s.result = work / "seed-result.h5";
  s.checkpoint = work / "seed-checkpoint.h5";
  rt::write_result_h5(s.result.string(), r.grid, r.fields, r.summary, model.source_text,
                      rt::summary_json_text(r.summary), rt::result_parts(model, r.summary));
  rt::write_checkpoint_h5(s.checkpoint.string(), taken, s.grid, "tiny-cavity.toml", s.text);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: rt_fuzz SOURCE_DIR WORK_DIR MUTANTS_PER_READER [SEED] [READER ...]\n";
    return 2;
  }
  const fs::path source = argv[1], work = argv[2];
  const long mutants = std::stol(argv[3]);
  const std::uint64_t seed = argc > 4 ? std::stoull(argv[4]) : 1;
  std::vector<std::string> readers;
  for (int i = 5; i < argc; ++i) readers.push_back(argv[i]);
  if (readers.empty()) readers = {"scenario", "build", "sweep", "parts", "checkpoint", "result"};
  fs::create_directories(work);
  const rt::PartsLibrary library = rt::PartsLibrary::load_default();

  long findings = 0;
  for (const std::string& reader : readers) {
    std::mt19937_64 rng(seed);
    Tally tally;
    std::vector<fs::path> seeds;
    std::string ext = ".toml";
    std::function<void(const Bytes&)> read;
    H5Seeds h5;
    fs::path parts_copy;
    std::string parts_file;

    if (reader == "scenario") {
      seeds = files_in(source / "examples", ".toml");
      for (const char* f : {"tiny-cavity.toml", "resume-box.toml", "heated-block.toml"})
        seeds.push_back(source / "tests/cli" / f);
      read = [](const Bytes& t) { (void)rt::parse_scenario(t, "fuzz.toml"); };
    } else if (reader == "build") {
      seeds = files_in(source / "examples/builds", ".toml");
      read = [&](const Bytes& t) {
        const rt::BuildScenario b = rt::parse_build_scenario(t, "fuzz.toml", library);
        (void)rt::lower_build(b);
      };
    } else if (reader == "placement") {
      // What `check` does after reading: the model placed on its grid
      // (solver/model_placement.hpp), whose refusals are invalid_argument.
      // Grids beyond kPlacementCellLimit cells are `check`'s memory
      // refusal's, not placed here.
      seeds = files_in(source / "examples/builds", ".toml");
      for (const fs::path& p : files_in(source / "examples", ".toml")) seeds.push_back(p);
      read = [&](const Bytes& t) {
        const rt::Model m = rt::model_of_scenario_text(t, "fuzz.toml");
        const rt::Grid grid = rt::make_grid(m);
        if (grid.total_cells() > kPlacementCellLimit) throw std::runtime_error("grid too large");
        try {
          rt::check_solvable(m, grid);
        } catch (const std::invalid_argument& e) {
          throw std::runtime_error(e.what());
        }
      };
    } else if (reader == "sweep") {
      seeds = files_in(source / "examples/sweeps", ".toml");
      for (const char* f : {"sweep-box.toml", "sweep-box-2.toml", "sweep-trapped-heat.toml"})
        seeds.push_back(source / "tests/cli" / f);
      read = [&](const Bytes& t) {
        write_all(work / "fuzz.sweep.toml", t);
        (void)rt::load_sweep((work / "fuzz.sweep.toml").string(), std::nullopt);
      };
    } else if (reader == "parts") {
      parts_copy = work / "parts";
      fs::remove_all(parts_copy);
      fs::copy(rt::PartsLibrary::default_dir(), parts_copy);
      seeds = files_in(parts_copy, ".toml");
      read = [&](const Bytes& t) {
        write_all(parts_copy / parts_file, t);
        (void)rt::PartsLibrary::load(parts_copy.string());
      };
    } else if (reader == "checkpoint" || reader == "result") {
      if (!rt::result_h5_available()) {
        std::cout << reader << ": skipped (built without HDF5)\n";
        continue;
      }
      h5 = write_h5_seeds(source, work);
      seeds = {reader == "checkpoint" ? h5.checkpoint : h5.result};
      ext = ".h5";
    } else {
      std::cerr << "rt_fuzz: unknown reader '" << reader << "'\n";
      return 2;
    }

    std::vector<Bytes> seed_bytes;
    for (const fs::path& p : seeds) {
      seed_bytes.push_back(read_all(p));
      // A sweep's mutants are read from WORK_DIR: its base, made absolute.
      if (reader == "sweep") seed_bytes.back() = with_absolute_base(seed_bytes.back(), p);
    }
    const fs::path last = work / ("last-mutant" + ext);
    for (long m = 0; m < mutants; ++m) {
      const std::size_t k = static_cast<std::size_t>(m) % seeds.size();
      const Bytes mutant =
          ext == ".h5" ? mutate_binary(seed_bytes[k], rng) : mutate_text(seed_bytes[k], rng);
      write_all(last, mutant);
      std::function<void()> attempt;
      if (reader == "parts") {
        parts_file = seeds[k].filename().string();
        attempt = [&] { read(mutant); };
      } else if (reader == "checkpoint") {
        attempt = [&] { (void)rt::read_checkpoint_h5(last.string(), h5.grid, h5.text); };
      } else if (reader == "result") {
        attempt = [&] { (void)rt::read_result_h5(last.string()); };
      } else {
        attempt = [&] { read(mutant); };
      }
      judge(attempt, work, ext, mutant, ext == ".h5" && mutant != seed_bytes[k], tally);
      if (reader == "parts") write_all(parts_copy / parts_file, seed_bytes[k]);
    }
    std::cout << reader << ": " << mutants << " mutants of " << seeds.size()
              << " seed files: " << tally.read << " read, " << tally.refused << " refused, "
              << tally.findings << " findings";
    if (tally.detailed > 0)
      std::cout << " (" << tally.detailed << " refusals list details below their line)";
    std::cout << "\n";
    findings += tally.findings;
  }
  return findings == 0 ? 0 : 1;
}
