// Reading a plan from JSON. Every problem is reported with its JSON path; after
// reading, validate_plan checks every index against what it points into.
#include "cepheus/core/json_value.h"
#include "cepheus/dsl/plan.h"
#include "plan_names.h"
#include "plan_validate.h"

namespace cepheus::dsl {
namespace {

using namespace plan_names;

class Reader {
 public:
  Status status() const { return error_.empty() ? Status() : invalid_argument(error_); }

  bool plan(const JsonValue& doc, Plan& out) {
    if (!doc.is_object()) return fail("", "a plan is a JSON object");
    std::string format;
    if (!string_member(doc, "format", "", format)) return false;
    if (format != "cepheus-plan") return fail("format", "expected \"cepheus-plan\", found \"" + format + "\"");
    std::int64_t version = 0;
    if (!int_member(doc, "version", "", version)) return false;
    if (version != kPlanFormatVersion) {
      return fail("version", "this Cepheus reads plan format " + std::to_string(kPlanFormatVersion) + ", not " +
                                 std::to_string(version) + "; compile the project again with this version");
    }
    const JsonValue* statements = array_member(doc, "statements", "");
    if (!statements) return false;
    for (std::size_t i = 0; i < statements->items().size(); ++i) {
      PlanStatement s;
      if (!statement(statements->items()[i], "statements[" + std::to_string(i) + "]", s)) return false;
      out.statements.push_back(std::move(s));
    }
    return true;
  }

 private:
  bool fail(const std::string& path, std::string message) {
    if (error_.empty()) error_ = (path.empty() ? std::string("plan") : path) + ": " + std::move(message);
    return false;
  }
  static std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
  }

  const JsonValue* member(const JsonValue& object, std::string_view key, const std::string& path) {
    if (!object.is_object()) {
      fail(path, "expected an object, found " + std::string(object.kind_phrase()));
      return nullptr;
    }
    const JsonValue* value = object.find(key);
    if (!value) fail(path, "the member \"" + std::string(key) + "\" is missing");
    return value;
  }
  const JsonValue* array_member(const JsonValue& object, std::string_view key, const std::string& path) {
    const JsonValue* value = member(object, key, path);
    if (value && !value->is_array()) {
      fail(join(path, key), "expected an array, found " + std::string(value->kind_phrase()));
      return nullptr;
    }
    return value;
  }
  bool string_member(const JsonValue& object, std::string_view key, const std::string& path, std::string& out) {
    const JsonValue* value = member(object, key, path);
    if (!value) return false;
    if (!value->is_string())
      return fail(join(path, key), "expected a string, found " + std::string(value->kind_phrase()));
    out = value->text();
    return true;
  }
  bool int_member(const JsonValue& object, std::string_view key, const std::string& path, std::int64_t& out) {
    const JsonValue* value = member(object, key, path);
    if (!value) return false;
    auto i = value->as_int();
    if (!i) return fail(join(path, key), "expected an integer, found " + std::string(value->kind_phrase()));
    out = *i;
    return true;
  }
  bool index_member(const JsonValue& object, std::string_view key, const std::string& path, std::uint32_t& out) {
    std::int64_t i = 0;
    if (!int_member(object, key, path, i)) return false;
    if (i < 0 || i > UINT32_MAX) return fail(join(path, key), "expected an index, found " + std::to_string(i));
    out = static_cast<std::uint32_t>(i);
    return true;
  }
  bool bool_member(const JsonValue& object, std::string_view key, const std::string& path, bool& out) {
    const JsonValue* value = member(object, key, path);
    if (!value) return false;
    if (!value->is_bool())
      return fail(join(path, key), "expected true or false, found " + std::string(value->kind_phrase()));
    out = value->as_bool();
    return true;
  }
  template <typename Enum, std::size_t N>
  bool enum_member(const JsonValue& object, std::string_view key, const std::string& path,
                   const std::array<std::string_view, N>& table, Enum& out) {
    std::string text;
    if (!string_member(object, key, path, text)) return false;
    auto value = from_name<Enum>(table, text);
    if (!value) return fail(join(path, key), "unknown value \"" + text + "\"");
    out = *value;
    return true;
  }
  bool type_member(const JsonValue& object, std::string_view key, const std::string& path, ValueType& out) {
    std::string text;
    if (!string_member(object, key, path, text)) return false;
    if (text == "null") {
      out = ValueType::kNull;
      return true;
    }
    if (!value_type_from_name(text, out)) return fail(join(path, key), "unknown type \"" + text + "\"");
    return true;
  }
  bool duration_json(const JsonValue& value, const std::string& path, Duration& out) {
    if (!value.is_string())
      return fail(path, "expected a duration such as \"5m\", found " + std::string(value.kind_phrase()));
    auto d = parse_duration(value.text());
    if (!d.ok()) return fail(path, d.status().message());
    out = *d;
    return true;
  }
  bool duration_member(const JsonValue& object, std::string_view key, const std::string& path, Duration& out) {
    const JsonValue* value = member(object, key, path);
    return value && duration_json(*value, join(path, key), out);
  }
  bool optional_duration_member(const JsonValue& object, std::string_view key, const std::string& path,
                                std::optional<Duration>& out) {
    const JsonValue* value = member(object, key, path);
    if (!value) return false;
    if (value->is_null()) return true;
    Duration d;
    if (!duration_json(*value, join(path, key), d)) return false;
    out = d;
    return true;
  }
  bool indices_member(const JsonValue& object, std::string_view key, const std::string& path,
                      std::vector<std::uint32_t>& out) {
    const JsonValue* list = array_member(object, key, path);
    if (!list) return false;
    for (std::size_t i = 0; i < list->items().size(); ++i) {
      auto v = list->items()[i].as_int();
      if (!v || *v < 0 || *v > UINT32_MAX)
        return fail(join(path, key) + "[" + std::to_string(i) + "]", "expected an index");
      out.push_back(static_cast<std::uint32_t>(*v));
    }
    return true;
  }

