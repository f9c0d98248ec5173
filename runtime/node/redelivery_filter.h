// MQTT delivers a QoS 1 message at least once, and a message the node has
// already written to its intake log can reach it a second time in two ways:
//
// - Paho hands a message to our callback at once when none is waiting, and
//   sends the PUBACK only after the callback returns. A kill in between, or a
//   connection lost before the PUBACK arrived, and the broker sends the message
//   again, flagged DUP, with the same packet id (MQTT 3.1.1 and 5, 4.3.2).
// - A message that had to wait is kept in Paho's persistence folder, already
//   acknowledged, until our callback returns. A kill in between, and Paho
//   delivers it again, before any other, at the next start. Callbacks run one
//   at a time, so only the last message the previous run logged on a
//   connection can come back this way.
//
// One filter per broker connection tells those second deliveries apart by
// their packet id and a hash of topic and payload. Everything else is taken,
// even a message equal to an earlier one: sensors may well repeat themselves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace cepheus::node {

struct DeliveryIdentity {
  std::uint16_t packet_id = 0;
  std::uint64_t content = 0;  // FNV-1a of topic, a zero byte, payload; 0 without a packet id

  static DeliveryIdentity of(std::uint16_t packet_id, std::string_view topic, std::string_view payload);
  bool operator==(const DeliveryIdentity&) const = default;
};

class RedeliveryFilter {
 public:
  // How many of a connection's latest deliveries are remembered: far more than
  // a broker keeps in flight unacknowledged (mosquitto: 20 by default).
  static constexpr std::size_t kRemembered = 1024;

  // `earlier`: the connection's last deliveries in the previous run (the intake
  // log's records of its channel, QoS 0 ones with packet id 0), oldest first.
  explicit RedeliveryFilter(const std::vector<DeliveryIdentity>& earlier);

  // Whether a QoS 1 or 2 message (packet id != 0) is a second delivery of one
  // already taken: the first message since the start when it equals the previous
  // run's last one, or a message flagged DUP that equals a remembered one.
  bool repeated(const DeliveryIdentity& message, bool dup_flag) const;
  // Remembers a message that was taken (one without a packet id only as taken).
  void remember(const DeliveryIdentity& message);

 private:
  std::vector<DeliveryIdentity> recent_;  // a ring of up to kRemembered
  std::size_t next_ = 0;                  // where the ring writes next once full
  std::optional<DeliveryIdentity> last_before_start_;
  bool taken_since_start_ = false;
};

}  // namespace cepheus::node
