#include "cepheus/host/table_files.h"

#include "cepheus/core/csv_reader.h"
#include "cepheus/core/event_csv.h"
#include "cepheus/core/file.h"
#include "cepheus/core/value_text.h"
#include "cepheus/host/sqlite_database.h"

namespace cepheus::host {
namespace {

using Rows = std::vector<std::vector<Value>>;

Result<Rows> load_csv(const std::string& path, const Schema& schema) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  CsvReader reader(*text);
  std::vector<std::string_view> fields;
  if (!reader.next(fields)) {
    return reader.status().ok() ? invalid_argument(path + ": empty CSV file; expected a header row")
                                : reader.status().with_context(path);
  }
  auto decoder = CsvEventDecoder::make(schema, fields);
  if (!decoder.ok()) return decoder.status().with_context(path + ":1");
  Rows rows;
  while (reader.next(fields)) {
    auto row = decoder->decode(fields);
    if (!row.ok()) return row.status().with_context(path + ":" + std::to_string(reader.record_line()));
    rows.emplace_back(row->values().begin(), row->values().end());
  }
  if (!reader.status().ok()) return reader.status().with_context(path);
  return rows;
}

// One SQLite column as a value of the field's type: text and numbers go through
// the same coercion rules as CSV, so "81.5" and 81.5 mean the same.
Result<Value> column_value(const SqliteStatement& row, int column, const Field& field) {
  switch (row.column_type(column)) {
    case SqliteStatement::ColumnType::kNull:
      if (!field.default_value.is_null() || field.optional) return field.default_value;
      return invalid_argument("column '" + field.name + "' is null, and the field is not optional");
    case SqliteStatement::ColumnType::kInteger:
      if (field.type == ValueType::kInt) return Value::integer(row.column_int(column));
      if (field.type == ValueType::kDouble) return Value::real(static_cast<double>(row.column_int(column)));
      return value_from_text(field.type, std::to_string(row.column_int(column)));
    case SqliteStatement::ColumnType::kReal:
      if (field.type == ValueType::kDouble) return Value::real(row.column_double(column));
      return value_from_text(field.type, std::to_string(row.column_double(column)));
    default: {
      auto value = value_from_text(field.type, row.column_text(column));
      if (!value.ok()) return value.status().with_context("column '" + field.name + "'");
      return value;
    }
  }
}

// Runs the table's query; its result columns are matched to the schema's fields by name.
Result<Rows> load_sqlite(const std::string& path, const std::string& query, const Schema& schema) {
  auto db = SqliteDatabase::open(path, SqliteDatabase::Mode::kReadOnly);
  if (!db.ok()) return db.status();
  auto statement = db->prepare(query);
  if (!statement.ok()) return statement.status().with_context(path);
  std::vector<int> column_of(schema.size(), -1);
  for (int c = 0; c < statement->column_count(); ++c) {
    const std::size_t field = schema.index_of(statement->column_name(c));
    if (field != Schema::npos) column_of[field] = c;
  }
  for (std::size_t f = 0; f < schema.size(); ++f) {
    if (column_of[f] < 0 && !schema.field(f).optional && schema.field(f).default_value.is_null()) {
      return invalid_argument(path + ": the query gives no column '" + schema.field(f).name + "' for table " +
                              schema.name());
    }
  }
  Rows rows;
  long number = 0;
  while (true) {
    auto more = statement->step();
    if (!more.ok()) return more.status().with_context(path);
    if (!*more) break;
    ++number;
    std::vector<Value> row;
    row.reserve(schema.size());
    for (std::size_t f = 0; f < schema.size(); ++f) {
      if (column_of[f] < 0) {
        row.push_back(schema.field(f).default_value);
        continue;
      }
      auto value = column_value(*statement, column_of[f], schema.field(f));
      if (!value.ok()) return value.status().with_context(path + ": row " + std::to_string(number));
      row.push_back(*value);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

Result<Rows> TableFiles::load(const dsl::PlanStatement& table) {
  const auto& body = std::get<dsl::CheckedTable>(table.body);
  const std::string path = body.path.starts_with("/") ? body.path : folder_ + "/" + body.path;
  if (body.kind == "sqlite") return load_sqlite(path, body.query, *body.schema);
  return load_csv(path, *body.schema);
}

}  // namespace cepheus::host
