// Property test of the pattern operator's two ways of moving runs on: a pattern
// of single steps joined by `then` or `next` has its runs take events in place,
// every other pattern (and every pattern while a trace sink is set, since the
// trace explains each step) goes through the general matcher, which copies each
// run that takes an event. On random patterns of single steps and random streams,
// both ways must give the same matches, in the same order, and the same counts.
#include <gtest/gtest.h>

#include <random>

#include "cepheus/core/event_json.h"
#include "cepheus/engine/engine.h"
#include "plan_for_test.h"
#include "transcript.h"

namespace cepheus::engine {
namespace {

class DiscardingTrace final : public TraceSink {
 public:
  void trace(const TraceEntry&) override { ++entries; }
  std::size_t entries = 0;
};

std::string pick(std::mt19937& random, std::initializer_list<std::string> choices) {
  std::uniform_int_distribution<std::size_t> at(0, choices.size() - 1);
  return *(choices.begin() + static_cast<std::ptrdiff_t>(at(random)));
}

// "pattern p partition by k [within ..] match [every] s0: .. then|next s1: .. [skip ..] [select ..]".
std::string single_step_pattern(std::mt19937& random) {
  std::uniform_int_distribution<int> steps(2, 4);
  const int n = steps(random);
  std::string text = "pattern p partition by k" + pick(random, {"", " within 20s", " within 5s"}) + "\n  match ";
  if (random() % 3 != 0) text += "every ";
  for (int i = 0; i < n; ++i) {
    if (i > 0) text += pick(random, {" then ", " then ", " next "});
    text += "s" + std::to_string(i) + ": " + pick(random, {"a", "a", "b"});
    if (i == 0) {
      text += pick(random, {"", " where v > 2", " where kind == \"A\""});
    } else {
      const std::string previous = "s" + std::to_string(i - 1);
      text += pick(random,
                   {"", " where kind == \"B\"", " where v > " + previous + ".v", " where v != 3 and kind != \"A\""});
    }
  }
  text += pick(random, {"", "\n  skip no skip", "\n  skip to next", "\n  skip to first s1", "\n  skip to last s1"});
  text += pick(random, {"", "\n  select k, s0.v as first, s1.kind as then_kind", "\n  select k, max(s1.v) as top"});
  return text + "\n";
}

// Three keys, kinds A to C, values 0 to 5, times moving on 0 to 3 s a step.
std::vector<Record> single_step_stream(std::mt19937& random, int events) {
  std::vector<Record> out;
  std::int64_t seconds = 0;
  for (int i = 0; i < events; ++i) {
    seconds += static_cast<std::int64_t>(random() % 4);
    const Timestamp t = *parse_timestamp("2026-11-20T08:00:00Z") + Duration::seconds(seconds);
    const std::string json = "{\"k\":\"k" + std::to_string(random() % 3) + "\",\"kind\":\"" +
                             std::string(1, static_cast<char>('A' + random() % 3)) +
                             "\",\"v\":" + std::to_string(random() % 6) + ",\"ts\":\"" + format_timestamp(t) + "\"}";
    out.push_back({random() % 4 == 0 ? "b" : "a", json});
  }
  return out;
}

struct RunResult {
  std::vector<std::string> lines;
  PatternStats stats;
};

RunResult run(const std::shared_ptr<const dsl::Plan>& plan, const std::vector<Record>& records, TraceSink* trace) {
  NoTables tables;
  TranscriptOutput output;
  EngineOptions options;
  options.trace = trace;
  auto engine = std::move(*Engine::create(plan, tables, output, options));
  for (const Record& record : records) {
    const dsl::StatementId source = *engine->source(record.source);
    auto decoder = JsonEventDecoder::make(*plan->statements[source].output, {.time_field = "ts"});
    auto event = decoder->decode(record.json);
    EXPECT_TRUE(event.ok()) << event.status().message();
    if (event.ok()) engine->ingest(source, *event);
  }
  RunResult result;
  dsl::StatementId pattern = 0;
  for (dsl::StatementId id = 0; id < plan->statements.size(); ++id) {
    if (plan->statements[id].name == "p") pattern = id;
  }
  result.stats = engine->pattern_stats(pattern);  // before the end of input ends the open runs
  engine->finish();
  result.lines = output.lines;
  return result;
}

TEST(PatternPathsTest, RunsThatMoveInPlaceMatchAsTheGeneralMatcherDoes) {
  std::mt19937 random(20261121);
  std::size_t matches = 0;
  for (int trial = 0; trial < 150; ++trial) {
    const std::string pattern = single_step_pattern(random);
    const auto plan = plan_for_test(
        "schema E { k: string, kind: string, v: int, ts: timestamp }\n"
        "source a: E from mqtt \"a\" event time ts\n"
        "source b: E from mqtt \"b\" event time ts\n" +
        pattern + "sink out from p to log\n");
    const std::vector<Record> records = single_step_stream(random, 300);
    DiscardingTrace trace;
    const RunResult general = run(plan, records, &trace);
    const RunResult in_place = run(plan, records, nullptr);
    ASSERT_GT(trace.entries, 0u) << "the traced run must have taken the general path";
    ASSERT_EQ(in_place.lines, general.lines) << pattern;
    const PatternStats& g = general.stats;
    const PatternStats& p = in_place.stats;
    EXPECT_EQ(std::tie(p.keys, p.partial_matches, p.matches, p.expired, p.broken, p.skipped, p.dropped),
              std::tie(g.keys, g.partial_matches, g.matches, g.expired, g.broken, g.skipped, g.dropped))
        << pattern;
    matches += p.matches;
  }
  EXPECT_GT(matches, 1000u) << "the random patterns must match often enough to compare";
}

}  // namespace
}  // namespace cepheus::engine
