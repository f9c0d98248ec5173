// Runs a scenario: its feeds merged into one stream of events in event time,
// each naming its source, as `cepheus run --replay` reads them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/testbench/scenario.h"

namespace cepheus::testbench {

struct SimulatedEvent {
  Timestamp time;
  std::string source;
  std::string fields;  // the event as a JSON object, its time field filled in

  // {"source":"readings","event":{...}}: one line of a replay file.
  std::string replay_line() const;
};

class Feed;

class Simulation {
 public:
  // Checks the scenario against the project's sources (every field of a
  // generated event has a value of its type, every source exists) and reads its
  // replay files, relative to `folder`.
  static Result<std::unique_ptr<Simulation>> create(const Scenario& scenario, const dsl::Plan& plan,
                                                    const std::string& folder);
  ~Simulation();

  // The next event in time order (ties: feeds in file order), or nullopt at the end.
  std::optional<SimulatedEvent> next();

 private:
  Simulation() = default;
  std::vector<std::unique_ptr<Feed>> feeds_;
};

}  // namespace cepheus::testbench
