// Source text of rule files and the spans that point into it.
//
// Every token, syntax node and diagnostic carries a Span: a byte range in one
// SourceFile. Lines and columns are computed only when a message is printed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cepheus::dsl {

struct Span {
  std::uint32_t begin = 0;  // byte offset of the first character
  std::uint32_t end = 0;    // byte offset just past the last character

  std::uint32_t size() const { return end - begin; }
  // The smallest span that covers both.
  static Span cover(Span a, Span b) { return {a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end}; }
  friend bool operator==(const Span&, const Span&) = default;
};

struct LineColumn {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in characters (UTF-8 aware)
};

// One rule file. Immutable; the text is owned here and every view into it stays
// valid for the file's lifetime.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }
  std::string_view slice(Span span) const { return std::string_view(text_).substr(span.begin, span.size()); }

  LineColumn position(std::uint32_t offset) const;
  // The text of line `line` (1-based) without its line ending.
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

}  // namespace cepheus::dsl
