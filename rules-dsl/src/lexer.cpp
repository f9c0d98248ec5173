#include "cepheus/dsl/lexer.h"

#include "cepheus/core/time.h"
#include "cepheus/core/utf8.h"

namespace cepheus::dsl {
namespace {

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

class Lexer {
 public:
  Lexer(const SourceFile& file, Diagnostics& diagnostics)
      : file_(file), text_(file.text()), diagnostics_(diagnostics) {}

  LexedFile run() {
    LexedFile out;
    if (text_.size() > kMaxFileBytes) {
      diagnostics_.error(file_, {0, 0},
                         "the file is " + std::to_string(text_.size()) + " bytes; rule files may be at most " +
                             std::to_string(kMaxFileBytes) + " bytes",
                         "split the rules over several files of the project");
      out.tokens.push_back({TokenKind::kEnd, {0, 0}, {}, true});
      return out;
    }
    const char* reason = nullptr;
    if (const std::size_t bad = find_invalid_utf8(text_, reason); bad != std::string_view::npos) {
      diagnostics_.error(file_, at(bad, bad + 1), std::string("the file is not valid UTF-8: ") + reason,
                         "save the file as UTF-8");
      out.tokens.push_back({TokenKind::kEnd, {0, 0}, {}, true});
      return out;
    }
    while (true) {
      skip_space_and_comments(out.comments);
      if (pos_ >= text_.size()) break;
      next_token(out.tokens);
    }
    out.tokens.push_back({TokenKind::kEnd, at(text_.size(), text_.size()), {}, true});
    return out;
  }

 private:
  Span at(std::size_t begin, std::size_t end) const {
    return {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
  }

  void skip_space_and_comments(std::vector<Comment>& comments) {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\n') {
        line_has_token_ = false;
        ++pos_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (c == '-' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '-') {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
        std::size_t end = pos_;
        if (end > start && text_[end - 1] == '\r') --end;
        comments.push_back({at(start, end), text_.substr(start, end - start), !line_has_token_});
      } else {
        return;
      }
    }
  }

  void push(std::vector<Token>& tokens, TokenKind kind, std::size_t start, std::string_view text) {
    tokens.push_back({kind, at(start, pos_), text, !line_has_token_});
    line_has_token_ = true;
  }

  void next_token(std::vector<Token>& tokens) {
    const std::size_t start = pos_;
    const char c = text_[pos_];
    if (is_letter(c)) {
      while (pos_ < text_.size() && (is_letter(text_[pos_]) || is_digit(text_[pos_]))) ++pos_;
      check_name_length(start, pos_ - start);
      push(tokens, TokenKind::kName, start, text_.substr(start, pos_ - start));
      return;
    }
    if (is_digit(c)) return number(tokens, start);
    if (c == '"') return string(tokens, start);
    if (c == '\'') return single_quoted(tokens, start);
    if (c == '`') return quoted_name(tokens, start);
    ++pos_;
    auto two = [&](char second, TokenKind if_two, TokenKind if_one) {
      if (pos_ < text_.size() && text_[pos_] == second) {
        ++pos_;
        return push(tokens, if_two, start, text_.substr(start, 2));
      }
      push(tokens, if_one, start, text_.substr(start, 1));
    };
    switch (c) {
      case '{': return push(tokens, TokenKind::kLeftBrace, start, "{");
      case '}': return push(tokens, TokenKind::kRightBrace, start, "}");
      case '(': return push(tokens, TokenKind::kLeftParen, start, "(");
      case ')': return push(tokens, TokenKind::kRightParen, start, ")");
      case ',': return push(tokens, TokenKind::kComma, start, ",");
      case ':': return push(tokens, TokenKind::kColon, start, ":");
      case '.': return push(tokens, TokenKind::kDot, start, ".");
      case '+': return push(tokens, TokenKind::kPlus, start, "+");
      case '-': return push(tokens, TokenKind::kMinus, start, "-");
      case '*': return push(tokens, TokenKind::kStar, start, "*");
      case '/': return push(tokens, TokenKind::kSlash, start, "/");
      case '%': return push(tokens, TokenKind::kPercent, start, "%");
      case '?': return push(tokens, TokenKind::kQuestion, start, "?");
      case '=': return two('=', TokenKind::kEqual, TokenKind::kAssign);
      case '<': return two('=', TokenKind::kLessEqual, TokenKind::kLess);
      case '>': return two('=', TokenKind::kGreaterEqual, TokenKind::kGreater);
      case '!':
        if (pos_ < text_.size() && text_[pos_] == '=') {
          ++pos_;
          return push(tokens, TokenKind::kNotEqual, start, "!=");
        }
        diagnostics_.error(file_, at(start, pos_), "unexpected '!'", "write 'not' for negation, '!=' for 'not equal'");
        return;
      default: break;
    }
    // Step over the whole UTF-8 character so that the message shows it whole.
    const char* reason = nullptr;
    const std::size_t length = utf8_char_length(text_, start, reason);
    pos_ = start + (length == 0 ? 1 : length);
    diagnostics_.error(file_, at(start, pos_),
                       "unexpected character '" + std::string(text_.substr(start, pos_ - start)) + "'");
  }

