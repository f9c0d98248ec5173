// `cepheus run PROJECT --replay FILE`: replays recorded events through a project
// (on one engine or sharded over threads, as fast as possible or paced) and
// prints its alerts as JSON lines.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "cepheus/core/event_json.h"
#include "cepheus/core/file.h"
#include "cepheus/core/json_writer.h"
#include "cepheus/engine/engine.h"
#include "cepheus/engine/sharded_engine.h"
#include "cepheus/host/arguments.h"
#include "cepheus/host/file_sources.h"
#include "cepheus/host/replay_reader.h"
#include "cepheus/host/table_files.h"
#include "commands.h"
#include "live_mqtt.h"
#include "pace.h"
#include "project_loader.h"
#include "run_engine.h"
#include "run_output.h"

namespace cepheus::cli {
namespace {

const char* const kRunHelp =
    R"(Usage: cepheus run PROJECT --replay FILE [--workers N] [--speed max|realtime|Nx] [--trace]
       cepheus run PROJECT [--workers N] [--speed max|realtime|Nx] [--trace]
       cepheus run PROJECT --mqtt URL [--workers N] [--trace]

Replays recorded events through a project and prints every alert as one JSON line
on standard output, in a deterministic order: the same input always gives the
same alerts in the same order. Or runs the project live against an MQTT broker.

With neither --replay nor --mqtt, the project's `from file` sources are read:
each file's events (JSON lines, or CSV with a header when the file ends in .csv),
the files merged by event time, as the node reads them.

