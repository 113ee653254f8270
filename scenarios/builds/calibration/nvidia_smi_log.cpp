// Reads an nvidia-smi --query-gpu CSV log (nvidia_smi_log.hpp). The format
// is nvidia-smi's: fields separated by ", ", a header of the query's field
// names with "[unit]" after those that have one (unless nounits), values
// with " unit" after them ("250.31 W", "45 %", "1830 MHz"), and "[N/A]" or
// "[Not Supported]" where the card has no reading.

#include "scenarios/builds/calibration/nvidia_smi_log.hpp"

#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "scenarios/model/model.hpp"
#include "scenarios/model/scenario_error.hpp"
#include "scenarios/toml/input_file.hpp"

namespace rt {
namespace {

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\xef' ||
                   s[a] == '\xbb' || s[a] == '\xbf'))
    ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  return std::string(s.substr(a, b - a));
}

std::vector<std::string> split_fields(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    out.push_back(
        trim(line.substr(start, comma == std::string_view::npos ? line.npos : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

// The unit each numeric field is logged in, as nvidia-smi writes it (none
// for temperature.gpu: nvidia-smi prints plain degrees C).
const std::map<std::string, std::string>& field_units() {
  static const std::map<std::string, std::string> units = {{"temperature.gpu", ""},
                                                           {"power.draw", "W"},
                                                           {"fan.speed", "%"},
                                                           {"clocks.sm", "MHz"},
                                                           {"enforced.power.limit", "W"}};
  return units;
}

struct Column {
  int index = -1;
  std::string unit;  // from the header's "[unit]"; empty when nounits
};

// Seconds since 1970 of "YYYY/MM/DD HH:MM:SS.mmm" (nvidia-smi's timestamp;
// also accepts '-' between the date's parts), or nullopt.
std::optional<double> timestamp_s(const std::string& t) {
  int Y, Mo, D, h, mi;
  double s;
  char c1, c2;
  if (std::sscanf(t.c_str(), "%d%c%d%c%d %d:%d:%lf", &Y, &c1, &Mo, &c2, &D, &h, &mi, &s) != 8)
    return std::nullopt;
  if (c1 != c2 || (c1 != '/' && c1 != '-') || Mo < 1 || Mo > 12 || D < 1 || D > 31 || h < 0 ||
      h > 23 || mi < 0 || mi > 59 || s < 0 || s >= 61)
    return std::nullopt;
  // Days from the civil date (H. Hinnant's algorithm): no time zone enters,
  // only differences between samples are used.
  const int y = Y - (Mo <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (Mo + (Mo > 2 ? -3 : 9)) + 2) / 5 + D - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const double days = era * 146097.0 + doe - 719468.0;
  return days * 86400.0 + h * 3600.0 + mi * 60.0 + s;
}

class Reader {
 public:
  Reader(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  NvidiaSmiLog read() {
    NvidiaSmiLog log;
    log.file = file_;
    int line_no = 0;
    bool header_seen = false;
    std::set<int> indices;
    std::set<std::string> names;
    double t0 = 0;
    std::size_t pos = 0;
    while (pos <= text_.size()) {
      const std::size_t nl = text_.find('\n', pos);
      const std::string_view raw =
          text_.substr(pos, nl == std::string_view::npos ? text_.npos : nl - pos);
      pos = nl == std::string_view::npos ? text_.size() + 1 : nl + 1;
      ++line_no;
      const std::string line = trim(raw);
      if (line.empty()) continue;
      const std::vector<std::string> f = split_fields(line);
      if (!header_seen) {
        read_header(f, line_no);
        log.units = units_;
        header_seen = true;
        continue;
      }
      // nvidia-smi -l repeats nothing, but logs glued together from two
      // runs repeat the header: skip it when it is the same one.
      if (f == header_) continue;
      if (f.size() != header_.size()) {
        fail(line_no, "",
             std::to_string(f.size()) + " fields, the header has " +
                 std::to_string(header_.size()) + " (a cut-off line? remove it)");
      }
      NvidiaSmiSample s;
      s.line = line_no;
      const std::string& ts = f[col("timestamp").index];
      const std::optional<double> t = timestamp_s(ts);
      if (!t) fail(line_no, "timestamp", "'" + ts + "' is not a YYYY/MM/DD HH:MM:SS.mmm time");
      if (log.samples.empty()) t0 = *t;
      s.time_s = *t - t0;
      if (!log.samples.empty() && s.time_s < log.samples.back().time_s) {
        fail(line_no, "timestamp",
             "'" + ts + "' is earlier than the line before; one log of one run, in order");
      }
      s.T_die_K = value(f, "temperature.gpu", line_no, true) + kCelsiusToKelvin;
      s.power_W = value(f, "power.draw", line_no, true);
      const double fan_pct = value(f, "fan.speed", line_no, true);
      if (fan_pct < 0 || fan_pct > 100) fail(line_no, "fan.speed", "fan speed outside 0-100 %");
      s.fan_fraction = fan_pct / 100.0;
      if (columns_.count("clocks.sm")) s.clock_sm_MHz = value(f, "clocks.sm", line_no, false);
      if (columns_.count("enforced.power.limit"))
        s.power_limit_W = value(f, "enforced.power.limit", line_no, false);
      if (columns_.count("index")) {
        const std::string& v = f[col("index").index];
        indices.insert(std::atoi(v.c_str()));
        if (indices.size() > 1) {
          fail(line_no, "index",
               "a second GPU (index " + v +
                   ") in the log: calibrate fits one card; log it "
                   "alone with nvidia-smi -i INDEX ..., or keep its lines only");
        }
        log.gpu_index = *indices.begin();
      }
      if (columns_.count("name")) {
        names.insert(f[col("name").index]);
        if (names.size() > 1) {
          fail(line_no, "name",
               "a second GPU ('" + f[col("name").index] +
                   "') in the log: calibrate fits one "
                   "card; log it alone with nvidia-smi -i INDEX ...");
        }
        log.gpu_name = *names.begin();
      }
      log.samples.push_back(s);
    }
    if (!header_seen)
      fail(0, "", "empty file: expected nvidia-smi --query-gpu=... --format=csv output");
    if (log.samples.empty()) fail(0, "", "a header and no samples");
    return log;
  }

 private:
  [[noreturn]] void fail(int line, const std::string& key, const std::string& problem) const {
    throw ScenarioError(file_, line, key, problem);
  }

  const Column& col(const std::string& name) const { return columns_.at(name); }

  void read_header(const std::vector<std::string>& f, int line_no) {
    header_ = f;
    bool any_unit = false;
    for (std::size_t i = 0; i < f.size(); ++i) {
      std::string name = f[i], unit;
      const std::size_t br = name.find('[');
      if (br != std::string::npos) {
        const std::size_t close = name.find(']', br);
        if (close == std::string::npos) fail(line_no, name, "unclosed '[' in the header");
        unit = trim(std::string_view(name).substr(br + 1, close - br - 1));
        name = trim(std::string_view(name).substr(0, br));
      }
      // nvidia-smi heads the clocks.sm query "clocks.current.sm".
      if (name == "clocks.current.sm") name = "clocks.sm";
      const auto known = field_units().find(name);
      if (known != field_units().end() && !known->second.empty()) {
        any_unit = any_unit || !unit.empty();
        if (!unit.empty() && unit != known->second) {
          fail(line_no, name,
               "logged in [" + unit + "]; calibrate reads [" + known->second +
                   "] (nvidia-smi's own unit)");
        }
      }
      columns_[name] = Column{static_cast<int>(i), unit};
    }
    std::string missing;
    for (const char* need : {"timestamp", "temperature.gpu", "power.draw", "fan.speed"}) {
      if (!columns_.count(need)) missing += std::string(missing.empty() ? "" : ", ") + need;
    }
    if (!missing.empty()) {
      fail(line_no, "",
           "not the log calibrate reads: no " + missing +
               " column (header: " + trim(join_header()) +
               "); log with nvidia-smi --query-gpu=timestamp,index,name,temperature.gpu,"
               "power.draw,fan.speed,clocks.sm,enforced.power.limit --format=csv -l 1");
    }
    units_ = any_unit;
  }

  std::string join_header() const {
    std::string s;
    for (const std::string& h : header_) s += (s.empty() ? "" : ", ") + h;
    return s;
  }

  // A numeric field: its number, with the unit its header promises.
  double value(const std::vector<std::string>& f, const std::string& name, int line_no,
               bool required) {
    const Column& c = col(name);
    const std::string& v = f[c.index];
    if (!v.empty() && v.front() == '[') {
      if (!required) return -1;
      fail(line_no, name,
           "'" + v + "': the card does not report " + name +
               (name == "fan.speed" ? " (a passive card, or fans driven by the case: nothing "
                                      "to fit the fan to)"
                                    : "") +
               "; calibrate needs it on every line");
    }
    const char* begin = v.c_str();
    char* end = nullptr;
    const double x = std::strtod(begin, &end);
    if (end == begin || !std::isfinite(x)) fail(line_no, name, "'" + v + "' is not a number");
    const std::string unit = trim(std::string_view(end));
    const std::string& expected = field_units().at(name);
    if (unit != c.unit) {
      if (c.unit.empty() && unit == expected) {
        fail(line_no, name,
             "'" + v + "' has a unit, the header none: one log from one nvidia-smi run");
      }
      if (c.unit.empty() && expected.empty()) {
        fail(line_no, name, "'" + v + "': expected a plain number");
      }
      fail(line_no, name,
           "'" + v + "': expected " + (c.unit.empty() ? "a plain number" : "a value in " + c.unit) +
               " as the header says");
    }
    return x;
  }

  std::string_view text_;
  const std::string& file_;
  std::vector<std::string> header_;
  std::map<std::string, Column> columns_;
  bool units_ = true;
};

}  // namespace

NvidiaSmiLog parse_nvidia_smi_log(std::string_view text, const std::string& file) {
  return Reader(text, file).read();
}

NvidiaSmiLog read_nvidia_smi_log(const std::string& path) {
  return parse_nvidia_smi_log(input_file_text(path, "nvidia-smi log"), path);
}

}  // namespace rt
