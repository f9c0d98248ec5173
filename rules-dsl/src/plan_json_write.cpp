// Writing a plan as JSON (docs/plan-format.md). Objects are written with their
// keys in a fixed order, so the same plan always gives the same bytes.
#include "cepheus/core/json_writer.h"
#include "cepheus/dsl/plan.h"
#include "plan_names.h"

namespace cepheus::dsl {
namespace {

using namespace plan_names;

class Writer {
 public:
  // With `names`, statements referred to are written by name, and locations left
  // out (statement_identity_json).
  explicit Writer(const Plan* names = nullptr) : names_(names) {}
  std::string take() { return std::move(out_); }

  void plan(const Plan& p) {
    out_ += "{\"format\":\"cepheus-plan\",\"version\":" + std::to_string(kPlanFormatVersion) + ",\"statements\":[";
    for (std::size_t i = 0; i < p.statements.size(); ++i) {
      if (i) out_ += ',';
      statement(p.statements[i]);
    }
    out_ += "]}\n";
  }

 private:
  void key(std::string_view k, bool first = false) {
    if (!first) out_ += ',';
    append_json_string(out_, k);
    out_ += ':';
  }
  void str(std::string_view s) { append_json_string(out_, s); }
  void num(std::int64_t n) { append_json_int(out_, n); }
  void boolean(bool b) { out_ += b ? "true" : "false"; }
  template <typename T, typename Fn>
  void list(const std::vector<T>& items, Fn fn) {
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out_ += ',';
      fn(items[i]);
    }
    out_ += ']';
  }
  void indices(const std::vector<std::uint32_t>& items) {
    list(items, [this](std::uint32_t i) { num(i); });
  }
  void duration(Duration d) { str(format_duration(d)); }
  void optional_duration(const std::optional<Duration>& d) {
    if (d) {
      duration(*d);
    } else {
      out_ += "null";
    }
  }

  // A value whose type the reader knows from elsewhere.
  void value(const Value& v) {
    switch (v.type()) {
      case ValueType::kNull: out_ += "null"; break;
      case ValueType::kBool: boolean(v.as_bool()); break;
      case ValueType::kInt: num(v.as_int()); break;
      case ValueType::kDouble: append_json_double(out_, v.as_double()); break;
      case ValueType::kString: str(v.as_string()); break;
      case ValueType::kTimestamp: str(format_timestamp(v.as_timestamp())); break;
      case ValueType::kDuration: duration(v.as_duration()); break;
    }
  }

  void schema(const std::shared_ptr<const Schema>& s) {
    if (!s) {
      out_ += "null";
      return;
    }
    out_ += '{';
    key("name", true);
    str(s->name());
    key("fields");
    list(std::vector<Field>(s->fields().begin(), s->fields().end()), [this](const Field& f) {
      out_ += '{';
      key("name", true);
      str(f.name);
      key("type");
      str(value_type_name(f.type));
      key("optional");
      boolean(f.optional);
      key("default");
      value(f.default_value);
      out_ += '}';
    });
    out_ += '}';
  }

  void expr(const BoundExpr& e) {
    out_ += '{';
    key("kind", true);
    str(name_of(kBoundKinds, e.kind));
    key("type");
    str(value_type_name(e.type));
    switch (e.kind) {
      case BoundKind::kConstant:
        key("value");
        value(e.constant);
        break;
      case BoundKind::kField:
        key("slot");
        str(name_of(kSlots, e.slot));
        key("source");
        if (e.slot == Slot::kTwin) {
          ref(e.source);
        } else {
          num(e.source);
        }
        key("index");
        num(e.index);
        break;
      case BoundKind::kUnary:
      case BoundKind::kBinary:
        key("op");
        str(name_of(kOps, e.op));
        break;
      case BoundKind::kCall:
        key("function");
        str(name_of(kFunctions, e.function));
        break;
      case BoundKind::kAggregate:
        key("aggregate");
        str(name_of(kAggregates, e.aggregate));
        if (e.over_step) {
          key("over_step");
          num(*e.over_step);
        }
        if (e.aggregate == Aggregate::kPercentile) {
          key("percentile");
          append_json_double(out_, e.percentile);
        }
        break;
      case BoundKind::kIn:
      case BoundKind::kIsNull:
        key("negated");
        boolean(e.negated);
        break;
    }
    if (!e.args.empty()) {
      key("args");
      list(e.args, [this](const BoundExpr& a) { expr(a); });
    }
    out_ += '}';
  }
  void optional_expr(const std::optional<BoundExpr>& e) {
    if (e) {
      expr(*e);
    } else {
      out_ += "null";
    }
  }
  void named(const std::vector<NamedExpr>& items) {
    list(items, [this](const NamedExpr& n) {
      out_ += '{';
      key("name", true);
      str(n.name);
      key("expr");
      expr(n.expr);
      out_ += '}';
    });
  }
  void parts(const std::vector<TemplatePart>& items) {
    list(items, [this](const TemplatePart& p) {
      if (p.expr) {
        expr(*p.expr);
      } else {
        str(p.text);
      }
    });
  }
  void targets(const std::vector<CheckedTarget>& items) {
    list(items, [this](const CheckedTarget& t) {
      out_ += '{';
      key("kind", true);
      str(t.kind);
      key("address");
      parts(t.address);
      key("qos");
      num(t.qos);
      // Written only when set, so that plans without them read as before.
      if (t.retain) {
        key("retain");
        out_ += "true";
      }
      if (!t.broker.empty()) {
        key("broker");
        str(t.broker);
      }
      out_ += '}';
    });
  }

