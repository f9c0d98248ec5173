// The lexer: rule text to tokens and comments.
//
// It never stops at a bad character: it reports a diagnostic and moves on, so the
// parser sees as much of the file as possible.
#pragma once

#include <vector>

#include "cepheus/dsl/diagnostic.h"
#include "cepheus/dsl/token.h"

namespace cepheus::dsl {

struct LexedFile {
  std::vector<Token> tokens;  // always ends with a kEnd token
  std::vector<Comment> comments;
};

inline constexpr std::size_t kMaxFileBytes = std::size_t{4} * 1024 * 1024;
inline constexpr std::size_t kMaxNameLength = 128;

LexedFile lex(const SourceFile& file, Diagnostics& diagnostics);

}  // namespace cepheus::dsl
