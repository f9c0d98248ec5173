// Binding expressions: names to fields, operators and functions to typed nodes.
//
// Type rules (docs/rules-language.md, "Expressions"):
//   int op int -> int, except '/' -> double; int with double -> double;
//   string + string -> string; timestamp +/- duration -> timestamp;
//   timestamp - timestamp -> duration; duration +/- duration -> duration;
//   duration * number -> duration; duration / duration -> double.
// Comparisons need comparable operands: numbers with numbers, durations with
// durations, timestamps with timestamps, strings with strings, bools with bools
// (== and != only). A duration is never a bare number: "5" where a duration is
// expected is an error with the hint to write "5s".
#include <charconv>
#include <cmath>

#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/suggest.h"
#include "cepheus/dsl/vocabulary.h"
#include "check_context.h"

namespace cepheus::dsl {
namespace {

bool is_number(ValueType t) {
  return t == ValueType::kInt || t == ValueType::kDouble;
}
std::string type_name(ValueType t) {
  return std::string(value_type_name(t));
}
std::string article(ValueType t) {
  return (t == ValueType::kInt ? "an " : "a ") + type_name(t);
}

struct FunctionInfo {
  std::string_view name;
  Function function;
  int min_args;
  int max_args;
};

constexpr FunctionInfo kFunctions[] = {
    {"abs", Function::kAbs, 1, 1},
    {"round", Function::kRound, 1, 1},
    {"floor", Function::kFloor, 1, 1},
    {"ceil", Function::kCeil, 1, 1},
    {"sqrt", Function::kSqrt, 1, 1},
    {"ln", Function::kLn, 1, 1},
    {"exp", Function::kExp, 1, 1},
    {"pow", Function::kPow, 2, 2},
    {"min", Function::kMin, 2, 2},
    {"max", Function::kMax, 2, 2},
    {"lower", Function::kLower, 1, 1},
    {"upper", Function::kUpper, 1, 1},
    {"length", Function::kLength, 1, 1},
    {"contains", Function::kContains, 2, 2},
    {"starts_with", Function::kStartsWith, 2, 2},
    {"ends_with", Function::kEndsWith, 2, 2},
    {"coalesce", Function::kCoalesce, 1, 16},
    {"if", Function::kIf, 3, 3},
    {"hour", Function::kHour, 1, 1},
    {"day_of_week", Function::kDayOfWeek, 1, 1},
};

struct AggregateInfo {
  std::string_view name;
  Aggregate aggregate;
};

constexpr AggregateInfo kAggregates[] = {
    {"count", Aggregate::kCount}, {"sum", Aggregate::kSum},   {"avg", Aggregate::kAvg},
    {"min", Aggregate::kMin},     {"max", Aggregate::kMax},   {"stddev", Aggregate::kStddev},
    {"first", Aggregate::kFirst}, {"last", Aggregate::kLast}, {"percentile", Aggregate::kPercentile},
};

}  // namespace

std::vector<std::string_view> scalar_function_names() {
  std::vector<std::string_view> names;
  for (const FunctionInfo& info : kFunctions) names.push_back(info.name);
  return names;
}

std::vector<std::string_view> aggregate_function_names() {
  std::vector<std::string_view> names;
  for (const AggregateInfo& info : kAggregates) names.push_back(info.name);
  return names;
}

namespace {

class Binder {
 public:
  Binder(const Scope& scope, CheckContext& context) : scope_(scope), context_(context) {}