  bool value(const JsonValue& json, ValueType type, const std::string& path, Value& out) {
    if (json.is_null()) {
      out = Value::null();
      return true;
    }
    switch (type) {
      case ValueType::kNull: return fail(path, "expected null");
      case ValueType::kBool:
        if (!json.is_bool()) return fail(path, "expected a bool");
        out = Value::boolean(json.as_bool());
        return true;
      case ValueType::kInt: {
        auto i = json.as_int();
        if (!i) return fail(path, "expected an int");
        out = Value::integer(*i);
        return true;
      }
      case ValueType::kDouble: {
        auto d = json.as_double();
        if (!d) return fail(path, "expected a finite number");
        out = Value::real(*d);
        return true;
      }
      case ValueType::kString:
        if (!json.is_string()) return fail(path, "expected a string");
        out = Value::string(json.text());
        return true;
      case ValueType::kTimestamp: {
        if (!json.is_string()) return fail(path, "expected an ISO-8601 timestamp string");
        auto t = parse_timestamp(json.text());
        if (!t.ok()) return fail(path, t.status().message());
        out = Value::timestamp(*t);
        return true;
      }
      case ValueType::kDuration: {
        Duration d;
        if (!duration_json(json, path, d)) return false;
        out = Value::duration(d);
        return true;
      }
    }
    return false;
  }

  bool schema(const JsonValue& json, const std::string& path, std::shared_ptr<const Schema>& out) {
    if (json.is_null()) {
      out.reset();
      return true;
    }
    std::string name;
    if (!string_member(json, "name", path, name)) return false;
    const JsonValue* fields = array_member(json, "fields", path);
    if (!fields) return false;
    std::vector<Field> list;
    for (std::size_t i = 0; i < fields->items().size(); ++i) {
      const JsonValue& f = fields->items()[i];
      const std::string at = join(path, "fields[" + std::to_string(i) + "]");
      Field field;
      if (!string_member(f, "name", at, field.name) || !type_member(f, "type", at, field.type) ||
          !bool_member(f, "optional", at, field.optional)) {
        return false;
      }
      const JsonValue* default_value = member(f, "default", at);
      if (!default_value || !value(*default_value, field.type, join(at, "default"), field.default_value)) return false;
      list.push_back(std::move(field));
    }
    auto made = Schema::make(name, std::move(list));
    if (!made.ok()) return fail(path, made.status().message());
    out = *made;
    return true;
  }

