#include "cepheus/engine/engine.h"

#include <gtest/gtest.h>

#include "cepheus/core/event_json.h"
#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"
#include "cepheus/engine/evaluator.h"

namespace cepheus::engine {
namespace {

class RecordingOutput final : public Output {
 public:
  void alert(const Alert& a) override { alerts.push_back(a); }
  void sink_event(std::string_view sink, const std::vector<ResolvedTarget>& targets, const Event& e) override {
    sinks.push_back(std::string(sink) + " " + (targets.empty() ? "" : targets[0].address) + " " + event_to_json(e));
  }
  void dead_letter(std::string_view source, const Event& e, std::string_view reason) override {
    dead.push_back(std::string(source) + " " + std::string(reason) + " " + format_timestamp(e.time()));
  }
  std::vector<Alert> alerts;
  std::vector<std::string> sinks;
  std::vector<std::string> dead;
};

class RowsLoader final : public TableLoader {
 public:
  Result<std::vector<std::vector<Value>>> load(const dsl::PlanStatement&) override { return rows; }
  std::vector<std::vector<Value>> rows;
};

constexpr const char* kRules = R"cep(
schema Reading { device: string, temp: double, ts: timestamp }
schema Device { device: string, site: string, max_temp: double }
source readings: Reading from mqtt "t/{device}" event time ts lateness 5s
table devices: Device from csv "d.csv" key device
stream enriched from readings
  join devices on device
  select device, temp, devices.site as site, devices.max_temp as limit
twin counts key device { over: int = 0 }
  on enriched where temp > limit set over = over + 1
  expire after 1h
alert over_limit from enriched
  where temp > limit
  message "{device} at {site}: {temp} (over {counts.over})"
  throttle 1m per device
stream very_hot from enriched where temp > 100
sink hot from very_hot to mqtt "hot/{device}"
)cep";

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dsl::Diagnostics diagnostics;
    dsl::Project project = dsl::Project::from_text("t.cep", kRules, diagnostics);
    const dsl::CheckedProject checked = dsl::check_project(project, diagnostics);
    for (const dsl::Diagnostic& d : diagnostics.all()) ADD_FAILURE() << dsl::render_text(d);
    plan_ = std::make_shared<const dsl::Plan>(dsl::compile_plan(checked));
    loader_.rows = {{Value::string("press-01"), Value::string("north"), Value::real(85)},
                    {Value::string("press-02"), Value::string("south"), Value::real(90)}};
    auto engine = Engine::create(plan_, loader_, output_);
    ASSERT_TRUE(engine.ok()) << engine.status().message();
    engine_ = std::move(*engine);
    source_ = *engine_->source("readings");
    decoder_.emplace(*JsonEventDecoder::make(*plan_->statements[source_].output, {.time_field = "ts"}));
  }
  void send(const std::string& device, double temp, const std::string& time) {
    auto event = decoder_->decode("{\"device\":\"" + device + "\",\"temp\":" + std::to_string(temp) + ",\"ts\":\"" +
                                  time + "\"}");
    ASSERT_TRUE(event.ok()) << event.status().message();
    engine_->ingest(source_, *event);
  }
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const Alert& a : output_.alerts) out.push_back(format_timestamp(a.time) + " " + a.message);
    return out;
  }

  std::shared_ptr<const dsl::Plan> plan_;
  RowsLoader loader_;
  RecordingOutput output_;
  std::unique_ptr<Engine> engine_;
  dsl::StatementId source_ = 0;
  std::optional<JsonEventDecoder> decoder_;
};

using Strings = std::vector<std::string>;

TEST_F(EngineTest, AlertsOnEnrichedEventsAndThrottlesPerKeyInEventTime) {
  send("press-01", 80, "2026-11-20T08:00:00Z");
  send("press-01", 86.5, "2026-11-20T08:00:10Z");
  send("press-01", 87, "2026-11-20T08:00:20Z");  // within the minute: throttled
  send("press-02", 91, "2026-11-20T08:00:25Z");  // another key: not throttled
  send("press-01", 88, "2026-11-20T08:01:10Z");  // a minute after the last alert
  EXPECT_EQ(messages(), (Strings{"2026-11-20T08:00:10Z press-01 at north: 86.5 (over 1)",
                                 "2026-11-20T08:00:25Z press-02 at south: 91 (over 1)",
                                 "2026-11-20T08:01:10Z press-01 at north: 88 (over 3)"}));
}

TEST_F(EngineTest, LateEventsBecomeDeadLettersAndChangeNothing) {
  send("press-01", 80, "2026-11-20T08:00:20Z");
  send("press-01", 99, "2026-11-20T08:00:14Z");  // watermark is 08:00:15
  send("press-01", 99, "2026-11-20T08:00:15Z");  // exactly at the watermark: on time
  EXPECT_EQ(output_.dead, (Strings{"readings late 2026-11-20T08:00:14Z"}));
  EXPECT_EQ(engine_->counters(source_).late, 1u);
  EXPECT_EQ(engine_->watermark(source_), *parse_timestamp("2026-11-20T08:00:15Z"));
  EXPECT_EQ(messages(), (Strings{"2026-11-20T08:00:15Z press-01 at north: 99 (over 1)"}));
}

