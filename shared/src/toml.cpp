#include "cepheus/core/toml.h"

#include <charconv>
#include <limits>
#include <optional>

#include "cepheus/core/utf8.h"

namespace cepheus {
namespace {

// Bounds the recursion of nested arrays and the length of a dotted key.
constexpr int kMaxDepth = 64;

bool is_bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The characters a number, boolean, inf/nan or date can be made of.
bool is_token_char(char c) {
  return is_bare_key_char(c) || c == '+' || c == '.' || c == ':';
}

// TOML allows tab but no other control character outside line endings.
bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && c != '\t') || byte == 0x7F;
}

int digit_value(char c, int base) {
  int value = -1;
  if (c >= '0' && c <= '9') value = c - '0';
  if (c >= 'a' && c <= 'f') value = c - 'a' + 10;
  if (c >= 'A' && c <= 'F') value = c - 'A' + 10;
  return value < base ? value : -1;
}

std::string code_point_name(std::uint32_t code_point) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string digits;
  for (int shift = code_point > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4) digits += kHex[(code_point >> shift) & 0xF];
  return "U+" + digits;
}

// The full dotted name of `name` inside the table `parent` ("" for the root).
std::string join_key(std::string_view parent, std::string_view name) {
  std::string key(parent);
  if (!key.empty()) key += '.';
  return key + TomlDocument::quote_key(name);
}

// Whether `key` is bare parts joined by single dots, hence already in the form that
// entries() uses: find("mqtt.url") then needs no parsing.
bool is_plain_dotted_key(std::string_view key) {
  if (key.empty() || key.front() == '.' || key.back() == '.') return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (key[i] == '.' ? key[i + 1] == '.' : !is_bare_key_char(key[i])) return false;
  }
  return true;
}

// Reads digits of `base` from s[i] on, with single underscores between digits, and
// appends them to `digits`. False when an underscore is not between two digits.
bool read_digits(std::string_view s, std::size_t& i, int base, std::string& digits) {
  const std::size_t start = i;
  while (i < s.size()) {
    if (digit_value(s[i], base) >= 0) {
      digits += s[i++];
    } else if (s[i] == '_') {
      if (i == start || digit_value(s[i - 1], base) < 0 || i + 1 == s.size() || digit_value(s[i + 1], base) < 0) {
        return false;
      }
      ++i;
    } else {
      break;
    }
  }
  return true;
}

// `digits` in `base` as a non-negative number up to `limit`; nothing on overflow.
std::optional<std::uint64_t> digits_value(std::string_view digits, int base, std::uint64_t limit) {
  std::uint64_t value = 0;
  for (char c : digits) {
    const auto digit = static_cast<std::uint64_t>(digit_value(c, base));
    const auto wide_base = static_cast<std::uint64_t>(base);
    if (value > (limit - digit) / wide_base) return std::nullopt;
    value = value * wide_base + digit;
  }
  return value;
}

std::string out_of_range_message(std::string_view token) {
  return "integer '" + std::string(token) +
         "' is out of range; integers are 64-bit (-9223372036854775808 to 9223372036854775807)";
}

