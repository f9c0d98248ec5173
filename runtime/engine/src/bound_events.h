// Private to the engine: the events a pattern run has taken, in order.
#pragma once

#include <cstdint>

#include "cepheus/core/event.h"
#include "cepheus/dsl/parser.h"
#include "inline_one_list.h"
#include "shared_event.h"

namespace cepheus::engine {

// An event taken by a run. Packed, since a waiting key's state holds one: the step
// in 16 bits (a pattern has at most dsl::kMaxPatternSteps) and the arrival number
// in 48 (years of events at millions per second).
struct BoundEvent {
  std::uint64_t step : 16 = 0;
  std::uint64_t seq : 48 = 0;  // the operator's arrival number, for skip strategies
  Timestamp time;
  SharedEvent event;  // only when the step's events are read later
};
static_assert(dsl::kMaxPatternSteps < (1U << 16));
static_assert(sizeof(BoundEvent) == 24);

// Blocks of two events, the most common (a run of "A then B" that completes), are
// recycled through a small per-thread cache: matches complete and free them at the
// rate new ones are needed, and malloc costs more than the match.
struct BoundEventBlocks {
  static BoundEvent* allocate(std::uint32_t capacity);
  static void deallocate(BoundEvent* block, std::uint32_t capacity);
};

using BoundEvents = InlineOneList<BoundEvent, BoundEventBlocks>;
static_assert(sizeof(BoundEvents) == 32);

}  // namespace cepheus::engine
