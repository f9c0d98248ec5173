// Semantics of patterns (docs/rules-language.md, "pattern"), each construct on
// the smallest stream that shows it, in event time driven by the events.
#include <gtest/gtest.h>

#include "cepheus/core/event_json.h"
#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"
#include "cepheus/engine/engine.h"
#include "plan_for_test.h"

namespace cepheus::engine {
namespace {

class CollectingOutput final : public Output {
 public:
  void alert(const Alert& a) override { alerts.push_back(a); }
  void sink_event(std::string_view, const std::vector<ResolvedTarget>&, const Event& e) override {
    events.push_back(event_to_json(e));
  }
  void dead_letter(std::string_view source, const Event&, std::string_view reason) override {
    dead.push_back(std::string(source) + " " + std::string(reason));
  }
  void warning(std::string_view, std::string_view message) override { warnings.emplace_back(message); }
  std::vector<Alert> alerts;
  std::vector<std::string> events;
  std::vector<std::string> dead;
  std::vector<std::string> warnings;
};

using Strings = std::vector<std::string>;

// Sources a, b and c of E { k, v, ts }; a pattern `p` (partitioned by k unless
// the text says otherwise) and a sink on it. `send` takes "source key value
// seconds-after-08:00".
class PatternTest : public ::testing::Test {
 protected:
  void build(const std::string& pattern, const std::string& extra = "", const EngineOptions& options = {},
             const std::string& lateness = "") {
    // Every source declares `idle after 5s`, so a quiet one does not hold the others back.
    std::string rules = "schema E { k: string, v: int, ts: timestamp }\n";
    for (const char* source : {"a", "b", "c"}) {
      rules += std::string("source ") + source + ": E from mqtt \"" + source + "\" event time ts" + lateness +
               " idle after 5s\n";
    }
    rules += extra + pattern + "\nsink out from p to log\n";
    plan_ = plan_for_test(rules);
    output_ = CollectingOutput();
    auto engine = Engine::create(plan_, tables_, output_, options);
    ASSERT_TRUE(engine.ok()) << engine.status().message();
    engine_ = std::move(*engine);
    for (dsl::StatementId id = 0; id < plan_->statements.size(); ++id) {
      if (plan_->statements[id].name == "p") pattern_ = id;
    }
  }
  void send(const std::string& source, const std::string& key, int value, int seconds) {
    const dsl::StatementId id = *engine_->source(source);
    auto decoder = JsonEventDecoder::make(*plan_->statements[id].output, {.time_field = "ts"});
    const Timestamp t = *parse_timestamp("2026-11-20T08:00:00Z") + Duration::seconds(seconds);
    auto event = decoder->decode("{\"k\":\"" + key + "\",\"v\":" + std::to_string(value) + ",\"ts\":\"" +
                                 format_timestamp(t) + "\"}");
    ASSERT_TRUE(event.ok()) << event.status().message();
    engine_->ingest(id, *event);
  }
  // What the sink got; first the end of the input (when `finish`), which releases
  // events that wait for the watermarks of the other sources.
  Strings take(bool finish = true) {
    if (finish) engine_->finish();
    Strings out;
    out.swap(output_.events);
    return out;
  }
  PatternStats stats() const { return engine_->pattern_stats(pattern_); }

