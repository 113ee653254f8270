#pragma once
// A run's output folder and the order its files are written in, so that a
// folder never shows a summary.json that is not the complete result of the
// run that last wrote there (docs/result-files.md): summary.json is removed
// when a run claims the folder and written last, after result.h5.

#include <filesystem>
#include <string>

#include "scenarios/model/model.hpp"
#include "scenarios/model/summary.hpp"
#include "solver/run.hpp"

namespace rt::app {

struct RunFolder {
  explicit RunFolder(const std::filesystem::path& dir);

  std::filesystem::path dir;
  std::string summary;      // summary.json: present = complete
  std::string result_h5;    // the fields, the scenario text, the summary
  std::string result_xmf;   // result.h5 described for ParaView
  std::string time_series;  // time_series.csv of a transient run
  std::string checkpoint;   // checkpoint.h5: kept only by interrupted runs

  // From here the folder is this run's: its summary.json goes (a kill
  // leaves none), a steady run keeps no time series, and when
  // `replacing_another` (--overwrite) nothing of the other scenario's
  // results stays, its checkpoint neither unless `resuming` from it.
  void claim(bool transient, bool replacing_another, bool resuming) const;

  // A diverged run: result files of an earlier run must not sit beside a
  // summary that says this one failed; writes `s` as summary.json.
  void record_divergence(const Summary& s) const;

  // A finished or interrupted run: result.h5 and result.xmf when HDF5 is
  // built in, then summary.json; a run that was not interrupted needs its
  // checkpoint no more. Returns whether result.h5 was written.
  bool write_results(const Model& model, const RunResult& result) const;
};

// summary.json of a run that blew up: what is known, nulls for the rest.
Summary diverged_summary(const Model& m, const std::string& scenario, const std::string& backend,
                         int threads, const std::string& message, int iterations, double wall_s);

}  // namespace rt::app
