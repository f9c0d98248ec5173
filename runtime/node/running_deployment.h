// One deployment at work: its plan, its engine, how its sources read messages,
// and what the engine produced since the pipeline last collected it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cepheus/core/event_json.h"
#include "cepheus/engine/engine.h"
#include "cepheus/engine/output.h"
#include "cepheus/host/file_sources.h"
#include "cepheus/host/mqtt_sources.h"
#include "cepheus/host/table_files.h"
#include "node_store.h"
#include "stream_taps.h"

namespace cepheus::node {

struct ProducedAlert {
  std::string deployment;
  std::string id;
  std::string rule;
  std::string json;
  std::vector<engine::ResolvedTarget> targets;
};

struct ProducedSinkEvent {
  std::string deployment;
  std::string sink;
  std::vector<engine::ResolvedTarget> targets;
  std::string json;
};

// What engines produced during one batch; the pipeline journals it, then publishes it.
struct Produced {
  std::vector<ProducedAlert> alerts;
  std::vector<ProducedSinkEvent> sink_events;
  std::vector<DeadLetter> dead_letters;
  std::vector<std::string> warnings;
  std::uint64_t events_in = 0;  // decoded events handed to engines
  void clear() { *this = Produced(); }
};

class RunningDeployment final : private engine::Output {
 public:
  // Builds the engine, restored from `snapshot` when given (it must come from
  // this plan); `folder` holds the project's files (tables are read from it).
  // With `taps`, clients can follow the engine's streams live. With `carried`,
  // the snapshot may come from another plan (a new version): the statements
  // that did not change take their state from it, and their names go there.
  static Result<std::unique_ptr<RunningDeployment>> start(std::string name, std::int64_t version, std::string folder,
                                                          std::shared_ptr<const dsl::Plan> plan,
                                                          const std::string* snapshot,
                                                          const engine::EngineOptions& options,
                                                          StreamTaps* taps = nullptr,
                                                          std::vector<std::string>* carried = nullptr);

  const std::string& name() const { return name_; }
  std::int64_t version() const { return version_; }
  const dsl::Plan& plan() const { return *plan_; }
  std::shared_ptr<const dsl::Plan> shared_plan() const { return plan_; }
  const host::MqttSources& mqtt_sources() const { return mqtt_sources_; }
  // The `from file` sources, with their files as this version has them.
  const std::shared_ptr<const std::vector<host::FileSource>>& file_sources() const { return file_sources_; }
  engine::Engine& engine() { return *engine_; }
  const engine::Engine& engine() const { return *engine_; }

  // Runs one inbox message (MQTT on a broker this deployment reads, or HTTP
  // ingest or a file record addressed to it) through the engine; results go to `out`.
  void process(const InboxMessage& message, Produced& out);

 private:
  RunningDeployment(std::string name, std::int64_t version, std::string folder, std::shared_ptr<const dsl::Plan> plan);
  void alert(const engine::Alert& alert) override;
  void sink_event(std::string_view sink, const std::vector<engine::ResolvedTarget>& targets,
                  const Event& event) override;
  void dead_letter(std::string_view source, const Event& event, std::string_view reason) override;
  void warning(std::string_view statement, std::string_view message) override;
  void malformed(const std::string& source, const Status& problem, const InboxMessage& message);

  std::string name_;
  std::int64_t version_;
  std::shared_ptr<const dsl::Plan> plan_;
  host::TableFiles tables_;
  host::MqttSources mqtt_sources_;
  std::shared_ptr<const std::vector<host::FileSource>> file_sources_;
  std::map<std::string, std::pair<dsl::StatementId, host::PayloadDecoder>, std::less<>> decoders_;  // by source name
  std::unique_ptr<engine::EventTap> tap_;  // before the engine, which uses it
  std::unique_ptr<engine::Engine> engine_;
  // Valid while process() runs: where results go and which message is at work.
  Produced* out_ = nullptr;
  const InboxMessage* current_ = nullptr;
};

}  // namespace cepheus::node
