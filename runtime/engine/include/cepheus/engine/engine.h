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
// is deterministic). Patterns match per key as an NFA (src/pattern_operator.h),
// in event-time order, with their deadlines fired by the same watermark.
//
// Not thread-safe: one thread calls ingest(); Output is called on that thread.
// The plan and the table rows are owned by the engine for its lifetime.
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/engine/output.h"

namespace cepheus::engine {

class WindowOperator;
struct EvalContext;
class SnapshotWriter;
class SnapshotReader;
class PatternOperator;
class SpareValues;
class FieldTest;
class TwinStore;

// Bounds on pattern state, so that no rule can take the process down.
struct PatternLimits {
  std::size_t max_partial_matches_per_key = 1'000;  // beyond it the key's oldest are dropped
  std::size_t max_partial_matches = 1'000'000;      // per pattern; beyond it no new match starts
  Duration idle_key_ttl = Duration::hours(24);      // patterns without `within` or `expire after`
};

// One step in the matching of a pattern, to explain why a match did or did not
// complete ("step 'hot': temp 78.5 failed > 80", "maintenance arrived 12s before
// the deadline").
struct TraceEntry {
  std::string pattern;
  std::string key;        // the partition values
  std::uint64_t run = 0;  // the partial match; 0 when the event started none
  std::string step;       // the step concerned (its name, or its stream's)
  Timestamp time;         // the event's time, or the deadline's
  std::string what;
};

// The clause of a statement that held an event back.
enum class Clause : std::uint8_t { kWhere, kHaving, kThrottle };

// Why an event did not get through a clause, in the terms of the rule.
struct ConditionFailure {
  std::string what;            // "failures 10 failed >= 14", "throttled: ..."
  std::size_t parts_held = 0;  // of an `and`, the parts that held besides the one that failed
  std::optional<double> gap;   // a comparison of numbers: how far apart its two sides were
};

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  // Called on the engine's thread; implementations copy what they keep.
  virtual void trace(const TraceEntry& entry) = 0;
  // An event that the `where` of a stream, window, twin update or alert, a
  // window's `having` (the event is then the window's result) or an alert's
  // throttle held back. `explain` evaluates the clause again to say why: call
  // it only for the events worth keeping.
  virtual void held_back(dsl::StatementId /*statement*/, Clause /*clause*/, const Event& /*event*/,
                         const std::function<ConditionFailure()>& /*explain*/) {}
};

// Sees every event a statement emits (a source's accepted events included), for
// the studio's event table and live taps. Called on the engine's thread before
// the readers run; implementations copy what they keep.
class EventTap {
 public:
  virtual ~EventTap() = default;
  virtual void emitted(dsl::StatementId statement, const Event& event) = 0;
};

struct EngineOptions {
  PatternLimits patterns;
  TraceSink* trace = nullptr;    // when set, patterns report every step of their matching
  EventTap* tap = nullptr;       // when set, sees every event every statement emits
  bool measure_latency = false;  // fill StatementCounters::latency (two clock reads per statement and event)
};

struct PatternStats {
  std::uint64_t keys = 0;             // keys with a partial match
  std::uint64_t partial_matches = 0;  // runs in flight
  std::uint64_t buffered = 0;         // events waiting for the watermark
  std::uint64_t matches = 0;          // emitted
  std::uint64_t expired = 0;          // ended by a deadline, the idle TTL or the end of input, incomplete
  std::uint64_t broken = 0;           // ended by an event (an absence broken, `next` not met)
  std::uint64_t skipped = 0;          // discarded by the skip strategy after a match
  std::uint64_t dropped = 0;          // discarded at a limit (PatternLimits)
};

// One partial match, for introspection.
struct PartialMatch {
  std::string key;   // the partition values
  std::string step;  // the step it waits in (its name, or its stream's)
  std::size_t events = 0;
  Timestamp start;
  Timestamp last;
  Timestamp deadline;  // Timestamp::max() when none
};

// Provides the rows of a reference table statement (a CSV or SQLite file).
class TableLoader {
 public:
  virtual ~TableLoader() = default;
  virtual Result<std::vector<std::vector<Value>>> load(const dsl::PlanStatement& table) = 0;
};

// Time spent per event in a statement, in power-of-two buckets of nanoseconds.
struct LatencyHistogram {
  static constexpr int kBuckets = 40;  // bucket b: [2^b, 2^(b+1)) ns; the last takes the rest
  std::array<std::uint64_t, kBuckets> counts{};
  std::uint64_t total = 0;
  void record(std::uint64_t nanos);
  // An upper bound of the p-th percentile (0 < p <= 100), in nanoseconds; 0 when empty.
  std::uint64_t percentile(double p) const;
};

