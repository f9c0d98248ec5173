// The studio's stepped run: one event at a time, to the end, and back in time
// through snapshots, always with the engine state of an uninterrupted run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cepheus/testbench/recorded_test.h"
#include "cepheus/testbench/stepped_run.h"
#include "cepheus/testbench/test_report.h"
#include "plan_for_test.h"

namespace cepheus::testbench {
namespace {

const char* const kRules = R"rules(
schema Reading { device: string, temp: double, ts: timestamp, }
source readings: Reading
  from mqtt "r/{device}"
  event time ts
stream hot from readings
  where temp > 80
pattern overheating
  partition by device
  match every h: hot{3} within 1m
    then not readings where temp < 60 within 2m
  select device, max(h.temp) as peak
alert overheated from overheating
  severity high
  message "Device {device} overheated (peak {peak})"
)rules";

// Five devices for an hour; device-2 runs hot at 20 minutes, device-4 at 40.
const char* const kScenario = R"(
seed = 3
start = "2026-11-20T08:00:00Z"
duration = "1h"
[population.device]
count = 5
names = "device-{n}"
[generate.readings]
per = "device"
every = "10s"
fields.device = "key"
fields.temp = "walk 70 0.5 min 62 max 78"
[anomaly.two]
generate = "readings"
keys = ["device-2"]
at = "20m"
for = "1m"
fields.temp = "normal 85 1 min 81"
[anomaly.four]
generate = "readings"
keys = ["device-4"]
at = "40m"
for = "40s"
fields.temp = "normal 85 1 min 81"
)";

struct Bench {
  std::shared_ptr<const dsl::Plan> plan = engine::plan_for_test(kRules);
  engine::NoTables tables;
  std::unique_ptr<SteppedRun> run;

  explicit Bench(SteppedRunOptions options = {}, const char* scenario_text = kScenario) {
    const auto scenario = parse_scenario("s.toml", scenario_text);
    EXPECT_TRUE(scenario.ok()) << scenario.status().message();
    auto made = SteppedRun::create(plan, *scenario, ".", tables, options);
    EXPECT_TRUE(made.ok()) << made.status().message();
    run = std::move(*made);
  }
  dsl::StatementId id(const std::string& name) const {
    for (dsl::StatementId i = 0; i < plan->statements.size(); ++i)
      if (plan->statements[i].name == name) return i;
    ADD_FAILURE() << "no statement " << name;
    return 0;
  }
};

std::vector<std::string> alert_lines(const SteppedRun& run) {
  std::vector<std::string> lines;
  for (const RunAlert& a : run.alerts())
    lines.push_back(std::to_string(a.position) + " " + a.record.summary() + (a.at_end ? " (end)" : ""));
  return lines;
}

// What the canvas shows at a moment: counters, partial matches, alerts.
std::string state_of(const SteppedRun& run, dsl::StatementId pattern) {
  std::string out = "at " + std::to_string(run.position()) + ":";
  for (dsl::StatementId i = 0; i < run.plan().statements.size(); ++i)
    out += " " + std::to_string(run.engine().counters(i).in) + "/" + std::to_string(run.engine().counters(i).out);
  for (const engine::PartialMatch& m : run.engine().partial_matches(pattern))
    out += " [" + m.key + " " + m.step + " " + std::to_string(m.events) + "]";
  for (const std::string& line : alert_lines(run)) out += "\n" + line;
  return out;
}

TEST(SteppedRun, StepsToTheEndAndFinishesOnce) {
  Bench bench;
  std::uint64_t steps = 0;
  while (true) {
    const auto stepped = bench.run->step();
    ASSERT_TRUE(stepped.ok()) << stepped.status().message();
    if (!*stepped) break;
    ++steps;
  }
  EXPECT_TRUE(bench.run->at_end());
  EXPECT_TRUE(bench.run->fully_known());
  EXPECT_EQ(steps, bench.run->known() + 1);  // every event, then the end of the input
  EXPECT_EQ(bench.run->known(), 5u * 360u);
  const auto alerts = alert_lines(*bench.run);
  // Six hot readings of device-2 are two matches of three; four of device-4 are one.
  ASSERT_EQ(alerts.size(), 3u) << ::testing::PrintToString(alerts);
  EXPECT_NE(alerts[0].find("device-2 overheated"), std::string::npos) << alerts[0];
  EXPECT_NE(alerts[1].find("device-2 overheated"), std::string::npos) << alerts[1];
  EXPECT_NE(alerts[2].find("device-4 overheated"), std::string::npos) << alerts[2];
  EXPECT_FALSE(*bench.run->step());  // nothing more
}

TEST(SteppedRun, RunUntilStopsBeforeTheGivenTime) {
  Bench bench;
  const Timestamp ten = bench.run->start() + Duration::minutes(10);
  const auto processed = bench.run->run_until(ten, 1'000'000);
  ASSERT_TRUE(processed.ok());
  EXPECT_EQ(*processed, bench.run->position());
  EXPECT_LT(bench.run->time(), ten);
  EXPECT_GE(bench.run->time(), ten - Duration::seconds(10));
  // A limit stops it sooner.
  const auto three = bench.run->run_until(Timestamp::max(), 3);
  EXPECT_EQ(*three, 3u);
  EXPECT_EQ(bench.run->position_at(bench.run->time_at(bench.run->position())), bench.run->position());
}

