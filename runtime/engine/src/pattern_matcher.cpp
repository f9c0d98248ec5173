#include "pattern_matcher.h"

#include <algorithm>

#include "condition_explainer.h"

namespace cepheus::engine {

using Kind = PatternProgram::Kind;

Value RunBindings::binding(std::uint32_t step, std::uint32_t index) const {
  for (auto it = run_.bound.rbegin(); it != run_.bound.rend(); ++it) {
    if (it->step == step && it->event) return it->event->value(index);
  }
  const auto& keys = pattern_.steps[step].partition_fields;
  const auto at = std::find(keys.begin(), keys.end(), index);
  const auto field = static_cast<std::size_t>(at - keys.begin());
  if (at != keys.end() && field < key_values_.size()) return key_values_[field];
  return Value::null();
}

PatternMatcher::PatternMatcher(const dsl::Plan& plan, const dsl::CheckedPattern& pattern, const PatternProgram& program,
                               const TwinReader* twins)
    : plan_(plan), pattern_(pattern), program_(program), twins_(twins) {
  for (const dsl::CheckedStep& step : pattern_.steps) {
    field_tests_.push_back(step.where ? FieldTest::of(*step.where) : std::nullopt);
  }
  fresh_.slots.assign(program_.slots, 0);
  enter(fresh_, 0);
  const Node& first = program_.nodes[program_.nodes[0].children.front()];
  if (first.kind == Kind::kStep && !first.nullable) first_step_ = &first;
}

void PatternMatcher::take_fresh(const Offered& offered, std::vector<Run>& out, bool& keep_waiting) const {
  // As take_sequence() would: the first step takes the event or nothing does, since
  // a step that needs an event is not done before it has one.
  if (first_step_) {
    take_step(fresh_, *first_step_, offered, out);
    return;
  }
  take(fresh_, offered, out, keep_waiting);
}

void PatternMatcher::take(const Run& run, const Offered& offered, std::vector<Run>& out, bool& keep_waiting) const {
  const std::size_t before = out.size();
  take(run, 0, offered, out, keep_waiting);
  for (std::size_t i = before; i < out.size(); ++i) out[i].strict_after_absence = false;
}

void PatternMatcher::take(const Run& run, std::uint32_t index, const Offered& offered, std::vector<Run>& out,
                          bool& keep_waiting) const {
  const Node& node = program_.nodes[index];
  switch (node.kind) {
    case Kind::kStep: take_step(run, node, offered, out); return;
    case Kind::kAbsence: return;  // an absence takes nothing; breaks_absence() watches it
    case Kind::kSequence: take_sequence(run, node, offered, out, keep_waiting); return;
    case Kind::kAnd:
      // Any branch that can still grow may take it; two that both can make two runs.
      for (const std::uint32_t child : node.children) {
        if (!full(run, child)) take(run, child, offered, out, keep_waiting);
      }
      return;
    case Kind::kOr: {
      const std::int32_t chosen = run.slots[node.slot];
      if (chosen >= 0) {
        take(run, node.children[static_cast<std::size_t>(chosen)], offered, out, keep_waiting);
        return;
      }
      // The first event of a branch chooses it.
      for (std::size_t k = 0; k < node.children.size(); ++k) {
        Run branch = run;
        branch.slots[node.slot] = static_cast<std::int32_t>(k);
        take(branch, node.children[k], offered, out, keep_waiting);
      }
      return;
    }
  }
}

bool PatternMatcher::step_holds(const Run& run, std::uint32_t index, const Offered& offered) const {
  const dsl::CheckedStep& step = pattern_.steps[index];
  if (offered.from != step.stream) return false;
  if (pattern_.within && !run.bound.empty() && offered.event->time() - run.start() >= *pattern_.within) return false;
  return condition_holds(run, index, offered);
}

bool PatternMatcher::condition_holds(const Run& run, std::uint32_t index, const Offered& offered) const {
  const dsl::CheckedStep& step = pattern_.steps[index];
  if (!step.where) return true;
  if (const std::optional<FieldTest>& test = field_tests_[index]) return test->holds(*offered.event);
  const RunBindings bindings(pattern_, run, key_values_);
  EvalContext context{offered.event, nullptr, {}, twins_, {}, {}};
  context.bindings = &bindings;
  return holds(*step.where, context);
}

void PatternMatcher::take_step(const Run& run, const Node& node, const Offered& offered, std::vector<Run>& out,
                               const Entering* entering) const {
  const dsl::CheckedStep& step = pattern_.steps[node.step];
  const std::int32_t count = entering ? 0 : run.slots[node.slot];  // a step just entered has taken nothing
  if (step_full(node, count)) return;
  bool fits = true;
  if (step.within && !run.bound.empty()) {
    const Timestamp t = offered.event->time();
    const bool quantified = step.max != 1 || step.min != 1;
    if (quantified && count > 0) {
      // A quantified step's `within` bounds its own first to last event.
      const Timestamp first = run.bound[static_cast<std::size_t>(run.slots[node.slot + 1])].time;
      fits = t - first < *step.within;
    } else if (!quantified) {
      fits = t - run.previous_end() < *step.within;  // a single step's `within` counts from the previous step
    }
  }
  if (!fits || !step_holds(run, node.step, offered)) {
    if (tracer_ && offered.from == step.stream) {
      Run entered;
      if (entering) {
        entered = run;
        enter_step(entered, node, *entering);
      }
      const Run& as_offered = entering ? entered : run;
      tracer_->note(as_offered, step_name(node.step), offered.event->time(), why_not(as_offered, node.step, offered));
    }
    return;
  }
  Run& next = out.emplace_back(run);  // `run` is never in `out`
  if (entering) enter_step(next, node, *entering);
  bind(next, node, count, offered);
  if (tracer_) {
    const std::string of = step.max ? " of " + std::to_string(*step.max) : "";
    tracer_->note(run, step_name(node.step), offered.event->time(),
                  "took the event (" + std::to_string(count + 1) + of + ")");
  }
}

void PatternMatcher::bind(Run& run, const Node& node, std::int32_t count, const Offered& offered) const {
  if (count == 0) run.slots[node.slot + 1] = static_cast<std::int32_t>(run.bound.size());  // its first event
  run.slots[node.slot] = count + 1;
  BoundEvent bound{node.step, offered.seq, offered.event->time(), nullptr};
  if (program_.keeps_events[node.step]) {
    if (!*offered.shared) *offered.shared = SharedEvent(*offered.event);
    bound.event = *offered.shared;
  }
  run.bound.push_back(std::move(bound));
}

bool PatternMatcher::take_in_place(Run& run, const Offered& offered) const {
  // The slots end as take_sequence() and take_step() would leave the one run they make.
  const Node& top = program_.nodes[0];
  const auto cursor = static_cast<std::size_t>(run.slots[top.slot]);
  const Node* step = &program_.nodes[top.children[cursor]];
  const bool moves_on = run.slots[step->slot] > 0;  // the current step has its event: the next must take this one
  if (moves_on) {
    if (cursor + 1 == top.children.size()) return false;
    step = &program_.nodes[top.children[cursor + 1]];
  }
  if (!step_holds(run, step->step, offered)) return false;
  if (moves_on) run.slots[top.slot] = static_cast<std::int32_t>(cursor + 1);
  bind(run, *step, 0, offered);
  run.strict_after_absence = false;
  return true;
}

Run& PatternMatcher::start_in_place(RunList& runs, const Offered& offered) const {
  // As take_step() leaves the run it makes from fresh_ when the first step takes its first event.
  Run& run = runs.emplace_back(fresh_);
  bind(run, *first_step_, 0, offered);
  return run;
}

std::string PatternMatcher::step_name(std::uint32_t step) const {
  const dsl::CheckedStep& s = pattern_.steps[step];
  return s.name.empty() ? plan_.statements[s.stream].name : s.name;
}

std::string PatternMatcher::why_not(const Run& run, std::uint32_t index, const Offered& offered) const {
  const dsl::CheckedStep& step = pattern_.steps[index];
  const Timestamp t = offered.event->time();
  if (pattern_.within && !run.bound.empty() && t - run.start() >= *pattern_.within) {
    return format_duration(t - run.start()) + " after the match began, not within " + format_duration(*pattern_.within);
  }
  if (step.within && !run.bound.empty()) {
    const bool quantified = step.max != 1 || step.min != 1;
    for (const PatternProgram::Node& node : program_.nodes) {
      if (node.kind != PatternProgram::Kind::kStep || node.step != index) continue;
      if (quantified && run.slots[node.slot] > 0) {
        const Timestamp since = run.bound[static_cast<std::size_t>(run.slots[node.slot + 1])].time;
        if (t - since >= *step.within) {
          return format_duration(t - since) + " after the step's first event, not within " +
                 format_duration(*step.within);
        }
      } else if (!quantified && t - run.previous_end() >= *step.within) {
        return format_duration(t - run.previous_end()) + " after the previous step, not within " +
               format_duration(*step.within);
      }
    }
  }
  if (!step.where) return "did not fit";
  const RunBindings bindings(pattern_, run, key_values_);
  EvalContext context{offered.event, nullptr, {}, twins_, {}, {}};
  context.bindings = &bindings;
  const Schema& own = *plan_.statements[step.stream].output;
  return explain_false(*step.where, context, [&](const dsl::BoundExpr& field) -> std::string {
    switch (field.slot) {
      case dsl::Slot::kEvent: return own.field(field.index).name;
      case dsl::Slot::kBinding:
        return step_name(field.source) + "." +
               plan_.statements[pattern_.steps[field.source].stream].output->field(field.index).name;
      case dsl::Slot::kTwin: {
        const auto& twin = std::get<dsl::CheckedTwin>(plan_.statements[field.source].body);
        return plan_.statements[field.source].name + "." + twin.properties->field(field.index).name;
      }
      default: return "a field";
    }
  });
}

void PatternMatcher::take_sequence(const Run& run, const Node& node, const Offered& offered, std::vector<Run>& out,
                                   bool& keep_waiting) const {
  const auto cursor = static_cast<std::size_t>(run.slots[node.slot]);
  const Node& current = program_.nodes[node.children[cursor]];
  const std::size_t first = out.size();
  take(run, node.children[cursor], offered, out, keep_waiting);
  const bool reluctant = current.kind == Kind::kStep && pattern_.steps[current.step].reluctant;
  if (out.size() > first && !reluctant) return;  // greedy: the current step keeps the event when it can
  // A reluctant step's runs that kept the event wait aside: they count only if nothing after it takes it.
  std::vector<Run> stay;
  if (out.size() > first) {
    stay.assign(std::make_move_iterator(out.begin() + static_cast<std::ptrdiff_t>(first)),
                std::make_move_iterator(out.end()));
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
  }
  const std::size_t before = out.size();
  if (done(run, node.children[cursor])) {
    // Move on: the next node takes the event, skipping nodes that may be empty.
    std::optional<Run> base;  // the run with the skipped nodes passed; copied only once one is
    for (std::size_t j = cursor; j + 1 < node.children.size(); ++j) {
      const std::uint32_t next_index = node.children[j + 1];
      const Node& next = program_.nodes[next_index];
      if (next.kind == Kind::kAbsence) {
        if (!next.nullable) break;  // an absence with `within` is passed by its deadline only
        if (!base) base = run;
        base->slots[node.slot] = static_cast<std::int32_t>(j + 1);
        continue;  // one without: breaks_absence() guarded it until this event
      }
      const Entering entering{node.slot, static_cast<std::int32_t>(j + 1)};
      if (next.kind == Kind::kStep && !base) {
        take_step(run, next, offered, out, &entering);  // copies the run only if the step takes the event
      } else {
        Run entered = base ? *base : run;
        entered.slots[node.slot] = entering.cursor;
        enter(entered, next_index);
        take(entered, next_index, offered, out, keep_waiting);
        base = std::move(entered);
      }
      if (out.size() > before) {
        // `then any`: the run also stays as it was, for later events that match.
        if (node.contiguity[j] == dsl::Contiguity::kRelaxedAny) keep_waiting = true;
        break;
      }
      if (!next.nullable) break;
      if (!base) {
        base = run;
        enter_step(*base, next, entering);
      }
    }
  }
  if (out.size() > before) return;
  for (Run& r : stay) out.push_back(std::move(r));  // reluctant, but nothing after it takes the event
}

void PatternMatcher::enter_step(Run& run, const Node& step, const Entering& entering) const {
  run.slots[entering.sequence_slot] = entering.cursor;
  enter(run, static_cast<std::uint32_t>(&step - program_.nodes.data()));
}

void PatternMatcher::enter(Run& run, std::uint32_t index) const {
  const Node& node = program_.nodes[index];
  switch (node.kind) {
    case Kind::kStep:
      run.slots[node.slot] = 0;
      run.slots[node.slot + 1] = -1;
      return;
    case Kind::kAbsence: run.slots[node.slot] = 0; return;
    case Kind::kSequence:
      run.slots[node.slot] = 0;
      enter(run, node.children.front());
      return;
    case Kind::kOr: run.slots[node.slot] = -1; [[fallthrough]];
    case Kind::kAnd:
      for (const std::uint32_t child : node.children) enter(run, child);
      return;
  }
}

bool PatternMatcher::done(const Run& run, std::uint32_t index) const {
  const Node& node = program_.nodes[index];
  switch (node.kind) {
    case Kind::kStep: return run.slots[node.slot] >= pattern_.steps[node.step].min;
    case Kind::kAbsence: return node.nullable || run.slots[node.slot] == 1;
    case Kind::kSequence: {
      const auto cursor = static_cast<std::size_t>(run.slots[node.slot]);
      return cursor + 1 >= node.nullable_from && done(run, node.children[cursor]);
    }
    case Kind::kAnd:
      return std::all_of(node.children.begin(), node.children.end(), [&](std::uint32_t c) { return done(run, c); });
    case Kind::kOr: {
      const std::int32_t chosen = run.slots[node.slot];
      return chosen >= 0 ? done(run, node.children[static_cast<std::size_t>(chosen)]) : node.nullable;
    }
  }
  return false;
}

bool PatternMatcher::full(const Run& run, std::uint32_t index) const {
  const Node& node = program_.nodes[index];
  switch (node.kind) {
    case Kind::kStep: return step_full(node, run.slots[node.slot]);
    case Kind::kAbsence: return true;
    case Kind::kSequence: {
      const auto cursor = static_cast<std::size_t>(run.slots[node.slot]);
      return cursor + 1 == node.children.size() && full(run, node.children[cursor]);
    }
    case Kind::kAnd:
      return std::all_of(node.children.begin(), node.children.end(), [&](std::uint32_t c) { return full(run, c); });
    case Kind::kOr: {
      const std::int32_t chosen = run.slots[node.slot];
      return chosen >= 0 && full(run, node.children[static_cast<std::size_t>(chosen)]);
    }
  }
  return true;
}

bool PatternMatcher::step_full(const Node& node, std::int64_t count) const {
  const std::optional<std::int64_t>& max = pattern_.steps[node.step].max;
  return (max && count >= *max) || count >= kMaxEventsPerStep;
}

bool PatternMatcher::strict(const Run& run) const {
  return run.strict_after_absence || strict(run, 0);
}

bool PatternMatcher::strict(const Run& run, std::uint32_t index) const {
  const Node& node = program_.nodes[index];
  switch (node.kind) {
    case Kind::kStep:
    case Kind::kAbsence: return false;
    case Kind::kSequence: {
      const auto cursor = static_cast<std::size_t>(run.slots[node.slot]);
      if (cursor + 1 < node.children.size() && node.contiguity[cursor] == dsl::Contiguity::kStrict &&
          program_.nodes[node.children[cursor + 1]].kind != Kind::kAbsence && full(run, node.children[cursor])) {
        return true;
      }
      return strict(run, node.children[cursor]);
    }
    case Kind::kAnd:
      return std::any_of(node.children.begin(), node.children.end(), [&](std::uint32_t c) { return strict(run, c); });
    case Kind::kOr: {
      const std::int32_t chosen = run.slots[node.slot];
      return chosen >= 0 && strict(run, node.children[static_cast<std::size_t>(chosen)]);
    }
  }
  return false;
}

bool PatternMatcher::complete(const Run& run) const {
  if (program_.single_steps) {  // the last step has its one event
    const Node& top = program_.nodes[0];
    const auto cursor = static_cast<std::size_t>(run.slots[top.slot]);
    return cursor + 1 == top.children.size() && run.slots[program_.nodes[top.children[cursor]].slot] > 0;
  }
  if (!done(run, 0)) return false;
  if (full(run, 0)) return true;
  // A reluctant last step ends the match as soon as it has its minimum.
  const Node& last = program_.nodes[program_.nodes[0].children.back()];
  return last.kind == Kind::kStep && pattern_.steps[last.step].reluctant;
}

const PatternProgram::Node* PatternMatcher::guarding_absence(const Run& run) const {
  if (!program_.has_absence) return nullptr;
  const Node& top = program_.nodes[0];
  const auto cursor = static_cast<std::size_t>(run.slots[top.slot]);
  if (cursor + 1 >= top.children.size() || run.bound.empty()) return nullptr;
  const Node& next = program_.nodes[top.children[cursor + 1]];
  if (next.kind != Kind::kAbsence || !done(run, top.children[cursor])) return nullptr;
  return &next;
}

bool PatternMatcher::breaks_absence(const Run& run, const Offered& offered) const {
  const Node* absence = guarding_absence(run);
  if (!absence) return false;
  const dsl::CheckedStep& step = pattern_.steps[absence->step];
  const Timestamp t = offered.event->time();
  if (t < run.last() || (step.within && t >= run.last() + *step.within)) return false;
  if (offered.from != step.stream) return false;
  return condition_holds(run, absence->step, offered);
}

Deadline PatternMatcher::deadline(const Run& run) const {
  Deadline d;
  const auto consider = [&](Timestamp at, DeadlineAction action) {
    if (at < d.at) d = {at, action};  // on a tie the first considered wins: an absence passes first
  };
  if (run.bound.empty()) return d;
  if (const Node* absence = guarding_absence(run); absence && !absence->nullable) {
    consider(run.last() + *pattern_.steps[absence->step].within, DeadlineAction::kPassAbsence);
  }
  if (pattern_.within) consider(run.start() + *pattern_.within, DeadlineAction::kEnd);
  if (!program_.step_within) return d;  // what follows is about steps' own `within`
  const Node& top = program_.nodes[0];
  const auto cursor = static_cast<std::size_t>(run.slots[top.slot]);
  const std::uint32_t current_index = top.children[cursor];
  const Node& current = program_.nodes[current_index];
  if (current.kind == Kind::kStep && pattern_.steps[current.step].within) {
    const dsl::CheckedStep& step = pattern_.steps[current.step];
    const std::int32_t count = run.slots[current.slot];
    const bool quantified = step.max != 1 || step.min != 1;
    if (count == 0 && !current.nullable) {
      consider(run.previous_end() + *step.within, DeadlineAction::kEnd);  // entered after an absence
    } else if (quantified && count > 0 && (!done(run, current_index) || cursor + 1 == top.children.size())) {
      const Timestamp first = run.bound[static_cast<std::size_t>(run.slots[current.slot + 1])].time;
      consider(first + *step.within, DeadlineAction::kEnd);
    }
  }
  // The next step's `within` runs from this one's last event once this one is full.
  if (cursor + 1 < top.children.size() && full(run, current_index)) {
    const Node& next = program_.nodes[top.children[cursor + 1]];
    if (next.kind == Kind::kStep && !next.nullable && pattern_.steps[next.step].within) {
      consider(run.previous_end() + *pattern_.steps[next.step].within, DeadlineAction::kEnd);
    }
  }
  return d;
}

void PatternMatcher::pass_absence(Run& run) const {
  const Node& top = program_.nodes[0];
  const auto absence = static_cast<std::size_t>(run.slots[top.slot]) + 1;
  run.absence_passed = run.last() + *pattern_.steps[program_.nodes[top.children[absence]].step].within;
  run.slots[program_.nodes[top.children[absence]].slot] = 1;
  run.slots[top.slot] = static_cast<std::int32_t>(absence);
  if (absence + 1 < top.children.size()) {
    run.slots[top.slot] = static_cast<std::int32_t>(absence + 1);
    enter(run, top.children[absence + 1]);
    run.strict_after_absence = top.contiguity[absence] == dsl::Contiguity::kStrict;
  }
}

std::uint32_t PatternMatcher::current_step(const Run& run) const {
  const Node& top = program_.nodes[0];
  std::uint32_t index = top.children[static_cast<std::size_t>(run.slots[top.slot])];
  // Inside a group: its first step stands for it.
  while (program_.nodes[index].kind != Kind::kStep && program_.nodes[index].kind != Kind::kAbsence) {
    index = program_.nodes[index].children.front();
  }
  return program_.nodes[index].step;
}

}  // namespace cepheus::engine