struct StatementCounters {
  std::uint64_t in = 0;       // events that reached the statement
  std::uint64_t out = 0;      // events (or alerts) it produced
  std::uint64_t dropped = 0;  // filtered out, throttled
  std::uint64_t late = 0;     // sources: behind the watermark, kept as dead letters
  // With EngineOptions::measure_latency: time per event in the statement and what
  // it feeds (inclusive), from its input to the last statement downstream.
  LatencyHistogram latency;
};

// An open window and its output so far, for introspection.
struct OpenWindow {
  std::string key;
  Timestamp start;
  Timestamp end;
  std::vector<std::pair<std::string, Value>> values;  // the output fields as they stand
};

// The state of one key of a twin, for introspection.
struct TwinState {
  std::string key;
  Timestamp updated;
  std::vector<std::pair<std::string, Value>> properties;
};

class Engine {
 public:
  // Builds the operators of `plan` and loads its tables.
  static Result<std::unique_ptr<Engine>> create(std::shared_ptr<const dsl::Plan> plan, TableLoader& tables,
                                                Output& output, const EngineOptions& options = {});
  ~Engine();

  // The source statement called `name`, or nullopt.
  std::optional<dsl::StatementId> source(std::string_view name) const;
  const dsl::Plan& plan() const { return *plan_; }

  // Processes one event of source `source` (its schema is the source's output).
  // A late event is counted and handed to Output::dead_letter, never dropped silently.
  void ingest(dsl::StatementId source, const Event& event);

  // The end of the input (a replay's last record): every open window closes.
  void finish();

  // As if an event of `source` at `time` had been seen elsewhere: the source's
  // newest time (and so the watermarks, idleness and timers) moves on, with no
  // event processed. Sharded engines tell every worker what the others saw.
  void observe(dsl::StatementId source, Timestamp time);

  // Event time below which events of `source` are late: the largest event time
  // seen minus the source's lateness.
  Timestamp watermark(dsl::StatementId source) const;
  const StatementCounters& counters(dsl::StatementId statement) const { return counters_[statement]; }
  // Every operator's state, the watermarks and the pending timers, as bytes.
  // An engine restored from them goes on exactly as this one would have.
  std::string snapshot() const;
  // A new engine of `plan` in the state of `snapshot`, which must come from an
  // engine of the same plan; a damaged snapshot, or one of another plan, is refused.
  static Result<std::unique_ptr<Engine>> restore(std::shared_ptr<const dsl::Plan> plan, TableLoader& tables,
                                                 Output& output, std::string_view snapshot,
                                                 const EngineOptions& options = {});
  // A new engine of `plan` that takes from `snapshot`, which may come from an
  // engine of another plan (a new version of the rules), the state of every
  // statement whose definition and inputs' shapes are the same in both (matched
  // by name): window contents, partial matches and their deadlines, twin keys,
  // throttle times, a source's newest time, counters. The others start empty.
  // `carried` gets the names of the statements that took their state.
  static Result<std::unique_ptr<Engine>> restore_matching(std::shared_ptr<const dsl::Plan> plan, TableLoader& tables,
                                                          Output& output, std::string_view snapshot,
                                                          const EngineOptions& options,
                                                          std::vector<std::string>* carried);

  // Pattern statements only.
  PatternStats pattern_stats(dsl::StatementId pattern) const;
  std::vector<PartialMatch> partial_matches(dsl::StatementId pattern, std::size_t limit = 100) const;
  // Window statements only: the windows open now.
  std::vector<OpenWindow> open_windows(dsl::StatementId window, std::size_t limit = 100) const;
  // Twin statements only: the keys and their properties (expired keys included until overwritten).
  std::vector<TwinState> twin_states(dsl::StatementId twin, std::size_t limit = 100) const;