  void body(const CheckedSchema& b) {
    key("schema", true);
    schema(b.schema);
  }
  void body(const CheckedSource& b) {
    key("connector", true);
    str(b.connector);
    key("target");
    str(b.target);
    key("segments");
    list(b.segments, [this](const TopicSegment& s) {
      out_ += '{';
      key("level", true);
      num(s.level);
      key("field");
      num(s.field_index);
      out_ += '}';
    });
    key("qos");
    num(b.qos);
    key("broker");
    str(b.broker);
    key("format");
    str(b.format);
    key("processing_time");
    boolean(b.processing_time);
    key("time_field");
    num(b.time_field);
    key("lateness");
    duration(b.lateness);
    key("idle_after");
    optional_duration(b.idle_after);
  }
  void body(const CheckedTable& b) {
    key("schema", true);
    schema(b.schema);
    key("kind");
    str(b.kind);
    key("path");
    str(b.path);
    key("query");
    str(b.query);
    key("key_index");
    num(b.key_index);
  }
  void body(const CheckedStream& b) {
    key("join", true);
    if (b.join) {
      out_ += '{';
      key("table", true);
      ref(b.join->table);
      key("event_field");
      num(b.join->event_field);
      key("table_field");
      num(b.join->table_field);
      out_ += '}';
    } else {
      out_ += "null";
    }
    key("where");
    optional_expr(b.where);
    key("select");
    named(b.select);
  }
  void body(const CheckedWindow& b) {
    key("group_by", true);
    indices(b.group_by);
    key("kind");
    str(name_of(kWindowKinds, b.kind));
    key("size");
    duration(b.size);
    key("every");
    duration(b.every);
    key("count");
    num(b.count);
    key("count_every");
    num(b.count_every);
    key("where");
    optional_expr(b.where);
    key("aggregates");
    named(b.aggregates);
    key("having");
    optional_expr(b.having);
  }
  void body(const CheckedTwin& b) {
    key("properties", true);
    schema(b.properties);
    key("key_name");
    str(b.key_name);
    key("key_type");
    str(value_type_name(b.key_type));
    key("updates");
    list(b.updates, [this](const CheckedTwinUpdate& u) {
      out_ += '{';
      key("input", true);
      ref(u.input);
      key("key_field");
      num(u.key_field);
      key("where");
      optional_expr(u.where);
      key("set");
      list(u.assignments, [this](const CheckedAssignment& a) {
        out_ += '{';
        key("property", true);
        num(a.property);
        key("value");
        expr(a.value);
        out_ += '}';
      });
      out_ += '}';
    });
    key("expire_after");
    optional_duration(b.expire_after);
  }
  void pattern_node(const CheckedPatternNode& n) {
    out_ += '{';
    key("kind", true);
    str(name_of(kPatternNodeKinds, n.kind));
    key("every");
    boolean(n.every);
    if (n.kind == PatternNodeKind::kStep || n.kind == PatternNodeKind::kAbsence) {
      key("step");
      num(n.step);
    } else {
      key("items");
      list(n.items, [this](const CheckedPatternNode& i) { pattern_node(i); });
      if (n.kind == PatternNodeKind::kSequence) {
        key("contiguity");
        list(n.contiguity, [this](Contiguity c) { str(name_of(kContiguities, c)); });
      }
    }
    out_ += '}';
  }
  void body(const CheckedPattern& b) {
    key("partition_by", true);
    list(b.partition_by, [this](const std::string& s) { str(s); });
    key("steps");
    list(b.steps, [this](const CheckedStep& s) {
      out_ += '{';
      key("name", true);
      str(s.name);
      key("stream");
      ref(s.stream);
      key("partition_fields");
      indices(s.partition_fields);
      key("min");
      num(s.min);
      key("max");
      if (s.max) {
        num(*s.max);
      } else {
        out_ += "null";
      }
      key("reluctant");
      boolean(s.reluctant);
      key("absence");
      boolean(s.absence);
      key("where");
      optional_expr(s.where);
      key("within");
      optional_duration(s.within);
      out_ += '}';
    });
    key("match");
    pattern_node(b.match);
    key("within");
    optional_duration(b.within);
    key("expire_after");
    optional_duration(b.expire_after);
    key("skip");
    str(name_of(kSkipKinds, b.skip));
    key("skip_step");
    num(b.skip_step);
    key("select");
    named(b.select);
  }
  void body(const CheckedAlert& b) {
    key("where", true);
    optional_expr(b.where);
    key("severity");
    str(name_of(kSeverities, b.severity));
    key("message");
    parts(b.message);
    key("throttle");
    optional_duration(b.throttle);
    key("throttle_per");
    indices(b.throttle_per);
    key("targets");
    targets(b.targets);
  }
  void body(const CheckedSink& b) {
    key("targets", true);
    targets(b.targets);
  }

 public:
  void statement(const PlanStatement& s) {
    out_ += '{';
    key("kind", true);
    str(name_of(kStatementKinds, s.kind));
    key("name");
    str(s.name);
    if (!names_) {
      key("location");
      str(s.location);
    }
    key("inputs");
    list(s.inputs, [this](StatementId i) { ref(i); });
    key("output");
    schema(s.output);
    key("body");
    out_ += '{';
    std::visit([this](const auto& b) { body(b); }, s.body);
    out_ += "}}";
  }

 private:
  // A statement referred to: its position, or its name.
  void ref(StatementId id) {
    if (names_) {
      str(names_->statements[id].name);
    } else {
      num(id);
    }
  }

  const Plan* names_;
  std::string out_;
};

}  // namespace

std::string plan_to_json(const Plan& plan) {
  Writer writer;
  writer.plan(plan);
  return writer.take();
}

std::string statement_identity_json(const Plan& plan, StatementId id) {
  Writer writer(&plan);
  writer.statement(plan.statements[id]);
  return writer.take();
}

}  // namespace cepheus::dsl
