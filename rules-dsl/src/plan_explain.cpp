// A readable account of a plan, for `cepheus explain`: what each statement does,
// with every field reference printed by name.
#include "cepheus/dsl/plan.h"
#include "plan_names.h"

namespace cepheus::dsl {
namespace {

using namespace plan_names;

struct Names {
  const Plan* plan = nullptr;
  const Schema* event = nullptr;
  std::string event_name;
  const Schema* table = nullptr;
  std::string table_name;
  const Schema* output = nullptr;
  const CheckedPattern* pattern = nullptr;
};

std::string field_name(const Schema* schema, std::uint32_t index) {
  return schema && index < schema->size() ? schema->field(index).name : "#" + std::to_string(index);
}

std::string expr_text(const BoundExpr& e, const Names& n);

std::string args_text(const BoundExpr& e, const Names& n, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < e.args.size(); ++i) out += (i > from ? ", " : "") + expr_text(e.args[i], n);
  return out;
}

std::string expr_text(const BoundExpr& e, const Names& n) {
  switch (e.kind) {
    case BoundKind::kConstant: return e.constant.to_string();
    case BoundKind::kField:
      switch (e.slot) {
        case Slot::kEvent: return field_name(n.event, e.index);
        case Slot::kTable: return n.table_name + "." + field_name(n.table, e.index);
        case Slot::kOutput: return field_name(n.output, e.index);
        case Slot::kTwin: {
          const PlanStatement& twin = n.plan->statements[e.source];
          return twin.name + "." + field_name(std::get<CheckedTwin>(twin.body).properties.get(), e.index);
        }
        case Slot::kBinding: {
          const CheckedStep& step = n.pattern->steps[e.source];
          const std::string owner = step.name.empty() ? "step" + std::to_string(e.source) : step.name;
          return owner + "." + field_name(n.plan->statements[step.stream].output.get(), e.index);
        }
      }
      return "?";
    case BoundKind::kUnary: return (e.op == Op::kNot ? "not " : "-") + std::string("(") + expr_text(e.args[0], n) + ")";
    case BoundKind::kBinary:
      return "(" + expr_text(e.args[0], n) + " " + std::string(e.op == Op::kConcat ? "+" : name_of(kOps, e.op)) + " " +
             expr_text(e.args[1], n) + ")";
    case BoundKind::kCall: return std::string(name_of(kFunctions, e.function)) + "(" + args_text(e, n) + ")";
    case BoundKind::kAggregate: {
      std::string inner = args_text(e, n);
      if (e.over_step && e.args.empty()) inner = n.pattern->steps[*e.over_step].name;
      if (e.aggregate == Aggregate::kPercentile) inner += ", " + Value::real(e.percentile).to_string();
      return std::string(name_of(kAggregates, e.aggregate)) + "(" + inner + ")";
    }
    case BoundKind::kIn:
      return expr_text(e.args[0], n) + (e.negated ? " not in (" : " in (") + args_text(e, n, 1) + ")";
    case BoundKind::kIsNull: return expr_text(e.args[0], n) + (e.negated ? " is not null" : " is null");
  }
  return "?";
}

std::string template_text(const std::vector<TemplatePart>& parts, const Names& n) {
  std::string out = "\"";
  for (const TemplatePart& p : parts) out += p.expr ? "{" + expr_text(*p.expr, n) + "}" : p.text;
  return out + "\"";
}

std::string node_text(const CheckedPatternNode& node, const CheckedPattern& p) {
  std::string out = node.every ? "every " : "";
  switch (node.kind) {
    case PatternNodeKind::kStep: {
      const CheckedStep& s = p.steps[node.step];
      return out + (s.name.empty() ? "step" + std::to_string(node.step) : s.name);
    }
    case PatternNodeKind::kAbsence: return out + "not step" + std::to_string(node.step);
    case PatternNodeKind::kSequence:
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (i) out += " " + std::string(name_of(kContiguities, node.contiguity[i - 1])) + " ";
        out += node_text(node.items[i], p);
      }
      return out;
    case PatternNodeKind::kAnd:
    case PatternNodeKind::kOr:
      out += "(";
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        out += (i ? (node.kind == PatternNodeKind::kAnd ? " and " : " or ") : "") + node_text(node.items[i], p);
      }
      return out + ")";
  }
  return out;
}

