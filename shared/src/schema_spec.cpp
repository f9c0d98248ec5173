// The compact schema text of command lines and tests; see parse_schema_spec.
#include <charconv>

#include "cepheus/core/schema.h"

namespace cepheus {
namespace {

class SpecReader {
 public:
  explicit SpecReader(std::string_view text) : text_(text) {}

  void skip_spaces() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n')) ++pos_;
  }
  bool at_end() {
    skip_spaces();
    return pos_ >= text_.size();
  }
  bool accept(char c) {
    skip_spaces();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::string_view word() {
    skip_spaces();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ':' && text_[pos_] != ',' && text_[pos_] != '?' &&
           text_[pos_] != '=' && text_[pos_] != ' ' && text_[pos_] != '\t' && text_[pos_] != '\n') {
      ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }
  // A "quoted" string without escapes, or a bare word.
  Result<std::string_view> literal() {
    skip_spaces();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      const std::size_t start = ++pos_;
      while (pos_ < text_.size() && text_[pos_] != '"') ++pos_;
      if (pos_ >= text_.size()) return error("the quoted default is not closed with '\"'");
      return text_.substr(start, pos_++ - start);
    }
    return word();
  }
  Status error(std::string_view what) const {
    return invalid_argument("schema text at column " + std::to_string(pos_ + 1) + ": " + std::string(what));
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

Result<Value> parse_default(const Field& field, std::string_view text, const SpecReader& reader) {
  switch (field.type) {
    case ValueType::kString: return Value::string(text);
    case ValueType::kBool:
      if (text == "true") return Value::boolean(true);
      if (text == "false") return Value::boolean(false);
      break;
    case ValueType::kInt: {
      std::int64_t i = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), i);
      if (error == std::errc() && end == text.data() + text.size()) return Value::integer(i);
      break;
    }
    case ValueType::kDouble: {
      double d = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), d);
      if (error == std::errc() && end == text.data() + text.size()) return Value::real(d);
      break;
    }
    case ValueType::kTimestamp: {
      auto t = parse_timestamp(text);
      if (!t.ok()) return t.status();
      return Value::timestamp(*t);
    }
    case ValueType::kDuration: {
      auto d = parse_duration(text);
      if (!d.ok()) return d.status();
      return Value::duration(*d);
    }
    case ValueType::kNull: break;
  }
  return reader.error("default '" + std::string(text) + "' is not a " + std::string(value_type_name(field.type)) +
                      " for field '" + field.name + "'");
}

}  // namespace

Result<std::shared_ptr<const Schema>> parse_schema_spec(std::string name, std::string_view text) {
  SpecReader reader(text);
  std::vector<Field> fields;
  while (!reader.at_end()) {
    Field field;
    field.name = std::string(reader.word());
    if (field.name.empty()) return reader.error("expected a field name");
    if (!reader.accept(':')) return reader.error("expected ':' and a type after '" + field.name + "'");
    const std::string_view type_name = reader.word();
    if (!value_type_from_name(type_name, field.type)) {
      return reader.error("unknown type '" + std::string(type_name) +
                          "'; use bool, int, double, string, timestamp or duration");
    }
    field.optional = reader.accept('?');
    if (reader.accept('=')) {
      auto literal = reader.literal();
      if (!literal.ok()) return literal.status();
      auto value = parse_default(field, *literal, reader);
      if (!value.ok()) return value.status();
      field.default_value = std::move(*value);
    }
    fields.push_back(std::move(field));
    if (!reader.accept(',') && !reader.at_end()) return reader.error("expected ',' between fields");
  }
  return Schema::make(std::move(name), std::move(fields));
}

}  // namespace cepheus