TEST(SteppedRun, GoingBackShowsTheStateOfThatMoment) {
  SteppedRunOptions options;
  options.snapshot_every = 97;  // a restore and a replay for most moments
  Bench bench(options);
  const dsl::StatementId pattern = bench.id("overheating");
  // An uninterrupted run, with its state recorded at a few moments.
  const std::vector<std::uint64_t> moments = {0, 1, 96, 97, 98, 600, 1203, 1205, 1500, 1800};
  std::map<std::uint64_t, std::string> expected;
  for (std::uint64_t moment : moments) {
    ASSERT_TRUE(bench.run->run_until(Timestamp::max(), moment - bench.run->position()).ok());
    expected[moment] = state_of(*bench.run, pattern);
  }
  ASSERT_TRUE(bench.run->run_until(Timestamp::max(), 1'000'000).ok());
  ASSERT_TRUE(bench.run->step().ok());  // the end
  ASSERT_TRUE(bench.run->at_end());
  EXPECT_GT(bench.run->snapshots(), 10u);
  EXPECT_GT(bench.run->snapshot_bytes(), 0u);
  // Back and forth, in a shuffled order: always the same state as then.
  for (std::uint64_t moment : {1205u, 98u, 1800u, 0u, 600u, 1203u, 97u, 1u, 1500u, 96u}) {
    ASSERT_TRUE(bench.run->seek(moment).ok());
    EXPECT_FALSE(bench.run->at_end());
    EXPECT_EQ(state_of(*bench.run, pattern), expected[moment]) << "moment " << moment;
  }
  // And on to the end again: the same alerts as the first time.
  ASSERT_TRUE(bench.run->seek(0).ok());
  while (*bench.run->step()) {
  }
  Bench fresh;
  while (*fresh.run->step()) {
  }
  EXPECT_EQ(alert_lines(*bench.run), alert_lines(*fresh.run));
}

TEST(SteppedRun, TapsTheNewestEventsOfOneStatement) {
  SteppedRunOptions options;
  options.tap_capacity = 4;
  Bench bench(options);
  bench.run->set_tap(bench.id("hot"));
  ASSERT_TRUE(bench.run->run_until(bench.run->start() + Duration::minutes(30), 1'000'000).ok());
  const auto& tapped = bench.run->tapped();
  ASSERT_EQ(tapped.size(), 4u);  // six hot readings of device-2, the newest four kept
  for (const TappedEvent& e : tapped) {
    EXPECT_NE(e.text.find("device-2"), std::string::npos) << e.text;
    EXPECT_GE(e.time, bench.run->start() + Duration::minutes(20));
    EXPECT_GT(e.position, 0u);
  }
  EXPECT_LT(tapped.front().position, tapped.back().position);
  bench.run->set_tap(std::nullopt);
  EXPECT_TRUE(bench.run->tapped().empty());
}

TEST(SteppedRun, AnEventThatDoesNotFitItsSchemaStopsTheRunWithTheReason) {
  Bench bench({}, R"(
start = "2026-11-20T08:00:00Z"
[script]
events = """
+0s readings {"device": "a", "temp": 81}
+1s readings {"device": "a", "temp": "warm"}
"""
)");
  ASSERT_TRUE(*bench.run->step());
  const auto second = bench.run->step();
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("s.toml: an event of 'readings' does not fit its schema"), std::string::npos)
      << second.status().message();
  EXPECT_EQ(bench.run->position(), 1u);  // what was processed stays
}

TEST(SteppedRun, ARecordedRunIsATestThatPassesAndARejectedAlertMakesItFail) {
  const std::filesystem::path project = std::filesystem::path(::testing::TempDir()) / "recorded-project";
  std::filesystem::create_directories(project / "scenarios");
  std::ofstream(project / "scenarios" / "plant.toml") << kScenario;
  Bench bench;
  while (*bench.run->step()) {
  }
  std::vector<ReviewedAlert> reviewed;
  for (const RunAlert& a : bench.run->alerts()) reviewed.push_back({a.record, true});
  ASSERT_EQ(reviewed.size(), 3u);

  const auto judge = [&](const std::vector<ReviewedAlert>& alerts) {
    const std::string text = recorded_test("plant", "Two presses run hot", bench.run->start(), alerts);
    const auto spec = parse_test((project / "tests" / "recorded.toml").string(), text);
    EXPECT_TRUE(spec.ok()) << spec.status().message() << "\n" << text;
    return run_test(*spec, project.string(), bench.plan, bench.tables);
  };
  const TestResult approved = judge(reviewed);
  EXPECT_TRUE(approved.passed) << text_report({approved});
  EXPECT_EQ(approved.expectations.size(), 3u);

  // The analyst says device-4 should not have alerted: the recorded test says so, and fails today.
  reviewed[2].approved = false;
  const TestResult rejected = judge(reviewed);
  EXPECT_FALSE(rejected.passed);
  EXPECT_NE(text_report({rejected}).find("exactly 0"), std::string::npos) << text_report({rejected});
}

TEST(RecordedTest, KeysBecomeFieldMatchersAndOddValuesStayExact) {
  AlertRecord alert;
  alert.rule = "overheated";
  alert.severity = "high";
  alert.key = "device=a,range=1..2";
  alert.time = Timestamp::from_nanos(Duration::minutes(90).count_nanos());
  alert.fields = {{"device", "a"}, {"range", "1..2"}, {"peak", "84"}};
  const std::string text = recorded_test("s", "d", Timestamp::from_nanos(0), {{alert, true}});
  EXPECT_NE(text.find("[expect.overheated_a]\nalert = \"overheated\"\ncount = 1\nafter = \"89m\"\nbefore = \"91m\"\n"
                      "severity = \"high\"\nfields.device = \"a\"\nfields.range = \"= 1..2\"\n"),
            std::string::npos)
      << text;
  const auto spec = parse_test("t.toml", text);
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->expectations.at(0).fields.at(1).op, "=");
  EXPECT_EQ(spec->expectations.at(0).fields.at(1).value, "1..2");
}

}  // namespace
}  // namespace cepheus::testbench
