#include "field_test.h"

namespace cepheus::engine {
namespace {

bool is_number(ValueType type) {
  return type == ValueType::kInt || type == ValueType::kDouble;
}

}  // namespace

std::optional<FieldTest> FieldTest::of(const dsl::BoundExpr& condition) {
  using dsl::Op;
  const Op op = condition.op;
  const bool comparison = op == Op::kEqual || op == Op::kNotEqual || op == Op::kLess || op == Op::kLessEqual ||
                          op == Op::kGreater || op == Op::kGreaterEqual;
  if (condition.kind != dsl::BoundKind::kBinary || !comparison || condition.args.size() != 2) return std::nullopt;
  const dsl::BoundExpr& field = condition.args[0];
  const dsl::BoundExpr& constant = condition.args[1];
  if (field.kind != dsl::BoundKind::kField || field.slot != dsl::Slot::kEvent) return std::nullopt;
  if (constant.kind != dsl::BoundKind::kConstant || constant.constant.is_null()) return std::nullopt;
  const ValueType value = constant.constant.type();
  if (is_number(field.type) && is_number(value)) return FieldTest(field.index, op, constant.constant);
  const bool equality = op == Op::kEqual || op == Op::kNotEqual;
  if (equality && field.type == ValueType::kString && value == ValueType::kString) {
    return FieldTest(field.index, op, constant.constant);
  }
  return std::nullopt;
}

}  // namespace cepheus::engine
