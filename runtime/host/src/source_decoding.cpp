#include "cepheus/host/source_decoding.h"

#include <algorithm>

#include "cepheus/core/csv_reader.h"

namespace cepheus::host {

std::string time_field_of(const dsl::PlanStatement& source) {
  const auto& body = std::get<dsl::CheckedSource>(source.body);
  return body.processing_time ? std::string() : source.output->field(body.time_field).name;
}

Result<PayloadDecoder> PayloadDecoder::make(const dsl::PlanStatement& source, Arrival arrival) {
  const auto& body = std::get<dsl::CheckedSource>(source.body);
  PayloadDecoder decoder;
  if (body.format != "csv") {
    JsonDecodeOptions options;
    options.time_field = time_field_of(source);
    auto json = JsonEventDecoder::make(*source.output, options);
    if (!json.ok()) return json.status().with_context("source '" + source.name + "'");
    decoder.json_ = std::move(*json);
    return decoder;
  }
  CsvDecodeOptions options;
  options.time_field = time_field_of(source);
  if (arrival == Arrival::kMqtt) {
    for (const dsl::TopicSegment& segment : body.segments) options.given_fields.push_back(segment.field_index);
  }
  std::vector<std::string> columns;
  for (std::size_t i = 0; i < source.output->size(); ++i) {
    if (std::find(options.given_fields.begin(), options.given_fields.end(), i) == options.given_fields.end())
      columns.push_back(source.output->field(i).name);
  }
  return make_csv(source, std::move(options), std::move(columns));
}

Result<PayloadDecoder> PayloadDecoder::for_file(const dsl::PlanStatement& source, std::span<const std::string> header) {
  if (std::get<dsl::CheckedSource>(source.body).format != "csv") return make(source, Arrival::kIngest);
  CsvDecodeOptions options;
  options.time_field = time_field_of(source);
  return make_csv(source, std::move(options), std::vector<std::string>(header.begin(), header.end()));
}

Result<PayloadDecoder> PayloadDecoder::make_csv(const dsl::PlanStatement& source, CsvDecodeOptions options,
                                                std::vector<std::string> columns) {
  PayloadDecoder decoder;
  decoder.columns_ = std::move(columns);
  const std::vector<std::string_view> header(decoder.columns_.begin(), decoder.columns_.end());
  auto csv = CsvEventDecoder::make(*source.output, header, std::move(options));
  if (!csv.ok()) return csv.status().with_context("source '" + source.name + "'");
  decoder.csv_ = std::move(*csv);
  return decoder;
}

Result<Event> PayloadDecoder::decode(std::string_view payload, Timestamp ingest_time,
                                     std::span<const std::pair<std::size_t, Value>> given) const {
  if (json_) return json_->decode(payload, ingest_time, given);
  CsvReader reader(payload);
  std::vector<std::string_view> record;
  if (!reader.next(record)) {
    if (!reader.status().ok()) return invalid_argument("CSV payload: " + reader.status().message());
    return invalid_argument("an empty CSV payload; expected one record of " + std::to_string(columns_.size()) +
                            " columns");
  }
  if (record.size() != columns_.size()) {
    std::string names;
    for (const std::string& c : columns_) names += (names.empty() ? "" : ", ") + c;
    return invalid_argument("the CSV payload has " + std::to_string(record.size()) + " column(s); expected " +
                            std::to_string(columns_.size()) + ": " + names);
  }
  // The views point into the reader, which the next call reuses: decode before looking further.
  auto event = csv_->decode(record, ingest_time, given);
  std::vector<std::string_view> more;
  if (reader.next(more) || !reader.status().ok()) {
    return invalid_argument("a CSV payload holds one record; this one has more, from line " +
                            std::to_string(reader.record_line()));
  }
  if (!event.ok()) return event.status();
  return event;
}

}  // namespace cepheus::host
