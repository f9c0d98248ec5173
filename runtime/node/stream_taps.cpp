#include "stream_taps.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <vector>

#include "cepheus/core/event_json.h"
#include "cepheus/core/json_writer.h"

namespace cepheus::node {
namespace {

constexpr std::size_t kQueued = 256;  // per client; beyond it events are skipped and counted

// One client's queue: filled on the pipeline thread, read on the client's. The
// events skipped while it was full are counted in a marker where they were, so
// the client reads {"skipped": N} between the events around the gap.
struct ClientQueue {
  struct Entry {
    std::string message;        // an event
    std::uint64_t skipped = 0;  // or, when not 0, a gap of this many events
  };
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<Entry> entries;
  std::size_t events = 0;  // entries that are events
};

using StreamKey = std::pair<std::string, std::string>;  // deployment, stream

}  // namespace

class DeploymentTap;

struct StreamTaps::Registry {
  std::mutex mutex;
  std::map<StreamKey, std::vector<std::shared_ptr<ClientQueue>>> clients;
  std::multimap<std::string, DeploymentTap*> taps;  // by deployment
  void refresh(const std::string& deployment);      // with `mutex` held
};

class DeploymentTap final : public engine::EventTap {
 public:
  DeploymentTap(std::shared_ptr<StreamTaps::Registry> registry, std::string deployment,
                std::shared_ptr<const dsl::Plan> plan)
      : registry_(std::move(registry)),
        deployment_(std::move(deployment)),
        plan_(std::move(plan)),
        watched_(new std::atomic<bool>[plan_->statements.size()]) {
    for (std::size_t i = 0; i < plan_->statements.size(); ++i) watched_[i].store(false);
    std::lock_guard lock(registry_->mutex);
    registry_->taps.emplace(deployment_, this);
    refresh();
  }

  ~DeploymentTap() override {
    std::lock_guard lock(registry_->mutex);
    for (auto [it, end] = registry_->taps.equal_range(deployment_); it != end; ++it) {
      if (it->second == this) {
        registry_->taps.erase(it);
        break;
      }
    }
  }

  void emitted(dsl::StatementId statement, const Event& event) override {
    if (!watched_[statement].load(std::memory_order_relaxed)) return;
    const std::string& stream = plan_->statements[statement].name;
    std::string message;  // encoded once, for the first client with room
    std::lock_guard lock(registry_->mutex);
    const auto found = registry_->clients.find({deployment_, stream});
    if (found == registry_->clients.end()) return;
    for (const std::shared_ptr<ClientQueue>& client : found->second) {
      {
        std::lock_guard client_lock(client->mutex);
        if (client->events >= kQueued) {
          if (client->entries.empty() || client->entries.back().skipped == 0) client->entries.push_back({{}, 0});
          ++client->entries.back().skipped;
          continue;
        }
        if (message.empty()) {
          message = "{\"deployment\":";
          append_json_string(message, deployment_);
          message += ",\"stream\":";
          append_json_string(message, stream);
          message += ",\"event\":" + event_to_json(event) + "}";
        }
        client->entries.push_back({message, 0});
        ++client->events;
      }
      client->ready.notify_one();
    }
  }

  // With the registry's mutex held: which statements have clients now.
  void refresh() {
    for (std::size_t i = 0; i < plan_->statements.size(); ++i) {
      const auto found = registry_->clients.find({deployment_, plan_->statements[i].name});
      watched_[i].store(found != registry_->clients.end() && !found->second.empty(), std::memory_order_relaxed);
    }
  }

 private:
  std::shared_ptr<StreamTaps::Registry> registry_;
  std::string deployment_;
  std::shared_ptr<const dsl::Plan> plan_;
  std::unique_ptr<std::atomic<bool>[]> watched_;
};

void StreamTaps::Registry::refresh(const std::string& deployment) {
  for (auto [it, end] = taps.equal_range(deployment); it != end; ++it) it->second->refresh();
}

namespace {

class TapFeed final : public WebSocketFeed {
 public:
  TapFeed(std::shared_ptr<StreamTaps::Registry> registry, StreamKey key)
      : registry_(std::move(registry)), key_(std::move(key)), queue_(std::make_shared<ClientQueue>()) {
    std::lock_guard lock(registry_->mutex);
    registry_->clients[key_].push_back(queue_);
    registry_->refresh(key_.first);
  }

  ~TapFeed() override {
    std::lock_guard lock(registry_->mutex);
    auto& clients = registry_->clients[key_];
    std::erase(clients, queue_);
    if (clients.empty()) registry_->clients.erase(key_);
    registry_->refresh(key_.first);
  }

  bool next(std::string& message) override {
    message.clear();
    std::unique_lock lock(queue_->mutex);
    if (!queue_->ready.wait_for(lock, std::chrono::seconds(1), [&] { return !queue_->entries.empty(); }))
      return true;  // quiet: the server pings
    ClientQueue::Entry& first = queue_->entries.front();
    if (first.skipped > 0) {
      message = "{\"skipped\":" + std::to_string(first.skipped) + "}";
    } else {
      message = std::move(first.message);
      --queue_->events;
    }
    queue_->entries.pop_front();
    return true;
  }

 private:
  std::shared_ptr<StreamTaps::Registry> registry_;
  StreamKey key_;
  std::shared_ptr<ClientQueue> queue_;
};

}  // namespace

StreamTaps::StreamTaps() : registry_(std::make_shared<Registry>()) {}
StreamTaps::~StreamTaps() = default;

std::unique_ptr<engine::EventTap> StreamTaps::tap_of(const std::string& deployment,
                                                     std::shared_ptr<const dsl::Plan> plan) {
  return std::make_unique<DeploymentTap>(registry_, deployment, std::move(plan));
}

std::unique_ptr<WebSocketFeed> StreamTaps::subscribe(const std::string& deployment, const std::string& stream) {
  return std::make_unique<TapFeed>(registry_, StreamKey{deployment, stream});
}

bool StreamTaps::tappable(const dsl::PlanStatement& s) {
  switch (s.kind) {
    case dsl::StatementKind::kSource:
    case dsl::StatementKind::kStream:
    case dsl::StatementKind::kWindow:
    case dsl::StatementKind::kPattern:
    case dsl::StatementKind::kTwin: return true;
    default: return false;
  }
}

}  // namespace cepheus::node
