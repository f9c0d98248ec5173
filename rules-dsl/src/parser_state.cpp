#include <charconv>

#include "cepheus/dsl/parser.h"
#include "cepheus/dsl/suggest.h"
#include "parser_state.h"

namespace cepheus::dsl {
namespace {

std::string describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::kName: return "'" + std::string(token.text) + "'";
    case TokenKind::kQuotedName: return "`" + std::string(token.text) + "`";
    case TokenKind::kInteger:
    case TokenKind::kDecimal:
    case TokenKind::kDuration: return std::string(token_kind_phrase(token.kind)) + " '" + std::string(token.text) + "'";
    case TokenKind::kString: return "a string";
    default: return std::string(token_kind_phrase(token.kind));
  }
}

}  // namespace

bool ParserState::fail_at(Span span, std::string message, std::string hint) {
  diagnostics_.error(file_, span, std::move(message), std::move(hint));
  return false;
}

bool ParserState::fail_expected(std::string_view what, std::string hint) {
  // At the end of the file, point just after the last token rather than past the last line.
  const Span where = at_end() ? Span{previous_end_, previous_end_} : peek().span;
  return fail_at(where, "expected " + std::string(what) + ", found " + describe(peek()), std::move(hint));
}

bool ParserState::expect_name(Name& out, std::string_view what) {
  const Token& token = peek();
  if (token.kind != TokenKind::kName && token.kind != TokenKind::kQuotedName) return fail_expected(what);
  out = Name{std::string(token.text), token.span, token.kind == TokenKind::kQuotedName};
  advance();
  return true;
}

bool ParserState::expect_string(StringLiteral& out, std::string_view what) {
  if (!at(TokenKind::kString)) return fail_expected(what);
  const Token& token = advance();
  out = StringLiteral{decode_string_literal(token.text), token.span};
  return true;
}

bool ParserState::expect_duration(DurationLiteral& out, std::string_view what) {
  if (!at(TokenKind::kDuration)) {
    std::string hint = "write a number and a unit, e.g. 30s, 5m, 1h";
    if (at(TokenKind::kInteger))
      hint = "add a unit: " + std::string(peek().text) + "s, " + std::string(peek().text) + "m, ...";
    return fail_expected(what, hint);
  }
  const Token& token = advance();
  out = DurationLiteral{std::string(token.text), token.span};
  return true;
}

bool ParserState::expect_integer(std::int64_t& out, std::string_view what) {
  if (!at(TokenKind::kInteger)) return fail_expected(what);
  const Token& token = peek();
  auto [end, error] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), out);
  (void)end;
  if (error != std::errc()) return fail_at(token.span, "the number " + std::string(token.text) + " is too large");
  advance();
  return true;
}

bool ParserState::expect_one_of(Name& out, std::initializer_list<std::string_view> words, std::string_view what) {
  for (std::string_view word : words) {
    if (at_keyword(word)) {
      out = Name{std::string(word), peek().span, false};
      advance();
      return true;
    }
  }
  std::string list;
  std::size_t i = 0;
  for (std::string_view word : words) {
    list += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + std::string("'") + std::string(word) + "'";
    ++i;
  }
  return fail_expected(std::string(what) + " (" + list + ")");
}

bool ParserState::at_statement_start() const {
  const Token& token = peek();
  if (token.kind != TokenKind::kName || !token.first_on_line) return false;
  const TokenKind next = peek(1).kind;
  if (next != TokenKind::kName && next != TokenKind::kQuotedName) return false;
  for (std::string_view keyword : kStatementKeywords) {
    if (token.text == keyword) return true;
  }
  return false;
}

// While recovering, a line that starts at column 1 with a near-miss of a
// statement keyword ("strem cold from ...") is taken as a statement too, so that
// it gets its own "did you mean" instead of being skipped silently.
bool ParserState::at_misspelt_statement_start() const {
  const Token& token = peek();
  if (token.kind != TokenKind::kName || !token.first_on_line) return false;
  if (token.span.begin != 0 && file_.text()[token.span.begin - 1] != '\n') return false;
  const TokenKind next = peek(1).kind;
  if (next != TokenKind::kName && next != TokenKind::kQuotedName) return false;
  return !closest_match(token.text, {std::begin(kStatementKeywords), std::end(kStatementKeywords)}).empty();
}

void ParserState::skip_to_next_statement(std::size_t statement_start) {
  if (index_ == statement_start || !(at_statement_start() || at_misspelt_statement_start())) advance();
  while (!at_end() && !at_statement_start() && !at_misspelt_statement_start()) advance();
}

}  // namespace cepheus::dsl
