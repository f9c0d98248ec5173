#include "live_mqtt.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <map>
#include <set>

#include <mqtt/async_client.h>

#include "cepheus/core/clock.h"
#include "cepheus/core/event_json.h"
#include "cepheus/core/mqtt_topic.h"
#include "replay_reader.h"

namespace cepheus::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void request_stop(int) {
  g_stop.store(true);
}

// An MQTT source of the project: what to subscribe to and how to read its messages.
struct LiveSource {
  dsl::StatementId id = 0;
  std::string filter;
  int qos = 1;
  std::vector<dsl::TopicSegment> segments;
  bool processing_time = false;
  JsonEventDecoder decoder;
};

}  // namespace

int run_live_mqtt(const std::string& url, const dsl::Plan& plan, RunEngine& engine, RunOutput& output) {
  std::vector<LiveSource> sources;
  for (dsl::StatementId id = 0; id < plan.statements.size(); ++id) {
    const dsl::PlanStatement& s = plan.statements[id];
    if (s.kind != dsl::StatementKind::kSource) continue;
    const auto& body = std::get<dsl::CheckedSource>(s.body);
    if (body.connector != "mqtt") {
      std::fprintf(stderr, "cepheus run: source '%s' reads %s, not MQTT: it gets no events in a live run\n",
                   s.name.c_str(), body.connector.c_str());
      continue;
    }
    JsonDecodeOptions options;
    options.time_field = time_field_of(s);
    auto decoder = JsonEventDecoder::make(*s.output, options);
    if (!decoder.ok()) {
      std::fprintf(stderr, "cepheus run: source '%s': %s\n", s.name.c_str(), decoder.status().message().c_str());
      return 1;
    }
    sources.push_back({id, body.target, body.qos, body.segments, body.processing_time, std::move(*decoder)});
  }
  if (sources.empty()) {
    std::fprintf(stderr, "cepheus run: the project has no MQTT source to listen to\n");
    return 1;
  }
  const std::string client_id = "cepheus-run-" + std::to_string(::getpid());
  long received = 0, bad = 0;
  try {
    mqtt::async_client client(url, client_id);
    auto options = mqtt::connect_options_builder()
                       .clean_session(true)
                       .automatic_reconnect(std::chrono::seconds(1), std::chrono::seconds(30))
                       .finalize();
    client.start_consuming();
    client.connect(options)->wait();
    std::map<std::string, int> filters;  // each filter once, at the highest QoS asked for it
    for (const LiveSource& s : sources) filters[s.filter] = std::max(filters[s.filter], s.qos);
    for (const auto& [filter, qos] : filters) client.subscribe(filter, qos)->wait();
    output.set_publisher([&client](const std::string& topic, const std::string& payload, int qos) {
      client.publish(topic, payload.data(), payload.size(), qos, false);
    });
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
    std::fprintf(stderr, "cepheus run: connected to %s as %s, listening on %zu topic filters; Ctrl-C stops\n",
                 url.c_str(), client_id.c_str(), filters.size());
    SystemClock clock;
    while (!g_stop.load()) {
      mqtt::const_message_ptr message;
      if (!client.try_consume_message_for(&message, std::chrono::milliseconds(200)) || !message) {
        engine.flush();  // quiet: pass on what sharded workers hold
        continue;
      }
      const std::string& topic = message->get_topic();
      const std::string payload = message->to_string();
      const std::vector<std::string_view> levels = topic_levels(topic);
      for (const LiveSource& s : sources) {
        if (!topic_matches(s.filter, topic)) continue;
        ++received;
        std::vector<std::pair<std::size_t, Value>> given;
        for (const dsl::TopicSegment& segment : s.segments) {
          if (segment.level < levels.size())
            given.emplace_back(segment.field_index, Value::string(levels[segment.level]));
        }
        auto event = s.decoder.decode(payload, clock.now(), given);
        if (!event.ok()) {
          std::fprintf(stderr, "%s: %s\n", topic.c_str(), event.status().message().c_str());
          ++bad;
          continue;
        }
        engine.ingest(s.id, *event);
      }
    }
    engine.flush();
    output.set_publisher(nullptr);
    client.disconnect()->wait();
  } catch (const mqtt::exception& e) {
    std::fprintf(stderr, "cepheus run: MQTT broker %s: %s\n", url.c_str(), e.what());
    return 1;
  }
  std::fprintf(stderr, "stopped: %ld messages, %ld malformed (%ld late); %ld alerts, %ld sink events\n", received, bad,
               output.dead_letters, output.alerts, output.sink_events);
  return 0;
}

}  // namespace cepheus::cli
