// Private to the engine: the state and logic of one window statement.
//
// Time windows (tumbling, sliding, session) keep per key and per window one
// accumulator per aggregate, and emit when the statement's watermark passes the
// window's end; count windows emit every `count_every` events of a key over its
// last `count` events. Emission order is deterministic: by window end, then by
// the order in which windows were opened.
#pragma once

#include <deque>
#include <map>

#include <boost/container/flat_map.hpp>
#include <boost/container/small_vector.hpp>
#include <unordered_map>
#include <utility>
#include <vector>

#include "aggregate_accumulator.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/engine/engine.h"
#include "cepheus/engine/evaluator.h"
#include "key_table.h"

namespace cepheus::engine {

class WindowOperator {
 public:
  WindowOperator(const dsl::PlanStatement& statement, const TwinReader* twins);

  // Adds an event that passed the window's `where`. Count windows may finish
  // windows at once; they are appended to `ready`.
  void add(const Event& event, std::vector<Event>& ready);
  // Finishes every time window whose end is at or before `watermark`.
  void advance(Timestamp watermark, std::vector<Event>& ready);
  // From now on, results that `having` holds back are kept for take_held_back() (to explain them).
  void keep_held_back() { keep_held_back_ = true; }
  std::vector<Event> take_held_back() { return std::exchange(held_back_, {}); }
  // What the open windows hold now: their output so far (count windows: their last events).
  std::vector<OpenWindow> contents(std::size_t limit) const;

  // Its state; `input` is the schema of the events it keeps (its input's).
  void save(SnapshotWriter& out) const;
  void load(SnapshotReader& in, const Schema& input);

 private:
  struct Window {
    Timestamp start;
    Timestamp end;                // exclusive; for sessions: last event time + gap
    Timestamp last;               // sessions: the latest event time
    std::optional<Event> sample;  // an event of the window, for group fields
    boost::container::small_vector<AggregateAccumulator, 2> accumulators;
    // Sessions keep their events and aggregate when they close, so that two
    // sessions bridged by an out-of-order event merge exactly.
    std::vector<Event> events;
  };
  using Key = Value;  // group_key(): one value, whatever the number of group fields

  void accumulate(Window& window, const Event& event) const;
  void emit(const Window& window, std::vector<Event>& ready);
  // The window's output fields as they would be emitted now.
  std::vector<Value> output_values(const Window& window) const;
  Window fresh(Timestamp start, Timestamp end) const;

  const dsl::PlanStatement& statement_;
  const dsl::CheckedWindow& body_;
  const TwinReader* twins_;
  std::vector<const dsl::BoundExpr*> aggregates_;  // every aggregate node of every compute item
  // By key, by start: most keys have one window open (tumbling), so it lives in the map's node.
  KeyTable<boost::container::small_flat_map<Timestamp, Window, 1>> windows_;
  // Window end -> (key, start) of each window ending then, in the order they opened.
  std::map<Timestamp, std::vector<std::pair<Key, Timestamp>>> deadlines_;
  std::unordered_map<Key, std::pair<std::deque<Event>, std::int64_t>, ValueHash> counted_;  // count windows
  bool keep_held_back_ = false;
  std::vector<Event> held_back_;
};

}  // namespace cepheus::engine