  bool expr(const JsonValue& json, const std::string& path, BoundExpr& out, int depth) {
    if (depth > 200) return fail(path, "expressions are nested too deeply");
    if (!enum_member(json, "kind", path, kBoundKinds, out.kind) || !type_member(json, "type", path, out.type))
      return false;
    switch (out.kind) {
      case BoundKind::kConstant: {
        const JsonValue* v = member(json, "value", path);
        if (!v || !value(*v, out.type, join(path, "value"), out.constant)) return false;
        break;
      }
      case BoundKind::kField:
        if (!enum_member(json, "slot", path, kSlots, out.slot) || !index_member(json, "source", path, out.source) ||
            !index_member(json, "index", path, out.index)) {
          return false;
        }
        break;
      case BoundKind::kUnary:
      case BoundKind::kBinary:
        if (!enum_member(json, "op", path, kOps, out.op)) return false;
        break;
      case BoundKind::kCall:
        if (!enum_member(json, "function", path, kFunctions, out.function)) return false;
        break;
      case BoundKind::kAggregate:
        if (!enum_member(json, "aggregate", path, kAggregates, out.aggregate)) return false;
        if (const JsonValue* over = json.find("over_step")) {
          auto i = over->as_int();
          if (!i || *i < 0 || *i > UINT32_MAX) return fail(join(path, "over_step"), "expected an index");
          out.over_step = static_cast<std::uint32_t>(*i);
        }
        if (out.aggregate == Aggregate::kPercentile) {
          const JsonValue* p = member(json, "percentile", path);
          if (!p || !p->as_double() || *p->as_double() <= 0 || *p->as_double() > 100) {
            return fail(join(path, "percentile"), "expected a number above 0 and at most 100");
          }
          out.percentile = *p->as_double();
        }
        break;
      case BoundKind::kIn:
      case BoundKind::kIsNull:
        if (!bool_member(json, "negated", path, out.negated)) return false;
        break;
    }
    if (const JsonValue* args = json.find("args")) {
      if (!args->is_array()) return fail(join(path, "args"), "expected an array");
      for (std::size_t i = 0; i < args->items().size(); ++i) {
        BoundExpr arg;
        if (!expr(args->items()[i], join(path, "args[" + std::to_string(i) + "]"), arg, depth + 1)) return false;
        out.args.push_back(std::move(arg));
      }
    }
    return true;
  }
  bool optional_expr(const JsonValue& object, std::string_view key, const std::string& path,
                     std::optional<BoundExpr>& out) {
    const JsonValue* json = member(object, key, path);
    if (!json) return false;
    if (json->is_null()) return true;
    BoundExpr e;
    if (!expr(*json, join(path, key), e, 0)) return false;
    out = std::move(e);
    return true;
  }
  bool named(const JsonValue& object, std::string_view key, const std::string& path, std::vector<NamedExpr>& out) {
    const JsonValue* list = array_member(object, key, path);
    if (!list) return false;
    for (std::size_t i = 0; i < list->items().size(); ++i) {
      const std::string at = join(path, std::string(key) + "[" + std::to_string(i) + "]");
      NamedExpr n;
      const JsonValue* e = member(list->items()[i], "expr", at);
      if (!string_member(list->items()[i], "name", at, n.name) || !e || !expr(*e, join(at, "expr"), n.expr, 0)) {
        return false;
      }
      out.push_back(std::move(n));
    }
    return true;
  }
  bool parts(const JsonValue& object, std::string_view key, const std::string& path, std::vector<TemplatePart>& out) {
    const JsonValue* list = array_member(object, key, path);
    if (!list) return false;
    for (std::size_t i = 0; i < list->items().size(); ++i) {
      const JsonValue& item = list->items()[i];
      TemplatePart part;
      if (item.is_string()) {
        part.text = item.text();
      } else {
        BoundExpr e;
        if (!expr(item, join(path, std::string(key) + "[" + std::to_string(i) + "]"), e, 0)) return false;
        part.expr = std::move(e);
      }
      out.push_back(std::move(part));
    }
    return true;
  }
  bool targets(const JsonValue& object, const std::string& path, std::vector<CheckedTarget>& out) {
    const JsonValue* list = array_member(object, "targets", path);
    if (!list) return false;
    for (std::size_t i = 0; i < list->items().size(); ++i) {
      const std::string at = join(path, "targets[" + std::to_string(i) + "]");
      CheckedTarget t;
      std::int64_t qos = 0;
      if (!string_member(list->items()[i], "kind", at, t.kind) || !parts(list->items()[i], "address", at, t.address) ||
          !int_member(list->items()[i], "qos", at, qos)) {
        return false;
      }
      if (t.kind != "mqtt" && t.kind != "webhook" && t.kind != "journal" && t.kind != "log") {
        return fail(join(at, "kind"), "unknown target \"" + t.kind + "\"");
      }
      if (qos < 0 || qos > 2) return fail(join(at, "qos"), "the QoS must be 0, 1 or 2");
      t.qos = static_cast<int>(qos);
      if (list->items()[i].find("retain") && !bool_member(list->items()[i], "retain", at, t.retain)) return false;
      if (list->items()[i].find("broker") && !string_member(list->items()[i], "broker", at, t.broker)) return false;
      if (t.kind != "mqtt" && (t.retain || !t.broker.empty()))
        return fail(at, "only MQTT targets have 'retain' and 'broker'");
      out.push_back(std::move(t));
    }
    return true;
  }