  std::optional<BoundExpr> bind(const Expr& e, bool in_aggregate = false) {
    switch (e.kind) {
      case ExprKind::kInteger: {
        std::int64_t value = 0;
        auto [end, error] = std::from_chars(e.text.data(), e.text.data() + e.text.size(), value);
        (void)end;
        if (error != std::errc()) return fail(e.span, "the integer " + e.text + " is too large for an int (64 bits)");
        return constant(e.span, Value::integer(value));
      }
      case ExprKind::kDecimal: {
        double value = 0;
        auto [end, error] = std::from_chars(e.text.data(), e.text.data() + e.text.size(), value);
        (void)end;
        if (error != std::errc() || !std::isfinite(value))
          return fail(e.span, "the number " + e.text + " is out of range");
        return constant(e.span, Value::real(value));
      }
      case ExprKind::kDuration: return constant(e.span, Value::duration(duration_value({e.text, e.span})));
      case ExprKind::kString: return constant(e.span, Value::string(e.text));
      case ExprKind::kBool: return constant(e.span, Value::boolean(e.text == "true"));
      case ExprKind::kNull: return constant(e.span, Value::null());
      case ExprKind::kStar: return fail(e.span, "'*' is not a value here");
      case ExprKind::kField: return field(e, in_aggregate);
      case ExprKind::kUnary: return unary(e, in_aggregate);
      case ExprKind::kBinary: return binary(e, in_aggregate);
      case ExprKind::kIsNull: {
        auto operand = bind(*e.args[0], in_aggregate);
        if (!operand) return std::nullopt;
        BoundExpr out = node(BoundKind::kIsNull, ValueType::kBool, e.span);
        out.negated = e.negated;
        out.args.push_back(std::move(*operand));
        return out;
      }
      case ExprKind::kIn: return in_list(e, in_aggregate);
      case ExprKind::kCall: return call(e, in_aggregate);
    }
    return std::nullopt;
  }

 private:
  static BoundExpr node(BoundKind kind, ValueType type, Span span) {
    BoundExpr out;
    out.kind = kind;
    out.type = type;
    out.span = span;
    return out;
  }
  static BoundExpr constant(Span span, Value value) {
    BoundExpr out = node(BoundKind::kConstant, value.type(), span);
    out.constant = std::move(value);
    return out;
  }
  std::optional<BoundExpr> fail(Span span, std::string message, std::string hint = {}) {
    context_.error(span, std::move(message), std::move(hint));
    return std::nullopt;
  }
  static BoundExpr field_node(Span span, Slot slot, std::uint32_t source, std::uint32_t index, ValueType type) {
    BoundExpr out = node(BoundKind::kField, type, span);
    out.slot = slot;
    out.source = source;
    out.index = index;
    return out;
  }

  const Scope::Binding* binding(std::string_view name) const {
    for (const Scope::Binding& b : scope_.bindings) {
      if (b.name == name) return &b;
    }
    return nullptr;
  }

  std::vector<std::string_view> bare_candidates() const {
    std::vector<std::string_view> names;
    auto add_schema = [&](const Schema* schema) {
      if (!schema) return;
      for (const Field& f : schema->fields()) names.push_back(f.name);
    };
    add_schema(scope_.event);
    add_schema(scope_.output);
    if (scope_.self_twin) add_schema(context_.checked[*scope_.self_twin].output.get());
    for (const std::string& p : scope_.partition_fields) names.push_back(p);
    return names;
  }

