// Scripted events: exact events at offsets from the scenario's start.
#include <algorithm>

#include "feeds.h"

namespace cepheus::testbench {
Result<std::unique_ptr<Feed>> make_script_feed(Timestamp start, const std::vector<ScriptedEvent>& script,
                                               const dsl::Plan& plan, const std::string& where) {
  std::vector<SimulatedEvent> events;
  for (const ScriptedEvent& scripted : script) {
    const std::string at = where + ":" + std::to_string(scripted.line);
    CEPHEUS_ASSIGN_OR_RETURN(const SourceShape shape, source_shape(plan, scripted.source, at));
    CEPHEUS_ASSIGN_OR_RETURN(const JsonValue object, JsonValue::parse(scripted.json));
    for (const auto& member : object.members())
      if (shape.schema->index_of(member.first) == Schema::npos)
        return invalid_argument(at + ": source '" + scripted.source + "' has no field '" + member.first + "'");
    // An event that gives its own time keeps it; the others happen at their offset.
    const Timestamp time = time_in(object, shape).value_or(start + scripted.offset);
    events.push_back({time, scripted.source, with_time(object, shape, time)});
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const SimulatedEvent& a, const SimulatedEvent& b) { return a.time < b.time; });
  return std::unique_ptr<Feed>(new EventListFeed(std::move(events)));
}

}  // namespace cepheus::testbench
