#include "held_back_trace.h"

#include <algorithm>
#include <tuple>

#include "cepheus/engine/evaluator.h"

namespace cepheus::testbench {
namespace {

// The fields that name a key of a window's or pattern's results.
std::vector<std::string> grouping_fields(const dsl::PlanStatement& head) {
  std::vector<std::string> names;
  if (head.kind == dsl::StatementKind::kWindow) {
    const std::size_t count = std::get<dsl::CheckedWindow>(head.body).group_by.size();
    for (std::size_t i = 0; i < count; ++i) names.push_back(head.output->field(i).name);
  } else if (head.kind == dsl::StatementKind::kPattern) {
    names = std::get<dsl::CheckedPattern>(head.body).partition_by;
  }
  return names;
}

// Closer to passing first: more parts of an `and` held, then the smaller gap
// between the sides of a failed comparison, then the earlier.
auto closeness(const engine::ConditionFailure& failure, Timestamp time) {
  return std::make_tuple(-static_cast<long>(failure.parts_held), !failure.gap.has_value(), failure.gap.value_or(0.0),
                         time);
}

}  // namespace

HeldBackTrace::HeldBackTrace(const dsl::Plan& plan, const std::vector<Expectation>& expectations, Timestamp start)
    : plan_(plan), start_(start), records_(expectations.size()), watchers_(plan.statements.size()) {
  for (std::size_t i = 0; i < expectations.size(); ++i) {
    Watch watch;
    watch.expectation = &expectations[i];
    for (dsl::StatementId id = 0; id < plan.statements.size(); ++id) {
      const dsl::PlanStatement& s = plan.statements[id];
      if (s.kind == dsl::StatementKind::kAlert && s.name == expectations[i].alert) watch.chain.push_back(id);
    }
    while (!watch.chain.empty() && watch.chain.size() <= plan.statements.size()) {
      const auto& inputs = plan.statements[watch.chain.back()].inputs;
      if (inputs.empty()) break;
      if (plan.statements[inputs.front()].kind != dsl::StatementKind::kStream) {
        records_[i].head = inputs.front();
        break;
      }
      watch.chain.push_back(inputs.front());
    }
    if (records_[i].head) {
      watch.key_fields = grouping_fields(plan.statements[*records_[i].head]);
      watchers_[*records_[i].head].push_back(i);
    }
    if (watch.key_fields.empty()) {
      for (const FieldMatcher& m : expectations[i].fields)
        if (m.op == "=") watch.key_fields.push_back(m.field);
    }
    for (const dsl::StatementId id : watch.chain) watchers_[id].push_back(i);
    watches_.push_back(std::move(watch));
  }
}

bool HeldBackTrace::fits(const Watch& watch, const Event& event) const {
  const Expectation& e = *watch.expectation;
  if ((e.after && event.time() < start_ + *e.after) || (e.before && event.time() > start_ + *e.before)) return false;
  for (const FieldMatcher& m : e.fields) {
    if (m.op != "=") continue;
    const std::size_t index = event.schema().index_of(m.field);
    if (index < event.schema().size() && !m.fits(engine::display_text(event.value(index)))) return false;
  }
  return true;
}

std::string HeldBackTrace::key_of(const Watch& watch, const Event& event) const {
  std::string key;
  for (const std::string& name : watch.key_fields) {
    const std::size_t index = event.schema().index_of(name);
    if (index >= event.schema().size()) continue;
    key += (key.empty() ? "" : ",") + name + "=" + engine::display_text(event.value(index));
  }
  return key;
}

void HeldBackTrace::emitted(dsl::StatementId statement, const Event& event) {
  for (const std::size_t i : watchers_[statement])
    if (records_[i].head == statement && fits(watches_[i], event)) ++records_[i].results;
}

void HeldBackTrace::held_back(dsl::StatementId statement, engine::Clause clause, const Event& event,
                              const std::function<engine::ConditionFailure()>& explain) {
  std::optional<engine::ConditionFailure> failure;  // explained once, for every expectation that keeps it
  for (const std::size_t i : watchers_[statement]) {
    const Watch& watch = watches_[i];
    HeldBackRecord& record = records_[i];
    const auto in_chain = std::find(watch.chain.begin(), watch.chain.end(), statement);
    // Of the head, only `having` judges results; its `where` sees raw input.
    if (in_chain == watch.chain.end() && clause != engine::Clause::kHaving) continue;
    if (!fits(watch, event)) continue;
    const auto depth = static_cast<std::size_t>(in_chain - watch.chain.begin());
    auto group = std::find_if(record.groups.begin(), record.groups.end(),
                              [&](const HeldBackGroup& g) { return g.statement == statement && g.clause == clause; });
    if (group == record.groups.end()) {
      const auto place = std::find_if(record.groups.begin(), record.groups.end(),
                                      [&](const HeldBackGroup& g) { return g.depth > depth; });
      group = record.groups.insert(place, HeldBackGroup{statement, clause, depth, 0, {}});
    }
    if (!failure) failure = explain();
    const bool first = group->count++ == 0;
    if (first || closeness(*failure, event.time()) < closeness(group->closest.failure, group->closest.time))
      group->closest = {key_of(watch, event), event.time(), *failure};
  }
}

}  // namespace cepheus::testbench