  std::optional<BoundExpr> field(const Expr& e, bool in_aggregate) {
    const std::string& first = e.path[0].text;
    if (e.path.size() == 1) return bare_field(e, first);
    if (e.path.size() > 2) {
      return fail(e.span, "'" + format_expression(e) + "' has too many parts", "write a field or source.field");
    }
    const Name& member = e.path[1];
    auto lookup = [&](const Schema* schema, std::string_view owner, Slot slot,
                      std::uint32_t source) -> std::optional<BoundExpr> {
      const std::size_t index = schema->index_of(member.text);
      if (index == Schema::npos) {
        std::vector<std::string_view> names;
        for (const Field& f : schema->fields()) names.push_back(f.name);
        return fail(member.span, "'" + std::string(owner) + "' has no field '" + member.text + "'",
                    did_you_mean(member.text, names));
      }
      return field_node(e.span, slot, source, static_cast<std::uint32_t>(index), schema->field(index).type);
    };
    if (scope_.event && first == scope_.event_name) return lookup(scope_.event, first, Slot::kEvent, 0);
    if (scope_.table && first == scope_.table_name) return lookup(scope_.table, first, Slot::kTable, 0);
    if (const Scope::Binding* b = binding(first)) {
      const bool own_step = scope_.current_step && *scope_.current_step == b->step;
      if (own_step) return lookup(b->schema, first, Slot::kEvent, 0);
      if (b->quantified && !in_aggregate) {
        return fail(
            e.span,
            "step '" + first + "' matches several events, so '" + format_expression(e) + "' has no single value",
            "use an aggregate: last(" + format_expression(e) + "), max(" + format_expression(e) + "), count(" + first +
                ")");
      }
      return lookup(b->schema, first, Slot::kBinding, b->step);
    }
    if (scope_.self_twin && context_.checked[*scope_.self_twin].name == first) {
      return twin_property(e, context_.checked[*scope_.self_twin], member);
    }
    if (const CheckedStatement* twin = context_.find_checked(first); twin && twin->kind == StatementKind::kTwin) {
      return twin_property(e, *twin, member);
    }
    if (context_.known_but_broken(first) && !context_.find_checked(first)) return std::nullopt;  // reported there
    std::vector<std::string_view> owners;
    if (scope_.event) owners.push_back(scope_.event_name);
    if (scope_.table) owners.push_back(scope_.table_name);
    for (const Scope::Binding& b : scope_.bindings) owners.push_back(b.name);
    for (std::string_view twin : context_.names_of({StatementKind::kTwin})) owners.push_back(twin);
    std::string hint = did_you_mean(first, owners);
    if (hint.empty()) hint = scope_.event ? "fields of the input are written without a prefix: " + member.text : "";
    return fail(e.path[0].span, "unknown name '" + first + "'", hint);
  }

  std::optional<BoundExpr> twin_property(const Expr& e, const CheckedStatement& twin, const Name& member) {
    if (!scope_.twins_readable) return fail(e.span, "twins cannot be read here");
    const auto& body = std::get<CheckedTwin>(twin.body);
    const std::size_t index = body.properties->index_of(member.text);
    if (index == Schema::npos) {
      std::vector<std::string_view> names;
      for (const Field& f : body.properties->fields()) names.push_back(f.name);
      return fail(member.span, "twin '" + twin.name + "' has no property '" + member.text + "'",
                  did_you_mean(member.text, names));
    }
    if (!scope_.self_twin || context_.checked[*scope_.self_twin].name != twin.name) {
      // A twin is read for the event's own key, so the event needs the key field.
      const std::size_t key = scope_.event ? scope_.event->index_of(body.key_name) : Schema::npos;
      if (key == Schema::npos) {
        return fail(e.span, "twin '" + twin.name + "' is kept per '" + body.key_name + "', which '" +
                                (scope_.event_name.empty() ? std::string("this input") : scope_.event_name) +
                                "' does not have");
      }
      if (scope_.event->field(key).type != body.key_type) {
        return fail(e.span, "twin '" + twin.name + "' is keyed by " + article(body.key_type) + " but '" +
                                body.key_name + "' here is " + article(scope_.event->field(key).type));
      }
    }
    const bool self = scope_.self_twin && context_.checked[*scope_.self_twin].name == twin.name;
    return field_node(e.span, Slot::kTwin, self ? *scope_.self_twin : context_.checked_ids.at(twin.name),
                      static_cast<std::uint32_t>(index), body.properties->field(index).type);
  }

  std::optional<BoundExpr> bare_field(const Expr& e, const std::string& name) {
    if (scope_.self_twin) {
      const Schema& props = *std::get<CheckedTwin>(context_.checked[*scope_.self_twin].body).properties;
      if (const std::size_t i = props.index_of(name); i != Schema::npos) {
        return field_node(e.span, Slot::kTwin, *scope_.self_twin, static_cast<std::uint32_t>(i), props.field(i).type);
      }
    }
    if (scope_.event) {
      if (const std::size_t i = scope_.event->index_of(name); i != Schema::npos) {
        return field_node(e.span, Slot::kEvent, 0, static_cast<std::uint32_t>(i), scope_.event->field(i).type);
      }
    }
    if (scope_.output) {
      if (const std::size_t i = scope_.output->index_of(name); i != Schema::npos) {
        return field_node(e.span, Slot::kOutput, 0, static_cast<std::uint32_t>(i), scope_.output->field(i).type);
      }
    }
    if (!scope_.partition_fields.empty() && !scope_.bindings.empty()) {
      for (const std::string& p : scope_.partition_fields) {
        if (p != name) continue;
        const Scope::Binding& first = scope_.bindings.front();
        const std::size_t i = first.schema->index_of(name);
        return field_node(e.span, Slot::kBinding, first.step, static_cast<std::uint32_t>(i),
                          first.schema->field(i).type);
      }
      if (binding(name)) {
        return fail(e.span, "'" + name + "' is a step, not a value",
                    "read a field: " + name + ".field, or count(" + name + ")");
      }
      return fail(e.span, "unknown field '" + name + "' in the pattern's select",
                  "only partition fields are written bare; name the step for others: step." + name);
    }
    std::string where = scope_.event_name.empty() ? std::string() : " in '" + scope_.event_name + "'";
    std::string hint = did_you_mean(name, bare_candidates());
    if (hint.empty() && scope_.table) hint = "fields of the table are written " + scope_.table_name + "." + name;
    return fail(e.span, "unknown field '" + name + "'" + where, hint);
  }

