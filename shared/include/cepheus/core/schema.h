// Schema: the named, typed shape of the events of one stream.
//
// A schema is built once (by the rule compiler or a test), validated, and then
// shared read-only: Schema::make returns it behind a shared_ptr<const Schema> and
// events point at it. Safe to read from any thread.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/core/value.h"

namespace cepheus {

struct Field {
  std::string name;
  ValueType type = ValueType::kString;
  // An optional field may be missing or null in input; it then takes its default.
  bool optional = false;
  // Used when the field is missing or null in input; null means "no default".
  // A required field with a default accepts input without it.
  Value default_value;
};

class Schema {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  static constexpr std::size_t kMaxFields = 4096;

  // Checks the fields: names non-empty, printable and unique; types not null;
  // defaults of the field's type (an int default for a double field is converted).
  static Result<std::shared_ptr<const Schema>> make(std::string name, std::vector<Field> fields);

  const std::string& name() const { return name_; }
  std::span<const Field> fields() const { return fields_; }
  std::size_t size() const { return fields_.size(); }
  const Field& field(std::size_t index) const { return fields_[index]; }

  // The position of the field called `name`, or npos.
  std::size_t index_of(std::string_view name) const;

  // "reading { device: string, temp: double, vibration: double? }"
  std::string to_string() const;

 private:
  Schema(std::string name, std::vector<Field> fields);

  std::string name_;
  std::vector<Field> fields_;
  // (name, position), sorted by name, for lookups in O(log n).
  std::vector<std::pair<std::string_view, std::size_t>> by_name_;
};

// Parses the compact schema text used on command lines and in tests:
//   "device: string, temp: double, vibration: double?, unit: string = \"C\""
// A '?' after the type makes a field optional; '= literal' gives a default
// (a number, true/false, or a "quoted string", a duration or timestamp in quotes).
Result<std::shared_ptr<const Schema>> parse_schema_spec(std::string name, std::string_view text);

}  // namespace cepheus
