#include "condition_explainer.h"

namespace cepheus::engine {
namespace {

const char* comparison(dsl::Op op) {
  switch (op) {
    case dsl::Op::kEqual: return "==";
    case dsl::Op::kNotEqual: return "!=";
    case dsl::Op::kLess: return "<";
    case dsl::Op::kLessEqual: return "<=";
    case dsl::Op::kGreater: return ">";
    case dsl::Op::kGreaterEqual: return ">=";
    default: return nullptr;
  }
}

std::string shown(const Value& v) {
  return v.type() == ValueType::kString ? "\"" + std::string(v.as_string()) + "\"" : display_text(v);
}

// "temp 78.5" for a field, "80" for a constant, the value for anything else.
std::string operand(const dsl::BoundExpr& e, const EvalContext& context, const FieldNamer& name_of, bool right) {
  const Value v = evaluate(e, context);
  if (e.kind == dsl::BoundKind::kConstant) return shown(v);
  if (e.kind == dsl::BoundKind::kField) {
    return right ? name_of(e) + " (" + shown(v) + ")" : name_of(e) + " " + shown(v);
  }
  return right ? "(" + shown(v) + ")" : shown(v);
}

}  // namespace

std::string explain_false(const dsl::BoundExpr& condition, const EvalContext& context, const FieldNamer& name_of) {
  if (condition.kind == dsl::BoundKind::kBinary && condition.op == dsl::Op::kAnd) {
    for (const dsl::BoundExpr& part : condition.args) {
      if (!holds(part, context)) return explain_false(part, context, name_of);
    }
  }
  if (condition.kind == dsl::BoundKind::kBinary) {
    if (const char* op = comparison(condition.op)) {
      return operand(condition.args[0], context, name_of, false) + " failed " + op + " " +
             operand(condition.args[1], context, name_of, true);
    }
  }
  if (condition.kind == dsl::BoundKind::kField)
    return name_of(condition) + " was " + shown(evaluate(condition, context));
  const Value v = evaluate(condition, context);
  return "the condition was " + (v.is_null() ? std::string("null") : shown(v));
}

}  // namespace cepheus::engine
