#include "condition_explainer.h"

#include <cmath>

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

ConditionFailure explain_failure(const dsl::BoundExpr& condition, const EvalContext& context,
                                 const FieldNamer& name_of) {
  if (condition.kind == dsl::BoundKind::kBinary && condition.op == dsl::Op::kAnd) {
    std::size_t held = 0;
    for (const dsl::BoundExpr& part : condition.args) {
      if (!holds(part, context)) {
        ConditionFailure failure = explain_failure(part, context, name_of);
        failure.parts_held += held;
        return failure;
      }
      ++held;
    }
  }
  if (condition.kind == dsl::BoundKind::kBinary) {
    if (const char* op = comparison(condition.op)) {
      ConditionFailure failure{operand(condition.args[0], context, name_of, false) + " failed " + op + " " +
                                   operand(condition.args[1], context, name_of, true),
                               0, std::nullopt};
      const Value left = evaluate(condition.args[0], context);
      const Value right = evaluate(condition.args[1], context);
      const auto number = [](const Value& v) { return v.type() == ValueType::kInt || v.type() == ValueType::kDouble; };
      if (number(left) && number(right)) failure.gap = std::abs(left.as_number() - right.as_number());
      return failure;
    }
  }
  if (condition.kind == dsl::BoundKind::kField)
    return {name_of(condition) + " was " + shown(evaluate(condition, context)), 0, std::nullopt};
  const Value v = evaluate(condition, context);
  return {"the condition was " + (v.is_null() ? std::string("null") : shown(v)), 0, std::nullopt};
}

std::string explain_false(const dsl::BoundExpr& condition, const EvalContext& context, const FieldNamer& name_of) {
  return explain_failure(condition, context, name_of).what;
}

FieldNamer statement_field_namer(const dsl::Plan& plan, dsl::StatementId id) {
  const dsl::PlanStatement& s = plan.statements[id];
  const Schema* input = s.inputs.empty() ? nullptr : plan.statements[s.inputs.front()].output.get();
  const dsl::PlanStatement* table = nullptr;
  if (s.kind == dsl::StatementKind::kStream) {
    if (const auto& join = std::get<dsl::CheckedStream>(s.body).join) table = &plan.statements[join->table];
  }
  return [&plan, &s, input, table](const dsl::BoundExpr& field) -> std::string {
    switch (field.slot) {
      case dsl::Slot::kEvent: return input ? input->field(field.index).name : "a field";
      case dsl::Slot::kTable: return table ? table->name + "." + table->output->field(field.index).name : "a field";
      case dsl::Slot::kOutput: return s.output->field(field.index).name;
      case dsl::Slot::kTwin: {
        const auto& twin = std::get<dsl::CheckedTwin>(plan.statements[field.source].body);
        return plan.statements[field.source].name + "." + twin.properties->field(field.index).name;
      }
      default: return "a field";
    }
  };
}

}  // namespace cepheus::engine