class Explainer {
 public:
  explicit Explainer(const Plan& plan) : plan_(plan) {}

  std::string run() {
    out_ = "plan (format " + std::to_string(kPlanFormatVersion) + "): " + std::to_string(plan_.statements.size()) +
           " statements\n";
    for (std::size_t i = 0; i < plan_.statements.size(); ++i) statement(i);
    return out_;
  }

 private:
  void line(const std::string& text) { out_ += "      " + text + "\n"; }

  void statement(std::size_t i) {
    const PlanStatement& s = plan_.statements[i];
    out_ += "\n[" + std::to_string(i) + "] " + std::string(name_of(kStatementKinds, s.kind)) + " " + s.name;
    if (!s.inputs.empty()) {
      out_ += " <-";
      for (std::uint32_t input : s.inputs) out_ += " " + plan_.statements[input].name;
    }
    if (!s.location.empty()) out_ += "   (" + s.location + ")";
    out_ += "\n";
    Names names;
    names.plan = &plan_;
    names.output = s.output.get();
    if (!s.inputs.empty()) {
      names.event = plan_.statements[s.inputs[0]].output.get();
      names.event_name = plan_.statements[s.inputs[0]].name;
    }
    std::visit([&](const auto& body) { explain(body, s, names); }, s.body);
    if (s.output) line("out: " + s.output->to_string());
  }