  void check_name_length(std::size_t start, std::size_t length) {
    if (length > kMaxNameLength) {
      diagnostics_.error(file_, at(start, start + length),
                         "this name is " + std::to_string(length) + " characters long; names may have at most " +
                             std::to_string(kMaxNameLength));
    }
  }

  void number(std::vector<Token>& tokens, std::size_t start) {
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    bool decimal = false;
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' && is_digit(text_[pos_ + 1])) {
      decimal = true;
      ++pos_;
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    // An exponent: e or E, then digits, with an optional sign.
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      std::size_t look = pos_ + 1;
      if (look < text_.size() && (text_[look] == '+' || text_[look] == '-')) ++look;
      if (look < text_.size() && is_digit(text_[look])) {
        pos_ = look;
        while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
        decimal = true;
      }
    }
    if (!decimal && pos_ < text_.size() && is_letter(text_[pos_])) {
      // A duration such as 5m or 1h30m: digits and letters run together.
      while (pos_ < text_.size() && (is_letter(text_[pos_]) || is_digit(text_[pos_]))) ++pos_;
      const std::string_view text = text_.substr(start, pos_ - start);
      if (auto duration = parse_duration(text); !duration.ok()) {
        diagnostics_.error(file_, at(start, pos_), "bad duration '" + std::string(text) + "'",
                           "write a number and a unit (ns, us, ms, s, m, h, d), e.g. 250ms, 5m, 1h30m");
      }
      return push(tokens, TokenKind::kDuration, start, text);
    }
    if (pos_ < text_.size() && is_letter(text_[pos_])) {
      const std::size_t bad = pos_;
      while (pos_ < text_.size() && (is_letter(text_[pos_]) || is_digit(text_[pos_]))) ++pos_;
      diagnostics_.error(file_, at(start, pos_), "a number cannot run into a name",
                         "put a space or an operator between them");
      (void)bad;
    }
    push(tokens, decimal ? TokenKind::kDecimal : TokenKind::kInteger, start, text_.substr(start, pos_ - start));
  }

  void string(std::vector<Token>& tokens, std::size_t start) {
    ++pos_;  // opening quote
    while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\n') {
      if (text_[pos_] == '\\') {
        if (pos_ + 1 >= text_.size() || text_[pos_ + 1] == '\n') break;
        const char escaped = text_[pos_ + 1];
        if (escaped != '"' && escaped != '\\' && escaped != 'n' && escaped != 't' && escaped != '{' && escaped != '}') {
          diagnostics_.error(file_, at(pos_, pos_ + 2), "unknown escape '\\" + std::string(1, escaped) + "'",
                             "use \\\" \\\\ \\n \\t \\{ or \\}");
        }
        pos_ += 2;
        continue;
      }
      ++pos_;
    }
    if (pos_ >= text_.size() || text_[pos_] != '"') {
      diagnostics_.error(file_, at(start, start + 1), "this string is not closed on its line",
                         "end it with '\"'; a line break inside a string is written \\n");
      push(tokens, TokenKind::kString, start, text_.substr(start, pos_ - start));
      return;
    }
    ++pos_;
    push(tokens, TokenKind::kString, start, text_.substr(start, pos_ - start));
  }

  // 'text' is a common slip from SQL: one error for the whole literal, which is
  // then read as the string it was meant to be.
  void single_quoted(std::vector<Token>& tokens, std::size_t start) {
    const std::size_t close = text_.find_first_of("'\n", start + 1);
    if (close == std::string_view::npos || text_[close] != '\'') {
      ++pos_;
      diagnostics_.error(file_, at(start, pos_), "unexpected character '''",
                         "strings are written in double quotes: \"text\"");
      return;
    }
    pos_ = close + 1;
    diagnostics_.error(
        file_, at(start, pos_), "unexpected character '''",
        "strings are written in double quotes: \"" + std::string(text_.substr(start + 1, close - start - 1)) + "\"");
    push(tokens, TokenKind::kString, start, text_.substr(start, pos_ - start));
  }

  void quoted_name(std::vector<Token>& tokens, std::size_t start) {
    ++pos_;
    const std::size_t name_start = pos_;
    while (pos_ < text_.size() && text_[pos_] != '`' && text_[pos_] != '\n') ++pos_;
    if (pos_ >= text_.size() || text_[pos_] != '`') {
      diagnostics_.error(file_, at(start, start + 1), "this quoted name is not closed with '`'");
      push(tokens, TokenKind::kQuotedName, start, text_.substr(name_start, pos_ - name_start));
      return;
    }
    const std::string_view name = text_.substr(name_start, pos_ - name_start);
    ++pos_;
    if (name.empty()) diagnostics_.error(file_, at(start, pos_), "a quoted name cannot be empty");
    check_name_length(start, name.size());
    push(tokens, TokenKind::kQuotedName, start, name);
  }

  const SourceFile& file_;
  std::string_view text_;
  Diagnostics& diagnostics_;
  std::size_t pos_ = 0;
  bool line_has_token_ = false;
};

}  // namespace

LexedFile lex(const SourceFile& file, Diagnostics& diagnostics) {
  return Lexer(file, diagnostics).run();
}

}  // namespace cepheus::dsl
