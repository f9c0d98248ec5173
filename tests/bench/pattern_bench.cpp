// Patterns in cepheus-bench: followed-by within a minute over 100,000 keys, and
// an absence over 10,000 keys, each beside the tightest hand-written loop that
// finds the same matches.
#include <benchmark/benchmark.h>

#include <deque>
#include <unordered_map>
#include <vector>

#include "engine_bench_support.h"

namespace cepheus::engine::bench {
namespace {

constexpr int kPatternKeys = 100'000;
constexpr const char* kKindSchema = "schema R { device: string, kind: string, ts: timestamp }\n";

// Per pass: an A for every key (in a scrambled order), then a B for every key
// (in another order), 100 µs apart, so every B completes its key's match.
std::vector<Event> a_then_b(const Schema& schema, int keys) {
  std::vector<Event> events;
  events.reserve(2 * static_cast<std::size_t>(keys));
  for (int i = 0; i < 2 * keys; ++i) {
    const bool a = i < keys;
    const int key = static_cast<int>((static_cast<std::int64_t>(i % keys) * (a ? 7919 : 104729)) % keys);
    const Timestamp t = Timestamp::from_millis(kEpochMillis) + Duration::micros(100LL * i);
    events.emplace_back(schema, t,
                        std::vector<Value>{Value::string("d" + std::to_string(key)), Value::string(a ? "A" : "B"),
                                           Value::timestamp(t)});
  }
  return events;
}

void BM_PatternFollowedByWithin(benchmark::State& state) {
  const std::uint64_t matches =
      replay_through(state,
                     std::string(kKindSchema) +
                         "source r: R from mqtt \"t\" event time ts\n"
                         "pattern p partition by device within 60s\n"
                         "  match every a: r where kind == \"A\" then b: r where kind == \"B\"\n"
                         "sink out from p to log\n",
                     [](const Schema& schema) { return a_then_b(schema, kPatternKeys); });
  state.counters["matches"] = static_cast<double>(matches);
}
BENCHMARK(BM_PatternFollowedByWithin);

// The same matches by hand: the start time of each key's pending A; a B within a minute matches.
void BM_Baseline_PatternFollowedByWithin(benchmark::State& state) {
  auto schema = *parse_schema_spec("R", "device: string, kind: string, ts: timestamp");
  const std::vector<Event> events = a_then_b(*schema, kPatternKeys);
  std::unordered_map<Value, Timestamp, ValueHash> pending;
  std::uint64_t matches = 0;
  replay_by_hand(state, events, [&](const Event& event) {
    if (event.value(1).as_string() == "A") {
      pending.emplace(event.value(0), event.time());
    } else if (auto it = pending.find(event.value(0)); it != pending.end()) {
      if (event.time() - it->second < Duration::seconds(60)) ++matches;
      pending.erase(it);
    }
  });
  benchmark::DoNotOptimize(matches);
  state.counters["matches"] = static_cast<double>(matches);
}
BENCHMARK(BM_Baseline_PatternFollowedByWithin);

constexpr int kAbsenceKeys = 10'000;

// Per pass: an A for every key, 1 ms apart; keys with an odd number get a B
// 5 s after their A, which breaks the absence; even keys complete it 10 s later.
std::vector<Event> a_maybe_b(const Schema& schema, int keys) {
  std::vector<std::pair<Timestamp, std::pair<int, bool>>> order;
  for (int k = 0; k < keys; ++k) {
    const Timestamp t = Timestamp::from_millis(kEpochMillis + k);
    order.push_back({t, {k, true}});
    if (k % 2 == 1) order.push_back({t + Duration::seconds(5), {k, false}});
  }
  std::stable_sort(order.begin(), order.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<Event> events;
  events.reserve(order.size());
  for (const auto& [t, what] : order) {
    events.emplace_back(schema, t,
                        std::vector<Value>{Value::string("d" + std::to_string(what.first)),
                                           Value::string(what.second ? "A" : "B"), Value::timestamp(t)});
  }
  return events;
}

void BM_AbsencePattern(benchmark::State& state) {
  const std::uint64_t matches =
      replay_through(state,
                     std::string(kKindSchema) +
                         "source r: R from mqtt \"t\" event time ts\n"
                         "pattern p partition by device\n"
                         "  match every a: r where kind == \"A\" then not r where kind == \"B\" within 10s\n"
                         "sink out from p to log\n",
                     [](const Schema& schema) { return a_maybe_b(schema, kAbsenceKeys); });
  state.counters["matches"] = static_cast<double>(matches);
}
BENCHMARK(BM_AbsencePattern);

// By hand: each key's pending deadline and a queue of deadlines in time order.
void BM_Baseline_AbsencePattern(benchmark::State& state) {
  auto schema = *parse_schema_spec("R", "device: string, kind: string, ts: timestamp");
  const std::vector<Event> events = a_maybe_b(*schema, kAbsenceKeys);
  std::unordered_map<Value, Timestamp, ValueHash> deadlines;
  std::deque<std::pair<Timestamp, Value>> queue;
  std::uint64_t matches = 0;
  replay_by_hand(state, events, [&](const Event& event) {
    while (!queue.empty() && queue.front().first <= event.time()) {
      auto it = deadlines.find(queue.front().second);
      if (it != deadlines.end() && it->second == queue.front().first) {
        ++matches;
        deadlines.erase(it);
      }
      queue.pop_front();
    }
    if (event.value(1).as_string() == "A") {
      const Timestamp deadline = event.time() + Duration::seconds(10);
      deadlines[event.value(0)] = deadline;
      queue.emplace_back(deadline, event.value(0));
    } else {
      deadlines.erase(event.value(0));
    }
  });
  benchmark::DoNotOptimize(matches);
  state.counters["matches"] = static_cast<double>(matches);
}
BENCHMARK(BM_Baseline_AbsencePattern);

}  // namespace
}  // namespace cepheus::engine::bench