 private:
  // The watermark of a window or pattern: the lowest of its upstream sources, idle ones aside.
  Timestamp operator_watermark(dsl::StatementId statement) const {
    const dsl::StatementId sole = sole_source_[statement];
    return sole != kNoSource ? watermarks_[sole] : lowest_watermark(statement);
  }
  // operator_watermark() for a window or pattern of several sources, or of one that may go idle.
  Timestamp lowest_watermark(dsl::StatementId statement) const;
  // Closes windows and fires pattern deadlines up to their watermarks (or all, at the end).
  void advance_timed(bool final);
  // Records that `source` saw `time`; true when that is its newest time yet.
  bool note_time(dsl::StatementId source, Timestamp time);
  // Sets a source's newest event time (and whether it has one) and its watermark.
  void set_newest(dsl::StatementId source, Timestamp newest, bool seen);
  // After a source's newest time moved: windows, deadlines and twin expiry catch up.
  void time_moved();
  // Pushes the events a window or pattern made ready, as its outputs; leaves `ready` empty.
  void emit_all(dsl::StatementId from, std::vector<Event>& ready) {
    if (!ready.empty()) push_ready(from, ready);  // most events make nothing ready
  }
  void push_ready(dsl::StatementId from, std::vector<Event>& ready);
  // An empty list for ready events, and back: emptied lists keep their memory, so
  // that emitting allocates nothing in the usual case.
  std::vector<Event> borrow_ready();
  void return_ready(std::vector<Event>&& ready);
  Engine(std::shared_ptr<const dsl::Plan> plan, Output& output, const EngineOptions& options);
  void push(dsl::StatementId from, const Event& event);
  void run_statement(dsl::StatementId reader, dsl::StatementId from, const Event& event);
  void run_stream(dsl::StatementId id, const Event& event);
  void run_twin(dsl::StatementId id, dsl::StatementId from, const Event& event);
  void run_alert(dsl::StatementId id, const Event& event);
  void run_sink(dsl::StatementId id, const Event& event);
  void run_pattern(dsl::StatementId id, dsl::StatementId from, const Event& event);
  void run_window(dsl::StatementId id, const Event& event);
  // Whether `event` passes `where`, the `where` of statement `id`.
  bool passes(dsl::StatementId id, const dsl::BoundExpr& where, const Event& event, const EvalContext& context) const;
  // One statement's state in a snapshot, and back.
  void save_state(dsl::StatementId id, SnapshotWriter& out) const;
  void load_state(dsl::StatementId id, SnapshotReader& in);
  // Reads the statement sections of a snapshot; with `carried`, only those that
  // match (their names go there), without it every statement, in order.
  static Result<std::unique_ptr<Engine>> restore_sections(std::shared_ptr<const dsl::Plan> plan, TableLoader& tables,
                                                          Output& output, SnapshotReader& in,
                                                          const EngineOptions& options,
                                                          std::vector<std::string>* carried);
  // With a trace sink: tells it that `clause` of `id` held `event` back.
  void held_back(dsl::StatementId id, Clause clause, const Event& event, const dsl::BoundExpr& condition,
                 const EvalContext& context);
  // With a trace sink: the results of window `id` that its `having` held back.
  void report_having(dsl::StatementId id);

  std::shared_ptr<const dsl::Plan> plan_;
  Output& output_;
  // What a window or pattern made ready. One list serves them all: emit_all() empties
  // it before pushing, so the operators that the push reaches can fill it again.
  std::vector<Event> ready_;
  // emit_all()'s lists: a stack, since pushing what one operator made ready can
  // reach another, whose events need a list of their own.
  std::vector<std::vector<Event>> spare_ready_;
  // The storage of emitted events' values, for the operators' next results.
  std::unique_ptr<SpareValues> spare_values_;
  // Per statement: its `where` (of a stream, window or alert) when it only compares an event field with a constant.
  std::vector<std::unique_ptr<FieldTest>> where_tests_;
  EngineOptions options_;
  std::vector<std::vector<dsl::StatementId>> readers_;  // statement -> statements that read it
  std::vector<StatementCounters> counters_;
  std::vector<Timestamp> max_event_time_;            // per source
  std::vector<Duration> lateness_;                   // per source, from the plan
  Duration max_lateness_;                            // over all sources
  std::vector<std::optional<Duration>> idle_after_;  // per source, from the plan
  // Alert and sink targets without placeholders, resolved once at creation.
  std::vector<std::optional<std::vector<ResolvedTarget>>> fixed_targets_;
  std::vector<std::uint8_t> seen_event_;  // per source: 1 once it had an event (bytes: read per event)
  // Per source: watermark(), kept as the newest time moves (it is read several times per event).
  std::vector<Timestamp> watermarks_;
  std::vector<bool> passes_through_;  // per stream: its output is its input unchanged
  // Table rows by key, per table statement.
  std::vector<std::unordered_map<Value, std::vector<Value>, ValueHash>> tables_;
  std::unique_ptr<TwinStore> twins_;
  std::vector<std::unique_ptr<WindowOperator>> windows_;         // by statement; null for others
  std::vector<std::unique_ptr<PatternOperator>> patterns_;       // by statement; null for others
  std::vector<std::vector<dsl::StatementId>> upstream_sources_;  // per window and pattern statement
  // Per window and pattern statement: its one upstream source when that cannot go idle
  // (the usual case, whose watermark is that source's), else kNoSource.
  static constexpr dsl::StatementId kNoSource = static_cast<dsl::StatementId>(-1);
  std::vector<dsl::StatementId> sole_source_;
  std::vector<dsl::StatementId> timed_;  // windows and patterns, in plan order
  Timestamp newest_ = Timestamp::min();  // the newest event time of the project
  // Last alert time per throttle key, per alert statement.
  std::vector<std::unordered_map<std::string, Timestamp>> throttles_;
  // Per statement, what its state depends on; made at the first snapshot.
  mutable std::vector<std::uint64_t> state_fingerprints_;
};

}  // namespace cepheus::engine
