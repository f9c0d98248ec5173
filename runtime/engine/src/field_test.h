// Private to the engine: the commonest condition, a field of the event compared
// with a constant (`kind == "A"`, `temp > 80`), recognised once and then tested
// without walking the expression. Conditions are tested on every event a step or filter sees, and the
// evaluator's general walk costs several times the comparison itself.
#pragma once

#include <cstdint>
#include <optional>

#include "cepheus/core/event.h"
#include "cepheus/dsl/checked.h"

namespace cepheus::engine {

class FieldTest {
 public:
  // The test of `condition` when it is that shape, with a number field and a number
  // constant or a string field tested for (in)equality with a string; else nullopt.
  static std::optional<FieldTest> of(const dsl::BoundExpr& condition);

  // What holds(condition, context) answers for an event with these values: a null field fails.
  bool holds(const Event& event) const {
    const Value& field = event.value(field_);
    if (field.is_null()) return false;
    // Inline, as the evaluator's compare() orders them: Value's == compares a string's 16 bytes first.
    switch (kind_) {
      case Kind::kStringEquality: return (field == constant_) == (op_ == dsl::Op::kEqual);
      case Kind::kInts:
        if (field.type() == ValueType::kInt) return ordered(three_way(field.as_int(), constant_.as_int()));
        [[fallthrough]];
      case Kind::kNumbers: return ordered(three_way(field.as_number(), constant_.as_number()));
    }
    return false;
  }

 private:
  // of() takes strings for (in)equality, else numbers: two ints compare exactly, the rest as doubles.
  enum class Kind : std::uint8_t { kStringEquality, kInts, kNumbers };
  FieldTest(std::uint32_t field, dsl::Op op, const Value& constant, Kind kind)
      : field_(field), op_(op), kind_(kind), constant_(constant) {}

  template <typename T>
  static int three_way(T x, T y) {
    return x < y ? -1 : x > y ? 1 : 0;  // a NaN orders as equal, as compare() has it
  }
  bool ordered(int order) const {
    switch (op_) {
      case dsl::Op::kEqual: return order == 0;
      case dsl::Op::kNotEqual: return order != 0;
      case dsl::Op::kLess: return order < 0;
      case dsl::Op::kLessEqual: return order <= 0;
      case dsl::Op::kGreater: return order > 0;
      default: return order >= 0;
    }
  }

  std::uint32_t field_;
  dsl::Op op_;
  Kind kind_;
  Value constant_;
};

}  // namespace cepheus::engine
