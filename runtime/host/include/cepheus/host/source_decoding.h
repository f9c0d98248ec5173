// How a source's raw input becomes events: the decoder settings every reader of
// a source (replays, live MQTT, the node) shares.
#pragma once

#include <string>

#include "cepheus/dsl/plan.h"

namespace cepheus::host {

// The name of a source's event-time field, or "" for a processing-time source:
// what its decoders take as their time field.
std::string time_field_of(const dsl::PlanStatement& source);

}  // namespace cepheus::host