  std::optional<BoundExpr> unary(const Expr& e, bool in_aggregate) {
    auto operand = bind(*e.args[0], in_aggregate);
    if (!operand) return std::nullopt;
    if (e.text == "not") {
      if (operand->type != ValueType::kBool && operand->type != ValueType::kNull) {
        return fail(e.args[0]->span, "'not' needs a bool, but this is " + article(operand->type));
      }
      BoundExpr out = node(BoundKind::kUnary, ValueType::kBool, e.span);
      out.op = Op::kNot;
      out.args.push_back(std::move(*operand));
      return out;
    }
    if (!is_number(operand->type) && operand->type != ValueType::kDuration) {
      return fail(e.args[0]->span, "'-' needs a number or a duration, but this is " + article(operand->type));
    }
    BoundExpr out = node(BoundKind::kUnary, operand->type, e.span);
    out.op = Op::kNegate;
    out.args.push_back(std::move(*operand));
    return out;
  }

  // The type of `a op b` for arithmetic, or kNull when the operands do not fit.
  static ValueType arithmetic_type(TokenKind op, ValueType a, ValueType b) {
    using T = ValueType;
    if (a == T::kNull) return b == T::kNull ? T::kNull : b;
    if (b == T::kNull) return a;
    if (is_number(a) && is_number(b)) {
      if (op == TokenKind::kSlash) return T::kDouble;
      return a == T::kInt && b == T::kInt ? T::kInt : T::kDouble;
    }
    switch (op) {
      case TokenKind::kPlus:
        if (a == T::kString && b == T::kString) return T::kString;
        if ((a == T::kTimestamp && b == T::kDuration) || (a == T::kDuration && b == T::kTimestamp))
          return T::kTimestamp;
        if (a == T::kDuration && b == T::kDuration) return T::kDuration;
        break;
      case TokenKind::kMinus:
        if (a == T::kTimestamp && b == T::kDuration) return T::kTimestamp;
        if (a == T::kTimestamp && b == T::kTimestamp) return T::kDuration;
        if (a == T::kDuration && b == T::kDuration) return T::kDuration;
        break;
      case TokenKind::kStar:
        if ((a == T::kDuration && is_number(b)) || (is_number(a) && b == T::kDuration)) return T::kDuration;
        break;
      case TokenKind::kSlash:
        if (a == T::kDuration && b == T::kDuration) return T::kDouble;
        if (a == T::kDuration && is_number(b)) return T::kDuration;
        break;
      default: break;
    }
    return T::kNull;
  }

  static bool comparable(ValueType a, ValueType b) {
    if (a == ValueType::kNull || b == ValueType::kNull) return true;
    if (is_number(a) && is_number(b)) return true;
    return a == b;
  }

