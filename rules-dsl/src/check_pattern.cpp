// Patterns: steps resolved in the order they are written, so a step's condition
// may read the steps before it and never one after it.
#include <set>

#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/suggest.h"
#include "check_output.h"
#include "check_statements.h"

namespace cepheus::dsl {
namespace {

class PatternChecker {
 public:
  PatternChecker(const Statement& s, const PatternStmt& syntax, CheckContext& context)
      : statement_(s), syntax_(syntax), context_(context) {}

  bool run(CheckedStatement& out) {
    for (const Name& name : syntax_.partition_by) pattern_.partition_by.push_back(name.text);
    std::set<std::string> unique;
    for (const Name& name : syntax_.partition_by) {
      if (!unique.insert(name.text).second) {
        context_.error(name.span, "'" + name.text + "' is named twice in 'partition by'");
        ok_ = false;
      }
    }
    if (syntax_.within) {
      pattern_.within = duration_value(*syntax_.within);
      if (*pattern_.within <= Duration()) {
        context_.error(syntax_.within->span, "'within' needs a duration above zero");
        ok_ = false;
      }
    }
    if (syntax_.expire_after) {
      pattern_.expire_after = duration_value(*syntax_.expire_after);
      if (*pattern_.expire_after <= Duration()) {
        context_.error(syntax_.expire_after->span, "'expire after' needs a duration above zero");
        ok_ = false;
      }
    }
    pattern_.match = node(*syntax_.match, /*top=*/true, /*position=*/0, /*in_group=*/false);
    check_shape(*syntax_.match);
    skip();
    if (!ok_) return false;
    for (const CheckedStep& step : pattern_.steps) {
      if (std::find(out.inputs.begin(), out.inputs.end(), step.stream) == out.inputs.end())
        out.inputs.push_back(step.stream);
    }
    if (!select(out)) return false;
    out.body = std::move(pattern_);
    return true;
  }

 private:
  CheckedPatternNode node(const PatternNode& syntax, bool top, std::size_t position, bool in_group) {
    CheckedPatternNode out;
    out.kind = syntax.kind;
    out.every = syntax.every;
    if (syntax.every && !(top && position == 0) && !(syntax.kind == PatternNodeKind::kSequence && top)) {
      context_.error(syntax.span, "'every' belongs on the first step of the match",
                     "every a: x then b: y starts a new match on each a");
      ok_ = false;
    }
    switch (syntax.kind) {
      case PatternNodeKind::kStep:
      case PatternNodeKind::kAbsence:
        if (syntax.kind == PatternNodeKind::kAbsence && in_group) {
          context_.error(syntax.span, "an absence cannot be part of 'and' or 'or'",
                         "put it in the sequence: (a: x and b: y) then not z within 5m");
          ok_ = false;
        }
        out.step = step(syntax);
        break;
      case PatternNodeKind::kSequence:
        for (std::size_t i = 0; i < syntax.items.size(); ++i) {
          out.items.push_back(node(*syntax.items[i], top, i, in_group));
        }
        out.contiguity = syntax.contiguity;
        break;
      case PatternNodeKind::kAnd:
      case PatternNodeKind::kOr:
        for (const PatternNodePtr& item : syntax.items) out.items.push_back(node(*item, false, 1, true));
        break;
    }
    return out;
  }

  // Where absences may stand: not first, and with 'within' when nothing follows.
  void check_shape(const PatternNode& match) {
    const std::vector<const PatternNode*> items = match.kind == PatternNodeKind::kSequence
                                                      ? [&] {
                                                          std::vector<const PatternNode*> v;
                                                          for (const auto& i : match.items) v.push_back(i.get());
                                                          return v;
                                                        }()
                                                      : std::vector<const PatternNode*>{&match};
    if (items.front()->kind == PatternNodeKind::kAbsence) {
      context_.error(items.front()->span, "a match cannot start with an absence: nothing comes before it",
                     "start with the event that opens the match: a: x then not y within 5m");
      ok_ = false;
    }
    if (items.back()->kind == PatternNodeKind::kAbsence && !items.back()->within) {
      context_.error(items.back()->span, "an absence at the end needs 'within' to know when the match is complete",
                     "e.g. then not " + items.back()->stream.text + " within 5m");
      ok_ = false;
    }
  }

