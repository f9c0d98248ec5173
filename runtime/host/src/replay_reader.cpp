#include "cepheus/host/replay_reader.h"

#include <map>
#include <vector>

#include "cepheus/core/csv_reader.h"
#include "cepheus/core/event_csv.h"
#include "cepheus/core/event_json.h"
#include "cepheus/core/json_cursor.h"
#include "cepheus/host/source_decoding.h"

namespace cepheus::host {
namespace {

// One line of a replay: {"source": NAME, "event": {...}}, in either order.
struct ReplayRecord {
  std::string source;
  std::string_view event;  // the event object's text
};

Result<ReplayRecord> parse_record(std::string_view line) {
  JsonCursor cursor(line);
  ReplayRecord record;
  bool has_event = false;
  if (!cursor.consume('{')) {
    cursor.fail("expected a record {\"source\": ..., \"event\": {...}}");
    return cursor.status();
  }
  do {
    std::string_view key;
    if (cursor.peek() != JsonKind::kString || !cursor.read_string(key)) {
      cursor.fail("expected \"source\" or \"event\"");
      return cursor.status();
    }
    const std::string name(key);
    if (!cursor.consume(':')) {
      cursor.fail("expected ':'");
      return cursor.status();
    }
    if (name == "source") {
      std::string_view source;
      if (cursor.peek() != JsonKind::kString || !cursor.read_string(source)) {
        cursor.fail("\"source\" names a source of the project, in quotes");
        return cursor.status();
      }
      record.source = std::string(source);
    } else if (name == "event") {
      if (cursor.peek() != JsonKind::kObject) {
        cursor.fail("\"event\" is the event as a JSON object");
        return cursor.status();
      }
      const std::size_t start = cursor.offset();
      if (!cursor.skip_value(1)) return cursor.status();
      record.event = line.substr(start, cursor.offset() - start);
      has_event = true;
    } else {
      cursor.fail("unknown member \"" + name + "\"; a record has \"source\" and \"event\"");
      return cursor.status();
    }
  } while (cursor.consume(','));
  if (!cursor.consume('}') || !cursor.at_end()) {
    cursor.fail("expected the end of the record");
    return cursor.status();
  }
  if (record.source.empty() || !has_event) return invalid_argument("a record needs \"source\" and \"event\"");
  return record;
}

void read_json_lines(std::string_view text, const dsl::Plan& plan, const ReplayCallbacks& callbacks) {
  // One decoder per source, made when the source first appears.
  std::map<std::string, std::pair<dsl::StatementId, JsonEventDecoder>, std::less<>> decoders;
  long line_number = 0;
  Timestamp latest = Timestamp::min();
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    ++line_number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto record = parse_record(line);
    if (!record.ok()) {
      callbacks.on_error(line_number, record.status());
      continue;
    }
    auto it = decoders.find(record->source);
    if (it == decoders.end()) {
      const auto id = callbacks.find_source(record->source);
      if (!id) {
        callbacks.on_error(line_number, invalid_argument("the project has no source '" + record->source + "'"));
        continue;
      }
      JsonDecodeOptions options;
      options.time_field = time_field_of(plan.statements[*id]);
      auto decoder = JsonEventDecoder::make(*plan.statements[*id].output, options);
      if (!decoder.ok()) {
        callbacks.on_error(line_number, decoder.status());
        continue;
      }
      it = decoders.emplace(record->source, std::make_pair(*id, std::move(*decoder))).first;
    }
    auto event = it->second.second.decode(record->event, latest == Timestamp::min() ? Timestamp() : latest);
    if (!event.ok()) {
      callbacks.on_error(line_number, event.status().with_context("event"));
      continue;
    }
    if (event->time() > latest) latest = event->time();
    callbacks.on_event(it->second.first, *event);
  }
}

void read_csv(std::string_view text, const dsl::Plan& plan, const ReplayCallbacks& callbacks) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.next(fields)) {
    callbacks.on_error(
        1, reader.status().ok() ? invalid_argument("the file is empty; it needs a header row") : reader.status());
    return;
  }
  const std::vector<std::string> header(fields.begin(), fields.end());
  std::vector<std::string_view> header_views(header.begin(), header.end());
  std::size_t source_column = header.size();
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "source") source_column = i;
  }
  if (source_column == header.size()) {
    callbacks.on_error(1, invalid_argument("the header has no 'source' column naming each record's source"));
    return;
  }
  std::map<std::string, std::pair<dsl::StatementId, CsvEventDecoder>, std::less<>> decoders;
  Timestamp latest = Timestamp::min();
  while (reader.next(fields)) {
    const long line = static_cast<long>(reader.record_line());
    if (fields.size() != header.size()) {
      callbacks.on_error(line, invalid_argument("the record has " + std::to_string(fields.size()) +
                                                " fields but the header has " + std::to_string(header.size())));
      continue;
    }
    const std::string_view source = fields[source_column];
    auto it = decoders.find(source);
    if (it == decoders.end()) {
      const auto id = callbacks.find_source(source);
      if (!id) {
        callbacks.on_error(line, invalid_argument("the project has no source '" + std::string(source) + "'"));
        continue;
      }
      CsvDecodeOptions options;
      options.time_field = time_field_of(plan.statements[*id]);
      auto decoder = CsvEventDecoder::make(*plan.statements[*id].output, header_views, options);
      if (!decoder.ok()) {
        callbacks.on_error(line, decoder.status().with_context("source '" + std::string(source) + "'"));
        continue;
      }
      it = decoders.emplace(std::string(source), std::make_pair(*id, std::move(*decoder))).first;
    }
    auto event = it->second.second.decode(fields, latest == Timestamp::min() ? Timestamp() : latest);
    if (!event.ok()) {
      callbacks.on_error(line, event.status());
      continue;
    }
    if (event->time() > latest) latest = event->time();
    callbacks.on_event(it->second.first, *event);
  }
  if (!reader.status().ok()) callbacks.on_error(static_cast<long>(reader.record_line()), reader.status());
}

}  // namespace

void read_replay(const std::string& path, std::string_view text, const dsl::Plan& plan,
                 const ReplayCallbacks& callbacks) {
  if (path.ends_with(".csv")) {
    read_csv(text, plan, callbacks);
  } else {
    read_json_lines(text, plan, callbacks);
  }
}

}  // namespace cepheus::host
