// An accumulator keeps only what its kind of aggregate needs (a union, told apart by the
// kind), so copies, moves, assignments between kinds and snapshots must keep each kind's state.
#include "aggregate_accumulator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "cepheus/core/event.h"
#include "cepheus/core/schema.h"

namespace cepheus::engine {
namespace {

using dsl::Aggregate;

// `aggregate(temp)`, or count() for kCount.
dsl::BoundExpr aggregate_of(Aggregate kind) {
  dsl::BoundExpr e;
  e.kind = dsl::BoundKind::kAggregate;
  e.aggregate = kind;
  e.type = kind == Aggregate::kCount || kind == Aggregate::kCountDistinct ? ValueType::kInt : ValueType::kDouble;
  e.percentile = 50;
  if (kind != Aggregate::kCount) {
    dsl::BoundExpr field;
    field.kind = dsl::BoundKind::kField;
    field.type = ValueType::kDouble;
    field.index = 0;
    e.args.push_back(field);
  }
  return e;
}

class AggregateAccumulatorTest : public ::testing::TestWithParam<Aggregate> {
 protected:
  // The accumulator after 4, null, 1, 4 and 7.
  AggregateAccumulator fed(const dsl::BoundExpr& aggregate) const {
    AggregateAccumulator accumulator(aggregate.aggregate);
    for (const Value& v : {Value::real(4), Value::null(), Value::real(1), Value::real(4), Value::real(7)}) {
      const Event event(*schema_, Timestamp::from_millis(0), {v});
      accumulator.add(aggregate, EvalContext{&event, nullptr, {}, nullptr, {}, {}});
    }
    return accumulator;
  }
  std::shared_ptr<const Schema> schema_ = *parse_schema_spec("R", "temp: double");
};

TEST_P(AggregateAccumulatorTest, CopiesMovesAssignmentsAndSnapshotsKeepTheResult) {
  const dsl::BoundExpr aggregate = aggregate_of(GetParam());
  const AggregateAccumulator original = fed(aggregate);
  const Value expected = original.result(aggregate);
  ASSERT_FALSE(expected.is_null());

  AggregateAccumulator copy(original);
  EXPECT_EQ(copy.result(aggregate), expected);
  AggregateAccumulator moved(std::move(copy));
  EXPECT_EQ(moved.result(aggregate), expected);

  // Assigned over accumulators of every other kind, whose kept state it replaces.
  for (const Aggregate other : {Aggregate::kSum, Aggregate::kMin, Aggregate::kCountDistinct}) {
    AggregateAccumulator assigned = fed(aggregate_of(other));
    assigned = original;
    EXPECT_EQ(assigned.result(aggregate), expected);
    AggregateAccumulator move_assigned = fed(aggregate_of(other));
    move_assigned = fed(aggregate);
    EXPECT_EQ(move_assigned.result(aggregate), expected);
  }

  SnapshotWriter out;
  original.save(out);
  const std::string bytes = out.take();
  SnapshotReader in(bytes);
  AggregateAccumulator loaded(GetParam());
  loaded.load(in);
  EXPECT_TRUE(in.ok());
  EXPECT_EQ(loaded.result(aggregate), expected);
}

INSTANTIATE_TEST_SUITE_P(EveryKind, AggregateAccumulatorTest,
                         ::testing::Values(Aggregate::kCount, Aggregate::kCountDistinct, Aggregate::kSum,
                                           Aggregate::kAvg, Aggregate::kMin, Aggregate::kMax, Aggregate::kStddev,
                                           Aggregate::kFirst, Aggregate::kLast, Aggregate::kPercentile));

TEST(AggregateAccumulatorResults, EachKindComputesItsAggregateSkippingNulls) {
  const std::shared_ptr<const Schema> schema = *parse_schema_spec("R", "temp: double");
  const auto result = [&](Aggregate kind) {
    const dsl::BoundExpr aggregate = aggregate_of(kind);
    AggregateAccumulator accumulator(kind);
    for (const Value& v : {Value::real(4), Value::null(), Value::real(1), Value::real(4), Value::real(7)}) {
      const Event event(*schema, Timestamp::from_millis(0), {v});
      accumulator.add(aggregate, EvalContext{&event, nullptr, {}, nullptr, {}, {}});
    }
    return accumulator.result(aggregate);
  };
  EXPECT_EQ(result(Aggregate::kCount), Value::integer(5));  // count() counts events, nulls too
  EXPECT_EQ(result(Aggregate::kCountDistinct), Value::integer(3));
  EXPECT_EQ(result(Aggregate::kSum), Value::real(16));
  EXPECT_EQ(result(Aggregate::kAvg), Value::real(4));
  EXPECT_EQ(result(Aggregate::kMin), Value::real(1));
  EXPECT_EQ(result(Aggregate::kMax), Value::real(7));
  EXPECT_NEAR(result(Aggregate::kStddev).as_double(), std::sqrt(6.0), 1e-12);
  EXPECT_EQ(result(Aggregate::kFirst), Value::real(4));
  EXPECT_EQ(result(Aggregate::kLast), Value::real(7));
  EXPECT_EQ(result(Aggregate::kPercentile), Value::real(4));
}

}  // namespace
}  // namespace cepheus::engine
