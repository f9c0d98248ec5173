#include "cepheus/core/json_value.h"

#include "cepheus/core/json_writer.h"

#include <charconv>
#include <cmath>
#include <set>

#include "cepheus/core/json_cursor.h"

namespace cepheus {

class JsonValueParser {
 public:
  JsonValueParser(std::string_view text, int max_depth) : cursor_(text, max_depth) {}

  Result<JsonValue> run() {
    JsonValue value;
    if (!read(value, 0)) return cursor_.status();
    if (!cursor_.at_end()) {
      cursor_.fail("unexpected text after the JSON value");
      return cursor_.status();
    }
    return value;
  }

 private:
  bool read(JsonValue& out, int depth) {
    if (depth >= cursor_.max_depth())
      return cursor_.fail("nesting is deeper than " + std::to_string(cursor_.max_depth()) + " levels");
    switch (cursor_.peek()) {
      case JsonKind::kNull:
      case JsonKind::kTrue:
      case JsonKind::kFalse: {
        JsonKind literal;
        if (!cursor_.read_literal(literal)) return false;
        out.kind_ = literal == JsonKind::kNull ? JsonValue::Kind::kNull : JsonValue::Kind::kBool;
        out.bool_ = literal == JsonKind::kTrue;
        return true;
      }
      case JsonKind::kNumber: {
        std::string_view text;
        bool is_integer = false;
        if (!cursor_.read_number(text, is_integer)) return false;
        out.kind_ = JsonValue::Kind::kNumber;
        out.text_ = std::string(text);
        return true;
      }
      case JsonKind::kString: {
        std::string_view text;
        if (!cursor_.read_string(text)) return false;
        out.kind_ = JsonValue::Kind::kString;
        out.text_ = std::string(text);
        return true;
      }
      case JsonKind::kArray: {
        cursor_.consume('[');
        out.kind_ = JsonValue::Kind::kArray;
        if (cursor_.consume(']')) return true;
        do {
          out.items_.emplace_back();
          if (!read(out.items_.back(), depth + 1)) return false;
        } while (cursor_.consume(','));
        return cursor_.consume(']') || cursor_.fail("expected ',' or ']' in an array");
      }
      case JsonKind::kObject: {
        cursor_.consume('{');
        out.kind_ = JsonValue::Kind::kObject;
        if (cursor_.consume('}')) return true;
        std::set<std::string, std::less<>> keys;
        do {
          if (cursor_.peek() != JsonKind::kString) return cursor_.fail("expected a quoted key");
          const std::size_t key_at = cursor_.offset();
          std::string_view key;
          if (!cursor_.read_string(key)) return false;
          if (!keys.insert(std::string(key)).second) {
            return cursor_.fail_at(key_at, "the key \"" + std::string(key) + "\" appears twice");
          }
          if (!cursor_.consume(':')) return cursor_.fail("expected ':' after the key");
          out.members_.emplace_back(std::string(key), JsonValue());
          if (!read(out.members_.back().second, depth + 1)) return false;
        } while (cursor_.consume(','));
        return cursor_.consume('}') || cursor_.fail("expected ',' or '}' in an object");
      }
      case JsonKind::kEnd: return cursor_.fail("unexpected end of text; expected a value");
      case JsonKind::kInvalid: return cursor_.fail("expected a JSON value");
    }
    return false;
  }

  JsonCursor cursor_;
};

Result<JsonValue> JsonValue::parse(std::string_view text, int max_depth) {
  return JsonValueParser(text, max_depth).run();
}

std::optional<std::int64_t> JsonValue::as_int() const {
  if (kind_ != Kind::kNumber) return std::nullopt;
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text_.data(), text_.data() + text_.size(), value);
  if (error == std::errc() && end == text_.data() + text_.size()) return value;
  return std::nullopt;
}

std::optional<double> JsonValue::as_double() const {
  if (kind_ != Kind::kNumber) return std::nullopt;
  double value = 0;
  auto [end, error] = std::from_chars(text_.data(), text_.data() + text_.size(), value);
  if (error == std::errc() && end == text_.data() + text_.size() && std::isfinite(value)) return value;
  return std::nullopt;
}

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const Member& member : members_) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

std::string_view JsonValue::kind_phrase() const {
  switch (kind_) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "a boolean";
    case Kind::kNumber: return "a number";
    case Kind::kString: return "a string";
    case Kind::kArray: return "an array";
    case Kind::kObject: return "an object";
  }
  return "a value";
}

std::string JsonValue::to_text() const {
  std::string out;
  append_text(out);
  return out;
}

void JsonValue::append_text(std::string& out) const {
  switch (kind_) {
    case Kind::kNull: out += "null"; return;
    case Kind::kBool: out += bool_ ? "true" : "false"; return;
    case Kind::kNumber: out += text_; return;
    case Kind::kString: append_json_string(out, text_); return;
    case Kind::kArray:
      out += '[';
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (i) out += ',';
        items_[i].append_text(out);
      }
      out += ']';
      return;
    case Kind::kObject:
      out += '{';
      for (std::size_t i = 0; i < members_.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, members_[i].first);
        out += ':';
        members_[i].second.append_text(out);
      }
      out += '}';
      return;
  }
}

}  // namespace cepheus
