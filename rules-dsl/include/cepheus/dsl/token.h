// Tokens of the rule language.
#pragma once

#include <cstdint>
#include <string_view>

#include "cepheus/dsl/source.h"

namespace cepheus::dsl {

enum class TokenKind : std::uint8_t {
  kName,        // a plain name or a keyword; keywords are told apart by the parser
  kQuotedName,  // `temp-c`
  kInteger,     // 42
  kDecimal,     // 81.5, 1e-3
  kDuration,    // 250ms, 1h30m
  kString,      // "text" (the span includes the quotes)
  kLeftBrace,
  kRightBrace,
  kLeftParen,
  kRightParen,
  kComma,
  kColon,
  kDot,
  kAssign,  // =
  kEqual,   // ==
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kQuestion,
  kEnd,
};

// How a token kind reads in messages: "a name", "'{'", "the end of the file".
std::string_view token_kind_phrase(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kEnd;
  Span span;
  std::string_view text;       // the source text of the token (for kQuotedName: without backquotes)
  bool first_on_line = false;  // nothing but white space before it on its line
};

// A comment and where it is; the formatter puts comments back.
struct Comment {
  Span span;
  std::string_view text;  // from "--" to the end of the line, without the line ending
  bool own_line = false;  // nothing but white space before it on its line
};

}  // namespace cepheus::dsl
