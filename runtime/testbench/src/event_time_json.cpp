// Reading and setting the event time in an event's JSON object, for replays
// shifted in time and scripted events without a time.
#include "cepheus/core/json_writer.h"
#include "feeds.h"

namespace cepheus::testbench {

std::optional<Timestamp> time_in(const JsonValue& object, const SourceShape& shape) {
  if (!shape.time_field) return std::nullopt;
  const JsonValue* value = object.find(shape.schema->field(*shape.time_field).name);
  if (!value) return std::nullopt;
  if (value->is_string()) {
    const auto parsed = parse_timestamp(value->text());
    if (parsed.ok()) return *parsed;
  }
  if (const auto millis = value->as_int()) return Timestamp::from_millis(*millis);
  return std::nullopt;
}

std::string with_time(const JsonValue& object, const SourceShape& shape, Timestamp time) {
  const std::string* time_name = shape.time_field ? &shape.schema->field(*shape.time_field).name : nullptr;
  std::string out = "{";
  bool written = false;
  for (const auto& [name, value] : object.members()) {
    if (out.size() > 1) out += ',';
    append_json_string(out, name);
    out += ':';
    if (time_name && name == *time_name) {
      append_json_string(out, format_timestamp(time));
      written = true;
    } else {
      value.append_text(out);
    }
  }
  if (time_name && !written) {
    if (out.size() > 1) out += ',';
    append_json_string(out, *time_name);
    out += ':';
    append_json_string(out, format_timestamp(time));
  }
  return out + "}";
}

}  // namespace cepheus::testbench
