// Simulations: every feed merged in event time, the seed making them byte for
// byte reproducible, anomalies and scripts where they were put.
#include <gtest/gtest.h>

#include <set>

#include "cepheus/core/json_value.h"
#include "cepheus/testbench/simulation.h"
#include "plan_for_test.h"

namespace cepheus::testbench {
namespace {

const char* const kRules = R"(
schema Reading { device: string, site: string?, temp: double, count: int?, ts: timestamp, }
source readings: Reading
  from mqtt "plant/{site}/{device}/readings"
  event time ts
)";

std::vector<SimulatedEvent> run(const std::string& scenario_text, const std::string& rules = kRules) {
  const auto scenario = parse_scenario("s.toml", scenario_text);
  EXPECT_TRUE(scenario.ok()) << scenario.status().message();
  const auto plan = engine::plan_for_test(rules);
  auto simulation = Simulation::create(*scenario, *plan, ".");
  EXPECT_TRUE(simulation.ok()) << simulation.status().message();
  std::vector<SimulatedEvent> events;
  if (!simulation.ok()) return events;
  while (auto event = (*simulation)->next()) events.push_back(std::move(*event));
  return events;
}

std::string all_lines(const std::vector<SimulatedEvent>& events) {
  std::string out;
  for (const SimulatedEvent& e : events) out += e.replay_line() + "\n";
  return out;
}

const char* const kPlant = R"(
seed = 42
start = "2026-11-20T06:00:00Z"
duration = "10m"
[population.device]
count = 5
names = "d{n}"
[generate.readings]
per = "device"
every = "30s"
fields.device = "key"
fields.site = "per key one of north south"
fields.temp = "walk 70 0.5"
fields.count = "counter 1"
[anomaly.hot]
generate = "readings"
keys = ["d3"]
at = "5m"
for = "2m"
fields.temp = "constant 99"
[script]
events = """
+1m readings {"device": "x", "temp": 1.5}
"""
)";

TEST(Simulation, TheSameSeedGivesTheSameBytesAndAnotherSeedOthers) {
  const std::string first = all_lines(run(kPlant));
  EXPECT_EQ(first, all_lines(run(kPlant)));
  std::string other = kPlant;
  other.replace(other.find("seed = 42"), 9, "seed = 43");
  EXPECT_NE(first, all_lines(run(other)));
}

TEST(Simulation, EventsComeInTimeOrderWithTheirTimeFieldAndTypes) {
  const auto events = run(kPlant);
  ASSERT_EQ(events.size(), 5u * 20 + 1);
  std::map<std::string, std::set<std::string>> sites;
  std::map<std::string, std::int64_t> counters;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i > 0) {
      EXPECT_LE(events[i - 1].time, events[i].time);
    }
    const auto json = JsonValue::parse(events[i].fields);
    ASSERT_TRUE(json.ok());
    EXPECT_EQ(json->find("ts")->text(), format_timestamp(events[i].time));
    const std::string device = json->find("device")->text();
    if (device == "x") {
      EXPECT_EQ(events[i].time, *parse_timestamp("2026-11-20T06:01:00Z"));
      continue;
    }
    sites[device].insert(json->find("site")->text());
    // A counter per key: 1, 2, 3, ...
    EXPECT_EQ(*json->find("count")->as_int(), ++counters[device]);
    const double temp = *json->find("temp")->as_double();
    const bool in_anomaly = device == "d3" && events[i].time >= *parse_timestamp("2026-11-20T06:05:00Z") &&
                            events[i].time < *parse_timestamp("2026-11-20T06:07:00Z");
    if (in_anomaly) {
      EXPECT_EQ(temp, 99);
    } else {
      EXPECT_LT(std::abs(temp - 70), 20);
    }
  }
  for (const auto& [device, seen] : sites) EXPECT_EQ(seen.size(), 1u) << device << ": 'per key' keeps one site";
}

