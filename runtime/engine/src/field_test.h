// Private to the engine: the commonest condition, a field of the event compared
// with a constant (`kind == "A"`, `temp > 80`), recognised once and then tested
// without walking the expression. Conditions are tested on every event a step or filter sees, and the
// evaluator's general walk costs several times the comparison itself.
#pragma once

#include <cstdint>
#include <optional>

#include "cepheus/core/event.h"
#include "cepheus/dsl/checked.h"
#include "cepheus/engine/evaluator.h"

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
    // Inline, as compares() answers: Value's == compares a string's 16 bytes first.
    if (string_equality_) return (field == constant_) == (op_ == dsl::Op::kEqual);
    return order_holds(op_, compare_numbers(field, constant_));
  }

 private:
  // of() takes strings for (in)equality only, else numbers.
  FieldTest(std::uint32_t field, dsl::Op op, const Value& constant)
      : field_(field), op_(op), string_equality_(constant.type() == ValueType::kString), constant_(constant) {}

  std::uint32_t field_;
  dsl::Op op_;
  bool string_equality_;
  Value constant_;
};

}  // namespace cepheus::engine
