// Benchmarks of the core's hot paths: event decoding and encoding, values.
// Run with `./dev.sh bench`; figures go into the issue notes, never into tests.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "cepheus/core/csv_reader.h"
#include "cepheus/core/event_csv.h"
#include "cepheus/core/event_json.h"
#include "cepheus/core/schema.h"

namespace cepheus {
namespace {

const Schema& reading_schema() {
  static const auto schema =
      *parse_schema_spec("reading", "device: string, temp: double, vibration: double?, ts: timestamp");
  return *schema;
}

// Distinct small events, as a sensor feed would send them.
std::vector<std::string> small_events(int count) {
  std::vector<std::string> events;
  events.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    events.push_back("{\"device\":\"press-" + std::to_string(i % 100) + "\",\"temp\":" + std::to_string(60 + i % 40) +
                     "." + std::to_string(i % 10) + ",\"vibration\":0." + std::to_string(i % 97) +
                     ",\"ts\":" + std::to_string(1795161600000LL + std::int64_t{i} * 10) + "}");
  }
  return events;
}

void BM_DecodeJsonSmallEvent(benchmark::State& state) {
  const auto decoder = *JsonEventDecoder::make(reading_schema(), {.time_field = "ts"});
  const auto events = small_events(1024);
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& json = events[i++ & 1023];
    auto event = decoder.decode(json);
    benchmark::DoNotOptimize(event);
    bytes += json.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_DecodeJsonSmallEvent);

void BM_DecodeJsonIsoTimestampAndUnknownFields(benchmark::State& state) {
  const auto decoder = *JsonEventDecoder::make(reading_schema(), {.time_field = "ts"});
  const std::string json =
      R"({"device":"press-01","site":"north","temp":81.5,"vibration":0.12,"fw":{"v":"2.1","ok":true},"ts":"2026-11-20T08:00:00.250Z"})";
  for (auto _ : state) {
    auto event = decoder.decode(json);
    benchmark::DoNotOptimize(event);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * json.size()));
}
BENCHMARK(BM_DecodeJsonIsoTimestampAndUnknownFields);

void BM_EncodeJsonSmallEvent(benchmark::State& state) {
  const auto decoder = *JsonEventDecoder::make(reading_schema(), {.time_field = "ts"});
  const Event event = *decoder.decode(small_events(1)[0]);
  std::string out;
  for (auto _ : state) {
    out.clear();
    encode_event_json(event, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_EncodeJsonSmallEvent);

void BM_DecodeCsvRecording(benchmark::State& state) {
  std::string text = "device,temp,vibration,ts\n";
  constexpr int kRows = 10'000;
  for (int i = 0; i < kRows; ++i) {
    text += "press-" + std::to_string(i % 100) + "," + std::to_string(60 + i % 40) + ".5,0.1," +
            std::to_string(1795161600000LL + i) + "\n";
  }
  for (auto _ : state) {
    CsvReader reader(text);
    std::vector<std::string_view> fields;
    reader.next(fields);
    auto decoder = *CsvEventDecoder::make(reading_schema(), fields, {.time_field = "ts"});
    while (reader.next(fields)) {
      auto event = decoder.decode(fields);
      benchmark::DoNotOptimize(event);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kRows);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_DecodeCsvRecording);

void BM_CopyEventWithShortStrings(benchmark::State& state) {
  const auto decoder = *JsonEventDecoder::make(reading_schema(), {.time_field = "ts"});
  const Event event = *decoder.decode(small_events(1)[0]);
  for (auto _ : state) {
    Event copy = event;
    benchmark::DoNotOptimize(copy);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_CopyEventWithShortStrings);

void BM_HashStringKey(benchmark::State& state) {
  const Value key = Value::string("press-0042");
  for (auto _ : state) benchmark::DoNotOptimize(key.hash());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_HashStringKey);

void BM_ParseIsoTimestamp(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(parse_timestamp("2026-11-20T08:00:00.250+01:00"));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ParseIsoTimestamp);

}  // namespace
}  // namespace cepheus
