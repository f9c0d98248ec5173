// Property tests of whole runs: replaying twice gives the same output, and
// snapshot + restore part-way gives exactly the output of an uninterrupted run.
#include <gtest/gtest.h>

#include <random>

#include "cepheus/core/event_json.h"
#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"
#include "cepheus/engine/engine.h"

namespace cepheus::engine {
namespace {

class TranscriptOutput final : public Output {
 public:
  void alert(const Alert& a) override { lines.push_back("alert " + a.id + " " + a.rule + " " + a.message); }
  void sink_event(std::string_view sink, const std::vector<ResolvedTarget>&, const Event& e) override {
    lines.push_back("sink " + std::string(sink) + " " + event_to_json(e));
  }
  void dead_letter(std::string_view source, const Event& e, std::string_view reason) override {
    lines.push_back("dead " + std::string(source) + " " + std::string(reason) + " " + event_to_json(e));
  }
  std::vector<std::string> lines;
};

class NoTables final : public TableLoader {
 public:
  Result<std::vector<std::vector<Value>>> load(const dsl::PlanStatement&) override {
    return std::vector<std::vector<Value>>{};
  }
};

// Every kind of state: windows of each kind, a twin, throttled alerts, patterns
// with loops, absences, `then any` and an event-time buffer (lateness).
constexpr const char* kRules = R"cep(
schema R { device: string, temp: double, ts: timestamp }
schema M { device: string, ts: timestamp }
source readings: R from mqtt "r/{device}" event time ts lateness 3s idle after 1m
source maintenance: M from mqtt "m/{device}" event time ts lateness 3s idle after 1m
window per_minute from readings group by device tumbling 1m compute count() as n, avg(temp) as avg, percentile(temp, 90) as p90
window sliding_avg from readings group by device sliding 2m every 30s compute avg(temp) as avg, count(distinct device) as d
window sessions from readings group by device session gap 20s compute count() as n, max(temp) as hi
window last5 from readings group by device count 5 every 2 compute stddev(temp) as sd, first(temp) as f, last(temp) as l
twin device_state key device { hot: int = 0, last: double = 0 }
  on readings where temp > 80 set hot = hot + 1, last = temp
  expire after 10m
pattern overheating partition by device
  match every hot: readings{3} where temp > 80 within 1m
    then not maintenance within 2m
  select device, count(hot) as n, max(hot.temp) as peak
pattern rising partition by device within 20s
  match every a: readings then any b: readings+ reluctant where temp > a.temp + 5 then c: maintenance
  skip to next
  select device, a.temp as base, count(b) as rises
alert overheated from overheating
  message "{device}: {n} hot readings, peak {peak}, {device_state.hot} in total"
  throttle 3m per device
alert drift from per_minute where avg > 85 message "{device} averages {avg}"
sink windows from per_minute to log
sink slides from sliding_avg to log
sink sess from sessions to log
sink counts from last5 to log
sink rises from rising to log
)cep";

struct Record {
  std::string source;
  std::string json;
};

// A seeded stream: 8 devices, readings every few seconds with some out of order
// (within the 3 s lateness, and a few beyond it), maintenance now and then.
std::vector<Record> stream(unsigned seed, int count) {
  std::mt19937 random(seed);
  std::vector<Record> out;
  const Timestamp start = *parse_timestamp("2026-11-20T08:00:00Z");
  std::int64_t millis = 0;
  for (int i = 0; i < count; ++i) {
    millis += std::uniform_int_distribution<int>(0, 1500)(random);
    std::int64_t at = millis - std::uniform_int_distribution<int>(0, random() % 10 == 0 ? 5000 : 2500)(random);
    const std::string device = "d" + std::to_string(random() % 8);
    const std::string ts = format_timestamp(start + Duration::millis(std::max<std::int64_t>(at, 0)));
    if (random() % 25 == 0) {
      out.push_back({"maintenance", R"({"device":")" + device + R"(","ts":")" + ts + "\"}"});
    } else {
      const double temp = 70 + static_cast<double>(random() % 300) / 10.0;
      out.push_back(
          {"readings", R"({"device":")" + device + R"(","temp":)" + std::to_string(temp) + R"(,"ts":")" + ts + "\"}"});
    }
  }
  return out;
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dsl::Diagnostics diagnostics;
    dsl::Project project = dsl::Project::from_text("t.cep", kRules, diagnostics);
    const dsl::CheckedProject checked = dsl::check_project(project, diagnostics);
    for (const dsl::Diagnostic& d : diagnostics.all()) {
      if (d.severity == dsl::Severity::kError) ADD_FAILURE() << dsl::render_text(d);
    }
    plan_ = std::make_shared<const dsl::Plan>(dsl::compile_plan(checked));
  }
  std::unique_ptr<Engine> fresh(TranscriptOutput& output) {
    auto engine = Engine::create(plan_, tables_, output);
    EXPECT_TRUE(engine.ok()) << engine.status().message();
    return std::move(*engine);
  }
  void feed(Engine& engine, const std::vector<Record>& records, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      const dsl::StatementId source = *engine.source(records[i].source);
      auto decoder = JsonEventDecoder::make(*plan_->statements[source].output, {.time_field = "ts"});
      auto event = decoder->decode(records[i].json);
      ASSERT_TRUE(event.ok()) << event.status().message();
      engine.ingest(source, *event);
    }
  }
  std::vector<std::string> uninterrupted(const std::vector<Record>& records) {
    TranscriptOutput output;
    auto engine = fresh(output);
    feed(*engine, records, 0, records.size());
    engine->finish();
    return output.lines;
  }

  std::shared_ptr<const dsl::Plan> plan_;
  NoTables tables_;
};

