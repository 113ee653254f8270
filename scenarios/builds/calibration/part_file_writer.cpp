// Writes a calibrated card's part file (part_file_writer.hpp).

#include "scenarios/builds/calibration/part_file_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "scenarios/model/model.hpp"

namespace rt {
namespace {

std::string num(double v, int significant = 6) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", significant, v);
  std::string s = buf;
  return s;
}

std::string list(const std::vector<double>& v, int significant) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + num(v[i], significant);
  return s + "]";
}

}  // namespace

std::string toml_quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string calibrated_gpu_toml(const PartsLibrary& library, const GpuModel& card,
                                const std::string& new_id, const DieModelFit& fit,
                                const CalibrationSource& from) {
  std::map<std::string, std::string> replaced;
  std::vector<std::string> calibrated;
  replaced["R_ref_K_W"] = num(fit.R_ref_K_W, 4);
  calibrated.push_back("R_ref_K_W");
  if (fit.exponent_fitted) {
    replaced["R_exponent"] = num(fit.exponent, 4);
    calibrated.push_back("R_exponent");
  }
  if (fit.fan_curve_fitted) {
    std::vector<double> C, pct;
    for (double T : fit.fan_control.T_K()) C.push_back(T - kCelsiusToKelvin);
    for (double f : fit.fan_control.fraction()) pct.push_back(100 * f);
    replaced["fan_control_die_C"] = list(C, 5);
    replaced["fan_control_pct"] = list(pct, 4);
    calibrated.push_back("fan_control_die_C");
    calibrated.push_back("fan_control_pct");
  }
  std::vector<std::string> estimated;
  for (const std::string& e : card.info.estimated) {
    if (std::find(calibrated.begin(), calibrated.end(), e) == calibrated.end())
      estimated.push_back(e);
  }
  // Q_ref stays as in the library: R_ref is fitted at it.
  std::ostringstream note;
  note << "calibrated by rigtherm calibrate: R_ref_K_W = " << num(fit.R_ref_K_W, 4) << " ± "
       << num(fit.R_ref_se_K_W, 2) << " K/W";
  if (fit.exponent_fitted)
    note << ", R_exponent = " << num(fit.exponent, 3) << " ± " << num(fit.exponent_se, 2);
  else
    note << ", R_exponent kept from the library (fan speed too steady to fit it)";
  note << " from " << fit.samples_used << " quasi-steady samples at " << num(fit.power_lo_W, 3)
       << "-" << num(fit.power_hi_W, 3) << " W, residual " << num(fit.residual_rms_K, 2)
       << " K RMS";
  if (fit.fan_curve_fitted)
    note << "; fan_control from the log between " << num(fit.fan_T_lo_K - kCelsiusToKelvin, 3)
         << " and " << num(fit.fan_T_hi_K - kCelsiusToKelvin, 3)
         << " °C, the library's curve outside";
  note << "; flow assumed ∝ fan speed (fan laws, fixed system resistance) from the solve. "
       << "Library note: " << card.info.note;

  std::ostringstream o;
  o << "# " << new_id << ": " << card.info.id << " calibrated by `rigtherm calibrate` on "
    << from.date << "\n"
    << "# from the nvidia-smi log " << from.log_file << " under the intake air and fin-stack\n"
    << "# flow of " << from.build_file << " (" << from.solve << ").\n"
    << "# Add this folder to the library with a build's [parts] path = \"FOLDER\" or\n"
    << "# RIGTHERM_PARTS_EXTRA=FOLDER (docs/parts-library.md); keys as in gpus.toml.\n\n";
  o << "[gpu." << new_id << "]\n";
  o << "name = " << toml_quoted(card.info.name + " (calibrated)") << "\n";
  o << "source = "
    << toml_quoted("calibrated from the nvidia-smi log " + from.log_file + " on " + from.date +
                   " under " + from.build_file + " (" + from.solve + "); the other values: " +
                   card.info.id + " in the parts library: " + card.info.source)
    << "\n";
  for (const PartField& f : library.fields(card.info)) {
    const auto it = replaced.find(f.key);
    o << f.key << " = " << (it != replaced.end() ? it->second : f.value) << "\n";
  }
  o << "estimated = [";
  for (std::size_t i = 0; i < estimated.size(); ++i)
    o << (i ? ", " : "") << toml_quoted(estimated[i]);
  o << "]\n";
  o << "note = " << toml_quoted(note.str()) << "\n";
  return o.str();
}

}  // namespace rt
