#include "alert_sinks.h"

#include <chrono>

#include "cepheus/core/log.h"
#include "cepheus/host/http_client.h"
#include "mqtt_connections.h"

namespace cepheus::node {
namespace {

constexpr std::size_t kMaxQueuedWebhooks = 10000;
constexpr int kWebhookAttempts = 5;

}  // namespace

AlertSinks::AlertSinks(MqttConnections& mqtt, NodeMetrics& metrics)
    : mqtt_(mqtt), metrics_(metrics), webhook_thread_([this] { webhook_loop(); }) {}

AlertSinks::~AlertSinks() {
  stop();
}

void AlertSinks::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  ready_.notify_all();
  if (webhook_thread_.joinable()) webhook_thread_.join();
}

void AlertSinks::alert(const std::string& deployment, const ProducedAlert& a) {
  deliver(a.targets, a.json);
  std::lock_guard lock(listeners_mutex_);
  for (const auto& [id, listener] : listeners_) listener(deployment, a.json);
}

void AlertSinks::sink_event(const std::string&, const ProducedSinkEvent& e) {
  deliver(e.targets, e.json);
}

int AlertSinks::add_listener(Listener listener) {
  std::lock_guard lock(listeners_mutex_);
  listeners_.emplace_back(next_listener_, std::move(listener));
  return next_listener_++;
}

void AlertSinks::remove_listener(int id) {
  std::lock_guard lock(listeners_mutex_);
  std::erase_if(listeners_, [id](const auto& entry) { return entry.first == id; });
}

void AlertSinks::deliver(const std::vector<engine::ResolvedTarget>& targets, const std::string& json) {
  for (const engine::ResolvedTarget& t : targets) {
    if (t.kind == "mqtt") {
      if (!mqtt_.publish(t.broker, t.address, json, t.qos, t.retain)) NodeMetrics::add(metrics_.publish_failures);
    } else if (t.kind == "webhook") {
      std::lock_guard lock(mutex_);
      if (webhooks_.size() >= kMaxQueuedWebhooks) {
        NodeMetrics::add(metrics_.publish_failures);
        log::warn("webhook queue full; delivery dropped", {{"url", t.address}});
        continue;
      }
      webhooks_.push_back({t.address, json});
      ready_.notify_one();
    } else if (t.kind == "log") {
      log::info("alert", {{"alert", json}});
    }
    // "journal": the pipeline journals every alert before it comes here.
  }
}

void AlertSinks::webhook_loop() {
  while (true) {
    Delivery delivery;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !webhooks_.empty(); });
      if (webhooks_.empty()) return;
      delivery = std::move(webhooks_.front());
      webhooks_.pop_front();
    }
    auto backoff = std::chrono::milliseconds(250);
    for (int attempt = 1; attempt <= kWebhookAttempts; ++attempt) {
      auto response = host::http_request("POST", delivery.url, {{"Content-Type", "application/json"}}, delivery.body,
                                         std::chrono::seconds(5));
      if (response.ok() && response->status >= 200 && response->status < 300) break;
      const std::string why = response.ok() ? "HTTP " + std::to_string(response->status) : response.status().message();
      // A refusal of the request itself (a 4xx other than 408 and 429, or a redirect,
      // which is not followed) comes back the same however often it is sent.
      const bool permanent =
          response.ok() && response->status < 500 && response->status != 408 && response->status != 429;
      const bool last = attempt == kWebhookAttempts || stopping_ || permanent;
      log::warn(last ? "webhook failed; giving up" : "webhook failed; retrying",
                {{"url", delivery.url}, {"attempt", attempt}, {"error", why}});
      if (last) {
        NodeMetrics::add(metrics_.publish_failures);
        break;
      }
      std::unique_lock lock(mutex_);
      ready_.wait_for(lock, backoff, [&] { return stopping_; });
      backoff *= 2;
    }
  }
}

}  // namespace cepheus::node
