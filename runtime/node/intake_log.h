// The intake log: every received message is appended here, by the thread that
// received it, before it is handed to the pipeline. MQTT clients acknowledge a
// QoS 1 message to the broker as it arrives (Paho gives no say in that), so a
// message that was only in memory would be lost if the node were killed before
// the pipeline committed it to the inbox. A write() to this file survives the
// process being killed; at start the node takes back every record past the
// position the inbox has committed.
//
// A file begins with the 8 bytes kIntakeFileMagic, then records: [u32 size]
// [u64 seq][i64 received_ns][u16 MQTT packet id][u16 channel size][channel]
// [u32 topic size][topic][payload], little-endian. A file without the magic is
// of the first format, which had no packet id. A torn last record (a kill
// mid-write) is ignored. Files are named by their first sequence number and
// rotated at 8 MiB; whole files the inbox holds are deleted.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "cepheus/core/result.h"
#include "intake_queue.h"

namespace cepheus::node {

// The first bytes of a file of the current format. Read as a record size they
// exceed any record, so the first format's reader takes such a file as empty.
inline constexpr char kIntakeFileMagic[8] = {'\xff', 'C', 'E', 'P', 'I', 'L', '2', '\n'};

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
  // The last `count` records of `channel` still on disk, oldest first.
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
