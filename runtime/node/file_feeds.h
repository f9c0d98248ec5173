// Feeds the `from file` sources of running deployments into the intake, on a
// thread of its own. Each record is appended to the intake log and queued like
// an ingested line, on the channel "file:DEPLOYMENT/SOURCE" with the topic
// "FINGERPRINT:FROM-END" (which file, and the bytes from the end of the file's
// previous record to the end of this one). The pipeline takes a record only
// when FROM is where the file's last taken record ended, so a record is taken once even when a feed starts again from
// an older position (after a restart, a stop or a redeploy), and it keeps how far each file is read in the same
// transaction as the record. A full intake queue makes a feed wait: a file can wait, a broker cannot.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "cepheus/host/file_sources.h"
#include "intake_log.h"
#include "intake_queue.h"
#include "node_metrics.h"

namespace cepheus::node {

// A file record's place, as its message's topic says it.
struct FileRecordTopic {
  std::uint64_t fingerprint = 0;
  std::uint64_t from = 0;  // where the file's previous record ended
  std::uint64_t end = 0;   // where this one ends
};
std::string file_record_topic(const FileRecordTopic& place);
// A file's fingerprint as 16 hex digits, as topics and the store write it.
std::string fingerprint_text(std::uint64_t fingerprint);
std::optional<FileRecordTopic> parse_file_record_topic(std::string_view topic);

class FileFeeds {
 public:
  FileFeeds(IntakeLog& log, IntakeQueue& queue, NodeMetrics& metrics) : log_(log), queue_(queue), metrics_(metrics) {}
  ~FileFeeds();

  // Starts the thread; feeds given before wait for it (recovery gives them
  // before the messages taken back from the intake log are queued).
  void start();
  void stop();

  // Reads `sources` of `deployment` from the offsets `from` (one per source),
  // replacing any feed the deployment had.
  void feed(const std::string& deployment, std::shared_ptr<const std::vector<host::FileSource>> sources,
            std::vector<std::size_t> from);
  // Ends the deployment's feed (stopped, deleted or replaced).
  void cancel(const std::string& deployment);

 private:
  struct Feed;
  void run();
  // Feeds up to a slice of records; false when the feed is done.
  bool feed_slice(Feed& feed);

  IntakeLog& log_;
  IntakeQueue& queue_;
  NodeMetrics& metrics_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, std::shared_ptr<Feed>> feeds_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cepheus::node
