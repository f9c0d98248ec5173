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

TestResult run_text(const std::string& test_text) {
  const auto spec = parse_test("tests/t.toml", test_text);
  EXPECT_TRUE(spec.ok()) << spec.status().message();
  engine::NoTables tables;
  return run_test(*spec, ".", engine::plan_for_test(kRules), tables);
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
