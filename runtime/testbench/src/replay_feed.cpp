// A replay: a recorded file (JSON lines or CSV) played again, its times moved
// so that it starts with the scenario (or shifted by a given amount) and its
// gaps scaled.
#include <algorithm>
#include <charconv>

#include "cepheus/core/csv_reader.h"
#include "cepheus/core/file.h"
#include "cepheus/core/json_writer.h"
#include "feeds.h"

namespace cepheus::testbench {
namespace {

struct Record {
  std::string source;
  SourceShape shape;
  JsonValue object;
  std::optional<Timestamp> time;
  std::size_t line = 0;
};

// A CSV cell as the JSON value its field's type reads.
std::string cell_json(std::string_view cell, ValueType type) {
  std::string out;
  if (type == ValueType::kInt || type == ValueType::kDouble) {
    double number = 0;
    const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), number);
    if (error == std::errc() && end == cell.data() + cell.size()) return std::string(cell);
  }
  if (type == ValueType::kBool && (cell == "true" || cell == "false")) return std::string(cell);
  append_json_string(out, cell);
  return out;
}

Result<std::vector<Record>> read_csv(const std::string& name, const std::string& text, const Replay& replay,
                                     const dsl::Plan& plan) {
  CsvReader reader(text);
  std::vector<std::string_view> cells;
  if (!reader.next(cells)) return invalid_argument(name + ": no header row");
  std::vector<std::string> header(cells.begin(), cells.end());
  for (std::string& column : header)
    for (const auto& [from, to] : replay.columns)
      if (column == from) column = to;
  const auto source_column = std::find(header.begin(), header.end(), "source");
  if (source_column == header.end() && replay.source.empty())
    return invalid_argument(name + ": the file has no 'source' column; give the replay a 'source'");
  std::vector<Record> records;
  while (reader.next(cells)) {
    const std::string at = name + ":" + std::to_string(reader.record_line());
    Record record;
    record.line = reader.record_line();
    record.source =
        source_column != header.end() ? std::string(cells.at(source_column - header.begin())) : replay.source;
    CEPHEUS_ASSIGN_OR_RETURN(record.shape, source_shape(plan, record.source, at));
    const SourceShape& shape = record.shape;
    std::string json = "{";
    for (std::size_t i = 0; i < cells.size() && i < header.size(); ++i) {
      if (header[i] == "source" || cells[i].empty()) continue;
      const std::size_t field = shape.schema->index_of(header[i]);
      if (field == Schema::npos) continue;  // columns the source does not have are left out
      if (json.size() > 1) json += ',';
      append_json_string(json, header[i]);
      json += ':' + cell_json(cells[i], shape.schema->field(field).type);
    }
    CEPHEUS_ASSIGN_OR_RETURN(record.object, JsonValue::parse(json + "}"));
    record.time = time_in(record.object, shape);
    records.push_back(std::move(record));
  }
  if (!reader.status().ok()) return invalid_argument(name + ": " + reader.status().message());
  return records;
}

Result<std::vector<Record>> read_json_lines(const std::string& name, const std::string& text, const Replay& replay,
                                            const dsl::Plan& plan) {
  std::vector<Record> records;
  std::size_t start = 0;
  std::size_t line = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view row = std::string_view(text).substr(start, end - start);
    start = end + 1;
    ++line;
    if (row.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string at = name + ":" + std::to_string(line);
    auto parsed = JsonValue::parse(row);
    if (!parsed.ok()) return invalid_argument(at + ": " + parsed.status().message());
    Record record;
    record.line = line;
    const JsonValue* source = parsed->find("source");
    const JsonValue* event = parsed->find("event");
    if (source && source->is_string() && event && event->is_object()) {
      record.source = source->text();
      record.object = *event;
    } else if (!replay.source.empty() && parsed->is_object()) {
      record.source = replay.source;
      record.object = std::move(*parsed);
    } else {
      return invalid_argument(at + ": expected {\"source\": ..., \"event\": {...}}, or give the replay a 'source'");
    }
    CEPHEUS_ASSIGN_OR_RETURN(record.shape, source_shape(plan, record.source, at));
    record.time = time_in(record.object, record.shape);
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

Result<std::unique_ptr<Feed>> make_replay_feed(const Scenario& scenario, const Replay& replay, const dsl::Plan& plan,
                                               const std::string& folder) {
  const std::string path = replay.file.starts_with('/') ? replay.file : folder + "/" + replay.file;
  const auto text = read_file(path);
  if (!text.ok())
    return invalid_argument(scenario.path + ":" + std::to_string(replay.line) + ": replay '" + replay.name +
                            "': cannot read '" + path + "': " + text.status().message());
  const bool csv = path.ends_with(".csv");
  CEPHEUS_ASSIGN_OR_RETURN(std::vector<Record> records, csv ? read_csv(replay.file, *text, replay, plan)
                                                            : read_json_lines(replay.file, *text, replay, plan));
  // Records without a time (processing-time sources) keep the time of the record before.
  std::optional<Timestamp> first;
  for (const Record& record : records)
    if (record.time && (!first || *record.time < *first)) first = record.time;
  const Timestamp origin = first.value_or(scenario.start);
  const Timestamp moved_origin = replay.shift ? origin + *replay.shift : scenario.start;
  std::vector<SimulatedEvent> events;
  Timestamp previous = moved_origin;
  for (const Record& record : records) {
    Timestamp time = previous;
    if (record.time) {
      const double gap = static_cast<double>((*record.time - origin).count_nanos()) * replay.scale;
      time = moved_origin + Duration::nanos(static_cast<std::int64_t>(gap));
    }
    previous = time;
    events.push_back({time, record.source, with_time(record.object, record.shape, time)});
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const SimulatedEvent& a, const SimulatedEvent& b) { return a.time < b.time; });
  return std::unique_ptr<Feed>(new EventListFeed(std::move(events)));
}

}  // namespace cepheus::testbench
