// Private to the engine: the commonest condition, a field of the event compared
// with a constant (`kind == "A"`, `temp > 80`), tested without walking the
// expression. Conditions are tested on every event a step or filter sees, and the
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
    if (strings_) return (field == constant_) == (op_ == dsl::Op::kEqual);
    int order = 0;
    if (field.type() == ValueType::kInt && constant_.type() == ValueType::kInt) {
      order = field.as_int() < constant_.as_int() ? -1 : field.as_int() > constant_.as_int() ? 1 : 0;
    } else {
      const double x = field.as_number(), y = constant_.as_number();
      order = x < y ? -1 : x > y ? 1 : 0;  // as the evaluator orders numbers (NaN is neither)
    }
    switch (op_) {
      case dsl::Op::kEqual: return order == 0;
      case dsl::Op::kNotEqual: return order != 0;
      case dsl::Op::kLess: return order < 0;
      case dsl::Op::kLessEqual: return order <= 0;
      case dsl::Op::kGreater: return order > 0;
      default: return order >= 0;
    }
  }

 private:
  FieldTest(std::uint32_t field, dsl::Op op, const Value& constant, bool strings)
      : field_(field), op_(op), strings_(strings), constant_(constant) {}

  std::uint32_t field_;
  dsl::Op op_;
  bool strings_;  // ==, != of strings: Value's own equality, as the evaluator's
  Value constant_;
};

}  // namespace cepheus::engine
