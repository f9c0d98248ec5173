// node_load: measures a running stack, for the numbers in notes (not a test).
//   node_load BROKER_URL NODE_URL TOKEN COUNT
// 1. mosquitto's own publish-to-subscribe rate: COUNT QoS 1 messages to a topic a
//    subscriber of this process reads.
// 2. The node: COUNT readings of tests/data/node-project (deployed as "presses")
//    published as fast as the broker takes them; the rate is COUNT over the time
//    until the node's cepheus_events_in_total has grown by COUNT.
// 3. Latency: one hot streak at a time (three readings over 80 °C); the time from
//    publishing the third to the alert arriving on the node's WebSocket stream.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <mqtt/async_client.h>

#include "cepheus/host/http_client.h"
#include "cepheus/host/websocket_client.h"

namespace {

using Clock = std::chrono::steady_clock;

double events_in(const std::string& node, const std::string& token) {
  auto r = cepheus::host::http_request("GET", node + "/metrics", {{"Authorization", "Bearer " + token}}, "",
                                       std::chrono::seconds(10));
  if (!r.ok()) return -1;
  std::istringstream lines(r->body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("cepheus_events_in_total ", 0) == 0) return std::stod(line.substr(24));
  }
  return 0;
}

std::string reading(long second, double temp) {
  char ts[32], text[160];
  const std::time_t t = 1795680000 + second;
  std::strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  std::snprintf(text, sizeof(text), "{\"temp\":%.1f,\"ts\":\"%s\"}", temp, ts);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: node_load BROKER_URL NODE_URL TOKEN COUNT\n");
    return 2;
  }
  const std::string broker = argv[1], node = argv[2], token = argv[3];
  const long count = std::stol(argv[4]);
  auto options = mqtt::create_options_builder().max_buffered_messages(1000000).finalize();
  mqtt::async_client publisher(broker, "node-load-pub", options);
  publisher.connect(mqtt::connect_options_builder().clean_session(true).max_inflight(65535).finalize())->wait();

  // 1. The broker alone.
  mqtt::async_client subscriber(broker, "node-load-sub");
  std::atomic<long> got{0};
  subscriber.set_message_callback([&](mqtt::const_message_ptr) { ++got; });
  subscriber.connect(mqtt::connect_options_builder().clean_session(true).finalize())->wait();
  subscriber.subscribe("load/broker", 1)->wait();
  auto start = Clock::now();
  mqtt::delivery_token_ptr last;
  for (long i = 0; i < count; ++i) last = publisher.publish("load/broker", reading(i, 50), 1, false);
  while (got < count && Clock::now() - start < std::chrono::seconds(300))
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const double broker_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::printf("mosquitto publish->subscribe: %ld QoS 1 messages in %.2f s: %.0f msg/s\n", got.load(), broker_seconds,
              static_cast<double>(got.load()) / broker_seconds);
  subscriber.disconnect()->wait();

  // 2. Through the node.
  const double before = events_in(node, token);
  double now_in = before;
  start = Clock::now();
  for (long i = 0; i < count; ++i) {
    const int device = static_cast<int>(i % 100);
    last = publisher.publish("test/dev-" + std::to_string(device) + "/readings", reading(i / 100, 60), 1, false);
  }
  while (now_in - before < static_cast<double>(count) && Clock::now() - start < std::chrono::seconds(600)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    now_in = events_in(node, token);
  }
  const double node_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("through cepheus-node (MQTT in, inbox, engine, journal): %.0f events in %.2f s: %.0f events/s\n",
              now_in - before, node_seconds, (now_in - before) / node_seconds);

  // 3. Latency from the third hot reading to the alert on the WebSocket stream.
  std::atomic<bool> keep{true};
  std::atomic<long> alerts{0};
  std::thread tail([&] {
    (void)cepheus::host::websocket_listen(
        node + "/api/v1/alerts/stream", {{"Authorization", "Bearer " + token}},
        [&](std::string_view) {
          ++alerts;
          return keep.load();
        },
        keep);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::vector<double> micros;
  const long base = count / 100 + 100;
  for (int k = 0; k < 200; ++k) {
    const std::string topic = "test/lat-" + std::to_string(k) + "/readings";
    const long at = base + 3L * k;  // event time only moves on: nothing is late
    publisher.publish(topic, reading(at, 85), 1, false)->wait();
    publisher.publish(topic, reading(at + 1, 86), 1, false)->wait();
    const long seen = alerts.load();
    const auto sent = Clock::now();
    publisher.publish(topic, reading(at + 2, 87), 1, false);
    while (alerts.load() == seen && Clock::now() - sent < std::chrono::seconds(5)) std::this_thread::yield();
    if (alerts.load() == seen) {
      std::fprintf(stderr, "node_load: no alert came for %s within 5 s\n", topic.c_str());
      return 1;
    }
    micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - sent).count());
  }
  keep = false;

  std::sort(micros.begin(), micros.end());
  const auto pct = [&](double p) {
    return micros[static_cast<std::size_t>(p / 100 * static_cast<double>(micros.size() - 1))];
  };
  std::printf(
      "end-to-end latency, publish -> alert on the WebSocket (200 alerts): p50 %.0f us, p90 %.0f us, p99 %.0f us, max "
      "%.0f us\n",
      pct(50), pct(90), pct(99), micros.back());
  publisher.disconnect()->wait();
  tail.detach();
  return 0;
}