// Parses an integer or float written by TOML's grammar (no inf/nan, no date).
// Returns the reason when it is not one.
std::optional<std::string> parse_number(std::string_view token, TomlValue& out) {
  const auto invalid = [&](std::string_view why) {
    return "invalid number '" + std::string(token) + "': " + std::string(why);
  };
  constexpr std::string_view kUnderscore = "an underscore must be between two digits";
  constexpr auto kInt64Max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  const bool negative = token.front() == '-';
  const bool has_sign = negative || token.front() == '+';
  std::size_t i = has_sign ? 1 : 0;

  if (i + 1 < token.size() && token[i] == '0' && (token[i + 1] == 'x' || token[i + 1] == 'o' || token[i + 1] == 'b')) {
    if (has_sign) return invalid("hexadecimal, octal and binary integers take no sign");
    const int base = token[i + 1] == 'x' ? 16 : token[i + 1] == 'o' ? 8 : 2;
    const std::string prefix(token.substr(i, 2));
    i += 2;
    std::string digits;
    if (i == token.size() || digit_value(token[i], base) < 0) return invalid("expected a digit after '" + prefix + "'");
    if (!read_digits(token, i, base, digits)) return invalid(kUnderscore);
    if (i != token.size()) return invalid(std::string("unexpected '") + token[i] + "'");
    const auto value = digits_value(digits, base, kInt64Max);
    if (!value) return out_of_range_message(token);
    out.kind = TomlValue::Kind::kInteger;
    out.integer = static_cast<std::int64_t>(*value);
    return std::nullopt;
  }

  std::string whole;
  std::string fraction;
  std::string exponent;
  bool negative_exponent = false;
  if (i == token.size() || !is_digit(token[i]))
    return invalid(has_sign ? "expected a digit after the sign" : "expected a digit");
  if (!read_digits(token, i, 10, whole)) return invalid(kUnderscore);
  if (whole.size() > 1 && whole.front() == '0') return invalid("leading zeros are not allowed");
  bool is_float = false;
  if (i < token.size() && token[i] == '.') {
    is_float = true;
    if (++i == token.size() || !is_digit(token[i])) return invalid("expected a digit after '.'");
    if (!read_digits(token, i, 10, fraction)) return invalid(kUnderscore);
  }
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    is_float = true;
    if (++i < token.size() && (token[i] == '+' || token[i] == '-')) negative_exponent = token[i++] == '-';
    if (i == token.size() || !is_digit(token[i])) return invalid("expected a digit in the exponent");
    if (!read_digits(token, i, 10, exponent)) return invalid(kUnderscore);
  }
  if (i != token.size()) return invalid(std::string("unexpected '") + token[i] + "'");

  if (!is_float) {
    // The negative range reaches one further than the positive one.
    const auto value = digits_value(whole, 10, negative ? kInt64Max + 1 : kInt64Max);
    if (!value) return out_of_range_message(token);
    out.kind = TomlValue::Kind::kInteger;
    out.integer = static_cast<std::int64_t>(negative ? 0 - *value : *value);  // modular, as C++20 defines it
    return std::nullopt;
  }
  std::string plain = (negative ? "-" : "") + whole;
  if (!fraction.empty()) plain += "." + fraction;
  if (!exponent.empty()) plain += (negative_exponent ? "e-" : "e") + exponent;
  double value = 0;
  const auto [end, error] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (error != std::errc() || end != plain.data() + plain.size()) {
    return "float '" + std::string(token) + "' is out of the range of a 64-bit float";
  }
  out.kind = TomlValue::Kind::kFloat;
  out.number = value;
  return std::nullopt;
}

// Dates and times start like numbers; they are told apart by "1979-" or "07:".
bool looks_like_date_or_time(std::string_view token) {
  if (token.find(':') != std::string_view::npos) return true;
  return token.size() >= 5 && is_digit(token[0]) && is_digit(token[1]) && is_digit(token[2]) && is_digit(token[3]) &&
         token[4] == '-';
}

// TomlReader: the lexical layer. It knows where it is, reads keys and values, and
// records the first error with its offset.
class TomlReader {
 public:
  explicit TomlReader(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ >= text_.size(); }
  // The character `ahead` places on, or '\0' past the end (check at_end() where NUL matters).
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
  bool at_newline() const { return !at_end() && (text_[pos_] == '\n' || text_[pos_] == '\r'); }
  std::size_t offset() const { return pos_; }
  void advance() { ++pos_; }

  // The 1-based line of `offset`; cheap when offsets grow, as they do while parsing.
  int line_at(std::size_t offset);