TEST_F(SnapshotTest, ReplayingTwiceGivesTheSameOutput) {
  const std::vector<Record> records = stream(7, 3000);
  const std::vector<std::string> first = uninterrupted(records);
  EXPECT_GT(first.size(), 500u);
  EXPECT_EQ(uninterrupted(records), first);
}

TEST_F(SnapshotTest, TheStreamExercisesEveryKindOfOutput) {
  const std::vector<std::string> lines = uninterrupted(stream(7, 3000));
  for (const char* kind : {"alert", "sink windows", "sink slides", "sink sess", "sink counts", "sink rises", "dead"}) {
    EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind(kind, 0) == 0; }))
        << "no '" << kind << "' in the transcript";
  }
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(),
                          [](const std::string& l) { return l.find(" overheated ") != std::string::npos; }));
}

TEST_F(SnapshotTest, RestoringPartWayGivesExactlyTheUninterruptedOutput) {
  for (const unsigned seed : {1u, 7u, 42u}) {
    const std::vector<Record> records = stream(seed, 2000);
    const std::vector<std::string> expected = uninterrupted(records);
    for (const std::size_t cut : {std::size_t{1}, std::size_t{333}, std::size_t{1000}, std::size_t{1999}}) {
      TranscriptOutput output;
      auto first = fresh(output);
      feed(*first, records, 0, cut);
      const std::string bytes = first->snapshot();
      first.reset();
      auto restored = Engine::restore(plan_, tables_, output, bytes);
      ASSERT_TRUE(restored.ok()) << restored.status().message();
      feed(**restored, records, cut, records.size());
      (*restored)->finish();
      EXPECT_EQ(output.lines, expected) << "seed " << seed << ", cut after " << cut << " events";
      EXPECT_EQ((*restored)->snapshot().size() > 0, true);
    }
  }
}

TEST_F(SnapshotTest, DamagedSnapshotsAreRefusedWithWhereAndWhy) {
  const std::vector<Record> records = stream(3, 600);
  TranscriptOutput output;
  auto engine = fresh(output);
  feed(*engine, records, 0, records.size());
  const std::string bytes = engine->snapshot();
  // Every truncation is refused; none is read out of bounds.
  for (std::size_t length = 0; length < bytes.size(); length += 1 + length / 16) {
    auto restored = Engine::restore(plan_, tables_, output, bytes.substr(0, length));
    EXPECT_FALSE(restored.ok()) << "a snapshot cut at " << length << " of " << bytes.size() << " bytes";
  }
  auto cut = Engine::restore(plan_, tables_, output, bytes.substr(0, bytes.size() - 1));
  EXPECT_NE(cut.status().message().find("damaged snapshot: byte "), std::string::npos) << cut.status().message();
  // Flipped bytes: refused or accepted, never a crash.
  std::mt19937 random(5);
  for (int i = 0; i < 300; ++i) {
    std::string damaged = bytes;
    damaged[random() % damaged.size()] ^= static_cast<char>(1 + random() % 255);
    (void)Engine::restore(plan_, tables_, output, damaged);
  }
  EXPECT_EQ(Engine::restore(plan_, tables_, output, "not a snapshot").status().message(),
            "not an engine snapshot (it does not start with its magic line)");
}

TEST_F(SnapshotTest, ASnapshotOfAnotherPlanIsRefused) {
  TranscriptOutput output;
  auto engine = fresh(output);
  const std::string bytes = engine->snapshot();
  dsl::Diagnostics diagnostics;
  dsl::Project other = dsl::Project::from_text(
      "o.cep", "schema R { d: string, ts: timestamp }\nsource r: R from mqtt \"r\" event time ts\n", diagnostics);
  auto plan = std::make_shared<const dsl::Plan>(dsl::compile_plan(dsl::check_project(other, diagnostics)));
  EXPECT_EQ(Engine::restore(plan, tables_, output, bytes).status().message(),
            "the snapshot was taken from another plan than this one");
}

}  // namespace
}  // namespace cepheus::engine