  std::optional<BoundExpr> binary(const Expr& e, bool in_aggregate) {
    auto left = bind(*e.args[0], in_aggregate);
    auto right = bind(*e.args[1], in_aggregate);
    if (!left || !right) return std::nullopt;
    if (e.text == "and" || e.text == "or") {
      for (const BoundExpr* side : {&*left, &*right}) {
        if (side->type != ValueType::kBool && side->type != ValueType::kNull) {
          return fail(side->span, "'" + e.text + "' needs bool operands, but this is " + article(side->type),
                      is_number(side->type) ? "compare it: x > 0" : "");
        }
      }
      BoundExpr out = node(BoundKind::kBinary, ValueType::kBool, e.span);
      out.op = e.text == "and" ? Op::kAnd : Op::kOr;
      out.args.push_back(std::move(*left));
      out.args.push_back(std::move(*right));
      return out;
    }
    BoundExpr out = node(BoundKind::kBinary, ValueType::kBool, e.span);
    switch (e.op) {
      case TokenKind::kEqual: out.op = Op::kEqual; break;
      case TokenKind::kNotEqual: out.op = Op::kNotEqual; break;
      case TokenKind::kLess: out.op = Op::kLess; break;
      case TokenKind::kLessEqual: out.op = Op::kLessEqual; break;
      case TokenKind::kGreater: out.op = Op::kGreater; break;
      case TokenKind::kGreaterEqual: out.op = Op::kGreaterEqual; break;
      default: return arithmetic(e, std::move(*left), std::move(*right));
    }
    if (!comparable(left->type, right->type)) return mismatch(e, *left, *right);
    const bool ordering = out.op != Op::kEqual && out.op != Op::kNotEqual;
    if (ordering && left->type == ValueType::kBool) {
      return fail(e.span, "bools can only be compared with == and !=");
    }
    out.args.push_back(std::move(*left));
    out.args.push_back(std::move(*right));
    return out;
  }

  std::optional<BoundExpr> mismatch(const Expr& e, const BoundExpr& left, const BoundExpr& right) {
    std::string hint;
    const bool left_duration = left.type == ValueType::kDuration;
    const bool right_duration = right.type == ValueType::kDuration;
    const BoundExpr& number_side = left_duration ? right : left;
    if ((left_duration || right_duration) && is_number(number_side.type) && number_side.kind == BoundKind::kConstant) {
      hint = "durations carry a unit: write " + number_side.constant.to_string() + "s or " +
             number_side.constant.to_string() + "m";
    } else if ((left.type == ValueType::kTimestamp && right.type == ValueType::kString) ||
               (right.type == ValueType::kTimestamp && left.type == ValueType::kString)) {
      hint = "write a timestamp as timestamp(\"2026-11-20T08:00:00Z\")";
    } else if (left.type == ValueType::kString && is_number(right.type)) {
      hint = "quote the number to compare text: \"" + format_expression(*e.args[1]) + "\"";
    }
    return fail(
        e.span,
        "cannot compare " + article(left.type) + " with " + article(right.type) + " in '" + format_expression(e) + "'",
        hint);
  }

  std::optional<BoundExpr> arithmetic(const Expr& e, BoundExpr left, BoundExpr right) {
    if (e.op == TokenKind::kPercent) {
      if (!is_number(left.type) || !is_number(right.type)) {
        return fail(e.span, "'%' needs numbers, but this is " + article(left.type) + " % " + article(right.type));
      }
    }
    const ValueType type = arithmetic_type(e.op, left.type, right.type);
    if (type == ValueType::kNull && !(left.type == ValueType::kNull && right.type == ValueType::kNull)) {
      std::string hint;
      if ((left.type == ValueType::kDuration && is_number(right.type)) ||
          (is_number(left.type) && right.type == ValueType::kDuration)) {
        hint = "durations carry a unit: write 5s, not 5";
      } else if (left.type == ValueType::kString || right.type == ValueType::kString) {
        hint = "'+' joins two strings; the other operand is not a string";
      }
      return fail(e.span, "cannot apply '" + e.text + "' to " + article(left.type) + " and " + article(right.type),
                  hint);
    }
    BoundExpr out = node(BoundKind::kBinary, type, e.span);
    switch (e.op) {
      case TokenKind::kPlus: out.op = type == ValueType::kString ? Op::kConcat : Op::kAdd; break;
      case TokenKind::kMinus: out.op = Op::kSubtract; break;
      case TokenKind::kStar: out.op = Op::kMultiply; break;
      case TokenKind::kSlash: out.op = Op::kDivide; break;
      default: out.op = Op::kModulo; break;
    }
    out.args.push_back(std::move(left));
    out.args.push_back(std::move(right));
    return out;
  }