  bool check_utf8();
  void skip_byte_order_mark();
  void skip_spaces();
  bool skip_comment();      // at '#': up to the line ending, which it leaves
  bool read_newline();      // at '\n' or '\r'
  bool skip_array_space();  // spaces, comments and line endings
  // Spaces, then an optional comment, then a line ending or the end of the text.
  bool read_end_of_line(std::string_view after);

  // A dotted key; `what` names it in messages ("a key", "a table name").
  bool read_key(std::vector<std::string>& parts, std::string_view what);
  bool read_value(TomlValue& out, int depth);

  // What is at `offset`, for messages: 'x', the end of the line, control character U+0007.
  std::string describe(std::size_t offset) const;

  // Record an error unless one is recorded already; return false.
  bool fail_at(std::size_t offset, std::string message);
  bool fail(std::string message) { return fail_at(pos_, std::move(message)); }
  // "line L, column C: <message>".
  Status status() const;

 private:
  bool read_simple_key(std::string& out, std::string_view what);
  bool read_basic_string(std::string& out);
  bool read_literal_string(std::string& out);
  bool read_multiline_string(std::string& out, char quote);
  bool skip_line_ending_backslash();
  bool read_escape(std::string& out);
  bool read_array(TomlValue& out, int depth);
  bool read_bare_value(TomlValue& out);

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_offset_ = 0;  // line_at's cache: text_ before line_offset_ has line_ - 1 line feeds
  int line_ = 1;
  bool failed_ = false;
  std::size_t error_offset_ = 0;
  std::string error_message_;
};

int TomlReader::line_at(std::size_t offset) {
  if (offset < line_offset_) {
    line_offset_ = 0;
    line_ = 1;
  }
  for (; line_offset_ < offset && line_offset_ < text_.size(); ++line_offset_) {
    if (text_[line_offset_] == '\n') ++line_;
  }
  return line_;
}

bool TomlReader::check_utf8() {
  const char* reason = nullptr;
  const std::size_t bad = find_invalid_utf8(text_, reason);
  return bad == std::string_view::npos || fail_at(bad, std::string("invalid UTF-8: ") + reason);
}

void TomlReader::skip_byte_order_mark() {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

void TomlReader::skip_spaces() {
  while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
}

bool TomlReader::skip_comment() {
  ++pos_;
  while (!at_end() && text_[pos_] != '\n') {
    if (text_[pos_] == '\r' && peek(1) == '\n') return true;
    if (is_control(text_[pos_])) return fail(describe(pos_) + " in a comment");
    ++pos_;
  }
  return true;
}

bool TomlReader::read_newline() {
  if (peek() == '\n') {
    ++pos_;
    return true;
  }
  if (peek() == '\r' && peek(1) == '\n') {
    pos_ += 2;
    return true;
  }
  return fail("a carriage return (U+000D) must be followed by a line feed");
}

bool TomlReader::skip_array_space() {
  while (true) {
    skip_spaces();
    if (at_end()) return true;
    if (peek() == '#') {
      if (!skip_comment()) return false;
    } else if (at_newline()) {
      if (!read_newline()) return false;
    } else {
      return true;
    }
  }
}

bool TomlReader::read_end_of_line(std::string_view after) {
  skip_spaces();
  if (!at_end() && peek() == '#' && !skip_comment()) return false;
  if (at_end()) return true;
  if (at_newline()) return read_newline();
  return fail("unexpected " + describe(pos_) + " after " + std::string(after));
}

bool TomlReader::read_key(std::vector<std::string>& parts, std::string_view what) {
  parts.clear();
  while (true) {
    if (parts.size() == kMaxDepth) return fail("a key may have at most " + std::to_string(kMaxDepth) + " parts");
    parts.emplace_back();
    if (!read_simple_key(parts.back(), what)) return false;
    skip_spaces();
    if (at_end() || peek() != '.') return true;
    ++pos_;
    skip_spaces();
  }
}

bool TomlReader::read_simple_key(std::string& out, std::string_view what) {
  const char c = peek();
  if (!at_end() && (c == '"' || c == '\'')) {
    if (peek(1) == c && peek(2) == c) return fail("a key cannot be a multi-line string");
    return c == '"' ? read_basic_string(out) : read_literal_string(out);
  }
  const std::size_t start = pos_;
  while (!at_end() && is_bare_key_char(text_[pos_])) ++pos_;
  if (!at_end() && static_cast<unsigned char>(text_[pos_]) >= 0x80) {
    return fail("a bare key may use only A-Z a-z 0-9 _ and -; put this key in quotes");
  }
  if (pos_ == start) return fail("expected " + std::string(what) + ", found " + describe(pos_));
  out.assign(text_.substr(start, pos_ - start));
  return true;
}

bool TomlReader::read_basic_string(std::string& out) {
  const std::size_t open = pos_++;
  out.clear();
  while (true) {
    if (at_end() || at_newline())
      return fail_at(open, "the string that starts here is not closed with '\"' on its line");
    const char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c == '\\') {
      if (!read_escape(out)) return false;
      continue;
    }
    if (is_control(c)) {
      return fail(describe(pos_) + " in a string; write it as an escape such as \\t or \\u0007");
    }
    out += c;
    ++pos_;
  }
}

