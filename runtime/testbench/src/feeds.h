// The three kinds of feed a scenario has.
#pragma once

#include <memory>

#include "cepheus/core/json_value.h"
#include "feed.h"

namespace cepheus::testbench {

Result<std::unique_ptr<Feed>> make_generator_feed(const Scenario& scenario, const Generator& generator,
                                                  const dsl::Plan& plan);
Result<std::unique_ptr<Feed>> make_replay_feed(const Scenario& scenario, const Replay& replay, const dsl::Plan& plan,
                                               const std::string& folder);
// Scripted events at `start` plus their offsets; `where` names the file for messages.
Result<std::unique_ptr<Feed>> make_script_feed(Timestamp start, const std::vector<ScriptedEvent>& events,
                                               const dsl::Plan& plan, const std::string& where);

// The time an event's JSON object gives in its source's time field (an RFC 3339
// string or epoch milliseconds), if any.
std::optional<Timestamp> time_in(const JsonValue& object, const SourceShape& shape);
// The object's text with its time field set to `time` (added when missing;
// left out for processing-time sources).
std::string with_time(const JsonValue& object, const SourceShape& shape, Timestamp time);

}  // namespace cepheus::testbench
