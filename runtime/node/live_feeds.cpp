#include "live_feeds.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

#include "cepheus/core/json_writer.h"

namespace cepheus::node {
namespace {

constexpr std::size_t kQueued = 1000;

class AlertFeed final : public WebSocketFeed {
 public:
  explicit AlertFeed(AlertSinks& sinks) : sinks_(sinks) {
    listener_ = sinks_.add_listener([this](const std::string& deployment, const std::string& json) {
      std::string message = "{\"deployment\":";
      append_json_string(message, deployment);
      message += ",\"alert\":" + json + "}";
      {
        std::lock_guard lock(mutex_);
        if (queue_.size() >= kQueued) {
          queue_.pop_front();
          ++skipped_;
        }
        queue_.push_back(std::move(message));
      }
      ready_.notify_one();
    });
  }

  ~AlertFeed() override { sinks_.remove_listener(listener_); }

  bool next(std::string& message) override {
    std::unique_lock lock(mutex_);
    if (!ready_.wait_for(lock, std::chrono::seconds(1), [&] { return !queue_.empty() || skipped_ > 0; })) {
      return true;  // quiet: the server pings the client
    }
    if (skipped_ > 0) {
      message = "{\"skipped\":" + std::to_string(skipped_) + "}";
      skipped_ = 0;
      return true;
    }
    message = std::move(queue_.front());
    queue_.pop_front();
    return true;
  }

 private:
  AlertSinks& sinks_;
  int listener_ = 0;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::string> queue_;
  std::uint64_t skipped_ = 0;
};

}  // namespace

std::unique_ptr<WebSocketFeed> make_alert_feed(AlertSinks& sinks) {
  return std::make_unique<AlertFeed>(sinks);
}

}  // namespace cepheus::node
