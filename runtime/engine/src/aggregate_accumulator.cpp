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
      a_(other.a_),
      shared_(other.shared_),
      value_(other.value_),
      collected_(other.collected_ ? std::make_unique<Collected>(*other.collected_) : nullptr),
      int_overflow_(other.int_overflow_) {}

AggregateAccumulator::Collected& AggregateAccumulator::collected() {
  if (!collected_) collected_ = std::make_unique<Collected>();
  return *collected_;
}

AggregateAccumulator& AggregateAccumulator::operator=(const AggregateAccumulator& other) {
  if (this != &other) *this = AggregateAccumulator(other);
  return *this;
}

void AggregateAccumulator::add_value(Aggregate aggregate, const Value& v) {
  if (v.is_null()) return;  // aggregates skip nulls, as in SQL
  ++count_;
  switch (aggregate) {
    case Aggregate::kCount: break;
    case Aggregate::kCountDistinct: collected().distinct.insert(v); break;
    case Aggregate::kSum:
    case Aggregate::kAvg:
      if (v.type() == ValueType::kDouble) {
        a_ += v.as_double();
      } else {
        a_ += static_cast<double>(v.as_int());
        std::int64_t sum = 0;
        int_overflow_ = int_overflow_ || __builtin_add_overflow(int_sum(), v.as_int(), &sum);
        shared_ = std::bit_cast<std::uint64_t>(sum);
      }
      break;
    case Aggregate::kStddev: {
      const double x = v.as_number();
      const double delta = x - a_;
      a_ += delta / static_cast<double>(count_);
      shared_ = std::bit_cast<std::uint64_t>(m2() + delta * (x - a_));
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
    case Aggregate::kPercentile: collected().samples.push_back(v.as_number()); break;
  }
}

Value AggregateAccumulator::result(const dsl::BoundExpr& aggregate) const {
  switch (aggregate.aggregate) {
    case Aggregate::kCount: return Value::integer(count_);
    case Aggregate::kCountDistinct:
      return Value::integer(collected_ ? static_cast<std::int64_t>(collected_->distinct.size()) : 0);
    case Aggregate::kSum:
      if (count_ == 0) return Value::null();
      if (aggregate.type == ValueType::kInt) return int_overflow_ ? Value::null() : Value::integer(int_sum());
      if (aggregate.type == ValueType::kDuration)
        return int_overflow_ ? Value::null() : Value::duration(Duration::nanos(int_sum()));
      return Value::real(a_);
    case Aggregate::kAvg: return count_ == 0 ? Value::null() : Value::real(a_ / static_cast<double>(count_));
    case Aggregate::kStddev:  // sample standard deviation
      return count_ < 2 ? Value::null() : Value::real(std::sqrt(m2() / static_cast<double>(count_ - 1)));
    case Aggregate::kMin:
    case Aggregate::kMax:
    case Aggregate::kFirst:
    case Aggregate::kLast: return value_;
    case Aggregate::kPercentile: {
      if (!collected_ || collected_->samples.empty()) return Value::null();
      // Nearest rank: the smallest value with at least p % of the values at or below it.
      std::vector<double> values = collected_->samples;
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
  // The format has the integer sum and M2 apart. The shared word goes to both, as the
  // one kind that uses it reads only its own (and the other kinds find zero).
  out.i64(count_);
  out.i64(int_sum());
  out.boolean(int_overflow_);
  out.f64(a_);
  out.f64(m2());
  out.value(value_);
  out.u64(collected_ ? collected_->distinct.size() : 0);
  if (collected_) {
    for (const Value& v : collected_->distinct) out.value(v);
  }
  out.u64(collected_ ? collected_->samples.size() : 0);
  if (collected_) {
    for (const double d : collected_->samples) out.f64(d);
  }
}

void AggregateAccumulator::load(SnapshotReader& in) {
  count_ = in.i64();
  const std::int64_t sum = in.i64();
  int_overflow_ = in.boolean();
  a_ = in.f64();
  const double m2 = in.f64();
  // At most one of the two is in use (older snapshots wrote zero for the other).
  shared_ = sum != 0 ? std::bit_cast<std::uint64_t>(sum) : std::bit_cast<std::uint64_t>(m2);
  value_ = in.value();
  for (std::size_t n = in.count(1), i = 0; i < n && in.ok(); ++i) collected().distinct.insert(in.value());
  for (std::size_t n = in.count(8), i = 0; i < n && in.ok(); ++i) collected().samples.push_back(in.f64());
}

}  // namespace cepheus::engine