bool TomlReader::read_literal_string(std::string& out) {
  const std::size_t open = pos_++;
  while (!at_end() && !at_newline() && text_[pos_] != '\'') {
    if (is_control(text_[pos_]))
      return fail(describe(pos_) + " in a literal string; use a \"...\" string with an escape");
    ++pos_;
  }
  if (at_end() || at_newline())
    return fail_at(open, "the string that starts here is not closed with \"'\" on its line");
  out.assign(text_.substr(open + 1, pos_ - open - 1));
  ++pos_;
  return true;
}

// `quote` is '"' for """basic""" strings (escapes apply) and '\'' for '''literal''' ones.
bool TomlReader::read_multiline_string(std::string& out, char quote) {
  const std::size_t open = pos_;
  pos_ += 3;
  out.clear();
  // A line ending right after the opening delimiter is not part of the text.
  if (peek() == '\n') {
    pos_ += 1;
  } else if (peek() == '\r' && peek(1) == '\n') {
    pos_ += 2;
  }
  while (true) {
    if (at_end()) {
      return fail_at(open, quote == '"' ? "the multi-line string that starts here is not closed with '\"\"\"'"
                                        : "the multi-line string that starts here is not closed with \"'''\"");
    }
    const char c = text_[pos_];
    if (c == quote) {
      std::size_t run = 1;
      while (run < 5 && peek(run) == quote) ++run;
      if (run < 3) {
        out.append(run, quote);
      } else {
        // One or two quotes right before the closing three belong to the text.
        out.append(run - 3, quote);
      }
      pos_ += run;
      if (run >= 3) return true;
    } else if (c == '\n') {
      out += '\n';
      ++pos_;
    } else if (c == '\r') {
      if (peek(1) != '\n') return fail("a carriage return (U+000D) must be followed by a line feed");
      out += '\n';
      pos_ += 2;
    } else if (c == '\\' && quote == '"') {
      if (!skip_line_ending_backslash() && !read_escape(out)) return false;
    } else if (is_control(c)) {
      return fail(describe(pos_) + (quote == '"' ? " in a string; write it as an escape such as \\t or \\u0007"
                                                 : " in a literal string; use a \"...\" string with an escape"));
    } else {
      out += c;
      ++pos_;
    }
  }
}

// In a """basic""" string, a backslash that ends a line joins it to the next: the
// backslash and all spaces and line endings after it are dropped. False (reading
// nothing) when the backslash does not end its line.
bool TomlReader::skip_line_ending_backslash() {
  std::size_t end = pos_ + 1;
  while (end < text_.size() && (text_[end] == ' ' || text_[end] == '\t')) ++end;
  const bool ends_line =
      end < text_.size() &&
      (text_[end] == '\n' || (text_[end] == '\r' && end + 1 < text_.size() && text_[end + 1] == '\n'));
  if (!ends_line) return false;
  pos_ = end;
  while (!at_end()) {
    const char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == '\n') {
      ++pos_;
    } else if (c == '\r' && peek(1) == '\n') {
      pos_ += 2;
    } else {
      break;
    }
  }
  return true;
}

