#include "plan_validate.h"

#include "cepheus/dsl/parser.h"

namespace cepheus::dsl {
namespace {

// What the field slots of an expression refer to where it stands.
struct ExprContext {
  const Schema* event = nullptr;
  const Schema* table = nullptr;
  const Schema* output = nullptr;
  std::optional<std::uint32_t> self_twin;
  const CheckedPattern* pattern = nullptr;
};

class Validator {
 public:
  explicit Validator(const Plan& plan) : plan_(plan) {}

  Status run() {
    for (std::size_t i = 0; i < plan_.statements.size() && error_.empty(); ++i)
      statement(static_cast<std::uint32_t>(i));
    return error_.empty() ? Status() : invalid_argument(error_);
  }

 private:
  bool fail(std::string message) {
    if (error_.empty()) error_ = where_ + ": " + std::move(message);
    return false;
  }
  const PlanStatement* input_of(std::uint32_t id, std::uint32_t reader) {
    if (id >= reader) {
      fail("reads statement " + std::to_string(id) + ", which does not come before it");
      return nullptr;
    }
    const PlanStatement& s = plan_.statements[id];
    if (!s.output) {
      fail("reads '" + s.name + "', which has no events");
      return nullptr;
    }
    return &s;
  }
  bool field_in(const Schema* schema, std::uint32_t index, const char* what) {
    if (!schema) return fail(std::string("refers to a ") + what + " field where there is none");
    if (index >= schema->size()) {
      return fail(std::string(what) + " field " + std::to_string(index) + " is beyond '" + schema->name() + "' (" +
                  std::to_string(schema->size()) + " fields)");
    }
    return true;
  }

  bool expr(const BoundExpr& e, const ExprContext& c, int depth = 0) {
    if (depth > 200) return fail("an expression is nested too deeply");
    std::size_t min_args = 0, max_args = 0;
    switch (e.kind) {
      case BoundKind::kConstant:
        if (e.constant.type() != e.type && !e.constant.is_null())
          return fail("a constant does not have its declared type");
        break;
      case BoundKind::kField:
        switch (e.slot) {
          case Slot::kEvent:
            if (!field_in(c.event, e.index, "event")) return false;
            break;
          case Slot::kTable:
            if (!field_in(c.table, e.index, "table")) return false;
            break;
          case Slot::kOutput:
            if (!field_in(c.output, e.index, "output")) return false;
            break;
          case Slot::kTwin: {
            if (e.source >= plan_.statements.size() || plan_.statements[e.source].kind != StatementKind::kTwin ||
                (e.source >= current_ && !(c.self_twin && *c.self_twin == e.source))) {
              return fail("reads twin " + std::to_string(e.source) + ", which is not a twin before it");
            }
            const auto& twin = std::get<CheckedTwin>(plan_.statements[e.source].body);
            if (!field_in(twin.properties.get(), e.index, "twin")) return false;
            break;
          }
          case Slot::kBinding: {
            if (!c.pattern || e.source >= c.pattern->steps.size())
              return fail("reads a pattern step that does not exist");
            const PlanStatement& stream = plan_.statements[c.pattern->steps[e.source].stream];
            if (!field_in(stream.output.get(), e.index, "step")) return false;
            break;
          }
        }
        break;
      case BoundKind::kUnary: min_args = max_args = 1; break;
      case BoundKind::kBinary: min_args = max_args = 2; break;
      case BoundKind::kIsNull: min_args = max_args = 1; break;
      case BoundKind::kIn:
        min_args = 1;
        max_args = SIZE_MAX;
        break;
      case BoundKind::kCall:
        switch (e.function) {
          case Function::kPow:
          case Function::kMin:
          case Function::kMax:
          case Function::kContains:
          case Function::kStartsWith:
          case Function::kEndsWith: min_args = max_args = 2; break;
          case Function::kIf: min_args = max_args = 3; break;
          case Function::kCoalesce:
            min_args = 1;
            max_args = 16;
            break;
          default: min_args = max_args = 1;
        }
        break;
      case BoundKind::kAggregate:
        min_args = e.aggregate == Aggregate::kCount ? 0 : 1;
        max_args = 1;
        if (e.over_step && (!c.pattern || *e.over_step >= c.pattern->steps.size())) {
          return fail("an aggregate reads a pattern step that does not exist");
        }
        break;
    }
    if (e.args.size() < min_args || e.args.size() > max_args) {
      return fail("an expression node has " + std::to_string(e.args.size()) + " arguments");
    }
    for (const BoundExpr& arg : e.args) {
      if (!expr(arg, c, depth + 1)) return false;
    }
    return true;
  }
  bool maybe(const std::optional<BoundExpr>& e, const ExprContext& c) { return !e || expr(*e, c); }
  bool parts(const std::vector<TemplatePart>& list, const ExprContext& c) {
    for (const TemplatePart& p : list) {
      if (!maybe(p.expr, c)) return false;
    }
    return true;
  }
  bool pattern_node(const CheckedPatternNode& n, const CheckedPattern& p) {
    if (n.kind == PatternNodeKind::kStep || n.kind == PatternNodeKind::kAbsence) {
      return n.step < p.steps.size() ||
             fail("the match names step " + std::to_string(n.step) + ", which does not exist");
    }
    if (n.items.empty()) return fail("a pattern group is empty");
    for (const CheckedPatternNode& item : n.items) {
      if (!pattern_node(item, p)) return false;
    }
    return true;
  }

