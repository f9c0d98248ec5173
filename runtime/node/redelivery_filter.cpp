#include "redelivery_filter.h"

#include <algorithm>

#include "cepheus/core/stable_hash.h"

namespace cepheus::node {

DeliveryIdentity DeliveryIdentity::of(std::uint16_t packet_id, std::string_view topic, std::string_view payload) {
  if (packet_id == 0) return {};  // QoS 0: never delivered again, so never compared
  const std::uint64_t after_topic = fnv1a(std::string_view("\0", 1), fnv1a(topic));
  return {packet_id, fnv1a(payload, after_topic)};
}

RedeliveryFilter::RedeliveryFilter(const std::vector<DeliveryIdentity>& earlier) {
  recent_.reserve(kRemembered);
  const std::size_t skip = earlier.size() > kRemembered ? earlier.size() - kRemembered : 0;
  for (std::size_t i = skip; i < earlier.size(); ++i) remember(earlier[i]);
  if (!earlier.empty()) last_before_start_ = earlier.back();
  taken_since_start_ = false;
}

bool RedeliveryFilter::repeated(const DeliveryIdentity& message, bool dup_flag) const {
  if (message.packet_id == 0) return false;
  if (!taken_since_start_ && last_before_start_ == message) return true;
  return dup_flag && std::find(recent_.begin(), recent_.end(), message) != recent_.end();
}

void RedeliveryFilter::remember(const DeliveryIdentity& message) {
  taken_since_start_ = true;
  if (message.packet_id == 0) return;  // the ring is for what a broker may send again
  if (recent_.size() < kRemembered) {
    recent_.push_back(message);
    return;
  }
  recent_[next_] = message;
  next_ = (next_ + 1) % kRemembered;
}

}  // namespace cepheus::node
