// `cepheus run PROJECT --replay FILE`: replays recorded events through a project
// and prints its alerts as JSON lines.
#include <cstdio>
#include <filesystem>
#include <map>

#include "arguments.h"
#include "cepheus/core/event_json.h"
#include "cepheus/core/file.h"
#include "cepheus/core/json_cursor.h"
#include "cepheus/core/json_writer.h"
#include "cepheus/engine/engine.h"
#include "commands.h"
#include "project_loader.h"
#include "table_files.h"

namespace cepheus::cli {
namespace {

const char* const kRunHelp = R"(Usage: cepheus run PROJECT --replay FILE

Replays recorded events through a project and prints every alert as one JSON line
on standard output, in a deterministic order: the same input always gives the
same alerts in the same order.

  --replay FILE   JSON lines, one record per line, each naming its source:
                  {"source": "readings", "event": {"device": "press-01", ...}}

Events run in event time (as fast as possible): each source's watermark is the
largest event time it has seen minus its lateness, and an event behind it is
reported as late on standard error. Processing-time sources are stamped with the
latest event time of the replay. A summary goes to standard error.

This engine runs sources, streams, tables (CSV), windows, twins, alerts and
sinks; projects with patterns are refused until the engine runs them. At the end
of the recording every open window closes.

Exit status: 0 every record replayed, 1 some records were malformed or the
project cannot run, 2 usage or I/O problems.
)";

// Alerts to stdout as JSON lines; the rest is counted and summarised.
class PrintingOutput final : public engine::Output {
 public:
  void alert(const engine::Alert& a) override {
    std::string line = "{\"id\":\"" + a.id + "\",\"rule\":";
    append_json_string(line, a.rule);
    line += ",\"severity\":\"" + std::string(dsl::severity_level_name(a.severity)) + "\",\"time\":\"";
    append_timestamp(line, a.time);
    line += "\",\"key\":";
    append_json_string(line, a.key);
    line += ",\"message\":";
    append_json_string(line, a.message);
    line += ",\"targets\":[";
    for (std::size_t i = 0; i < a.targets.size(); ++i) {
      line += i ? ",{\"kind\":" : "{\"kind\":";
      append_json_string(line, a.targets[i].kind);
      if (!a.targets[i].address.empty()) {
        line += ",\"address\":";
        append_json_string(line, a.targets[i].address);
      }
      line += "}";
    }
    line += "]}\n";
    std::fputs(line.c_str(), stdout);
    ++alerts;
  }
  void sink_event(std::string_view, const std::vector<engine::ResolvedTarget>&, const Event&) override {
    ++sink_events;
  }
  void dead_letter(std::string_view source, const Event& event, std::string_view reason) override {
    std::fprintf(stderr, "%s: %s event at %s: %s\n", std::string(source).c_str(), std::string(reason).c_str(),
                 format_timestamp(event.time()).c_str(), event_to_json(event).c_str());
    ++dead_letters;
  }
  void warning(std::string_view statement, std::string_view message) override {
    (void)statement;  // the message names it, with its place
    std::fprintf(stderr, "warning: %s\n", std::string(message).c_str());
  }

  long alerts = 0;
  long sink_events = 0;
  long dead_letters = 0;
};

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

}  // namespace

int run_run(const std::vector<std::string>& words) {
  auto parsed = Arguments::parse(words, {"replay"}, {"help"});
  if (!parsed.ok()) return usage_error("run", parsed.status().message());
  if (parsed->flag("help")) {
    std::fputs(kRunHelp, stdout);
    return 0;
  }
  if (parsed->positional().size() != 1) return usage_error("run", "give one project folder or rule file");
  const auto replay = parsed->value("replay");
  if (!replay) return usage_error("run", "--replay FILE is required (live MQTT arrives with the node)");
  int exit_code = 0;
  auto plan = load_plan("run", parsed->positional(), exit_code);
  if (!plan) return exit_code;
  auto shared = std::make_shared<const dsl::Plan>(std::move(*plan));
  const std::filesystem::path project(parsed->positional()[0]);
  TableFiles tables(std::filesystem::is_directory(project) ? project.string() : project.parent_path().string());
  PrintingOutput output;
  auto engine = engine::Engine::create(shared, tables, output);
  if (!engine.ok()) {
    std::fprintf(stderr, "cepheus run: %s\n", engine.status().message().c_str());
    return 1;
  }
  auto text = read_file(*replay);
  if (!text.ok()) {
    std::fprintf(stderr, "cepheus run: %s\n", text.status().message().c_str());
    return 2;
  }
  // One decoder per source, made when the source first appears.
  std::map<std::string, std::pair<dsl::StatementId, JsonEventDecoder>, std::less<>> decoders;
  long records = 0, bad = 0, line_number = 0;
  Timestamp latest = Timestamp::min();
  std::string_view rest = *text;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    ++line_number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto report = [&](const Status& status) {
      std::fprintf(stderr, "%s:%ld: %s\n", replay->c_str(), line_number, status.message().c_str());
      ++bad;
    };
    auto record = parse_record(line);
    if (!record.ok()) {
      report(record.status());
      continue;
    }
    auto it = decoders.find(record->source);
    if (it == decoders.end()) {
      const auto id = (*engine)->source(record->source);
      if (!id) {
        report(invalid_argument("the project has no source '" + record->source + "'"));
        continue;
      }
      const dsl::PlanStatement& source = shared->statements[*id];
      const auto& body = std::get<dsl::CheckedSource>(source.body);
      JsonDecodeOptions options;
      if (!body.processing_time) options.time_field = source.output->field(body.time_field).name;
      auto decoder = JsonEventDecoder::make(*source.output, options);
      if (!decoder.ok()) {
        report(decoder.status());
        continue;
      }
      it = decoders.emplace(record->source, std::make_pair(*id, std::move(*decoder))).first;
    }
    auto event = it->second.second.decode(record->event, latest == Timestamp::min() ? Timestamp() : latest);
    if (!event.ok()) {
      report(event.status().with_context("event"));
      continue;
    }
    if (event->time() > latest) latest = event->time();
    ++records;
    (*engine)->ingest(it->second.first, *event);
  }
  (*engine)->finish();  // the end of the recording closes every open window
  std::fflush(stdout);
  std::fprintf(stderr, "replayed %ld events (%ld late), %ld malformed records; %ld alerts, %ld sink events\n", records,
               output.dead_letters, bad, output.alerts, output.sink_events);
  return bad == 0 ? 0 : 1;
}

}  // namespace cepheus::cli
