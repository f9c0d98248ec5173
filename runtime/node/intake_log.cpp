#include "intake_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cepheus/core/file.h"
#include "cepheus/core/log.h"
#include "intake_record.h"

namespace cepheus::node {
namespace {

constexpr std::uint64_t kRotateBytes = 8u << 20;

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
  file_bytes_ = kIntakeMagic.size();
  if (::write(fd_, kIntakeMagic.data(), kIntakeMagic.size()) != static_cast<ssize_t>(kIntakeMagic.size()))
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
  const std::string record = encode_intake_record(message);
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
    decode_intake_file(*text, all);
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
  // Newest file first, and no further than needed: each broker connection asks
  // at start, and a backlog may have left many files.
  std::vector<IncomingMessage> last;  // newest first, until reversed
  const auto list = files();
  for (auto file = list.rbegin(); file != list.rend() && last.size() < count; ++file) {
    auto text = read_file(file->second);
    if (!text.ok()) return text.status();
    std::vector<IncomingMessage> records;
    decode_intake_file(*text, records);
    for (auto it = records.rbegin(); it != records.rend() && last.size() < count; ++it) {
      if (it->channel == channel) last.push_back(std::move(*it));
    }
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
