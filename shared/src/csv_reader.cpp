#include "cepheus/core/csv_reader.h"

#include "cepheus/core/utf8.h"

namespace cepheus {

CsvReader::CsvReader(std::string_view text, char delimiter, std::size_t first_line)
    : text_(text), delimiter_(delimiter), line_(first_line) {
  if (text_.starts_with("\xEF\xBB\xBF")) {
    pos_ = 3;
    line_start_ = 3;
  }
}

bool CsvReader::fail(std::size_t line, std::size_t column, std::string message) {
  status_ = invalid_argument("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                             std::move(message));
  pos_ = text_.size();
  return false;
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
  fields.clear();
  if (!status_.ok()) return false;
  // Skip empty lines.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  record_line_ = line_;
  record_start_ = pos_;
  scratch_.clear();

  // Where each field's text is: in the input, or (for quoted fields with "") in scratch_.
  struct Span {
    std::size_t begin;
    std::size_t length;
    bool in_scratch;
  };
  std::vector<Span> spans;
  const auto column = [&](std::size_t offset) { return offset - line_start_ + 1; };

  while (true) {
    if (spans.size() >= kMaxFields) {
      return fail(line_, column(pos_), "more than " + std::to_string(kMaxFields) + " fields in one record");
    }
    const std::size_t field_start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      const std::size_t open_line = line_;
      const std::size_t open_column = column(pos_);
      ++pos_;
      const std::size_t scratch_begin = scratch_.size();
      bool closed = false;
      while (pos_ < text_.size()) {
        const char c = text_[pos_];
        if (c == '"') {
          if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
            scratch_ += '"';
            pos_ += 2;
            continue;
          }
          ++pos_;
          closed = true;
          break;
        }
        if (c == '\n') {
          ++line_;
          line_start_ = pos_ + 1;
        }
        scratch_ += c;
        ++pos_;
      }
      if (!closed) {
        return fail(open_line, open_column, "the quoted field that starts here is never closed with '\"'");
      }
      if (pos_ < text_.size() && text_[pos_] != delimiter_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
        return fail(line_, column(pos_),
                    std::string("unexpected '") + text_[pos_] +
                        "' after a closing quote; write a quote inside a quoted field as \"\"");
      }
      spans.push_back({scratch_begin, scratch_.size() - scratch_begin, true});
    } else {
      while (pos_ < text_.size() && text_[pos_] != delimiter_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
        if (text_[pos_] == '"') {
          return fail(line_, column(pos_),
                      "a '\"' inside an unquoted field; quote the whole field and write the quote as \"\"");
        }
        ++pos_;
      }
      spans.push_back({field_start, pos_ - field_start, false});
    }
    const Span& span = spans.back();
    const std::string_view field_text = span.in_scratch ? std::string_view(scratch_).substr(span.begin, span.length)
                                                        : text_.substr(span.begin, span.length);
    const char* reason = nullptr;
    const std::size_t bad = find_invalid_utf8(field_text, reason);
    if (bad != std::string_view::npos) {
      return fail(record_line_, column(field_start) + (span.in_scratch ? 1 : 0),
                  "field " + std::to_string(spans.size()) + " is not valid UTF-8: " + reason);
    }
    if (pos_ < text_.size() && text_[pos_] == delimiter_) {
      ++pos_;
      continue;
    }
    break;  // end of record
  }
  if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '\n') {
    ++pos_;
    ++line_;
    line_start_ = pos_;
  }
  fields.reserve(spans.size());
  for (const Span& span : spans) {
    fields.push_back(span.in_scratch ? std::string_view(scratch_).substr(span.begin, span.length)
                                     : text_.substr(span.begin, span.length));
  }
  return true;
}

}  // namespace cepheus
