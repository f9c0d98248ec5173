// RecordingReader: the events of a recorded feed file, JSON lines or CSV.
//
// A recording is decoded record by record. A bad record does not stop the
// reading: it yields an error that names the file and line ("readings.jsonl:3:
// column 17: field 'temp': ..."), and the next call goes on with the next record.
// Only a CSV syntax error (such as an unclosed quote) ends a CSV recording, since
// the records after it cannot be told apart. Not thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/core/csv_reader.h"
#include "cepheus/core/event.h"
#include "cepheus/core/event_csv.h"
#include "cepheus/core/event_json.h"

namespace cepheus {

enum class RecordingFormat { kJsonLines, kCsv };

// .jsonl, .ndjson and .json are JSON lines; .csv is CSV.
Result<RecordingFormat> recording_format_for_path(std::string_view path);

struct RecordingOptions {
  RecordingFormat format = RecordingFormat::kJsonLines;
  std::string time_field;                     // empty: every event gets the epoch as its time
  Duration epoch_unit = Duration::millis(1);  // for numeric timestamps
  bool reject_unknown_fields = false;
  std::vector<std::pair<std::string, std::string>> csv_rename;  // column -> field
};

class RecordingReader {
 public:
  // `name` is used in messages (usually the path). The schema must outlive the
  // reader and its events. Fails when the options do not fit the schema or a CSV
  // header does not fit it.
  static Result<RecordingReader> make(std::string name, std::string text, const Schema& schema,
                                      RecordingOptions options);

  // The next record as an event or as the error for it; nullopt at the end.
  std::optional<Result<Event>> next();

  // Line where the last record read starts.
  std::size_t line() const { return line_; }

 private:
  RecordingReader() = default;

  std::string name_;
  std::unique_ptr<std::string> text_;  // stable address: the readers below view it
  std::optional<JsonEventDecoder> json_;
  std::optional<CsvEventDecoder> csv_;
  std::unique_ptr<CsvReader> csv_reader_;
  std::vector<std::string_view> fields_;
  std::size_t pos_ = 0;
  std::size_t line_ = 0;
};

}  // namespace cepheus
