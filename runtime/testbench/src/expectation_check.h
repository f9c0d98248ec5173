// Judges one expectation against the alerts of a run and, when the expected
// alert did not come, explains why from the engine's trace and counters.
#pragma once

#include <vector>

#include "cepheus/testbench/test_run.h"
#include "held_back_trace.h"
#include "match_trace.h"

namespace cepheus::testbench {

struct ExpectationContext {
  const dsl::Plan& plan;
  const engine::Engine& engine;
  const MatchTrace& trace;
  Timestamp start;  // the scenario's start: `after` and `before` count from it
};

// `accounted` marks the alerts this expectation matched (for `only`).
// `held_back` is what the clauses before its alert held back (HeldBackTrace).
ExpectationResult check_expectation(const Expectation& expectation, const std::vector<AlertRecord>& alerts,
                                    const ExpectationContext& context, const HeldBackRecord& held_back,
                                    std::vector<bool>& accounted);

// Why `expectation`'s alert did not fire (enough): the closest partial match
// of the patterns upstream and the condition or deadline that stopped it, the
// results that the clauses before the alert held back and the closest of them,
// and the counters of the statements on the way.
std::string explain_missing(const Expectation& expectation, const ExpectationContext& context,
                            const HeldBackRecord& held_back);

}  // namespace cepheus::testbench
