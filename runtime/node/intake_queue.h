// Where received messages wait for the pipeline. Producers (Paho's callback
// threads, HTTP ingest) only append under a short lock and never wait for room:
// a full queue refuses the message and the caller counts it. The pipeline takes
// messages in batches.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace cepheus::node {

struct IncomingMessage {
  std::string channel;  // "mqtt:" + broker name, or "http:"/"file:" + deployment + "/" + source
  std::string topic;
  std::string payload;
  std::int64_t received_ns = 0;
  std::uint64_t intake_seq = 0;  // its record in the intake log
  std::uint16_t packet_id = 0;   // MQTT's packet identifier of a QoS 1 or 2 message, else 0
};

class IntakeQueue {
 public:
  explicit IntakeQueue(std::size_t limit) : limit_(limit) {}

  // False when the queue is full: the message was not taken.
  bool push(IncomingMessage&& message) {
    {
      std::lock_guard lock(mutex_);
      if (messages_.size() >= limit_) return false;
      messages_.push_back(std::move(message));
    }
    ready_.notify_one();
    return true;
  }

  // Moves up to `max` messages into `out`, waiting up to `wait` for the first.
  void pop_batch(std::vector<IncomingMessage>& out, std::size_t max, std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    ready_.wait_for(lock, wait, [&] { return !messages_.empty() || woken_; });
    woken_ = false;
    while (!messages_.empty() && out.size() < max) {
      out.push_back(std::move(messages_.front()));
      messages_.pop_front();
    }
  }

  // Ends the current wait early (control work is waiting).
  void wake() {
    {
      std::lock_guard lock(mutex_);
      woken_ = true;
    }
    ready_.notify_one();
  }

  bool full() const {
    std::lock_guard lock(mutex_);
    return messages_.size() >= limit_;
  }

  std::size_t limit() const { return limit_; }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return messages_.size();
  }

 private:
  const std::size_t limit_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<IncomingMessage> messages_;
  bool woken_ = false;
};

}  // namespace cepheus::node
