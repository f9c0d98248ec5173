// Private to the engine: one running aggregate (count, sum, avg, min, max,
// stddev, first, last, count distinct, percentile) over the values it is fed.
//
// Windows keep one per aggregate node and window; patterns fold a quantified
// step's bound events through one when a `select` reads them. Nulls are skipped,
// as in SQL; count() without an argument counts every event.
#pragma once

#include <bit>
#include <cstdint>
#include <memory>
#include <unordered_set>
#include <vector>

#include "cepheus/dsl/checked.h"
#include "cepheus/engine/evaluator.h"
#include "snapshot_codec.h"

namespace cepheus::engine {

class AggregateAccumulator {
 public:
  AggregateAccumulator() = default;
  AggregateAccumulator(const AggregateAccumulator& other);
  AggregateAccumulator& operator=(const AggregateAccumulator& other);
  AggregateAccumulator(AggregateAccumulator&&) = default;
  AggregateAccumulator& operator=(AggregateAccumulator&&) = default;

  // Adds the aggregate's argument as evaluated in `context` (or one event for count()).
  // Inline: windows add every event to each of their aggregates, whose argument is most
  // often a field of the event, read where it is.
  void add(const dsl::BoundExpr& aggregate, const EvalContext& context) {
    if (aggregate.args.empty()) {  // count() or count(step)
      ++count_;
      return;
    }
    const dsl::BoundExpr& argument = aggregate.args[0];
    if (argument.kind == dsl::BoundKind::kField && argument.slot == dsl::Slot::kEvent && context.event) {
      add_value(aggregate.aggregate, context.event->value(argument.index));
    } else {
      add_value(aggregate.aggregate, evaluate(argument, context));
    }
  }
  // The aggregate's value so far; null where SQL gives null (no values, overflow).
  Value result(const dsl::BoundExpr& aggregate) const;

  void save(SnapshotWriter& out) const;
  void load(SnapshotReader& in);

 private:
  // What count distinct and percentile keep, made on first use so that the other
  // aggregates stay small.
  struct Collected {
    std::unordered_set<Value, ValueHash> distinct;
    std::vector<double> samples;
  };
  // Adds one value of the aggregate's argument (a null is skipped).
  void add_value(dsl::Aggregate aggregate, const Value& v);
  Collected& collected();
  std::int64_t int_sum() const { return std::bit_cast<std::int64_t>(shared_); }
  double m2() const { return std::bit_cast<double>(shared_); }

  // One accumulator serves one aggregate, so members are shared between kinds
  // (windows keep one per aggregate per key, and small ones stay in cache).
  std::int64_t count_ = 0;
  double a_ = 0;  // sum and avg: the sum; stddev: the running mean (Welford)
  // sum and avg of ints: the integer sum; stddev: Welford's M2. Both are zero
  // bits when empty, and no aggregate uses both.
  std::uint64_t shared_ = 0;
  Value value_;  // min, max, first, last
  std::unique_ptr<Collected> collected_;
  bool int_overflow_ = false;
};

// Every aggregate node of `e`, outermost first (aggregates do not nest).
void collect_aggregates(const dsl::BoundExpr& e, std::vector<const dsl::BoundExpr*>& out);

}  // namespace cepheus::engine
