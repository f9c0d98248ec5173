#include "live_mqtt.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <map>

#include <mqtt/async_client.h>

#include "cepheus/core/clock.h"
#include "cepheus/host/mqtt_sources.h"

namespace cepheus::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void request_stop(int) {
  g_stop.store(true);
}

}  // namespace

int run_live_mqtt(const std::string& url, const dsl::Plan& plan, RunEngine& engine, RunOutput& output) {
  for (const dsl::PlanStatement& s : plan.statements) {
    if (s.kind != dsl::StatementKind::kSource) continue;
    const auto& body = std::get<dsl::CheckedSource>(s.body);
    if (body.connector != "mqtt") {
      std::fprintf(stderr, "cepheus run: source '%s' reads %s, not MQTT: it gets no events in a live run\n",
                   s.name.c_str(), body.connector.c_str());
    } else if (!body.broker.empty()) {
      std::fprintf(stderr, "cepheus run: source '%s' reads broker '%s'; a live run uses one broker, %s, for all\n",
                   s.name.c_str(), body.broker.c_str(), url.c_str());
    }
  }
  auto sources = host::MqttSources::make(plan);
  if (!sources.ok()) {
    std::fprintf(stderr, "cepheus run: %s\n", sources.status().message().c_str());
    return 1;
  }
  if (sources->empty()) {
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
    std::map<std::string, int> filters;  // a live run puts every source on its one broker
    for (const std::string& broker : sources->brokers()) {
      for (const auto& [filter, qos] : sources->filters(broker)) filters[filter] = std::max(filters[filter], qos);
    }
    for (const auto& [filter, qos] : filters) client.subscribe(filter, qos)->wait();
    output.set_publisher([&client](const std::string& topic, const std::string& payload, int qos, bool retain) {
      client.publish(topic, payload.data(), payload.size(), qos, retain);
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
      for (const std::string& broker : sources->brokers()) {
        sources->route(broker, topic, payload, clock.now(),
                       [&](const host::MqttSource& source, const Result<Event>& event) {
                         ++received;
                         if (!event.ok()) {
                           std::fprintf(stderr, "%s: %s\n", topic.c_str(), event.status().message().c_str());
                           ++bad;
                           return;
                         }
                         engine.ingest(source.id, *event);
                       });
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
