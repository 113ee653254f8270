#include "app/pipeline/run_folder.hpp"

#include <limits>
#include <system_error>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "app/pipeline/pictures.hpp"
#include "io/atomic_file.hpp"
#include "io/result_h5.hpp"
#include "io/summary_json.hpp"

namespace fs = std::filesystem;

namespace rt::app {

RunFolder::RunFolder(const fs::path& d)
    : dir(d),
      summary((d / "summary.json").string()),
      result_h5((d / "result.h5").string()),
      result_xmf((d / "result.xmf").string()),
      time_series((d / "time_series.csv").string()),
      checkpoint((d / "checkpoint.h5").string()) {}

void RunFolder::claim(bool transient, bool replacing_another, bool resuming) const {
  std::error_code ec;
  fs::remove(summary, ec);
  if (!transient) fs::remove(time_series, ec);
  if (!replacing_another) return;
  for (const std::string& f : {result_h5, result_xmf, time_series}) fs::remove(f, ec);
  if (!resuming) fs::remove(checkpoint, ec);
  remove_old_pictures(dir);
}

void RunFolder::record_divergence(const Summary& s) const {
  std::error_code ec;
  fs::remove(result_h5, ec);
  fs::remove(result_xmf, ec);
  remove_old_pictures(dir);
  write_summary_json(summary, s);
}

bool RunFolder::write_results(const Model& model, const RunResult& result) const {
  const Summary& s = result.summary;
  const std::string summary_text = summary_json_text(s);
  bool wrote_h5 = false;
  if (result_h5_available()) {
    const std::vector<ResultPart> parts = result_parts(model, s);
    write_result_h5(result_h5, result.grid, result.fields, s, model.source_text, summary_text,
                    parts);
    write_result_xdmf(result_xmf, result_h5, result.grid, result.fields, parts);
    wrote_h5 = true;
  }
  write_text_atomic(summary, summary_text);
  std::error_code ec;
  if (s.stop_reason != "interrupted") fs::remove(checkpoint, ec);
  return wrote_h5;
}

Summary diverged_summary(const Model& m, const std::string& scenario, const std::string& backend,
                         int threads, const std::string& message, int iterations, double wall_s) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Summary s;
  s.scenario = scenario;
  s.backend = backend;
  s.threads = threads;
#ifdef _OPENMP
  if (s.threads <= 0) s.threads = omp_get_max_threads();
#endif
  s.turbulence = turbulence_name(m.physics.turbulence);
  s.max_turbulent_viscosity_ratio = nan;
  s.converged = false;
  s.stop_reason = "diverged: " + message;
  s.iterations = iterations;
  s.wall_time_s = wall_s;
  s.cells = m.cells;
  s.sources_W = 0;
  for (const Block& b : m.blocks) s.sources_W += b.power_W;
  s.out_W = nan;
  s.energy_error_pct = nan;
  for (FaceTotals& f : s.boundaries) f = {nan, nan};
  for (const Block& b : m.blocks) s.components.push_back({b.name, "block", b.power_W, nan, nan});
  for (const Monitor& mo : m.monitors) {
    s.monitors.push_back({mo.name, mo.position_m, nan, {nan, nan, nan}});
  }
  return s;
}

}  // namespace rt::app
