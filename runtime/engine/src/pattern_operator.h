// Private to the engine: the state and logic of one pattern statement.
//
// Events are matched per key (the partition fields) in event-time order: an
// event waits in a small buffer until the pattern's watermark reaches its time,
// so that events of several sources, or out of order within their lateness,
// meet the NFA in the order they happened (with no lateness and one source an
// event is matched at once). Deadlines (`within`, absences) fire from a timer
// queue as the watermark passes them. After a match, the skip strategy prunes
// the key's other runs. Memory is bounded: runs end at their deadlines, a quiet
// key's runs end after the pattern's `expire after` (or the engine's idle TTL
// for patterns without `within`), and the runs per key and
// per pattern are capped (the oldest run of a key is dropped first), counted
// and reported as warnings.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "cepheus/engine/engine.h"
#include "key_table.h"
#include "pattern_matcher.h"
#include "snapshot_codec.h"
#include "spare_values.h"
#include "timer_queue.h"

namespace cepheus::engine {

class PatternOperator {
 public:
  // Matches are built in storage from `spare`.
  PatternOperator(const dsl::PlanStatement& statement, const dsl::Plan& plan, const TwinReader* twins,
                  SpareValues* spare, const EngineOptions& options);

  // An event of input statement `from`; `watermark` is the pattern's watermark
  // with this event counted. Completed matches are appended to `ready`.
  void add(dsl::StatementId from, const Event& event, Timestamp watermark, std::vector<Event>& ready);
  // Matches buffered events up to `watermark` and fires the deadlines it passed; false
  // when the pattern was at that watermark already. The engine advances every timed
  // operator after each event, mostly to the watermark that add() just reached.
  bool advance(Timestamp watermark, std::vector<Event>& ready) {
    if (watermark == advanced_) return false;
    advance_to(watermark, ready);
    return true;
  }
  // The end of the input: time runs out, every deadline passes, and matches
  // that are complete but could have grown are emitted.
  void finish(std::vector<Event>& ready);

  PatternStats stats() const;
  std::vector<PartialMatch> partial_matches(std::size_t limit) const;
  // Warnings since the last call (partial matches dropped at a cap).
  std::vector<std::string> take_warnings();
  bool has_warnings() const { return !warnings_.empty(); }

  void save(SnapshotWriter& out) const;
  void load(SnapshotReader& in);

