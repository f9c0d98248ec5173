// Expressions, loosest binding first:
//   or  <  and  <  not  <  comparison, is [not] null, [not] in  <  + -  <  * / %  <  unary -  <  primary
#include "parser_state.h"

namespace cepheus::dsl {
namespace {

ExprPtr make(ExprKind kind, Span span) {
  auto expr = std::make_unique<Expr>();
  expr->kind = kind;
  expr->span = span;
  return expr;
}

ExprPtr binary(TokenKind op, std::string text, ExprPtr left, ExprPtr right) {
  auto expr = make(ExprKind::kBinary, Span::cover(left->span, right->span));
  expr->op = op;
  expr->text = std::move(text);
  expr->args.push_back(std::move(left));
  expr->args.push_back(std::move(right));
  return expr;
}

bool is_comparison(TokenKind kind) {
  return kind == TokenKind::kEqual || kind == TokenKind::kNotEqual || kind == TokenKind::kLess ||
         kind == TokenKind::kLessEqual || kind == TokenKind::kGreater || kind == TokenKind::kGreaterEqual;
}

// In a pattern, "and"/"or" may join steps rather than conditions: `(a: x where p and b: y)`.
bool starts_pattern_step(const ParserState& state) {
  const TokenKind after = state.peek(1).kind;
  return (after == TokenKind::kName || after == TokenKind::kQuotedName) && state.peek(2).kind == TokenKind::kColon;
}

class ExpressionParser {
 public:
  ExpressionParser(ParserState& state, int depth) : state_(state), depth_(depth) {}

  ExprPtr parse() { return parse_or(); }

 private:
  bool enter(Span span) {
    if (++depth_ > kMaxExpressionDepth) {
      state_.fail_at(span,
                     "this expression is nested more than " + std::to_string(kMaxExpressionDepth) + " levels deep",
                     "split it with a derived stream or simplify it");
      return false;
    }
    return true;
  }

  ExprPtr parse_or() {
    ExprPtr left = parse_and();
    while (left && state_.at_keyword("or") && !starts_pattern_step(state_)) {
      state_.advance();
      ExprPtr right = parse_and();
      if (!right) return nullptr;
      left = binary(TokenKind::kName, "or", std::move(left), std::move(right));
    }
    return left;
  }

  ExprPtr parse_and() {
    ExprPtr left = parse_not();
    while (left && state_.at_keyword("and") && !starts_pattern_step(state_)) {
      state_.advance();
      ExprPtr right = parse_not();
      if (!right) return nullptr;
      left = binary(TokenKind::kName, "and", std::move(left), std::move(right));
    }
    return left;
  }

  ExprPtr parse_not() {
    if (!state_.at_keyword("not")) return parse_comparison();
    const Span start = state_.advance().span;
    if (!enter(start)) return nullptr;
    ExprPtr operand = parse_not();
    --depth_;
    if (!operand) return nullptr;
    auto expr = make(ExprKind::kUnary, Span::cover(start, operand->span));
    expr->text = "not";
    expr->args.push_back(std::move(operand));
    return expr;
  }

  ExprPtr parse_comparison() {
    ExprPtr left = parse_additive();
    if (!left) return nullptr;
    if (is_comparison(state_.peek().kind)) {
      const Token& op = state_.advance();
      ExprPtr right = parse_additive();
      if (!right) return nullptr;
      left = binary(op.kind, std::string(op.text), std::move(left), std::move(right));
      if (is_comparison(state_.peek().kind)) {
        state_.fail_at(state_.peek().span, "comparisons cannot be chained", "join them with 'and': a < b and b < c");
        return nullptr;
      }
      return left;
    }
    if (state_.at_keyword("is")) {
      state_.advance();
      const bool negated = state_.accept_keyword("not");
      if (!state_.at_keyword("null")) {
        state_.fail_expected("'null' after 'is'", "write 'x is null' or 'x is not null'; compare values with ==");
        return nullptr;
      }
      const Span end = state_.advance().span;
      auto expr = make(ExprKind::kIsNull, Span::cover(left->span, end));
      expr->negated = negated;
      expr->args.push_back(std::move(left));
      return expr;
    }
    const bool not_in = state_.at_keyword("not") && state_.at_keyword("in", 1);
    if (not_in || state_.at_keyword("in")) {
      if (not_in) state_.advance();
      state_.advance();
      if (!state_.expect(TokenKind::kLeftParen, "'(' and a list of values after 'in'")) return nullptr;
      auto expr = make(ExprKind::kIn, left->span);
      expr->negated = not_in;
      expr->args.push_back(std::move(left));
      do {
        ExprPtr item = parse_additive();
        if (!item) return nullptr;
        expr->args.push_back(std::move(item));
      } while (state_.accept(TokenKind::kComma));
      if (!state_.expect(TokenKind::kRightParen, "',' or ')' in the list of values")) return nullptr;
      expr->span.end = state_.previous_end();
      return expr;
    }
    return left;
  }

  ExprPtr parse_additive() {
    ExprPtr left = parse_multiplicative();
    while (left && (state_.at(TokenKind::kPlus) || state_.at(TokenKind::kMinus))) {
      const Token& op = state_.advance();
      ExprPtr right = parse_multiplicative();
      if (!right) return nullptr;
      left = binary(op.kind, std::string(op.text), std::move(left), std::move(right));
    }
    return left;
  }

  ExprPtr parse_multiplicative() {
    ExprPtr left = parse_unary();
    while (left && (state_.at(TokenKind::kStar) || state_.at(TokenKind::kSlash) || state_.at(TokenKind::kPercent))) {
      const Token& op = state_.advance();
      ExprPtr right = parse_unary();
      if (!right) return nullptr;
      left = binary(op.kind, std::string(op.text), std::move(left), std::move(right));
    }
    return left;
  }

