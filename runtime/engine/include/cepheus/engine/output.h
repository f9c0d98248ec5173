// What leaves the engine: alerts, events for sinks, and dead letters.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cepheus/core/event.h"
#include "cepheus/dsl/checked.h"

namespace cepheus::engine {

struct ResolvedTarget {
  std::string kind;     // mqtt, webhook, journal, log
  std::string address;  // the topic or URL with its placeholders filled in
  int qos = 1;
  bool retain = false;  // mqtt
  std::string broker;   // mqtt: a named broker connection of the node; empty: its default one
};

struct Alert {
  // Stable for the same rule, key and match: a replay or a restart never makes a
  // second alert for the same match (16 hex digits of a 64-bit FNV-1a hash of the
  // rule, the event time and every field of the input event, which for a pattern
  // hold its key and match_start and match_end).
  std::string id;
  std::string rule;
  dsl::SeverityLevel severity = dsl::SeverityLevel::kMedium;
  std::string message;
  Timestamp time;                                     // event time of the event that raised it
  std::string key;                                    // the throttle key ("device=press-01"), or empty
  std::vector<std::pair<std::string, Value>> fields;  // the input event's fields
  std::vector<ResolvedTarget> targets;
};

// Receives what the engine produces, on the engine's thread, in a deterministic
// order. Implementations copy what they keep.
class Output {
 public:
  virtual ~Output() = default;
  virtual void alert(const Alert& alert) = 0;
  virtual void sink_event(std::string_view sink, const std::vector<ResolvedTarget>& targets, const Event& event) = 0;
  // An event the engine did not process, and why ("late", ...).
  virtual void dead_letter(std::string_view source, const Event& event, std::string_view reason) = 0;
  // Something an operator wants a person to know (partial matches dropped at a limit, ...).
  virtual void warning(std::string_view statement, std::string_view message) {
    (void)statement;
    (void)message;
  }
};

}  // namespace cepheus::engine
