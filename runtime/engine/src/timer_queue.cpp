#include "timer_queue.h"

#include <algorithm>

namespace cepheus::engine {

void TimerQueue::push(Timer timer) {
  ++size_;
  earliest_ = kUnknown;
  for (std::deque<Timer>& run : runs_) {
    if (run.empty() || !timer.before(run.back())) {
      run.push_back(std::move(timer));
      return;
    }
  }
  if (runs_.size() < kMaxRuns) {
    runs_.emplace_back().push_back(std::move(timer));
    return;
  }
  heap_.push(std::move(timer));
}

std::size_t TimerQueue::earliest() const {
  if (earliest_ != kUnknown) return earliest_;
  std::size_t best = kMaxRuns;
  const Timer* best_timer = heap_.empty() ? nullptr : &heap_.top();
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    if (runs_[i].empty()) continue;
    if (!best_timer || runs_[i].front().before(*best_timer)) {
      best = i;
      best_timer = &runs_[i].front();
    }
  }
  earliest_ = best;
  return best;
}

const Timer& TimerQueue::top() const {
  const std::size_t at = earliest();
  return at == kMaxRuns ? heap_.top() : runs_[at].front();
}

void TimerQueue::pop() {
  const std::size_t at = earliest();
  if (at == kMaxRuns) {
    heap_.pop();
  } else {
    runs_[at].pop_front();
  }
  --size_;
  earliest_ = kUnknown;
}

std::vector<Timer> TimerQueue::sorted() const {
  std::vector<Timer> all;
  all.reserve(size_);
  for (const std::deque<Timer>& run : runs_) all.insert(all.end(), run.begin(), run.end());
  auto heap = heap_;
  for (; !heap.empty(); heap.pop()) all.push_back(heap.top());
  std::sort(all.begin(), all.end(), [](const Timer& a, const Timer& b) { return a.before(b); });
  return all;
}

}  // namespace cepheus::engine
