// Private to the parser: the token cursor and the helpers every parse function
// shares. Parse functions return false (or null) after reporting an error; the
// statement loop then skips to the next statement.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "cepheus/dsl/ast.h"
#include "cepheus/dsl/diagnostic.h"
#include "cepheus/dsl/lexer.h"
#include "cepheus/dsl/parser.h"

namespace cepheus::dsl {

class ParserState {
 public:
  ParserState(const SourceFile& file, const LexedFile& lexed, Diagnostics& diagnostics)
      : file_(file), tokens_(lexed.tokens), diagnostics_(diagnostics) {}

  const Token& peek(std::size_t ahead = 0) const {
    const std::size_t i = index_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  const Token& advance() {
    const Token& token = tokens_[index_];
    if (index_ + 1 < tokens_.size()) ++index_;
    previous_end_ = token.span.end;
    return token;
  }
  bool at(TokenKind kind) const { return peek().kind == kind; }
  bool at_end() const { return at(TokenKind::kEnd); }
  // A plain (unquoted) name token with this text.
  bool at_keyword(std::string_view word, std::size_t ahead = 0) const {
    const Token& token = peek(ahead);
    return token.kind == TokenKind::kName && token.text == word;
  }
  bool accept(TokenKind kind) {
    if (!at(kind)) return false;
    advance();
    return true;
  }
  bool accept_keyword(std::string_view word) {
    if (!at_keyword(word)) return false;
    advance();
    return true;
  }

  // Reports "expected X, found Y" at the current token; always returns false.
  bool fail_expected(std::string_view what, std::string hint = {});
  bool fail_at(Span span, std::string message, std::string hint = {});

  bool expect(TokenKind kind, std::string_view what) { return accept(kind) || fail_expected(what); }
  bool expect_keyword(std::string_view word, std::string hint = {}) {
    return accept_keyword(word) || fail_expected("'" + std::string(word) + "'", std::move(hint));
  }
  // A name (plain or quoted) into `out`.
  bool expect_name(Name& out, std::string_view what);
  bool expect_string(StringLiteral& out, std::string_view what);
  bool expect_duration(DurationLiteral& out, std::string_view what);
  bool expect_integer(std::int64_t& out, std::string_view what);

  // `words` alone as the name of the alternative chosen, or fail listing them.
  bool expect_one_of(Name& out, std::initializer_list<std::string_view> words, std::string_view what);

  std::uint32_t previous_end() const { return previous_end_; }
  const SourceFile& file() const { return file_; }
  Diagnostics& diagnostics() { return diagnostics_; }

  // Is the current token the start of a statement? (a statement keyword first on
  // its line and followed by a name)
  bool at_statement_start() const;
  bool at_misspelt_statement_start() const;
  // Where a statement's clauses end: a statement start or a misspelt one.
  bool at_statement_boundary() const { return at_statement_start() || at_misspelt_statement_start(); }
  // Skips tokens up to the next statement start or the end.
  // A statement that starts where the error was found is not skipped.
  void skip_to_next_statement(std::size_t statement_start);
  std::size_t position() const { return index_; }

 private:
  const SourceFile& file_;
  const std::vector<Token>& tokens_;
  Diagnostics& diagnostics_;
  std::size_t index_ = 0;
  std::uint32_t previous_end_ = 0;
};

// Each parse function: false/null after reporting one error.
ExprPtr parse_expression(ParserState& state, int depth = 0);
bool parse_select_list(ParserState& state, std::vector<SelectItem>& items);
bool parse_name_list(ParserState& state, std::vector<Name>& names, std::string_view what);
PatternNodePtr parse_pattern(ParserState& state);
bool parse_statement(ParserState& state, Statement& statement);

}  // namespace cepheus::dsl
