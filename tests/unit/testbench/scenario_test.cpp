// Scenario and field-spec files: what they accept, and bad input refused with
// the file, line and reason.
#include <gtest/gtest.h>

#include "cepheus/testbench/scenario.h"
#include "cepheus/testbench/test_spec.h"
#include "field_spec.h"

namespace cepheus::testbench {
namespace {

TEST(FieldSpec, ReadsEveryKindAndModifier) {
  EXPECT_EQ(parse_field_spec("normal 70 2 drift 0.5/h min 60 max 90 round 1")->kind, FieldSpec::Kind::kNormal);
  const FieldSpec drift = *parse_field_spec("normal 70 2 drift 0.5/h min 60 max 90 round 1");
  EXPECT_DOUBLE_EQ(drift.drift_per_second, 0.5 / 3600);
  EXPECT_EQ(drift.min, 60);
  EXPECT_EQ(drift.decimals, 1);
  const FieldSpec one_of = *parse_field_spec("one of north:3 south \"far east\":0.5");
  EXPECT_EQ(one_of.words, (std::vector<std::string>{"north", "south", "\"far east\""}));
  EXPECT_EQ(one_of.weights, (std::vector<double>{3, 4, 4.5}));
  EXPECT_TRUE(parse_field_spec("per key uniform 60 80")->per_key);
  EXPECT_TRUE(parse_field_spec("walk 70 0.3")->stateful);
  EXPECT_EQ(parse_field_spec("sequence ok ok warn")->words.size(), 3u);
}

TEST(FieldSpec, RefusesWhatItCannotMake) {
  for (const char* bad : {"", "gaussian 1 2", "normal 70", "uniform 5 1", "normal 1 -2", "walk 1 2 round 12",
                          "normal 1 2 drift fast", "one of a:-1", "per key walk 1 2", "per key time", "constant"}) {
    const auto spec = parse_field_spec(bad);
    EXPECT_FALSE(spec.ok()) << bad;
  }
  EXPECT_NE(parse_field_spec("gaussian 1 2").status().message().find("unknown kind 'gaussian'"), std::string::npos);
}

TEST(Scenario, ReadsPopulationsGeneratorsAnomaliesReplaysAndScripts) {
  const auto s = parse_scenario("scenarios/day.toml", R"(
seed = 9
start = "2026-11-20T06:00:00Z"
duration = "2h"
[population.device]
count = 12
names = "press-{n:02}"
[generate.readings]
per = "device"
every = "20s"
arrival = "poisson"
fields.device = "key"
fields.temp = "normal 70 1"
[anomaly.hot]
generate = "readings"
keys = ["press-07"]
at = "1h"
for = "3m"
fields.temp = "normal 90 1"
[replay.history]
file = "../data/history.csv"
source = "readings"
shift = "-30m"
scale = 0.5
columns.temperature = "temp"
[script]
events = """
+5m  maintenance {"device": "press-03"}
# a comment
+1m  readings {"device": "press-03", "temp": 71}
"""
)");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->name, "day");
  EXPECT_EQ(s->seed, 9u);
  EXPECT_EQ(s->duration, Duration::hours(2));
  EXPECT_EQ(s->populations.at("device").key_name(6), "press-07");
  ASSERT_EQ(s->generators.size(), 1u);
  EXPECT_EQ(s->generators[0].arrival, Arrival::kPoisson);
  EXPECT_EQ(s->generators[0].fields.size(), 2u);
  ASSERT_EQ(s->anomalies.size(), 1u);
  EXPECT_EQ(s->anomalies[0].length, Duration::minutes(3));
  ASSERT_EQ(s->replays.size(), 1u);
  EXPECT_EQ(s->replays[0].shift, -Duration::minutes(30));
  EXPECT_EQ(s->replays[0].columns[0], (std::pair<std::string, std::string>{"temperature", "temp"}));
  ASSERT_EQ(s->script.size(), 2u);
  EXPECT_EQ(s->script[0].source, "readings");  // sorted by offset
  EXPECT_EQ(s->script[1].line, 28);
}

TEST(Scenario, SaysWhereAndWhyABadFileIsWrong) {
  const auto expect_error = [](const char* text, const std::string& message) {
    const auto s = parse_scenario("s.toml", text);
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_NE(s.status().message().find(message), std::string::npos) << s.status().message();
  };
  expect_error("seed = 1\n", "the scenario has no events");
  expect_error("[generate.r]\nevery = \"soon\"\n", "s.toml:2: 'generate.r.every' must be a duration");
  expect_error("[generate.r]\nper = \"device\"\n", "which is not a [population.device]");
  expect_error("[generate.r]\nfields.t = \"normal 1\"\n",
               "s.toml:2: field 't': 'normal 1': expected 'normal MEAN DEVIATION'");
  expect_error("[generate.r]\nrate = 5\n", "s.toml:2: unknown key 'generate.r.rate'");
  expect_error("[anomaly.a]\ngenerate = \"r\"\nat = \"1m\"\nfor = \"1m\"\nsilent = true\n",
               "which is not a [generate.r]");
  expect_error("[script]\nevents = \"\"\"\n+1m readings [1]\n\"\"\"\n",
               "s.toml:3: expected a source name and a JSON object");
  expect_error("[script]\nevents = \"\"\"\nreadings {}\n\"\"\"\n", "expected +OFFSET first");
  expect_error("seed = [\n", "s.toml: line");
}

TEST(TestSpec, ReadsExpectationsWithTolerances) {
  const auto t = parse_test("tests/overheat.toml", R"(
scenario = "plant_day"
only = true
[expect.hot]
alert = "overheated"
count = "1..3"
after = "3h"
before = "3h10m"
fields.device = "press-07"
fields.peak = ">= 80"
fields.count = "2..4"
fields.site = "~north"
[expect.none]
alert = "overheated"
count = 0
)");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->name, "overheat");
  EXPECT_TRUE(t->only);
  ASSERT_EQ(t->expectations.size(), 2u);
  const Expectation& hot = t->expectations[0];
  EXPECT_EQ(hot.count.min, 1);
  EXPECT_EQ(hot.count.max, 3);
  EXPECT_EQ(hot.fields[1].op, ">=");
  EXPECT_EQ(hot.fields[2].op, "..");
  EXPECT_EQ(hot.fields[3].op, "~");
  EXPECT_EQ(
      hot.text(),
      "'overheated', 1 to 3, device = press-07, peak >= 80, count in 2..4, site contains \"north\", between +3h and "
      "+3h10m");
  EXPECT_EQ(t->expectations[1].count.text(), "exactly 0");
}

TEST(TestSpec, RefusesTestsThatCannotMeanAnything) {
  EXPECT_FALSE(parse_test("t.toml", "scenario = \"a\"\n").ok());           // expects nothing
  EXPECT_FALSE(parse_test("t.toml", "[expect.a]\nalert = \"x\"\n").ok());  // no events
  const auto count = parse_test("t.toml", "scenario = \"a\"\n[expect.a]\nalert = \"x\"\ncount = \"many\"\n");
  ASSERT_FALSE(count.ok());
  EXPECT_NE(count.status().message().find("t.toml:4: 'count' is a number"), std::string::npos)
      << count.status().message();
  const auto no_alert = parse_test("t.toml", "scenario = \"a\"\n[expect.a]\ncount = 1\n");
  ASSERT_FALSE(no_alert.ok());
  EXPECT_NE(no_alert.status().message().find("needs 'alert'"), std::string::npos);
}

}  // namespace
}  // namespace cepheus::testbench