  std::uint32_t step(const PatternNode& syntax) {
    CheckedStep step;
    step.absence = syntax.kind == PatternNodeKind::kAbsence;
    step.span = syntax.span;
    if (syntax.binding) step.name = syntax.binding->text;
    const auto index = static_cast<std::uint32_t>(pattern_.steps.size());
    const CheckedStatement* stream = resolve_input(syntax.stream, context_);
    if (!stream) {
      ok_ = false;
      pattern_.steps.push_back(std::move(step));
      return index;
    }
    step.stream = context_.checked_ids.at(stream->name);
    for (const Name& key : syntax_.partition_by) {
      const std::size_t field = stream->output->index_of(key.text);
      if (field == Schema::npos) {
        context_.error(syntax.stream.span,
                       "the pattern is partitioned by '" + key.text + "', which '" + stream->name + "' does not have",
                       "every stream in a pattern needs the partition fields");
        ok_ = false;
        continue;
      }
      const ValueType type = stream->output->field(field).type;
      auto [it, inserted] = partition_types_.emplace(key.text, type);
      if (!inserted && it->second != type) {
        context_.error(syntax.stream.span, "'" + key.text + "' is a " + std::string(value_type_name(type)) + " in '" +
                                               stream->name + "' but a " + std::string(value_type_name(it->second)) +
                                               " in an earlier step; partition keys must match");
        ok_ = false;
      }
      step.partition_fields.push_back(static_cast<std::uint32_t>(field));
    }
    const Quantifier& q = syntax.quantifier;
    step.min = q.min;
    step.max = q.max;
    step.reluctant = q.reluctant;
    if (q.max && *q.max < q.min) {
      context_.error(q.span, "the quantifier {" + std::to_string(q.min) + "," + std::to_string(*q.max) +
                                 "} asks for at most fewer than at least");
      ok_ = false;
    } else if (q.max && *q.max == 0) {
      context_.error(q.span, "a step that matches zero events never matches anything",
                     "remove the step or use ? for optional");
      ok_ = false;
    } else if (q.min > 10'000 || (q.max && *q.max > 10'000)) {
      context_.error(q.span, "a step may match at most 10,000 events");
      ok_ = false;
    }
    if (syntax.within) {
      step.within = duration_value(*syntax.within);
      if (*step.within <= Duration()) {
        context_.error(syntax.within->span, "'within' needs a duration above zero");
        ok_ = false;
      }
    }
    if (syntax.binding) {
      if (!bindings_.insert(step.name).second) {
        context_.error(syntax.binding->span, "step name '" + step.name + "' is used twice in this pattern");
        ok_ = false;
      }
    }
    Scope scope;
    scope.event = stream->output.get();
    scope.event_name = step.name.empty() ? stream->name : step.name;
    scope.bindings = visible_;
    scope.what = "step condition";
    if (syntax.where) {
      if (auto where = bind_condition(*syntax.where, scope, context_)) {
        if (is_constant_false(*where)) {
          context_.warning(syntax.where->span, "this step can never match, so the pattern never completes",
                           "the condition is always false");
        }
        step.where = std::move(*where);
      } else {
        ok_ = false;
      }
    }
    if (!step.name.empty()) {
      const bool quantified = step.max != 1 || step.min != 1;
      visible_.push_back({step.name, index, stream->output.get(), quantified});
    }
    pattern_.steps.push_back(std::move(step));
    return index;
  }

  void skip() {
    if (!syntax_.skip) return;
    const std::string& kind = syntax_.skip->kind.text;
    pattern_.skip = kind == "no skip"    ? SkipKind::kNoSkip
                    : kind == "to next"  ? SkipKind::kToNext
                    : kind == "to first" ? SkipKind::kToFirst
                    : kind == "to last"  ? SkipKind::kToLast
                                         : SkipKind::kPastLast;
    if (!syntax_.skip->step) return;
    const Name& target = *syntax_.skip->step;
    for (std::uint32_t i = 0; i < pattern_.steps.size(); ++i) {
      if (pattern_.steps[i].name == target.text) {
        pattern_.skip_step = i;
        return;
      }
    }
    std::vector<std::string_view> names;
    for (const CheckedStep& s : pattern_.steps) {
      if (!s.name.empty()) names.push_back(s.name);
    }
    context_.error(target.span, "no step is called '" + target.text + "'", did_you_mean(target.text, names));
    ok_ = false;
  }

  bool select(CheckedStatement& out) {
    Scope scope;
    scope.bindings = visible_;
    scope.partition_fields = pattern_.partition_by;
    scope.pattern_aggregates = true;
    scope.what = "select";
    std::vector<NamedExpr> fields;
    std::vector<Span> spans;
    const CheckedStep* first = pattern_.steps.empty() ? nullptr : &pattern_.steps.front();
    if (syntax_.select.empty() && first) {
      // Default output: the partition fields, read from the first step.
      const Schema& schema = *context_.checked[first->stream].output;
      for (std::size_t k = 0; k < first->partition_fields.size(); ++k) {
        BoundExpr field;
        field.kind = BoundKind::kField;
        field.slot = Slot::kBinding;
        field.source = 0;
        field.index = first->partition_fields[k];
        field.type = schema.field(field.index).type;
        fields.push_back({pattern_.partition_by[k], field});
        spans.push_back(statement_.name.span);
      }
    }
    if (scope.bindings.empty() || scope.bindings.front().step != 0) {
      // Partition fields are read from the first step even when it has no name.
      if (first)
        scope.bindings.insert(scope.bindings.begin(), {"", 0, context_.checked[first->stream].output.get(), false});
    }
    bool ok = true;
    for (const SelectItem& item : syntax_.select) {
      if (!item.expr) {
        context_.error(item.span, "'*' is not allowed in a pattern's select", "name the fields: select device, a.temp");
        ok = false;
        continue;
      }
      auto named = bind_named(item, scope, context_);
      if (!named) {
        ok = false;
        continue;
      }
      pattern_.select.push_back(*named);
      fields.push_back(std::move(*named));
      spans.push_back(item.span);
    }
    if (!ok) return false;
    for (const char* time_name : {"match_start", "match_end"}) {
      BoundExpr time;
      time.type = ValueType::kTimestamp;
      fields.push_back({time_name, time});
      spans.push_back(statement_.name.span);
    }
    out.output = output_schema(statement_.name.text, fields, spans, context_);
    return out.output != nullptr;
  }

  const Statement& statement_;
  const PatternStmt& syntax_;
  CheckContext& context_;
  CheckedPattern pattern_;
  std::vector<Scope::Binding> visible_;
  std::set<std::string> bindings_;
  std::map<std::string, ValueType> partition_types_;
  bool ok_ = true;
};

}  // namespace

bool check_pattern(const Statement& s, CheckContext& context, CheckedStatement& out) {
  return PatternChecker(s, std::get<PatternStmt>(s.body), context).run(out);
}

}  // namespace cepheus::dsl
