// A scenario: the events a project's rules are tried on, as a text file in the
// project's `scenarios/` folder (TOML; the format is in docs/scenarios.md).
//
// Feeds of four kinds are merged in event time: generators (a population of
// keys, each sending events at a rate, with a distribution per field), anomalies
// that change a generator's fields (or silence it) for some keys for a while,
// replays of recorded files shifted and scaled in time, and a script of exact
// events. The seed makes the whole scenario reproducible byte for byte.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/core/time.h"

namespace cepheus::testbench {

struct Population {
  std::string name;
  std::size_t count = 0;
  std::string names = "{n}";        // "press-{n:02}": n counts from 1
  std::vector<std::string> values;  // explicit names instead (count = their number)
  std::string key_name(std::size_t index) const;
};

enum class Arrival : std::uint8_t { kFixed, kPoisson, kBursts };

struct Generator {
  std::string name;
  std::string source;
  std::string population;  // empty: one key
  Arrival arrival = Arrival::kFixed;
  Duration every = Duration::seconds(1);  // the gap between a key's events (bursts: between bursts)
  std::int64_t burst = 1;                 // bursts: events per burst
  Duration burst_gap = Duration::seconds(1);
  Duration from;                                            // after the scenario's start
  std::optional<Duration> until;                            // default: the scenario's duration
  std::optional<std::int64_t> limit;                        // at most this many events
  std::vector<std::pair<std::string, std::string>> fields;  // field -> spec, in file order
  int line = 0;
};

struct Anomaly {
  std::string name;
  std::string generator;
  std::vector<std::string> keys;  // empty: every key
  Duration at;
  Duration length;
  bool silent = false;
  std::vector<std::pair<std::string, std::string>> fields;  // field -> spec while it lasts
  int line = 0;
};

struct Replay {
  std::string name;
  std::string file;               // relative to the scenario's folder
  std::string source;             // for records that do not name theirs
  std::optional<Duration> shift;  // added to every event time; default: the first event lands on the start
  double scale = 1;               // gaps between events multiplied by this
  std::vector<std::pair<std::string, std::string>> columns;  // CSV column -> field
  int line = 0;
};

// One exact event: `+10s readings {"device": "press-07", "temp": 85}`.
struct ScriptedEvent {
  Duration offset;
  std::string source;
  std::string json;  // the event's fields, a JSON object
  int line = 0;
};

struct Scenario {
  std::string name;
  std::string path;  // the file, for messages and relative paths
  std::string description;
  std::uint64_t seed = 1;
  Timestamp start;
  Duration duration = Duration::hours(1);
  std::map<std::string, Population> populations;
  std::vector<Generator> generators;
  std::vector<Anomaly> anomalies;
  std::vector<Replay> replays;
  std::vector<ScriptedEvent> script;
};

// Reads a scenario file; errors say "PATH:LINE: why".
Result<Scenario> parse_scenario(const std::string& path, std::string_view text);
// The script lines of a scenario or a test (`+OFFSET SOURCE {JSON}` per line; `#` comments).
Result<std::vector<ScriptedEvent>> parse_script(std::string_view text, int first_line, const std::string& where);

}  // namespace cepheus::testbench
