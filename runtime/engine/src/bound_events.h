// Private to the engine: the events a pattern run has taken, in order.
//
// A waiting run usually holds one event, and runs are moved and copied on every
// step, so the list keeps one event inline and moves it directly; more go to one
// heap block. (A general small vector moves an inline element through its range
// assignment: a fifth of the instructions per event of "A then B".)
#pragma once

#include <cstdint>
#include <iterator>
#include <memory>
#include <new>
#include <utility>

#include "cepheus/core/event.h"
#include "cepheus/dsl/parser.h"

namespace cepheus::engine {

// An event taken by a run. Packed, since a waiting key's state holds one: the step
// in 16 bits (a pattern has at most dsl::kMaxPatternSteps) and the arrival number
// in 48 (years of events at millions per second).
struct BoundEvent {
  std::uint64_t step : 16 = 0;
  std::uint64_t seq : 48 = 0;  // the operator's arrival number, for skip strategies
  Timestamp time;
  std::shared_ptr<const Event> event;  // only when the step's events are read later
};
static_assert(dsl::kMaxPatternSteps < (1U << 16));
static_assert(sizeof(BoundEvent) == 32);

class BoundEvents {
 public:
  BoundEvents() = default;
  BoundEvents(const BoundEvents& other) {
    reserve(other.size_);
    for (const BoundEvent& b : other) push_back(b);
  }
  BoundEvents(BoundEvents&& other) noexcept { take(other); }
  BoundEvents& operator=(const BoundEvents& other) {
    if (this != &other) *this = BoundEvents(other);
    return *this;
  }
  BoundEvents& operator=(BoundEvents&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  ~BoundEvents() { release(); }

  void push_back(BoundEvent bound) {
    if (size_ == capacity_) reserve(capacity_ * 2);
    new (data() + size_) BoundEvent(std::move(bound));
    ++size_;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const BoundEvent& operator[](std::size_t i) const { return data()[i]; }
  const BoundEvent& front() const { return data()[0]; }
  const BoundEvent& back() const { return data()[size_ - 1]; }
  const BoundEvent* begin() const { return data(); }
  const BoundEvent* end() const { return data() + size_; }
  std::reverse_iterator<const BoundEvent*> rbegin() const { return std::make_reverse_iterator(end()); }
  std::reverse_iterator<const BoundEvent*> rend() const { return std::make_reverse_iterator(begin()); }

 private:
  BoundEvent* inline_slot() { return std::launder(reinterpret_cast<BoundEvent*>(inline_)); }
  const BoundEvent* inline_slot() const { return std::launder(reinterpret_cast<const BoundEvent*>(inline_)); }
  BoundEvent* data() { return heap_ ? heap_ : inline_slot(); }
  const BoundEvent* data() const { return heap_ ? heap_ : inline_slot(); }

  void reserve(std::uint32_t capacity) {
    if (capacity <= capacity_) return;
    BoundEvent* block = allocate(capacity);
    BoundEvent* from = data();
    for (std::uint32_t i = 0; i < size_; ++i) {
      new (block + i) BoundEvent(std::move(from[i]));
      from[i].~BoundEvent();
    }
    if (heap_) deallocate(heap_, capacity_);
    heap_ = block;
    capacity_ = capacity;
  }
  // Takes `other`'s events, leaving it empty: a heap block changes hands, an inline event moves.
  void take(BoundEvents& other) noexcept {
    heap_ = std::exchange(other.heap_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 1);
    if (!heap_ && size_ == 1) {
      new (inline_slot()) BoundEvent(std::move(*other.inline_slot()));
      other.inline_slot()->~BoundEvent();
    }
  }
  void release() {
    BoundEvent* at = data();
    for (std::uint32_t i = 0; i < size_; ++i) at[i].~BoundEvent();
    if (heap_) deallocate(heap_, capacity_);
    heap_ = nullptr;
    size_ = 0;
    capacity_ = 1;
  }

  // Room for `capacity` events. Blocks of two, the most common (a run of "A then B"
  // that completes), are recycled through a small per-thread cache: matches complete
  // and free them at the rate new ones are needed, and malloc costs more than the match.
  static BoundEvent* allocate(std::uint32_t capacity);
  static void deallocate(BoundEvent* block, std::uint32_t capacity);

  BoundEvent* heap_ = nullptr;  // when more than one event was ever held
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 1;
  alignas(BoundEvent) unsigned char inline_[sizeof(BoundEvent)];
};

}  // namespace cepheus::engine
