#include "intake_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cepheus/core/file.h"
#include "cepheus/core/log.h"

namespace cepheus::node {
namespace {

constexpr std::uint64_t kRotateBytes = 8u << 20;
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

constexpr std::string_view kMagic(kIntakeFileMagic, sizeof(kIntakeFileMagic));

// One record in one string: its size is filled in once the rest is written.
std::string encode(const IncomingMessage& m) {
  std::string record;
  record.reserve(4 + 8 + 8 + 2 + 2 + m.channel.size() + 4 + m.topic.size() + m.payload.size());
  put<std::uint32_t>(record, 0);
  put<std::uint64_t>(record, m.intake_seq);
  put<std::int64_t>(record, m.received_ns);
  put<std::uint16_t>(record, m.packet_id);
  put<std::uint16_t>(record, static_cast<std::uint16_t>(m.channel.size()));
  record += m.channel;
  put<std::uint32_t>(record, static_cast<std::uint32_t>(m.topic.size()));
  record += m.topic;
  record += m.payload;
  const auto size = static_cast<std::uint32_t>(record.size() - 4);
  for (std::size_t i = 0; i < 4; ++i) record[i] = static_cast<char>((size >> (8 * i)) & 0xff);
  return record;
}

// Reads the records of one file; stops at a torn or damaged tail.
void decode_file(const std::string& text, std::vector<IncomingMessage>& out) {
  std::string_view in(text);
  const bool with_packet_ids = in.starts_with(kMagic);
  if (with_packet_ids) in.remove_prefix(kMagic.size());
  while (true) {
    std::uint32_t size = 0;
    if (!take(in, size) || size > in.size() || size > kMaxRecord) return;
    std::string_view body = in.substr(0, size);
    in.remove_prefix(size);
    IncomingMessage m;
    std::uint16_t channel_size = 0;
    std::uint32_t topic_size = 0;
    if (!take(body, m.intake_seq) || !take(body, m.received_ns) || (with_packet_ids && !take(body, m.packet_id)) ||
        !take(body, channel_size) || body.size() < channel_size) {
      return;
    }
    m.channel = std::string(body.substr(0, channel_size));
    body.remove_prefix(channel_size);
    if (!take(body, topic_size) || body.size() < topic_size) return;
    m.topic = std::string(body.substr(0, topic_size));
    m.payload = std::string(body.substr(topic_size));
    out.push_back(std::move(m));
  }
}

}  // namespace

Result<std::unique_ptr<IntakeLog>> IntakeLog::open(std::string folder, std::uint64_t committed) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) return io_error("cannot create " + folder + ": " + error.message());
  std::unique_ptr<IntakeLog> log(new IntakeLog(std::move(folder)));
  std::uint64_t last = committed;
  auto on_disk = log->all_records();
  if (!on_disk.ok()) return on_disk.status();
  for (const IncomingMessage& m : *on_disk) last = std::max(last, m.intake_seq);
  log->next_seq_ = last + 1;
  // A new file for this run: the last one may end in a torn record.
  CEPHEUS_RETURN_IF_ERROR(log->start_file(log->next_seq_));
  return log;
}

IntakeLog::~IntakeLog() {
  if (fd_ >= 0) ::close(fd_);
}

Status IntakeLog::start_file(std::uint64_t first_seq) {
  if (fd_ >= 0) ::close(fd_);
  char name[32];
  std::snprintf(name, sizeof(name), "%020llu.log", static_cast<unsigned long long>(first_seq));
  const std::string path = folder_ + "/" + name;
  // A file of this name holds no whole record (its first would be `first_seq`,
  // which no record has yet): at most a record torn by a kill, which would
  // hide every record appended after it.
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) return io_error("cannot create " + path + ": " + std::strerror(errno));
  file_bytes_ = kMagic.size();
  if (::write(fd_, kMagic.data(), kMagic.size()) != static_cast<ssize_t>(kMagic.size()))
    return io_error("cannot write " + path + ": " + std::strerror(errno));
  return {};
}

bool IntakeLog::accept(IncomingMessage&& message, IntakeQueue& queue) {
  std::lock_guard lock(mutex_);
  if (queue.full()) return false;
  if (file_bytes_ >= kRotateBytes) {
    if (Status s = start_file(next_seq_); !s.ok()) log::error("intake log rotation failed", {{"error", s.message()}});
  }
  message.intake_seq = next_seq_++;
  const std::string record = encode(message);
  // One write() per record: what the kernel has taken survives a kill of the process.
  std::size_t written = 0;
  while (written < record.size()) {
    const ssize_t n = ::write(fd_, record.data() + written, record.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      log::error("intake log write failed; the message is held in memory only", {{"error", std::strerror(errno)}});
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  file_bytes_ += record.size();
  queue.push(std::move(message));
  return true;
}

std::vector<std::pair<std::uint64_t, std::string>> IntakeLog::files() const {
  std::vector<std::pair<std::uint64_t, std::string>> result;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder_, error)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".log")) continue;
    result.emplace_back(std::strtoull(name.c_str(), nullptr, 10), entry.path().string());
  }
  std::sort(result.begin(), result.end());
  return result;
}

Result<std::vector<IncomingMessage>> IntakeLog::all_records() const {
  std::vector<IncomingMessage> all;
  for (const auto& [first, path] : files()) {
    auto text = read_file(path);
    if (!text.ok()) return text.status();
    decode_file(*text, all);
  }
  return all;
}

Result<std::vector<IncomingMessage>> IntakeLog::records_after(std::uint64_t committed) const {
  auto all = all_records();
  if (!all.ok()) return all.status();
  std::vector<IncomingMessage> after;
  for (IncomingMessage& m : *all) {
    if (m.intake_seq > committed) after.push_back(std::move(m));
  }
  return after;
}

Result<std::vector<IncomingMessage>> IntakeLog::last_of_channel(const std::string& channel, std::size_t count) const {
  auto all = all_records();
  if (!all.ok()) return all.status();
  std::vector<IncomingMessage> last;
  for (auto it = all->rbegin(); it != all->rend() && last.size() < count; ++it) {
    if (it->channel == channel) last.push_back(std::move(*it));
  }
  std::reverse(last.begin(), last.end());
  return last;
}

void IntakeLog::release_up_to(std::uint64_t committed) {
  const auto list = files();
  // The last file is being written; an earlier one ends where the next begins.
  for (std::size_t i = 0; i + 1 < list.size(); ++i) {
    if (list[i + 1].first - 1 <= committed) std::filesystem::remove(list[i].second);
  }
}

}  // namespace cepheus::node
