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
  void alert(const Alert&) override {}
  void sink_event(std::string_view, const std::vector<ResolvedTarget>&, const Event& e) override {
    events.push_back(event_to_json(e));
  }
  void dead_letter(std::string_view, const Event&, std::string_view) override {}
  std::vector<std::string> events;
};

// A project of readings (and a second, optional source) with one window `w` and a
// sink on it; `send` takes "source device temp seconds-after-08:00".
class WindowTest : public ::testing::Test {
 protected:
  void build(const std::string& window, const std::string& extra = "", const EngineOptions& options = {}) {
    const std::string rules =
        "schema R { device: string, temp: double, ts: timestamp }\n"
        "source r: R from mqtt \"r\" event time ts\n"
        "source q: R from mqtt \"q\" event time ts idle after 1m\n"
        "stream both from q\n" +
        extra + window + "\nsink out from w to log\n";
    plan_ = plan_for_test(rules);
    auto engine = Engine::create(plan_, tables_, output_, options);
    ASSERT_TRUE(engine.ok()) << engine.status().message();
    engine_ = std::move(*engine);
  }
  void send(const std::string& source, const std::string& device, double temp, int seconds) {
    const dsl::StatementId id = *engine_->source(source);
    auto decoder = JsonEventDecoder::make(*plan_->statements[id].output, {.time_field = "ts"});
    const Timestamp t = *parse_timestamp("2026-11-20T08:00:00Z") + Duration::seconds(seconds);
    auto event = decoder->decode("{\"device\":\"" + device + "\",\"temp\":" + std::to_string(temp) + ",\"ts\":\"" +
                                 format_timestamp(t) + "\"}");
    ASSERT_TRUE(event.ok()) << event.status().message();
    engine_->ingest(id, *event);
  }
  std::vector<std::string> take() {
    std::vector<std::string> out;
    out.swap(output_.events);
    return out;
  }

  std::shared_ptr<const dsl::Plan> plan_;
  NoTables tables_;
  CollectingOutput output_;
  std::unique_ptr<Engine> engine_;
};

using Strings = std::vector<std::string>;

TEST_F(WindowTest, TumblingWindowsCloseWhenTheWatermarkPassesTheirEnd) {
  build(
      "window w from r group by device tumbling 1m compute count() as n, avg(temp) as avg, min(temp) as lo, max(temp) "
      "as hi");
  send("r", "a", 10, 0);
  send("r", "a", 20, 30);
  send("r", "b", 5, 59);
  EXPECT_TRUE(take().empty()) << "the minute is not over";
  send("r", "a", 30, 60);  // the watermark reaches 08:01: the first minute closes
  EXPECT_EQ(
      take(),
      (Strings{
          R"({"device":"a","n":2,"avg":15,"lo":10,"hi":20,"window_start":"2026-11-20T08:00:00Z","window_end":"2026-11-20T08:01:00Z"})",
          R"({"device":"b","n":1,"avg":5,"lo":5,"hi":5,"window_start":"2026-11-20T08:00:00Z","window_end":"2026-11-20T08:01:00Z"})"}));
  engine_->finish();
  EXPECT_EQ(
      take(),
      (Strings{
          R"({"device":"a","n":1,"avg":30,"lo":30,"hi":30,"window_start":"2026-11-20T08:01:00Z","window_end":"2026-11-20T08:02:00Z"})"}));
}

TEST_F(WindowTest, SlidingWindowsHoldEveryEventOfTheirSpan) {
  build("window w from r sliding 1m every 30s compute count() as n, sum(temp) as total");
  send("r", "a", 1, 10);
  send("r", "a", 2, 40);
  send("r", "a", 4, 70);
  engine_->finish();
  EXPECT_EQ(
      take(),
      (Strings{R"({"n":1,"total":1,"window_start":"2026-11-20T07:59:30Z","window_end":"2026-11-20T08:00:30Z"})",
               R"({"n":2,"total":3,"window_start":"2026-11-20T08:00:00Z","window_end":"2026-11-20T08:01:00Z"})",
               R"({"n":2,"total":6,"window_start":"2026-11-20T08:00:30Z","window_end":"2026-11-20T08:01:30Z"})",
               R"({"n":1,"total":4,"window_start":"2026-11-20T08:01:00Z","window_end":"2026-11-20T08:02:00Z"})"}));
}

