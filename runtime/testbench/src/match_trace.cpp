#include "match_trace.h"

#include <algorithm>

namespace cepheus::testbench {

MatchTrace::MatchTrace(const dsl::Plan& plan) {
  for (const dsl::PlanStatement& statement : plan.statements) {
    if (statement.kind != dsl::StatementKind::kPattern) continue;
    const auto& pattern = std::get<dsl::CheckedPattern>(statement.body);
    std::vector<std::string>& labels = labels_[statement.name];
    for (const dsl::CheckedStep& step : pattern.steps)
      labels.push_back(step.name.empty() ? plan.statements[step.stream].name : step.name);
    for (const std::string& label : labels) taken_[statement.name][label];
  }
}

const std::vector<std::string>& MatchTrace::step_labels(const std::string& pattern) const {
  static const std::vector<std::string> none;
  const auto found = labels_.find(pattern);
  return found == labels_.end() ? none : found->second;
}

const std::unordered_map<std::uint64_t, RunTrace>& MatchTrace::runs(const std::string& pattern) const {
  static const std::unordered_map<std::uint64_t, RunTrace> none;
  const auto found = runs_.find(pattern);
  return found == runs_.end() ? none : found->second;
}

const std::map<std::string, StartMisses>& MatchTrace::start_misses(const std::string& pattern) const {
  static const std::map<std::string, StartMisses> none;
  const auto found = start_misses_.find(pattern);
  return found == start_misses_.end() ? none : found->second;
}

void MatchTrace::trace(const engine::TraceEntry& entry) {
  const std::vector<std::string>& labels = step_labels(entry.pattern);
  const auto at = std::find(labels.begin(), labels.end(), entry.step);
  std::size_t step = at == labels.end() ? 0 : static_cast<std::size_t>(at - labels.begin());
  const bool took = entry.what.starts_with("took the event");
  const bool held = entry.what.starts_with("the absence held");
  // A held absence is traced at the step before it (where the run waited).
  if (held && step + 1 < labels.size()) ++step;
  const std::string& label = labels.empty() ? entry.step : labels[step];
  if (took || held) ++taken_[entry.pattern][label];

  if (entry.run == 0) {  // an event offered to start a match
    if (took) return;    // the new match is traced under its own id from its next event
    StartMisses& misses = start_misses_[entry.pattern][entry.key];
    ++misses.count;
    misses.step = entry.step;
    if (misses.misses.size() < StartMisses::kMaxKept) misses.misses.push_back({entry.time, entry.what});
    return;
  }
  auto& runs = runs_[entry.pattern];
  auto found = runs.find(entry.run);
  if (found == runs.end()) {
    if (runs.size() >= kMaxRuns) return;
    // The engine names a run as it starts ("started ..."), at its first event and step.
    RunTrace fresh;
    fresh.pattern = entry.pattern;
    fresh.key = entry.key;
    fresh.run = entry.run;
    fresh.first = entry.time;
    fresh.last_taken = entry.time;
    fresh.events = 1;  // a match starts by taking an event (traced as run 0)
    fresh.furthest_step = step;
    fresh.furthest_label = label;
    found = runs.emplace(entry.run, std::move(fresh)).first;
    if (entry.what.starts_with("started")) return;
  }
  RunTrace& run = found->second;
  run.last = entry.time;
  if (took || held) {
    if (took) {
      ++run.events;
      run.last_taken = entry.time;
    }
    if (step >= run.furthest_step) {
      run.furthest_step = step;
      run.furthest_label = label;
    }
  } else if (entry.what.starts_with("matched")) {
    run.matched = true;
  } else if (entry.what.find("failed") != std::string::npos) {
    run.last_failure = entry.what;
    run.failure_step = entry.step;
    run.failure_time = entry.time;
  } else {
    run.ending = entry.what;
    run.ending_time = entry.time;
  }
}

}  // namespace cepheus::testbench
