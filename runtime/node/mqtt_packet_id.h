// The packet identifier MQTT gave a received QoS 1 or 2 message.
#pragma once

#include <cstdint>

namespace mqtt {
class message;
}

namespace cepheus::node {

// 0 for a QoS 0 message, which has none.
std::uint16_t packet_id_of(const mqtt::message& message);

}  // namespace cepheus::node
