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
// ingested over HTTP has no topic, so it has every field.
class PayloadDecoder {
 public:
  enum class Arrival { kMqtt, kIngest };
  // Fails when the source's schema cannot be decoded (naming the source).
  static Result<PayloadDecoder> make(const dsl::PlanStatement& source, Arrival arrival);

  // `given`: values from outside the payload (field index, value), such as topic
  // segments; a value in the payload wins.
  Result<Event> decode(std::string_view payload, Timestamp ingest_time,
                       std::span<const std::pair<std::size_t, Value>> given = {}) const;

  bool csv() const { return csv_.has_value(); }
  // The columns a CSV payload has, in order (empty for JSON).
  const std::vector<std::string>& columns() const { return columns_; }

 private:
  std::optional<JsonEventDecoder> json_;
  std::optional<CsvEventDecoder> csv_;
  std::vector<std::string> columns_;
};

}  // namespace cepheus::host
