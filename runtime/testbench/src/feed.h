// One feed of a scenario: events in time order, from a generator, a replay or
// a script, merged by Simulation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cepheus/core/schema.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/testbench/simulation.h"

namespace cepheus::testbench {

class Feed {
 public:
  virtual ~Feed() = default;
  // The time of the next event, or nullopt when the feed is done.
  virtual std::optional<Timestamp> peek() = 0;
  // The next event; only after peek() gave a time.
  virtual SimulatedEvent take() = 0;
};

// Events made up front (a replay, a script), handed out in the order given.
class EventListFeed final : public Feed {
 public:
  explicit EventListFeed(std::vector<SimulatedEvent> events) : events_(std::move(events)) {}
  std::optional<Timestamp> peek() override {
    if (next_ >= events_.size()) return std::nullopt;
    return events_[next_].time;
  }
  SimulatedEvent take() override { return std::move(events_[next_++]); }

 private:
  std::vector<SimulatedEvent> events_;
  std::size_t next_ = 0;
};

// What a feed needs to know of a source: its fields and which one is its time.
struct SourceShape {
  std::string name;
  const Schema* schema = nullptr;
  std::optional<std::size_t> time_field;  // nullopt: processing time
};

// The source statement called `name` of the plan, or why there is none.
Result<SourceShape> source_shape(const dsl::Plan& plan, const std::string& name, const std::string& where);

}  // namespace cepheus::testbench