TEST_F(EngineTest, AnEventWithoutATableRowReadsNulls) {
  send("press-09", 200, "2026-11-20T08:00:00Z");
  EXPECT_TRUE(output_.alerts.empty()) << "temp > null is not true";
  EXPECT_EQ(output_.sinks,
            (Strings{"hot hot/press-09 {\"device\":\"press-09\",\"temp\":200,\"site\":null,\"limit\":null}"}));
}

TEST_F(EngineTest, TwinStateExpiresAfterItsTimeToLive) {
  send("press-01", 90, "2026-11-20T08:00:00Z");
  send("press-01", 90, "2026-11-20T10:00:00Z");  // two hours later: the count starts again
  EXPECT_EQ(messages(), (Strings{"2026-11-20T08:00:00Z press-01 at north: 90 (over 1)",
                                 "2026-11-20T10:00:00Z press-01 at north: 90 (over 1)"}));
}

TEST_F(EngineTest, AlertIdsAreTheSameForTheSameMatchAndDifferForOthers) {
  send("press-01", 90, "2026-11-20T08:00:00Z");
  send("press-02", 95, "2026-11-20T08:00:00Z");
  ASSERT_EQ(output_.alerts.size(), 2u);
  EXPECT_NE(output_.alerts[0].id, output_.alerts[1].id);
  EXPECT_EQ(output_.alerts[0].id.size(), 16u);
  RecordingOutput again;
  auto second = Engine::create(plan_, loader_, again);
  auto event = decoder_->decode(R"({"device":"press-01","temp":90,"ts":"2026-11-20T08:00:00Z"})");
  (*second)->ingest(source_, *event);
  ASSERT_EQ(again.alerts.size(), 1u);
  EXPECT_EQ(again.alerts[0].id, output_.alerts[0].id) << "a replay gives the same id";
}

TEST_F(EngineTest, CountsWhatEachStatementSawAndDid) {
  send("press-01", 80, "2026-11-20T08:00:00Z");
  send("press-01", 90, "2026-11-20T08:00:10Z");
  send("press-01", 95, "2026-11-20T08:00:20Z");
  const auto alert = plan_->statements.size() - 3;  // alert, very_hot, sink come last
  EXPECT_EQ(engine_->counters(source_).in, 3u);
  EXPECT_EQ(plan_->statements[alert].name, "over_limit");
  EXPECT_EQ(engine_->counters(static_cast<dsl::StatementId>(alert)).in, 3u);
  EXPECT_EQ(engine_->counters(static_cast<dsl::StatementId>(alert)).out, 1u);
  EXPECT_EQ(engine_->counters(static_cast<dsl::StatementId>(alert)).dropped, 2u)
      << "one below the limit, one throttled";
}

class HeldBackLog final : public TraceSink {
 public:
  explicit HeldBackLog(const dsl::Plan& plan) : plan_(plan) {}
  void trace(const TraceEntry&) override {}
  void held_back(dsl::StatementId statement, Clause clause, const Event& event,
                 const std::function<ConditionFailure()>& explain) override {
    static const char* const kClauses[] = {"where", "having", "throttle"};
    const ConditionFailure failure = explain();
    lines.push_back(plan_.statements[statement].name + " " + kClauses[static_cast<int>(clause)] + " " +
                    format_timestamp(event.time()) + ": " + failure.what +
                    (failure.gap ? " (gap " + display_text(Value::real(*failure.gap)) + ")" : ""));
  }
  const dsl::Plan& plan_;
  Strings lines;
};

TEST_F(EngineTest, ATraceSinkHearsWhatEachClauseHeldBackAndWhy) {
  HeldBackLog log(*plan_);
  RecordingOutput output;
  auto engine = Engine::create(plan_, loader_, output, {.trace = &log});
  ASSERT_TRUE(engine.ok());
  for (const char* line : {R"({"device":"press-01","temp":80,"ts":"2026-11-20T08:00:00Z"})",
                           R"({"device":"press-01","temp":90,"ts":"2026-11-20T08:00:10Z"})",
                           R"({"device":"press-01","temp":101,"ts":"2026-11-20T08:00:20Z"})"})
    (*engine)->ingest(source_, *decoder_->decode(line));
  EXPECT_EQ(log.lines, (Strings{
                           "counts where 2026-11-20T08:00:00Z: temp 80 failed > limit (85) (gap 5)",
                           "over_limit where 2026-11-20T08:00:00Z: temp 80 failed > limit (85) (gap 5)",
                           "very_hot where 2026-11-20T08:00:00Z: temp 80 failed > 100 (gap 20)",
                           "very_hot where 2026-11-20T08:00:10Z: temp 90 failed > 100 (gap 10)",
                           "over_limit throttle 2026-11-20T08:00:20Z: 10s after the alert for device=press-01 at "
                           "2026-11-20T08:00:10Z, within its throttle of 1m",
                       }));
  EXPECT_EQ(engine_->counters(source_).in, 0u) << "the fixture's own engine saw nothing";
}

}  // namespace
}  // namespace cepheus::engine
