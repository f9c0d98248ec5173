// The MQTT topic an event of a source is published on: the source's topic
// filter with its placeholders ({site}, {device}) filled from the event.
#pragma once

#include <string>

#include "cepheus/core/json_value.h"
#include "cepheus/core/result.h"
#include "cepheus/dsl/plan.h"

namespace cepheus::testbench {

// A bare `+` level (one no field fills) is published as "_", and a trailing `#`
// is left out. Fails when the event lacks a placeholder's field.
Result<std::string> topic_for(const dsl::PlanStatement& source, const JsonValue& event);

}  // namespace cepheus::testbench
