// The nvidia-smi log reader (scenarios/builds/calibration/nvidia_smi_log.hpp):
// logs with and without units read into SI samples; each kind of bad log is
// refused with one line naming the file, the line and the field; a real
// public excerpt is read up to the column it lacks.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "scenarios/builds/calibration/nvidia_smi_log.hpp"
#include "scenarios/model/model.hpp"
#include "scenarios/model/scenario_error.hpp"

namespace {

using rt::parse_nvidia_smi_log;

const std::string kHeader =
    "timestamp, index, name, temperature.gpu, power.draw [W], fan.speed [%], clocks.current.sm "
    "[MHz], enforced.power.limit [W]\n";
const std::string kHeaderNoUnits =
    "timestamp, index, name, temperature.gpu, power.draw, fan.speed, clocks.current.sm, "
    "enforced.power.limit\n";

std::string refusal(const std::string& text) {
  try {
    parse_nvidia_smi_log(text, "log.csv");
  } catch (const rt::ScenarioError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    return what;
  }
  ADD_FAILURE() << "not refused:\n" << text;
  return "";
}

TEST(NvidiaSmiLog, ReadsALogWithUnits) {
  const rt::NvidiaSmiLog log = parse_nvidia_smi_log(
      kHeader +
          "2024/03/07 10:00:00.120, 0, NVIDIA GeForce GTX 1080 Ti, 65, 231.45 W, 48 %, 1850 MHz, "
          "250.00 W\n"
          "2024/03/07 10:00:01.125, 0, NVIDIA GeForce GTX 1080 Ti, 66, 240.10 W, 49 %, 1835 MHz, "
          "250.00 W\n",
      "log.csv");
  ASSERT_EQ(log.samples.size(), 2u);
  EXPECT_TRUE(log.units);
  EXPECT_EQ(log.gpu_index, 0);
  EXPECT_EQ(log.gpu_name, "NVIDIA GeForce GTX 1080 Ti");
  EXPECT_DOUBLE_EQ(log.samples[0].T_die_K, 65 + rt::kCelsiusToKelvin);
  EXPECT_DOUBLE_EQ(log.samples[1].power_W, 240.10);
  EXPECT_DOUBLE_EQ(log.samples[1].fan_fraction, 0.49);
  EXPECT_DOUBLE_EQ(log.samples[0].clock_sm_MHz, 1850);
  EXPECT_DOUBLE_EQ(log.samples[0].power_limit_W, 250);
  EXPECT_NEAR(log.samples[1].time_s, 1.005, 1e-6);
  EXPECT_EQ(log.samples[1].line, 3);
}

TEST(NvidiaSmiLog, ReadsALogWithoutUnits) {
  const rt::NvidiaSmiLog log = parse_nvidia_smi_log(
      kHeaderNoUnits +
          "2024/03/07 23:59:59.500, 1, NVIDIA RTX A6000, 80, 290.5, 71, 1700, 300.00\n"
          "2024/03/08 00:00:00.500, 1, NVIDIA RTX A6000, 81, 291.5, 72, 1700, 300.00\n",
      "log.csv");
  ASSERT_EQ(log.samples.size(), 2u);
  EXPECT_FALSE(log.units);
  EXPECT_EQ(log.gpu_index, 1);
  EXPECT_DOUBLE_EQ(log.samples[1].power_W, 291.5);
  EXPECT_DOUBLE_EQ(log.samples[1].fan_fraction, 0.72);
  EXPECT_NEAR(log.samples[1].time_s, 1.0, 1e-6);  // across midnight
}

TEST(NvidiaSmiLog, RefusesALogWithoutTheNeededColumns) {
  const std::string e = refusal(
      "timestamp, name, utilization.gpu [%], memory.used [MiB]\n"
      "2024/03/07 10:00:00.120, NVIDIA GeForce GTX 1080 Ti, 99 %, 10000 MiB\n");
  EXPECT_NE(e.find("log.csv:1:"), std::string::npos) << e;
  EXPECT_NE(e.find("no temperature.gpu, power.draw, fan.speed column"), std::string::npos) << e;
  EXPECT_NE(e.find("--query-gpu=timestamp"), std::string::npos) << e;
}

TEST(NvidiaSmiLog, RefusesNotAvailableReadings) {
  std::string e = refusal(kHeader +
                          "2024/03/07 10:00:00.120, 0, NVIDIA A100-PCIE-40GB, 65, 231.45 W, "
                          "[N/A], 1410 MHz, 250.00 W\n");
  EXPECT_NE(e.find("log.csv:2: key 'fan.speed'"), std::string::npos) << e;
  EXPECT_NE(e.find("[N/A]"), std::string::npos) << e;
  EXPECT_NE(e.find("passive card"), std::string::npos) << e;
  e = refusal(kHeader +
              "2024/03/07 10:00:00.120, 0, NVIDIA GeForce GTX 1050, 65, [Not Supported], 40 %, "
              "1410 MHz, 75.00 W\n");
  EXPECT_NE(e.find("log.csv:2: key 'power.draw'"), std::string::npos) << e;
  EXPECT_NE(e.find("[Not Supported]"), std::string::npos) << e;
}

TEST(NvidiaSmiLog, ReadsNotAvailableInOptionalColumns) {
  const rt::NvidiaSmiLog log = parse_nvidia_smi_log(
      kHeader + "2024/03/07 10:00:00.120, 0, GPU, 65, 231.45 W, 48 %, [N/A], [N/A]\n", "log.csv");
  EXPECT_DOUBLE_EQ(log.samples[0].clock_sm_MHz, -1);
  EXPECT_DOUBLE_EQ(log.samples[0].power_limit_W, -1);
}

TEST(NvidiaSmiLog, RefusesOddOrMissingUnits) {
  // A header unit other than nvidia-smi's own.
  std::string e = refusal(
      "timestamp, temperature.gpu, power.draw [mW], fan.speed [%]\n"
      "2024/03/07 10:00:00.120, 65, 231450 mW, 48 %\n");
  EXPECT_NE(e.find("log.csv:1: key 'power.draw'"), std::string::npos) << e;
  EXPECT_NE(e.find("[mW]"), std::string::npos) << e;
  // A value whose unit is not the header's.
  e = refusal(kHeader + "2024/03/07 10:00:00.120, 0, GPU, 65, 231.45 kW, 48 %, 1 MHz, 1 W\n");
  EXPECT_NE(e.find("log.csv:2: key 'power.draw'"), std::string::npos) << e;
  EXPECT_NE(e.find("expected a value in W"), std::string::npos) << e;
  // A value without the unit its header promises.
  e = refusal(kHeader + "2024/03/07 10:00:00.120, 0, GPU, 65, 231.45, 48 %, 1 MHz, 1 W\n");
  EXPECT_NE(e.find("key 'power.draw'"), std::string::npos) << e;
  // Units in the values of a nounits log (two logs glued together).
  e = refusal(kHeaderNoUnits + "2024/03/07 10:00:00.120, 0, GPU, 65, 231.45 W, 48, 1, 1\n");
  EXPECT_NE(e.find("has a unit, the header none"), std::string::npos) << e;
  // Not a number at all.
  e = refusal(kHeader + "2024/03/07 10:00:00.120, 0, GPU, hot, 231.45 W, 48 %, 1 MHz, 1 W\n");
  EXPECT_NE(e.find("key 'temperature.gpu': 'hot' is not a number"), std::string::npos) << e;
}

TEST(NvidiaSmiLog, RefusesSeveralGpusInOneFile) {
  const std::string e =
      refusal(kHeader +
              "2024/03/07 10:00:00.120, 0, GPU, 65, 231.45 W, 48 %, 1 MHz, 1 W\n"
              "2024/03/07 10:00:00.121, 1, GPU, 60, 211.45 W, 45 %, 1 MHz, 1 W\n");
  EXPECT_NE(e.find("log.csv:3: key 'index'"), std::string::npos) << e;
  EXPECT_NE(e.find("a second GPU"), std::string::npos) << e;
  EXPECT_NE(e.find("nvidia-smi -i"), std::string::npos) << e;
}

TEST(NvidiaSmiLog, RefusesBadTimestampsAndCutLines) {
  std::string e = refusal(kHeader + "yesterday, 0, GPU, 65, 231.45 W, 48 %, 1 MHz, 1 W\n");
  EXPECT_NE(e.find("key 'timestamp'"), std::string::npos) << e;
  e = refusal(kHeader +
              "2024/03/07 10:00:02.120, 0, GPU, 65, 231.45 W, 48 %, 1 MHz, 1 W\n"
              "2024/03/07 10:00:01.120, 0, GPU, 65, 231.45 W, 48 %, 1 MHz, 1 W\n");
  EXPECT_NE(e.find("log.csv:3:"), std::string::npos) << e;
  EXPECT_NE(e.find("earlier"), std::string::npos) << e;
  e = refusal(kHeader + "2024/03/07 10:00:02.120, 0, GPU, 65, 231.4\n");
  EXPECT_NE(e.find("log.csv:2:"), std::string::npos) << e;
  EXPECT_NE(e.find("fields, the header has 8"), std::string::npos) << e;
  e = refusal("");
  EXPECT_NE(e.find("empty file"), std::string::npos) << e;
  e = refusal(kHeader);
  EXPECT_NE(e.find("no samples"), std::string::npos) << e;
}

// A real log posted in a bug report (data/nvidia-smi/README.md): its
// header's units, clocks.current.sm and unused columns read; it has no
// timestamp, and says so.
TEST(NvidiaSmiLog, RealPublicExcerptIsRefusedForItsMissingTimestamp) {
  const std::string path =
      std::string(RT_SOURCE_DIR) + "/tests/unit/data/nvidia-smi/ksysguard-gpu-issue-27.csv";
  try {
    rt::read_nvidia_smi_log(path);
    FAIL() << "read without a timestamp column";
  } catch (const rt::ScenarioError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("ksysguard-gpu-issue-27.csv:1:"), std::string::npos) << what;
    EXPECT_NE(what.find("no timestamp column"), std::string::npos) << what;
  }
}

}  // namespace
