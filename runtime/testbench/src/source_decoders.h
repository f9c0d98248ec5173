// Turns a simulated event (its source's name and a JSON object) into an engine
// event of that source, with the source's schema and time field.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "cepheus/core/event_json.h"
#include "cepheus/core/result.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/testbench/simulation.h"

namespace cepheus::testbench {

class SourceDecoders {
 public:
  static Result<SourceDecoders> make(const dsl::Plan& plan);
  // The source statement and the decoded event; an event that does not fit its
  // schema is refused with the reason and the event's text.
  Result<std::pair<dsl::StatementId, Event>> decode(const SimulatedEvent& event) const;

 private:
  std::map<std::string, std::pair<dsl::StatementId, JsonEventDecoder>, std::less<>> decoders_;
};

}  // namespace cepheus::testbench