  void explain(const CheckedSchema& b, const PlanStatement&, const Names&) { line(b.schema->to_string()); }
  void explain(const CheckedSource& b, const PlanStatement& s, const Names&) {
    std::string from = b.connector + " \"" + b.target + "\"";
    if (b.connector == "mqtt")
      from += " qos " + std::to_string(b.qos) + (b.broker.empty() ? "" : " broker " + b.broker);
    line("from " + from + ", " + b.format);
    for (const TopicSegment& segment : b.segments) {
      line("topic level " + std::to_string(segment.level) + " -> " + field_name(s.output.get(), segment.field_index));
    }
    line(b.processing_time ? "processing time"
                           : "event time " + field_name(s.output.get(), b.time_field) + ", watermark lags " +
                                 format_duration(b.lateness));
    if (b.idle_after) line("idle after " + format_duration(*b.idle_after));
  }
  void explain(const CheckedTable& b, const PlanStatement&, const Names&) {
    line(b.kind + " \"" + b.path + "\"" + (b.query.empty() ? "" : " query \"" + b.query + "\"") + ", key " +
         field_name(b.schema.get(), b.key_index));
    line("rows: " + b.schema->to_string());
  }
  void explain(const CheckedStream& b, const PlanStatement&, Names names) {
    if (b.join) {
      const PlanStatement& table = plan_.statements[b.join->table];
      names.table = std::get<CheckedTable>(table.body).schema.get();
      names.table_name = table.name;
      line("join " + table.name + " on " + field_name(names.event, b.join->event_field) + " = " + table.name + "." +
           field_name(names.table, b.join->table_field) + " (left join)");
    }
    if (b.where) line("where " + expr_text(*b.where, names));
    std::string select;
    for (const NamedExpr& n : b.select) {
      const std::string text = expr_text(n.expr, names);
      select += (select.empty() ? "" : ", ") + (text == n.name ? text : text + " as " + n.name);
    }
    line("select " + select);
  }
  void explain(const CheckedWindow& b, const PlanStatement&, const Names& names) {
    std::string group;
    for (std::uint32_t g : b.group_by) group += (group.empty() ? "" : ", ") + field_name(names.event, g);
    if (!group.empty()) line("group by " + group);
    switch (b.kind) {
      case WindowKind::kTumbling: line("tumbling " + format_duration(b.size)); break;
      case WindowKind::kSliding:
        line("sliding " + format_duration(b.size) + " every " + format_duration(b.every));
        break;
      case WindowKind::kSession: line("session gap " + format_duration(b.size)); break;
      case WindowKind::kCount:
        line("count " + std::to_string(b.count) + " every " + std::to_string(b.count_every));
        break;
    }
    if (b.where) line("where " + expr_text(*b.where, names));
    for (const NamedExpr& n : b.aggregates) line("compute " + n.name + " = " + expr_text(n.expr, names));
    if (b.having) line("having " + expr_text(*b.having, names));
  }
  void explain(const CheckedTwin& b, const PlanStatement&, const Names&) {
    line("key " + b.key_name + " (" + std::string(value_type_name(b.key_type)) + "), properties " +
         b.properties->to_string());
    for (const CheckedTwinUpdate& u : b.updates) {
      Names names;
      names.plan = &plan_;
      names.event = plan_.statements[u.input].output.get();
      std::string text = "on " + plan_.statements[u.input].name;
      if (u.where) text += " where " + expr_text(*u.where, names);
      text += " set ";
      for (std::size_t i = 0; i < u.assignments.size(); ++i) {
        text += (i ? ", " : "") + field_name(b.properties.get(), u.assignments[i].property) + " = " +
                expr_text(u.assignments[i].value, names);
      }
      line(text);
    }
    if (b.expire_after) line("expire after " + format_duration(*b.expire_after));
  }
  void explain(const CheckedPattern& b, const PlanStatement&, Names names) {
    names.pattern = &b;
    if (!b.partition_by.empty()) {
      std::string keys;
      for (const std::string& k : b.partition_by) keys += (keys.empty() ? "" : ", ") + k;
      line("partition by " + keys);
    }
    if (b.within) line("within " + format_duration(*b.within));
    if (b.expire_after) line("expire after " + format_duration(*b.expire_after));
    for (std::size_t i = 0; i < b.steps.size(); ++i) {
      const CheckedStep& step = b.steps[i];
      const PlanStatement& stream = plan_.statements[step.stream];
      Names step_names = names;
      step_names.event = stream.output.get();
      std::string text = "step" + std::to_string(i) + (step.name.empty() ? "" : " " + step.name) + ": " +
                         (step.absence ? "no " : "") + stream.name;
      if (step.min != 1 || step.max != 1) {
        text += " {" + std::to_string(step.min) + "," + (step.max ? std::to_string(*step.max) : "") + "}" +
                (step.reluctant ? " reluctant" : " greedy");
      }
      if (step.where) text += " where " + expr_text(*step.where, step_names);
      if (step.within) text += " within " + format_duration(*step.within);
      line(text);
    }
    line("match " + node_text(b.match, b));
    line("skip " + std::string(name_of(kSkipKinds, b.skip)) +
         (b.skip == SkipKind::kToFirst || b.skip == SkipKind::kToLast ? " " + b.steps[b.skip_step].name : ""));
    for (const NamedExpr& n : b.select) line("select " + n.name + " = " + expr_text(n.expr, names));
  }
  void targets(const std::vector<CheckedTarget>& list, const Names& names) {
    for (const CheckedTarget& t : list) {
      line("to " + t.kind + (t.address.empty() ? "" : " " + template_text(t.address, names)) +
           (t.kind == "mqtt" ? " qos " + std::to_string(t.qos) : "") + (t.retain ? " retain" : "") +
           (t.broker.empty() ? "" : " broker " + t.broker));
    }
  }
  void explain(const CheckedAlert& b, const PlanStatement&, const Names& names) {
    if (b.where) line("where " + expr_text(*b.where, names));
    line("severity " + std::string(name_of(kSeverities, b.severity)));
    line("message " + template_text(b.message, names));
    if (b.throttle) {
      std::string per;
      for (std::uint32_t f : b.throttle_per) per += (per.empty() ? " per " : ", ") + field_name(names.event, f);
      line("throttle " + format_duration(*b.throttle) + per);
    }
    targets(b.targets, names);
  }
  void explain(const CheckedSink& b, const PlanStatement&, const Names& names) { targets(b.targets, names); }

  const Plan& plan_;
  std::string out_;
};

}  // namespace

std::string explain_plan(const Plan& plan) {
  return Explainer(plan).run();
}

}  // namespace cepheus::dsl
