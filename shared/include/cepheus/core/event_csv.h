// The CSV codec for events: records of a CSV file with a header row to Events of
// a schema.
//
// The header names the columns. A column maps to the schema field of the same
// name, or of the name given in `rename`. Columns that map to no field are
// skipped (or refused with reject_unknown_columns); a required field with no
// default that has no column is an error at the header. An empty cell is null and
// then follows the rules for a missing value (see event_json.h). Cells are read
// with value_from_text. Immutable after make(); usable from several threads.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cepheus/core/event.h"
#include "cepheus/core/result.h"

namespace cepheus {

struct CsvDecodeOptions {
  std::string time_field;                                   // empty: events get the ingest time
  Duration epoch_unit = Duration::millis(1);                // for numeric timestamps
  std::vector<std::pair<std::string, std::string>> rename;  // column name -> field name
  bool reject_unknown_columns = false;
  // Fields whose values may come from outside the record (MQTT topic segments):
  // they need no column even when required.
  std::vector<std::size_t> given_fields;
};

class CsvEventDecoder {
 public:
  // `header` is the first record of the file. The schema must outlive the decoder
  // and every event it makes.
  static Result<CsvEventDecoder> make(const Schema& schema, std::span<const std::string_view> header,
                                      CsvDecodeOptions options = {});

  // Decodes one record. Errors name the column: "column 'temp' (3): \"hot\" is not a double".
  // `given` holds values from outside the record (field index, value): a field the
  // record leaves empty, or has no column for, takes its given value.
  Result<Event> decode(std::span<const std::string_view> record, Timestamp ingest_time = Timestamp(),
                       std::span<const std::pair<std::size_t, Value>> given = {}) const;

  const Schema& schema() const { return *schema_; }

 private:
  CsvEventDecoder() = default;

  const Schema* schema_ = nullptr;
  CsvDecodeOptions options_;
  std::vector<std::string> column_names_;
  std::vector<std::size_t> field_of_column_;  // Schema::npos for skipped columns
  std::size_t time_index_ = Schema::npos;
};

}  // namespace cepheus
