#include "aggregate_accumulator.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>

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

AggregateAccumulator::Keeps AggregateAccumulator::keeps(Aggregate kind) {
  switch (kind) {
    case Aggregate::kMin:
    case Aggregate::kMax:
    case Aggregate::kFirst:
    case Aggregate::kLast: return Keeps::kValue;
    case Aggregate::kCountDistinct:
    case Aggregate::kPercentile: return Keeps::kCollected;
    default: return Keeps::kSums;  // count, sum, avg, stddev
  }
}

AggregateAccumulator::AggregateAccumulator(Aggregate kind) : sums_(), kind_(kind) {
  if (keeps(kind) == Keeps::kValue) std::construct_at(&value_);
  if (keeps(kind) == Keeps::kCollected) collected_ = nullptr;
}

AggregateAccumulator::AggregateAccumulator(const AggregateAccumulator& other)
    : count_(other.count_), sums_(), kind_(other.kind_), int_overflow_(other.int_overflow_) {
  if (keeps(kind_) == Keeps::kSums) sums_ = other.sums_;
  if (keeps(kind_) == Keeps::kValue) std::construct_at(&value_, other.value_);
  if (keeps(kind_) == Keeps::kCollected)
    collected_ =
        other.collected_ ? new Collected(*other.collected_) : nullptr;  // NOLINT(cppcoreguidelines-owning-memory)
}

AggregateAccumulator::AggregateAccumulator(AggregateAccumulator&& other) noexcept
    : count_(other.count_), sums_(), kind_(other.kind_), int_overflow_(other.int_overflow_) {
  if (keeps(kind_) == Keeps::kSums) sums_ = other.sums_;
  if (keeps(kind_) == Keeps::kValue) std::construct_at(&value_, std::move(other.value_));
  if (keeps(kind_) == Keeps::kCollected) collected_ = std::exchange(other.collected_, nullptr);
}

AggregateAccumulator::~AggregateAccumulator() {
  if (keeps(kind_) == Keeps::kValue) std::destroy_at(&value_);
  if (keeps(kind_) == Keeps::kCollected) delete collected_;  // NOLINT(cppcoreguidelines-owning-memory)
}

AggregateAccumulator& AggregateAccumulator::operator=(const AggregateAccumulator& other) {
  if (this != &other) *this = AggregateAccumulator(other);
  return *this;
}

AggregateAccumulator& AggregateAccumulator::operator=(AggregateAccumulator&& other) noexcept {
  if (this != &other) {  // the kinds may differ, so what is kept is made anew
    std::destroy_at(this);
    std::construct_at(this, std::move(other));
  }
  return *this;
}

AggregateAccumulator::Collected& AggregateAccumulator::collected() {
  if (!collected_) collected_ = new Collected();  // NOLINT(cppcoreguidelines-owning-memory)
  return *collected_;
}

void AggregateAccumulator::add_value(const Value& v) {
  if (v.is_null()) return;  // aggregates skip nulls, as in SQL
  ++count_;
  switch (kind_) {
    case Aggregate::kCount: break;
    case Aggregate::kCountDistinct: collected().distinct.insert(v); break;
    case Aggregate::kSum:
    case Aggregate::kAvg:
      if (v.type() == ValueType::kDouble) {
        sums_.a += v.as_double();
      } else {
        sums_.a += static_cast<double>(v.as_int());
        std::int64_t sum = 0;
        int_overflow_ = int_overflow_ || __builtin_add_overflow(int_sum(), v.as_int(), &sum);
        sums_.shared = std::bit_cast<std::uint64_t>(sum);
      }
      break;
    case Aggregate::kStddev: {
      const double x = v.as_number();
      const double delta = x - sums_.a;
      sums_.a += delta / static_cast<double>(count_);
      sums_.shared = std::bit_cast<std::uint64_t>(m2() + delta * (x - sums_.a));
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
  switch (kind_) {
    case Aggregate::kCount: return Value::integer(count_);
    case Aggregate::kCountDistinct:
      return Value::integer(collected_ ? static_cast<std::int64_t>(collected_->distinct.size()) : 0);
    case Aggregate::kSum:
      if (count_ == 0) return Value::null();
      if (aggregate.type == ValueType::kInt) return int_overflow_ ? Value::null() : Value::integer(int_sum());
      if (aggregate.type == ValueType::kDuration)
        return int_overflow_ ? Value::null() : Value::duration(Duration::nanos(int_sum()));
      return Value::real(sums_.a);
    case Aggregate::kAvg: return count_ == 0 ? Value::null() : Value::real(sums_.a / static_cast<double>(count_));
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
  // The format has every kind's fields; a kind writes zeros, null and nothing for what it does
  // not keep. It has the integer sum and M2 apart: the shared word goes to both, as the one kind
  // that uses it reads only its own.
  const bool sums = keeps(kind_) == Keeps::kSums;
  const Collected* collected = keeps(kind_) == Keeps::kCollected ? collected_ : nullptr;
  out.i64(count_);
  out.i64(sums ? int_sum() : 0);
  out.boolean(int_overflow_);
  out.f64(sums ? sums_.a : 0);
  out.f64(sums ? m2() : 0);
  out.value(keeps(kind_) == Keeps::kValue ? value_ : Value());
  out.u64(collected ? collected->distinct.size() : 0);
  if (collected) {
    for (const Value& v : collected->distinct) out.value(v);
  }
  out.u64(collected ? collected->samples.size() : 0);
  if (collected) {
    for (const double d : collected->samples) out.f64(d);
  }
}

void AggregateAccumulator::load(SnapshotReader& in) {
  // What the kind does not keep is read and left (a damaged snapshot may have it).
  count_ = in.i64();
  const std::int64_t sum = in.i64();
  int_overflow_ = in.boolean();
  const double a = in.f64();
  const double m2 = in.f64();
  if (keeps(kind_) == Keeps::kSums) {
    sums_.a = a;
    // At most one of the two is in use (older snapshots wrote zero for the other).
    sums_.shared = sum != 0 ? std::bit_cast<std::uint64_t>(sum) : std::bit_cast<std::uint64_t>(m2);
  }
  Value value = in.value();
  if (keeps(kind_) == Keeps::kValue) value_ = std::move(value);
  const bool collects = keeps(kind_) == Keeps::kCollected;
  for (std::size_t n = in.count(1), i = 0; i < n && in.ok(); ++i) {
    Value v = in.value();
    if (collects) collected().distinct.insert(std::move(v));
  }
  for (std::size_t n = in.count(8), i = 0; i < n && in.ok(); ++i) {
    const double d = in.f64();
    if (collects) collected().samples.push_back(d);
  }
}

}  // namespace cepheus::engine
