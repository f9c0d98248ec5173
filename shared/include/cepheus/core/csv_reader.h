// CsvReader: reads records of RFC 4180 CSV text, one at a time.
//
// Fields are separated by the delimiter (',' by default); a field may be quoted
// with '"', and then holds delimiters, line breaks and doubled quotes ("").
// Records end with LF or CRLF; the last one may have no line ending; empty lines
// and a UTF-8 byte-order mark at the start are skipped. The reader is strict: a
// quote inside an unquoted field, text after a closing quote, an unclosed quote
// and invalid UTF-8 are errors that name the line and column. The first error
// stops it. Not thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/core/status.h"

namespace cepheus {

class CsvReader {
 public:
  static constexpr std::size_t kMaxFields = 4096;

  // `first_line`: the line number of the text's first line, for reading the
  // rest of a file from the middle.
  explicit CsvReader(std::string_view text, char delimiter = ',', std::size_t first_line = 1);

  // Reads the next record into `fields`; the views stay valid until the next call.
  // Returns false at the end of the text or on an error (then status() is not ok).
  bool next(std::vector<std::string_view>& fields);

  // The line on which the last record read starts (1-based).
  std::size_t record_line() const { return record_line_; }
  // Byte offsets into the text: where the last record read starts (after any
  // empty lines before it), and where reading goes on (after its line ending).
  std::size_t record_start() const { return record_start_; }
  std::size_t offset() const { return pos_; }
  // ok, or "line 4, column 10: <why>".
  Status status() const { return status_; }

 private:
  bool fail(std::size_t line, std::size_t column, std::string message);

  std::string_view text_;
  char delimiter_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;  // offset where line_ starts, for columns
  std::size_t record_line_ = 0;
  std::size_t record_start_ = 0;
  Status status_;
  std::string scratch_;  // unescaped quoted fields
};

}  // namespace cepheus