  bool body(const JsonValue& b, const std::string& path, CheckedSchema& out) {
    const JsonValue* s = member(b, "schema", path);
    return s && schema(*s, join(path, "schema"), out.schema) &&
           (out.schema != nullptr || fail(join(path, "schema"), "a schema statement needs its schema"));
  }
  bool body(const JsonValue& b, const std::string& path, CheckedSource& out) {
    std::int64_t qos = 0;
    if (!string_member(b, "connector", path, out.connector) || !string_member(b, "target", path, out.target) ||
        !int_member(b, "qos", path, qos) || !string_member(b, "broker", path, out.broker) ||
        !string_member(b, "format", path, out.format) ||
        !bool_member(b, "processing_time", path, out.processing_time) ||
        !index_member(b, "time_field", path, out.time_field) || !duration_member(b, "lateness", path, out.lateness) ||
        !optional_duration_member(b, "idle_after", path, out.idle_after)) {
      return false;
    }
    if (qos < 0 || qos > 2) return fail(join(path, "qos"), "the QoS must be 0, 1 or 2");
    out.qos = static_cast<int>(qos);
    const JsonValue* segments = array_member(b, "segments", path);
    if (!segments) return false;
    for (std::size_t i = 0; i < segments->items().size(); ++i) {
      const std::string at = join(path, "segments[" + std::to_string(i) + "]");
      TopicSegment s;
      if (!index_member(segments->items()[i], "level", at, s.level) ||
          !index_member(segments->items()[i], "field", at, s.field_index)) {
        return false;
      }
      out.segments.push_back(s);
    }
    return true;
  }
  bool body(const JsonValue& b, const std::string& path, CheckedTable& out) {
    const JsonValue* s = member(b, "schema", path);
    return s && schema(*s, join(path, "schema"), out.schema) &&
           (out.schema != nullptr || fail(join(path, "schema"), "a table needs its schema")) &&
           string_member(b, "kind", path, out.kind) && string_member(b, "path", path, out.path) &&
           string_member(b, "query", path, out.query) && index_member(b, "key_index", path, out.key_index);
  }
  bool body(const JsonValue& b, const std::string& path, CheckedStream& out) {
    const JsonValue* join_json = member(b, "join", path);
    if (!join_json) return false;
    if (!join_json->is_null()) {
      CheckedJoin j;
      const std::string at = join(path, "join");
      if (!index_member(*join_json, "table", at, j.table) ||
          !index_member(*join_json, "event_field", at, j.event_field) ||
          !index_member(*join_json, "table_field", at, j.table_field)) {
        return false;
      }
      out.join = j;
    }
    return optional_expr(b, "where", path, out.where) && named(b, "select", path, out.select);
  }
  bool body(const JsonValue& b, const std::string& path, CheckedWindow& out) {
    return indices_member(b, "group_by", path, out.group_by) && enum_member(b, "kind", path, kWindowKinds, out.kind) &&
           duration_member(b, "size", path, out.size) && duration_member(b, "every", path, out.every) &&
           int_member(b, "count", path, out.count) && int_member(b, "count_every", path, out.count_every) &&
           optional_expr(b, "where", path, out.where) && named(b, "aggregates", path, out.aggregates) &&
           optional_expr(b, "having", path, out.having);
  }
  bool body(const JsonValue& b, const std::string& path, CheckedTwin& out) {
    const JsonValue* properties = member(b, "properties", path);
    if (!properties || !schema(*properties, join(path, "properties"), out.properties)) return false;
    if (!out.properties) return fail(join(path, "properties"), "a twin needs its properties");
    if (!string_member(b, "key_name", path, out.key_name) || !type_member(b, "key_type", path, out.key_type) ||
        !optional_duration_member(b, "expire_after", path, out.expire_after)) {
      return false;
    }
    const JsonValue* updates = array_member(b, "updates", path);
    if (!updates) return false;
    for (std::size_t i = 0; i < updates->items().size(); ++i) {
      const JsonValue& u = updates->items()[i];
      const std::string at = join(path, "updates[" + std::to_string(i) + "]");
      CheckedTwinUpdate update;
      if (!index_member(u, "input", at, update.input) || !index_member(u, "key_field", at, update.key_field) ||
          !optional_expr(u, "where", at, update.where)) {
        return false;
      }
      const JsonValue* set = array_member(u, "set", at);
      if (!set) return false;
      for (std::size_t k = 0; k < set->items().size(); ++k) {
        const std::string set_at = join(at, "set[" + std::to_string(k) + "]");
        CheckedAssignment a;
        const JsonValue* v = member(set->items()[k], "value", set_at);
        if (!index_member(set->items()[k], "property", set_at, a.property) || !v ||
            !expr(*v, join(set_at, "value"), a.value, 0)) {
          return false;
        }
        update.assignments.push_back(std::move(a));
      }
      out.updates.push_back(std::move(update));
    }
    return true;
  }
  bool pattern_node(const JsonValue& json, const std::string& path, CheckedPatternNode& out, int depth) {
    if (depth > 200) return fail(path, "the pattern is nested too deeply");
    if (!enum_member(json, "kind", path, kPatternNodeKinds, out.kind) || !bool_member(json, "every", path, out.every)) {
      return false;
    }
    if (out.kind == PatternNodeKind::kStep || out.kind == PatternNodeKind::kAbsence) {
      return index_member(json, "step", path, out.step);
    }
    const JsonValue* items = array_member(json, "items", path);
    if (!items) return false;
    for (std::size_t i = 0; i < items->items().size(); ++i) {
      CheckedPatternNode item;
      if (!pattern_node(items->items()[i], join(path, "items[" + std::to_string(i) + "]"), item, depth + 1))
        return false;
      out.items.push_back(std::move(item));
    }
    if (out.items.empty()) return fail(join(path, "items"), "a group needs at least one item");
    if (out.kind == PatternNodeKind::kSequence) {
      const JsonValue* contiguity = array_member(json, "contiguity", path);
      if (!contiguity) return false;
      for (const JsonValue& c : contiguity->items()) {
        auto value = c.is_string() ? from_name<Contiguity>(kContiguities, c.text()) : std::nullopt;
        if (!value) return fail(join(path, "contiguity"), "expected \"next\", \"then\" or \"then any\"");
        out.contiguity.push_back(*value);
      }
      if (out.contiguity.size() + 1 != out.items.size()) {
        return fail(join(path, "contiguity"), "a sequence of " + std::to_string(out.items.size()) + " items needs " +
                                                  std::to_string(out.items.size() - 1) + " connections");
      }
    }
    return true;
  }
  bool body(const JsonValue& b, const std::string& path, CheckedPattern& out) {
    const JsonValue* partition = array_member(b, "partition_by", path);
    if (!partition) return false;
    for (const JsonValue& p : partition->items()) {
      if (!p.is_string()) return fail(join(path, "partition_by"), "expected field names");
      out.partition_by.push_back(p.text());
    }
    const JsonValue* steps = array_member(b, "steps", path);
    if (!steps) return false;
    for (std::size_t i = 0; i < steps->items().size(); ++i) {
      const JsonValue& s = steps->items()[i];
      const std::string at = join(path, "steps[" + std::to_string(i) + "]");
      CheckedStep step;
      const JsonValue* max = member(s, "max", at);
      if (!string_member(s, "name", at, step.name) || !index_member(s, "stream", at, step.stream) ||
          !indices_member(s, "partition_fields", at, step.partition_fields) || !int_member(s, "min", at, step.min) ||
          !max || !bool_member(s, "reluctant", at, step.reluctant) || !bool_member(s, "absence", at, step.absence) ||
          !optional_expr(s, "where", at, step.where) || !optional_duration_member(s, "within", at, step.within)) {
        return false;
      }
      if (max->is_null()) {
        step.max.reset();
      } else if (auto m = max->as_int()) {
        step.max = *m;
      } else {
        return fail(join(at, "max"), "expected an integer or null");
      }
      if (step.min < 0 || (step.max && *step.max < std::max<std::int64_t>(step.min, 1))) {
        return fail(at, "the quantifier's bounds are out of order");
      }
      out.steps.push_back(std::move(step));
    }
    const JsonValue* match = member(b, "match", path);
    return match && pattern_node(*match, join(path, "match"), out.match, 0) &&
           optional_duration_member(b, "within", path, out.within) &&
           optional_duration_member(b, "expire_after", path, out.expire_after) &&
           enum_member(b, "skip", path, kSkipKinds, out.skip) && index_member(b, "skip_step", path, out.skip_step) &&
           named(b, "select", path, out.select);
  }
  bool body(const JsonValue& b, const std::string& path, CheckedAlert& out) {
    return optional_expr(b, "where", path, out.where) && enum_member(b, "severity", path, kSeverities, out.severity) &&
           parts(b, "message", path, out.message) && optional_duration_member(b, "throttle", path, out.throttle) &&
           indices_member(b, "throttle_per", path, out.throttle_per) && targets(b, path, out.targets);
  }
  bool body(const JsonValue& b, const std::string& path, CheckedSink& out) { return targets(b, path, out.targets); }

