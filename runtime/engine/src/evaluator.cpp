#include "cepheus/engine/evaluator.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace cepheus::engine {
namespace {

using dsl::BoundExpr;
using dsl::BoundKind;
using dsl::Function;
using dsl::Op;

bool is_number(const Value& v) {
  return v.type() == ValueType::kInt || v.type() == ValueType::kDouble;
}

// -1, 0, 1 for comparable values of matching kinds (checked before the engine runs).
int compare(const Value& a, const Value& b) {
  if (is_number(a) && is_number(b)) return compare_numbers(a, b);
  switch (a.type()) {
    case ValueType::kString: {
      const int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    case ValueType::kBool: return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case ValueType::kTimestamp:
    case ValueType::kDuration:
      return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;  // both stored as int64 nanoseconds
    default: return 0;
  }
}

bool equal(const Value& a, const Value& b) {
  return compare(a, b) == 0;
}

Value arithmetic(Op op, const Value& a, const Value& b, ValueType result) {
  if (a.is_null() || b.is_null()) return Value::null();
  if (result == ValueType::kString) return Value::string(std::string(a.as_string()) + std::string(b.as_string()));
  if (result == ValueType::kInt) {
    const std::int64_t x = a.as_int(), y = b.as_int();
    std::int64_t out = 0;
    switch (op) {
      case Op::kAdd: return __builtin_add_overflow(x, y, &out) ? Value::null() : Value::integer(out);
      case Op::kSubtract: return __builtin_sub_overflow(x, y, &out) ? Value::null() : Value::integer(out);
      case Op::kMultiply: return __builtin_mul_overflow(x, y, &out) ? Value::null() : Value::integer(out);
      case Op::kModulo: return y == 0 || (x == INT64_MIN && y == -1) ? Value::null() : Value::integer(x % y);
      default: return Value::null();
    }
  }
  if (result == ValueType::kDouble) {
    // duration / duration, or numbers.
    const double x = a.type() == ValueType::kDuration ? static_cast<double>(a.as_int()) : a.as_number();
    const double y = b.type() == ValueType::kDuration ? static_cast<double>(b.as_int()) : b.as_number();
    double out = 0;
    switch (op) {
      case Op::kAdd: out = x + y; break;
      case Op::kSubtract: out = x - y; break;
      case Op::kMultiply: out = x * y; break;
      case Op::kDivide:
        if (y == 0) return Value::null();
        out = x / y;
        break;
      case Op::kModulo:
        if (y == 0) return Value::null();
        out = std::fmod(x, y);
        break;
      default: return Value::null();
    }
    return std::isfinite(out) ? Value::real(out) : Value::null();
  }
  // Time arithmetic on nanoseconds.
  auto nanos = [](const Value& v) -> std::int64_t {
    return v.type() == ValueType::kTimestamp || v.type() == ValueType::kDuration ? v.as_int() : 0;
  };
  std::int64_t out = 0;
  bool overflow = false;
  if (op == Op::kAdd) {
    overflow = __builtin_add_overflow(nanos(a), nanos(b), &out);
  } else if (op == Op::kSubtract) {
    overflow = __builtin_sub_overflow(nanos(a), nanos(b), &out);
  } else if (op == Op::kMultiply || op == Op::kDivide) {
    const Value& duration = a.type() == ValueType::kDuration ? a : b;
    const Value& factor = a.type() == ValueType::kDuration ? b : a;
    const double scaled =
        op == Op::kMultiply
            ? static_cast<double>(duration.as_int()) * factor.as_number()
            : (factor.as_number() == 0 ? NAN : static_cast<double>(duration.as_int()) / factor.as_number());
    if (!std::isfinite(scaled) || std::fabs(scaled) >= 9.2e18) return Value::null();
    out = static_cast<std::int64_t>(std::llround(scaled));
  }
  if (overflow) return Value::null();
  return result == ValueType::kTimestamp ? Value::timestamp(Timestamp::from_nanos(out))
                                         : Value::duration(Duration::nanos(out));
}

Value call(const BoundExpr& e, const EvalContext& c) {
  auto arg = [&](std::size_t i) { return evaluate(e.args[i], c); };
  switch (e.function) {
    case Function::kCoalesce:
      for (const BoundExpr& a : e.args) {
        Value v = evaluate(a, c);
        if (!v.is_null())
          return v.type() == ValueType::kInt && e.type == ValueType::kDouble ? Value::real(v.as_number()) : v;
      }
      return Value::null();
    case Function::kIf: {
      const Value cond = arg(0);
      Value v = cond.type() == ValueType::kBool && cond.as_bool() ? arg(1) : arg(2);
      return v.type() == ValueType::kInt && e.type == ValueType::kDouble ? Value::real(v.as_number()) : v;
    }
    default: break;
  }
  std::vector<Value> values;
  values.reserve(e.args.size());
  for (std::size_t i = 0; i < e.args.size(); ++i) {
    values.push_back(arg(i));
    if (values.back().is_null()) return Value::null();
  }
  const Value& x = values[0];
  auto real = [](double d) { return std::isfinite(d) ? Value::real(d) : Value::null(); };
  switch (e.function) {
    case Function::kAbs:
      if (x.type() == ValueType::kInt)
        return x.as_int() == INT64_MIN ? Value::null() : Value::integer(std::llabs(x.as_int()));
      return real(std::fabs(x.as_double()));
    case Function::kRound: return x.type() == ValueType::kInt ? x : real(std::round(x.as_double()));
    case Function::kFloor: return x.type() == ValueType::kInt ? x : real(std::floor(x.as_double()));
    case Function::kCeil: return x.type() == ValueType::kInt ? x : real(std::ceil(x.as_double()));
    case Function::kSqrt: return x.as_number() < 0 ? Value::null() : real(std::sqrt(x.as_number()));
    case Function::kLn: return x.as_number() <= 0 ? Value::null() : real(std::log(x.as_number()));
    case Function::kExp: return real(std::exp(x.as_number()));
    case Function::kPow: return real(std::pow(x.as_number(), values[1].as_number()));
    case Function::kMin:
    case Function::kMax: {
      const bool first = (compare(x, values[1]) <= 0) == (e.function == Function::kMin);
      const Value& chosen = first ? x : values[1];
      return e.type == ValueType::kDouble && chosen.type() == ValueType::kInt ? Value::real(chosen.as_number())
                                                                              : chosen;
    }
    case Function::kLower:
    case Function::kUpper: {
      std::string s(x.as_string());
      for (char& ch : s) {
        if (e.function == Function::kLower && ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
        if (e.function == Function::kUpper && ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
      }
      return Value::string(s);
    }
    case Function::kLength: {
      std::int64_t characters = 0;
      for (const char ch : x.as_string()) characters += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
      return Value::integer(characters);
    }
    case Function::kContains:
      return Value::boolean(x.as_string().find(values[1].as_string()) != std::string_view::npos);
    case Function::kStartsWith: return Value::boolean(x.as_string().starts_with(values[1].as_string()));
    case Function::kEndsWith: return Value::boolean(x.as_string().ends_with(values[1].as_string()));
    case Function::kHour: {
      using namespace std::chrono;
      const sys_time<nanoseconds> t{nanoseconds{x.as_timestamp().nanos_since_epoch()}};
      return Value::integer(duration_cast<hours>(t - floor<days>(t)).count());
    }
    case Function::kDayOfWeek: {
      using namespace std::chrono;
      const sys_time<nanoseconds> t{nanoseconds{x.as_timestamp().nanos_since_epoch()}};
      return Value::integer(weekday(floor<days>(t)).iso_encoding());  // 1 Monday ... 7 Sunday
    }
    default: return Value::null();
  }
}

// A condition's three-valued result.
enum class Truth : std::uint8_t { kFalse, kTrue, kNull };

Truth truth_of(const Value& v) {
  if (v.is_null()) return Truth::kNull;
  return v.type() == ValueType::kBool && v.as_bool() ? Truth::kTrue : Truth::kFalse;
}

Value value_of(Truth t) {
  return t == Truth::kNull ? Value::null() : Value::boolean(t == Truth::kTrue);
}

// An event field or a constant is read where it is; anything else is computed into `scratch`.
const Value& operand(const BoundExpr& e, const EvalContext& c, Value& scratch) {
  if (e.kind == BoundKind::kConstant) return e.constant;
  if (e.kind == BoundKind::kField && e.slot == dsl::Slot::kEvent && c.event) return c.event->value(e.index);
  scratch = evaluate(e, c);
  return scratch;
}

bool is_comparison(Op op) {
  return op == Op::kEqual || op == Op::kNotEqual || op == Op::kLess || op == Op::kLessEqual || op == Op::kGreater ||
         op == Op::kGreaterEqual;
}

Truth compare_operands(const BoundExpr& e, const EvalContext& c) {
  Value scratch_a, scratch_b;
  const Value& a = operand(e.args[0], c, scratch_a);
  const Value& b = operand(e.args[1], c, scratch_b);
  if (a.is_null() || b.is_null()) return Truth::kNull;
  return compares(e.op, a, b) ? Truth::kTrue : Truth::kFalse;
}

// Conditions are tested without building a Value for every node: filters run on every event.
Truth test(const BoundExpr& e, const EvalContext& c) {
  if (e.kind == BoundKind::kBinary) {
    if (e.op == Op::kAnd || e.op == Op::kOr) {
      const Truth dominant = e.op == Op::kOr ? Truth::kTrue : Truth::kFalse;  // true decides `or`, false `and`
      const Truth a = test(e.args[0], c);
      if (a == dominant) return dominant;
      const Truth b = test(e.args[1], c);
      if (b == dominant) return dominant;
      if (a == Truth::kNull || b == Truth::kNull) return Truth::kNull;
      return a;
    }
    if (is_comparison(e.op)) return compare_operands(e, c);
  } else if (e.kind == BoundKind::kUnary && e.op == Op::kNot) {
    const Truth t = test(e.args[0], c);
    return t == Truth::kNull ? t : t == Truth::kTrue ? Truth::kFalse : Truth::kTrue;
  }
  return truth_of(evaluate(e, c));
}

}  // namespace

Value evaluate(const BoundExpr& e, const EvalContext& c) {
  switch (e.kind) {
    case BoundKind::kConstant: return e.constant;
    case BoundKind::kField:
      switch (e.slot) {
        case dsl::Slot::kEvent: return c.event ? c.event->value(e.index) : Value::null();
        case dsl::Slot::kTable: return c.table_row ? (*c.table_row)[e.index] : Value::null();
        case dsl::Slot::kOutput: return e.index < c.output.size() ? c.output[e.index] : Value::null();
        case dsl::Slot::kTwin: return c.twins ? c.twins->property(e.source, e.index, c.event) : Value::null();
        case dsl::Slot::kBinding: return c.bindings ? c.bindings->binding(e.source, e.index) : Value::null();
      }
      return Value::null();
    case BoundKind::kUnary: {
      Value v = evaluate(e.args[0], c);
      if (v.is_null()) return v;
      if (e.op == Op::kNot) return Value::boolean(!v.as_bool());
      if (v.type() == ValueType::kInt) return v.as_int() == INT64_MIN ? Value::null() : Value::integer(-v.as_int());
      if (v.type() == ValueType::kDuration) return Value::duration(-v.as_duration());
      return Value::real(-v.as_double());
    }
    case BoundKind::kBinary: {
      if (e.op == Op::kAnd || e.op == Op::kOr || is_comparison(e.op)) return value_of(test(e, c));
      Value scratch_a, scratch_b;
      return arithmetic(e.op, operand(e.args[0], c, scratch_a), operand(e.args[1], c, scratch_b), e.type);
    }
    case BoundKind::kIsNull: {
      const bool null = evaluate(e.args[0], c).is_null();
      return Value::boolean(e.negated ? !null : null);
    }
    case BoundKind::kIn: {
      const Value left = evaluate(e.args[0], c);
      if (left.is_null()) return Value::null();
      bool saw_null = false;
      for (std::size_t i = 1; i < e.args.size(); ++i) {
        const Value item = evaluate(e.args[i], c);
        if (item.is_null()) {
          saw_null = true;
        } else if (equal(left, item)) {
          return Value::boolean(!e.negated);
        }
      }
      return saw_null ? Value::null() : Value::boolean(e.negated);
    }
    case BoundKind::kCall: return call(e, c);
    case BoundKind::kAggregate:
      for (std::size_t i = 0; i < c.aggregate_nodes.size() && i < c.aggregate_values.size(); ++i) {
        if (c.aggregate_nodes[i] == &e) return c.aggregate_values[i];
      }
      return Value::null();
  }
  return Value::null();
}

bool compares(Op op, const Value& a, const Value& b) {
  // Strings tested for equality (`kind == "A"`, the commonest condition) by Value's own
  // test, which compares the 16 bytes first, instead of ordering them.
  if ((op == Op::kEqual || op == Op::kNotEqual) && a.type() == ValueType::kString && b.type() == ValueType::kString) {
    return (a == b) == (op == Op::kEqual);
  }
  return order_holds(op, compare(a, b));
}

bool holds(const BoundExpr& condition, const EvalContext& context) {
  return test(condition, context) == Truth::kTrue;
}

std::string display_text(const Value& value) {
  return value.type() == ValueType::kString ? std::string(value.as_string()) : value.to_string();
}

}  // namespace cepheus::engine