  ExprPtr parse_unary() {
    if (!state_.at(TokenKind::kMinus)) return parse_primary();
    const Span start = state_.advance().span;
    if (!enter(start)) return nullptr;
    ExprPtr operand = parse_unary();
    --depth_;
    if (!operand) return nullptr;
    auto expr = make(ExprKind::kUnary, Span::cover(start, operand->span));
    expr->op = TokenKind::kMinus;
    expr->text = "-";
    expr->args.push_back(std::move(operand));
    return expr;
  }

  ExprPtr literal(ExprKind kind) {
    const Token& token = state_.advance();
    auto expr = make(kind, token.span);
    expr->text = std::string(token.text);
    return expr;
  }

  ExprPtr parse_primary() {
    const Token& token = state_.peek();
    if (state_.at_statement_start()) {
      state_.fail_expected("a value");  // the clause is unfinished; do not eat the next statement
      return nullptr;
    }
    switch (token.kind) {
      case TokenKind::kInteger: return literal(ExprKind::kInteger);
      case TokenKind::kDecimal: return literal(ExprKind::kDecimal);
      case TokenKind::kDuration: return literal(ExprKind::kDuration);
      case TokenKind::kString: {
        auto expr = literal(ExprKind::kString);
        expr->text = decode_string_literal(expr->text);
        return expr;
      }
      case TokenKind::kLeftParen: {
        const Span open = state_.advance().span;
        if (!enter(open)) return nullptr;
        ExprPtr inner = parse_or();
        --depth_;
        if (!inner) return nullptr;
        if (!state_.expect(TokenKind::kRightParen, "')'")) return nullptr;
        inner->span = {open.begin, state_.previous_end()};
        return inner;
      }
      case TokenKind::kName:
        if (token.text == "true" || token.text == "false") return literal(ExprKind::kBool);
        if (token.text == "null") return literal(ExprKind::kNull);
        if (token.text == "and" || token.text == "or" || token.text == "not" || token.text == "is" ||
            token.text == "in") {
          state_.fail_expected("a value", "'" + std::string(token.text) + "' is a keyword in expressions; write `" +
                                              std::string(token.text) + "` for a field of that name");
          return nullptr;
        }
        return name_or_call();
      case TokenKind::kQuotedName: return name_or_call();
      default: state_.fail_expected("a value"); return nullptr;
    }
  }

  ExprPtr name_or_call() {
    const Token& first = state_.advance();
    if (first.kind == TokenKind::kName && state_.at(TokenKind::kLeftParen)) return call(first);
    auto expr = make(ExprKind::kField, first.span);
    expr->path.push_back(Name{std::string(first.text), first.span, first.kind == TokenKind::kQuotedName});
    while (state_.accept(TokenKind::kDot)) {
      Name part;
      if (!state_.expect_name(part, "a field name after '.'")) return nullptr;
      expr->span.end = part.span.end;
      expr->path.push_back(std::move(part));
    }
    return expr;
  }

  ExprPtr call(const Token& name) {
    state_.advance();  // (
    if (!enter(name.span)) return nullptr;
    auto expr = make(ExprKind::kCall, name.span);
    expr->text = std::string(name.text);
    if (state_.at_keyword("distinct") && state_.peek(1).kind != TokenKind::kRightParen) {
      state_.advance();
      expr->distinct = true;
    }
    if (!state_.at(TokenKind::kRightParen)) {
      do {
        if (state_.at(TokenKind::kStar)) {
          state_.fail_at(state_.peek().span, "'*' is not an argument", "count every event with count()");
          return nullptr;
        }
        ExprPtr argument = parse_or();
        if (!argument) return nullptr;
        expr->args.push_back(std::move(argument));
      } while (state_.accept(TokenKind::kComma));
    }
    if (!state_.expect(TokenKind::kRightParen, "',' or ')' after an argument")) return nullptr;
    --depth_;
    expr->span.end = state_.previous_end();
    return expr;
  }

  ParserState& state_;
  int depth_;
};

}  // namespace

ExprPtr parse_expression(ParserState& state, int depth) {
  return ExpressionParser(state, depth).parse();
}

bool parse_select_list(ParserState& state, std::vector<SelectItem>& items) {
  do {
    SelectItem item;
    const Span start = state.peek().span;
    if (state.accept(TokenKind::kStar)) {
      item.span = start;
    } else {
      item.expr = parse_expression(state);
      if (!item.expr) return false;
      if (state.accept_keyword("as")) {
        Name alias;
        if (!state.expect_name(alias, "a name after 'as'")) return false;
        item.alias = std::move(alias);
      }
      item.span = {start.begin, state.previous_end()};
    }
    items.push_back(std::move(item));
  } while (state.accept(TokenKind::kComma));
  return true;
}

bool parse_name_list(ParserState& state, std::vector<Name>& names, std::string_view what) {
  do {
    Name name;
    if (!state.expect_name(name, what)) return false;
    names.push_back(std::move(name));
  } while (state.accept(TokenKind::kComma));
  return true;
}

std::string decode_string_literal(std::string_view text) {
  // Single quotes only reach here after the lexer reported them.
  if (!text.empty() && (text.front() == '"' || text.front() == '\'')) text.remove_prefix(1);
  if (!text.empty() && (text.back() == '"' || text.back() == '\'')) text.remove_suffix(1);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 >= text.size()) {
      out += text[i];
      continue;
    }
    const char escaped = text[++i];
    switch (escaped) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '{':
      case '}':
        out += '\\';
        out += escaped;
        break;
      default: out += escaped;
    }
  }
  return out;
}

}  // namespace cepheus::dsl
