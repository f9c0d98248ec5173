#include "cepheus/core/json_cursor.h"

#include "cepheus/core/utf8.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace cepheus {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// How a found character reads in a message: 'x', or "byte 0xC3" for non-ASCII.
std::string describe_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7F) return std::string("'") + c + "'";
  static const char kHex[] = "0123456789ABCDEF";
  return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 0xF];
}

// Moves past bytes that need no attention inside a string (printable ASCII other
// than '"' and '\\'), eight at a time: most keys and values are such runs.
std::size_t skip_plain_ascii(std::string_view text, std::size_t pos) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  while (pos + 8 <= text.size()) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + pos, 8);
    const std::uint64_t quote = word ^ (kOnes * '"');
    const std::uint64_t backslash = word ^ (kOnes * '\\');
    // A byte is zero in x exactly when (x - 1) sets its high bit and x had none.
    const std::uint64_t special =
        ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | ((word - kOnes * 0x20) & ~word) | word;
    if ((special & kHighs) != 0) break;
    pos += 8;
  }
  return pos;
}

}  // namespace

std::string_view json_kind_phrase(JsonKind kind) {
  switch (kind) {
    case JsonKind::kObject: return "an object";
    case JsonKind::kArray: return "an array";
    case JsonKind::kString: return "a string";
    case JsonKind::kNumber: return "a number";
    case JsonKind::kTrue:
    case JsonKind::kFalse: return "a boolean";
    case JsonKind::kNull: return "null";
    case JsonKind::kEnd: return "the end of the text";
    case JsonKind::kInvalid: return "an invalid token";
  }
  return "?";
}

void JsonCursor::skip_whitespace() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
    ++pos_;
  }
}

JsonKind JsonCursor::peek() {
  skip_whitespace();
  if (pos_ >= text_.size()) return JsonKind::kEnd;
  switch (text_[pos_]) {
    case '{': return JsonKind::kObject;
    case '[': return JsonKind::kArray;
    case '"': return JsonKind::kString;
    case 't': return JsonKind::kTrue;
    case 'f': return JsonKind::kFalse;
    case 'n': return JsonKind::kNull;
    case '-': return JsonKind::kNumber;
    default: return is_digit(text_[pos_]) ? JsonKind::kNumber : JsonKind::kInvalid;
  }
}

bool JsonCursor::consume(char c) {
  skip_whitespace();
  if (pos_ < text_.size() && text_[pos_] == c) {
    ++pos_;
    return true;
  }
  return false;
}

bool JsonCursor::at_end() {
  skip_whitespace();
  return pos_ >= text_.size();
}

bool JsonCursor::fail_at(std::size_t offset, std::string message) {
  if (!failed_) {
    failed_ = true;
    error_offset_ = offset;
    error_message_ = std::move(message);
  }
  return false;
}

Status JsonCursor::status() const {
  if (!failed_) return {};
  const std::size_t end = std::min(error_offset_, text_.size());
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < end; ++i) {
    if (text_[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
      ++column;  // count characters, not the continuation bytes of UTF-8
    }
  }
  const bool one_line = text_.find('\n') == std::string_view::npos;
  std::string where = one_line ? "column " + std::to_string(column)
                               : "line " + std::to_string(line) + ", column " + std::to_string(column);
  return invalid_argument(where + ": " + error_message_);
}

// Checks the multi-byte UTF-8 character at pos_ (a byte >= 0x80) and moves past it.
bool JsonCursor::check_utf8_sequence() {
  const char* reason = nullptr;
  const std::size_t length = utf8_char_length(text_, pos_, reason);
  if (length == 0) return fail(std::string("invalid UTF-8: ") + reason);
  pos_ += length;
  return true;
}