TEST_F(WindowTest, SessionsEndAfterAGapWithoutEvents) {
  build("window w from r group by device session gap 30s compute count() as n, max(temp) as hi");
  send("r", "a", 1, 0);
  send("r", "a", 2, 20);
  send("r", "a", 3, 100);  // 80 s later: the first session (ends 08:00:50) closes
  EXPECT_EQ(
      take(),
      (Strings{
          R"({"device":"a","n":2,"hi":2,"window_start":"2026-11-20T08:00:00Z","window_end":"2026-11-20T08:00:50Z"})"}));
  engine_->finish();
  EXPECT_EQ(
      take(),
      (Strings{
          R"({"device":"a","n":1,"hi":3,"window_start":"2026-11-20T08:01:40Z","window_end":"2026-11-20T08:02:10Z"})"}));
}

TEST_F(WindowTest, CountWindowsEmitEveryNEventsOverTheLastM) {
  build(
      "window w from r group by device count 3 every 2 compute count() as n, first(temp) as f, last(temp) as l, "
      "stddev(temp) as sd");
  for (int i = 1; i <= 5; ++i) send("r", "a", i, i);
  EXPECT_EQ(
      take(),
      (Strings{
          R"({"device":"a","n":2,"f":1,"l":2,"sd":0.7071067811865476,"window_start":"2026-11-20T08:00:01Z","window_end":"2026-11-20T08:00:02Z"})",
          R"({"device":"a","n":3,"f":2,"l":4,"sd":1,"window_start":"2026-11-20T08:00:02Z","window_end":"2026-11-20T08:00:04Z"})"}));
}

TEST_F(WindowTest, HavingFiltersResultsAndWhereFiltersInput) {
  build(
      "window w from r group by device tumbling 1m where temp > 0 compute count() as n, percentile(temp, 50) as median "
      "having n >= 2");
  send("r", "a", 1, 1);
  send("r", "a", 3, 2);
  send("r", "a", 2, 3);
  send("r", "a", -5, 4);
  send("r", "b", 9, 5);
  engine_->finish();
  EXPECT_EQ(
      take(),
      (Strings{
          R"({"device":"a","n":3,"median":2,"window_start":"2026-11-20T08:00:00Z","window_end":"2026-11-20T08:01:00Z"})"}));
}

class HeldBackLog final : public TraceSink {
 public:
  void trace(const TraceEntry&) override {}
  void held_back(dsl::StatementId, Clause clause, const Event& event,
                 const std::function<ConditionFailure()>& explain) override {
    lines.push_back(std::string(clause == Clause::kHaving ? "having " : "where ") + event_to_json(event) + ": " +
                    explain().what);
  }
  std::vector<std::string> lines;
};

TEST_F(WindowTest, ATraceSinkHearsTheResultsHavingHeldBackAndTheInputWhereHeldBack) {
  HeldBackLog log;
  build("window w from r group by device tumbling 1m where temp > 0 compute count() as n having n >= 2", "",
        {.trace = &log});
  send("r", "a", 1, 1);
  send("r", "a", -5, 2);
  send("r", "a", 3, 3);
  send("r", "b", 9, 5);
  engine_->finish();
  EXPECT_EQ(
      log.lines,
      (Strings{
          R"(where {"device":"a","temp":-5,"ts":"2026-11-20T08:00:02Z"}: temp -5 failed > 0)",
          R"(having {"device":"b","n":1,"window_start":"2026-11-20T08:00:00Z","window_end":"2026-11-20T08:01:00Z"}: n 1 failed >= 2)"}));
  EXPECT_EQ(take().size(), 1u) << "a's minute passed";
}

TEST_F(WindowTest, CountDistinctAndExpressionsOverAggregates) {
  build("window w from r tumbling 1m compute count(distinct device) as devices, max(temp) - min(temp) as spread");
  send("r", "a", 10, 1);
  send("r", "b", 15, 2);
  send("r", "a", 12, 3);
  engine_->finish();
  EXPECT_EQ(
      take(),
      (Strings{
          R"({"devices":2,"spread":5,"window_start":"2026-11-20T08:00:00Z","window_end":"2026-11-20T08:01:00Z"})"}));
}

TEST_F(WindowTest, AQuietSourceHoldsTheWatermarkUntilItIsIdle) {
  // w reads a twin updated by both sources; q declares `idle after 1m`.
  build("window w from t tumbling 1m compute count() as n",
        "twin t key device { c: int = 0 }\n  on r set c = c + 1\n  on q set c = c + 1\n");
  send("q", "a", 1, 0);
  send("r", "a", 1, 30);
  send("r", "a", 1, 50);
  EXPECT_TRUE(take().empty()) << "q's watermark (08:00:00) holds the minute open";
  send("r", "a", 1, 70);  // the newest event is 70 s past q's last: q is idle
  EXPECT_EQ(take(), (Strings{R"({"n":3,"window_start":"2026-11-20T08:00:00Z","window_end":"2026-11-20T08:01:00Z"})"}));
}

