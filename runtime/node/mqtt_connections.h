// The node's broker connections: the default one (--mqtt, [mqtt]) and named
// ones ([brokers.NAME]). Each keeps a persistent session (a stable client id,
// no clean start, QoS 1 by default), so messages published while the node was
// down arrive when it returns; reconnects with backoff, and subscribes again to
// what the running deployments read. Paho's callbacks only append messages to
// the intake log and hand them to the intake queue.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cepheus/core/result.h"
#include "intake_log.h"
#include "intake_queue.h"
#include "node_metrics.h"
#include "node_options.h"

namespace cepheus::node {

class MqttConnection;

class MqttConnections {
 public:
  MqttConnections(const NodeOptions& options, const std::string& node_id, IntakeLog& log, IntakeQueue& intake,
                  NodeMetrics& metrics);
  ~MqttConnections();

  // Starts every connection; each keeps trying in the background until stop().
  void start();
  void stop();

  // Whether a connection of that name is configured ("" is the default one).
  bool has(const std::string& broker) const;
  bool connected(const std::string& broker) const;
  // What the deployments read from `broker`, filter -> QoS; subscribes to new
  // filters (waiting for the broker to confirm) and unsubscribes from ones no longer read.
  void set_filters(const std::string& broker, const std::map<std::string, int>& filters);
  // Publishes on `broker` (buffered while disconnected); false when it cannot.
  bool publish(const std::string& broker, const std::string& topic, const std::string& payload, int qos, bool retain);
  // name -> "connected" / "connecting", for health and status.
  std::map<std::string, std::string> states() const;

 private:
  std::map<std::string, std::unique_ptr<MqttConnection>> connections_;
};

}  // namespace cepheus::node
