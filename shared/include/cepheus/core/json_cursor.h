// JsonCursor: a strict, allocation-free reader of JSON text (RFC 8259), one token
// at a time, that knows where it is.
//
// It is the low layer under every JSON decoder of Cepheus (events, control
// messages, project files). It validates as it goes: string escapes, UTF-8,
// control characters, the number grammar and nesting depth. The first error
// stops it; status() then says where (line and column, counted in characters)
// and why. Not thread-safe; one cursor per document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cepheus/core/status.h"

namespace cepheus {

enum class JsonKind : std::uint8_t { kObject, kArray, kString, kNumber, kTrue, kFalse, kNull, kEnd, kInvalid };

// "an object", "a string", ... for messages.
std::string_view json_kind_phrase(JsonKind kind);

class JsonCursor {
 public:
  static constexpr int kDefaultMaxDepth = 64;

  explicit JsonCursor(std::string_view text, int max_depth = kDefaultMaxDepth) : text_(text), max_depth_(max_depth) {}

  // What the next token is, after skipping white space; does not consume it.
  JsonKind peek();
  // Consumes `c` (after white space) and returns true, or returns false and reads nothing.
  bool consume(char c);
  // Skips white space and tells whether all text is read.
  bool at_end();

  // Each reader below returns false on error (see status()); the cursor must be at
  // a token of the matching kind, otherwise that is the error.
  //
  // A string, unescaped. `out` stays valid until the next call on this cursor.
  bool read_string(std::string_view& out);
  // A number's text, checked against the JSON grammar; `is_integer` when it has
  // neither fraction nor exponent.
  bool read_number(std::string_view& out, bool& is_integer);
  // true, false or null.
  bool read_literal(JsonKind& out);
  // Any value, nested ones included, at nesting level `depth` (0 for a top-level value).
  bool skip_value(int depth);

  // Records an error at `offset` unless one is recorded already; returns false.
  bool fail_at(std::size_t offset, std::string message);
  bool fail(std::string message) { return fail_at(pos_, std::move(message)); }

  bool failed() const { return failed_; }
  // ok, or "line 2, column 17: <message>" ("column 17: ..." on a one-line text).
  Status status() const;
  std::size_t offset() const { return pos_; }
  int max_depth() const { return max_depth_; }

 private:
  void skip_whitespace();
  bool read_escape(std::string& out);
  bool check_utf8_sequence();

  std::string_view text_;
  std::size_t pos_ = 0;
  int max_depth_;
  bool failed_ = false;
  std::size_t error_offset_ = 0;
  std::string error_message_;
  std::string scratch_;  // unescaped strings
};

}  // namespace cepheus