  void statement(std::uint32_t i) {
    const PlanStatement& s = plan_.statements[i];
    current_ = i;
    where_ = "statement " + std::to_string(i) + " '" + s.name + "'";
    if (static_cast<std::size_t>(s.body.index()) != static_cast<std::size_t>(s.kind)) {
      fail("its body does not match its kind");
      return;
    }
    for (std::uint32_t input : s.inputs) {
      if (!input_of(input, i)) return;
    }
    const bool streams = s.kind == StatementKind::kSource || s.kind == StatementKind::kStream ||
                         s.kind == StatementKind::kWindow || s.kind == StatementKind::kTwin ||
                         s.kind == StatementKind::kPattern;
    if (streams != (s.output != nullptr)) {
      fail(streams ? "has no output schema" : "has an output schema it cannot have");
      return;
    }
    const bool one_input = s.kind == StatementKind::kStream || s.kind == StatementKind::kWindow ||
                           s.kind == StatementKind::kAlert || s.kind == StatementKind::kSink;
    if (one_input && s.inputs.size() != 1) {
      fail("needs exactly one input");
      return;
    }
    ExprContext c;
    if (one_input) c.event = plan_.statements[s.inputs[0]].output.get();
    c.output = s.output.get();
    std::visit([&](const auto& body) { check_body(body, s, c); }, s.body);
  }