bool TomlReader::read_escape(std::string& out) {
  const std::size_t at = pos_;  // the backslash
  const char c = peek(1);
  std::size_t hex_digits = 0;
  switch (pos_ + 1 < text_.size() ? c : '\0') {
    case 'b': out += '\b'; break;
    case 't': out += '\t'; break;
    case 'n': out += '\n'; break;
    case 'f': out += '\f'; break;
    case 'r': out += '\r'; break;
    case '"': out += '"'; break;
    case '\\': out += '\\'; break;
    case 'u': hex_digits = 4; break;
    case 'U': hex_digits = 8; break;
    default: {
      const auto byte = static_cast<unsigned char>(c);
      const bool printable = pos_ + 1 < text_.size() && byte > 0x20 && byte < 0x7F;
      const std::string what = printable ? std::string("'\\") + c + "'" : "'\\' followed by " + describe(pos_ + 1);
      return fail("invalid escape " + what + "; the escapes are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX");
    }
  }
  pos_ += 2;
  if (hex_digits == 0) return true;
  std::uint32_t code_point = 0;
  for (std::size_t k = 0; k < hex_digits; ++k) {
    const int digit = digit_value(peek(k), 16);  // peek gives '\0' past the end: not a digit
    if (digit < 0) {
      return fail_at(at, std::string(c == 'u' ? "\\u needs four" : "\\U needs eight") + " hexadecimal digits");
    }
    code_point = code_point * 16 + static_cast<std::uint32_t>(digit);
  }
  if ((code_point >= 0xD800 && code_point <= 0xDFFF) || code_point > 0x10FFFF) {
    const std::string escape(text_.substr(at, 2 + hex_digits));
    return fail_at(at,
                   "escape " + escape + " is not a Unicode character (surrogates and values above U+10FFFF are not)");
  }
  append_utf8(out, code_point);
  pos_ += hex_digits;
  return true;
}

bool TomlReader::read_value(TomlValue& out, int depth) {
  out.line = line_at(pos_);
  const char c = peek();
  if (at_end() || at_newline() || c == '#') return fail("expected a value, found " + describe(pos_));
  if (c == '"' || c == '\'') {
    out.kind = TomlValue::Kind::kString;
    if (peek(1) == c && peek(2) == c) return read_multiline_string(out.text, c);
    return c == '"' ? read_basic_string(out.text) : read_literal_string(out.text);
  }
  if (c == '[') return read_array(out, depth);
  if (c == '{') {
    return fail("inline tables ({...}) are not supported in Cepheus configuration files; use a [table] section");
  }
  return read_bare_value(out);
}

bool TomlReader::read_array(TomlValue& out, int depth) {
  if (depth >= kMaxDepth) return fail("arrays are nested more than " + std::to_string(kMaxDepth) + " levels deep");
  const std::size_t open = pos_++;
  out.kind = TomlValue::Kind::kArray;
  const auto unclosed = [&] { return fail_at(open, "the array that starts here is not closed with ']'"); };
  while (true) {
    if (!skip_array_space()) return false;
    if (at_end()) return unclosed();
    if (peek() == ']') break;
    out.items.emplace_back();
    if (!read_value(out.items.back(), depth + 1)) return false;
    if (!skip_array_space()) return false;
    if (at_end()) return unclosed();
    if (peek() == ']') break;
    if (peek() != ',') return fail("expected ',' or ']' after an array item, found " + describe(pos_));
    ++pos_;
  }
  ++pos_;
  return true;
}

