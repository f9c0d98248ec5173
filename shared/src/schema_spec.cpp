// The compact schema text of command lines and tests; see parse_schema_spec.
#include "cepheus/core/schema.h"
#include "cepheus/core/value_text.h"

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

// A default is read by the same rules as a CSV cell of the field's type.
Result<Value> parse_default(const Field& field, std::string_view text, const SpecReader& reader) {
  auto value = value_from_text(field.type, text);
  if (value.ok()) return value;
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
