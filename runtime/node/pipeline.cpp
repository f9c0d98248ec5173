#include "pipeline.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

#include "cepheus/core/clock.h"
#include "cepheus/core/json_value.h"
#include "cepheus/core/log.h"
#include "mqtt_connections.h"
#include "project_files.h"

namespace cepheus::node {
namespace {

constexpr std::size_t kBatch = 512;
constexpr std::size_t kReplayChunk = 2048;

std::string now_text() {
  return format_timestamp(SystemClock::instance().now());
}

}  // namespace

Pipeline::Pipeline(NodeStore store, const NodeOptions& options, IntakeLog& intake_log, IntakeQueue& intake,
                   NodeMetrics& metrics, MqttConnections& mqtt, AlertSinks& sinks, StreamTaps& taps, FileFeeds& files)
    : store_(std::move(store)),
      options_(options),
      intake_log_(intake_log),
      intake_(intake),
      metrics_(metrics),
      mqtt_(mqtt),
      sinks_(sinks),
      taps_(taps),
      files_(files) {
  engine_options_.patterns.max_partial_matches_per_key = options.max_partial_matches_per_key;
  engine_options_.patterns.max_partial_matches = options.max_partial_matches;
  engine_options_.measure_latency = true;
}

Pipeline::~Pipeline() = default;

std::string Pipeline::folder_of(const std::string& name, std::int64_t version) const {
  return options_.data_dir + "/projects/" + name + "/v" + std::to_string(version);
}

Status Pipeline::recover() {
  auto last = store_.last_inbox_seq();
  if (!last.ok()) return last.status();
  last_seq_ = *last;
  auto position = store_.intake_position();
  if (!position.ok()) return position.status();
  intake_position_ = *position;
  auto stored = store_.deployments();
  if (!stored.ok()) return stored.status();
  std::map<std::string, std::int64_t> from_seq;
  for (const StoredDeployment& d : *stored) {
    if (d.state != "running" || d.active_version == 0) continue;
    auto plan = compile_version(d.name, d.active_version);
    if (!plan.ok()) {
      log::error("deployment not started", {{"deployment", d.name}, {"error", plan.status().message()}});
      continue;
    }
    const std::string folder = folder_of(d.name, d.active_version);
    auto checkpoint = store_.checkpoint(d.name);
    if (!checkpoint.ok()) return checkpoint.status();
    const std::string* snapshot =
        *checkpoint && (*checkpoint)->version == d.active_version ? &(*checkpoint)->state : nullptr;
    auto started = RunningDeployment::start(d.name, d.active_version, folder, *plan, snapshot, engine_options_, &taps_);
    if (!started.ok() && snapshot) {
      log::error("checkpoint cannot be restored; starting with empty state",
                 {{"deployment", d.name}, {"error", started.status().message()}});
      snapshot = nullptr;
      started = RunningDeployment::start(d.name, d.active_version, folder, *plan, nullptr, engine_options_, &taps_);
    }
    if (!started.ok()) {
      log::error("deployment cannot start", {{"deployment", d.name}, {"error", started.status().message()}});
      continue;
    }
    from_seq[d.name] = snapshot ? (*checkpoint)->inbox_seq : last_seq_;
    running_[d.name] = std::move(*started);
    if (Status s = start_file_feeds(*running_[d.name]); !s.ok())
      log::error("file sources not read", {{"deployment", d.name}, {"error", s.message()}});
    log::info("deployment restored", {{"deployment", d.name},
                                      {"version", static_cast<long long>(d.active_version)},
                                      {"from_checkpoint", snapshot != nullptr}});
  }
  CEPHEUS_RETURN_IF_ERROR(replay_inbox(from_seq));
  update_subscriptions();
  return checkpoint_all();
}

Status Pipeline::replay_inbox(const std::map<std::string, std::int64_t>& from_seq) {
  if (from_seq.empty()) return {};
  std::int64_t position = last_seq_;
  for (const auto& [name, seq] : from_seq) position = std::min(position, seq);
  replay_from_ = &from_seq;
  std::size_t replayed = 0;
  while (position < last_seq_) {
    auto messages = store_.inbox_after(position, kReplayChunk);
    if (!messages.ok()) return messages.status();
    if (messages->empty()) break;
    produced_.clear();
    Status status = host::in_transaction(store_.db(), [&] {
      for (const InboxMessage& m : *messages) dispatch(m);
      return journal();
    });
    if (!status.ok()) return status;
    publish_fresh();
    replayed += messages->size();
    position = messages->back().seq;
  }
  replay_from_ = nullptr;
  if (replayed > 0) log::info("inbox replayed past the checkpoints", {{"messages", replayed}});
  return {};
}

void Pipeline::run() {
  std::vector<IncomingMessage> batch;
  const auto interval = std::chrono::nanoseconds(options_.checkpoint_interval.count_nanos());
  auto next_checkpoint = std::chrono::steady_clock::now() + interval;
  // On stop, what still waits in the queue is in the intake log too: the next
  // start takes it back, so stopping never waits for the traffic to pause.
  while (!stopping_) {
    run_tasks();
    batch.clear();
    intake_.pop_batch(batch, kBatch, std::chrono::milliseconds(100));
    if (!batch.empty()) process_batch(batch);
    if (std::chrono::steady_clock::now() >= next_checkpoint) {
      if (Status s = checkpoint_all(); !s.ok()) log::error("checkpoint failed", {{"error", s.message()}});
      next_checkpoint = std::chrono::steady_clock::now() + interval;
    }
  }
  run_tasks();
  if (Status s = checkpoint_all(); !s.ok()) log::error("final checkpoint failed", {{"error", s.message()}});
}

void Pipeline::stop() {
  stopping_ = true;
  intake_.wake();
}

void Pipeline::run_tasks() {
  std::vector<std::function<void()>> tasks;
  {
    std::lock_guard lock(tasks_mutex_);
    tasks.swap(tasks_);
  }
  for (auto& task : tasks) task();
}

void Pipeline::process_batch(std::vector<IncomingMessage>& batch) {
  produced_.clear();
  Status status = host::in_transaction(store_.db(), [&]() -> Status {
    std::set<std::pair<std::string, std::string>> files_moved;
    for (IncomingMessage& incoming : batch) {
      intake_position_ = std::max(intake_position_, incoming.intake_seq);
      if (incoming.channel.starts_with("file:")) {
        // A record fed twice, or of a feed that ended, is not taken.
        const auto* file = take_file_record(incoming);
        if (!file) continue;
        files_moved.insert(*file);
      }
      const std::int64_t seq = last_seq_ + 1;
      CEPHEUS_RETURN_IF_ERROR(
          store_.append_inbox(seq, incoming.channel, incoming.topic, incoming.payload, incoming.received_ns));
      const InboxMessage message{seq, std::move(incoming.channel), std::move(incoming.topic),
                                 std::move(incoming.payload), incoming.received_ns};
      last_seq_ = seq;
      dispatch(message);
    }
    for (const auto& key : files_moved) {
      const FileCursor& cursor = file_cursors_.at(key);
      CEPHEUS_RETURN_IF_ERROR(
          store_.set_file_progress(key.first, key.second, fingerprint_text(cursor.fingerprint), cursor.read_to));
    }
    CEPHEUS_RETURN_IF_ERROR(store_.set_intake_position(intake_position_));
    return journal();
  });
  if (!status.ok()) {
    // The engines have seen the batch; its alerts still go out, though the
    // store could not keep them (a full disk, most likely).
    log::error("store write failed; alerts of this batch are not journaled", {{"error", status.message()}});
    fresh_.clear();
    for (const ProducedAlert& a : produced_.alerts) fresh_.push_back(&a);
  }
  publish_fresh();
}

const std::pair<std::string, std::string>* Pipeline::take_file_record(const IncomingMessage& message) {
  const std::string_view target = std::string_view(message.channel).substr(5);
  const std::size_t slash = target.find('/');
  if (slash == std::string_view::npos) return nullptr;
  const auto it = file_cursors_.find({std::string(target.substr(0, slash)), std::string(target.substr(slash + 1))});
  const auto place = parse_file_record_topic(message.topic);
  if (it == file_cursors_.end() || !place) return nullptr;
  FileCursor& cursor = it->second;
  if (place->fingerprint != cursor.fingerprint || place->from != cursor.read_to) return nullptr;
  cursor.read_to = place->end;
  return &it->first;
}

Status Pipeline::start_file_feeds(const RunningDeployment& deployment) {
  end_file_feeds(deployment.name());
  const auto& sources = deployment.file_sources();
  if (!sources || sources->empty()) return {};
  std::vector<std::size_t> from;
  bool unread = false;
  for (const host::FileSource& source : *sources) {
    auto read_to = store_.file_progress(deployment.name(), source.name, fingerprint_text(source.fingerprint));
    if (!read_to.ok()) return read_to.status();
    file_cursors_[{deployment.name(), source.name}] = {source.fingerprint, *read_to};
    from.push_back(static_cast<std::size_t>(*read_to));
    unread = unread || *read_to < source.text.size();
  }
  if (unread) files_.feed(deployment.name(), sources, std::move(from));
  return {};
}

void Pipeline::end_file_feeds(const std::string& deployment) {
  files_.cancel(deployment);
  std::erase_if(file_cursors_, [&](const auto& entry) { return entry.first.first == deployment; });
}

std::uint64_t Pipeline::file_read_to(const std::string& deployment, const std::string& source) const {
  const auto it = file_cursors_.find({deployment, source});
  return it == file_cursors_.end() ? 0 : it->second.read_to;
}

void Pipeline::dispatch(const InboxMessage& message) {
  // "http:NAME/SOURCE" and "file:NAME/SOURCE" go to NAME only.
  const bool http = message.channel.starts_with("http:") || message.channel.starts_with("file:");
  for (auto& [name, deployment] : running_) {
    if (replay_from_) {
      const auto it = replay_from_->find(name);
      if (it == replay_from_->end() || message.seq <= it->second) continue;
    }
    if (http) {
      const std::string_view target = std::string_view(message.channel).substr(5);
      if (!target.starts_with(name) || target.size() <= name.size() || target[name.size()] != '/') continue;
    }
    deployment->process(message, produced_);
  }
}

Status Pipeline::journal() {
  fresh_.clear();
  const Timestamp now_time = SystemClock::instance().now();
  const std::string now = format_timestamp(now_time);
  for (const ProducedAlert& a : produced_.alerts) {
    auto added = store_.journal_alert(a.id, a.deployment, a.rule, a.json, now_time);
    if (!added.ok()) return added.status();
    if (*added) fresh_.push_back(&a);
  }
  for (const DeadLetter& d : produced_.dead_letters) {
    auto added = store_.add_dead_letter(d, now);
    if (!added.ok()) return added.status();
    if (!*added) continue;
    if (d.reason == "late") {
      NodeMetrics::add(metrics_.dead_late);
      NodeMetrics::add(metrics_.late_events);
    } else {
      NodeMetrics::add(metrics_.dead_malformed);
    }
  }
  NodeMetrics::add(metrics_.events_in, produced_.events_in);
  NodeMetrics::add(metrics_.events_out, produced_.alerts.size() + produced_.sink_events.size());
  return {};
}

void Pipeline::publish_fresh() {
  for (const ProducedAlert* a : fresh_) {
    NodeMetrics::add(metrics_.alerts);
    sinks_.alert(a->deployment, *a);
  }
  if (!replay_from_) {
    // Sink events are not journaled: during recovery they were already sent.
    for (const ProducedSinkEvent& e : produced_.sink_events) sinks_.sink_event(e.deployment, e);
  }
  for (const std::string& w : produced_.warnings) log::warn("engine warning", {{"message", w}});
  fresh_.clear();
}

Status Pipeline::checkpoint_all() {
  const std::string now = now_text();
  Status status = host::in_transaction(store_.db(), [&]() -> Status {
    for (auto& [name, deployment] : running_) {
      CEPHEUS_RETURN_IF_ERROR(
          store_.save_checkpoint(name, {deployment->version(), last_seq_, deployment->engine().snapshot(), now}));
    }
    return store_.prune_inbox(last_seq_);
  });
  if (!status.ok()) return status;
  NodeMetrics::add(metrics_.checkpoints);
  intake_log_.release_up_to(intake_position_);
  auto trimmed = store_.trim_dead_letters(options_.dead_letter_limit);
  if (trimmed.ok()) NodeMetrics::add(metrics_.dead_letters_trimmed, static_cast<std::uint64_t>(*trimmed));
  auto alerts_trimmed = store_.trim_alerts(options_.journal_limit);
  if (alerts_trimmed.ok()) NodeMetrics::add(metrics_.alerts_trimmed, static_cast<std::uint64_t>(*alerts_trimmed));
  return {};
}

Result<std::shared_ptr<const dsl::Plan>> Pipeline::compile_version(const std::string& name, std::int64_t version) {
  auto stored = store_.version(name, version);
  if (!stored.ok()) return stored.status();
  if (!*stored) return not_found("deployment '" + name + "' has no version " + std::to_string(version));
  auto files_json = JsonValue::parse((*stored)->files_json);
  if (!files_json.ok()) return files_json.status().with_context("stored files of " + name);
  auto files = project_files_from_json(*files_json);
  if (!files.ok()) return files.status().with_context("stored files of " + name);
  const std::string folder = folder_of(name, version);
  CEPHEUS_RETURN_IF_ERROR(write_project_folder(folder, *files));
  auto compiled = compile_project_folder(folder);
  if (!compiled.ok()) return compiled.status();
  if (!compiled->plan) return invalid_argument("version " + std::to_string(version) + " does not compile");
  return compiled->plan;
}

Status Pipeline::check_brokers(const dsl::Plan& plan, const host::MqttSources& sources,
                               std::vector<std::string>& warnings) const {
  // MQTT targets of alerts and sinks: a named broker must be one of the node's.
  for (const dsl::PlanStatement& s : plan.statements) {
    const std::vector<dsl::CheckedTarget>* targets = nullptr;
    if (s.kind == dsl::StatementKind::kAlert) targets = &std::get<dsl::CheckedAlert>(s.body).targets;
    if (s.kind == dsl::StatementKind::kSink) targets = &std::get<dsl::CheckedSink>(s.body).targets;
    for (const dsl::CheckedTarget& t : targets ? *targets : std::vector<dsl::CheckedTarget>{}) {
      if (t.kind != "mqtt") continue;
      const std::string what = std::string(dsl::statement_keyword(s.kind)) + " '" + s.name + "'";
      if (!t.broker.empty() && !mqtt_.has(t.broker)) {
        return Status(StatusCode::kFailedPrecondition, what + " publishes to broker '" + t.broker +
                                                           "', which this node does not have; add [brokers." +
                                                           t.broker + "] with its url to the node's config file");
      }
      if (t.broker.empty() && !mqtt_.has(""))
        warnings.push_back(what + " publishes to MQTT, but this node has no broker (--mqtt URL)");
    }
  }
  for (const host::MqttSource& s : sources.sources()) {
    if (s.broker.empty() && !mqtt_.has("")) {
      warnings.push_back("source '" + s.name + "' reads MQTT, but this node has no broker (--mqtt URL)");
    } else if (mqtt_.has(s.broker) && !mqtt_.connected(s.broker)) {
      warnings.push_back("source '" + s.name +
                         "': the broker is not connected yet; the node subscribes when "
                         "it is, and messages published before that are not delivered");
    } else if (!s.broker.empty() && !mqtt_.has(s.broker)) {
      return Status(StatusCode::kFailedPrecondition, "source '" + s.name + "' reads broker '" + s.broker +
                                                         "', which this node does not have; add "
                                                         "[brokers." +
                                                         s.broker + "] with its url to the node's config file");
    }
  }
  return {};
}

Result<Activation> Pipeline::activate(const std::string& name, std::int64_t version) {
  auto plan = compile_version(name, version);
  if (!plan.ok()) return plan.status();
  const std::string folder = folder_of(name, version);

  Activation result{name, version, false, {}, {}, {}};
  // The new version goes on from the old one's state, statement by statement:
  // what did not change keeps its state (windows, partial matches, twins,
  // throttles, counters). A stopped deployment goes on from the state it stopped with.
  const auto old = running_.find(name);
  std::string snapshot;
  if (old != running_.end()) {
    snapshot = old->second->engine().snapshot();
  } else if (auto checkpoint = store_.checkpoint(name); checkpoint.ok() && *checkpoint) {
    snapshot = std::move((*checkpoint)->state);
  }
  auto started = RunningDeployment::start(name, version, folder, *plan, snapshot.empty() ? nullptr : &snapshot,
                                          engine_options_, &taps_, &result.carried);
  bool unreadable = false;
  if (!started.ok() && !snapshot.empty()) {
    // A checkpoint of the old format (before statements were kept apart) fits only the same plan.
    started = RunningDeployment::start(name, version, folder, *plan, &snapshot, engine_options_, &taps_);
    result.carried.clear();
    if (started.ok()) {
      for (const dsl::PlanStatement& s : (*plan)->statements) result.carried.push_back(s.name);
    } else {
      started = RunningDeployment::start(name, version, folder, *plan, nullptr, engine_options_, &taps_);
      unreadable = true;
      result.warnings.push_back("the previous state could not be read, so this version starts with empty state");
    }
  }
  // Schemas and tables hold no state: the answer names the statements that do.
  std::vector<std::string> carried;
  std::string names;
  for (const dsl::PlanStatement& s : (*plan)->statements) {
    if (s.kind == dsl::StatementKind::kSchema || s.kind == dsl::StatementKind::kTable) continue;
    if (std::find(result.carried.begin(), result.carried.end(), s.name) != result.carried.end()) {
      carried.push_back(s.name);
    } else if (!snapshot.empty()) {
      result.started_empty.push_back(s.name);
      names += (names.empty() ? "" : ", ") + s.name;
    }
  }
  result.carried = std::move(carried);
  result.state_carried = started.ok() && !result.carried.empty();
  if (started.ok() && result.state_carried) {
    if (!names.empty()) result.warnings.push_back("new or changed, so these start with empty state: " + names);
  } else if (started.ok() && !snapshot.empty() && !unreadable) {
    result.warnings.push_back("no statement is the same as before, so this version starts with empty state");
  }
  if (!started.ok()) return started.status();
  CEPHEUS_RETURN_IF_ERROR(check_brokers((*started)->plan(), (*started)->mqtt_sources(), result.warnings));
  const std::string now = now_text();
  const std::string state = (*started)->engine().snapshot();
  const Status stored_state = host::in_transaction(store_.db(), [&]() -> Status {
    CEPHEUS_RETURN_IF_ERROR(store_.set_deployment(name, version, "running", now));
    CEPHEUS_RETURN_IF_ERROR(store_.mark_deployed(name, version, now));
    return store_.save_checkpoint(name, {version, last_seq_, state, now});
  });
  if (!stored_state.ok()) return stored_state;
  running_[name] = std::move(*started);
  update_subscriptions();
  // The version runs from here on: a store that cannot say how far its files are read is logged.
  if (Status s = start_file_feeds(*running_[name]); !s.ok())
    log::error("file sources not read", {{"deployment", name}, {"error", s.message()}});
  log::info(
      "deployment activated",
      {{"deployment", name}, {"version", static_cast<long long>(version)}, {"state_carried", result.state_carried}});
  return result;
}

Status Pipeline::stop_deployment(const std::string& name) {
  auto stored = store_.deployment(name);
  if (!stored.ok()) return stored.status();
  if (!*stored) return not_found("no deployment '" + name + "'");
  if (const auto it = running_.find(name); it != running_.end()) {
    // Its state waits in the checkpoint for a later start.
    CEPHEUS_RETURN_IF_ERROR(
        store_.save_checkpoint(name, {it->second->version(), last_seq_, it->second->engine().snapshot(), now_text()}));
    running_.erase(it);
  }
  end_file_feeds(name);
  CEPHEUS_RETURN_IF_ERROR(store_.set_deployment(name, (*stored)->active_version, "stopped", now_text()));
  update_subscriptions();
  log::info("deployment stopped", {{"deployment", name}});
  return {};
}

Status Pipeline::delete_deployment(const std::string& name) {
  auto stored = store_.deployment(name);
  if (!stored.ok()) return stored.status();
  if (!*stored) return not_found("no deployment '" + name + "'");
  running_.erase(name);
  end_file_feeds(name);
  CEPHEUS_RETURN_IF_ERROR(store_.delete_deployment(name));
  std::error_code ignored;
  std::filesystem::remove_all(options_.data_dir + "/projects/" + name, ignored);
  update_subscriptions();
  log::info("deployment deleted", {{"deployment", name}});
  return {};
}

const RunningDeployment* Pipeline::running(const std::string& name) const {
  const auto it = running_.find(name);
  return it == running_.end() ? nullptr : it->second.get();
}

void Pipeline::update_subscriptions() {
  std::map<std::string, std::map<std::string, int>> by_broker;
  for (const auto& [name, deployment] : running_) {
    for (const std::string& broker : deployment->mqtt_sources().brokers()) {
      auto& filters = by_broker[broker];
      for (const auto& [filter, qos] : deployment->mqtt_sources().filters(broker)) {
        filters[filter] = std::max(filters[filter], qos);
      }
    }
  }
  std::vector<std::string> brokers = {""};
  for (const auto& [name, settings] : options_.brokers) brokers.push_back(name);
  for (const std::string& broker : brokers) mqtt_.set_filters(broker, by_broker[broker]);
}

}  // namespace cepheus::node
