// Private to the engine: pattern deadlines in time order.
//
// Deadlines are mostly pushed in time order: each is the event time being
// matched plus one of the pattern's few durations, and events are matched in
// event-time order. So the queue keeps a handful of runs of non-decreasing
// deadlines (a push goes to the first run it extends; pop takes the smallest
// front) and a binary heap for the rare deadline that extends none. Pushing and
// popping are O(1) in the usual case instead of O(log n) with cache misses.
// Among equal times, timers pop in the order of their `order` field.
#pragma once

#include <cstdint>
#include <deque>
#include <queue>
#include <vector>

#include "cepheus/core/time.h"
#include "cepheus/core/value.h"

namespace cepheus::engine {

struct Timer {
  Timestamp at;
  std::uint64_t order = 0;  // the run's id; 0 for a key's idle TTL
  Value key;
  std::size_t key_hash = 0;  // key.hash(), kept so that firing does not hash again
  bool before(const Timer& other) const { return at != other.at ? at < other.at : order < other.order; }
};

class TimerQueue {
 public:
  void push(Timer timer);
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  // The earliest timer; requires !empty().
  const Timer& top() const;
  void pop();
  // Every timer, earliest first (for snapshots).
  std::vector<Timer> sorted() const;

 private:
  static constexpr std::size_t kMaxRuns = 8;
  struct Later {
    bool operator()(const Timer& a, const Timer& b) const { return b.before(a); }
  };
  // Where the earliest timer is: a run's index, or kMaxRuns for the heap. Cached
  // between changes, since the operator asks for the top far more often than it pops.
  std::size_t earliest() const;
  static constexpr std::size_t kUnknown = kMaxRuns + 1;
  mutable std::size_t earliest_ = kUnknown;

  std::vector<std::deque<Timer>> runs_;
  std::priority_queue<Timer, std::vector<Timer>, Later> heap_;
  std::size_t size_ = 0;
};

}  // namespace cepheus::engine
