// A test run judged: expectations that hold, ones that do not, and the
// explanation of an alert that did not fire.
#include <gtest/gtest.h>

#include "cepheus/testbench/test_report.h"
#include "cepheus/testbench/test_run.h"
#include "plan_for_test.h"

namespace cepheus::testbench {
namespace {

const char* const kRules = R"rules(
schema Reading { device: string, temp: double, ts: timestamp, }
source readings: Reading
  from mqtt "r/{device}"
  event time ts
pattern overheating
  partition by device
  match every hot: readings{3} where temp > 80 within 1m
  select device, max(hot.temp) as peak
alert overheated from overheating
  severity high
  message "Device {device} overheated (peak {peak})"
)rules";

TestResult run_text(const std::string& test_text, const char* rules = kRules) {
  const auto spec = parse_test("tests/t.toml", test_text);
  EXPECT_TRUE(spec.ok()) << spec.status().message();
  engine::NoTables tables;
  return run_test(*spec, ".", engine::plan_for_test(rules), tables);
}

const char* const kEvents = R"(
start = "2026-11-20T08:00:00Z"
[script]
events = """
+0s  readings {"device": "a", "temp": 81}
+20s readings {"device": "a", "temp": 82}
+40s readings {"device": "a", "temp": 83}
+0s  readings {"device": "b", "temp": 81}
+20s readings {"device": "b", "temp": 78.5}
+40s readings {"device": "b", "temp": 83}
+5m  readings {"device": "a", "temp": 70}
+5m  readings {"device": "b", "temp": 70}
"""
)";

TEST(TestRun, ExpectationsThatHoldPass) {
  const TestResult r = run_text("only = true\n" + std::string(kEvents) + R"(
[expect.a]
alert = "overheated"
count = 1
fields.device = "a"
fields.peak = "82.5..83"
message = "peak 83"
severity = "high"
before = "1m"
[expect.b]
alert = "overheated"
count = 0
fields.device = "b"
)");
  EXPECT_TRUE(r.error.empty()) << r.error;
  EXPECT_TRUE(r.passed) << text_report({r});
  EXPECT_EQ(r.events, 8u);
  EXPECT_EQ(r.alerts, 1u);
}

TEST(TestRun, AMissingAlertIsExplainedByTheConditionThatFailed) {
  const TestResult r = run_text(std::string(kEvents) + R"(
[expect.b]
alert = "overheated"
fields.device = "b"
)");
  ASSERT_FALSE(r.passed);
  const std::string report = text_report({r});
  EXPECT_NE(report.find("FAIL t"), std::string::npos) << report;
  EXPECT_NE(report.find("expected: 'overheated', at least 1, device = b"), std::string::npos) << report;
  EXPECT_NE(report.find("got:      0 matching alert(s)"), std::string::npos) << report;
  EXPECT_NE(report.find("other 'overheated' alerts:"), std::string::npos) << report;
  // The closest partial match of b took one event, then 78.5 failed the condition.
  EXPECT_NE(report.find("pattern 'overheating' [b]: the closest partial match"), std::string::npos) << report;
  EXPECT_NE(report.find("temp 78.5 failed > 80 at +20s"), std::string::npos) << report;
}

TEST(TestRun, TooManyAlertsAndUnexpectedOnesFail) {
  const TestResult r = run_text("only = true\n" + std::string(kEvents) + R"(
[expect.none]
alert = "overheated"
count = 0
fields.device = "b"
)");
  ASSERT_FALSE(r.passed);
  ASSERT_EQ(r.unexpected.size(), 1u);
  EXPECT_NE(text_report({r}).find("unexpected (the test says only = true): 1 alert(s)"), std::string::npos);
  const std::string junit = junit_report("p", {r});
  EXPECT_NE(junit.find("<testsuite name=\"p\" tests=\"1\" failures=\"1\" errors=\"0\""), std::string::npos) << junit;
  EXPECT_NE(junit.find("<failure message=\"an expectation did not hold\">"), std::string::npos) << junit;
}

TEST(TestRun, CoverageCountsStepsMatchesAndAlerts) {
  const TestResult r = run_text(std::string(kEvents) + "[expect.a]\nalert = \"overheated\"\n");
  const std::string report = coverage_report(r.coverage);
  EXPECT_NE(report.find("[x] step hot: "), std::string::npos) << report;  // events taken, by every run
  EXPECT_NE(report.find("[x] matched: 1"), std::string::npos) << report;
  EXPECT_NE(report.find("[x] fired: 1"), std::string::npos) << report;
}

