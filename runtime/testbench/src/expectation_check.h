// Judges one expectation against the alerts of a run and, when the expected
// alert did not come, explains why from the engine's trace and counters.
#pragma once

#include <vector>

#include "cepheus/testbench/test_run.h"
#include "match_trace.h"

namespace cepheus::testbench {

struct ExpectationContext {
  const dsl::Plan& plan;
  const engine::Engine& engine;
  const MatchTrace& trace;
  Timestamp start;  // the scenario's start: `after` and `before` count from it
};

// `accounted` marks the alerts this expectation matched (for `only`).
ExpectationResult check_expectation(const Expectation& expectation, const std::vector<AlertRecord>& alerts,
                                    const ExpectationContext& context, std::vector<bool>& accounted);

// Why `expectation`'s alert did not fire (enough): the closest partial match
// of the patterns upstream and the condition or deadline that stopped it, or
// the counters of the statements on the way.
std::string explain_missing(const Expectation& expectation, const ExpectationContext& context);

}  // namespace cepheus::testbench
