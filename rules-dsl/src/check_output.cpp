#include "check_output.h"

#include <set>

#include "cepheus/dsl/formatter.h"

namespace cepheus::dsl {

std::string output_name(const SelectItem& item, CheckContext& context) {
  if (item.alias) return item.alias->text;
  if (item.expr->kind == ExprKind::kField) return item.expr->path.back().text;
  context.error(item.span, "the computed value '" + format_expression(*item.expr) + "' needs a name",
                "add 'as name': " + format_expression(*item.expr) + " as result");
  return {};
}

std::optional<NamedExpr> bind_named(const SelectItem& item, const Scope& scope, CheckContext& context) {
  const std::string name = output_name(item, context);
  auto bound = bind_expression(*item.expr, scope, context);
  if (name.empty() || !bound) return std::nullopt;
  return NamedExpr{name, std::move(*bound)};
}

std::shared_ptr<const Schema> output_schema(const std::string& name, const std::vector<NamedExpr>& fields,
                                            const std::vector<Span>& spans, CheckContext& context) {
  std::vector<Field> out;
  std::set<std::string, std::less<>> seen;
  bool ok = true;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (!seen.insert(fields[i].name).second) {
      context.error(spans[i], "the output has two fields called '" + fields[i].name + "'",
                    "rename one with 'as': ... as other_name");
      ok = false;
      continue;
    }
    Field field;
    field.name = fields[i].name;
    field.type = fields[i].expr.type == ValueType::kNull ? ValueType::kString : fields[i].expr.type;
    field.optional = true;  // any computed value may be null when an input is
    out.push_back(std::move(field));
  }
  if (!ok) return nullptr;
  auto schema = Schema::make(name, std::move(out));
  if (!schema.ok()) {
    context.error(spans.empty() ? Span{} : spans[0], schema.status().message());
    return nullptr;
  }
  return *schema;
}

void walk_bound(const BoundExpr& e, const std::function<void(const BoundExpr&, bool)>& fn, bool inside_aggregate) {
  fn(e, inside_aggregate);
  const bool inside = inside_aggregate || e.kind == BoundKind::kAggregate;
  for (const BoundExpr& arg : e.args) walk_bound(arg, fn, inside);
}

namespace {

// Folds a constant expression of numbers, bools and comparisons; nullopt when
// the expression reads a field or uses something not folded here.
std::optional<Value> fold(const BoundExpr& e) {
  switch (e.kind) {
    case BoundKind::kConstant: return e.constant;
    case BoundKind::kUnary: {
      auto v = fold(e.args[0]);
      if (!v || v->is_null()) return std::nullopt;
      if (e.op == Op::kNot && v->type() == ValueType::kBool) return Value::boolean(!v->as_bool());
      return std::nullopt;
    }
    case BoundKind::kBinary: {
      auto a = fold(e.args[0]);
      auto b = fold(e.args[1]);
      if (!a || !b || a->is_null() || b->is_null()) return std::nullopt;
      if (e.op == Op::kAnd) return Value::boolean(a->as_bool() && b->as_bool());
      if (e.op == Op::kOr) return Value::boolean(a->as_bool() || b->as_bool());
      const bool numbers = (a->type() == ValueType::kInt || a->type() == ValueType::kDouble) &&
                           (b->type() == ValueType::kInt || b->type() == ValueType::kDouble);
      if (!numbers) return std::nullopt;
      const double x = a->as_number(), y = b->as_number();
      switch (e.op) {
        case Op::kEqual: return Value::boolean(x == y);
        case Op::kNotEqual: return Value::boolean(x != y);
        case Op::kLess: return Value::boolean(x < y);
        case Op::kLessEqual: return Value::boolean(x <= y);
        case Op::kGreater: return Value::boolean(x > y);
        case Op::kGreaterEqual: return Value::boolean(x >= y);
        default: return std::nullopt;
      }
    }
    default: return std::nullopt;
  }
}

}  // namespace

bool is_constant_false(const BoundExpr& e) {
  auto value = fold(e);
  return value && value->type() == ValueType::kBool && !value->as_bool();
}

}  // namespace cepheus::dsl
