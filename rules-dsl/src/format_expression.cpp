#include <charconv>

#include "cepheus/core/time.h"
#include "cepheus/dsl/formatter.h"
#include "format_internal.h"

namespace cepheus::dsl {
namespace {

// Binding strength, loosest first, as in the parser.
int precedence(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kBinary:
      if (e.text == "or") return 1;
      if (e.text == "and") return 2;
      switch (e.op) {
        case TokenKind::kPlus:
        case TokenKind::kMinus: return 5;
        case TokenKind::kStar:
        case TokenKind::kSlash:
        case TokenKind::kPercent: return 6;
        default: return 4;  // comparisons
      }
    case ExprKind::kUnary: return e.text == "not" ? 3 : 7;
    case ExprKind::kIn:
    case ExprKind::kIsNull: return 4;
    default: return 8;
  }
}

void write(std::string& out, const Expr& e);

void write_operand(std::string& out, const Expr& operand, int minimum) {
  const bool parens = precedence(operand) < minimum;
  if (parens) out += '(';
  write(out, operand);
  if (parens) out += ')';
}

void write(std::string& out, const Expr& e) {
  switch (e.kind) {
    case ExprKind::kInteger:
    case ExprKind::kDecimal:
    case ExprKind::kBool: out += e.text; return;
    case ExprKind::kNull: out += "null"; return;
    case ExprKind::kDuration: out += canonical_duration(e.text); return;
    case ExprKind::kString: out += quote_string(e.text); return;
    case ExprKind::kStar: out += '*'; return;
    case ExprKind::kField:
      for (std::size_t i = 0; i < e.path.size(); ++i) {
        if (i) out += '.';
        out += format_name(e.path[i].text);
      }
      return;
    case ExprKind::kUnary:
      if (e.text == "not") {
        out += "not ";
        write_operand(out, *e.args[0], 3);
      } else {
        out += '-';
        write_operand(out, *e.args[0], 7);
      }
      return;
    case ExprKind::kBinary: {
      const int p = precedence(e);
      // Left-associative: an equal-precedence right operand needs parentheses; comparisons chain on neither side.
      write_operand(out, *e.args[0], p == 4 ? p + 1 : p);
      out += ' ';
      out += e.text;
      out += ' ';
      write_operand(out, *e.args[1], p + 1);
      return;
    }
    case ExprKind::kCall:
      out += e.text;
      out += '(';
      if (e.distinct) out += "distinct ";
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        if (i) out += ", ";
        write(out, *e.args[i]);
      }
      out += ')';
      return;
    case ExprKind::kIn:
      write_operand(out, *e.args[0], 5);
      out += e.negated ? " not in (" : " in (";
      for (std::size_t i = 1; i < e.args.size(); ++i) {
        if (i > 1) out += ", ";
        write_operand(out, *e.args[i], 5);
      }
      out += ')';
      return;
    case ExprKind::kIsNull:
      write_operand(out, *e.args[0], 5);
      out += e.negated ? " is not null" : " is null";
      return;
  }
}

}  // namespace

std::string canonical_duration(std::string_view text) {
  auto duration = parse_duration(text);
  return duration.ok() ? format_duration(*duration) : std::string(text);
}

std::string quote_string(std::string_view value) {
  std::string out = "\"";
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '\\' && i + 1 < value.size() && (value[i + 1] == '{' || value[i + 1] == '}')) {
      out += '\\';
      out += value[++i];  // an escaped brace of a template stays as written
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string format_name(std::string_view name) {
  static constexpr std::string_view kReserved[] = {"and", "or", "not", "is", "in", "true", "false", "null"};
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) plain = false;
  }
  for (std::string_view word : kReserved) {
    if (name == word) plain = false;
  }
  return plain ? std::string(name) : "`" + std::string(name) + "`";
}

std::string format_expression(const Expr& expr) {
  std::string out;
  write(out, expr);
  return out;
}

}  // namespace cepheus::dsl
