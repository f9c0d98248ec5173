#include "mqtt_connections.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <thread>

#include <mqtt/async_client.h>

#include "cepheus/core/clock.h"
#include "cepheus/core/log.h"
#include "mqtt_packet_id.h"
#include "redelivery_filter.h"

namespace cepheus::node {
namespace {

// Paho names a broker's refusal only by its CONNACK code (MQTT 3.1.1, 3.2.2.3):
// say what the code means, so that a wrong password reads as one.
std::string why_not_connected(const mqtt::exception& e) {
  static const char* const kRefusals[] = {"",
                                          "the broker does not take this protocol version",
                                          "the broker refuses the client id",
                                          "the broker is unavailable",
                                          "bad user name or password",
                                          "not authorized: check the user name and password"};
  std::string why = e.what();
  const int code = e.get_return_code();
  if (why.find("CONNACK") != std::string::npos && code >= 1 && code <= 5) why += std::string(": ") + kRefusals[code];
  return why;
}

// What the previous run took on `channel`, for telling a second delivery apart.
std::vector<DeliveryIdentity> earlier_deliveries(const IntakeLog& intake_log, const std::string& channel) {
  std::vector<DeliveryIdentity> identities;
  auto records = intake_log.last_of_channel(channel, RedeliveryFilter::kRemembered);
  if (!records.ok()) {
    log::warn("intake log not read; messages the broker sends again may be taken twice",
              {{"channel", channel}, {"error", records.status().message()}});
    return identities;
  }
  // QoS 0 records too (packet id 0, equal to no later delivery): the last record
  // must be the channel's last, whatever its QoS.
  for (const IncomingMessage& m : *records) identities.push_back(DeliveryIdentity::of(m.packet_id, m.topic, m.payload));
  return identities;
}

}  // namespace

// One broker connection with its subscriptions.
class MqttConnection {
 public:
  MqttConnection(std::string name, BrokerSettings settings, const std::string& node_id, const std::string& data_dir,
                 IntakeLog& log, IntakeQueue& intake, NodeMetrics& metrics)
      : name_(std::move(name)),
        settings_(std::move(settings)),
        client_id_(settings_.client_id.empty() ? "cepheus-node-" + node_id + (name_.empty() ? "" : "-" + name_)
                                               : settings_.client_id),
        client_(settings_.url, client_id_,
                mqtt::create_options_builder()
                    .mqtt_version(settings_.mqtt_version == 5 ? MQTTVERSION_5 : MQTTVERSION_3_1_1)
                    .send_while_disconnected(true)
                    .max_buffered_messages(100000)
                    .finalize(),
                data_dir + "/mqtt"),
        log_(log),
        intake_(intake),
        metrics_(metrics),
        redeliveries_(earlier_deliveries(log, channel())) {
    client_.set_message_callback([this](mqtt::const_message_ptr message) { hand_over(message); });
    // Paho's callback threads must not wait for the broker: the connector
    // thread subscribes again after every (re)connection.
    client_.set_connected_handler([this](const std::string&) {
      connected_ = true;
      log::info("broker connected", {{"broker", label()}, {"url", settings_.url}, {"client_id", client_id_}});
      {
        std::lock_guard lock(mutex_);
        resubscribe_ = true;
      }
      wake_.notify_all();
    });
    client_.set_connection_lost_handler([this](const std::string& cause) {
      connected_ = false;
      log::warn("broker connection lost; reconnecting", {{"broker", label()}, {"cause", cause}});
    });
  }

  ~MqttConnection() { stop(); }

  void start() {
    connector_ = std::thread([this] {
      connect_until_done();
      resubscribe_when_connected();
    });
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      stopping_ = true;
    }
    wake_.notify_all();
    if (connector_.joinable()) connector_.join();
    try {
      if (client_.is_connected()) client_.disconnect(std::chrono::seconds(2))->wait_for(std::chrono::seconds(3));
    } catch (const mqtt::exception& e) {
      log::warn("broker disconnect failed", {{"broker", label()}, {"error", e.what()}});
    }
  }

  bool connected() const { return connected_; }

  void set_filters(const std::map<std::string, int>& filters) {
    std::map<std::string, int> old;
    {
      std::lock_guard lock(mutex_);
      old = std::exchange(filters_, filters);
    }
    if (!connected_) return;  // the connected handler subscribes to all of them
    try {
      // Waits for the broker's acknowledgement, so that a deploy that returned
      // gets every message published after it.
      for (const auto& [filter, qos] : filters) {
        const auto it = old.find(filter);
        if (it == old.end() || it->second != qos) client_.subscribe(filter, qos)->wait_for(std::chrono::seconds(5));
      }
      for (const auto& [filter, qos] : old) {
        if (!filters.count(filter)) client_.unsubscribe(filter);
      }
    } catch (const mqtt::exception& e) {
      log::warn("broker subscription failed", {{"broker", label()}, {"error", e.what()}});
    }
  }

  bool publish(const std::string& topic, const std::string& payload, int qos, bool retain) {
    try {
      client_.publish(topic, payload.data(), payload.size(), qos, retain);
      return true;
    } catch (const mqtt::exception& e) {
      log::warn("publish failed", {{"broker", label()}, {"topic", topic}, {"error", e.what()}});
      return false;
    }
  }

 private:
  std::string label() const { return name_.empty() ? "default" : name_; }
  std::string channel() const { return "mqtt:" + name_; }