TEST_F(WindowTest, WithoutIdleAfterAQuietSourceHoldsTheWindowsOpen) {
  build("window w from t tumbling 1m compute count() as n",
        "source p: R from mqtt \"p\" event time ts\ntwin t key device { c: int = 0 }\n  on r set c = c + 1\n"
        "  on p set c = c + 1\n");
  send("p", "a", 1, 0);
  send("r", "a", 1, 30);
  send("r", "a", 1, 600);
  EXPECT_TRUE(take().empty()) << "p never declared idleness, so its watermark rules";
  engine_->finish();
  EXPECT_EQ(take().size(), 2u) << "the end of the input closes every window";
}

TEST_F(WindowTest, IntrospectionShowsOpenWindowsTwinStatesAndLatency) {
  EngineOptions options;
  options.measure_latency = true;
  build(
      "window w from r group by device tumbling 1m compute count() as n, avg(temp) as avg",
      "twin t key device { c: int = 0, last: double = 0 }\n  on r set c = c + 1, last = temp\nsink tw from t to log\n",
      options);
  send("r", "a", 10, 0);
  send("r", "a", 20, 30);
  dsl::StatementId window = 0, twin = 0;
  for (dsl::StatementId id = 0; id < plan_->statements.size(); ++id) {
    if (plan_->statements[id].name == "w") window = id;
    if (plan_->statements[id].name == "t") twin = id;
  }
  const std::vector<OpenWindow> open = engine_->open_windows(window);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].key, "a");
  EXPECT_EQ(format_timestamp(open[0].end), "2026-11-20T08:01:00Z");
  EXPECT_EQ(open[0].values[1], (std::pair<std::string, Value>{"n", Value::integer(2)}));
  const std::vector<TwinState> twins = engine_->twin_states(twin);
  ASSERT_EQ(twins.size(), 1u);
  EXPECT_EQ(twins[0].properties[0], (std::pair<std::string, Value>{"c", Value::integer(2)}));
  EXPECT_EQ(twins[0].properties[1], (std::pair<std::string, Value>{"last", Value::real(20)}));
  const StatementCounters& counters = engine_->counters(twin);
  EXPECT_EQ(counters.latency.total, 2u);
  EXPECT_GT(counters.latency.percentile(50), 0u);
  EXPECT_LE(counters.latency.percentile(50), counters.latency.percentile(100));
}

TEST_F(WindowTest, ExpiredTwinKeysAreForgotten) {
  build("window w from r group by device tumbling 1m compute count() as n",
        "twin t key device { c: int = 0 }\n  on r set c = c + 1\n  expire after 1m\nsink tw from t to log\n");
  dsl::StatementId twin = 0;
  for (dsl::StatementId id = 0; id < plan_->statements.size(); ++id) {
    if (plan_->statements[id].name == "t") twin = id;
  }
  for (int i = 0; i < 100; ++i) send("r", "short-lived-" + std::to_string(i), 1, i / 10);
  EXPECT_EQ(engine_->twin_states(twin, 1000).size(), 100u);
  send("r", "steady", 1, 200);
  send("r", "steady", 1, 400);
  const std::vector<TwinState> left = engine_->twin_states(twin, 1000);
  ASSERT_EQ(left.size(), 1u) << "the short-lived keys expired a minute after their last update";
  EXPECT_EQ(left[0].key, "steady");
}

TEST_F(WindowTest, ReplayingTheSameEventsGivesTheSameWindows) {
  build("window w from r group by device sliding 2m every 1m compute avg(temp) as avg");
  for (int i = 0; i < 50; ++i) send("r", i % 3 == 0 ? "a" : "b", i, i * 7);
  engine_->finish();
  const Strings first = take();
  build("window w from r group by device sliding 2m every 1m compute avg(temp) as avg");
  for (int i = 0; i < 50; ++i) send("r", i % 3 == 0 ? "a" : "b", i, i * 7);
  engine_->finish();
  EXPECT_EQ(take(), first);
  EXPECT_FALSE(first.empty());
}

