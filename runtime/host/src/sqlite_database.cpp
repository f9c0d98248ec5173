#include "cepheus/host/sqlite_database.h"

#include <sqlite3.h>

#include <utility>

namespace cepheus::host {
namespace {

Status sqlite_error(sqlite3* db, std::string_view doing) {
  const int code = sqlite3_extended_errcode(db);
  const StatusCode status = (code & 0xff) == SQLITE_FULL         ? StatusCode::kResourceExhausted
                            : (code & 0xff) == SQLITE_CONSTRAINT ? StatusCode::kAlreadyExists
                            : (code & 0xff) == SQLITE_ERROR      ? StatusCode::kInvalidArgument
                                                                 : StatusCode::kIoError;
  return {status, std::string(doing) + ": " + sqlite3_errmsg(db)};
}

}  // namespace

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : db_(other.db_), statement_(std::exchange(other.statement_, nullptr)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    db_ = other.db_;
    statement_ = std::exchange(other.statement_, nullptr);
  }
  return *this;
}

SqliteStatement::~SqliteStatement() {
  sqlite3_finalize(statement_);
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value) {
  sqlite3_bind_double(statement_, index, value);
  return *this;
}

SqliteStatement& SqliteStatement::bind_text(int index, std::string_view value) {
  sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

SqliteStatement& SqliteStatement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

SqliteStatement& SqliteStatement::bind_null(int index) {
  sqlite3_bind_null(statement_, index);
  return *this;
}

Result<bool> SqliteStatement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status error = sqlite_error(db_, "running '" + std::string(sqlite3_sql(statement_)) + "'");
  sqlite3_reset(statement_);
  return error;
}

Status SqliteStatement::run() {
  while (true) {
    auto row = step();
    if (!row.ok()) return row.status();
    if (!*row) break;
  }
  reset();
  return {};
}

void SqliteStatement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

int SqliteStatement::column_count() const {
  return sqlite3_column_count(statement_);
}

std::string_view SqliteStatement::column_name(int column) const {
  const char* name = sqlite3_column_name(statement_, column);
  return name ? name : "";
}

SqliteStatement::ColumnType SqliteStatement::column_type(int column) const {
  switch (sqlite3_column_type(statement_, column)) {
    case SQLITE_INTEGER: return ColumnType::kInteger;
    case SQLITE_FLOAT: return ColumnType::kReal;
    case SQLITE_TEXT: return ColumnType::kText;
    case SQLITE_BLOB: return ColumnType::kBlob;
    default: return ColumnType::kNull;
  }
}

std::int64_t SqliteStatement::column_int(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double SqliteStatement::column_double(int column) const {
  return sqlite3_column_double(statement_, column);
}

std::string_view SqliteStatement::column_text(int column) const {
  // Blob first, then bytes: the order SQLite documents for reading a value's size.
  const void* data = sqlite3_column_blob(statement_, column);
  const int size = sqlite3_column_bytes(statement_, column);
  return data ? std::string_view(static_cast<const char*>(data), static_cast<std::size_t>(size)) : std::string_view();
}

Result<SqliteDatabase> SqliteDatabase::open(const std::string& path, Mode mode) {
  sqlite3* db = nullptr;
  const int flags = (mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    Status error =
        io_error("cannot open SQLite database '" + path + "': " + (db ? sqlite3_errmsg(db) : "out of memory"));
    sqlite3_close(db);
    return error;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);  // another connection's write lock is brief; wait rather than fail
  return SqliteDatabase(db, path);
}

SqliteDatabase::SqliteDatabase(SqliteDatabase&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

SqliteDatabase::~SqliteDatabase() {
  sqlite3_close(db_);  // statements are finalized by their owners first
}

Status SqliteDatabase::exec(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    Status error = sqlite_error(db_, path_);
    sqlite3_free(message);
    return error;
  }
  return {};
}

Result<SqliteStatement> SqliteDatabase::prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "preparing '" + std::string(sql) + "'");
  }
  return SqliteStatement(db_, statement);
}

std::int64_t SqliteDatabase::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}

int SqliteDatabase::changes() const {
  return sqlite3_changes(db_);
}

}  // namespace cepheus::host