  // Runs on Paho's callback thread, one message at a time.
  void hand_over(const mqtt::const_message_ptr& message) {
    IncomingMessage m{channel(), message->get_topic(), message->to_string(),
                      SystemClock::instance().now().nanos_since_epoch()};
    m.packet_id = packet_id_of(*message);
    const auto identity = DeliveryIdentity::of(m.packet_id, m.topic, m.payload);
    if (redeliveries_.repeated(identity, message->is_duplicate())) {
      NodeMetrics::add(metrics_.redeliveries_left_out);
      log::info("message delivered a second time; not taken again",
                {{"broker", label()}, {"topic", m.topic}, {"packet_id", static_cast<long long>(m.packet_id)}});
      return;
    }
    if (log_.accept(std::move(m), intake_)) {
      redeliveries_.remember(identity);
      NodeMetrics::add(metrics_.messages_received);
    } else {
      NodeMetrics::add(metrics_.messages_refused);
    }
  }

  void subscribe_all() {
    std::map<std::string, int> filters;
    {
      std::lock_guard lock(mutex_);
      filters = filters_;
    }
    try {
      for (const auto& [filter, qos] : filters) client_.subscribe(filter, qos)->wait_for(std::chrono::seconds(5));
    } catch (const mqtt::exception& e) {
      log::warn("broker subscription failed", {{"broker", label()}, {"error", e.what()}});
    }
  }

  void resubscribe_when_connected() {
    while (true) {
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || resubscribe_; });
        if (stopping_) return;
        resubscribe_ = false;
      }
      subscribe_all();
    }
  }

  mqtt::connect_options connect_options() const {
    auto builder = mqtt::connect_options_builder();
    builder.mqtt_version(settings_.mqtt_version == 5 ? MQTTVERSION_5 : MQTTVERSION_3_1_1)
        .keep_alive_interval(std::chrono::seconds(20))
        .connect_timeout(std::chrono::seconds(5))
        .automatic_reconnect(std::chrono::milliseconds(500), std::chrono::seconds(30));
    // A persistent session: the broker keeps our subscriptions and queues QoS 1
    // and 2 messages while we are away.
    if (settings_.mqtt_version == 5) {
      builder.clean_start(false).properties({{mqtt::property::SESSION_EXPIRY_INTERVAL, 7 * 24 * 3600}});
    } else {
      builder.clean_session(false);
    }
    if (!settings_.username.empty()) builder.user_name(settings_.username);
    if (!settings_.password.empty()) builder.password(settings_.password);
    if (settings_.url.starts_with("ssl://") || settings_.url.starts_with("mqtts://") ||
        settings_.url.starts_with("wss://")) {
      auto ssl = mqtt::ssl_options_builder();
      if (!settings_.ca_file.empty()) ssl.trust_store(settings_.ca_file);
      builder.ssl(ssl.finalize());
    }
    return builder.finalize();
  }

  // The first connection, retried with backoff; afterwards Paho reconnects by itself.
  void connect_until_done() {
    auto backoff = std::chrono::milliseconds(500);
    while (true) {
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
      try {
        client_.connect(connect_options())->wait();
        std::lock_guard lock(mutex_);
        resubscribe_ = true;
        return;
      } catch (const mqtt::exception& e) {
        log::warn("broker not reachable; retrying", {{"broker", label()},
                                                     {"url", settings_.url},
                                                     {"error", why_not_connected(e)},
                                                     {"retry_ms", static_cast<long long>(backoff.count())}});
      }
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, backoff, [&] { return stopping_; });
      backoff = std::min(backoff * 2, std::chrono::milliseconds(30000));
    }
  }

  const std::string name_;
  const BrokerSettings settings_;
  const std::string client_id_;
  mqtt::async_client client_;
  IntakeLog& log_;
  IntakeQueue& intake_;
  NodeMetrics& metrics_;
  std::atomic<bool> connected_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool resubscribe_ = false;
  std::map<std::string, int> filters_;
  std::thread connector_;
  RedeliveryFilter redeliveries_;  // touched by the callback thread only
};

MqttConnections::MqttConnections(const NodeOptions& options, const std::string& node_id, IntakeLog& log,
                                 IntakeQueue& intake, NodeMetrics& metrics) {
  if (options.mqtt) {
    connections_[""] =
        std::make_unique<MqttConnection>("", *options.mqtt, node_id, options.data_dir, log, intake, metrics);
  }
  for (const auto& [name, settings] : options.brokers) {
    connections_[name] =
        std::make_unique<MqttConnection>(name, settings, node_id, options.data_dir, log, intake, metrics);
  }
}

MqttConnections::~MqttConnections() {
  stop();
}

void MqttConnections::start() {
  for (auto& [name, connection] : connections_) connection->start();
}

void MqttConnections::stop() {
  for (auto& [name, connection] : connections_) connection->stop();
}

bool MqttConnections::has(const std::string& broker) const {
  return connections_.count(broker) != 0;
}

bool MqttConnections::connected(const std::string& broker) const {
  const auto it = connections_.find(broker);
  return it != connections_.end() && it->second->connected();
}

void MqttConnections::set_filters(const std::string& broker, const std::map<std::string, int>& filters) {
  const auto it = connections_.find(broker);
  if (it != connections_.end()) it->second->set_filters(filters);
}

bool MqttConnections::publish(const std::string& broker, const std::string& topic, const std::string& payload, int qos,
                              bool retain) {
  const auto it = connections_.find(broker);
  return it != connections_.end() && it->second->publish(topic, payload, qos, retain);
}

std::map<std::string, std::string> MqttConnections::states() const {
  std::map<std::string, std::string> states;
  for (const auto& [name, connection] : connections_) {
    states[name.empty() ? "default" : name] = connection->connected() ? "connected" : "connecting";
  }
  return states;
}

}  // namespace cepheus::node
