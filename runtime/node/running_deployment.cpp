#include "running_deployment.h"

#include "cepheus/core/event_json.h"
#include "cepheus/host/alert_json.h"
#include "cepheus/host/source_decoding.h"

namespace cepheus::node {

RunningDeployment::RunningDeployment(std::string name, std::int64_t version, std::string folder,
                                     std::shared_ptr<const dsl::Plan> plan)
    : name_(std::move(name)), version_(version), plan_(std::move(plan)), tables_(std::move(folder)) {}

Result<std::unique_ptr<RunningDeployment>> RunningDeployment::start(
    std::string name, std::int64_t version, std::string folder, std::shared_ptr<const dsl::Plan> plan,
    const std::string* snapshot, const engine::EngineOptions& options, StreamTaps* taps,
    std::vector<std::string>* carried) {
  auto files = host::load_file_sources(*plan, folder);
  if (!files.ok()) return files.status();
  std::unique_ptr<RunningDeployment> d(
      new RunningDeployment(std::move(name), version, std::move(folder), std::move(plan)));
  d->file_sources_ = std::make_shared<const std::vector<host::FileSource>>(std::move(*files));
  auto sources = host::MqttSources::make(*d->plan_);
  if (!sources.ok()) return sources.status();
  d->mqtt_sources_ = std::move(*sources);
  for (dsl::StatementId id = 0; id < d->plan_->statements.size(); ++id) {
    const dsl::PlanStatement& s = d->plan_->statements[id];
    if (s.kind != dsl::StatementKind::kSource) continue;
    auto decoder = host::PayloadDecoder::make(s, host::PayloadDecoder::Arrival::kIngest);
    if (!decoder.ok()) return decoder.status();
    d->decoders_.emplace(s.name, std::make_pair(id, std::move(*decoder)));
  }
  engine::EngineOptions with_tap = options;
  if (taps) {
    d->tap_ = taps->tap_of(d->name_, d->plan_);
    with_tap.tap = d->tap_.get();
  }
  auto engine = !snapshot ? engine::Engine::create(d->plan_, d->tables_, *d, with_tap)
                : carried ? engine::Engine::restore_matching(d->plan_, d->tables_, *d, *snapshot, with_tap, carried)
                          : engine::Engine::restore(d->plan_, d->tables_, *d, *snapshot, with_tap);
  if (!engine.ok()) return engine.status();
  d->engine_ = std::move(*engine);
  return d;
}

void RunningDeployment::process(const InboxMessage& message, Produced& out) {
  out_ = &out;
  current_ = &message;
  const Timestamp received = Timestamp::from_nanos(message.received_ns);
  if (message.channel.starts_with("mqtt:")) {
    const std::string_view broker = std::string_view(message.channel).substr(5);
    mqtt_sources_.route(broker, message.topic, message.payload, received,
                        [&](const host::MqttSource& source, const Result<Event>& event) {
                          if (!event.ok()) return malformed(source.name, event.status(), message);
                          ++out.events_in;
                          engine_->ingest(source.id, *event);
                        });
  } else if (message.channel.starts_with("file:")) {
    // "file:DEPLOYMENT/SOURCE": a record of the source's file, decoded as the file's records are.
    const std::string_view source = std::string_view(message.channel).substr(message.channel.find('/') + 1);
    for (const host::FileSource& file : *file_sources_) {
      if (file.name != source) continue;
      auto event = file.decoder.decode(message.payload, received);
      if (!event.ok()) {
        malformed(file.name, event.status().with_context("file '" + file.path + "'"), message);
      } else {
        ++out.events_in;
        engine_->ingest(file.id, *event);
      }
    }
  } else if (message.channel.starts_with("http:")) {
    // "http:DEPLOYMENT/SOURCE": the pipeline hands it only to its deployment.
    const std::string_view source = std::string_view(message.channel).substr(message.channel.find('/') + 1);
    const auto it = decoders_.find(source);
    if (it != decoders_.end()) {
      auto event = it->second.second.decode(message.payload, received);
      if (!event.ok()) {
        malformed(std::string(source), event.status(), message);
      } else {
        ++out.events_in;
        engine_->ingest(it->second.first, *event);
      }
    }
  }
  current_ = nullptr;
  out_ = nullptr;
}

void RunningDeployment::malformed(const std::string& source, const Status& problem, const InboxMessage& message) {
  out_->dead_letters.push_back({name_, source, "malformed", problem.message(), message.payload, message.seq});
}

void RunningDeployment::alert(const engine::Alert& a) {
  if (!out_) return;  // restoring or finishing outside a batch: nothing is produced then
  out_->alerts.push_back({name_, a.id, a.rule, host::alert_to_json(a), a.targets});
}

void RunningDeployment::sink_event(std::string_view sink, const std::vector<engine::ResolvedTarget>& targets,
                                   const Event& event) {
  if (!out_) return;
  out_->sink_events.push_back({name_, std::string(sink), targets, event_to_json(event)});
}

void RunningDeployment::dead_letter(std::string_view source, const Event& event, std::string_view reason) {
  if (!out_) return;
  out_->dead_letters.push_back({name_, std::string(source), std::string(reason),
                                "behind the watermark at " + format_timestamp(event.time()), event_to_json(event),
                                current_ ? current_->seq : 0});
}

void RunningDeployment::warning(std::string_view statement, std::string_view message) {
  if (!out_) return;
  out_->warnings.push_back(name_ + ": " + std::string(statement) + ": " + std::string(message));
}

}  // namespace cepheus::node
