// The sharded engine against the single-threaded one: the same alerts, sink
// events and dead letters, and for each key in the same order. Run under the
// tsan preset too (`./dev.sh build tsan && ctest --preset tsan -R Sharded`).
#include "cepheus/engine/sharded_engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"
#include "transcript.h"

namespace cepheus::engine {
namespace {

template <typename AnyEngine>
void feed(AnyEngine& engine, const dsl::Plan& plan, const std::vector<Record>& records) {
  for (const Record& r : records) {
    const dsl::StatementId source = *engine.source(r.source);
    auto decoder = JsonEventDecoder::make(*plan.statements[source].output, {.time_field = "ts"});
    auto event = decoder->decode(r.json);
    ASSERT_TRUE(event.ok()) << event.status().message();
    engine.ingest(source, *event);
  }
  engine.finish();
}

// The alerts and sink events of each device, in order. (Dead letters are told
// by the ingesting thread at once, ahead of the workers' output, so only their
// set is compared.)
std::map<std::string, std::vector<std::string>> by_device(const std::vector<std::string>& lines) {
  std::map<std::string, std::vector<std::string>> out;
  for (const std::string& line : lines) {
    if (line.rfind("dead ", 0) == 0) continue;
    const auto at = line.find("\"device\":\"");
    std::string device = at == std::string::npos ? "" : line.substr(at + 10, line.find('"', at + 10) - at - 10);
    if (line.rfind("alert ", 0) == 0) device = line.substr(6, line.find(' ', 6) - 6);
    out[device].push_back(line);
  }
  return out;
}

class ShardedTest : public ::testing::Test {
 protected:
  std::vector<std::string> single(const std::vector<Record>& records) {
    TranscriptOutput output;
    auto engine = Engine::create(plan_, tables_, output);
    EXPECT_TRUE(engine.ok()) << engine.status().message();
    feed(**engine, *plan_, records);
    return output.lines;
  }
  std::vector<std::string> sharded(const std::vector<Record>& records, int workers) {
    TranscriptOutput output;
    auto engine = ShardedEngine::create(plan_, tables_, output, workers);
    EXPECT_TRUE(engine.ok()) << engine.status().message();
    EXPECT_EQ((*engine)->shard_field(), "device");
    feed(**engine, *plan_, records);
    return output.lines;
  }

  std::shared_ptr<const dsl::Plan> plan_ = plan_for_test(kRules);
  NoTables tables_;
};

TEST_F(ShardedTest, GivesTheSameOutputAsOneEnginePerKeyInTheSameOrder) {
  for (const unsigned seed : {2u, 9u}) {
    const std::vector<Record> records = stream(seed, 3000);
    const std::vector<std::string> expected = single(records);
    for (const int workers : {1, 2, 3}) {
      std::vector<std::string> got = sharded(records, workers);
      const auto got_by_device = by_device(got);
      const auto expected_by_device = by_device(expected);
      ASSERT_EQ(got_by_device.size(), expected_by_device.size());
      for (const auto& [device, lines] : expected_by_device) {
        const std::vector<std::string>& other = got_by_device.at(device);
        const auto [a, b] = std::mismatch(lines.begin(), lines.end(), other.begin(), other.end());
        EXPECT_TRUE(a == lines.end() && b == other.end())
            << workers << " workers, seed " << seed << ", device " << device << ": expected "
            << (a == lines.end() ? "nothing" : *a) << "\n got " << (b == other.end() ? "nothing" : *b);
      }
      std::vector<std::string> sorted_got = got;
      std::vector<std::string> sorted_expected = expected;
      std::sort(sorted_got.begin(), sorted_got.end());
      std::sort(sorted_expected.begin(), sorted_expected.end());
      EXPECT_EQ(sorted_got, sorted_expected);
    }
  }
}

TEST_F(ShardedTest, RunningTwiceGivesTheSameOrder) {
  const std::vector<Record> records = stream(4, 2000);
  const std::vector<std::string> first = sharded(records, 3);
  EXPECT_GT(first.size(), 300u);
  EXPECT_EQ(sharded(records, 3), first);
}

TEST_F(ShardedTest, RefusesStateThatIsNotPerKeyNamingTheStatement) {
  auto plan = plan_for_test(
      "schema R { device: string, temp: double, ts: timestamp }\n"
      "source r: R from mqtt \"r\" event time ts\n"
      "window all_devices from r tumbling 1m compute count() as n\n"
      "sink out from all_devices to log\n");
  TranscriptOutput output;
  auto engine = ShardedEngine::create(plan, tables_, output, 2);
  EXPECT_EQ(engine.status().message(),
            "this project cannot be spread over workers: window 'all_devices' has no 'group by', so its windows hold "
            "every key");
}

TEST_F(ShardedTest, RefusesAKeyThatAStreamRenamesOnTheWay) {
  auto plan = plan_for_test(
      "schema R { device: string, temp: double, ts: timestamp }\n"
      "source r: R from mqtt \"r\" event time ts\n"
      "stream renamed from r select lower(device) as device, temp, ts\n"
      "window w from renamed group by device tumbling 1m compute count() as n\n"
      "sink out from w to log\n");
  TranscriptOutput output;
  auto engine = ShardedEngine::create(plan, tables_, output, 2);
  EXPECT_EQ(engine.status().message(),
            "this project cannot be spread over workers: window 'w' reads events that do not carry 'device' "
            "unchanged from their source");
}

TEST_F(ShardedTest, StatelessProjectsSpreadEventsInTurn) {
  auto plan = plan_for_test(
      "schema R { device: string, temp: double, ts: timestamp }\n"
      "schema M { device: string, ts: timestamp }\n"
      "source readings: R from mqtt \"r\" event time ts lateness 3s\n"
      "source maintenance: M from mqtt \"m\" event time ts lateness 3s\n"
      "stream hot from readings where temp > 80\n"
      "sink out from hot to log\n");
  TranscriptOutput output;
  auto engine = ShardedEngine::create(plan, tables_, output, 2);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  EXPECT_EQ((*engine)->shard_field(), "");
  feed(**engine, *plan, stream(5, 200));
  TranscriptOutput single_output;
  auto one = Engine::create(plan, tables_, single_output);
  feed(**one, *plan, stream(5, 200));
  EXPECT_EQ(output.lines.size(), single_output.lines.size());
  EXPECT_GT(output.lines.size(), 20u);
}

}  // namespace
}  // namespace cepheus::engine
