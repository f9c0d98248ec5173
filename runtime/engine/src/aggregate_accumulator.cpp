#include "aggregate_accumulator.h"

#include <algorithm>
#include <cmath>

namespace cepheus::engine {
namespace {

using dsl::Aggregate;

bool less(const Value& a, const Value& b) {
  if (a.type() == ValueType::kString) return a.as_string() < b.as_string();
  if (a.type() == ValueType::kInt || a.type() == ValueType::kDouble) return a.as_number() < b.as_number();
  return a.as_int() < b.as_int();  // timestamps and durations
}

}  // namespace

void collect_aggregates(const dsl::BoundExpr& e, std::vector<const dsl::BoundExpr*>& out) {
  if (e.kind == dsl::BoundKind::kAggregate) {
    out.push_back(&e);
    return;
  }
  for (const dsl::BoundExpr& arg : e.args) collect_aggregates(arg, out);
}

AggregateAccumulator::AggregateAccumulator(const AggregateAccumulator& other)
    : count_(other.count_),
      int_sum_(other.int_sum_),
      a_(other.a_),
      m2_(other.m2_),
      value_(other.value_),
      int_overflow_(other.int_overflow_) {
  if (other.distinct_) distinct_ = std::make_unique<std::unordered_set<Value, ValueHash>>(*other.distinct_);
  if (other.samples_) samples_ = std::make_unique<std::vector<double>>(*other.samples_);
}

AggregateAccumulator& AggregateAccumulator::operator=(const AggregateAccumulator& other) {
  if (this != &other) *this = AggregateAccumulator(other);
  return *this;
}

void AggregateAccumulator::add(const dsl::BoundExpr& aggregate, const EvalContext& context) {
  if (aggregate.args.empty()) {  // count() or count(step)
    ++count_;
    return;
  }
  const Value v = evaluate(aggregate.args[0], context);
  if (v.is_null()) return;  // aggregates skip nulls, as in SQL
  ++count_;
  switch (aggregate.aggregate) {
    case Aggregate::kCount: break;
    case Aggregate::kCountDistinct:
      if (!distinct_) distinct_ = std::make_unique<std::unordered_set<Value, ValueHash>>();
      distinct_->insert(v);
      break;
    case Aggregate::kSum:
    case Aggregate::kAvg:
      if (v.type() == ValueType::kDouble) {
        a_ += v.as_double();
      } else {
        a_ += static_cast<double>(v.as_int());
        int_overflow_ = int_overflow_ || __builtin_add_overflow(int_sum_, v.as_int(), &int_sum_);
      }
      break;
    case Aggregate::kStddev: {
      const double x = v.as_number();
      const double delta = x - a_;
      a_ += delta / static_cast<double>(count_);
      m2_ += delta * (x - a_);
      break;
    }
    case Aggregate::kMin:
      if (value_.is_null() || less(v, value_)) value_ = v;
      break;
    case Aggregate::kMax:
      if (value_.is_null() || less(value_, v)) value_ = v;
      break;
    case Aggregate::kFirst:
      if (value_.is_null()) value_ = v;
      break;
    case Aggregate::kLast: value_ = v; break;
    case Aggregate::kPercentile:
      if (!samples_) samples_ = std::make_unique<std::vector<double>>();
      samples_->push_back(v.as_number());
      break;
  }
}

Value AggregateAccumulator::result(const dsl::BoundExpr& aggregate) const {
  switch (aggregate.aggregate) {
    case Aggregate::kCount: return Value::integer(count_);
    case Aggregate::kCountDistinct: return Value::integer(distinct_ ? static_cast<std::int64_t>(distinct_->size()) : 0);
    case Aggregate::kSum:
      if (count_ == 0) return Value::null();
      if (aggregate.type == ValueType::kInt) return int_overflow_ ? Value::null() : Value::integer(int_sum_);
      if (aggregate.type == ValueType::kDuration)
        return int_overflow_ ? Value::null() : Value::duration(Duration::nanos(int_sum_));
      return Value::real(a_);
    case Aggregate::kAvg: return count_ == 0 ? Value::null() : Value::real(a_ / static_cast<double>(count_));
    case Aggregate::kStddev:  // sample standard deviation
      return count_ < 2 ? Value::null() : Value::real(std::sqrt(m2_ / static_cast<double>(count_ - 1)));
    case Aggregate::kMin:
    case Aggregate::kMax:
    case Aggregate::kFirst:
    case Aggregate::kLast: return value_;
    case Aggregate::kPercentile: {
      if (!samples_ || samples_->empty()) return Value::null();
      // Nearest rank: the smallest value with at least p % of the values at or below it.
      std::vector<double> values = *samples_;
      const auto rank =
          static_cast<std::size_t>(std::ceil(aggregate.percentile / 100.0 * static_cast<double>(values.size())));
      const std::size_t index = rank == 0 ? 0 : rank - 1;
      std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index), values.end());
      return Value::real(values[index]);
    }
  }
  return Value::null();
}

void AggregateAccumulator::save(SnapshotWriter& out) const {
  out.i64(count_);
  out.i64(int_sum_);
  out.boolean(int_overflow_);
  out.f64(a_);
  out.f64(m2_);
  out.value(value_);
  out.u64(distinct_ ? distinct_->size() : 0);
  if (distinct_) {
    for (const Value& v : *distinct_) out.value(v);
  }
  out.u64(samples_ ? samples_->size() : 0);
  if (samples_) {
    for (const double d : *samples_) out.f64(d);
  }
}

void AggregateAccumulator::load(SnapshotReader& in) {
  count_ = in.i64();
  int_sum_ = in.i64();
  int_overflow_ = in.boolean();
  a_ = in.f64();
  m2_ = in.f64();
  value_ = in.value();
  for (std::size_t n = in.count(1), i = 0; i < n && in.ok(); ++i) {
    if (!distinct_) distinct_ = std::make_unique<std::unordered_set<Value, ValueHash>>();
    distinct_->insert(in.value());
  }
  for (std::size_t n = in.count(8), i = 0; i < n && in.ok(); ++i) {
    if (!samples_) samples_ = std::make_unique<std::vector<double>>();
    samples_->push_back(in.f64());
  }
}

}  // namespace cepheus::engine
