#include "intake_record.h"

#include <cstdint>

namespace cepheus::node {
namespace {

// Larger than any message a broker or the HTTP ingest hands over.
constexpr std::uint32_t kMaxRecord = 256u << 20;

template <typename T>
void put(std::string& out, T value) {
  for (std::size_t i = 0; i < sizeof(T); ++i)
    out += static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xff);
}

template <typename T>
bool take(std::string_view& in, T& value) {
  if (in.size() < sizeof(T)) return false;
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i)
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  value = static_cast<T>(v);
  in.remove_prefix(sizeof(T));
  return true;
}

// One record's body (after its size); false when it does not hold its fields.
bool decode_body(std::string_view body, bool with_packet_id, IncomingMessage& m) {
  std::uint16_t channel_size = 0;
  std::uint32_t topic_size = 0;
  if (!take(body, m.intake_seq) || !take(body, m.received_ns) || (with_packet_id && !take(body, m.packet_id)) ||
      !take(body, channel_size) || body.size() < channel_size) {
    return false;
  }
  m.channel = std::string(body.substr(0, channel_size));
  body.remove_prefix(channel_size);
  if (!take(body, topic_size) || body.size() < topic_size) return false;
  m.topic = std::string(body.substr(0, topic_size));
  m.payload = std::string(body.substr(topic_size));
  return true;
}

}  // namespace

std::string encode_intake_record(const IncomingMessage& m) {
  const std::string_view channel = std::string_view(m.channel).substr(0, UINT16_MAX);
  std::string record;
  record.reserve(4 + 8 + 8 + 2 + 2 + channel.size() + 4 + m.topic.size() + m.payload.size());
  put<std::uint32_t>(record, 0);  // the size, filled in once the rest is written
  put<std::uint64_t>(record, m.intake_seq);
  put<std::int64_t>(record, m.received_ns);
  put<std::uint16_t>(record, m.packet_id);
  put<std::uint16_t>(record, static_cast<std::uint16_t>(channel.size()));
  record += channel;
  put<std::uint32_t>(record, static_cast<std::uint32_t>(m.topic.size()));
  record += m.topic;
  record += m.payload;
  const auto size = static_cast<std::uint32_t>(record.size() - 4);
  for (std::size_t i = 0; i < 4; ++i) record[i] = static_cast<char>((size >> (8 * i)) & 0xff);
  return record;
}

std::size_t decode_intake_file(std::string_view file, std::vector<IncomingMessage>& out) {
  std::string_view in = file;
  const bool with_packet_ids = in.starts_with(kIntakeMagic);
  if (with_packet_ids) in.remove_prefix(kIntakeMagic.size());
  while (true) {
    const std::size_t read = file.size() - in.size();
    std::string_view rest = in;
    std::uint32_t size = 0;
    if (!take(rest, size) || size > rest.size() || size > kMaxRecord) return read;
    IncomingMessage m;
    if (!decode_body(rest.substr(0, size), with_packet_ids, m)) return read;
    out.push_back(std::move(m));
    in = rest.substr(size);
  }
}

}  // namespace cepheus::node