  std::shared_ptr<const dsl::Plan> plan_;
  NoTables tables_;
  CollectingOutput output_;
  std::unique_ptr<Engine> engine_;
  dsl::StatementId pattern_ = 0;
};

// Matches as "x=1 y=3" etc. from a select of the bound values.
constexpr const char* kTimes = R"(,"match_start":)";

std::string fields(const std::string& json) {
  return json.substr(0, json.find(kTimes)) + "}";
}
Strings fields(const Strings& all) {
  Strings out;
  for (const std::string& s : all) out.push_back(fields(s));
  return out;
}

// ---- Sequences and contiguity -------------------------------------------------------------------

TEST_F(PatternTest, FollowedByWithoutEveryHasOneMatchInFlightPerKey) {
  build("pattern p partition by k match x: a then y: b select k, x.v as x, y.v as y");
  send("a", "k1", 1, 0);
  send("a", "k1", 2, 1);  // a match is in flight: not a new start
  send("a", "k2", 7, 2);
  send("b", "k1", 3, 3);
  send("b", "k2", 8, 4);
  EXPECT_EQ(fields(take()), (Strings{R"({"k":"k1","x":1,"y":3})", R"({"k":"k2","x":7,"y":8})"}));
  const std::string full =
      R"({"k":"k1","x":1,"y":3,"match_start":"2026-11-20T08:00:00Z","match_end":"2026-11-20T08:00:03Z"})";
  build("pattern p partition by k match x: a then y: b select k, x.v as x, y.v as y");
  send("a", "k1", 1, 0);
  send("b", "k1", 3, 3);
  EXPECT_EQ(take(), (Strings{full}));
}

TEST_F(PatternTest, EveryStartsAMatchOnEachFirstEventAndSkipPastLastKeepsThemApart) {
  const std::string rule = "pattern p partition by k match every x: a then y: b select x.v as x, y.v as y";
  build(rule);
  send("a", "k", 1, 0);
  send("a", "k", 2, 1);
  send("b", "k", 3, 2);
  send("b", "k", 4, 3);
  EXPECT_EQ(fields(take()), (Strings{R"({"x":1,"y":3})"})) << "past last: the run from x=2 ended at y=3's match";

  build(rule + " skip no skip");
  send("a", "k", 1, 0);
  send("a", "k", 2, 1);
  send("b", "k", 3, 2);
  send("b", "k", 4, 3);
  EXPECT_EQ(fields(take()), (Strings{R"({"x":1,"y":3})", R"({"x":2,"y":3})"}));
}

TEST_F(PatternTest, ThenAnyContinuesEveryMatchWithEveryLaterEvent) {
  build(
      "pattern p partition by k match every x: a then any y: b select x.v as x, y.v as y\n"
      "  skip no skip");
  send("a", "k", 1, 0);
  send("a", "k", 2, 1);
  send("b", "k", 3, 2);
  send("b", "k", 4, 3);
  send("b", "tick", 0, 10);  // a is idle now: the watermark passes the b events
  EXPECT_EQ(fields(take(false)),
            (Strings{R"({"x":1,"y":3})", R"({"x":2,"y":3})", R"({"x":1,"y":4})", R"({"x":2,"y":4})"}));
  EXPECT_EQ(stats().partial_matches, 2u) << "both runs still wait for later b";
}

TEST_F(PatternTest, NextNeedsTheVeryNextEventOfTheKey) {
  const std::string rule = "pattern p partition by k match every x: a where v > 0 {} y: b select x.v as x, y.v as y";
  for (const char* contiguity : {"next", "then"}) {
    std::string text = rule;
    text.replace(text.find("{}"), 2, contiguity);
    build(text);
    send("a", "k", 1, 0);
    send("a", "k", 0, 1);  // not taken by x (v > 0) and not y
    send("a", "other", 0, 2);
    send("b", "k", 3, 3);
    if (std::string(contiguity) == "next") {
      EXPECT_TRUE(take().empty()) << "next: a(v=0) came between";
      EXPECT_EQ(stats().broken, 1u);
    } else {
      EXPECT_EQ(fields(take()), (Strings{R"({"x":1,"y":3})"}));
    }
  }
}

// A buffered event (lateness) reaches its steps after the event that was being
// ingested is gone: a condition that reads a twin must read it for the buffered
// event's own key (this crashed once, on a dangling event).
TEST_F(PatternTest, ConditionsReadTwinsForTheBufferedEventsOwnKey) {
  build("pattern p partition by k match every x: a where v > last.seen select k, x.v as v",
        "twin last key k { seen: int = 0 }\n  on b set seen = v\n", {}, " lateness 5s");
  send("b", "k1", 10, 0);
  send("b", "k2", 1, 0);
  send("a", "k1", 5, 1);   // not above k1's 10
  send("a", "k2", 5, 2);   // above k2's 1
  send("a", "k1", 11, 3);  // above k1's 10
  send("c", "k9", 0, 30);  // moves the watermark: the buffered events run now
  EXPECT_EQ(fields(take()), (Strings{R"({"k":"k2","v":5})", R"({"k":"k1","v":11})"}));
}

TEST_F(PatternTest, ConditionsReadEarlierSteps) {
  build("pattern p partition by k match every x: a then y: a where v > x.v + 10 select x.v as x, y.v as y");
  send("a", "k", 5, 0);
  send("a", "k", 12, 1);  // not 10 above 5: ignored by the first run, starts its own
  send("a", "k", 30, 2);
  EXPECT_EQ(fields(take(false)), (Strings{R"({"x":5,"y":30})"}))
      << "past last: the run from 12 held 30 too, but the first match pruned it";
}

// ---- Quantifiers ----------------------------------------------------------------------------------

TEST_F(PatternTest, ExactCountsAndAggregatesOverTheStep) {
  build(
      "pattern p partition by k match x: a{3} select count(x) as n, sum(x.v) as total, first(x.v) as f, "
      "last(x.v) as l");
  for (int i = 1; i <= 7; ++i) send("a", "k", i, i);
  EXPECT_EQ(fields(take(false)), (Strings{R"({"n":3,"total":6,"f":1,"l":3})", R"({"n":3,"total":15,"f":4,"l":6})"}));
}

TEST_F(PatternTest, GreedyTakesAsManyAsItCanReluctantAsFewAsItMay) {
  const std::string rule =
      "pattern p partition by k match x: a{1,3} {} where v > 0 then y: a where v > 5 select count(x) as n, y.v as y";
  for (const char* mode : {"greedy", "reluctant"}) {
    std::string text = rule;
    text.replace(text.find("{}"), 2, mode);
    build(text);
    send("a", "k", 1, 0);
    send("a", "k", 7, 1);
    send("a", "k", 8, 2);
    send("a", "k", 9, 3);
    if (std::string(mode) == "greedy") {
      EXPECT_EQ(fields(take(false)), (Strings{R"({"n":3,"y":9})"}));
    } else {
      EXPECT_EQ(fields(take(false)), (Strings{R"({"n":1,"y":7})", R"({"n":1,"y":9})"}));
    }
  }
}

TEST_F(PatternTest, OneOrMoreAtTheEndEndsAtTheFirstEventItDoesNotTake) {
  build(
      "pattern p partition by k match x: a where v == 0 then y: a+ where v > 0\n"
      "  select count(y) as n, max(y.v) as top");
  send("a", "k", 0, 0);
  send("a", "k", 5, 1);
  send("a", "k", 9, 2);
  EXPECT_TRUE(take(false).empty()) << "greedy: more may come";
  send("a", "k", -1, 3);  // not taken: the match ends
  EXPECT_EQ(fields(take(false)), (Strings{R"({"n":2,"top":9})"}));
  send("a", "k", 0, 4);
  send("a", "k", 4, 5);
  EXPECT_EQ(fields(take()), (Strings{R"({"n":1,"top":4})"})) << "the end of the input completes it";
}

TEST_F(PatternTest, OptionalAndZeroOrMoreSteps) {
  build("pattern p partition by k match x: a then y: b? then z: c select count(y) as n");
  send("a", "k", 1, 0);
  send("c", "k", 1, 1);
  send("a", "k", 1, 2);
  send("b", "k", 1, 3);
  send("c", "k", 1, 4);
  EXPECT_EQ(fields(take()), (Strings{R"({"n":0})", R"({"n":1})"}));
  build("pattern p partition by k match x: a then y: b* then z: c select count(y) as n");
  send("a", "k", 1, 0);
  send("b", "k", 1, 1);
  send("b", "k", 1, 2);
  send("c", "k", 1, 3);
  EXPECT_EQ(fields(take()), (Strings{R"({"n":2})"}));
}

// ---- Groups ---------------------------------------------------------------------------------------

TEST_F(PatternTest, AndTakesBothInAnyOrderOrTakesEither) {
  build("pattern p partition by k match x: a then (y: b and z: c) select y.v as y, z.v as z");
  send("a", "k", 1, 0);
  send("c", "k", 3, 1);
  send("a", "tick", 0, 2);
  EXPECT_TRUE(take(false).empty());
  send("b", "k", 2, 2);
  EXPECT_EQ(fields(take()), (Strings{R"({"y":2,"z":3})"}));

  build("pattern p partition by k match x: a then (y: b or z: c) select y.v as y, z.v as z");
  send("a", "k", 1, 0);
  send("c", "k", 3, 1);
  EXPECT_EQ(fields(take()), (Strings{R"({"y":null,"z":3})"}));
}

// ---- Absence --------------------------------------------------------------------------------------

TEST_F(PatternTest, AnAbsenceCompletesAtItsDeadlineUnlessTheEventComes) {
  build("pattern p partition by k match every x: a then not b within 1m select k, x.v as x");
  send("a", "k1", 1, 0);
  send("a", "k2", 2, 10);
  send("b", "k2", 0, 30);  // breaks k2's absence
  send("a", "k3", 3, 59);
  EXPECT_TRUE(take(false).empty()) << "the minute after k1's a is not over";
  send("a", "k3", 4, 60);  // the watermark reaches 08:01:00: k1's deadline
  ASSERT_EQ(take(false),
            (Strings{R"({"k":"k1","x":1,"match_start":"2026-11-20T08:00:00Z","match_end":"2026-11-20T08:00:00Z"})"}));
  EXPECT_EQ(stats().broken, 1u);
}

TEST_F(PatternTest, AnEventAtTheDeadlineItselfDoesNotBreakTheAbsence) {
  build("pattern p partition by k match x: a then not b within 1m select x.v as x");
  send("a", "k", 1, 0);
  send("b", "k", 0, 60);
  engine_->finish();
  EXPECT_EQ(fields(take()), (Strings{R"({"x":1})"}));
}

TEST_F(PatternTest, AnAbsenceInTheMiddleHoldsTheNextStepUntilItsDeadline) {
  build("pattern p partition by k match x: a then not b within 1m then y: c select y.v as y");
  send("a", "k", 1, 0);
  send("c", "k", 2, 30);  // before the deadline: ignored
  send("c", "k", 3, 90);
  EXPECT_EQ(fields(take()), (Strings{R"({"y":3})"}));
  build("pattern p partition by k match x: a then not b within 1m then y: c select y.v as y");
  send("a", "k", 1, 0);
  send("b", "k", 2, 30);
  send("c", "k", 3, 90);
  EXPECT_TRUE(take().empty());
}

TEST_F(PatternTest, AStepAfterAnAbsenceCountsItsWithinFromTheDeadline) {
  const std::string rule =
      "pattern p partition by k match x: a then not b within 1m then y: c within 30s select y.v as y";
  build(rule);
  send("a", "k", 1, 0);
  send("c", "k", 2, 80);  // 20 s after the deadline at 60 s
  EXPECT_EQ(fields(take()), (Strings{R"({"y":2})"}));
  build(rule);
  send("a", "k", 1, 0);
  send("c", "k", 2, 100);  // 40 s after the deadline: too late
  EXPECT_TRUE(take().empty());
}

TEST_F(PatternTest, AnAbsenceOnADerivedStream) {
  build("pattern p partition by k match x: b then not hot within 1m select x.v as x",
        "stream hot from a where v > 5\n");
  send("b", "k", 1, 0);
  send("a", "k", 3, 20);  // not hot
  send("b", "j", 1, 61);
  EXPECT_EQ(fields(take(false)), (Strings{R"({"x":1})"}));
  build("pattern p partition by k match x: b then not hot within 1m select x.v as x",
        "stream hot from a where v > 5\n");
  send("b", "k", 1, 0);
  send("a", "k", 9, 20);  // hot: breaks it
  send("b", "j", 1, 61);
  EXPECT_TRUE(take(false).empty());
}

// ---- Time -----------------------------------------------------------------------------------------

TEST_F(PatternTest, WithinIsHonouredAndFreesTheState) {
  build("pattern p partition by k within 1m match every x: a then y: b select x.v as x");
  send("a", "k", 1, 0);
  send("b", "k", 2, 60);  // a minute after: too late (within is exclusive)
  EXPECT_TRUE(take(false).empty());
  send("a", "k", 3, 70);
  send("b", "k", 4, 129);
  EXPECT_EQ(fields(take(false)), (Strings{R"({"x":3})"}));
  EXPECT_EQ(stats().expired, 1u);
  EXPECT_EQ(stats().partial_matches, 0u);
  EXPECT_EQ(stats().keys, 0u);
}

TEST_F(PatternTest, AQuantifiedStepsWithinBoundsItsFirstToLastEvent) {
  build("pattern p partition by k match every x: a{3} within 1m select first(x.v) as f, count(x) as n");
  send("a", "k", 0, 0);
  send("a", "k", 30, 30);
  send("a", "k", 70, 70);  // 70 s after the first: x from 0 cannot take it
  send("a", "k", 80, 80);
  EXPECT_EQ(fields(take(false)), (Strings{R"({"f":30,"n":3})"}));
}

TEST_F(PatternTest, EventsWithinTheLatenessAreMatchedInEventTimeOrder) {
  build("pattern p partition by k match x: a then y: b select x.v as x, y.v as y", "", {}, " lateness 10s");
  send("b", "k", 2, 5);
  send("a", "k", 1, 3);  // earlier, arrives later, within the lateness
  EXPECT_TRUE(take(false).empty()) << "held until the watermark passes";
  EXPECT_EQ(stats().buffered, 2u);
  send("a", "z", 0, 30);
  EXPECT_EQ(fields(take(false)), (Strings{R"({"x":1,"y":2})"}));
}

TEST_F(PatternTest, LateEventsAreDeadLettersNotMatches) {
  build("pattern p partition by k match x: a then y: a select x.v as x, y.v as y");
  send("a", "k", 1, 10);
  send("a", "k", 2, 5);  // late: no lateness allowed
  EXPECT_EQ(output_.dead, (Strings{"a late"}));
  send("a", "k", 3, 11);
  EXPECT_EQ(fields(take(false)), (Strings{R"({"x":1,"y":3})"}));
}

// ---- Skip strategies ------------------------------------------------------------------------------

TEST_F(PatternTest, SkipStrategiesPruneOtherRunsAfterAMatch) {
  // a1 a2 a3 b: runs (a1 a2 _), (a2 a3 _), (a3 _ _); b completes the first two.
  const std::string rule = "pattern p partition by k match every x: a then y: a then z: b select x.v as x, y.v as y";
  const std::vector<std::pair<std::string, Strings>> cases = {
      {"no skip", {R"({"x":1,"y":2})", R"({"x":2,"y":3})"}},
      {"to next", {R"({"x":1,"y":2})", R"({"x":2,"y":3})"}},
      {"past last", {R"({"x":1,"y":2})"}},
      {"to first y", {R"({"x":1,"y":2})", R"({"x":2,"y":3})"}},
      {"to last x", {R"({"x":1,"y":2})", R"({"x":2,"y":3})"}},
  };
  for (const auto& [skip, expected] : cases) {
    build(rule + " skip " + skip);
    send("a", "k", 1, 0);
    send("a", "k", 2, 1);
    send("a", "k", 3, 2);
    send("b", "k", 9, 3);
    EXPECT_EQ(fields(take()), expected) << skip;
  }
  build(rule + " skip to first z");  // z is the last event: the run from a3 is pruned too
  send("a", "k", 1, 0);
  send("a", "k", 2, 1);
  send("a", "k", 3, 2);
  send("b", "k", 9, 3);
  EXPECT_EQ(fields(take()), (Strings{R"({"x":1,"y":2})"}));
  EXPECT_EQ(stats().partial_matches, 0u);
}

// ---- Bounded memory -------------------------------------------------------------------------------

TEST_F(PatternTest, ShortLivedKeysLeaveNothingBehind) {
  build("pattern p partition by k within 1m match every x: a then y: b");
  for (int i = 0; i < 1000; ++i) send("a", "key-" + std::to_string(i), i, i / 40);
  EXPECT_EQ(stats().keys, 1000u);
  send("a", "late-comer", 0, 200);
  EXPECT_EQ(stats().keys, 1u) << "every other key's run passed its minute";
  EXPECT_EQ(stats().expired, 1000u);
}

TEST_F(PatternTest, PatternsWithoutWithinExpireIdleKeys) {
  EngineOptions options;
  options.patterns.idle_key_ttl = Duration::hours(1);
  build("pattern p partition by k match every x: a then y: b", "", options);
  send("a", "quiet", 0, 0);
  send("a", "busy", 0, 1800);
  send("a", "busy", 0, 3700);
  EXPECT_EQ(stats().keys, 1u);
  EXPECT_EQ(engine_->partial_matches(pattern_).front().key, "busy");
}

// A run timed by its absence needs no idle TTL until the absence passes and it waits
// unbounded: the TTL then counts from the key's last event, as always.
TEST_F(PatternTest, TheIdleTtlStillEndsARunThatWaitsUnboundedAfterItsAbsencePassed) {
  EngineOptions options;
  options.patterns.idle_key_ttl = Duration::hours(1);
  build("pattern p partition by k match x: a then not b within 10m then y: c", "", options);
  send("a", "quiet", 0, 0);
  send("a", "busy", 0, 1800);  // quiet's absence passed at 600: it now waits for a c
  EXPECT_EQ(stats().keys, 2u);
  send("a", "busy", 0, 3700);  // past quiet's TTL at 3600
  EXPECT_EQ(stats().keys, 1u);
  EXPECT_EQ(stats().expired, 1u);
  EXPECT_EQ(engine_->partial_matches(pattern_).front().key, "busy");
}

// At a tie the idle TTL comes first: an absence whose deadline is the TTL's does not pass.
TEST_F(PatternTest, AnIdleTtlAtAnAbsencesDeadlineEndsTheRunFirst) {
  EngineOptions options;
  options.patterns.idle_key_ttl = Duration::minutes(10);
  build("pattern p partition by k match x: a then not b within 10m", "", options);
  send("a", "k", 0, 0);
  send("b", "other", 0, 700);  // moves the watermark past 600 without breaking k's absence
  EXPECT_EQ(take(false), Strings{});
  EXPECT_EQ(stats().expired, 1u);
}

TEST_F(PatternTest, ADeclaredExpiryEndsAQuietKeysRuns) {
  build("pattern p partition by k expire after 10m match every x: a then y: b");
  send("a", "quiet", 0, 0);
  send("a", "busy", 0, 300);
  send("a", "busy", 0, 700);  // 11m40s after quiet's only event
  EXPECT_EQ(stats().keys, 1u);
  EXPECT_EQ(stats().expired, 1u);
  EXPECT_EQ(engine_->partial_matches(pattern_).front().key, "busy");
}

TEST_F(PatternTest, PartialMatchesPerKeyAreCappedWithAWarning) {
  EngineOptions options;
  options.patterns.max_partial_matches_per_key = 3;
  build("pattern p partition by k match every x: a then y: b", "", options);
  for (int i = 0; i < 5; ++i) send("a", "k", i, i);
  EXPECT_EQ(stats().partial_matches, 3u);
  EXPECT_EQ(stats().dropped, 2u);
  ASSERT_EQ(output_.warnings.size(), 1u);
  EXPECT_NE(output_.warnings[0].find("more than 3 partial matches"), std::string::npos) << output_.warnings[0];
}

// ---- Alerts ---------------------------------------------------------------------------------------

TEST_F(PatternTest, AlertIdsAreTheSameOnReplayAndDifferPerMatch) {
  const std::string rule =
      "pattern p partition by k match every x: a then y: b\n"
      "alert found from p message \"{k} from {match_start} to {match_end}\"\n";
  const auto run = [&] {
    build(rule);
    send("a", "k", 1, 0);
    send("b", "k", 1, 5);
    send("a", "k", 1, 10);
    send("b", "k", 1, 15);
    send("a", "j", 1, 10);
    send("b", "j", 1, 15);
    engine_->finish();
    std::vector<std::string> ids;
    for (const Alert& a : output_.alerts) ids.push_back(a.id + " " + a.message);
    return ids;
  };
  const Strings first = run();
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(run(), first);
  EXPECT_NE(first[0].substr(0, 16), first[1].substr(0, 16));
  EXPECT_NE(first[1].substr(0, 16), first[2].substr(0, 16));
  EXPECT_NE(first[0].find("k from 2026-11-20T08:00:00Z to 2026-11-20T08:00:05Z"), std::string::npos) << first[0];
}

TEST_F(PatternTest, IntrospectionShowsTheStepAndDeadlineOfEachPartialMatch) {
  build("pattern p partition by k within 5m match every x: a{2} then y: b");
  send("a", "k", 1, 0);
  const std::vector<PartialMatch> matches = engine_->partial_matches(pattern_);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].key, "k");
  EXPECT_EQ(matches[0].step, "x");
  EXPECT_EQ(matches[0].events, 1u);
  EXPECT_EQ(format_timestamp(matches[0].deadline), "2026-11-20T08:05:00Z");
}

