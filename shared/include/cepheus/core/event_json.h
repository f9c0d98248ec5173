// The JSON codec for events: a JSON object to an Event of a schema, and back.
//
// Decoding rules (documented for users in docs/formats.md):
//  - The input is one JSON object. Keys are field names; keys the schema does not
//    name are skipped (or refused with reject_unknown_fields). A key given twice is
//    an error.
//  - A missing or null field takes its default; with no default it is null when the
//    field is optional and an error when it is required.
//  - bool: true/false, or the strings "true"/"false".
//  - int: an integer in the int64 range; a number with fraction or exponent only if
//    its value is whole ("2.0", "1e3"); a string holding such a number.
//  - double: any number, or a string holding one; out-of-range is an overflow error.
//  - string: a string; a number or boolean is kept as its JSON text.
//  - timestamp: an ISO-8601 string, or a number counted from the epoch in
//    `epoch_unit` (milliseconds unless configured).
//  - duration: a string such as "250ms", or a number of milliseconds.
// Every error names the field and the place in the text: "column 17: field 'temp':
// expected a number, found a string".
//
// A decoder is immutable after make() and may be used from several threads at once.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "cepheus/core/event.h"
#include "cepheus/core/result.h"
#include "cepheus/core/schema.h"

namespace cepheus {

struct JsonDecodeOptions {
  // The timestamp field whose value is the event time; empty to use the ingest time.
  std::string time_field;
  // What a numeric timestamp counts: 1s, 1ms (default), 1us or 1ns.
  Duration epoch_unit = Duration::millis(1);
  bool reject_unknown_fields = false;
  // Larger inputs are refused before they are parsed.
  std::size_t max_bytes = 1 << 20;
  int max_depth = 64;
};

class JsonEventDecoder {
 public:
  // Checks the options against the schema (the time field exists and is a
  // timestamp). The schema must outlive the decoder and every event it makes.
  static Result<JsonEventDecoder> make(const Schema& schema, JsonDecodeOptions options = {});

  // Decodes one JSON object. `ingest_time` becomes the event time when no time
  // field is configured. `given` holds values from outside the payload (field
  // index, value), such as MQTT topic segments: a field the payload leaves out
  // or sets to null takes its given value.
  Result<Event> decode(std::string_view json, Timestamp ingest_time = Timestamp(),
                       std::span<const std::pair<std::size_t, Value>> given = {}) const;

  const Schema& schema() const { return *schema_; }

 private:
  JsonEventDecoder(const Schema& schema, JsonDecodeOptions options, std::size_t time_index)
      : schema_(&schema), options_(std::move(options)), time_index_(time_index) {}

  const Schema* schema_;
  JsonDecodeOptions options_;
  std::size_t time_index_;  // Schema::npos when there is no time field
};

struct JsonEncodeOptions {
  // When set and not a field of the schema, the event time is written under this key.
  std::string time_key;
};

// Appends the event as one JSON object with its fields in schema order. Timestamps
// are ISO-8601 strings, durations strings such as "250ms", doubles in the shortest
// form that reads back exactly; NaN and infinities are written as null.
void encode_event_json(const Event& event, std::string& out, const JsonEncodeOptions& options = {});
std::string event_to_json(const Event& event, const JsonEncodeOptions& options = {});

}  // namespace cepheus