TEST(Simulation, ASilencedKeySendsNothingWhileItLasts) {
  const auto events = run(R"(
start = "2026-11-20T06:00:00Z"
duration = "10m"
[population.device]
values = ["a", "b"]
[generate.readings]
per = "device"
every = "1m"
fields.device = "key"
fields.temp = "constant 1"
[anomaly.off]
generate = "readings"
keys = ["b"]
at = "2m"
for = "5m"
silent = true
)");
  std::size_t b = 0;
  for (const SimulatedEvent& e : events)
    if (e.fields.find("\"b\"") != std::string::npos) ++b;
  EXPECT_EQ(b, 5u);  // 10 minutes, one a minute, 5 of them silenced
  EXPECT_EQ(events.size(), 15u);
}

TEST(Simulation, BurstsComeInGroups) {
  const auto events = run(R"(
start = "2026-11-20T06:00:00Z"
duration = "1m"
[generate.readings]
arrival = "bursts"
every = "30s"
burst = 3
burst_gap = "1s"
fields.device = "constant only"
fields.temp = "uniform 1 2"
)");
  ASSERT_EQ(events.size(), 6u);
  EXPECT_EQ(events[1].time - events[0].time, Duration::seconds(1));
  EXPECT_EQ(events[3].time - events[0].time, Duration::seconds(30));
}

TEST(Simulation, RefusesEventsTheSourceCannotTake) {
  const auto plan = engine::plan_for_test(kRules);
  const auto expect_refused = [&](const char* text, const std::string& message) {
    const auto scenario = parse_scenario("s.toml", text);
    ASSERT_TRUE(scenario.ok()) << scenario.status().message();
    const auto simulation = Simulation::create(*scenario, *plan, ".");
    ASSERT_FALSE(simulation.ok()) << text;
    EXPECT_NE(simulation.status().message().find(message), std::string::npos) << simulation.status().message();
  };
  expect_refused("[generate.readings]\nfields.device = \"constant a\"\n", "needs field 'temp'");
  expect_refused("[generate.nope]\nfields.temp = \"constant 1\"\n", "has no source 'nope' (its sources: readings)");
  expect_refused(
      "[generate.readings]\nfields.device = \"constant a\"\nfields.temp = \"constant 1\"\nfields.x = \"constant 1\"\n",
      "has no field 'x'");
  expect_refused("[generate.readings]\nfields.device = \"constant a\"\nfields.temp = \"one of hot cold\"\n",
                 "'hot' is not of this type");
  expect_refused("[script]\nevents = \"\"\"\n+1s readings {\"tmp\": 1}\n\"\"\"\n",
                 "s.toml:3: source 'readings' has no field 'tmp'");
  expect_refused("[replay.r]\nfile = \"missing.jsonl\"\n", "cannot read './missing.jsonl'");
}

TEST(Simulation, AHundredThousandKeysEachSendTheirEvent) {
  // Large populations: every key is scheduled once and sends (rates: see the benchmark figures).
  const auto scenario = parse_scenario("s.toml", R"(
start = "2026-11-20T06:00:00Z"
duration = "10s"
[population.card]
count = 100000
names = "card-{n:07}"
[generate.readings]
per = "card"
every = "10s"
fields.device = "key"
fields.temp = "normal 50 5"
)");
  ASSERT_TRUE(scenario.ok()) << scenario.status().message();
  const auto plan = engine::plan_for_test(kRules);
  auto simulation = Simulation::create(*scenario, *plan, ".");
  ASSERT_TRUE(simulation.ok());
  std::size_t count = 0;
  std::set<std::string> keys;
  while (auto event = (*simulation)->next()) {
    ++count;
    keys.insert(event->fields.substr(0, 24));
  }
  EXPECT_EQ(keys.size(), 100000u);
  EXPECT_EQ(count, 100000u);
}

}  // namespace
}  // namespace cepheus::testbench