// Numbers, booleans, inf and nan; dates and bare words are refused with a reason.
bool TomlReader::read_bare_value(TomlValue& out) {
  const std::size_t start = pos_;
  while (!at_end() && is_token_char(text_[pos_])) ++pos_;
  const std::string_view token = text_.substr(start, pos_ - start);
  if (token.empty()) return fail("expected a value, found " + describe(pos_));
  if (token == "true" || token == "false") {
    out.kind = TomlValue::Kind::kBool;
    out.flag = token == "true";
    return true;
  }
  const std::string_view magnitude = token.front() == '+' || token.front() == '-' ? token.substr(1) : token;
  if (magnitude == "inf" || magnitude == "nan") {
    out.kind = TomlValue::Kind::kFloat;
    out.number =
        magnitude == "inf" ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
    if (token.front() == '-') out.number = -out.number;
    return true;
  }
  if (is_letter(token.front())) {
    // Most likely a string without its quotes: show the whole word, up to a space.
    std::size_t end = start;
    while (end < text_.size() && text_[end] != ' ' && text_[end] != '\t' && text_[end] != '\n' && text_[end] != '\r' &&
           text_[end] != '#' && text_[end] != ',' && text_[end] != ']') {
      ++end;
    }
    return fail_at(
        start, "'" + std::string(text_.substr(start, end - start)) + "' is not a value; strings need quotes (\"...\")");
  }
  if (looks_like_date_or_time(token)) {
    return fail_at(start, "dates and times are not supported in Cepheus configuration files; write them as strings");
  }
  if (auto why = parse_number(token, out)) return fail_at(start, std::move(*why));
  return true;
}

std::string TomlReader::describe(std::size_t offset) const {
  if (offset >= text_.size()) return "the end of the file";
  const char c = text_[offset];
  if (c == '\n' || (c == '\r' && offset + 1 < text_.size() && text_[offset + 1] == '\n')) return "the end of the line";
  const auto byte = static_cast<unsigned char>(c);
  if (is_control(c) || c == '\r') return "control character " + code_point_name(byte);
  if (c == '\'') return "\"'\"";
  if (byte < 0x80) return std::string("'") + c + "'";
  const char* reason = nullptr;
  const std::size_t length = utf8_char_length(text_, offset, reason);
  return "'" + std::string(text_.substr(offset, length == 0 ? 1 : length)) + "'";
}

bool TomlReader::fail_at(std::size_t offset, std::string message) {
  if (!failed_) {
    failed_ = true;
    error_offset_ = offset;
    error_message_ = std::move(message);
  }
  return false;
}

