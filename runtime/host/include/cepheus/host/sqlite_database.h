// A thin, owning face of SQLite: a database connection and prepared statements
// whose failures come back as a Status that quotes SQLite's own reason. Callers
// never see sqlite3.h, which keeps it out of every header that includes this one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "cepheus/core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace cepheus::host {

class SqliteStatement {
 public:
  enum class ColumnType : std::uint8_t { kNull, kInteger, kReal, kText, kBlob };

  SqliteStatement(SqliteStatement&&) noexcept;
  SqliteStatement& operator=(SqliteStatement&&) noexcept;
  ~SqliteStatement();

  // Parameters count from 1, as in SQL's `?1`.
  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind(int index, double value);
  SqliteStatement& bind_text(int index, std::string_view value);
  SqliteStatement& bind_blob(int index, std::string_view bytes);
  SqliteStatement& bind_null(int index);

  // One step: true while there is a row to read, false when done.
  Result<bool> step();
  // Steps to the end (for statements that return no rows).
  Status run();
  // Ready to run again with new parameters.
  void reset();

  int column_count() const;
  std::string_view column_name(int column) const;
  ColumnType column_type(int column) const;
  std::int64_t column_int(int column) const;
  double column_double(int column) const;
  // Valid until the next step or reset.
  std::string_view column_text(int column) const;

 private:
  friend class SqliteDatabase;
  SqliteStatement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  sqlite3* db_;
  sqlite3_stmt* statement_;
};

class SqliteDatabase {
 public:
  enum class Mode : std::uint8_t { kReadOnly, kReadWriteCreate };

  static Result<SqliteDatabase> open(const std::string& path, Mode mode);
  SqliteDatabase(SqliteDatabase&&) noexcept;
  SqliteDatabase& operator=(SqliteDatabase&&) noexcept;
  ~SqliteDatabase();

  // Runs one or more statements that return no rows.
  Status exec(std::string_view sql);
  Result<SqliteStatement> prepare(std::string_view sql);
  std::int64_t last_insert_rowid() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int changes() const;
  const std::string& path() const { return path_; }

 private:
  SqliteDatabase(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// Runs `body` in a transaction: committed when it returns ok, rolled back otherwise.
template <typename Body>
Status in_transaction(SqliteDatabase& db, Body&& body) {
  CEPHEUS_RETURN_IF_ERROR(db.exec("BEGIN IMMEDIATE"));
  Status status = body();
  if (!status.ok()) {
    (void)db.exec("ROLLBACK");
    return status;
  }
  return db.exec("COMMIT");
}

}  // namespace cepheus::host
