// Listens to the engine's pattern trace during a test run and keeps what the
// report needs: which steps took events (coverage) and, per partial match,
// how far it got and what stopped it (the "why did it not fire?" answer).
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "cepheus/dsl/plan.h"
#include "cepheus/engine/engine.h"

namespace cepheus::testbench {

struct RunTrace {
  std::string pattern;
  std::string key;
  std::uint64_t run = 0;
  std::size_t furthest_step = 0;  // index into the pattern's steps
  std::string furthest_label;
  std::uint64_t events = 0;  // events taken
  Timestamp first;           // the first traced entry (a match's first event is traced as run 0)
  Timestamp last;
  Timestamp last_taken;      // the time of the last event it took
  std::string last_failure;  // "temp 78.5 failed > 80"
  std::string failure_step;
  Timestamp failure_time;
  std::string ending;  // "the match ended incomplete: its deadline ... passed"
  Timestamp ending_time;
  bool matched = false;
};

// An event of a key that started no match, and why.
struct StartMiss {
  Timestamp time;
  std::string what;  // "temp 78.5 failed > 80"
};

// Per key: every event that started no match (the first kMaxKept), and how many.
struct StartMisses {
  static constexpr std::size_t kMaxKept = 20'000;
  std::uint64_t count = 0;
  std::string step;
  std::vector<StartMiss> misses;
};

class MatchTrace final : public engine::TraceSink {
 public:
  explicit MatchTrace(const dsl::Plan& plan);
  void trace(const engine::TraceEntry& entry) override;

  // Per pattern, per step label: events taken (absences: deadlines held).
  const std::map<std::string, std::map<std::string, std::uint64_t>>& steps_taken() const { return taken_; }
  // The step labels of a pattern, in order.
  const std::vector<std::string>& step_labels(const std::string& pattern) const;
  const std::unordered_map<std::uint64_t, RunTrace>& runs(const std::string& pattern) const;
  const std::map<std::string, StartMisses>& start_misses(const std::string& pattern) const;

 private:
  static constexpr std::size_t kMaxRuns = 200'000;  // per pattern; later runs are not kept
  std::map<std::string, std::vector<std::string>> labels_;
  std::map<std::string, std::map<std::string, std::uint64_t>> taken_;
  std::map<std::string, std::unordered_map<std::uint64_t, RunTrace>> runs_;
  std::map<std::string, std::map<std::string, StartMisses>> start_misses_;
};

}  // namespace cepheus::testbench
