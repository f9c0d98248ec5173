// Evaluating the checker's bound expressions against events.
//
// Semantics (docs/rules-language.md, "Expressions"): SQL-style nulls. An
// operator or function with a null operand gives null, except `and` / `or`
// (three-valued: false and null is false, true or null is true), `is null`,
// `coalesce` and `if` (a null condition takes the else branch). Division or
// modulo by zero and int overflow give null instead of a wrong number. A
// condition holds only when it is true. Evaluation never throws and never reads
// out of range: the plan was validated before the engine was built.
#pragma once

#include <span>
#include <vector>

#include "cepheus/core/event.h"
#include "cepheus/dsl/checked.h"

namespace cepheus::engine {

// Reads twin properties for the key found in the current event.
class TwinReader {
 public:
  virtual ~TwinReader() = default;
  // Property `index` of twin statement `twin` for the key found in `event`, the
  // event being evaluated; null: the event of the statement running now, if any.
  virtual Value property(std::uint32_t twin, std::uint32_t index, const Event* event) const = 0;
};

// Reads the events bound to earlier steps of a pattern match.
class BindingReader {
 public:
  virtual ~BindingReader() = default;
  // Field `index` of the event bound to pattern step `step`; null when the step bound nothing.
  virtual Value binding(std::uint32_t step, std::uint32_t index) const = 0;
};

// What the field slots of an expression read from; each may be absent where the
// checker guarantees it is not used.
struct EvalContext {
  const Event* event = nullptr;
  const std::vector<Value>* table_row = nullptr;  // null row: a join without a match
  std::span<const Value> output;                  // `having`
  const TwinReader* twins = nullptr;
  // Results of aggregate nodes (windows): aggregate_values[i] is the value of
  // the node aggregate_nodes[i].
  std::span<const dsl::BoundExpr* const> aggregate_nodes;
  std::span<const Value> aggregate_values;
  const BindingReader* bindings = nullptr;  // pattern steps
};

Value evaluate(const dsl::BoundExpr& expr, const EvalContext& context);
// True only when the condition evaluates to true.
bool holds(const dsl::BoundExpr& condition, const EvalContext& context);
// `a op b` for a comparison operator (==, !=, <, <=, >, >=) and two non-null values
// of comparable types, as conditions test it.
bool compares(dsl::Op op, const Value& a, const Value& b);
// Inline, for tests run on every event (FieldTest): -1, 0 or 1 for two numbers, ints exactly and
// the rest as doubles (a NaN orders as equal) ...
inline int compare_numbers(const Value& a, const Value& b) {
  if (a.type() == ValueType::kInt && b.type() == ValueType::kInt) {
    return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
  }
  const double x = a.as_number(), y = b.as_number();
  return x < y ? -1 : x > y ? 1 : 0;
}
// ... and whether a comparison operator holds for such an order.
inline bool order_holds(dsl::Op op, int order) {
  switch (op) {
    case dsl::Op::kEqual: return order == 0;
    case dsl::Op::kNotEqual: return order != 0;
    case dsl::Op::kLess: return order < 0;
    case dsl::Op::kLessEqual: return order <= 0;
    case dsl::Op::kGreater: return order > 0;
    default: return order >= 0;
  }
}

// A value as it appears inside a message: strings without quotes, null as "null".
std::string display_text(const Value& value);

}  // namespace cepheus::engine