  std::optional<BoundExpr> in_list(const Expr& e, bool in_aggregate) {
    auto left = bind(*e.args[0], in_aggregate);
    if (!left) return std::nullopt;
    BoundExpr out = node(BoundKind::kIn, ValueType::kBool, e.span);
    out.negated = e.negated;
    for (std::size_t i = 1; i < e.args.size(); ++i) {
      auto item = bind(*e.args[i], in_aggregate);
      if (!item) return std::nullopt;
      if (!comparable(left->type, item->type)) {
        return fail(e.args[i]->span, "this " + type_name(item->type) + " cannot be compared with " +
                                         article(left->type) + " '" + format_expression(*e.args[0]) + "'");
      }
      out.args.push_back(std::move(*item));
    }
    out.args.insert(out.args.begin(), std::move(*left));
    return out;
  }

  std::optional<BoundExpr> call(const Expr& e, bool in_aggregate) {
    const bool windowing = scope_.window_aggregates || scope_.pattern_aggregates;
    for (const AggregateInfo& info : kAggregates) {
      if (info.name != e.text) continue;
      const bool scalar_min_max =
          (info.aggregate == Aggregate::kMin || info.aggregate == Aggregate::kMax) && e.args.size() == 2;
      if (scalar_min_max) break;
      if (!windowing) {
        return fail(e.span,
                    "the aggregate '" + e.text + "' is only allowed in a window's compute or a pattern's select",
                    info.aggregate == Aggregate::kCount ? "" : "aggregate in a window, then read its result here");
      }
      if (in_aggregate) return fail(e.span, "aggregates cannot be nested");
      return aggregate(e, info.aggregate);
    }
    if (e.text == "timestamp") return timestamp_literal(e);
    const FunctionInfo* info = nullptr;
    for (const FunctionInfo& candidate : kFunctions) {
      if (candidate.name == e.text) info = &candidate;
    }
    if (!info) {
      std::vector<std::string_view> names;
      for (const FunctionInfo& f : kFunctions) names.push_back(f.name);
      for (const AggregateInfo& a : kAggregates) names.push_back(a.name);
      names.push_back("timestamp");
      return fail(e.span, "unknown function '" + e.text + "'", did_you_mean(e.text, names));
    }
    const int count = static_cast<int>(e.args.size());
    if (count < info->min_args || count > info->max_args || e.distinct) {
      return fail(e.span, "'" + e.text + "' takes " +
                              (info->min_args == info->max_args ? std::to_string(info->min_args)
                                                                : std::to_string(info->min_args) + " or more") +
                              (info->min_args == 1 && info->max_args == 1 ? " argument" : " arguments") + ", not " +
                              std::to_string(count));
    }
    BoundExpr out = node(BoundKind::kCall, ValueType::kNull, e.span);
    out.function = info->function;
    for (const ExprPtr& arg : e.args) {
      auto bound = bind(*arg, in_aggregate);
      if (!bound) return std::nullopt;
      out.args.push_back(std::move(*bound));
    }
    if (!function_type(e, out)) return std::nullopt;
    return out;
  }

  bool expect_arg(const BoundExpr& arg, bool ok, std::string_view function, std::string_view needed) {
    if (ok || arg.type == ValueType::kNull) return true;
    context_.error(arg.span, "'" + std::string(function) + "' needs " + std::string(needed) + ", but this is " +
                                 article(arg.type));
    return false;
  }

