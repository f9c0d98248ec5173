// Private to the engine: the state and logic of one window statement.
//
// Time windows (tumbling, sliding, session) keep per key and per window one
// accumulator per aggregate, and emit when the statement's watermark passes the
// window's end; count windows emit every `count_every` events of a key over its
// last `count` events. Emission order is deterministic: by window end, then by
// the order in which windows were opened.
//
// A key whose last window closed keeps its (empty) entry until the next round of
// closing windows, so that a key that goes on sending does not leave and enter
// the table once per window.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <span>

#include <boost/container/small_vector.hpp>
#include <unordered_map>
#include <utility>
#include <vector>

#include "aggregate_accumulator.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/engine/engine.h"
#include "cepheus/engine/evaluator.h"
#include "inline_one_list.h"
#include "key_table.h"
#include "spare_values.h"

namespace cepheus::engine {

class WindowOperator {
 public:
  // `input` is the schema of the events it is fed; results are built in storage from `spare`.
  WindowOperator(const dsl::PlanStatement& statement, const Schema& input, const TwinReader* twins, SpareValues* spare);

  // Adds an event that passed the window's `where`. Count windows may finish
  // windows at once; they are appended to `ready`.
  void add(const Event& event, std::vector<Event>& ready);
  // Finishes the time windows whose end is at or before `watermark`, at most `limit` of them
  // per call: true while more are due. A round of closing windows goes in batches so that the
  // engine pushes each batch on and the storage of its results serves the next. Nothing due
  // (the usual case, on every event) is said inline.
  bool advance(Timestamp watermark, std::vector<Event>& ready, std::size_t limit) {
    return due(watermark) && close_due(watermark, ready, limit);
  }
  // From now on, results that `having` holds back are kept for take_held_back() (to explain them).
  void keep_held_back() { keep_held_back_ = true; }
  std::vector<Event> take_held_back() { return std::exchange(held_back_, {}); }
  // What the open windows hold now: their output so far (count windows: their last events).
  std::vector<OpenWindow> contents(std::size_t limit) const;

  // Its state; `input` is the schema of the events it keeps (its input's).
  void save(SnapshotWriter& out) const;
  void load(SnapshotReader& in);

 private:
  struct Window {
    Window(Timestamp from, Timestamp to, std::span<const dsl::BoundExpr* const> aggregates) : start(from), end(to) {
      for (const dsl::BoundExpr* aggregate : aggregates) accumulators.emplace_back(aggregate->aggregate);
    }
    Timestamp start;
    Timestamp end;  // exclusive; for sessions: the latest event time + gap
    boost::container::small_vector<AggregateAccumulator, 2> accumulators;
    // Sessions keep their events and aggregate when they close, so that two
    // sessions bridged by an out-of-order event merge exactly.
    std::vector<Event> events;
  };
  // A key's open windows, in order of start. Most keys have one window open (tumbling),
  // so it lives in the key's entry behind an 8-byte header; a window is found by a scan.
  using Windows = InlineOneList<Window>;
  struct KeyWindows {
    Windows by_start;
    // The group fields' values when there are several (with one, the key is its value).
    std::unique_ptr<Value[]> several;
  };
  // Entries on cache lines: an event reads its key, its window's bounds and (for up to two
  // aggregates) their accumulators, which are an entry's first 128 bytes, two lines.
  using Table = KeyTable<KeyWindows, 64>;
  using KeyEntry = Table::Entry;
  // A window to close when the watermark passes its end. Entries never move, and a key's
  // entry outlives its deadlines (it is dropped only after its last window closed), so the
  // deadline keeps it to close the window without a lookup.
  struct Deadline {
    Value key;
    Timestamp start;
    KeyEntry* entry;
  };
  using Key = Value;  // group_key(): one value, whatever the number of group fields

  // The key of `event`: its group field's value, or `several_key_` made from several.
  const Key& key_of(const Event& event);
  // add() by kind: tumbling and sliding windows, sessions, count windows.
  void add_to_windows(KeyEntry& entry, const Event& event);
  void add_to_session(KeyEntry& entry, const Event& event);
  void add_counted(const Key& key, const Event& event, std::vector<Event>& ready);
  void accumulate(Window& window, const Event& event) const;
  bool due(Timestamp watermark) const { return !deadlines_.empty() && deadlines_.begin()->first <= watermark; }
  bool close_due(Timestamp watermark, std::vector<Event>& ready, std::size_t limit);
  // Emits the window `due` names, if it still ends at `end`: true when it closed.
  bool close(const Deadline& due, Timestamp end, std::vector<Event>& ready);
  void emit(const Window& window, std::span<const Value> group, std::vector<Event>& ready);
  // The window's output fields as they would be emitted now.
  // Built in `values` (empty, with room or without).
  std::vector<Value> output_values(const Window& window, std::span<const Value> group,
                                   std::vector<Value> values = {}) const;
  // The compute items' values, appended to the group fields' in `values`, when some item is more
  // than its aggregate.
  void computed_values(const Window& window, std::vector<Value>& values) const;
  Window fresh(Timestamp start, Timestamp end) const;
  // The group fields' values of a key: `several` when there are several, or the key itself.
  static std::span<const Value> group_of(const Key& key, std::span<const Value> several);
  std::span<const Value> several_of(const KeyWindows& keyed) const;
  // The group fields' values of `event`, when there are several.
  std::vector<Value> group_values(const Event& event) const;
  // Keeps the group fields' values of `event` in a new key's entry, when there are several.
  void keep_group(KeyWindows& keyed, const Event& event) const;
  // The window of `windows` that starts at `start`, or null.
  static Window* find(Windows& windows, Timestamp start);
  // Inserts `window` in order of start (no window of `windows` starts when it does).
  static Window& insert(Windows& windows, Window&& window);
  // Drops the keys left without windows by the previous round of closing windows.
  void drop_emptied();

  const dsl::PlanStatement& statement_;
  const dsl::CheckedWindow& body_;
  const Schema& input_;
  const TwinReader* twins_;
  SpareValues* spare_;
  std::vector<const dsl::BoundExpr*> aggregates_;  // every aggregate node of every compute item
  // Per compute item: the index in aggregates_ when the item is that aggregate alone, else -1.
  std::vector<int> plain_aggregate_;
  // Every compute item is its aggregate alone, in order: results are the output as they are.
  bool only_plain_ = true;
  // Some compute item reads a field outside its aggregates (a group field, or a twin
  // keyed by one), so the output is computed over an event that carries the group fields.
  bool reads_fields_ = false;
  Table windows_;
  std::vector<KeyEntry*> emptied_;  // keys whose last window closed in the latest round
  Key several_key_;                 // key_of()'s key of several group fields (or none)
  // Window end -> the windows ending then, in the order they opened.
  std::map<Timestamp, std::vector<Deadline>> deadlines_;
  // A round of closing windows that a batch ended: the earliest deadline's next window, and
  // whether the round goes on (the keys it empties are dropped at the next round's start).
  std::size_t next_due_ = 0;
  bool mid_round_ = false;
  std::unordered_map<Key, std::pair<std::deque<Event>, std::int64_t>, ValueHash> counted_;  // count windows
  bool keep_held_back_ = false;
  std::vector<Event> held_back_;
};

}  // namespace cepheus::engine
