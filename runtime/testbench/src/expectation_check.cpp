#include "expectation_check.h"

#include <algorithm>
#include <charconv>

namespace cepheus::testbench {
namespace {

std::optional<double> number(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool field_matches(const FieldMatcher& m, const AlertRecord& alert) {
  for (const auto& [name, text] : alert.fields)
    if (name == m.field) return m.fits(text);
  return false;
}

bool matches(const Expectation& e, const AlertRecord& alert, Timestamp start) {
  if (alert.rule != e.alert) return false;
  if (e.after && alert.time < start + *e.after) return false;
  if (e.before && alert.time > start + *e.before) return false;
  if (!e.severity.empty() && alert.severity != e.severity) return false;
  if (!e.message.empty() && alert.message.find(e.message) == std::string::npos) return false;
  for (const FieldMatcher& m : e.fields)
    if (!field_matches(m, alert)) return false;
  return true;
}

std::string at(Timestamp time, Timestamp start) {
  return "+" + format_duration(time - start) + " (" + format_timestamp(time) + ")";
}

std::optional<dsl::StatementId> statement_named(const dsl::Plan& plan, const std::string& name) {
  for (dsl::StatementId id = 0; id < plan.statements.size(); ++id)
    if (plan.statements[id].name == name) return id;
  return std::nullopt;
}

// The patterns the alert reads, directly or through streams and windows.
std::vector<dsl::StatementId> upstream_patterns(const dsl::Plan& plan, dsl::StatementId from) {
  std::vector<dsl::StatementId> patterns;
  std::vector<dsl::StatementId> todo{from};
  std::vector<bool> seen(plan.statements.size(), false);
  while (!todo.empty()) {
    const dsl::StatementId id = todo.back();
    todo.pop_back();
    if (seen[id]) continue;
    seen[id] = true;
    if (plan.statements[id].kind == dsl::StatementKind::kPattern) {
      patterns.push_back(id);
      continue;
    }
    for (const dsl::StatementId input : plan.statements[id].inputs) todo.push_back(input);
  }
  return patterns;
}

// Whether a partition key ("press-07"; several fields joined) fits the
// expectation's `=` matchers on the pattern's partition fields.
bool key_fits(const std::string& key, const Expectation& e, const std::vector<std::string>& partition_by) {
  for (const FieldMatcher& m : e.fields) {
    if (m.op != "=" || std::find(partition_by.begin(), partition_by.end(), m.field) == partition_by.end()) continue;
    if (partition_by.size() == 1 ? key != m.value : key.find(m.value) == std::string::npos) return false;
  }
  return true;
}

bool in_window(Timestamp time, const Expectation& e, Timestamp start) {
  return (!e.after || time >= start + *e.after) && (!e.before || time <= start + *e.before);
}

bool overlaps_window(const RunTrace& run, const Expectation& e, Timestamp start) {
  return (!e.before || run.first <= start + *e.before) && (!e.after || run.last >= start + *e.after);
}

std::string explain_pattern(const dsl::PlanStatement& pattern, const Expectation& e, const ExpectationContext& c) {
  const std::string head = "pattern '" + pattern.name + "'";
  const auto& partition_by = std::get<dsl::CheckedPattern>(pattern.body).partition_by;
  const RunTrace* best = nullptr;
  std::uint64_t considered = 0, matched = 0;
  for (const auto& [id, run] : c.trace.runs(pattern.name)) {
    if (!key_fits(run.key, e, partition_by) || !overlaps_window(run, e, c.start)) continue;
    ++considered;
    if (run.matched) {
      ++matched;
      continue;
    }
    const auto rank = [](const RunTrace& r) { return std::make_tuple(r.furthest_step, r.events, r.last, r.run); };
    if (!best || rank(run) > rank(*best)) best = &run;
  }
  if (matched > 0)
    return head + " matched " + std::to_string(matched) +
           " time(s) for these keys and times; the statements after it (their condition or throttle) held the "
           "alert back";
  if (!best) {
    // No match started: the events that failed the first step, in the expected time.
    std::vector<std::pair<const StartMiss*, const std::string*>> in_time;
    std::string step;
    for (const auto& [key, misses] : c.trace.start_misses(pattern.name)) {
      if (!key_fits(key, e, partition_by)) continue;
      step = misses.step;
      for (const StartMiss& miss : misses.misses)
        if (in_window(miss.time, e, c.start)) in_time.emplace_back(&miss, &key);
    }
    if (in_time.empty()) return head + " saw no event of these keys in that time";
    std::sort(in_time.begin(), in_time.end(),
              [](const auto& a, const auto& b) { return a.first->time < b.first->time; });
    std::string text = head + ": no match started; " + std::to_string(in_time.size()) +
                       " event(s) in that time failed the first step '" + step + "':";
    for (std::size_t i = 0; i < in_time.size() && i < 3; ++i)
      text +=
          "\n  [" + *in_time[i].second + "] " + in_time[i].first->what + " at " + at(in_time[i].first->time, c.start);
    if (in_time.size() > 3) text += "\n  ...";
    return text;
  }
  const std::vector<std::string>& labels = c.trace.step_labels(pattern.name);
  std::string text = head + " [" + best->key + "]: the closest partial match (of " + std::to_string(considered) +
                     ") took " + std::to_string(best->events) + " event(s), the last at " +
                     at(best->last_taken, c.start) + ", and got to step '" + best->furthest_label + "' (" +
                     std::to_string(best->furthest_step + 1) + " of " + std::to_string(labels.size()) + ")";
  if (!best->last_failure.empty())
    text += ";\n  then at step '" + best->failure_step + "': " + best->last_failure + " at " +
            at(best->failure_time, c.start);
  if (!best->ending.empty()) text += ";\n  " + best->ending;
  return text;
}

const char* clause_name(engine::Clause clause) {
  switch (clause) {
    case engine::Clause::kWhere: return "where";
    case engine::Clause::kHaving: return "having";
    case engine::Clause::kThrottle: return "throttle";
  }
  return "";
}

std::string statement_title(const dsl::PlanStatement& s) {
  return std::string(dsl::statement_keyword(s.kind)) + " '" + s.name + "'";
}

// "window 'failures_per_user': 6 result(s) for these keys in that time; on the
// way to the alert:" and, per clause, how many it held back and the closest.
std::string explain_held_back(const HeldBackRecord& r, const ExpectationContext& c) {
  if (!r.head) return "";
  const dsl::PlanStatement& head = c.plan.statements[*r.head];
  const char* noun = head.kind == dsl::StatementKind::kSource ? " event(s)" : " result(s)";
  if (r.results == 0 && r.groups.empty())
    return head.kind == dsl::StatementKind::kPattern
               ? ""
               : statement_title(head) + ": no" + noun + " for these keys in that time";
  std::string text = statement_title(head) + ": " + std::to_string(r.results) + noun + " for these keys in that time";
  if (r.groups.empty()) return text + ", none held back on the way to the alert";
  text += "; held back on the way to the alert:";
  for (const HeldBackGroup& g : r.groups) {
    const HeldBackEvent& e = g.closest;
    text += "\n  by " + statement_title(c.plan.statements[g.statement]) + " " + clause_name(g.clause) + ": " +
            std::to_string(g.count) + ", the closest at " + at(e.time, c.start) + ": " +
            (e.key.empty() ? "" : "[" + e.key + "] ") + e.failure.what;
  }
  return text;
}

std::string counters_line(const dsl::PlanStatement& s, const engine::StatementCounters& counters) {
  return std::string(dsl::statement_keyword(s.kind)) + " '" + s.name + "': " + std::to_string(counters.in) + " in, " +
         std::to_string(counters.out) + " out, " + std::to_string(counters.dropped) + " dropped";
}

}  // namespace

bool FieldMatcher::fits(const std::string& text) const {
  if (op == "~") return text.find(value) != std::string::npos;
  const auto have = number(text);
  const auto want = number(value);
  if (op == "=") return have && want ? *have == *want : text == value;
  if (!have || !want) return false;
  if (op == ">") return *have > *want;
  if (op == ">=") return *have >= *want;
  if (op == "<") return *have < *want;
  if (op == "<=") return *have <= *want;
  const auto upper = number(high);
  return op == ".." && upper && *have >= *want && *have <= *upper;
}

std::string explain_missing(const Expectation& e, const ExpectationContext& c, const HeldBackRecord& held_back) {
  const auto alert = statement_named(c.plan, e.alert);
  if (!alert || c.plan.statements[*alert].kind != dsl::StatementKind::kAlert)
    return "the project has no alert '" + e.alert + "'";
  std::string text;
  for (const dsl::StatementId pattern : upstream_patterns(c.plan, *alert))
    text += (text.empty() ? "" : "\n") + explain_pattern(c.plan.statements[pattern], e, c);
  if (const std::string held = explain_held_back(held_back, c); !held.empty())
    text += (text.empty() ? "" : "\n") + held;
  // The way from the sources to the alert, with what passed each statement.
  std::vector<dsl::StatementId> chain{*alert};
  while (!c.plan.statements[chain.back()].inputs.empty() && chain.size() < 8) {
    const dsl::StatementId input = c.plan.statements[chain.back()].inputs.front();
    if (c.plan.statements[input].kind == dsl::StatementKind::kSource) break;
    chain.push_back(input);
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    text += (text.empty() ? "" : "\n") + counters_line(c.plan.statements[*it], c.engine.counters(*it));
  return text;
}

ExpectationResult check_expectation(const Expectation& e, const std::vector<AlertRecord>& alerts,
                                    const ExpectationContext& c, const HeldBackRecord& held_back,
                                    std::vector<bool>& accounted) {
  ExpectationResult result;
  result.expectation = e;
  for (std::size_t i = 0; i < alerts.size(); ++i) {
    if (matches(e, alerts[i], c.start)) {
      ++result.matched;
      accounted[i] = true;
      if (result.matching.size() < 5) result.matching.push_back(alerts[i]);
    } else if (alerts[i].rule == e.alert && result.others.size() < 5) {
      result.others.push_back(alerts[i]);
    }
  }
  result.passed = e.count.holds(result.matched);
  if (!result.passed && result.matched < e.count.min) result.explanation = explain_missing(e, c, held_back);
  if (!result.passed && result.matched > e.count.min)
    result.explanation = std::to_string(result.matched) + " alerts matched; the test allows " + e.count.text();
  return result;
}

}  // namespace cepheus::testbench
