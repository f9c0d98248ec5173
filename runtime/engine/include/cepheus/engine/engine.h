// The engine: runs a compiled plan over events, in event time.
//
// This is the single-threaded core: events are processed one at a time, in the
// order they are ingested, through every statement that reads them, so the same
// input gives the same output in the same order. It runs sources (watermarks,
// late events), streams (filter, table join, projection), twins (per-key state),
// alerts (condition, message, throttle per key in event time, deterministic id)
// and sinks, and windows (tumbling, sliding, session, count) that close when the
// watermark of the sources upstream of them passes their end. A source with
// `idle after` stops holding that watermark back when the newest event of the
// project is more than that duration ahead of its own (event time, so a replay
// is deterministic). Patterns are refused at creation with a clear message until
// they are implemented (issue 4).
//
// Not thread-safe: one thread calls ingest(); Output is called on that thread.
// The plan and the table rows are owned by the engine for its lifetime.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/engine/output.h"

namespace cepheus::engine {

class WindowOperator;

// Provides the rows of a reference table statement (a CSV or SQLite file).
class TableLoader {
 public:
  virtual ~TableLoader() = default;
  virtual Result<std::vector<std::vector<Value>>> load(const dsl::PlanStatement& table) = 0;
};

struct StatementCounters {
  std::uint64_t in = 0;       // events that reached the statement
  std::uint64_t out = 0;      // events (or alerts) it produced
  std::uint64_t dropped = 0;  // filtered out, throttled
  std::uint64_t late = 0;     // sources: behind the watermark, kept as dead letters
};

class Engine {
 public:
  // Builds the operators of `plan` and loads its tables. Refuses plans with
  // statements this engine cannot run yet, naming them.
  static Result<std::unique_ptr<Engine>> create(std::shared_ptr<const dsl::Plan> plan, TableLoader& tables,
                                                Output& output);
  ~Engine();

  // The source statement called `name`, or nullopt.
  std::optional<dsl::StatementId> source(std::string_view name) const;
  const dsl::Plan& plan() const { return *plan_; }

  // Processes one event of source `source` (its schema is the source's output).
  // A late event is counted and handed to Output::dead_letter, never dropped silently.
  void ingest(dsl::StatementId source, const Event& event);

  // The end of the input (a replay's last record): every open window closes.
  void finish();

  // Event time below which events of `source` are late: the largest event time
  // seen minus the source's lateness.
  Timestamp watermark(dsl::StatementId source) const;
  const StatementCounters& counters(dsl::StatementId statement) const { return counters_[statement]; }

 private:
  class Twins;
  // The watermark that closes the windows of statement `window`.
  Timestamp window_watermark(dsl::StatementId window) const;
  void advance_windows(const std::vector<dsl::StatementId>& windows, Timestamp limit, bool final);
  void emit_all(dsl::StatementId from, std::vector<Event>& ready);
  Engine(std::shared_ptr<const dsl::Plan> plan, Output& output);
  void push(dsl::StatementId from, const Event& event);
  void run_stream(dsl::StatementId id, const Event& event);
  void run_twin(dsl::StatementId id, dsl::StatementId from, const Event& event);
  void run_alert(dsl::StatementId id, const Event& event);
  void run_sink(dsl::StatementId id, const Event& event);

  std::shared_ptr<const dsl::Plan> plan_;
  Output& output_;
  std::vector<std::vector<dsl::StatementId>> readers_;  // statement -> statements that read it
  std::vector<StatementCounters> counters_;
  std::vector<Timestamp> max_event_time_;            // per source
  std::vector<Duration> lateness_;                   // per source, from the plan
  std::vector<std::optional<Duration>> idle_after_;  // per source, from the plan
  // Alert and sink targets without placeholders, resolved once at creation.
  std::vector<std::optional<std::vector<ResolvedTarget>>> fixed_targets_;
  std::vector<bool> seen_event_;  // per source
  // Table rows by key, per table statement.
  std::vector<std::unordered_map<Value, std::vector<Value>, ValueHash>> tables_;
  std::unique_ptr<Twins> twins_;
  std::vector<std::unique_ptr<WindowOperator>> windows_;         // by statement; null for others
  std::vector<std::vector<dsl::StatementId>> upstream_sources_;  // per window statement
  std::vector<dsl::StatementId> all_windows_;
  Timestamp newest_ = Timestamp::min();  // the newest event time of the project
  // Last alert time per throttle key, per alert statement.
  std::vector<std::unordered_map<std::string, Timestamp>> throttles_;
};

}  // namespace cepheus::engine
