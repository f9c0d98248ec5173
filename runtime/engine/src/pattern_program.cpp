#include "pattern_program.h"

#include <algorithm>

namespace cepheus::engine {
namespace {

using Kind = PatternProgram::Kind;

class ProgramBuilder {
 public:
  ProgramBuilder(const dsl::Plan& plan, const dsl::CheckedPattern& pattern, PatternProgram& out)
      : plan_(plan), pattern_(pattern), out_(out) {}

  void build() {
    out_.nodes.emplace_back();  // the top sequence, filled below
    out_.nodes[0].kind = Kind::kSequence;
    out_.nodes[0].slot = out_.slots++;
    const dsl::CheckedPatternNode& match = pattern_.match;
    out_.every = match.every;
    if (match.kind == dsl::PatternNodeKind::kSequence) {
      if (!match.items.empty()) out_.every = out_.every || match.items.front().every;
      splice(match, 0);
    } else {
      const std::uint32_t child = add(match);
      out_.nodes[0].children.push_back(child);
    }
    set_nullable(out_.nodes[0]);
    out_.step_within = std::any_of(pattern_.steps.begin(), pattern_.steps.end(),
                                   [](const dsl::CheckedStep& step) { return !step.absence && step.within; });
    out_.single_steps = only_single_steps(out_.nodes[0]);
    out_.keeps_events.assign(pattern_.steps.size(), false);
    for (std::uint32_t i = 0; i < pattern_.steps.size(); ++i) {
      if (pattern_.steps[i].where) mark_reads(*pattern_.steps[i].where);
    }
    for (const dsl::NamedExpr& item : pattern_.select) mark_reads(item.expr);
    out_.starts.assign(plan_.statements.size(), false);
    mark_starts(0);
    out_.partition_fields.assign(plan_.statements.size(), {});
    for (const dsl::CheckedStep& step : pattern_.steps) out_.partition_fields[step.stream] = step.partition_fields;
  }

 private:
  // Parenthesised sequences inside the top sequence are spliced into it, so that
  // an absence is always a child of the top sequence.
  void splice(const dsl::CheckedPatternNode& sequence, std::uint32_t top) {
    for (std::size_t i = 0; i < sequence.items.size(); ++i) {
      if (i > 0) out_.nodes[top].contiguity.push_back(sequence.contiguity[i - 1]);
      const dsl::CheckedPatternNode& item = sequence.items[i];
      if (item.kind == dsl::PatternNodeKind::kSequence) {
        splice(item, top);
        continue;
      }
      const std::uint32_t child = add(item);
      out_.nodes[top].children.push_back(child);
    }
  }

  std::uint32_t add(const dsl::CheckedPatternNode& syntax) {
    const auto index = static_cast<std::uint32_t>(out_.nodes.size());
    out_.nodes.emplace_back();
    PatternProgram::Node node;
    node.slot = out_.slots;
    switch (syntax.kind) {
      case dsl::PatternNodeKind::kStep: {
        node.kind = Kind::kStep;
        node.step = syntax.step;
        node.nullable = pattern_.steps[syntax.step].min == 0;
        out_.slots += 2;  // count, index of the first bound event
        break;
      }
      case dsl::PatternNodeKind::kAbsence:
        node.kind = Kind::kAbsence;
        node.step = syntax.step;
        node.nullable = !pattern_.steps[syntax.step].within;
        out_.has_absence = true;
        out_.slots += 1;  // passed (its deadline went by without the event)
        break;
      case dsl::PatternNodeKind::kSequence:
        node.kind = Kind::kSequence;
        out_.slots += 1;  // cursor
        for (const dsl::CheckedPatternNode& item : syntax.items) node.children.push_back(add(item));
        node.contiguity = syntax.contiguity;
        set_nullable(node);
        break;
      case dsl::PatternNodeKind::kAnd:
      case dsl::PatternNodeKind::kOr:
        node.kind = syntax.kind == dsl::PatternNodeKind::kAnd ? Kind::kAnd : Kind::kOr;
        if (node.kind == Kind::kOr) out_.slots += 1;  // the chosen branch
        for (const dsl::CheckedPatternNode& item : syntax.items) node.children.push_back(add(item));
        node.nullable = node.kind == Kind::kAnd;
        for (const std::uint32_t child : node.children) {
          const bool child_nullable = out_.nodes[child].nullable;
          node.nullable = node.kind == Kind::kAnd ? node.nullable && child_nullable : node.nullable || child_nullable;
        }
        break;
    }
    out_.nodes[index] = std::move(node);
    return index;
  }

  // A sequence is nullable when all its children are; it is done once its cursor
  // reaches the tail of children that are.
  void set_nullable(PatternProgram::Node& sequence) const {
    auto from = static_cast<std::uint32_t>(sequence.children.size());
    while (from > 0 && out_.nodes[sequence.children[from - 1]].nullable) --from;
    sequence.nullable_from = from;
    sequence.nullable = from == 0;
  }

  bool only_single_steps(const PatternProgram::Node& top) const {
    const auto single = [&](std::uint32_t child) {
      const PatternProgram::Node& node = out_.nodes[child];
      if (node.kind != Kind::kStep) return false;
      const dsl::CheckedStep& step = pattern_.steps[node.step];
      return step.min == 1 && step.max == 1 && !step.reluctant && !step.within;
    };
    return std::all_of(top.children.begin(), top.children.end(), single) &&
           std::none_of(top.contiguity.begin(), top.contiguity.end(),
                        [](dsl::Contiguity c) { return c == dsl::Contiguity::kRelaxedAny; });
  }

  // Steps whose events a condition or the select reads (other than their partition fields,
  // which every run knows from its key).
  void mark_reads(const dsl::BoundExpr& e) {
    if (e.kind == dsl::BoundKind::kField && e.slot == dsl::Slot::kBinding && e.source < pattern_.steps.size()) {
      const auto& keys = pattern_.steps[e.source].partition_fields;
      if (std::find(keys.begin(), keys.end(), e.index) == keys.end()) out_.keeps_events[e.source] = true;
    }
    if (e.kind == dsl::BoundKind::kAggregate && e.over_step && !e.args.empty()) out_.keeps_events[*e.over_step] = true;
    for (const dsl::BoundExpr& arg : e.args) mark_reads(arg);
  }

  // The streams whose events can be the first event of a match.
  void mark_starts(std::uint32_t index) {
    const PatternProgram::Node& node = out_.nodes[index];
    switch (node.kind) {
      case Kind::kStep: out_.starts[pattern_.steps[node.step].stream] = true; break;
      case Kind::kAbsence: break;
      case Kind::kSequence:
        for (const std::uint32_t child : node.children) {
          mark_starts(child);
          if (!out_.nodes[child].nullable) break;
        }
        break;
      case Kind::kAnd:
      case Kind::kOr:
        for (const std::uint32_t child : node.children) mark_starts(child);
        break;
    }
  }

  const dsl::Plan& plan_;
  const dsl::CheckedPattern& pattern_;
  PatternProgram& out_;
};

}  // namespace

PatternProgram compile_pattern_program(const dsl::Plan& plan, const dsl::CheckedPattern& pattern) {
  PatternProgram program;
  ProgramBuilder(plan, pattern, program).build();
  return program;
}

}  // namespace cepheus::engine
