#include "cepheus/testbench/stepped_run.h"

#include <algorithm>

#include "cepheus/engine/evaluator.h"
#include "cepheus/testbench/simulation.h"
#include "source_decoders.h"

namespace cepheus::testbench {

// The engine's output and tap: alerts with the moment they fired, and the
// newest events of the tapped statement.
class SteppedRun::Recorder final : public engine::Output, public engine::EventTap {
 public:
  explicit Recorder(std::size_t tap_capacity) : tap_capacity_(tap_capacity) {}

  void alert(const engine::Alert& alert) override { alerts.push_back({alert_record(alert), position, at_end}); }
  void sink_event(std::string_view, const std::vector<engine::ResolvedTarget>&, const Event&) override {}
  void dead_letter(std::string_view, const Event&, std::string_view) override {}  // counted by the engine
  void emitted(dsl::StatementId statement, const Event& event) override {
    if (!tap || statement != *tap) return;
    if (tapped.size() == tap_capacity_) tapped.pop_front();
    std::string text;
    for (std::size_t i = 0; i < event.schema().size(); ++i)
      text += (i ? ", " : "") + event.schema().field(i).name + "=" + engine::display_text(event.value(i));
    tapped.push_back({position, event.time(), std::move(text)});
  }

  std::vector<RunAlert> alerts;
  std::deque<TappedEvent> tapped;
  std::optional<dsl::StatementId> tap;
  std::uint64_t position = 0;  // of the event being processed
  bool at_end = false;

 private:
  std::size_t tap_capacity_;
};

SteppedRun::SteppedRun(std::shared_ptr<const dsl::Plan> plan, engine::TableLoader& tables,
                       const SteppedRunOptions& options)
    : plan_(std::move(plan)), tables_(tables), options_(options), recorder_(new Recorder(options.tap_capacity)) {}

SteppedRun::~SteppedRun() = default;

Result<std::unique_ptr<SteppedRun>> SteppedRun::create(std::shared_ptr<const dsl::Plan> plan, const Scenario& scenario,
                                                       const std::string& folder, engine::TableLoader& tables,
                                                       const SteppedRunOptions& options) {
  std::unique_ptr<SteppedRun> run(new SteppedRun(std::move(plan), tables, options));
  CEPHEUS_ASSIGN_OR_RETURN(run->simulation_, Simulation::create(scenario, *run->plan_, folder));
  CEPHEUS_ASSIGN_OR_RETURN(auto decoders, SourceDecoders::make(*run->plan_));
  run->decoders_ = std::make_unique<SourceDecoders>(std::move(decoders));
  run->start_ = scenario.start;
  run->duration_ = scenario.duration;
  run->scenario_path_ = scenario.path;
  CEPHEUS_RETURN_IF_ERROR(run->rebuild_engine(nullptr));
  return run;
}

Status SteppedRun::rebuild_engine(const std::string* snapshot) {
  engine::EngineOptions engine_options;
  engine_options.tap = recorder_.get();
  auto engine = snapshot ? engine::Engine::restore(plan_, tables_, *recorder_, *snapshot, engine_options)
                         : engine::Engine::create(plan_, tables_, *recorder_, engine_options);
  if (!engine.ok()) return engine.status();
  engine_ = std::move(*engine);
  return Status();
}

Result<bool> SteppedRun::ensure_known(std::uint64_t index) {
  while (events_.size() <= index) {
    if (exhausted_ || events_.size() >= options_.max_events) {
      exhausted_ = true;
      return false;
    }
    auto event = simulation_->next();
    if (!event) {
      exhausted_ = true;
      return false;
    }
    auto decoded = decoders_->decode(*event);
    if (!decoded.ok()) return invalid_argument(scenario_path_ + ": " + decoded.status().message());
    events_.push_back({decoded->first, std::move(decoded->second)});
  }
  return true;
}

void SteppedRun::process(std::uint64_t index) {
  recorder_->position = index + 1;
  engine_->ingest(events_[index].source, events_[index].event);
  position_ = index + 1;
  if (position_ % options_.snapshot_every == 0 && !snapshots_.count(position_))
    snapshots_.emplace(position_, engine_->snapshot());
}

Result<bool> SteppedRun::step() {
  if (finished_) return false;
  CEPHEUS_ASSIGN_OR_RETURN(const bool more, ensure_known(position_));
  if (more) {
    process(position_);
    return true;
  }
  recorder_->position = position_;
  recorder_->at_end = true;
  engine_->finish();
  recorder_->at_end = false;
  finished_ = true;
  return true;
}

Result<std::uint64_t> SteppedRun::run_until(Timestamp until, std::uint64_t limit) {
  std::uint64_t processed = 0;
  while (processed < limit && !finished_) {
    CEPHEUS_ASSIGN_OR_RETURN(const bool more, ensure_known(position_));
    if (more && events_[position_].event.time() >= until) break;
    CEPHEUS_ASSIGN_OR_RETURN(const bool stepped, step());
    if (!stepped) break;
    ++processed;
  }
  return processed;
}

Timestamp SteppedRun::time() const {
  return position_ == 0 ? start_ : events_[position_ - 1].event.time();
}

Timestamp SteppedRun::time_at(std::uint64_t position) const {
  if (position == 0 || events_.empty()) return start_;
  return events_[std::min<std::uint64_t>(position, events_.size()) - 1].event.time();
}

std::uint64_t SteppedRun::position_at(Timestamp time) const {
  const auto after = std::upper_bound(events_.begin(), events_.end(), time,
                                      [](Timestamp t, const KeptEvent& e) { return t < e.event.time(); });
  return static_cast<std::uint64_t>(after - events_.begin());
}

Status SteppedRun::seek(std::uint64_t position) {
  position = std::min<std::uint64_t>(position, events_.size());
  if (position == position_ && !finished_) return Status();
  if (position < position_ || finished_) {
    // Back: the latest snapshot at or before `position`, or a fresh engine.
    auto snapshot = snapshots_.upper_bound(position);
    const bool fresh = snapshot == snapshots_.begin();
    if (!fresh) --snapshot;
    CEPHEUS_RETURN_IF_ERROR(rebuild_engine(fresh ? nullptr : &snapshot->second));
    position_ = fresh ? 0 : snapshot->first;
    finished_ = false;
    std::erase_if(recorder_->alerts, [&](const RunAlert& a) { return a.at_end || a.position > position_; });
    recorder_->tapped.clear();
  }
  while (position_ < position) process(position_);
  return Status();
}

const std::vector<RunAlert>& SteppedRun::alerts() const {
  return recorder_->alerts;
}

void SteppedRun::set_tap(std::optional<dsl::StatementId> statement) {
  if (recorder_->tap == statement) return;
  recorder_->tap = statement;
  recorder_->tapped.clear();
}

const std::deque<TappedEvent>& SteppedRun::tapped() const {
  return recorder_->tapped;
}

std::size_t SteppedRun::snapshot_bytes() const {
  std::size_t bytes = 0;
  for (const auto& [position, snapshot] : snapshots_) bytes += snapshot.size();
  return bytes;
}

}  // namespace cepheus::testbench
