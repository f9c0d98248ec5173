// The sharded engine: one plan over N worker threads, each with its own Engine.
//
// Events are spread by the plan's shard field (the field that keys all of its
// state; see find_shard_field), so that each key's state lives in one worker
// and each key's events are processed in arrival order by that worker. The
// calling thread checks lateness against the global watermarks, hands each
// event to its worker through a single-producer single-consumer queue (no lock
// on the per-event path) and tells every worker how far each source's event
// time has moved, so that windows close and deadlines pass exactly as in one
// engine. Every few thousand events the workers' output is gathered and passed
// on in a deterministic order: each worker's in the order it produced it, merged
// by event time (the lower worker first on a tie). The alerts are the same as a
// single engine's, and within a key in the same order. Late events are told as
// dead letters by the calling thread at once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cepheus/engine/engine.h"

namespace cepheus::engine {

class ShardedEngine {
 public:
  // Refuses plans that keep state not per key (naming the statement), and
  // anything Engine::create refuses.
  static Result<std::unique_ptr<ShardedEngine>> create(std::shared_ptr<const dsl::Plan> plan, TableLoader& tables,
                                                       Output& output, int workers, const EngineOptions& options = {});
  ~ShardedEngine();

  std::optional<dsl::StatementId> source(std::string_view name) const;
  // Processes one event of `source` (called from one thread only).
  void ingest(dsl::StatementId source, const Event& event);
  // Waits for the workers to process what they were given and passes their
  // output on (done by itself every few thousand events; live inputs call it
  // when they are quiet, so that alerts are not held back).
  void flush();
  // The end of the input: every worker finishes, and all output is passed on.
  void finish();
  int workers() const;
  const std::string& shard_field() const;

 private:
  class Impl;
  explicit ShardedEngine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cepheus::engine