  --replay FILE   the recording; each record names its source:
                    JSON lines: {"source": "readings", "event": {"device": "press-01", ...}}
                    CSV (a file ending in .csv): a header row with a 'source' column;
                    the other columns are matched to the source's fields by name
  --mqtt URL      live: subscribe to every MQTT source's topic on the broker at URL
                  (tcp://host:1883, ssl://host:8883), fill topic placeholders into
                  their fields, decode each JSON payload and run it; alerts print as
                  they happen, and alerts and sinks with mqtt targets are published
                  to the same broker. Runs until Ctrl-C (SIGINT) or SIGTERM.
  --workers N     spread the keys over N threads (default 1). The project's state
                  must be kept per one field (every window grouped by it, every
                  pattern partitioned by it, ...); otherwise it runs on one thread
                  and says why. The alerts are the same; each key's in the same order.
  --trace         print every step of pattern matching on standard error: which
                  step took an event, which condition failed and with which values
                  ("temp 78.5 failed > 80"), absences broken, deadlines passed
  --speed S       max (default): as fast as possible; realtime: event time paced
                  to the wall clock; Nx (such as 10x): N times faster than real time

Events run in event time: each source's watermark is the largest event time it
has seen minus its lateness, and an event behind it is reported as late on
standard error. Processing-time sources are stamped with the latest event time
of the replay. At the end of the recording every open window closes and every
pattern deadline passes. Warnings (such as partial matches dropped at a limit)
and a summary go to standard error.

Exit status: 0 every record replayed, 1 some records were malformed or the
project cannot run, 2 usage or I/O problems.
)";

// What became of each pattern's partial matches: the first hint when an alert did not come.
void print_pattern_summary(const engine::Engine& engine) {
  const dsl::Plan& plan = engine.plan();
  for (dsl::StatementId id = 0; id < plan.statements.size(); ++id) {
    if (plan.statements[id].kind != dsl::StatementKind::kPattern) continue;
    const engine::PatternStats s = engine.pattern_stats(id);
    std::fprintf(stderr,
                 "pattern '%s': matches %llu; partial matches ended without one: %llu at a deadline, %llu by an event, "
                 "%llu by the skip strategy, %llu at a limit (--trace tells which and why)\n",
                 plan.statements[id].name.c_str(), static_cast<unsigned long long>(s.matches),
                 static_cast<unsigned long long>(s.expired), static_cast<unsigned long long>(s.broken),
                 static_cast<unsigned long long>(s.skipped), static_cast<unsigned long long>(s.dropped));
  }
}

// Processing-time events are stamped with the latest event time read so far.
Timestamp stamp_of(Timestamp latest) {
  return latest == Timestamp::min() ? Timestamp() : latest;
}

void print_summary(long records, long bad, const RunOutput& output, const RunEngine& engine) {
  std::fflush(stdout);
  std::fprintf(stderr, "replayed %ld events (%ld late), %ld malformed records; %ld alerts, %ld sink events\n", records,
               output.dead_letters, bad, output.alerts, output.sink_events);
  if (engine.single) print_pattern_summary(*engine.single);
}

// `cepheus run PROJECT` alone: the project's `from file` sources, merged by event time.
int replay_file_sources(const std::filesystem::path& project, const dsl::Plan& plan, RunEngine& engine,
                        RunOutput& output, Pace& pace) {
  const std::string folder = std::filesystem::is_directory(project) ? project.string() : project.parent_path().string();
  auto sources = host::load_file_sources(plan, folder);
  if (!sources.ok()) {
    std::fprintf(stderr, "cepheus run: %s\n", sources.status().message().c_str());
    return 1;
  }
  if (sources->empty()) {
    return usage_error("run", "the project has no `from file` source to read; give --replay FILE or --mqtt URL");
  }
  long records = 0, bad = 0;
  Timestamp latest = Timestamp::min();
  host::FileRecordMerge merge(*sources, {});
  host::FileRecord record;
  while (merge.next(record)) {
    const host::FileSource& source = (*sources)[record.source];
    auto event = source.decoder.decode(record.text, stamp_of(latest));
    if (!event.ok()) {
      std::fprintf(stderr, "%s:%zu: %s\n", (std::filesystem::path(folder) / source.path).c_str(), record.line,
                   event.status().message().c_str());
      ++bad;
      continue;
    }
    ++records;
    latest = std::max(latest, event->time());
    pace.wait_for(event->time());
    engine.ingest(source.id, *event);
  }
  for (const std::string& problem : merge.problems()) {
    std::fprintf(stderr, "cepheus run: %s\n", problem.c_str());
    ++bad;
  }
  engine.finish();
  print_summary(records, bad, output, engine);
  return bad == 0 ? 0 : 1;
}

}  // namespace

int run_run(const std::vector<std::string>& words) {
  auto parsed = host::Arguments::parse(words, {"replay", "mqtt", "workers", "speed"}, {"help", "trace"});
  if (!parsed.ok()) return usage_error("run", parsed.status().message());
  if (parsed->flag("help")) {
    std::fputs(kRunHelp, stdout);
    return 0;
  }
  if (parsed->positional().size() != 1) return usage_error("run", "give one project folder or rule file");
  const auto replay = parsed->value("replay");
  const auto broker = parsed->value("mqtt");
  if (replay && broker) return usage_error("run", "give either --replay FILE or --mqtt URL, not both");
  if (broker && parsed->value("speed"))
    return usage_error("run", "--speed paces replays; a live run goes at the broker's pace");
  int workers = 1;
  if (const auto text = parsed->value("workers")) {
    char* end = nullptr;
    const long n = std::strtol(text->c_str(), &end, 10);
    if (end != text->c_str() + text->size() || n < 1 || n > 256) {
      return usage_error("run", "--workers takes a number of threads from 1 to 256, not '" + *text + "'");
    }
    workers = static_cast<int>(n);
  }
  Pace pace;
  if (const auto text = parsed->value("speed")) {
    const auto factor = parse_speed(*text);
    if (!factor) return usage_error("run", "--speed takes max, realtime or a factor such as 10x, not '" + *text + "'");
    pace.factor = *factor;
  }
  int exit_code = 0;
  auto plan = load_plan("run", parsed->positional(), exit_code);
  if (!plan) return exit_code;
  auto shared = std::make_shared<const dsl::Plan>(std::move(*plan));
  const std::filesystem::path project(parsed->positional()[0]);
  host::TableFiles tables(std::filesystem::is_directory(project) ? project.string() : project.parent_path().string());
  RunOutput output;
  StderrTrace trace;
  engine::EngineOptions options;
  if (parsed->flag("trace")) options.trace = &trace;
  RunEngine engine;
  if (workers > 1) {
    auto sharded = engine::ShardedEngine::create(shared, tables, output, workers, options);
    if (sharded.ok()) {
      engine.sharded = std::move(*sharded);
    } else {
      std::fprintf(stderr, "cepheus run: %s; running on one thread\n", sharded.status().message().c_str());
    }
  }
  if (!engine.sharded) {
    auto single = engine::Engine::create(shared, tables, output, options);
    if (!single.ok()) {
      std::fprintf(stderr, "cepheus run: %s\n", single.status().message().c_str());
      return 1;
    }
    engine.single = std::move(*single);
  }
  if (broker) return run_live_mqtt(*broker, *shared, engine, output);
  if (!replay) return replay_file_sources(project, *shared, engine, output, pace);
  auto text = read_file(*replay);
  if (!text.ok()) {
    std::fprintf(stderr, "cepheus run: %s\n", text.status().message().c_str());
    return 2;
  }
  long records = 0, bad = 0;
  host::ReplayCallbacks callbacks;
  callbacks.find_source = [&](std::string_view name) { return engine.source(name); };
  callbacks.on_event = [&](dsl::StatementId source, const Event& event) {
    ++records;
    pace.wait_for(event.time());
    engine.ingest(source, event);
  };
  callbacks.on_error = [&](long line, const Status& problem) {
    std::fprintf(stderr, "%s:%ld: %s\n", replay->c_str(), line, problem.message().c_str());
    ++bad;
  };
  host::read_replay(*replay, *text, *shared, callbacks);
  engine.finish();  // the end of the recording: every window closes, every deadline passes
  print_summary(records, bad, output, engine);
  return bad == 0 ? 0 : 1;
}

}  // namespace cepheus::cli
