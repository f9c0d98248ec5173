#include "shard_field.h"

#include <algorithm>
#include <set>

namespace cepheus::engine {
namespace {

using dsl::StatementKind;

std::string describe(const dsl::PlanStatement& s) {
  return std::string(dsl::statement_keyword(s.kind)) + " '" + s.name + "'";
}

bool reads_twins(const dsl::BoundExpr& e) {
  if (e.kind == dsl::BoundKind::kField && e.slot == dsl::Slot::kTwin) return true;
  return std::any_of(e.args.begin(), e.args.end(), reads_twins);
}

bool any_reads_twins(const std::vector<dsl::TemplatePart>& parts) {
  return std::any_of(parts.begin(), parts.end(), [](const auto& p) { return p.expr && reads_twins(*p.expr); });
}

bool named_read_twins(const std::vector<dsl::NamedExpr>& items) {
  return std::any_of(items.begin(), items.end(), [](const auto& i) { return reads_twins(i.expr); });
}

// Whether any expression of the statement reads a twin (for the key of the event it evaluates).
bool statement_reads_twins(const dsl::PlanStatement& s) {
  const auto opt = [](const std::optional<dsl::BoundExpr>& e) { return e && reads_twins(*e); };
  switch (s.kind) {
    case StatementKind::kStream: {
      const auto& b = std::get<dsl::CheckedStream>(s.body);
      return opt(b.where) || named_read_twins(b.select);
    }
    case StatementKind::kWindow: {
      const auto& b = std::get<dsl::CheckedWindow>(s.body);
      return opt(b.where) || named_read_twins(b.aggregates);
    }
    case StatementKind::kPattern: {
      const auto& b = std::get<dsl::CheckedPattern>(s.body);
      return named_read_twins(b.select) ||
             std::any_of(b.steps.begin(), b.steps.end(), [&](const auto& step) { return opt(step.where); });
    }
    case StatementKind::kAlert: {
      const auto& b = std::get<dsl::CheckedAlert>(s.body);
      return opt(b.where) || any_reads_twins(b.message) ||
             std::any_of(b.targets.begin(), b.targets.end(), [](const auto& t) { return any_reads_twins(t.address); });
    }
    case StatementKind::kSink: {
      const auto& b = std::get<dsl::CheckedSink>(s.body);
      return std::any_of(b.targets.begin(), b.targets.end(), [](const auto& t) { return any_reads_twins(t.address); });
    }
    default: return false;
  }
}

// The names of the fields the statement keeps state by; nullopt when it keeps
// state that is not per key (the reason in `why`); empty set when it keeps none.
std::optional<std::set<std::string>> state_keys(const dsl::Plan& plan, const dsl::PlanStatement& s, std::string& why) {
  const auto input_field = [&](std::uint32_t index) {
    return plan.statements[s.inputs.front()].output->field(index).name;
  };
  switch (s.kind) {
    case StatementKind::kWindow: {
      const auto& body = std::get<dsl::CheckedWindow>(s.body);
      if (body.group_by.empty()) {
        why = describe(s) + " has no 'group by', so its windows hold every key";
        return std::nullopt;
      }
      std::set<std::string> keys;
      for (const std::uint32_t f : body.group_by) keys.insert(input_field(f));
      return keys;
    }
    case StatementKind::kPattern: {
      const auto& body = std::get<dsl::CheckedPattern>(s.body);
      if (body.partition_by.empty()) {
        why = describe(s) + " has no 'partition by', so its matches span every key";
        return std::nullopt;
      }
      return std::set<std::string>(body.partition_by.begin(), body.partition_by.end());
    }
    case StatementKind::kTwin: return std::set<std::string>{std::get<dsl::CheckedTwin>(s.body).key_name};
    case StatementKind::kAlert: {
      const auto& body = std::get<dsl::CheckedAlert>(s.body);
      if (!body.throttle) return std::set<std::string>{};
      if (body.throttle_per.empty()) {
        why = describe(s) + " throttles without 'per', over every key";
        return std::nullopt;
      }
      std::set<std::string> keys;
      for (const std::uint32_t f : body.throttle_per) keys.insert(input_field(f));
      return keys;
    }
    default: return std::set<std::string>{};
  }
}

// Whether `expr`, an output field of stream `s`, is the input's field `name` passed through.
bool passes_through(const dsl::Plan& plan, const dsl::PlanStatement& s, const dsl::BoundExpr& expr,
                    const std::string& name) {
  return expr.kind == dsl::BoundKind::kField && expr.slot == dsl::Slot::kEvent &&
         plan.statements[s.inputs.front()].output->field(expr.index).name == name;
}

// Per statement: its events carry `name` unchanged from the sources.
std::vector<bool> carriers(const dsl::Plan& plan, const std::string& name) {
  std::vector<bool> carries(plan.statements.size(), false);
  for (dsl::StatementId id = 0; id < plan.statements.size(); ++id) {
    const dsl::PlanStatement& s = plan.statements[id];
    const bool inputs_carry =
        !s.inputs.empty() && std::all_of(s.inputs.begin(), s.inputs.end(), [&](auto i) { return carries[i]; });
    switch (s.kind) {
      case StatementKind::kSource: carries[id] = s.output->index_of(name) != Schema::npos; break;
      case StatementKind::kStream: {
        const auto& body = std::get<dsl::CheckedStream>(s.body);
        carries[id] = inputs_carry && std::any_of(body.select.begin(), body.select.end(), [&](const auto& item) {
                        return item.name == name && passes_through(plan, s, item.expr, name);
                      });
        break;
      }
      case StatementKind::kWindow: {
        const auto& body = std::get<dsl::CheckedWindow>(s.body);
        carries[id] = inputs_carry && std::any_of(body.group_by.begin(), body.group_by.end(), [&](std::uint32_t f) {
                        return plan.statements[s.inputs.front()].output->field(f).name == name;
                      });
        break;
      }
      case StatementKind::kPattern: {
        const auto& body = std::get<dsl::CheckedPattern>(s.body);
        const bool keyed =
            std::find(body.partition_by.begin(), body.partition_by.end(), name) != body.partition_by.end();
        // Partition fields in the output are the key's values (default select, or selected bare).
        carries[id] = inputs_carry && keyed && s.output->index_of(name) != Schema::npos;
        break;
      }
      case StatementKind::kTwin:
        carries[id] = inputs_carry && std::get<dsl::CheckedTwin>(s.body).key_name == name;
        break;
      default: break;
    }
  }
  return carries;
}

}  // namespace

Result<ShardField> find_shard_field(const dsl::Plan& plan) {
  std::optional<std::set<std::string>> candidates;
  std::vector<dsl::StatementId> stateful;
  for (dsl::StatementId id = 0; id < plan.statements.size(); ++id) {
    const dsl::PlanStatement& s = plan.statements[id];
    std::string why;
    auto keys = state_keys(plan, s, why);
    if (!keys) return Status(StatusCode::kFailedPrecondition, why);
    // Reading a twin reads the state of the twin's key (which every twin shares as the shard field).
    if (keys->empty() && !statement_reads_twins(s)) continue;
    stateful.push_back(id);
    if (keys->empty()) continue;
    if (!candidates) {
      candidates = *keys;
    } else {
      std::set<std::string> both;
      std::set_intersection(candidates->begin(), candidates->end(), keys->begin(), keys->end(),
                            std::inserter(both, both.begin()));
      if (both.empty()) {
        return Status(StatusCode::kFailedPrecondition,
                      "no field keys every stateful statement: " + describe(s) + " keeps state by other fields");
      }
      candidates = std::move(both);
    }
  }
  ShardField out;
  out.by_source.assign(plan.statements.size(), std::nullopt);
  if (!candidates) return out;  // nothing keeps state: any worker may take any event
  std::string last_problem;
  for (const std::string& name : *candidates) {
    const std::vector<bool> carries = carriers(plan, name);
    const auto missing = std::find_if(stateful.begin(), stateful.end(), [&](dsl::StatementId id) {
      const auto& inputs = plan.statements[id].inputs;
      return !std::all_of(inputs.begin(), inputs.end(), [&](auto i) { return carries[i]; });
    });
    if (missing != stateful.end()) {
      last_problem = describe(plan.statements[*missing]) + " reads events that do not carry '" + name +
                     "' unchanged from their source";
      continue;
    }
    out.name = name;
    for (dsl::StatementId id = 0; id < plan.statements.size(); ++id) {
      if (plan.statements[id].kind == StatementKind::kSource && carries[id]) {
        out.by_source[id] = static_cast<std::uint32_t>(plan.statements[id].output->index_of(name));
      }
    }
    return out;
  }
  return Status(StatusCode::kFailedPrecondition, last_problem);
}

}  // namespace cepheus::engine
