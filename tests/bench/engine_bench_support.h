// Shared by the cepheus-bench files: a plan from rule text, an output that
// counts, and a loop that replays events through an engine.
#pragma once

#include <benchmark/benchmark.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cepheus/engine/engine.h"

namespace cepheus::engine::bench {

class CountingOutput final : public Output {
 public:
  void alert(const Alert&) override { ++alerts; }
  void sink_event(std::string_view, const std::vector<ResolvedTarget>&, const Event&) override { ++events; }
  void dead_letter(std::string_view, const Event&, std::string_view) override { ++dead; }
  std::uint64_t alerts = 0, events = 0, dead = 0;
};

class NoTables final : public TableLoader {
 public:
  Result<std::vector<std::vector<Value>>> load(const dsl::PlanStatement&) override {
    return std::vector<std::vector<Value>>{};
  }
};

// Aborts on any error: a benchmark's rules are fixed.
std::shared_ptr<const dsl::Plan> compile(const std::string& rules);

// The first instant of every benchmark's event time (2026-11-20T08:00:00Z).
inline constexpr std::int64_t kEpochMillis = 1'795'161'600'000;

// Feeds `events` through `rules` (one source `r`) in a loop, moving event time
// forward on every pass so that nothing is late; returns what the sinks saw.
std::uint64_t replay_through(benchmark::State& state, const std::string& rules,
                             const std::function<std::vector<Event>(const Schema&)>& make_events,
                             Engine** engine_out = nullptr);

// The hand-written side of a pair: feeds copies of `events` to `handle` in a loop,
// moving event time on by the events' span plus 10 minutes on every pass, as
// replay_through does for the engine.
template <typename Handle>
void replay_by_hand(benchmark::State& state, const std::vector<Event>& events, Handle&& handle) {
  const Duration span = events.back().time() - events.front().time() + Duration::minutes(10);
  std::size_t i = 0;
  std::int64_t offset = 0;
  for (auto _ : state) {
    Event event = events[i];
    event.set_time(event.time() + Duration::nanos(offset));
    handle(event);
    if (++i == events.size()) {
      i = 0;
      offset += span.count_nanos();
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// Bytes the C heap holds now (glibc's mallinfo2), for state-size figures.
std::size_t heap_in_use();

}  // namespace cepheus::engine::bench