bool JsonCursor::read_escape(std::string& out) {
  // pos_ is at the backslash.
  const std::size_t start = pos_;
  if (pos_ + 1 >= text_.size()) return fail("the text ends inside an escape sequence");
  const char kind = text_[pos_ + 1];
  pos_ += 2;
  switch (kind) {
    case '"': out += '"'; return true;
    case '\\': out += '\\'; return true;
    case '/': out += '/'; return true;
    case 'b': out += '\b'; return true;
    case 'f': out += '\f'; return true;
    case 'n': out += '\n'; return true;
    case 'r': out += '\r'; return true;
    case 't': out += '\t'; return true;
    case 'u': break;
    default:
      return fail_at(
          start, "unknown escape '\\" + std::string(1, kind) + "'; use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
  }
  auto read_hex4 = [&](std::uint32_t& value) {
    if (pos_ + 4 > text_.size()) return fail_at(start, "\\u needs four hex digits");
    value = 0;
    for (int k = 0; k < 4; ++k) {
      const int digit = hex_value(text_[pos_ + static_cast<std::size_t>(k)]);
      if (digit < 0) return fail_at(start, "\\u needs four hex digits");
      value = value * 16 + static_cast<std::uint32_t>(digit);
    }
    pos_ += 4;
    return true;
  };
  std::uint32_t code_point = 0;
  if (!read_hex4(code_point)) return false;
  if (code_point >= 0xDC00 && code_point <= 0xDFFF) return fail_at(start, "lone low surrogate in \\u escape");
  if (code_point >= 0xD800 && code_point <= 0xDBFF) {
    std::uint32_t low = 0;
    if (pos_ + 1 >= text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') {
      return fail_at(start, "high surrogate in \\u escape without its low half");
    }
    pos_ += 2;
    if (!read_hex4(low)) return false;
    if (low < 0xDC00 || low > 0xDFFF) return fail_at(start, "high surrogate in \\u escape without its low half");
    code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
  }
  append_utf8(out, code_point);
  return true;
}

bool JsonCursor::read_string(std::string_view& out) {
  skip_whitespace();
  if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a string");
  const std::size_t open = pos_++;
  const std::size_t start = pos_;
  // Fast path: no escapes, so the result is a view of the input.
  pos_ = skip_plain_ascii(text_, pos_);
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == '"') {
      out = text_.substr(start, pos_ - start);
      ++pos_;
      return true;
    }
    if (c == '\\') break;
    if (static_cast<unsigned char>(c) < 0x20)
      return fail("control character " + describe_char(c) + " in a string; escape it");
    if (static_cast<unsigned char>(c) >= 0x80) {
      if (!check_utf8_sequence()) return false;
    } else {
      ++pos_;
    }
  }
  scratch_.assign(text_.substr(start, pos_ - start));
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      out = scratch_;
      return true;
    }
    if (c == '\\') {
      if (!read_escape(scratch_)) return false;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      return fail("control character " + describe_char(c) + " in a string; escape it");
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      const std::size_t from = pos_;
      if (!check_utf8_sequence()) return false;
      scratch_.append(text_.substr(from, pos_ - from));
    } else {
      scratch_ += c;
      ++pos_;
    }
  }
  return fail_at(open, "string is not closed with '\"'");
}

bool JsonCursor::read_number(std::string_view& out, bool& is_integer) {
  skip_whitespace();
  const std::size_t start = pos_;
  auto digits = [&] {
    const std::size_t from = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    return pos_ - from;
  };
  if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
  if (pos_ >= text_.size() || !is_digit(text_[pos_])) return fail_at(start, "expected a number");
  if (text_[pos_] == '0' && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1])) {
    return fail_at(start, "numbers may not have leading zeros");
  }
  digits();
  is_integer = true;
  if (pos_ < text_.size() && text_[pos_] == '.') {
    ++pos_;
    is_integer = false;
    if (digits() == 0) return fail("expected digits after '.'");
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    ++pos_;
    is_integer = false;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    if (digits() == 0) return fail("expected digits in the exponent");
  }
  out = text_.substr(start, pos_ - start);
  return true;
}

bool JsonCursor::read_literal(JsonKind& out) {
  skip_whitespace();
  const std::string_view rest = text_.substr(pos_);
  if (rest.starts_with("true")) {
    out = JsonKind::kTrue;
    pos_ += 4;
  } else if (rest.starts_with("false")) {
    out = JsonKind::kFalse;
    pos_ += 5;
  } else if (rest.starts_with("null")) {
    out = JsonKind::kNull;
    pos_ += 4;
  } else {
    return fail(pos_ < text_.size() ? "unexpected " + describe_char(text_[pos_]) : "unexpected end of text");
  }
  // "nullx" or "true1" are not literals.
  if (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
    return fail("unexpected " + describe_char(text_[pos_]) + " after a literal");
  }
  return true;
}

bool JsonCursor::skip_value(int depth) {
  if (depth >= max_depth_) return fail("nesting is deeper than " + std::to_string(max_depth_) + " levels");
  std::string_view ignored;
  bool is_integer = false;
  JsonKind literal;
  switch (peek()) {
    case JsonKind::kString: return read_string(ignored);
    case JsonKind::kNumber: return read_number(ignored, is_integer);
    case JsonKind::kTrue:
    case JsonKind::kFalse:
    case JsonKind::kNull: return read_literal(literal);
    case JsonKind::kEnd: return fail("unexpected end of text; expected a value");
    case JsonKind::kInvalid: return fail("unexpected " + describe_char(text_[pos_]) + "; expected a value");
    case JsonKind::kObject: {
      ++pos_;
      if (consume('}')) return true;
      do {
        if (peek() != JsonKind::kString) return fail("expected a quoted key");
        if (!read_string(ignored)) return false;
        if (!consume(':')) return fail("expected ':' after the key");
        if (!skip_value(depth + 1)) return false;
      } while (consume(','));
      return consume('}') || fail("expected ',' or '}' in an object");
    }
    case JsonKind::kArray: {
      ++pos_;
      if (consume(']')) return true;
      do {
        if (!skip_value(depth + 1)) return false;
      } while (consume(','));
      return consume(']') || fail("expected ',' or ']' in an array");
    }
  }
  return false;
}

}  // namespace cepheus
