#pragma once
// An nvidia-smi log of one card, as written by
//
//   nvidia-smi --query-gpu=timestamp,index,name,temperature.gpu,power.draw,
//              fan.speed,clocks.sm,enforced.power.limit --format=csv -l 1
//
// (or --format=csv,nounits): a header line naming the queried fields, then
// one line per sample. What `rigtherm calibrate` fits the die model to.
// Required fields: timestamp, temperature.gpu, power.draw, fan.speed; the
// others are read when present (index: one card per log) and any further
// field is ignored. Units are checked where nvidia-smi writes them: the
// header's "power.draw [W]" and each value's "W"; a value whose unit
// differs from its header's is refused, as is "[N/A]" or "[Not Supported]"
// in a required field (a passive card has no fan.speed: nothing to fit).
//
// SI inside: temperatures in K, power in W, fan speed as a fraction 0..1,
// time in s from the first sample.
//
// Errors throw ScenarioError with the file and line ("log.csv:12: power.draw:
// '[N/A]': this card does not report its power; calibrate needs it").

#include <string>
#include <string_view>
#include <vector>

namespace rt {

struct NvidiaSmiSample {
  double time_s = 0;  // since the first sample
  double T_die_K = 0;
  double power_W = 0;
  double fan_fraction = 0;    // nvidia-smi's fan.speed (the speed asked for), 0..1
  double clock_sm_MHz = -1;   // -1: not logged
  double power_limit_W = -1;  // -1: not logged
  int line = 0;               // in the file
};

struct NvidiaSmiLog {
  std::string file;
  std::string gpu_name;  // the name field, when logged
  int gpu_index = -1;    // the index field, when logged
  bool units = true;     // false: --format=csv,nounits
  std::vector<NvidiaSmiSample> samples;
  double duration_s() const { return samples.empty() ? 0.0 : samples.back().time_s; }
};

// `file` names the text in messages. Throws ScenarioError.
NvidiaSmiLog parse_nvidia_smi_log(std::string_view text, const std::string& file);
NvidiaSmiLog read_nvidia_smi_log(const std::string& path);

}  // namespace rt