 private:
  // What few keys need, kept apart so that a key's entry stays two cache lines.
  struct KeyExtras {
    std::unique_ptr<Value[]> several;     // the partition field values when there are several
    Timestamp ttl_at = Timestamp::max();  // the idle TTL timer in force, or max for none
  };
  struct KeyState {
    RunList runs;
    Timestamp last_event;
    std::unique_ptr<KeyExtras> extras;  // made for several partition fields or an idle TTL timer
  };
  // Entries on cache lines: a key, its state and its one run are 128 bytes, two lines.
  using Keys = KeyTable<KeyState, 64>;
  static Timestamp ttl_at(const KeyState& state) { return state.extras ? state.extras->ttl_at : Timestamp::max(); }
  static KeyExtras& extras(KeyState& state);
  // advance() without the shortcut for a watermark already reached (inline, as fire():
  // every event comes here, and most find nothing buffered and nothing due).
  void advance_to(Timestamp watermark, std::vector<Event>& ready) {
    advanced_ = watermark;
    if (!buffer_.empty() && buffer_.begin()->first <= watermark) release_buffered(watermark, ready);
    fire(watermark, ready);
  }
  // Matches the buffered events up to `watermark`, in time order.
  void release_buffered(Timestamp watermark, std::vector<Event>& ready);
  void save_run(SnapshotWriter& out, const Run& run) const;
  Run load_run(SnapshotReader& in) const;
  void release(dsl::StatementId from, const Event& event, std::vector<Event>& ready);
  // Fires the deadlines due by `limit`, and sweeps when a sweep is due.
  void fire(Timestamp limit, std::vector<Event>& ready) {
    if (limit >= next_sweep_ || (!timers_.empty() && timers_.top().at <= limit)) fire_due(limit, ready);
  }
  void fire_due(Timestamp limit, std::vector<Event>& ready);
  // A key and its state, where the table keeps them (entries never move).
  using KeyEntry = Keys::Entry;
  void fire_run(const Timer& timer, KeyEntry& entry, std::vector<Event>& ready);
  // The key's runs take the event (or not); matches it completes are emitted.
  void continue_runs(KeyEntry& entry, const Offered& offered, std::vector<Event>& ready);
  // continue_runs() for programs whose runs never split: each run takes the event in place.
  void continue_runs_in_place(KeyEntry& entry, const Offered& offered, std::vector<Event>& ready);
  // The run ends before it is offered the event: its deadline passed, or the event breaks its absence.
  bool ends_before(const Run& run, const Offered& offered);
  // Whether a run that took nothing (and is not done) ends: `next` wanted this very event.
  bool ends_at_refusal(const Run& run, const Offered& offered);
  // What an event does to a run that takes events in place.
  enum class InPlace : std::uint8_t { kWaits, kEnded, kCompleted };
  InPlace offer_in_place(Run& run, const Offered& offered);
  // Whether the event begins a match for a key (set_key() was called). The general
  // matcher leaves the runs it begins in `starting_`; runs that move in place are made
  // where they stay, by start_runs().
  bool begins(const Offered& offered);
  void start_runs(KeyEntry& entry, const Offered& offered, std::vector<Event>& ready);
  // Whether the pattern may hold one more partial match; if not, the drop is counted and warned.
  bool room_for_run();
  // Emits matches in order, each pruning the runs its skip strategy discards.
  void emit_all(KeyEntry& entry, std::vector<Run>& completed, Timestamp time, std::vector<Event>& ready);
  void emit(const KeyEntry& entry, const Run& run, Timestamp time, std::vector<Event>& ready);
  // After a match `past last` starts no run with an event up to its last.
  void note_skip(const Run& match);
  // The values of the select's items for a match (its aggregates over the bound events first).
  void select(const KeyEntry& entry, const Run& run, std::vector<Value>& values) const;
  bool pruned_by(const Run& run, const Run& match) const;
  void schedule(KeyState& state, const Value& key, std::size_t hash);
  // Sets the key's idle TTL timer when some run could outlive it.
  void arm_idle_ttl(KeyState& state, const Value& key, std::size_t hash);
  // Holds the key to its limit of runs, dropping its oldest.
  void cap(KeyState& state) {
    if (state.runs.size() > limits_.max_partial_matches_per_key) drop_oldest(state);
  }
  void drop_oldest(KeyState& state);
  void drop_warning(const std::string& why);
  // The key of an event of input `from`: with one partition field its value, else a
  // key made in `several_key_` from the values, which go to `key_values_`.
  const Value& key_of(dsl::StatementId from, const Event& event);
  // The partition field values of a key.
  std::span<const Value> values_of(const KeyEntry& entry) const;
  // The entry of a key not in the table, `values` its partition field values.
  KeyEntry& insert(const Value& key, std::size_t hash, std::span<const Value> values);
  // Drops runs whose deadline only ends them (no timer was set) once the watermark passed it.
  void sweep(Timestamp watermark);

  const dsl::PlanStatement& statement_;
  const dsl::Plan& plan_;
  const dsl::CheckedPattern& pattern_;
  const TwinReader* twins_;
  SpareValues* spare_;
  PatternLimits limits_;
  PatternProgram program_;
  PatternMatcher matcher_;
  PatternTracer tracer_;  // used when a trace sink is set
  // Tells the trace sink, when there is one; `what` is built only then.
  template <typename Describe>
  void trace(const Run& run, std::uint32_t step, Timestamp time, Describe&& what) {
    if (tracer_.sink) tracer_.note(run, matcher_.step_name(step), time, what());
  }
  // trace() at the step the run waits in, found only when there is a sink.
  template <typename Describe>
  void trace(const Run& run, Timestamp time, Describe&& what) {
    if (tracer_.sink) tracer_.note(run, matcher_.step_name(matcher_.current_step(run)), time, what());
  }
  std::vector<const dsl::BoundExpr*> aggregates_;  // in the select, each over a step
  Keys keys_;
  TimerQueue timers_;
  std::multimap<Timestamp, std::pair<dsl::StatementId, Event>> buffer_;
  Timestamp released_ = Timestamp::min();  // the latest event time matched so far
  Timestamp advanced_ = Timestamp::min();  // the watermark of the last advance
  std::uint64_t seq_ = 0;
  std::uint64_t next_run_id_ = 1;
  std::size_t runs_ = 0;          // over all keys
  std::uint64_t skip_until_ = 0;  // past last: no new run starts with an event of the last match
  PatternStats stats_;
  std::vector<std::string> warnings_;
  // Scratch space reused for every event, so that matching allocates nothing in the usual case.
  KeyValues key_values_;
  Value several_key_;
  RunList next_;
  std::vector<Run> completed_, taken_, starting_;
  // Runs that can only expire get no timer; a sweep every `sweep_every_` of event time drops them.
  Duration sweep_every_;
  std::optional<Duration> idle_ttl_;  // how long a key's runs live without its events
  Timestamp next_sweep_ = Timestamp::max();
};

}  // namespace cepheus::engine