// A window's results judged by its `having`, a stream's and an alert's `where`
// and the alert's throttle: the last word on them is a condition, not a step.
const char* const kWindowRules = R"rules(
schema Reading { device: string, temp: double, ts: timestamp, }
source readings: Reading
  from mqtt "r/{device}"
  event time ts
window minute from readings
  group by device
  tumbling 1m
  compute avg(temp) as avg_temp, count() as n
  having n >= 2
stream hot_minutes from minute
  where avg_temp > 80
alert hot_device from hot_minutes
  where n >= 2 and avg_temp < 100
  severity high
  message "Device {device}: {avg_temp} over a minute"
  throttle 10m per device
)rules";

// a: hot minutes at 08:00 and 08:01 (the second within the throttle), 79 at 08:02;
// b: one reading at 08:00 and at 08:10 (too few), 79.5 and 78 at 08:01 and 08:02;
// c: 150 at 08:00.
const char* const kMinutes = R"(
start = "2026-11-20T08:00:00Z"
[script]
events = """
+0s   readings {"device": "a", "temp": 81}
+0s   readings {"device": "b", "temp": 90}
+0s   readings {"device": "c", "temp": 150}
+10s  readings {"device": "a", "temp": 83}
+20s  readings {"device": "c", "temp": 150}
+60s  readings {"device": "a", "temp": 85}
+60s  readings {"device": "b", "temp": 79}
+70s  readings {"device": "a", "temp": 85}
+70s  readings {"device": "b", "temp": 80}
+120s readings {"device": "a", "temp": 79}
+120s readings {"device": "b", "temp": 78}
+130s readings {"device": "a", "temp": 79}
+130s readings {"device": "b", "temp": 78}
+10m  readings {"device": "a", "temp": 20}
+10m  readings {"device": "b", "temp": 20}
"""
)";

TEST(TestRun, AWindowResultThatFailedTheConditionsAfterItIsNamedWithItsValues) {
  const TestResult r = run_text(std::string(kMinutes) + R"(
[expect.b]
alert = "hot_device"
fields.device = "b"
)",
                                kWindowRules);
  ASSERT_FALSE(r.passed);
  const std::string report = text_report({r});
  EXPECT_NE(report.find("window 'minute': 2 result(s) for these keys in that time; held back on the way to the alert:"),
            std::string::npos)
      << report;
  // Of b's results, 79.5 came closest to > 80 (78 did not); its single reading at 08:00 was too few.
  EXPECT_NE(report.find("by stream 'hot_minutes' where: 2, the closest at +2m (2026-11-20T08:02:00Z): [device=b] "
                        "avg_temp 79.5 failed > 80"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("by window 'minute' having: 2, the closest at +1m (2026-11-20T08:01:00Z): [device=b] "
                        "n 1 failed >= 2"),
            std::string::npos)
      << report;
  const std::string why = report.substr(report.find("why:"));
  EXPECT_EQ(why.find("device=a"), std::string::npos) << "another key's results are not b's: " << report;
}

TEST(TestRun, AnAlertHeldBackByItsThrottleOrItsOwnConditionIsNamed) {
  const TestResult r = run_text(std::string(kMinutes) + R"(
[expect.twice]
alert = "hot_device"
count = 2
fields.device = "a"
[expect.c]
alert = "hot_device"
fields.device = "c"
)",
                                kWindowRules);
  ASSERT_FALSE(r.passed);
  const std::string report = text_report({r});
  EXPECT_NE(report.find("by alert 'hot_device' throttle: 1, the closest at +2m (2026-11-20T08:02:00Z): [device=a] 1m "
                        "after the alert for device=a at 2026-11-20T08:01:00Z, within its throttle of 10m"),
            std::string::npos)
      << report;
  // c's minute held the first part of the alert's condition and failed the second.
  EXPECT_NE(report.find("by alert 'hot_device' where: 1, the closest at +1m (2026-11-20T08:01:00Z): [device=c] "
                        "avg_temp 150 failed < 100"),
            std::string::npos)
      << report;
}

TEST(TestRun, AScenarioThatCannotRunIsAnErrorNotAPass) {
  const auto spec = parse_test("tests/t.toml", "scenario = \"missing\"\n[expect.a]\nalert = \"overheated\"\n");
  ASSERT_TRUE(spec.ok());
  engine::NoTables tables;
  const TestResult r = run_test(*spec, "/nonexistent", engine::plan_for_test(kRules), tables);
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.error.find("cannot read /nonexistent/scenarios/missing.toml"), std::string::npos) << r.error;
  EXPECT_NE(junit_report("p", {r}).find("<error message="), std::string::npos);
}

}  // namespace
}  // namespace cepheus::testbench
