// The parser: tokens to a RuleFile.
//
// Hand-written recursive descent. On a syntax error it reports one diagnostic,
// skips to the start of the next statement (a statement keyword that begins a
// line and is followed by a name) and goes on, so one run reports an error in
// every broken statement. Statements that parsed are kept whole; a broken
// statement is left out of the tree.
#pragma once

#include "cepheus/dsl/ast.h"
#include "cepheus/dsl/diagnostic.h"

namespace cepheus::dsl {

inline constexpr int kMaxExpressionDepth = 64;
inline constexpr std::size_t kMaxPatternSteps = 64;

RuleFile parse(const SourceFile& file, Diagnostics& diagnostics);

// Decodes the escapes of a string token's text (with its quotes). "\{" and "\}"
// stay escaped so that message templates can tell them from placeholders.
std::string decode_string_literal(std::string_view token_text);

}  // namespace cepheus::dsl

namespace cepheus::dsl {

// Parses `text` (one expression, e.g. a template placeholder) that stands at byte
// `base` of `file`: every span of the result and of its diagnostics points into
// `file`. Null after an error.
ExprPtr parse_embedded_expression(std::string_view text, std::uint32_t base, const SourceFile& file,
                                  Diagnostics& diagnostics);

}  // namespace cepheus::dsl