Status TomlReader::status() const {
  if (!failed_) return {};
  std::size_t line = 1;
  std::size_t column = 1;
  // A byte order mark is not a column.
  const std::size_t start = text_.starts_with("\xEF\xBB\xBF") && error_offset_ >= 3 ? 3 : 0;
  for (std::size_t i = start; i < error_offset_ && i < text_.size(); ++i) {
    if (text_[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
      ++column;  // count characters, not the continuation bytes of UTF-8
    }
  }
  return invalid_argument("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                          error_message_);
}

// The form entries() uses for a dotted key as a caller wrote it ("a . 'b'" -> "a.b"),
// or nothing when it is not a key.
std::optional<std::string> canonical_key(std::string_view dotted_key) {
  TomlReader reader(dotted_key);
  std::vector<std::string> parts;
  reader.skip_spaces();
  if (!reader.read_key(parts, "a key") || !reader.at_end()) return std::nullopt;
  std::string key;
  for (const std::string& part : parts) key = join_key(key, part);
  return key;
}

}  // namespace

// TomlParser: the statements of a document (headers and key/value lines) and the
// rules that tie keys to tables.
class TomlParser {
 public:
  TomlParser(std::string_view text, TomlDocument& doc) : reader_(text), doc_(doc) {}

  Status run() {
    doc_.nodes_.emplace("", TomlDocument::Node{});
    if (!reader_.check_utf8()) return reader_.status();
    reader_.skip_byte_order_mark();
    while (true) {
      reader_.skip_spaces();
      if (reader_.at_end()) return {};
      const char c = reader_.peek();
      bool ok = false;
      if (c == '#') {
        ok = reader_.skip_comment();
      } else if (reader_.at_newline()) {
        ok = reader_.read_newline();
      } else if (c == '[') {
        ok = read_header() && reader_.read_end_of_line("the table header");
      } else {
        ok = read_key_value() && reader_.read_end_of_line("the value");
      }
      if (!ok) return reader_.status();
    }
  }

 private:
  using Node = TomlDocument::Node;
  using Origin = Node::Origin;

  // [a.b.c]: a and b may exist already as tables of any kind; c may only have been
  // implied by an earlier header such as [a.b.c.d].
  bool read_header() {
    const std::size_t open = reader_.offset();
    const int line = reader_.line_at(open);
    if (reader_.peek(1) == '[') {
      return reader_.fail("arrays of tables ([[...]]) are not supported in Cepheus configuration files");
    }
    reader_.advance();
    reader_.skip_spaces();
    if (!reader_.read_key(parts_, "a table name")) return false;
    if (reader_.at_end() || reader_.peek() != ']') {
      return reader_.fail("expected ']' after the table name, found " + reader_.describe(reader_.offset()));
    }
    reader_.advance();
    std::string path;
    for (std::size_t i = 0; i < parts_.size(); ++i) {
      const std::string parent = path;
      path = join_key(parent, parts_[i]);
      const bool last = i + 1 == parts_.size();
      auto found = doc_.nodes_.find(path);
      if (found == doc_.nodes_.end()) {
        add_table(parent, path, parts_[i], last ? Origin::kHeaderTable : Origin::kImpliedTable, line);
        continue;
      }
      Node& node = found->second;
      if (node.origin == Origin::kValue) return reader_.fail_at(open, value_not_table(path, node.line));
      if (!last) continue;
      if (node.origin == Origin::kHeaderTable) {
        return reader_.fail_at(open, "table '" + path + "' is already defined on line " + std::to_string(node.line));
      }
      if (node.origin == Origin::kDottedTable) {
        return reader_.fail_at(
            open, "table '" + path + "' is already defined by dotted keys on line " + std::to_string(node.line));
      }
      node.origin = Origin::kHeaderTable;
      node.line = line;
    }
    table_ = path;
    return true;
  }

  // a.b.c = value: a and b are tables under the current one, made here or by earlier
  // dotted keys, never by a header of their own; c must be new.
  bool read_key_value() {
    const std::size_t key_at = reader_.offset();
    const int line = reader_.line_at(key_at);
    if (!reader_.read_key(parts_, "a key")) return false;
    if (reader_.at_end() || reader_.peek() != '=') {
      std::string written;
      for (const std::string& part : parts_) written = join_key(written, part);
      return reader_.fail("expected '=' after the key '" + written + "', found " + reader_.describe(reader_.offset()));
    }
    std::string path = table_;
    for (std::size_t i = 0; i + 1 < parts_.size(); ++i) {
      const std::string parent = path;
      path = join_key(parent, parts_[i]);
      auto found = doc_.nodes_.find(path);
      if (found == doc_.nodes_.end()) {
        add_table(parent, path, parts_[i], Origin::kDottedTable, line);
        continue;
      }
      Node& node = found->second;
      switch (node.origin) {
        case Origin::kValue: return reader_.fail_at(key_at, value_not_table(path, node.line));
        case Origin::kHeaderTable:
          return reader_.fail_at(key_at, "table '" + path + "' has its own header on line " +
                                             std::to_string(node.line) + "; add keys to it under that header");
        case Origin::kImpliedTable:
          node.origin = Origin::kDottedTable;
          node.line = line;
          break;
        case Origin::kDottedTable: break;
      }
    }
    path = join_key(path, parts_.back());
    if (auto found = doc_.nodes_.find(path); found != doc_.nodes_.end()) {
      const std::string on_line = std::to_string(found->second.line);
      if (found->second.origin == Origin::kValue) {
        return reader_.fail_at(key_at, "key '" + path + "' is already defined on line " + on_line);
      }
      return reader_.fail_at(key_at,
                             "key '" + path + "' is already a table (line " + on_line + "); it cannot also be a value");
    }
    reader_.advance();  // '='
    reader_.skip_spaces();
    TomlValue value;
    if (!reader_.read_value(value, 0)) return false;
    doc_.nodes_.emplace(path, Node{.origin = Origin::kValue, .line = line, .entry = doc_.entries_.size()});
    doc_.entries_.emplace_back(std::move(path), std::move(value));
    return true;
  }

  void add_table(const std::string& parent, const std::string& path, const std::string& name, Origin origin, int line) {
    doc_.nodes_.emplace(path, Node{.origin = origin, .line = line});
    doc_.nodes_.find(parent)->second.tables.push_back(name);
  }

  static std::string value_not_table(const std::string& path, int line) {
    return "key '" + path + "' is already a value (line " + std::to_string(line) + "); it cannot also be a table";
  }

  TomlReader reader_;
  TomlDocument& doc_;
  std::string table_;               // the current [table]; "" for the root
  std::vector<std::string> parts_;  // the key being read
};

Result<TomlDocument> TomlDocument::parse(std::string_view text) {
  TomlDocument doc;
  Status status = TomlParser(text, doc).run();
  if (!status.ok()) return status;
  return doc;
}

const TomlDocument::Node* TomlDocument::node(std::string_view dotted_key) const {
  auto found = nodes_.end();
  if (is_plain_dotted_key(dotted_key)) {
    found = nodes_.find(dotted_key);
  } else if (auto canonical = canonical_key(dotted_key)) {
    found = nodes_.find(*canonical);
  }
  return found == nodes_.end() ? nullptr : &found->second;
}

const TomlValue* TomlDocument::find(std::string_view dotted_key) const {
  const Node* found = node(dotted_key);
  return found && found->origin == Node::Origin::kValue ? &entries_[found->entry].second : nullptr;
}

std::vector<std::string> TomlDocument::tables_under(std::string_view prefix) const {
  const Node* found = prefix.empty() ? &nodes_.at("") : node(prefix);
  if (!found || found->origin == Node::Origin::kValue) return {};
  return found->tables;
}

bool TomlDocument::has_table(std::string_view dotted_name) const {
  const Node* found = node(dotted_name);
  return found && found->origin != Node::Origin::kValue;
}

std::string TomlDocument::quote_key(std::string_view name) {
  bool bare = !name.empty();
  for (char c : name) bare = bare && is_bare_key_char(c);
  if (bare) return std::string(name);
  std::string quoted = "\"";
  for (char c : name) {
    switch (c) {
      case '"': quoted += "\\\""; break;
      case '\\': quoted += "\\\\"; break;
      case '\b': quoted += "\\b"; break;
      case '\t': quoted += "\\t"; break;
      case '\n': quoted += "\\n"; break;
      case '\f': quoted += "\\f"; break;
      case '\r': quoted += "\\r"; break;
      default:
        if (is_control(c)) {
          quoted += "\\u" + code_point_name(static_cast<unsigned char>(c)).substr(2);
        } else {
          quoted += c;
        }
    }
  }
  return quoted + "\"";
}

std::string_view TomlValue::kind_phrase() const {
  switch (kind) {
    case Kind::kString: return "a string";
    case Kind::kInteger: return "an integer";
    case Kind::kFloat: return "a float";
    case Kind::kBool: return "a boolean";
    case Kind::kArray: return "an array";
  }
  return "a value";
}

}  // namespace cepheus