  bool statement(const JsonValue& json, const std::string& path, PlanStatement& out) {
    if (!enum_member(json, "kind", path, kStatementKinds, out.kind) || !string_member(json, "name", path, out.name) ||
        !string_member(json, "location", path, out.location) || !indices_member(json, "inputs", path, out.inputs)) {
      return false;
    }
    const JsonValue* output = member(json, "output", path);
    if (!output || !schema(*output, join(path, "output"), out.output)) return false;
    const JsonValue* b = member(json, "body", path);
    if (!b) return false;
    const std::string at = join(path, "body");
    switch (out.kind) {
      case StatementKind::kSchema: return read_body<CheckedSchema>(*b, at, out);
      case StatementKind::kSource: return read_body<CheckedSource>(*b, at, out);
      case StatementKind::kTable: return read_body<CheckedTable>(*b, at, out);
      case StatementKind::kStream: return read_body<CheckedStream>(*b, at, out);
      case StatementKind::kWindow: return read_body<CheckedWindow>(*b, at, out);
      case StatementKind::kTwin: return read_body<CheckedTwin>(*b, at, out);
      case StatementKind::kPattern: return read_body<CheckedPattern>(*b, at, out);
      case StatementKind::kAlert: return read_body<CheckedAlert>(*b, at, out);
      case StatementKind::kSink: return read_body<CheckedSink>(*b, at, out);
    }
    return false;
  }
  template <typename T>
  bool read_body(const JsonValue& b, const std::string& path, PlanStatement& out) {
    T value;
    if (!body(b, path, value)) return false;
    out.body = std::move(value);
    return true;
  }

  std::string error_;
};

}  // namespace

Result<Plan> plan_from_json(std::string_view json) {
  auto doc = JsonValue::parse(json, 256);
  if (!doc.ok()) return doc.status().with_context("plan is not valid JSON");
  Reader reader;
  Plan plan;
  if (!reader.plan(*doc, plan)) return reader.status();
  if (Status valid = validate_plan(plan); !valid.ok()) return valid;
  return plan;
}

}  // namespace cepheus::dsl
