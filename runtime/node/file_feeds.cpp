#include "file_feeds.h"

#include <charconv>
#include <chrono>
#include <cstdio>

#include "cepheus/core/clock.h"
#include "cepheus/core/log.h"

namespace cepheus::node {
namespace {

constexpr std::size_t kSlice = 256;  // records per feed before the next feed's turn

bool parse_number(std::string_view text, int base, std::uint64_t& out) {
  const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return problem == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

std::string fingerprint_text(std::uint64_t fingerprint) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(fingerprint));
  return text;
}

std::string file_record_topic(const FileRecordTopic& place) {
  return fingerprint_text(place.fingerprint) + ":" + std::to_string(place.from) + "-" + std::to_string(place.end);
}

std::optional<FileRecordTopic> parse_file_record_topic(std::string_view topic) {
  const std::size_t colon = topic.find(':');
  const std::size_t dash = topic.find('-', colon == std::string_view::npos ? 0 : colon);
  if (colon == std::string_view::npos || dash == std::string_view::npos) return std::nullopt;
  FileRecordTopic place;
  if (!parse_number(topic.substr(0, colon), 16, place.fingerprint) ||
      !parse_number(topic.substr(colon + 1, dash - colon - 1), 10, place.from) ||
      !parse_number(topic.substr(dash + 1), 10, place.end) || place.end <= place.from) {
    return std::nullopt;
  }
  return place;
}

struct FileFeeds::Feed {
  Feed(std::string name, std::shared_ptr<const std::vector<host::FileSource>> files, std::vector<std::size_t> from)
      : deployment(std::move(name)), sources(std::move(files)), merge(*sources, from), read_to(std::move(from)) {
    read_to.resize(sources->size(), 0);
  }
  std::string deployment;
  std::shared_ptr<const std::vector<host::FileSource>> sources;
  host::FileRecordMerge merge;
  std::vector<std::size_t> read_to;  // per source: where its last record ended
  std::atomic<bool> cancelled{false};
  std::uint64_t records = 0;
};

FileFeeds::~FileFeeds() {
  stop();
}

void FileFeeds::start() {
  thread_ = std::thread([this] { run(); });
}

void FileFeeds::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [name, feed] : feeds_) feed->cancelled = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void FileFeeds::feed(const std::string& deployment, std::shared_ptr<const std::vector<host::FileSource>> sources,
                     std::vector<std::size_t> from) {
  auto fresh = std::make_shared<Feed>(deployment, std::move(sources), std::move(from));
  {
    std::lock_guard lock(mutex_);
    auto& slot = feeds_[deployment];
    if (slot) slot->cancelled = true;
    slot = std::move(fresh);
  }
  changed_.notify_all();
}

void FileFeeds::cancel(const std::string& deployment) {
  std::lock_guard lock(mutex_);
  const auto it = feeds_.find(deployment);
  if (it == feeds_.end()) return;
  it->second->cancelled = true;
  feeds_.erase(it);
}

void FileFeeds::run() {
  while (true) {
    std::vector<std::shared_ptr<Feed>> work;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || !feeds_.empty(); });
      if (stopping_) return;
      for (const auto& [name, feed] : feeds_) work.push_back(feed);
    }
    for (const auto& feed : work) {
      if (feed_slice(*feed)) continue;
      std::lock_guard lock(mutex_);
      const auto it = feeds_.find(feed->deployment);
      if (it != feeds_.end() && it->second == feed) feeds_.erase(it);
    }
  }
}

bool FileFeeds::feed_slice(Feed& feed) {
  for (std::size_t n = 0; n < kSlice; ++n) {
    // Half the queue stays free for MQTT, whose messages are lost when it is full.
    while (queue_.size() >= queue_.limit() / 2 + 1) {
      if (feed.cancelled) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (feed.cancelled) return false;
    host::FileRecord record;
    if (!feed.merge.next(record)) {
      for (const std::string& problem : feed.merge.problems()) {
        log::error("a file source stops early", {{"deployment", feed.deployment}, {"problem", problem}});
      }
      log::info("file sources read", {{"deployment", feed.deployment}, {"records", feed.records}});
      return false;
    }
    const host::FileSource& source = (*feed.sources)[record.source];
    // The range starts where the file's previous record ended, so that blank
    // lines and a CSV header between them are covered too.
    std::size_t& from = feed.read_to[record.source];
    IncomingMessage message{"file:" + feed.deployment + "/" + source.name,
                            file_record_topic({source.fingerprint, from, record.end}), std::string(record.text),
                            SystemClock::instance().now().nanos_since_epoch()};
    from = record.end;
    while (!log_.accept(std::move(message), queue_)) {
      if (feed.cancelled) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ++feed.records;
    NodeMetrics::add(metrics_.file_records);
  }
  return true;
}

}  // namespace cepheus::node
