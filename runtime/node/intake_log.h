// The intake log: every received message is appended here, by the thread that
// received it, before it is handed to the pipeline. MQTT clients acknowledge a
// QoS 1 message to the broker as it arrives (Paho gives no say in that), so a
// message that was only in memory would be lost if the node were killed before
// the pipeline committed it to the inbox. A write() to this file survives the
// process being killed; at start the node takes back every record past the
// position the inbox has committed.
//
// Files hold records of the format in intake_record.h. A torn last record (a
// kill mid-write) is ignored. Files are named by their first sequence number
// and rotated at 8 MiB; whole files the inbox holds are deleted.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "cepheus/core/result.h"
#include "intake_queue.h"
#include "intake_record.h"

namespace cepheus::node {

class IntakeLog {
 public:
  // `folder` is created if missing; numbering goes on after `committed` and
  // after every record on disk.
  static Result<std::unique_ptr<IntakeLog>> open(std::string folder, std::uint64_t committed);
  ~IntakeLog();

  // Appends the message and hands it to `queue`, in one step so that the
  // queue's order is the log's. False (and nothing written) when the queue is full.
  bool accept(IncomingMessage&& message, IntakeQueue& queue);

  // Records after `committed`, in order (recovery).
  Result<std::vector<IncomingMessage>> records_after(std::uint64_t committed) const;
  // The last `count` records of `channel` still on disk, oldest first (read from the newest file back).
  Result<std::vector<IncomingMessage>> last_of_channel(const std::string& channel, std::size_t count) const;

  // Deletes the files whose records are all at or before `committed`.
  void release_up_to(std::uint64_t committed);

 private:
  explicit IntakeLog(std::string folder) : folder_(std::move(folder)) {}
  Status start_file(std::uint64_t first_seq);
  std::vector<std::pair<std::uint64_t, std::string>> files() const;  // (first seq, path), sorted
  Result<std::vector<IncomingMessage>> all_records() const;

  std::string folder_;
  std::mutex mutex_;
  int fd_ = -1;
  std::uint64_t next_seq_ = 1;
  std::uint64_t file_bytes_ = 0;
};

}  // namespace cepheus::node
