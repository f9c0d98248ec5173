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

}  // namespace
}  // namespace cepheus::engine
