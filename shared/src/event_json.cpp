#include "cepheus/core/event_json.h"

#include <vector>

#include "cepheus/core/json_cursor.h"
#include "cepheus/core/json_writer.h"
#include "cepheus/core/value_text.h"

namespace cepheus {
namespace {

std::string field_prefix(const Field& field) {
  return "field '" + field.name + "': ";
}

// Reads the value at the cursor into `out` for `field`. Returns false on error,
// recorded in the cursor.
bool read_field_value(JsonCursor& cursor, const Field& field, Duration epoch_unit, Value& out) {
  const JsonKind kind = cursor.peek();
  const std::size_t value_at = cursor.offset();
  auto wrong_kind = [&] {
    return cursor.fail_at(
        value_at,
        field_prefix(field) + "expected " +
            (field.type == ValueType::kInt ? std::string("an int") : "a " + std::string(value_type_name(field.type))) +
            ", found " + std::string(json_kind_phrase(kind)));
  };
  switch (kind) {
    case JsonKind::kString: {
      std::string_view text;
      if (!cursor.read_string(text)) return false;
      if (field.type == ValueType::kString) {
        out = Value::string(text);
        return true;
      }
      auto value = value_from_text(field.type, text, epoch_unit);
      if (!value.ok()) return cursor.fail_at(value_at, field_prefix(field) + value.status().message());
      out = std::move(*value);
      return true;
    }
    case JsonKind::kNumber: {
      std::string_view text;
      bool is_integer = false;
      if (!cursor.read_number(text, is_integer)) return false;
      if (field.type == ValueType::kBool) return wrong_kind();
      auto value = value_from_text(field.type, text, epoch_unit);
      if (!value.ok()) return cursor.fail_at(value_at, field_prefix(field) + value.status().message());
      out = std::move(*value);
      return true;
    }
    case JsonKind::kTrue:
    case JsonKind::kFalse: {
      JsonKind literal;
      if (!cursor.read_literal(literal)) return false;
      if (field.type == ValueType::kBool) {
        out = Value::boolean(literal == JsonKind::kTrue);
      } else if (field.type == ValueType::kString) {
        out = Value::string(literal == JsonKind::kTrue ? "true" : "false");
      } else {
        return wrong_kind();
      }
      return true;
    }
    case JsonKind::kNull: {
      JsonKind literal;
      if (!cursor.read_literal(literal)) return false;
      out = Value::null();
      return true;
    }
    case JsonKind::kObject:
    case JsonKind::kArray: return wrong_kind();
    case JsonKind::kEnd: return cursor.fail(field_prefix(field) + "the text ends where a value should be");
    case JsonKind::kInvalid: return cursor.fail(field_prefix(field) + "expected a value");
  }
  return false;
}

// Why a document that should be an event object is not one.
std::string not_an_object_message(std::string_view json, JsonKind kind) {
  if (kind == JsonKind::kEnd) return "empty input; expected a JSON object";
  if (kind == JsonKind::kTrue || kind == JsonKind::kFalse || kind == JsonKind::kNull) {
    JsonCursor probe(json);
    JsonKind literal;
    if (!probe.read_literal(literal)) kind = JsonKind::kInvalid;  // "nonsense" starts like null
  }
  if (kind == JsonKind::kInvalid) return "expected a JSON object, found text that is not JSON";
  return "expected a JSON object, found " + std::string(json_kind_phrase(kind));
}

}  // namespace

Result<JsonEventDecoder> JsonEventDecoder::make(const Schema& schema, JsonDecodeOptions options) {
  std::size_t time_index = Schema::npos;
  if (!options.time_field.empty()) {
    time_index = schema.index_of(options.time_field);
    if (time_index == Schema::npos) {
      return invalid_argument("time field '" + options.time_field + "' is not a field of schema '" + schema.name() +
                              "'");
    }
    if (schema.field(time_index).type != ValueType::kTimestamp) {
      return invalid_argument("time field '" + options.time_field + "' of schema '" + schema.name() + "' is a " +
                              std::string(value_type_name(schema.field(time_index).type)) + "; it must be a timestamp");
    }
  }
  if (options.max_depth < 1) return invalid_argument("max_depth must be at least 1");
  return JsonEventDecoder(schema, std::move(options), time_index);
}

Result<Event> JsonEventDecoder::decode(std::string_view json, Timestamp ingest_time,
                                       std::span<const std::pair<std::size_t, Value>> given) const {
  if (json.size() > options_.max_bytes) {
    return resource_exhausted("event of " + std::to_string(json.size()) + " bytes exceeds the limit of " +
                              std::to_string(options_.max_bytes) + " bytes");
  }
  const Schema& schema = *schema_;
  const std::size_t field_count = schema.size();
  std::vector<Value> values(field_count);
  // Which fields were given; small schemas need no heap memory for it.
  std::uint64_t seen_small = 0;
  std::vector<bool> seen_large(field_count > 64 ? field_count : 0);
  auto mark_seen = [&](std::size_t index) {
    if (field_count <= 64) {
      const std::uint64_t bit = std::uint64_t{1} << index;
      const bool before = (seen_small & bit) != 0;
      seen_small |= bit;
      return before;
    }
    const bool before = seen_large[index];
    seen_large[index] = true;
    return before;
  };

  JsonCursor cursor(json, options_.max_depth);
  if (cursor.peek() != JsonKind::kObject) {
    cursor.fail(not_an_object_message(json, cursor.peek()));
    return cursor.status();
  }
  cursor.consume('{');
  std::size_t predicted = 0;  // keys usually arrive in schema order
  if (!cursor.consume('}')) {
    do {
      if (cursor.peek() != JsonKind::kString) {
        cursor.fail(cursor.peek() == JsonKind::kEnd ? "the text ends inside the object; expected a key"
                                                    : "expected a quoted key");
        return cursor.status();
      }
      const std::size_t key_at = cursor.offset();
      std::string_view key;
      if (!cursor.read_string(key)) return cursor.status();
      std::size_t index = Schema::npos;
      if (predicted < field_count && schema.field(predicted).name == key) {
        index = predicted;
      } else {
        index = schema.index_of(key);
      }
      if (!cursor.consume(':')) {
        cursor.fail("expected ':' after the key \"" + std::string(key) + "\"");
        return cursor.status();
      }
      if (index == Schema::npos) {
        if (options_.reject_unknown_fields) {
          cursor.fail_at(
              key_at, "unknown field \"" + std::string(key) + "\"; schema '" + schema.name() + "' has no such field");
          return cursor.status();
        }
        if (!cursor.skip_value(1)) return cursor.status();
        continue;
      }
      if (mark_seen(index)) {
        cursor.fail_at(key_at, "field '" + schema.field(index).name + "' appears twice");
        return cursor.status();
      }
      if (!read_field_value(cursor, schema.field(index), options_.epoch_unit, values[index])) {
        return cursor.status();
      }
      predicted = index + 1;
    } while (cursor.consume(','));
    if (!cursor.consume('}')) {
      cursor.fail(cursor.at_end() ? "the text ends inside the object; expected '}'"
                                  : "expected ',' or '}' after a field");
      return cursor.status();
    }
  }
  if (!cursor.at_end()) {
    cursor.fail("unexpected text after the event object");
    return cursor.status();
  }

  for (const auto& [index, value] : given) {
    if (index < field_count && values[index].is_null()) values[index] = value;
  }
  for (std::size_t i = 0; i < field_count; ++i) {
    if (!values[i].is_null()) continue;
    const Field& field = schema.field(i);
    if (!field.default_value.is_null()) {
      values[i] = field.default_value;
    } else if (!field.optional) {
      const bool in_payload = field_count <= 64 ? (seen_small >> i) & 1 : seen_large[i];
      return invalid_argument(in_payload ? "field '" + field.name + "' is required but null"
                                         : "missing required field '" + field.name + "'");
    }
  }
  Timestamp time = ingest_time;
  if (time_index_ != Schema::npos && !values[time_index_].is_null()) time = values[time_index_].as_timestamp();
  return Event(schema, time, std::move(values));
}

void encode_event_json(const Event& event, std::string& out, const JsonEncodeOptions& options) {
  const Schema& schema = event.schema();
  out += '{';
  bool first = true;
  auto key = [&](std::string_view name) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, name);
    out += ':';
  };
  for (std::size_t i = 0; i < schema.size(); ++i) {
    key(schema.field(i).name);
    const Value& value = event.value(i);
    switch (value.type()) {
      case ValueType::kNull: out += "null"; break;
      case ValueType::kBool: out += value.as_bool() ? "true" : "false"; break;
      case ValueType::kInt: append_json_int(out, value.as_int()); break;
      case ValueType::kDouble: append_json_double(out, value.as_double()); break;
      case ValueType::kString: append_json_string(out, value.as_string()); break;
      case ValueType::kTimestamp:
        out += '"';
        append_timestamp(out, value.as_timestamp());
        out += '"';
        break;
      case ValueType::kDuration: append_json_string(out, format_duration(value.as_duration())); break;
    }
  }
  if (!options.time_key.empty() && schema.index_of(options.time_key) == Schema::npos) {
    key(options.time_key);
    out += '"';
    append_timestamp(out, event.time());
    out += '"';
  }
  out += '}';
}

std::string event_to_json(const Event& event, const JsonEncodeOptions& options) {
  std::string out;
  encode_event_json(event, out, options);
  return out;
}

}  // namespace cepheus
