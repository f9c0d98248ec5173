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
  // An accumulator of one kind of aggregate: what it keeps depends on the kind.
  explicit AggregateAccumulator(dsl::Aggregate kind);
  AggregateAccumulator(const AggregateAccumulator& other);
  AggregateAccumulator(AggregateAccumulator&& other) noexcept;
  AggregateAccumulator& operator=(const AggregateAccumulator& other);
  AggregateAccumulator& operator=(AggregateAccumulator&& other) noexcept;
  ~AggregateAccumulator();

  // Adds the aggregate's argument as evaluated in `context` (or one event for count()).
  // `aggregate` is of the accumulator's kind. Inline: windows add every event to each of
  // their aggregates, whose argument is most often a field of the event, read where it is.
  void add(const dsl::BoundExpr& aggregate, const EvalContext& context) {
    if (aggregate.args.empty()) {  // count() or count(step)
      ++count_;
      return;
    }
    const dsl::BoundExpr& argument = aggregate.args[0];
    if (argument.kind == dsl::BoundKind::kField && argument.slot == dsl::Slot::kEvent && context.event) {
      add_value(context.event->value(argument.index));
    } else {
      add_value(evaluate(argument, context));
    }
  }
  // The aggregate's value so far; null where SQL gives null (no values, overflow).
  Value result(const dsl::BoundExpr& aggregate) const;

  void save(SnapshotWriter& out) const;
  void load(SnapshotReader& in);

 private:
  // What count distinct and percentile keep, made on first use.
  struct Collected {
    std::unordered_set<Value, ValueHash> distinct;
    std::vector<double> samples;
  };
  // sum, avg and stddev.
  struct Sums {
    double a = 0;  // sum and avg: the sum; stddev: the running mean (Welford)
    // sum and avg of ints: the integer sum; stddev: Welford's M2 (zero bits when empty).
    std::uint64_t shared = 0;
  };
  // Which member of the union a kind keeps (count keeps none beyond count_).
  enum class Keeps : std::uint8_t { kSums, kValue, kCollected };
  static Keeps keeps(dsl::Aggregate kind);

  // Adds one value of the aggregate's argument (a null is skipped).
  void add_value(const Value& v);
  Collected& collected();
  std::int64_t int_sum() const { return std::bit_cast<std::int64_t>(sums_.shared); }
  double m2() const { return std::bit_cast<double>(sums_.shared); }

  // Windows keep one accumulator per aggregate per key, so an accumulator keeps only what
  // its kind needs: 32 bytes, and the hot ones stay in few cache lines.
  std::int64_t count_ = 0;
  union {
    Sums sums_;
    Value value_;           // min, max, first, last
    Collected* collected_;  // count distinct, percentile: owned, null until the first value
  };
  dsl::Aggregate kind_;
  bool int_overflow_ = false;
};

// Every aggregate node of `e`, outermost first (aggregates do not nest).
void collect_aggregates(const dsl::BoundExpr& e, std::vector<const dsl::BoundExpr*>& out);

}  // namespace cepheus::engine
