// The pipeline: the one thread that owns the engines. It takes received
// messages in batches, writes each to the inbox and runs it through every
// deployment that reads it, journals the alerts and dead letters in the same
// transaction, and only then hands alerts to their sinks. Every few seconds
// (and at shutdown, and before a deployment changes) it checkpoints each
// engine's state with the inbox position it includes; after a crash, recover()
// restores the checkpoints and runs the inbox past them again, and the journal's
// alert ids keep that from producing a second alert.
//
// Control work (deploys, status, metrics) runs on this thread between batches
// through call(), so engines are never touched by two threads.
#pragma once

#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "alert_sinks.h"
#include "file_feeds.h"
#include "intake_log.h"
#include "intake_queue.h"
#include "node_metrics.h"
#include "node_options.h"
#include "node_store.h"
#include "running_deployment.h"
#include "stream_taps.h"

namespace cepheus::node {

class MqttConnections;

// The outcome of activating a version, for the control API.
struct Activation {
  std::string name;
  std::int64_t version = 0;
  bool state_carried = false;              // some of the previous version's state went on
  std::vector<std::string> carried;        // the statements that took their state
  std::vector<std::string> started_empty;  // new or changed statements, without state
  std::vector<std::string> warnings;
};

class Pipeline {
 public:
  Pipeline(NodeStore store, const NodeOptions& options, IntakeLog& intake_log, IntakeQueue& intake,
           NodeMetrics& metrics, MqttConnections& mqtt, AlertSinks& sinks, StreamTaps& taps, FileFeeds& files);
  ~Pipeline();

  // Brings back the deployments that were running, from their checkpoints and the inbox.
  Status recover();
  // The thread's body: batches until stop(), then finishes the batch at hand and
  // checkpoints; what still waits in the queue is taken back from the intake log at
  // the next start.
  void run();
  void stop();

  // Runs `task` on the pipeline thread between batches and returns its result.
  template <typename Task>
  auto call(Task task) -> decltype(task()) {
    using R = decltype(task());
    auto job = std::make_shared<std::packaged_task<R()>>(std::move(task));
    auto result = job->get_future();
    {
      std::lock_guard lock(tasks_mutex_);
      tasks_.emplace_back([job] { (*job)(); });
    }
    intake_.wake();
    return result.get();
  }

  // ---- On the pipeline thread only (inside call) ----
  // Makes `version` of `name` the running one: compiles it, carries the old
  // version's state over to every statement that did not change (all of them
  // when the plan is the same), checkpoints, subscribes.
  // On failure nothing changes and the running version keeps running.
  Result<Activation> activate(const std::string& name, std::int64_t version);
  Status stop_deployment(const std::string& name);
  Status delete_deployment(const std::string& name);
  const RunningDeployment* running(const std::string& name) const;
  const std::map<std::string, std::unique_ptr<RunningDeployment>>& deployments() const { return running_; }
  NodeStore& store() { return store_; }
  // Takes a checkpoint of every running deployment now.
  Status checkpoint_all();
  // How far a running deployment's `from file` source is read (bytes), or 0.
  std::uint64_t file_read_to(const std::string& deployment, const std::string& source) const;

 private:
  void run_tasks();
  void process_batch(std::vector<IncomingMessage>& batch);
  // Runs one inbox message through the deployments that read it (and, during
  // recovery, have not yet seen it).
  void dispatch(const InboxMessage& message);
  // Journals what the engines produced; fills `fresh_` with alerts not journaled before.
  Status journal();
  void publish_fresh();
  void update_subscriptions();
  std::string folder_of(const std::string& name, std::int64_t version) const;
  // A source reading, or a target publishing to, a broker this node lacks is an
  // error; a source's broker not yet connected a warning.
  Status check_brokers(const dsl::Plan& plan, const host::MqttSources& sources,
                       std::vector<std::string>& warnings) const;
  // Writes a stored version's files to its folder and compiles them.
  Result<std::shared_ptr<const dsl::Plan>> compile_version(const std::string& name, std::int64_t version);
  Status replay_inbox(const std::map<std::string, std::int64_t>& from_seq);
  // Starts feeding the deployment's `from file` sources from where the store says they stand.
  Status start_file_feeds(const RunningDeployment& deployment);
  void end_file_feeds(const std::string& deployment);
  // When a file record is the next one of its file, the file's cursor moves past it
  // and the file's key (deployment, source) is returned; else nullptr.
  const std::pair<std::string, std::string>* take_file_record(const IncomingMessage& message);

  NodeStore store_;
  const NodeOptions& options_;
  IntakeLog& intake_log_;
  IntakeQueue& intake_;
  NodeMetrics& metrics_;
  MqttConnections& mqtt_;
  AlertSinks& sinks_;
  StreamTaps& taps_;
  FileFeeds& files_;
  engine::EngineOptions engine_options_;
  std::map<std::string, std::unique_ptr<RunningDeployment>> running_;
  std::int64_t last_seq_ = 0;          // the last inbox message the engines have seen
  std::uint64_t intake_position_ = 0;  // the last intake-log record in the inbox
  // Per (deployment, source): the file's fingerprint and how far the inbox holds it.
  struct FileCursor {
    std::uint64_t fingerprint = 0;
    std::uint64_t read_to = 0;
  };
  std::map<std::pair<std::string, std::string>, FileCursor> file_cursors_;
  // During recovery: deployments skip messages their checkpoint already includes.
  const std::map<std::string, std::int64_t>* replay_from_ = nullptr;
  Produced produced_;
  std::vector<const ProducedAlert*> fresh_;
  std::mutex tasks_mutex_;
  std::vector<std::function<void()>> tasks_;
  std::atomic<bool> stopping_{false};
};

}  // namespace cepheus::node
