// Memory and latency figures in cepheus-bench: bytes of state per key (a
// pattern run waiting, an open window), heap per deployed rule, and the
// distribution of end-to-end time per event (ingest to alert). Each runs once.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "engine_bench_support.h"

namespace cepheus::engine::bench {
namespace {

constexpr int kFootprintKeys = 100'000;

Event reading(const Schema& schema, int key, const char* kind, Timestamp t) {
  return Event(
      schema, t,
      std::vector<Value>{Value::string("device-" + std::to_string(key)), Value::string(kind), Value::timestamp(t)});
}

// Heap growth per key after one event per key.
double bytes_per_key(const std::string& rules) {
  auto plan = compile(rules);
  NoTables tables;
  CountingOutput output;
  auto engine = std::move(*Engine::create(plan, tables, output));
  const dsl::StatementId source = *engine->source("r");
  const Schema& schema = *plan->statements[source].output;
  std::vector<Event> events;
  events.reserve(kFootprintKeys);
  for (int k = 0; k < kFootprintKeys; ++k) {
    events.push_back(reading(schema, k, "A", Timestamp::from_millis(kEpochMillis) + Duration::micros(k)));
  }
  const std::size_t before = heap_in_use();
  for (const Event& e : events) engine->ingest(source, e);
  const std::size_t after = heap_in_use();
  return static_cast<double>(after - before) / kFootprintKeys;
}

constexpr const char* kSchemaAndSource =
    "schema R { device: string, kind: string, ts: timestamp }\n"
    "source r: R from mqtt \"t\" event time ts\n";

void BM_PatternStateBytesPerKey(benchmark::State& state) {
  double bytes = 0;
  for (auto _ : state) {
    bytes = bytes_per_key(std::string(kSchemaAndSource) +
                          "pattern p partition by device within 60s\n"
                          "  match every a: r where kind == \"A\" then b: r where kind == \"B\"\n"
                          "sink out from p to log\n");
  }
  state.counters["bytes_per_key"] = bytes;
}
BENCHMARK(BM_PatternStateBytesPerKey)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_WindowStateBytesPerKey(benchmark::State& state) {
  double bytes = 0;
  for (auto _ : state) {
    bytes = bytes_per_key(std::string(kSchemaAndSource) +
                          "window w from r group by device tumbling 1m compute count() as n\n"
                          "sink out from w to log\n");
  }
  state.counters["bytes_per_key"] = bytes;
}
BENCHMARK(BM_WindowStateBytesPerKey)->Iterations(1)->Unit(benchmark::kMillisecond);

// Heap per rule once deployed: a plan of 100 rules (a filter, a pattern and an alert each) and its engine.
void BM_MemoryPerRule(benchmark::State& state) {
  constexpr int kRules = 100;
  std::string rules = kSchemaAndSource;
  for (int i = 0; i < kRules; ++i) {
    const std::string n = std::to_string(i);
    rules += "stream s" + n + " from r where kind != \"X" + n + "\"\n";
    rules += "pattern p" + n + " partition by device within 60s\n  match every a: s" + n +
             " where kind == \"A\" then b: s" + n + " where kind == \"B\"\n";
    rules += "alert a" + n + " from p" + n + " message \"{device} matched rule " + n + "\" throttle 1m per device\n";
  }
  double bytes = 0;
  for (auto _ : state) {
    const std::size_t before = heap_in_use();
    auto plan = compile(rules);
    NoTables tables;
    CountingOutput output;
    auto engine = std::move(*Engine::create(plan, tables, output));
    bytes = static_cast<double>(heap_in_use() - before) / kRules;
    benchmark::DoNotOptimize(engine);
  }
  state.counters["bytes_per_rule"] = bytes;
}
BENCHMARK(BM_MemoryPerRule)->Iterations(1)->Unit(benchmark::kMillisecond);

// Time per event from ingest to the alert it raises (or to the end of its processing),
// over the followed-by pattern with an alert on every match.
void BM_EndToEndLatency(benchmark::State& state) {
  auto plan = compile(std::string(kSchemaAndSource) +
                      "pattern p partition by device within 60s\n"
                      "  match every a: r where kind == \"A\" then b: r where kind == \"B\"\n"
                      "alert matched from p message \"{device} from {match_start} to {match_end}\"\n");
  NoTables tables;
  CountingOutput output;
  auto engine = std::move(*Engine::create(plan, tables, output));
  const dsl::StatementId source = *engine->source("r");
  const Schema& schema = *plan->statements[source].output;
  constexpr int kKeys = 10'000;
  std::vector<std::int64_t> nanos;
  nanos.reserve(1 << 21);
  std::int64_t i = 0;
  for (auto _ : state) {
    const int key = static_cast<int>((i / 2) % kKeys);
    const Event e =
        reading(schema, key, i % 2 == 0 ? "A" : "B", Timestamp::from_millis(kEpochMillis) + Duration::micros(i));
    const auto start = std::chrono::steady_clock::now();
    engine->ingest(source, e);
    nanos.push_back(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count());
    ++i;
  }
  std::sort(nanos.begin(), nanos.end());
  const auto at = [&](double p) {
    return static_cast<double>(
        nanos[std::min(nanos.size() - 1, static_cast<std::size_t>(p * static_cast<double>(nanos.size())))]);
  };
  state.counters["p50_ns"] = at(0.50);
  state.counters["p99_ns"] = at(0.99);
  state.counters["p999_ns"] = at(0.999);
  state.counters["alerts"] = static_cast<double>(output.alerts);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_EndToEndLatency)->Iterations(1'000'000);

}  // namespace
}  // namespace cepheus::engine::bench
