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
    case Aggregate::kCountDistinct: distinct_.insert(v); break;
    case Aggregate::kSum:
    case Aggregate::kAvg:
      if (v.type() == ValueType::kDouble) {
        sum_ += v.as_double();
      } else {
        sum_ += static_cast<double>(v.as_int());
        int_overflow_ = int_overflow_ || __builtin_add_overflow(int_sum_, v.as_int(), &int_sum_);
      }
      break;
    case Aggregate::kStddev: {
      const double x = v.as_number();
      const double delta = x - mean_;
      mean_ += delta / static_cast<double>(count_);
      m2_ += delta * (x - mean_);
      break;
    }
    case Aggregate::kMin:
      if (min_.is_null() || less(v, min_)) min_ = v;
      break;
    case Aggregate::kMax:
      if (max_.is_null() || less(max_, v)) max_ = v;
      break;
    case Aggregate::kFirst:
      if (first_.is_null()) first_ = v;
      break;
    case Aggregate::kLast: last_ = v; break;
    case Aggregate::kPercentile: samples_.push_back(v.as_number()); break;
  }
}

Value AggregateAccumulator::result(const dsl::BoundExpr& aggregate) const {
  switch (aggregate.aggregate) {
    case Aggregate::kCount: return Value::integer(count_);
    case Aggregate::kCountDistinct: return Value::integer(static_cast<std::int64_t>(distinct_.size()));
    case Aggregate::kSum:
      if (count_ == 0) return Value::null();
      if (aggregate.type == ValueType::kInt) return int_overflow_ ? Value::null() : Value::integer(int_sum_);
      if (aggregate.type == ValueType::kDuration)
        return int_overflow_ ? Value::null() : Value::duration(Duration::nanos(int_sum_));
      return Value::real(sum_);
    case Aggregate::kAvg: return count_ == 0 ? Value::null() : Value::real(sum_ / static_cast<double>(count_));
    case Aggregate::kStddev:  // sample standard deviation
      return count_ < 2 ? Value::null() : Value::real(std::sqrt(m2_ / static_cast<double>(count_ - 1)));
    case Aggregate::kMin: return min_;
    case Aggregate::kMax: return max_;
    case Aggregate::kFirst: return first_;
    case Aggregate::kLast: return last_;
    case Aggregate::kPercentile: {
      if (samples_.empty()) return Value::null();
      // Nearest rank: the smallest value with at least p % of the values at or below it.
      std::vector<double> values = samples_;
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
  for (const double d : {sum_, mean_, m2_}) out.f64(d);
  for (const Value* v : {&min_, &max_, &first_, &last_}) out.value(*v);
  out.u64(distinct_.size());
  for (const Value& v : distinct_) out.value(v);
  out.u64(samples_.size());
  for (const double d : samples_) out.f64(d);
}

void AggregateAccumulator::load(SnapshotReader& in) {
  count_ = in.i64();
  int_sum_ = in.i64();
  int_overflow_ = in.boolean();
  for (double* d : {&sum_, &mean_, &m2_}) *d = in.f64();
  for (Value* v : {&min_, &max_, &first_, &last_}) *v = in.value();
  for (std::size_t n = in.count(1), i = 0; i < n && in.ok(); ++i) distinct_.insert(in.value());
  for (std::size_t n = in.count(8), i = 0; i < n && in.ok(); ++i) samples_.push_back(in.f64());
}

}  // namespace cepheus::engine
