// Shared by the whole-run property tests: a project with every kind of state,
// a seeded stream for it, and an output that writes a transcript of everything.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "cepheus/core/event_json.h"
#include "cepheus/engine/engine.h"
#include "cepheus/engine/evaluator.h"
#include "plan_for_test.h"

namespace cepheus::engine {

class TranscriptOutput final : public Output {
 public:
  void alert(const Alert& a) override {
    std::string device;
    for (const auto& [name, value] : a.fields) {
      if (name == "device") device = display_text(value);
    }
    lines.push_back("alert " + device + " " + a.id + " " + a.rule + " " + a.message);
  }
  void sink_event(std::string_view sink, const std::vector<ResolvedTarget>&, const Event& e) override {
    lines.push_back("sink " + std::string(sink) + " " + event_to_json(e));
  }
  void dead_letter(std::string_view source, const Event& e, std::string_view reason) override {
    lines.push_back("dead " + std::string(source) + " " + std::string(reason) + " " + event_to_json(e));
  }
  std::vector<std::string> lines;
};

// Every kind of state: windows of each kind, a twin, throttled alerts, patterns
// with loops, absences, `then any` and an event-time buffer (lateness).
inline constexpr const char* kRules = R"cep(
schema R { device: string, temp: double, ts: timestamp }
schema M { device: string, ts: timestamp }
source readings: R from mqtt "r/{device}" event time ts lateness 3s idle after 1m
source maintenance: M from mqtt "m/{device}" event time ts lateness 3s idle after 1m
window per_minute from readings group by device tumbling 1m compute count() as n, avg(temp) as avg, percentile(temp, 90) as p90
window sliding_avg from readings group by device sliding 2m every 30s compute avg(temp) as avg, count(distinct device) as d
window sessions from readings group by device session gap 20s compute count() as n, max(temp) as hi
window last5 from readings group by device count 5 every 2 compute stddev(temp) as sd, first(temp) as f, last(temp) as l
twin device_state key device { hot: int = 0, last: double = 0 }
  on readings where temp > 80 set hot = hot + 1, last = temp
  expire after 10m
pattern overheating partition by device
  match every hot: readings{3} where temp > 80 within 1m
    then not maintenance within 2m
  select device, count(hot) as n, max(hot.temp) as peak
pattern rising partition by device within 20s
  match every a: readings then any b: readings+ reluctant where temp > a.temp + 5 then c: maintenance
  skip to next
  select device, a.temp as base, count(b) as rises
alert overheated from overheating
  message "{device}: {n} hot readings, peak {peak}, {device_state.hot} in total"
  throttle 3m per device
alert drift from per_minute where avg > 85 message "{device} averages {avg}"
sink windows from per_minute to log
sink slides from sliding_avg to log
sink sess from sessions to log
sink counts from last5 to log
sink rises from rising to log
)cep";

struct Record {
  std::string source;
  std::string json;
};

// A seeded stream: 8 devices, readings every few seconds with some out of order
// (within the 3 s lateness, and a few beyond it), maintenance now and then.
inline std::vector<Record> stream(unsigned seed, int count) {
  std::mt19937 random(seed);
  std::vector<Record> out;
  const Timestamp start = *parse_timestamp("2026-11-20T08:00:00Z");
  std::int64_t millis = 0;
  for (int i = 0; i < count; ++i) {
    millis += std::uniform_int_distribution<int>(0, 1500)(random);
    std::int64_t at = millis - std::uniform_int_distribution<int>(0, random() % 10 == 0 ? 5000 : 2500)(random);
    const std::string device = "d" + std::to_string(random() % 8);
    const std::string ts = format_timestamp(start + Duration::millis(std::max<std::int64_t>(at, 0)));
    if (random() % 25 == 0) {
      out.push_back({"maintenance", R"({"device":")" + device + R"(","ts":")" + ts + "\"}"});
    } else {
      const double temp = 70 + static_cast<double>(random() % 300) / 10.0;
      out.push_back(
          {"readings", R"({"device":")" + device + R"(","temp":)" + std::to_string(temp) + R"(,"ts":")" + ts + "\"}"});
    }
  }
  return out;
}

}  // namespace cepheus::engine