  void check_body(const CheckedSchema&, const PlanStatement&, const ExprContext&) {}
  void check_body(const CheckedSource& b, const PlanStatement& s, const ExprContext&) {
    if (!b.processing_time && !field_in(s.output.get(), b.time_field, "time")) return;
    if (!b.processing_time && s.output->field(b.time_field).type != ValueType::kTimestamp) {
      fail("its time field is not a timestamp");
      return;
    }
    for (const TopicSegment& segment : b.segments) {
      if (!field_in(s.output.get(), segment.field_index, "topic")) return;
    }
  }
  void check_body(const CheckedTable& b, const PlanStatement&, const ExprContext&) {
    field_in(b.schema.get(), b.key_index, "key");
  }
  void check_body(const CheckedStream& b, const PlanStatement& s, const ExprContext& context) {
    ExprContext c = context;
    if (b.join) {
      if (b.join->table >= current_ || plan_.statements[b.join->table].kind != StatementKind::kTable) {
        fail("joins with something that is not a table before it");
        return;
      }
      c.table = std::get<CheckedTable>(plan_.statements[b.join->table].body).schema.get();
      if (!field_in(c.event, b.join->event_field, "join") || !field_in(c.table, b.join->table_field, "join")) return;
    }
    if (!maybe(b.where, c)) return;
    if (b.select.size() != s.output->size()) {
      fail("selects " + std::to_string(b.select.size()) + " fields for an output of " +
           std::to_string(s.output->size()));
      return;
    }
    for (const NamedExpr& n : b.select) {
      if (!expr(n.expr, c)) return;
    }
  }
  void check_body(const CheckedWindow& b, const PlanStatement&, const ExprContext& c) {
    for (std::uint32_t g : b.group_by) {
      if (!field_in(c.event, g, "group")) return;
    }
    const bool timed = b.kind != WindowKind::kCount;
    if (timed && b.size <= Duration()) {
      fail("a time window needs a size above zero");
      return;
    }
    if (b.kind == WindowKind::kSliding && (b.every <= Duration() || b.every > b.size)) {
      fail("a sliding window needs a slide above zero and at most its size");
      return;
    }
    if (!timed && (b.count <= 0 || b.count_every <= 0 || b.count_every > b.count)) {
      fail("a count window needs a count above zero");
      return;
    }
    if (!maybe(b.where, c)) return;
    ExprContext events = c;
    events.output = nullptr;
    for (const NamedExpr& n : b.aggregates) {
      if (!expr(n.expr, events)) return;
    }
    ExprContext output;
    output.output = c.output;
    maybe(b.having, output);
  }
  void check_body(const CheckedTwin& b, const PlanStatement&, const ExprContext&) {
    for (const CheckedTwinUpdate& u : b.updates) {
      const PlanStatement* input = input_of(u.input, current_);
      if (!input) return;
      ExprContext c;
      c.event = input->output.get();
      c.self_twin = current_;
      if (!field_in(c.event, u.key_field, "key") || !maybe(u.where, c)) return;
      for (const CheckedAssignment& a : u.assignments) {
        if (!field_in(b.properties.get(), a.property, "property") || !expr(a.value, c)) return;
      }
    }
  }
  void check_body(const CheckedPattern& b, const PlanStatement&, const ExprContext&) {
    if (b.steps.empty()) {
      fail("a pattern needs at least one step");
      return;
    }
    if (b.steps.size() > kMaxPatternSteps) {
      fail("a pattern may have at most " + std::to_string(kMaxPatternSteps) + " steps");
      return;
    }
    ExprContext c;
    c.pattern = &b;
    for (const CheckedStep& step : b.steps) {
      const PlanStatement* stream = input_of(step.stream, current_);
      if (!stream) return;
      if (step.partition_fields.size() != b.partition_by.size()) {
        fail("a step does not have one field per partition key");
        return;
      }
      for (std::uint32_t f : step.partition_fields) {
        if (!field_in(stream->output.get(), f, "partition")) return;
      }
      ExprContext step_context = c;
      step_context.event = stream->output.get();
      if (!maybe(step.where, step_context)) return;
    }
    if (!pattern_node(b.match, b)) return;
    if (b.skip_step >= b.steps.size()) {
      fail("skips to a step that does not exist");
      return;
    }
    for (const NamedExpr& n : b.select) {
      if (!expr(n.expr, c)) return;
    }
  }
  void check_body(const CheckedAlert& b, const PlanStatement&, const ExprContext& c) {
    if (!maybe(b.where, c) || !parts(b.message, c)) return;
    for (std::uint32_t f : b.throttle_per) {
      if (!field_in(c.event, f, "throttle")) return;
    }
    for (const CheckedTarget& t : b.targets) {
      if (!parts(t.address, c)) return;
    }
  }
  void check_body(const CheckedSink& b, const PlanStatement&, const ExprContext& c) {
    for (const CheckedTarget& t : b.targets) {
      if (!parts(t.address, c)) return;
    }
  }

  const Plan& plan_;
  std::uint32_t current_ = 0;
  std::string where_;
  std::string error_;
};

}  // namespace

Status validate_plan(const Plan& plan) {
  return Validator(plan).run();
}

}  // namespace cepheus::dsl
