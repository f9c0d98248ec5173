#include "table_files.h"

#include "cepheus/core/csv_reader.h"
#include "cepheus/core/event_csv.h"
#include "cepheus/core/file.h"

namespace cepheus::cli {

Result<std::vector<std::vector<Value>>> TableFiles::load(const dsl::PlanStatement& table) {
  const auto& body = std::get<dsl::CheckedTable>(table.body);
  if (body.kind != "csv") {
    return Status(StatusCode::kFailedPrecondition,
                  "sqlite tables are read by the node's store, which is not built yet; use a csv table");
  }
  const std::string path = body.path.starts_with("/") ? body.path : folder_ + "/" + body.path;
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  CsvReader reader(*text);
  std::vector<std::string_view> fields;
  if (!reader.next(fields)) {
    return reader.status().ok() ? invalid_argument(path + ": empty CSV file; expected a header row")
                                : reader.status().with_context(path);
  }
  auto decoder = CsvEventDecoder::make(*body.schema, fields);
  if (!decoder.ok()) return decoder.status().with_context(path + ":1");
  std::vector<std::vector<Value>> rows;
  while (reader.next(fields)) {
    auto row = decoder->decode(fields);
    if (!row.ok()) return row.status().with_context(path + ":" + std::to_string(reader.record_line()));
    rows.emplace_back(row->values().begin(), row->values().end());
  }
  if (!reader.status().ok()) return reader.status().with_context(path);
  return rows;
}

}  // namespace cepheus::cli
