#include "cepheus/dsl/diagnostic.h"

#include <algorithm>

#include "cepheus/core/json_writer.h"

namespace cepheus::dsl {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

void Diagnostics::add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::kError) ++errors_;
  if (diagnostic.severity == Severity::kWarning) ++warnings_;
  if (items_.size() >= kMaxKept) {
    ++dropped_;
    return;
  }
  items_.push_back(std::move(diagnostic));
}

void Diagnostics::error(const SourceFile& file, Span span, std::string message, std::string hint) {
  add({Severity::kError, &file, span, std::move(message), std::move(hint)});
}

void Diagnostics::warning(const SourceFile& file, Span span, std::string message, std::string hint) {
  add({Severity::kWarning, &file, span, std::move(message), std::move(hint)});
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const std::string& pa = a.file ? a.file->path() : std::string();
    const std::string& pb = b.file ? b.file->path() : std::string();
    if (pa != pb) return pa < pb;
    return a.span.begin < b.span.begin;
  });
}

std::string render_text(const Diagnostic& d) {
  std::string out;
  if (d.file == nullptr) {
    out = std::string(severity_name(d.severity)) + ": " + d.message + "\n";
    if (!d.hint.empty()) out += "hint: " + d.hint + "\n";
    return out;
  }
  const LineColumn at = d.file->position(d.span.begin);
  out += d.file->path() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": ";
  out += std::string(severity_name(d.severity)) + ": " + d.message + "\n";
  const std::string_view line = d.file->line_text(at.line);
  const std::string number = std::to_string(at.line);
  const std::string gutter(number.size(), ' ');
  out += " " + number + " | " + std::string(line) + "\n";
  // The caret line repeats tabs so that the caret lines up under tabs too.
  std::string marks;
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < line.size() && column < at.column; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
    marks += line[i] == '\t' ? '\t' : ' ';
    ++column;
  }
  const LineColumn last = d.file->position(d.span.end > d.span.begin ? d.span.end - 1 : d.span.begin);
  const std::uint32_t width = last.line == at.line && last.column >= at.column ? last.column - at.column + 1 : 1;
  marks += '^';
  marks += std::string(width - 1, '~');
  out += " " + gutter + " | " + marks + "\n";
  if (!d.hint.empty()) out += "hint: " + d.hint + "\n";
  return out;
}

std::string render_json(const Diagnostic& d) {
  std::string out = "{\"file\":";
  append_json_string(out, d.file ? d.file->path() : "");
  const LineColumn begin = d.file ? d.file->position(d.span.begin) : LineColumn{};
  const LineColumn end = d.file ? d.file->position(d.span.end) : LineColumn{};
  out += ",\"line\":" + std::to_string(begin.line) + ",\"column\":" + std::to_string(begin.column);
  out += ",\"end_line\":" + std::to_string(end.line) + ",\"end_column\":" + std::to_string(end.column);
  out += ",\"severity\":";
  append_json_string(out, severity_name(d.severity));
  out += ",\"message\":";
  append_json_string(out, d.message);
  out += ",\"hint\":";
  append_json_string(out, d.hint);
  out += "}";
  return out;
}

}  // namespace cepheus::dsl
