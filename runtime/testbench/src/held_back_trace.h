// Listens, during a test run, to the clauses that hold events back on the way
// to each expected alert: the `where` of the alert and of the streams before it,
// the alert's throttle, and the `having` of the window that feeds them. With the
// results of that window (or pattern) it answers "why did it not fire?" where
// the last word is a condition on a result rather than a pattern's step.
// Only events that fit the expectation count: in its time, and with the values
// of its `=` field matchers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cepheus/dsl/plan.h"
#include "cepheus/engine/engine.h"
#include "cepheus/testbench/test_spec.h"

namespace cepheus::testbench {

struct HeldBackEvent {
  std::string key;  // "user=erin"
  Timestamp time;
  engine::ConditionFailure failure;
};

// The events one clause held back, and the one that came closest to passing.
struct HeldBackGroup {
  dsl::StatementId statement = 0;
  engine::Clause clause = engine::Clause::kWhere;
  std::size_t depth = 0;  // statements between it and the alert: 0 for the alert's own clauses
  std::uint64_t count = 0;
  HeldBackEvent closest;
};

// What the clauses on the way to one expectation's alert held back.
struct HeldBackRecord {
  std::optional<dsl::StatementId> head;  // the window, pattern, twin or source the chain starts from
  std::uint64_t results = 0;             // events the head emitted that fit
  std::vector<HeldBackGroup> groups;     // nearest the alert first
};

class HeldBackTrace {
 public:
  HeldBackTrace(const dsl::Plan& plan, const std::vector<Expectation>& expectations, Timestamp start);

  void emitted(dsl::StatementId statement, const Event& event);
  void held_back(dsl::StatementId statement, engine::Clause clause, const Event& event,
                 const std::function<engine::ConditionFailure()>& explain);

  // By the expectation's position in the test.
  const HeldBackRecord& record(std::size_t expectation) const { return records_[expectation]; }

 private:
  struct Watch {  // one expectation's chain
    const Expectation* expectation = nullptr;
    std::vector<dsl::StatementId> chain;  // the alert, then the streams it reads through
    std::vector<std::string> key_fields;  // shown as the key of an event
  };
  bool fits(const Watch& watch, const Event& event) const;
  std::string key_of(const Watch& watch, const Event& event) const;

  const dsl::Plan& plan_;
  Timestamp start_;
  std::vector<Watch> watches_;
  std::vector<HeldBackRecord> records_;
  std::vector<std::vector<std::size_t>> watchers_;  // per statement: the watches whose chain or head it is
};

}  // namespace cepheus::testbench
