#include "cepheus/core/recording.h"

namespace cepheus {

Result<RecordingFormat> recording_format_for_path(std::string_view path) {
  if (path.ends_with(".jsonl") || path.ends_with(".ndjson") || path.ends_with(".json")) {
    return RecordingFormat::kJsonLines;
  }
  if (path.ends_with(".csv")) return RecordingFormat::kCsv;
  return invalid_argument("cannot tell the format of '" + std::string(path) +
                          "': name it .jsonl (JSON lines) or .csv, or give the format explicitly");
}

Result<RecordingReader> RecordingReader::make(std::string name, std::string text, const Schema& schema,
                                              RecordingOptions options) {
  RecordingReader reader;
  reader.name_ = std::move(name);
  reader.text_ = std::make_unique<std::string>(std::move(text));
  if (options.format == RecordingFormat::kJsonLines) {
    JsonDecodeOptions json_options;
    json_options.time_field = options.time_field;
    json_options.epoch_unit = options.epoch_unit;
    json_options.reject_unknown_fields = options.reject_unknown_fields;
    auto decoder = JsonEventDecoder::make(schema, std::move(json_options));
    if (!decoder.ok()) return decoder.status().with_context(reader.name_);
    reader.json_.emplace(std::move(*decoder));
    return reader;
  }
  reader.csv_reader_ = std::make_unique<CsvReader>(*reader.text_);
  if (!reader.csv_reader_->next(reader.fields_)) {
    const Status status = reader.csv_reader_->status();
    return status.ok() ? invalid_argument(reader.name_ + ": empty CSV file; expected a header row")
                       : status.with_context(reader.name_);
  }
  CsvDecodeOptions csv_options;
  csv_options.time_field = options.time_field;
  csv_options.epoch_unit = options.epoch_unit;
  csv_options.rename = std::move(options.csv_rename);
  csv_options.reject_unknown_columns = options.reject_unknown_fields;
  auto decoder = CsvEventDecoder::make(schema, reader.fields_, std::move(csv_options));
  if (!decoder.ok()) return decoder.status().with_context(reader.name_ + ":1");
  reader.csv_.emplace(std::move(*decoder));
  return reader;
}

std::optional<Result<Event>> RecordingReader::next() {
  const std::string_view text = *text_;
  if (json_) {
    while (pos_ < text.size()) {
      std::size_t end = text.find('\n', pos_);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(pos_, end - pos_);
      pos_ = end + 1;
      ++line_;
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank line
      auto event = json_->decode(line);
      if (!event.ok()) return Result<Event>(event.status().with_context(name_ + ":" + std::to_string(line_)));
      return event;
    }
    return std::nullopt;
  }
  if (!csv_reader_->next(fields_)) {
    const Status status = csv_reader_->status();
    if (status.ok()) return std::nullopt;
    csv_reader_ = std::make_unique<CsvReader>(std::string_view());  // stop after a syntax error
    return Result<Event>(status.with_context(name_));
  }
  line_ = csv_reader_->record_line();
  auto event = csv_->decode(fields_);
  if (!event.ok()) return Result<Event>(event.status().with_context(name_ + ":" + std::to_string(line_)));
  return event;
}

}  // namespace cepheus
