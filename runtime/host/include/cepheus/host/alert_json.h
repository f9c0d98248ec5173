// An alert as one JSON object: id, rule, severity, time, key, message, targets.
// The one form that `cepheus run` prints, the node journals and publishes, and
// `cepheus alerts` reads back.
#pragma once

#include <string>

#include "cepheus/engine/output.h"

namespace cepheus::host {

std::string alert_to_json(const engine::Alert& alert);

}  // namespace cepheus::host
