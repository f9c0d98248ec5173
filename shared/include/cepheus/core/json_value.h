// JsonValue: a parsed JSON document, for configuration, control messages and
// plans (events use the faster schema-driven decoder in event_json.h).
//
// Parsing is strict (RFC 8259) and bounded in depth; errors say where and why.
// Numbers keep their text, so integers up to 64 bits read back exactly.
// Objects keep their members in document order; a key given twice is an error.
// Immutable after parsing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cepheus/core/result.h"

namespace cepheus {

class JsonValue {
 public:
  enum class Kind : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  using Member = std::pair<std::string, JsonValue>;

  static Result<JsonValue> parse(std::string_view text, int max_depth = 64);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }

  bool as_bool() const { return bool_; }
  // The number as an int64 when it is a whole number in range.
  std::optional<std::int64_t> as_int() const;
  std::optional<double> as_double() const;
  // For strings: the decoded text. For numbers: the number as written.
  const std::string& text() const { return text_; }
  const std::vector<JsonValue>& items() const { return items_; }
  const std::vector<Member>& members() const { return members_; }
  // The member called `key` of an object, or nullptr.
  const JsonValue* find(std::string_view key) const;

  // "an object", "a string", ... for messages.
  std::string_view kind_phrase() const;
  // Compact JSON text of the value: members in document order, numbers as written.
  std::string to_text() const;
  void append_text(std::string& out) const;

 private:
  friend class JsonValueParser;
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  std::string text_;
  std::vector<JsonValue> items_;
  std::vector<Member> members_;
};

}  // namespace cepheus