  bool function_type(const Expr& e, BoundExpr& out) {
    auto& a = out.args;
    const std::string_view name = e.text;
    switch (out.function) {
      case Function::kAbs:
      case Function::kRound:
      case Function::kFloor:
      case Function::kCeil:
        if (!expect_arg(a[0], is_number(a[0].type), name, "a number")) return false;
        out.type = a[0].type == ValueType::kNull ? ValueType::kDouble : a[0].type;
        return true;
      case Function::kSqrt:
      case Function::kLn:
      case Function::kExp:
        if (!expect_arg(a[0], is_number(a[0].type), name, "a number")) return false;
        out.type = ValueType::kDouble;
        return true;
      case Function::kPow:
        if (!expect_arg(a[0], is_number(a[0].type), name, "numbers") ||
            !expect_arg(a[1], is_number(a[1].type), name, "numbers")) {
          return false;
        }
        out.type = ValueType::kDouble;
        return true;
      case Function::kMin:
      case Function::kMax:
        if (!comparable(a[0].type, a[1].type) || a[0].type == ValueType::kBool) {
          context_.error(e.span, "'" + std::string(name) + "' needs two values of one orderable type");
          return false;
        }
        out.type =
            is_number(a[0].type) && is_number(a[1].type) && a[0].type != a[1].type ? ValueType::kDouble : a[0].type;
        return true;
      case Function::kLower:
      case Function::kUpper:
        if (!expect_arg(a[0], a[0].type == ValueType::kString, name, "a string")) return false;
        out.type = ValueType::kString;
        return true;
      case Function::kLength:
        if (!expect_arg(a[0], a[0].type == ValueType::kString, name, "a string")) return false;
        out.type = ValueType::kInt;
        return true;
      case Function::kContains:
      case Function::kStartsWith:
      case Function::kEndsWith:
        if (!expect_arg(a[0], a[0].type == ValueType::kString, name, "strings") ||
            !expect_arg(a[1], a[1].type == ValueType::kString, name, "strings")) {
          return false;
        }
        out.type = ValueType::kBool;
        return true;
      case Function::kCoalesce: {
        ValueType type = ValueType::kNull;
        for (const BoundExpr& arg : a) {
          if (type == ValueType::kNull) {
            type = arg.type;
          } else if (arg.type != ValueType::kNull && !(is_number(type) && is_number(arg.type)) && arg.type != type) {
            context_.error(arg.span, "'coalesce' needs values of one type; this is " + article(arg.type) + ", not " +
                                         article(type));
            return false;
          }
          if (is_number(type) && is_number(arg.type) && arg.type != type) type = ValueType::kDouble;
        }
        out.type = type;
        return true;
      }
      case Function::kIf: {
        if (!expect_arg(a[0], a[0].type == ValueType::kBool, name, "a condition first")) return false;
        const ValueType x = a[1].type, y = a[2].type;
        if (!(x == y || x == ValueType::kNull || y == ValueType::kNull || (is_number(x) && is_number(y)))) {
          context_.error(e.span, "the two branches of 'if' differ: " + article(x) + " and " + article(y));
          return false;
        }
        out.type = x == ValueType::kNull ? y : (is_number(x) && is_number(y) && x != y ? ValueType::kDouble : x);
        return true;
      }
      case Function::kHour:
      case Function::kDayOfWeek:
        if (!expect_arg(a[0], a[0].type == ValueType::kTimestamp, name, "a timestamp")) return false;
        out.type = ValueType::kInt;
        return true;
    }
    return false;
  }

  std::optional<BoundExpr> timestamp_literal(const Expr& e) {
    if (e.args.size() != 1 || e.args[0]->kind != ExprKind::kString) {
      return fail(e.span, "'timestamp' takes one quoted ISO-8601 time", "timestamp(\"2026-11-20T08:00:00Z\")");
    }
    auto parsed = parse_timestamp(e.args[0]->text);
    if (!parsed.ok()) return fail(e.args[0]->span, parsed.status().message());
    return constant(e.span, Value::timestamp(*parsed));
  }

