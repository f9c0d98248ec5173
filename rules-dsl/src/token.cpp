#include "cepheus/dsl/token.h"

namespace cepheus::dsl {

std::string_view token_kind_phrase(TokenKind kind) {
  switch (kind) {
    case TokenKind::kName: return "a name";
    case TokenKind::kQuotedName: return "a quoted name";
    case TokenKind::kInteger: return "an integer";
    case TokenKind::kDecimal: return "a number";
    case TokenKind::kDuration: return "a duration";
    case TokenKind::kString: return "a string";
    case TokenKind::kLeftBrace: return "'{'";
    case TokenKind::kRightBrace: return "'}'";
    case TokenKind::kLeftParen: return "'('";
    case TokenKind::kRightParen: return "')'";
    case TokenKind::kComma: return "','";
    case TokenKind::kColon: return "':'";
    case TokenKind::kDot: return "'.'";
    case TokenKind::kAssign: return "'='";
    case TokenKind::kEqual: return "'=='";
    case TokenKind::kNotEqual: return "'!='";
    case TokenKind::kLess: return "'<'";
    case TokenKind::kLessEqual: return "'<='";
    case TokenKind::kGreater: return "'>'";
    case TokenKind::kGreaterEqual: return "'>='";
    case TokenKind::kPlus: return "'+'";
    case TokenKind::kMinus: return "'-'";
    case TokenKind::kStar: return "'*'";
    case TokenKind::kSlash: return "'/'";
    case TokenKind::kPercent: return "'%'";
    case TokenKind::kQuestion: return "'?'";
    case TokenKind::kEnd: return "the end of the file";
  }
  return "a token";
}

}  // namespace cepheus::dsl
