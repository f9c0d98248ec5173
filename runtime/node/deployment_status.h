// A running deployment's status as JSON, for GET .../status and the studio:
// per-statement counters and latency, pattern figures with their partial
// matches (key, step, bound events, deadline), windows open and twin keys.
#pragma once

#include <string>

#include "running_deployment.h"

namespace cepheus::node {

std::string deployment_status_json(const RunningDeployment& deployment);

}  // namespace cepheus::node
