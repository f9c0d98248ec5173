#include "cepheus/dsl/lexer.h"
#include "cepheus/dsl/parser.h"
#include "parser_state.h"

namespace cepheus::dsl {
namespace {

void shift(Span& span, std::uint32_t base) {
  span.begin += base;
  span.end += base;
}

void shift(Expr& expr, std::uint32_t base) {
  shift(expr.span, base);
  for (Name& name : expr.path) shift(name.span, base);
  for (ExprPtr& arg : expr.args) shift(*arg, base);
}

}  // namespace

ExprPtr parse_embedded_expression(std::string_view text, std::uint32_t base, const SourceFile& file,
                                  Diagnostics& diagnostics) {
  const SourceFile piece(file.path(), std::string(text));
  Diagnostics local;
  const LexedFile lexed = lex(piece, local);
  ParserState state(piece, lexed, local);
  ExprPtr expr = local.has_errors() ? nullptr : parse_expression(state);
  if (expr && !state.at_end()) {
    state.fail_expected("the end of the placeholder");
    expr = nullptr;
  }
  for (Diagnostic d : local.all()) {
    d.file = &file;
    shift(d.span, base);
    diagnostics.add(std::move(d));
  }
  if (expr) shift(*expr, base);
  return expr;
}

}  // namespace cepheus::dsl
