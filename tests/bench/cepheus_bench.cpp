// cepheus-bench: the engine against hand-written C++ that computes the same
// result (BM_Baseline_<name>), so the engine's overhead is a ratio measured in one
// run. Filters and windows here; patterns in pattern_bench.cpp, memory and
// latency in footprint_bench.cpp.
#include <benchmark/benchmark.h>

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "engine_bench_support.h"

namespace cepheus::engine::bench {
namespace {

// Readings of 1,000 devices, one per millisecond, temperatures 60..99.
std::vector<Event> readings(const Schema& schema, int count) {
  std::vector<Event> events;
  events.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    const Timestamp t = Timestamp::from_millis(kEpochMillis + i);
    events.emplace_back(schema, t,
                        std::vector<Value>{Value::string("press-" + std::to_string(i % 1000)),
                                           Value::real(60.0 + (i * 7919) % 40), Value::timestamp(t)});
  }
  return events;
}

constexpr int kEvents = 1 << 16;

// Readings of `keys` devices, one event per millisecond.
std::vector<Event> keyed_readings(const Schema& schema, int count, int keys) {
  std::vector<Event> events;
  events.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    const Timestamp t = Timestamp::from_millis(kEpochMillis + i);
    events.emplace_back(schema, t,
                        std::vector<Value>{Value::string("d" + std::to_string((i * 7919) % keys)),
                                           Value::real(60.0 + (i * 31) % 40), Value::timestamp(t)});
  }
  return events;
}

constexpr int kKeys = 10'000;

void BM_Filter(benchmark::State& state) {
  const std::uint64_t passed = replay_through(state,
                                              "schema R { device: string, temp: double, ts: timestamp }\n"
                                              "source r: R from mqtt \"t\" event time ts\n"
                                              "stream hot from r where temp > 80\n"
                                              "sink out from hot to log\n",
                                              [](const Schema& schema) { return readings(schema, kEvents); });
  state.counters["passed"] = static_cast<double>(passed);
}
BENCHMARK(BM_Filter);

// The same filter as a tight loop over the same events (copied in, as the engine gets them).
void BM_Baseline_Filter(benchmark::State& state) {
  auto schema = *parse_schema_spec("R", "device: string, temp: double, ts: timestamp");
  const std::vector<Event> events = readings(*schema, kEvents);
  std::uint64_t passed = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    const Event event = events[i];  // NOLINT(performance-unnecessary-copy-initialization): as the engine gets it
    if (event.value(1).as_double() > 80) ++passed;
    benchmark::DoNotOptimize(passed);
    if (++i == events.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Baseline_Filter);

// A tumbling one-minute count and average per device, for 10,000 devices.
void BM_WindowAggregateByKey(benchmark::State& state) {
  const std::uint64_t windows =
      replay_through(state,
                     "schema R { device: string, temp: double, ts: timestamp }\n"
                     "source r: R from mqtt \"t\" event time ts\n"
                     "window w from r group by device tumbling 1m compute count() as n, avg(temp) as avg_temp\n"
                     "sink out from w to log\n",
                     [](const Schema& schema) { return keyed_readings(schema, 1 << 18, kKeys); });
  state.counters["windows"] = static_cast<double>(windows);
}
BENCHMARK(BM_WindowAggregateByKey);

// The same per-device minute count and average, hand-written: a hash map of
// running sums, emitted and cleared when the minute changes.
void BM_Baseline_WindowAggregateByKey(benchmark::State& state) {
  auto schema = *parse_schema_spec("R", "device: string, temp: double, ts: timestamp");
  const std::vector<Event> events = keyed_readings(*schema, 1 << 18, kKeys);
  struct Sum {
    std::int64_t n = 0;
    double total = 0;
  };
  std::unordered_map<Value, Sum, ValueHash> sums;
  std::int64_t minute = -1;
  std::uint64_t windows = 0;
  double checksum = 0;
  replay_by_hand(state, events, [&](const Event& event) {
    const std::int64_t m = event.time().nanos_since_epoch() / 60'000'000'000;
    if (m != minute) {
      for (const auto& [key, sum] : sums) checksum += sum.total / static_cast<double>(sum.n);
      windows += sums.size();
      sums.clear();
      minute = m;
    }
    Sum& sum = sums[event.value(0)];
    ++sum.n;
    sum.total += event.value(1).as_double();
  });
  benchmark::DoNotOptimize(checksum);
  state.counters["windows"] = static_cast<double>(windows);
}
BENCHMARK(BM_Baseline_WindowAggregateByKey);

}  // namespace
}  // namespace cepheus::engine::bench
