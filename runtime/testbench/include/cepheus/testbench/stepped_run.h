// A scenario run one event at a time on the embedded engine, for the studio's
// test bench: run, pause, step, and travel back and forth in time.
//
// Events are generated once and kept, decoded, so that the run can go back:
// every `snapshot_every` events the engine's state is snapshotted, and going to
// an earlier moment restores the latest snapshot before it and replays the kept
// events up to it. There is one engine at any time, never a second one beside
// it, so what the canvas shows at a moment is what the engine held then.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/engine/engine.h"
#include "cepheus/testbench/scenario.h"
#include "cepheus/testbench/test_run.h"

namespace cepheus::testbench {

class Simulation;
class SourceDecoders;

struct SteppedRunOptions {
  std::uint64_t snapshot_every = 2'000;  // events between two snapshots
  std::size_t tap_capacity = 500;        // newest events kept for the tapped statement
  std::uint64_t max_events = 5'000'000;  // a scenario longer than this is cut (memory)
};

struct RunAlert {
  AlertRecord record;
  std::uint64_t position = 0;  // the events processed when it fired
  bool at_end = false;         // fired by the end of the input (a deadline, a closing window)
};

struct TappedEvent {
  std::uint64_t position = 0;  // the event of the scenario that caused it, 1-based
  Timestamp time;
  std::string text;  // the fields, "name=value, ..."
};

class SteppedRun {
 public:
  // Checks the scenario against the plan; nothing runs yet. `tables` must
  // outlive the run (it is read again when the run goes back in time).
  static Result<std::unique_ptr<SteppedRun>> create(std::shared_ptr<const dsl::Plan> plan, const Scenario& scenario,
                                                    const std::string& folder, engine::TableLoader& tables,
                                                    const SteppedRunOptions& options = {});
  ~SteppedRun();

  // Processes the next event; at the end of the scenario the engine finishes
  // once (windows close, deadlines pass). False when there is nothing left.
  Result<bool> step();
  // Processes events while their time is before `until`, at most `limit` of them; returns how many.
  Result<std::uint64_t> run_until(Timestamp until, std::uint64_t limit);
  bool at_end() const { return finished_; }

  // Events processed, and events generated so far (the furthest point known).
  std::uint64_t position() const { return position_; }
  std::uint64_t known() const { return events_.size(); }
  bool fully_known() const { return exhausted_; }
  Timestamp start() const { return start_; }
  Duration duration() const { return duration_; }
  // The time of the last processed event (the start before any).
  Timestamp time() const;
  // The time of event `position` (1-based) among those known.
  Timestamp time_at(std::uint64_t position) const;
  // How many known events are at or before `time`.
  std::uint64_t position_at(Timestamp time) const;

  // Goes to `position` (at most known()): restores the latest snapshot before
  // it and replays the kept events up to it.
  Status seek(std::uint64_t position);

  const engine::Engine& engine() const { return *engine_; }
  const dsl::Plan& plan() const { return *plan_; }
  // Alerts so far, in order.
  const std::vector<RunAlert>& alerts() const;

  // Keeps the newest events that `statement` emits (nullopt: none).
  void set_tap(std::optional<dsl::StatementId> statement);
  const std::deque<TappedEvent>& tapped() const;

  std::size_t snapshots() const { return snapshots_.size(); }
  std::size_t snapshot_bytes() const;

 private:
  class Recorder;
  SteppedRun(std::shared_ptr<const dsl::Plan> plan, engine::TableLoader& tables, const SteppedRunOptions& options);
  // The next event to process: a kept one, or a newly generated one; nullopt at the end.
  Result<bool> ensure_known(std::uint64_t index);
  void process(std::uint64_t index);
  Status rebuild_engine(const std::string* snapshot);

  struct KeptEvent {
    dsl::StatementId source;
    Event event;
  };

  std::shared_ptr<const dsl::Plan> plan_;
  engine::TableLoader& tables_;
  SteppedRunOptions options_;
  std::unique_ptr<Simulation> simulation_;
  std::unique_ptr<SourceDecoders> decoders_;
  std::unique_ptr<Recorder> recorder_;
  std::unique_ptr<engine::Engine> engine_;
  std::vector<KeptEvent> events_;
  std::map<std::uint64_t, std::string> snapshots_;  // by position
  std::uint64_t position_ = 0;
  bool exhausted_ = false;  // the simulation has no more events
  bool finished_ = false;   // the engine has been told the input ended
  Timestamp start_;
  Duration duration_;
  std::string scenario_path_;
};

}  // namespace cepheus::testbench
