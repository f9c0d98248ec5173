// Property tests of whole runs: replaying twice gives the same output, and
// snapshot + restore part-way gives exactly the output of an uninterrupted run.
#include <gtest/gtest.h>

#include <random>

#include "cepheus/core/event_json.h"
#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"
#include "cepheus/engine/engine.h"
#include "transcript.h"

namespace cepheus::engine {
namespace {

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override { plan_ = plan_for_test(kRules); }
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
      EXPECT_FALSE((*restored)->snapshot().empty());
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

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

// The lines of a transcript that only statements whose state carries over make.
std::vector<std::string> of_unchanged(const std::vector<std::string>& lines) {
  std::vector<std::string> kept;
  for (const std::string& l : lines) {
    const bool sink = l.starts_with("sink windows") || l.starts_with("sink slides") || l.starts_with("sink sess") ||
                      l.starts_with("sink counts");
    if (sink || l.starts_with("dead") || l.find(" overheated ") != std::string::npos) kept.push_back(l);
  }
  return kept;
}

TEST_F(SnapshotTest, ANewVersionOfTheRulesTakesTheStateOfTheStatementsItDidNotChange) {
  // A threshold and a window changed, and a stream added near the top: every later
  // statement moves in the plan, but keeps its state when it did not change.
  std::string rules =
      replaced(kRules, "alert drift from per_minute where avg > 85", "alert drift from per_minute where avg > 84");
  rules =
      replaced(rules, "pattern rising partition by device within 20s", "pattern rising partition by device within 30s");
  rules = replaced(rules, "window per_minute", "stream cold from readings where temp < 10\nwindow per_minute");
  const auto changed = plan_for_test(rules);
  ASSERT_EQ(changed->statements.size(), plan_->statements.size() + 1);
  const std::vector<Record> records = stream(11, 2000);
  const std::size_t cut = 900;

  TranscriptOutput before;
  auto old_version = fresh(before);
  feed(*old_version, records, 0, cut);
  const std::string bytes = old_version->snapshot();
  TranscriptOutput after;
  std::vector<std::string> carried;
  auto restored = Engine::restore_matching(changed, tables_, after, bytes, {}, &carried);
  ASSERT_TRUE(restored.ok()) << restored.status().message();
  for (const char* name : {"readings", "maintenance", "per_minute", "sliding_avg", "sessions", "last5", "device_state",
                           "overheating", "overheated", "windows", "rises"})
    EXPECT_NE(std::find(carried.begin(), carried.end(), name), carried.end()) << name << " keeps its state";
  for (const char* name : {"drift", "rising", "cold"})
    EXPECT_EQ(std::find(carried.begin(), carried.end(), name), carried.end()) << name << " starts empty";
  EXPECT_EQ((*restored)->counters(*(*restored)->source("readings")).in,
            old_version->counters(*old_version->source("readings")).in);

  // What the unchanged statements make from then on is what the new version makes
  // when it ran from the start.
  const dsl::StatementId id_before = *old_version->source("readings");
  (void)id_before;
  feed(**restored, records, cut, records.size());
  (*restored)->finish();
  TranscriptOutput reference;
  auto whole = Engine::create(changed, tables_, reference);
  ASSERT_TRUE(whole.ok());
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (i == cut) reference.lines.clear();
    const dsl::StatementId source = *(*whole)->source(records[i].source);
    auto decoder = JsonEventDecoder::make(*changed->statements[source].output, {.time_field = "ts"});
    (*whole)->ingest(source, *decoder->decode(records[i].json));
  }
  (*whole)->finish();
  EXPECT_GT(of_unchanged(reference.lines).size(), 100u);
  EXPECT_EQ(of_unchanged(after.lines), of_unchanged(reference.lines));

  // The same plan takes every statement; restore() refuses another plan's snapshot.
  std::vector<std::string> all;
  ASSERT_TRUE(Engine::restore_matching(plan_, tables_, after, bytes, {}, &all).ok());
  EXPECT_EQ(all.size(), plan_->statements.size());
  EXPECT_FALSE(Engine::restore(changed, tables_, after, bytes).ok());
}

}  // namespace
}  // namespace cepheus::engine