  std::optional<BoundExpr> aggregate(const Expr& e, Aggregate aggregate) {
    BoundExpr out = node(BoundKind::kAggregate, ValueType::kNull, e.span);
    out.aggregate = aggregate;
    if (e.distinct && aggregate != Aggregate::kCount) return fail(e.span, "only count takes 'distinct'");
    if (e.distinct) out.aggregate = Aggregate::kCountDistinct;
    const std::size_t expected_args = aggregate == Aggregate::kPercentile ? 2 : 1;
    if (aggregate == Aggregate::kCount && e.args.empty()) {
      if (scope_.pattern_aggregates) return fail(e.span, "count() in a pattern needs a step: count(step)");
      out.type = ValueType::kInt;
      return out;
    }
    if (e.args.size() != expected_args) {
      return fail(e.span, "'" + e.text + "' takes " +
                              (aggregate == Aggregate::kPercentile
                                   ? std::string("a value and a percentile: percentile(temp, 95)")
                                   : std::string("one value")));
    }
    // In a pattern, count(step) counts a step's events; other aggregates read step.field.
    if (scope_.pattern_aggregates) {
      const Expr& arg = *e.args[0];
      const std::string& owner = arg.kind == ExprKind::kField ? arg.path[0].text : std::string();
      const Scope::Binding* b = binding(owner);
      if (!b) return fail(arg.span, "an aggregate in a pattern's select reads a step: " + e.text + "(step.field)");
      out.over_step = b->step;
      if (arg.path.size() == 1) {
        if (aggregate != Aggregate::kCount)
          return fail(arg.span, "'" + e.text + "' needs a field of the step: " + owner + ".field");
        out.type = ValueType::kInt;
        return out;
      }
    }
    auto value = bind(*e.args[0], true);
    if (!value) return std::nullopt;
    switch (out.aggregate) {
      case Aggregate::kCount:
      case Aggregate::kCountDistinct: out.type = ValueType::kInt; break;
      case Aggregate::kSum:
        if (!expect_arg(*value, is_number(value->type) || value->type == ValueType::kDuration, e.text, "a number")) {
          return std::nullopt;
        }
        out.type = value->type;
        break;
      case Aggregate::kAvg:
      case Aggregate::kStddev:
        if (!expect_arg(*value, is_number(value->type), e.text, "a number")) return std::nullopt;
        out.type = ValueType::kDouble;
        break;
      case Aggregate::kMin:
      case Aggregate::kMax:
        if (!expect_arg(*value, value->type != ValueType::kBool, e.text, "an orderable value")) return std::nullopt;
        out.type = value->type;
        break;
      case Aggregate::kFirst:
      case Aggregate::kLast: out.type = value->type; break;
      case Aggregate::kPercentile: {
        if (!expect_arg(*value, is_number(value->type), e.text, "a number")) return std::nullopt;
        auto p = bind(*e.args[1]);
        if (!p) return std::nullopt;
        if (p->kind != BoundKind::kConstant || !is_number(p->type) || p->constant.as_number() <= 0 ||
            p->constant.as_number() > 100) {
          return fail(e.args[1]->span, "the percentile must be a number above 0 and at most 100",
                      "e.g. percentile(temp, 95)");
        }
        out.percentile = p->constant.as_number();
        out.type = ValueType::kDouble;
        break;
      }
    }
    out.args.push_back(std::move(*value));
    return out;
  }

  const Scope& scope_;
  CheckContext& context_;
};

}  // namespace

std::optional<BoundExpr> bind_expression(const Expr& expr, const Scope& scope, CheckContext& context) {
  return Binder(scope, context).bind(expr);
}

std::optional<BoundExpr> bind_condition(const Expr& expr, const Scope& scope, CheckContext& context) {
  auto bound = bind_expression(expr, scope, context);
  if (!bound) return std::nullopt;
  if (bound->type != ValueType::kBool && bound->type != ValueType::kNull) {
    std::string hint;
    if (bound->type == ValueType::kInt || bound->type == ValueType::kDouble)
      hint = "compare it: " + format_expression(expr) + " > 0";
    context.error(expr.span, "a condition must be true or false, but this is " + article(bound->type), hint);
    return std::nullopt;
  }
  return bound;
}

Duration duration_value(const DurationLiteral& literal) {
  auto duration = parse_duration(literal.text);
  return duration.ok() ? *duration : Duration();
}

std::vector<std::string_view> CheckContext::names_of(std::initializer_list<StatementKind> kinds) const {
  std::vector<std::string_view> names;
  for (const auto& [name, ref] : symbols) {
    for (StatementKind kind : kinds) {
      if (ref.syntax->kind == kind) names.push_back(name);
    }
  }
  return names;
}

}  // namespace cepheus::dsl
