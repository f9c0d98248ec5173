// Loading, checking and compiling rule files for the commands that need a plan.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cepheus/dsl/plan.h"

namespace cepheus::cli {

// Reads and checks `paths`, prints diagnostics to stderr, and returns the plan
// when there are no errors. `exit_code` is set to 1 (errors) or 2 (unreadable).
std::optional<dsl::Plan> load_plan(const char* command, const std::vector<std::string>& paths, int& exit_code);

}  // namespace cepheus::cli