class CollectingTrace final : public TraceSink {
 public:
  void trace(const TraceEntry& e) override {
    lines.push_back(e.pattern + " [" + e.key + "] " + e.step + " " + format_timestamp(e.time) + ": " + e.what);
  }
  std::vector<std::string> lines;
};

TEST_F(PatternTest, TheTraceSaysWhichConditionFailedAndWhenTheAbsenceBroke) {
  CollectingTrace trace;
  EngineOptions options;
  options.trace = &trace;
  build(
      "pattern p partition by k match every hot: a{2} where v > 80 then not b within 1m\n"
      "  select count(hot) as n",
      "", options);
  send("a", "k", 81, 0);
  send("a", "k", 78, 10);  // fails the condition
  send("a", "k", 85, 20);
  send("b", "k", 0, 68);  // 48 s after the last hot reading: 12 s before the deadline
  const auto has = [&](const std::string& text) {
    return std::any_of(trace.lines.begin(), trace.lines.end(),
                       [&](const std::string& l) { return l.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("p [k] hot 2026-11-20T08:00:10Z: v 78 failed > 80"));
  EXPECT_TRUE(has("p [k] hot 2026-11-20T08:00:20Z: took the event (2 of 2)"));
  EXPECT_TRUE(has("'b' arrived 48s after the last event, 12s before the deadline: the absence is broken"));
  EXPECT_TRUE(take().empty());
  std::string all;
  for (const std::string& l : trace.lines) all += l + "\n";
  EXPECT_FALSE(has("matched")) << all;
}

TEST_F(PatternTest, SeveralPartitionFieldsKeyTheMatchesAndSurviveASnapshot) {
  build("pattern p partition by k, v within 1m\n  match every x: a then y: b");
  send("a", "k1", 1, 0);
  send("a", "k1", 2, 1);
  auto restored = Engine::restore(plan_, tables_, output_, engine_->snapshot());
  ASSERT_TRUE(restored.ok()) << restored.status().message();
  engine_ = std::move(*restored);
  send("b", "k1", 2, 2);  // only (k1, 2) completes
  EXPECT_EQ(fields(take()), (Strings{R"({"k":"k1","v":2})"}));
}

TEST_F(PatternTest, ASnapshotThatNamesAKeyTwiceIsRefused) {
  build("pattern p partition by k within 1m\n  match every x: a then y: b");
  send("a", "k1", 1, 0);
  send("a", "k2", 1, 1);
  const std::string bytes = engine_->snapshot();
  // Each key is written as the key and its partition value, and nowhere else (no timers,
  // no kept events): make the second key a copy of the first.
  std::string damaged = bytes;
  int replaced = 0;
  for (std::size_t at = damaged.find("k2"); at != std::string::npos; at = damaged.find("k2", at)) {
    damaged[at + 1] = '1';
    ++replaced;
  }
  ASSERT_EQ(replaced, 2);
  ASSERT_TRUE(Engine::restore(plan_, tables_, output_, bytes).ok());
  auto restored = Engine::restore(plan_, tables_, output_, damaged);
  ASSERT_FALSE(restored.ok());
  EXPECT_NE(restored.status().message().find("a key that appears twice"), std::string::npos)
      << restored.status().message();
}

}  // namespace
}  // namespace cepheus::engine
