// How a source's raw input becomes events: the decoder settings every reader of
// a source (replays, live MQTT, the node) shares.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cepheus/core/event_csv.h"
#include "cepheus/core/event_json.h"
#include "cepheus/dsl/plan.h"

namespace cepheus::host {

// The name of a source's event-time field, or "" for a processing-time source:
// what its decoders take as their time field.
std::string time_field_of(const dsl::PlanStatement& source);

// Decodes the payloads of one source: MQTT messages and ingested lines. A payload
// is a JSON object, or, for a source with `format csv`, one CSV record with no
// header whose columns are the schema's fields in their order. An MQTT message
// leaves out the fields its topic fills ("81.5,2026-11-20T08:00:00Z" for `Reading
// { site, device, temp, ts }` from "plant/{site}/{device}/readings"); a line
// ingested over HTTP has no topic, so it has every field. A record of a `from file`
// CSV file has the columns its file's header names.
class PayloadDecoder {
 public:
  enum class Arrival { kMqtt, kIngest };
  // Fails when the source's schema cannot be decoded (naming the source).
  static Result<PayloadDecoder> make(const dsl::PlanStatement& source, Arrival arrival);
  // For the records of a `from file` source; `header` is the CSV file's first
  // record (unused for JSON lines). Fails when the header lacks a required field.
  static Result<PayloadDecoder> for_file(const dsl::PlanStatement& source, std::span<const std::string> header);

  // `given`: values from outside the payload (field index, value), such as topic
  // segments; a value in the payload wins.
  Result<Event> decode(std::string_view payload, Timestamp ingest_time,
                       std::span<const std::pair<std::size_t, Value>> given = {}) const;

  bool csv() const { return csv_.has_value(); }
  // The columns a CSV payload has, in order (empty for JSON).
  const std::vector<std::string>& columns() const { return columns_; }

 private:
  static Result<PayloadDecoder> make_csv(const dsl::PlanStatement& source, CsvDecodeOptions options,
                                         std::vector<std::string> columns);

  std::optional<JsonEventDecoder> json_;
  std::optional<CsvEventDecoder> csv_;
  std::vector<std::string> columns_;
};

}  // namespace cepheus::host
