#include "cepheus/core/event_csv.h"

#include <algorithm>

#include "cepheus/core/value_text.h"

namespace cepheus {

Result<CsvEventDecoder> CsvEventDecoder::make(const Schema& schema, std::span<const std::string_view> header,
                                              CsvDecodeOptions options) {
  CsvEventDecoder decoder;
  decoder.schema_ = &schema;
  std::vector<bool> has_column(schema.size(), false);
  for (std::size_t c = 0; c < header.size(); ++c) {
    std::string_view name = header[c];
    for (const auto& [column, field] : options.rename) {
      if (column == name) name = field;
    }
    const std::size_t index = schema.index_of(name);
    if (index == Schema::npos && options.reject_unknown_columns) {
      return invalid_argument("header column " + std::to_string(c + 1) + " '" + std::string(header[c]) +
                              "' is not a field of schema '" + schema.name() + "'");
    }
    if (index != Schema::npos && has_column[index]) {
      return invalid_argument("header column " + std::to_string(c + 1) + " '" + std::string(header[c]) +
                              "' maps to field '" + schema.field(index).name + "', which an earlier column maps to");
    }
    if (index != Schema::npos) has_column[index] = true;
    decoder.column_names_.emplace_back(header[c]);
    decoder.field_of_column_.push_back(index);
  }
  for (std::size_t i = 0; i < schema.size(); ++i) {
    const Field& field = schema.field(i);
    const bool given =
        std::find(options.given_fields.begin(), options.given_fields.end(), i) != options.given_fields.end();
    if (!has_column[i] && !given && !field.optional && field.default_value.is_null()) {
      return invalid_argument("the header has no column for required field '" + field.name + "' of schema '" +
                              schema.name() + "'");
    }
  }
  if (!options.time_field.empty()) {
    decoder.time_index_ = schema.index_of(options.time_field);
    if (decoder.time_index_ == Schema::npos || schema.field(decoder.time_index_).type != ValueType::kTimestamp) {
      return invalid_argument("time field '" + options.time_field + "' is not a timestamp field of schema '" +
                              schema.name() + "'");
    }
  }
  decoder.options_ = std::move(options);
  return decoder;
}

Result<Event> CsvEventDecoder::decode(std::span<const std::string_view> record, Timestamp ingest_time,
                                      std::span<const std::pair<std::size_t, Value>> given) const {
  const Schema& schema = *schema_;
  if (record.size() != column_names_.size()) {
    return invalid_argument("the record has " + std::to_string(record.size()) + " fields but the header has " +
                            std::to_string(column_names_.size()));
  }
  std::vector<Value> values(schema.size());
  for (std::size_t c = 0; c < record.size(); ++c) {
    const std::size_t index = field_of_column_[c];
    if (index == Schema::npos || record[c].empty()) continue;
    auto value = value_from_text(schema.field(index).type, record[c], options_.epoch_unit);
    if (!value.ok()) {
      return value.status().with_context("column '" + column_names_[c] + "' (" + std::to_string(c + 1) + ")");
    }
    values[index] = std::move(*value);
  }
  for (const auto& [index, value] : given) {
    if (index < values.size() && values[index].is_null()) values[index] = value;
  }
  for (std::size_t i = 0; i < schema.size(); ++i) {
    if (!values[i].is_null()) continue;
    const Field& field = schema.field(i);
    if (!field.default_value.is_null()) {
      values[i] = field.default_value;
    } else if (!field.optional) {
      return invalid_argument("required field '" + field.name + "' is empty");
    }
  }
  Timestamp time = ingest_time;
  if (time_index_ != Schema::npos && !values[time_index_].is_null()) time = values[time_index_].as_timestamp();
  return Event(schema, time, std::move(values));
}

}  // namespace cepheus
