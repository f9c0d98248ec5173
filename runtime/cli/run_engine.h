// The single engine or the sharded one behind one face, for `cepheus run`.
#pragma once

#include <memory>

#include "cepheus/engine/engine.h"
#include "cepheus/engine/sharded_engine.h"

namespace cepheus::cli {

struct RunEngine {
  std::unique_ptr<engine::Engine> single;
  std::unique_ptr<engine::ShardedEngine> sharded;

  std::optional<dsl::StatementId> source(std::string_view name) const {
    return single ? single->source(name) : sharded->source(name);
  }
  void ingest(dsl::StatementId source, const Event& event) {
    single ? single->ingest(source, event) : sharded->ingest(source, event);
  }
  // Passes on what the workers have produced so far (a sharded engine batches it).
  void flush() {
    if (sharded) sharded->flush();
  }
  void finish() { single ? single->finish() : sharded->finish(); }
};

}  // namespace cepheus::cli
