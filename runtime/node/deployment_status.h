// A running deployment's status as JSON, for GET .../status and the studio:
// per-statement counters and latency, pattern figures with their partial
// matches (key, step, bound events, deadline), windows open and twin keys, and
// how far each `from file` source's file is read.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "running_deployment.h"

namespace cepheus::node {

// `file_read_to`: bytes read of each file source's file, by source name.
std::string deployment_status_json(const RunningDeployment& deployment,
                                   const std::map<std::string, std::uint64_t>& file_read_to);

}  // namespace cepheus::node