TEST_F(WindowTest, SeveralGroupFieldsAreEmittedAndComputeItemsReadThem) {
  const std::string window = "window w from r group by device, temp tumbling 1m compute count() + temp as n_plus";
  build(window);
  send("r", "a", 10, 0);
  send("r", "a", 10, 20);
  send("r", "a", 20, 30);
  // A restored engine knows the groups' values too.
  auto restored = Engine::restore(plan_, tables_, output_, engine_->snapshot());
  ASSERT_TRUE(restored.ok()) << restored.status().message();
  engine_ = std::move(*restored);
  send("r", "b", 5, 60);
  EXPECT_EQ(
      take(),
      (Strings{
          R"({"device":"a","temp":10,"n_plus":12,"window_start":"2026-11-20T08:00:00Z","window_end":"2026-11-20T08:01:00Z"})",
          R"({"device":"a","temp":20,"n_plus":21,"window_start":"2026-11-20T08:00:00Z","window_end":"2026-11-20T08:01:00Z"})"}));
}

TEST_F(WindowTest, ARoundOfMoreWindowsThanABatchClosesThemAllInTheOrderTheyOpened) {
  // The engine pushes a round of closing windows on in batches; the round's results keep
  // their order, and a window downstream that reads them mid-round counts every one.
  build("window w from per tumbling 1m compute count() as keys, sum(n) as readings",
        "window per from r group by device tumbling 1m compute count() as n\n"
        "sink each from per to log\n");
  constexpr int kDevices = 150;
  Strings expected;
  for (int i = 0; i < kDevices; ++i) {
    const std::string device = "d" + std::to_string((i * 7) % kDevices);  // an order unlike the names'
    send("r", device, 1, 10);
    if (i % 3 == 0) send("r", device, 2, 10);
    expected.push_back(R"({"device":")" + device + R"(","n":)" + (i % 3 == 0 ? "2" : "1") +
                       R"(,"window_start":"2026-11-20T08:00:00Z","window_end":"2026-11-20T08:01:00Z"})");
  }
  send("r", "d0", 4, 70);  // the watermark reaches 08:01: every device's first minute closes
  EXPECT_EQ(take(), expected);
  engine_->finish();
  EXPECT_EQ(
      take(),
      (Strings{
          R"({"device":"d0","n":1,"window_start":"2026-11-20T08:01:00Z","window_end":"2026-11-20T08:02:00Z"})",
          R"({"keys":150,"readings":200,"window_start":"2026-11-20T08:01:00Z","window_end":"2026-11-20T08:02:00Z"})",
          R"({"keys":1,"readings":1,"window_start":"2026-11-20T08:02:00Z","window_end":"2026-11-20T08:03:00Z"})"}));
}

TEST_F(WindowTest, AKeyThatComesBackAfterItsWindowClosedStartsAfresh) {
  // Keys whose windows closed stay in the table for a round, so that a key that goes on
  // sending does not leave and enter it each minute; what they emit must not show it.
  const std::string window = "window w from r group by device tumbling 1m compute count() as n, sum(temp) as total";
  build(window);
  send("r", "a", 1, 0);
  send("r", "b", 2, 61);  // a's first minute closes; a has no window now
  const std::string snapshot = engine_->snapshot();
  send("r", "a", 4, 70);
  send("r", "b", 8, 130);  // a's and b's second minutes close; a is quiet from here on
  send("r", "b", 16, 190);
  send("r", "a", 32, 250);  // back after a quiet minute
  engine_->finish();
  const Strings expected{
      R"({"device":"a","n":1,"total":1,"window_start":"2026-11-20T08:00:00Z","window_end":"2026-11-20T08:01:00Z"})",
      R"({"device":"b","n":1,"total":2,"window_start":"2026-11-20T08:01:00Z","window_end":"2026-11-20T08:02:00Z"})",
      R"({"device":"a","n":1,"total":4,"window_start":"2026-11-20T08:01:00Z","window_end":"2026-11-20T08:02:00Z"})",
      R"({"device":"b","n":1,"total":8,"window_start":"2026-11-20T08:02:00Z","window_end":"2026-11-20T08:03:00Z"})",
      R"({"device":"b","n":1,"total":16,"window_start":"2026-11-20T08:03:00Z","window_end":"2026-11-20T08:04:00Z"})",
      R"({"device":"a","n":1,"total":32,"window_start":"2026-11-20T08:04:00Z","window_end":"2026-11-20T08:05:00Z"})"};
  EXPECT_EQ(take(), expected);
  // The same from a snapshot taken while a's entry waited without a window.
  auto restored = Engine::restore(plan_, tables_, output_, snapshot);
  ASSERT_TRUE(restored.ok()) << restored.status().message();
  engine_ = std::move(*restored);
  send("r", "a", 4, 70);
  send("r", "b", 8, 130);
  send("r", "b", 16, 190);
  send("r", "a", 32, 250);
  engine_->finish();
  EXPECT_EQ(take(), Strings(expected.begin() + 1, expected.end()));
}

}  // namespace
}  // namespace cepheus::engine
