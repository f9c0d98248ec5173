// Where alerts and sink events go once the journal holds them: MQTT topics
// (QoS as declared, published through the node's default connection), webhooks
// (HTTP POST of the alert's JSON, on a thread of their own so that a slow
// receiver never slows the engines; retried with backoff while the receiver is
// away or answers 5xx, 408 or 429), the log, and listeners
// (live streams of the control API).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "node_metrics.h"
#include "running_deployment.h"

namespace cepheus::node {

class MqttConnections;

class AlertSinks {
 public:
  using Listener = std::function<void(const std::string& deployment, const std::string& alert_json)>;

  AlertSinks(MqttConnections& mqtt, NodeMetrics& metrics);
  ~AlertSinks();

  void alert(const std::string& deployment, const ProducedAlert& alert);
  void sink_event(const std::string& deployment, const ProducedSinkEvent& event);

  // Listeners are told of every alert, on the pipeline thread: they must only queue.
  int add_listener(Listener listener);
  void remove_listener(int id);

  // Stops the webhook thread after the queued deliveries had their first try.
  void stop();

 private:
  struct Delivery {
    std::string url;
    std::string body;
  };
  void deliver(const std::vector<engine::ResolvedTarget>& targets, const std::string& json);
  void webhook_loop();

  MqttConnections& mqtt_;
  NodeMetrics& metrics_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Delivery> webhooks_;
  bool stopping_ = false;
  std::thread webhook_thread_;
  std::mutex listeners_mutex_;
  std::vector<std::pair<int, Listener>> listeners_;
  int next_listener_ = 1;
};

}  // namespace cepheus::node
