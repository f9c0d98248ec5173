#include "cepheus/core/schema.h"

#include <algorithm>

namespace cepheus {
namespace {

Status check_field_name(const std::string& name, std::size_t index) {
  if (name.empty()) return invalid_argument("field " + std::to_string(index + 1) + " has an empty name");
  if (name.size() > 255) return invalid_argument("field name '" + name.substr(0, 32) + "...' is over 255 bytes");
  for (const char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return invalid_argument("field name '" + name + "' contains a control character");
    }
  }
  return {};
}

Result<Value> convert_default(const Field& field) {
  const Value& value = field.default_value;
  if (value.is_null() || value.type() == field.type) return value;
  if (field.type == ValueType::kDouble && value.type() == ValueType::kInt) {
    return Value::real(static_cast<double>(value.as_int()));
  }
  return invalid_argument("field '" + field.name + "' is a " + std::string(value_type_name(field.type)) +
                          " but its default " + value.to_string() + " is a " +
                          std::string(value_type_name(value.type())));
}

}  // namespace

Schema::Schema(std::string name, std::vector<Field> fields) : name_(std::move(name)), fields_(std::move(fields)) {
  by_name_.reserve(fields_.size());
  for (std::size_t i = 0; i < fields_.size(); ++i) by_name_.emplace_back(fields_[i].name, i);
  std::sort(by_name_.begin(), by_name_.end());
}

Result<std::shared_ptr<const Schema>> Schema::make(std::string name, std::vector<Field> fields) {
  if (fields.size() > kMaxFields) {
    return invalid_argument("schema '" + name + "' has " + std::to_string(fields.size()) + " fields; at most " +
                            std::to_string(kMaxFields) + " are allowed");
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    Field& field = fields[i];
    CEPHEUS_RETURN_IF_ERROR(check_field_name(field.name, i).with_context("schema '" + name + "'"));
    if (field.type == ValueType::kNull) {
      return invalid_argument("schema '" + name + "': field '" + field.name + "' needs a type other than null");
    }
    auto converted = convert_default(field);
    if (!converted.ok()) return converted.status().with_context("schema '" + name + "'");
    field.default_value = std::move(*converted);
  }
  auto schema = std::shared_ptr<const Schema>(new Schema(std::move(name), std::move(fields)));
  for (std::size_t i = 1; i < schema->by_name_.size(); ++i) {
    if (schema->by_name_[i].first == schema->by_name_[i - 1].first) {
      return invalid_argument("schema '" + schema->name_ + "': field '" + std::string(schema->by_name_[i].first) +
                              "' is declared twice");
    }
  }
  return schema;
}

std::size_t Schema::index_of(std::string_view name) const {
  auto it = std::lower_bound(by_name_.begin(), by_name_.end(), name,
                             [](const auto& entry, std::string_view key) { return entry.first < key; });
  return it != by_name_.end() && it->first == name ? it->second : npos;
}

std::string Schema::to_string() const {
  std::string text = name_ + " {";
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    text += i == 0 ? " " : ", ";
    text += fields_[i].name;
    text += ": ";
    text += value_type_name(fields_[i].type);
    if (fields_[i].optional) text += '?';
    if (!fields_[i].default_value.is_null()) text += " = " + fields_[i].default_value.to_string();
  }
  text += fields_.empty() ? "}" : " }";
  return text;
}

}  // namespace cepheus
