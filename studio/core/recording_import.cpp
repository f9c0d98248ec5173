#include "recording_import.h"

#include <algorithm>
#include <cctype>

#include "cepheus/core/csv_reader.h"
#include "cepheus/core/json_value.h"
#include "cepheus/core/trim.h"

namespace cepheus::studio {
namespace {

// "Device_ID", "device-id" and "device id" all read "deviceid".
std::string loose(std::string_view name) {
  std::string out;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view first_line(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim_blanks(text.substr(at, end - at));
    if (!line.empty()) return line;
    at = end + 1;
  }
  return {};
}

bool has_field(const SourceShape& shape, std::string_view name) {
  return std::any_of(shape.fields.begin(), shape.fields.end(), [&](const auto& f) { return f.first == name; });
}

}  // namespace

Result<RecordingGuess> guess_recording(std::string_view path, std::string_view text,
                                       const std::vector<SourceShape>& sources) {
  RecordingGuess guess;
  guess.csv = path.ends_with(".csv");
  std::vector<std::string> names;
  if (guess.csv) {
    CsvReader reader(text);
    std::vector<std::string_view> header;
    if (!reader.next(header)) {
      if (!reader.status().ok()) return invalid_argument(std::string(path) + ": " + reader.status().message());
      return invalid_argument(std::string(path) + ": the file is empty; a CSV recording starts with a header row");
    }
    for (std::string_view column : header) names.emplace_back(trim_blanks(column));
    const auto source_column = std::find(names.begin(), names.end(), "source");
    if (source_column != names.end()) {
      guess.names_sources = true;
      names.erase(source_column);
    }
  } else {
    const std::string_view line = first_line(text);
    if (line.empty()) return invalid_argument(std::string(path) + ": the file is empty");
    const auto record = JsonValue::parse(line);
    if (!record.ok() || !record->is_object())
      return invalid_argument(std::string(path) +
                              ": the first record is not a JSON object; a recording holds one per line");
    const JsonValue* source = record->find("source");
    const JsonValue* event = record->find("event");
    const bool named = source && source->is_string() && event && event->is_object();
    guess.names_sources = named;
    if (named) guess.source = source->text();
    for (const auto& [name, value] : (named ? *event : *record).members()) names.push_back(name);
  }

  if (guess.source.empty()) {
    std::size_t best = 0;
    for (const SourceShape& shape : sources) {
      std::size_t fits = 0;
      for (const std::string& name : names)
        fits += std::any_of(shape.fields.begin(), shape.fields.end(),
                            [&](const auto& f) { return f.first == name || loose(f.first) == loose(name); });
      if (fits > best) {
        best = fits;
        guess.source = shape.name;
      }
    }
  }
  const auto shape =
      std::find_if(sources.begin(), sources.end(), [&](const SourceShape& s) { return s.name == guess.source; });
  for (const std::string& name : names) {
    if (shape == sources.end()) break;
    if (has_field(*shape, name)) continue;
    const auto field = std::find_if(shape->fields.begin(), shape->fields.end(),
                                    [&](const auto& f) { return loose(f.first) == loose(name); });
    if (guess.csv && field != shape->fields.end()) {
      guess.columns.emplace_back(name, field->first);
    } else {
      guess.unknown.push_back(name);
    }
  }
  return guess;
}

}  // namespace cepheus::studio
