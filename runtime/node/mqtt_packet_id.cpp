// Paho C++ 1.2 keeps a message's packet id in the C struct it wraps and shows
// that struct only through c_struct(), which its header declares when
// UNIT_TESTS is defined. The definition adds that one inline accessor and
// changes nothing of the class's layout; it is made in this file alone, before
// any Paho header, so that no other code sees it.
#define UNIT_TESTS 1
#include <mqtt/message.h>
#undef UNIT_TESTS

#include "mqtt_packet_id.h"

namespace cepheus::node {

std::uint16_t packet_id_of(const mqtt::message& message) {
  return message.get_qos() > 0 ? static_cast<std::uint16_t>(message.c_struct().msgid) : 0;
}

}  // namespace cepheus::node
