// Private to the engine: which field spreads a plan's keys over workers.
//
// A plan can run sharded when one field keys all of its state: every window
// groups by it, every pattern is partitioned by it, every twin is keyed by it,
// every throttled alert throttles per it, and every statement on the way from a
// source to them passes it through unchanged. Events with the same value of
// that field then meet the same worker, which holds all the state they touch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/dsl/plan.h"

namespace cepheus::engine {

struct ShardField {
  std::string name;  // empty: no statement keeps state
  // Per statement (sources only): the field's position in the source's events,
  // or nullopt for a source whose events touch no state.
  std::vector<std::optional<std::uint32_t>> by_source;
};

// The field, or why the plan keeps state that is not per key.
Result<ShardField> find_shard_field(const dsl::Plan& plan);

}  // namespace cepheus::engine
