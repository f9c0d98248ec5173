// "Record to test": a run's alerts, as the analyst approved them, written as a
// test file that pins them down (docs/scenarios.md, "Recording a test").
#pragma once

#include <string>
#include <vector>

#include "cepheus/core/time.h"
#include "cepheus/testbench/test_run.h"

namespace cepheus::testbench {

struct ReviewedAlert {
  AlertRecord record;
  bool approved = true;
};

// A test of scenario `scenario` with `only = true`: per rule and key (the
// throttle key's fields, or the message when the rule has none), the approved
// alerts' exact count between the minute before the first and the minute after
// the last; a rule and key whose alerts were all rejected must fire no alert.
// Offsets are from `start`, the scenario's start.
std::string recorded_test(const std::string& scenario, const std::string& description, Timestamp start,
                          const std::vector<ReviewedAlert>& alerts);

}  // namespace cepheus::testbench
