// `cepheus simulate SCENARIO`: a scenario's events to a file (a replay for
// `cepheus run --replay` and the tests), to standard output, or published to
// an MQTT broker, each on its source's topic, as a load generator.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <deque>
#include <filesystem>

#include <mqtt/async_client.h>

#include "cepheus/core/file.h"
#include "cepheus/host/arguments.h"
#include "cepheus/testbench/simulation.h"
#include "cepheus/testbench/topic.h"
#include "commands.h"
#include "pace.h"
#include "project_loader.h"

namespace cepheus::cli {
namespace {

const char* const kSimulateHelp =
    R"(Usage: cepheus simulate SCENARIO [-o FILE | --mqtt URL] [--speed max|realtime|Nx] [--rate N]
                        [--project DIR] [--quiet]

Makes the events of a scenario (a .toml file in a project's scenarios/ folder;
see docs/scenarios.md): generated populations, anomalies, replayed recordings
and scripted events, merged in event time. The same scenario and seed always
give the same events, byte for byte.

  -o, --output FILE  write the events as JSON lines, one {"source": ..., "event": {...}}
                     per line: a replay for 'cepheus run PROJECT --replay FILE'
                     (without -o and --mqtt they go to standard output)
  --mqtt URL         publish each event as JSON to its source's MQTT topic on the
                     broker at URL (tcp://host:1883), placeholders such as {device}
                     filled from the event (a bare + level as "_"); QoS as the
                     source declares
  --speed S          max (default for files): as fast as possible; realtime: event
                     time paced to the wall clock; Nx: N times faster than real time
  --rate N           N events per second of wall-clock time, whatever their times
                     (a load generator); overrides --speed
  --project DIR      the project whose sources the events are for (default: the
                     folder above scenarios/, or the scenario's own folder)
  --quiet            no progress line

A progress line on standard error shows the events sent and the rate.

Exit status: 0 all events made (and sent), 1 the scenario or project is wrong or
the broker refused, 2 usage or I/O problems.
)";

std::string default_project(const std::filesystem::path& scenario) {
  const std::filesystem::path folder = scenario.parent_path().empty() ? "." : scenario.parent_path();
  if (folder.filename() == "scenarios") return folder.parent_path().empty() ? "." : folder.parent_path().string();
  return folder.string();
}

class Progress {
 public:
  explicit Progress(bool quiet) : quiet_(quiet), started_(std::chrono::steady_clock::now()) {}
  void count(bool final = false) {
    ++sent_;
    if ((sent_ & 1023) != 0 && !final) return;
    const auto now = std::chrono::steady_clock::now();
    if (!final && now - shown_ < std::chrono::milliseconds(500)) return;
    shown_ = now;
    show(false);
  }
  void finish() { show(true); }
  std::uint64_t sent() const { return sent_; }

 private:
  void show(bool last) const {
    if (quiet_ && !last) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    const double rate = seconds > 0 ? static_cast<double>(sent_) / seconds : 0;
    std::fprintf(stderr, "\rcepheus simulate: %llu events in %.1f s (%.0f events/s)%s",
                 static_cast<unsigned long long>(sent_), seconds, rate, last ? "\n" : "");
  }

  bool quiet_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point shown_;
  std::uint64_t sent_ = 0;
};

const dsl::PlanStatement* find_source(const dsl::Plan& plan, const std::string& name) {
  for (const dsl::PlanStatement& s : plan.statements)
    if (s.kind == dsl::StatementKind::kSource && s.name == name) return &s;
  return nullptr;
}

int publish(testbench::Simulation& simulation, const dsl::Plan& plan, const std::string& url, Pace& pace,
            Progress& progress) {
  try {
    constexpr std::size_t kWindow = 64;
    mqtt::async_client client(url, "cepheus-simulate-" + std::to_string(::getpid()));
    client.connect(mqtt::connect_options_builder().clean_session(true).max_inflight(kWindow).finalize())->wait();
    // At most kWindow messages in flight: the client buffers only so many, and a
    // load generator should go at the broker's pace rather than fail.
    std::deque<mqtt::delivery_token_ptr> in_flight;
    while (auto event = simulation.next()) {
      pace.wait_for(event->time);
      const dsl::PlanStatement* source = find_source(plan, event->source);
      const auto object = JsonValue::parse(event->fields);
      const auto topic = testbench::topic_for(*source, *object);
      if (!topic.ok()) {
        std::fprintf(stderr, "\ncepheus simulate: %s\n", topic.status().message().c_str());
        return 1;
      }
      const int qos = std::get<dsl::CheckedSource>(source->body).qos;
      if (in_flight.size() >= kWindow) {
        in_flight.front()->wait();
        in_flight.pop_front();
      }
      in_flight.push_back(client.publish(*topic, event->fields.data(), event->fields.size(), qos, false));
      progress.count();
    }
    for (const auto& token : in_flight) token->wait();
    client.disconnect()->wait();
  } catch (const mqtt::exception& e) {
    std::fprintf(stderr, "\ncepheus simulate: MQTT broker %s: %s\n", url.c_str(), e.what());
    return 1;
  }
  progress.finish();
  return 0;
}

}  // namespace

int run_simulate(const std::vector<std::string>& input) {
  std::vector<std::string> words = input;
  for (std::string& word : words)
    if (word == "-o") word = "--output";
  auto parsed = host::Arguments::parse(words, {"output", "mqtt", "speed", "rate", "project"}, {"help", "quiet"});
  if (!parsed.ok()) return usage_error("simulate", parsed.status().message());
  if (parsed->flag("help")) {
    std::fputs(kSimulateHelp, stdout);
    return 0;
  }
  if (parsed->positional().size() != 1) return usage_error("simulate", "give one scenario file");
  const auto output = parsed->value("output");
  const auto broker = parsed->value("mqtt");
  if (output && broker) return usage_error("simulate", "give -o FILE or --mqtt URL, not both");
  Pace pace;
  if (const auto text = parsed->value("speed")) {
    const auto factor = parse_speed(*text);
    if (!factor)
      return usage_error("simulate", "--speed takes max, realtime or a factor such as 10x, not '" + *text + "'");
    pace.factor = *factor;
  }
  if (const auto text = parsed->value("rate")) {
    char* end = nullptr;
    pace.rate = std::strtod(text->c_str(), &end);
    if (end != text->c_str() + text->size() || !(pace.rate > 0 && pace.rate < 1e9))
      return usage_error("simulate", "--rate takes a number of events per second above 0, not '" + *text + "'");
  }

  const std::string scenario_path = parsed->positional()[0];
  const auto text = read_file(scenario_path);
  if (!text.ok()) {
    std::fprintf(stderr, "cepheus simulate: cannot read %s: %s\n", scenario_path.c_str(),
                 text.status().message().c_str());
    return 2;
  }
  const auto scenario = testbench::parse_scenario(scenario_path, *text);
  if (!scenario.ok()) {
    std::fprintf(stderr, "cepheus simulate: %s\n", scenario.status().message().c_str());
    return 1;
  }
  const std::string project = parsed->value("project").value_or(default_project(scenario_path));
  int exit_code = 0;
  const auto plan = load_plan("simulate", {project}, exit_code);
  if (!plan) return exit_code;
  const std::string folder = std::filesystem::path(scenario_path).parent_path().string();
  auto simulation = testbench::Simulation::create(*scenario, *plan, folder.empty() ? "." : folder);
  if (!simulation.ok()) {
    std::fprintf(stderr, "cepheus simulate: %s\n", simulation.status().message().c_str());
    return 1;
  }
  Progress progress(parsed->flag("quiet") || (!output && !broker));
  if (broker) return publish(**simulation, *plan, *broker, pace, progress);

  std::FILE* out = stdout;
  if (output) {
    out = std::fopen(output->c_str(), "wb");
    if (!out) {
      std::fprintf(stderr, "cepheus simulate: cannot write %s\n", output->c_str());
      return 2;
    }
  }
  std::string buffer;
  while (auto event = (*simulation)->next()) {
    pace.wait_for(event->time);
    buffer += event->replay_line();
    buffer += '\n';
    if (buffer.size() > (1 << 16) || pace.factor > 0 || pace.rate > 0) {
      std::fwrite(buffer.data(), 1, buffer.size(), out);
      buffer.clear();
      if (pace.factor > 0 || pace.rate > 0) std::fflush(out);
    }
    progress.count();
  }
  std::fwrite(buffer.data(), 1, buffer.size(), out);
  const bool written = std::fflush(out) == 0 && (out == stdout || std::fclose(out) == 0);
  if (!written) {
    std::fprintf(stderr, "cepheus simulate: writing %s failed\n", output ? output->c_str() : "standard output");
    return 2;
  }
  progress.finish();
  return 0;
}

}  // namespace cepheus::cli
