// Derived streams, windows and twins.
#include <set>

#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/suggest.h"
#include "check_output.h"
#include "check_statements.h"

namespace cepheus::dsl {
namespace {

Scope event_scope(const CheckedStatement& input, std::string what) {
  Scope scope;
  scope.event = input.output.get();
  scope.event_name = input.name;
  scope.what = std::move(what);
  return scope;
}

std::vector<std::string_view> field_names(const Schema& schema) {
  std::vector<std::string_view> names;
  for (const Field& f : schema.fields()) names.push_back(f.name);
  return names;
}

// Field positions of `names` in `schema`; false after reporting an unknown one.
bool field_positions(const std::vector<Name>& names, const Schema& schema, const std::string& owner,
                     CheckContext& context, std::vector<std::uint32_t>& out) {
  bool ok = true;
  for (const Name& name : names) {
    const std::size_t index = schema.index_of(name.text);
    if (index == Schema::npos) {
      context.error(name.span, "unknown field '" + name.text + "' in '" + owner + "'",
                    did_you_mean(name.text, field_names(schema)));
      ok = false;
    } else {
      out.push_back(static_cast<std::uint32_t>(index));
    }
  }
  return ok;
}

}  // namespace

bool check_stream(const Statement& s, CheckContext& context, CheckedStatement& out) {
  const auto& syntax = std::get<StreamStmt>(s.body);
  Scope scope;
  scope.what = "condition";
  const CheckedStatement* input = read_input(syntax.input, context, out, scope);
  if (!input) return false;
  CheckedStream stream;
  bool ok = true;
  if (syntax.join) {
    const Join& join = *syntax.join;
    const CheckedStatement* table = context.find_checked(join.table.text);
    if (!table || table->kind != StatementKind::kTable) {
      if (!table && !context.known_but_broken(join.table.text)) {
        context.error(join.table.span, "unknown table '" + join.table.text + "'",
                      did_you_mean(join.table.text, context.names_of({StatementKind::kTable})));
      } else if (table) {
        context.error(join.table.span,
                      "'" + join.table.text + "' is a " + std::string(statement_keyword(table->kind)) + ", not a table",
                      "a stream joins with a table of reference data");
      }
      return false;
    }
    const auto& table_body = std::get<CheckedTable>(table->body);
    const Schema& rows = *table_body.schema;
    CheckedJoin checked{context.checked_ids.at(table->name), 0, table_body.key_index};
    const std::size_t left = input->output->index_of(join.left_field.text);
    if (left == Schema::npos) {
      context.error(join.left_field.span, "unknown field '" + join.left_field.text + "' in '" + input->name + "'",
                    did_you_mean(join.left_field.text, field_names(*input->output)));
      return false;
    }
    checked.event_field = static_cast<std::uint32_t>(left);
    if (join.right_field) {
      const std::size_t right = rows.index_of(join.right_field->text);
      if (right == Schema::npos) {
        context.error(join.right_field->span,
                      "table '" + table->name + "' has no field '" + join.right_field->text + "'",
                      did_you_mean(join.right_field->text, field_names(rows)));
        return false;
      }
      if (right != table_body.key_index) {
        context.error(
            join.right_field->span,
            "a join matches the table's key, which is '" + rows.field(table_body.key_index).name + "'",
            "join on " + join.left_field.text + " = " + table->name + "." + rows.field(table_body.key_index).name);
        return false;
      }
    } else if (rows.field(table_body.key_index).name != join.left_field.text) {
      context.error(join.left_field.span,
                    "table '" + table->name + "' is keyed by '" + rows.field(table_body.key_index).name + "', not '" +
                        join.left_field.text + "'",
                    "name both sides: on " + join.left_field.text + " = " + table->name + "." +
                        rows.field(table_body.key_index).name);
      return false;
    }
    const ValueType left_type = input->output->field(left).type;
    const ValueType key_type = rows.field(table_body.key_index).type;
    if (left_type != key_type) {
      context.error(join.span, "the join compares " + std::string(value_type_name(left_type)) + " field '" +
                                   join.left_field.text + "' with the table's " +
                                   std::string(value_type_name(key_type)) + " key; key types must match");
      return false;
    }
    stream.join = checked;
    scope.table = table_body.schema.get();
    scope.table_name = table->name;
  }
  if (syntax.where) {
    if (auto where = bind_condition(*syntax.where, scope, context)) {
      if (is_constant_false(*where))
        context.warning(syntax.where->span, "this condition is never true, so the stream is always empty");
      stream.where = std::move(*where);
    } else {
      ok = false;
    }
  }
  std::vector<Span> spans;
  scope.what = "select";
  auto add_input_fields = [&](Span span) {
    for (std::size_t i = 0; i < input->output->size(); ++i) {
      BoundExpr field;
      field.kind = BoundKind::kField;
      field.type = input->output->field(i).type;
      field.index = static_cast<std::uint32_t>(i);
      field.span = span;
      stream.select.push_back({input->output->field(i).name, std::move(field)});
      spans.push_back(span);
    }
  };
  if (syntax.select.empty()) add_input_fields(s.name.span);
  for (const SelectItem& item : syntax.select) {
    if (!item.expr) {
      add_input_fields(item.span);
      continue;
    }
    auto named = bind_named(item, scope, context);
    if (!named) {
      ok = false;
      continue;
    }
    stream.select.push_back(std::move(*named));
    spans.push_back(item.span);
  }
  if (!ok) return false;
  out.output = output_schema(s.name.text, stream.select, spans, context);
  if (!out.output) return false;
  out.body = std::move(stream);
  return true;
}

bool check_window(const Statement& s, CheckContext& context, CheckedStatement& out) {
  const auto& syntax = std::get<WindowStmt>(s.body);
  Scope scope;
  scope.what = "condition";
  const CheckedStatement* input = read_input(syntax.input, context, out, scope);
  if (!input) return false;
  CheckedWindow window;
  bool ok = field_positions(syntax.group_by, *input->output, input->name, context, window.group_by);
  const WindowSpec& spec = syntax.spec;
  if (spec.kind.text == "tumbling" || spec.kind.text == "sliding" || spec.kind.text == "session") {
    window.kind = spec.kind.text == "tumbling"  ? WindowKind::kTumbling
                  : spec.kind.text == "sliding" ? WindowKind::kSliding
                                                : WindowKind::kSession;
    window.size = duration_value(*spec.size);
    if (window.size <= Duration()) {
      context.error(spec.size->span, "a window needs a size above zero");
      ok = false;
    }
    if (spec.every) {
      window.every = duration_value(*spec.every);
      if (window.every <= Duration() || window.every > window.size) {
        context.error(spec.every->span, "a sliding window moves by more than zero and at most its size (" +
                                            format_duration(window.size) + ")");
        ok = false;
      } else if (window.size.count_nanos() % window.every.count_nanos() != 0) {
        context.warning(spec.every->span,
                        "the size " + format_duration(window.size) + " is not a multiple of the slide " +
                            format_duration(window.every) + ", so windows differ in how many slides they cover",
                        "pick a slide that divides the size");
      }
    }
  } else {
    window.kind = WindowKind::kCount;
    window.count = *spec.count;
    window.count_every = spec.count_every.value_or(1);
    if (window.count <= 0 || window.count > 1'000'000) {
      context.error(spec.span, "a count window holds 1 to 1,000,000 events");
      ok = false;
    } else if (window.count_every <= 0 || window.count_every > window.count) {
      context.error(spec.span, "a count window emits every 1 to " + std::to_string(window.count) + " events");
      ok = false;
    }
  }
  if (syntax.where) {
    if (auto where = bind_condition(*syntax.where, scope, context)) {
      window.where = std::move(*where);
    } else {
      ok = false;
    }
  }
  if (syntax.compute.empty()) {
    context.error(s.name.span, "window '" + s.name.text + "' computes nothing", "add e.g. compute count() as events");
    return false;
  }
  scope.window_aggregates = true;
  scope.what = "compute";
  std::vector<NamedExpr> fields;
  std::vector<Span> spans;
  for (std::uint32_t index : window.group_by) {
    BoundExpr field;
    field.kind = BoundKind::kField;
    field.type = input->output->field(index).type;
    field.index = index;
    fields.push_back({input->output->field(index).name, field});
    spans.push_back(s.name.span);
  }
  for (const SelectItem& item : syntax.compute) {
    if (!item.expr) {
      context.error(item.span, "'*' cannot be computed", "list aggregates: count() as events, avg(temp) as avg_temp");
      ok = false;
      continue;
    }
    auto named = bind_named(item, scope, context);
    if (!named) {
      ok = false;
      continue;
    }
    bool has_aggregate = false;
    bool stray_field = false;
    walk_bound(named->expr, [&](const BoundExpr& node, bool inside) {
      if (node.kind == BoundKind::kAggregate) has_aggregate = true;
      if (node.kind == BoundKind::kField && !inside &&
          std::find(window.group_by.begin(), window.group_by.end(), node.index) == window.group_by.end()) {
        stray_field = true;
      }
    });
    if (!has_aggregate || stray_field) {
      context.error(item.expr->span, "'" + format_expression(*item.expr) + "' is neither an aggregate nor grouped",
                    "aggregate it, e.g. last(" + format_expression(*item.expr) + "), or add it to 'group by'");
      ok = false;
      continue;
    }
    window.aggregates.push_back(*named);
    fields.push_back(std::move(*named));
    spans.push_back(item.span);
  }
  if (!ok) return false;
  for (const char* bound_name : {"window_start", "window_end"}) {
    BoundExpr time;
    time.type = ValueType::kTimestamp;
    fields.push_back({bound_name, time});
    spans.push_back(s.name.span);
  }
  out.output = output_schema(s.name.text, fields, spans, context);
  if (!out.output) return false;
  if (syntax.having) {
    Scope having;
    having.output = out.output.get();
    having.what = "having";
    if (auto bound = bind_condition(*syntax.having, having, context)) {
      window.having = std::move(*bound);
    } else {
      return false;
    }
  }
  out.body = std::move(window);
  return true;
}

bool check_twin(const Statement& s, CheckContext& context, CheckedStatement& out) {
  const auto& syntax = std::get<TwinStmt>(s.body);
  CheckedTwin twin;
  twin.properties = schema_from_fields(s.name.text, syntax.properties, context);
  if (!twin.properties) return false;
  twin.key_name = syntax.key.text;
  if (syntax.properties.empty()) {
    context.error(s.name.span, "twin '" + s.name.text + "' keeps no properties",
                  "declare some: { last_temp: double? }");
    return false;
  }
  if (twin.properties->index_of(twin.key_name) != Schema::npos) {
    context.error(syntax.key.span, "the key '" + twin.key_name + "' is also declared as a property",
                  "the key is kept by itself; remove it from the properties");
    return false;
  }
  if (syntax.updates.empty()) {
    context.error(s.name.span, "twin '" + s.name.text + "' is never updated",
                  "add e.g. on readings set last_temp = temp");
    return false;
  }
  if (syntax.expire_after) twin.expire_after = duration_value(*syntax.expire_after);
  // Register the twin so that its own updates can read its properties.
  const auto self = static_cast<StatementId>(context.checked.size());
  std::optional<ValueType> key_type;
  bool ok = true;
  // Bind each update against a provisional twin entry at position `self`.
  CheckedStatement provisional;
  provisional.kind = StatementKind::kTwin;
  provisional.name = s.name.text;
  provisional.body = CheckedTwin{twin.properties, twin.key_name, ValueType::kString, {}, std::nullopt};
  context.checked.push_back(std::move(provisional));
  for (const TwinUpdate& update : syntax.updates) {
    const CheckedStatement* input = resolve_input(update.input, context);
    if (!input) {
      ok = false;
      continue;
    }
    CheckedTwinUpdate checked;
    checked.input = context.checked_ids.at(input->name);
    const std::size_t key = input->output->index_of(twin.key_name);
    if (key == Schema::npos) {
      context.error(update.input.span, "twin '" + s.name.text + "' is kept per '" + twin.key_name + "', which '" +
                                           input->name + "' does not have");
      ok = false;
      continue;
    }
    const ValueType type = input->output->field(key).type;
    if (key_type && *key_type != type) {
      context.error(update.input.span, "'" + twin.key_name + "' is a " + std::string(value_type_name(type)) + " in '" +
                                           input->name + "' but a " + std::string(value_type_name(*key_type)) +
                                           " in the twin's other inputs");
      ok = false;
      continue;
    }
    key_type = type;
    checked.key_field = static_cast<std::uint32_t>(key);
    Scope scope = event_scope(*input, "update");
    scope.self_twin = self;
    if (update.where) {
      if (auto where = bind_condition(*update.where, scope, context)) {
        checked.where = std::move(*where);
      } else {
        ok = false;
      }
    }
    std::set<std::string> assigned;
    for (const Assignment& assignment : update.assignments) {
      const std::size_t property = twin.properties->index_of(assignment.property.text);
      if (property == Schema::npos) {
        context.error(assignment.property.span,
                      "twin '" + s.name.text + "' has no property '" + assignment.property.text + "'",
                      did_you_mean(assignment.property.text, field_names(*twin.properties)));
        ok = false;
        continue;
      }
      if (!assigned.insert(assignment.property.text).second) {
        context.error(assignment.property.span, "'" + assignment.property.text + "' is set twice in one update");
        ok = false;
        continue;
      }
      auto value = bind_expression(*assignment.value, scope, context);
      if (!value) {
        ok = false;
        continue;
      }
      const ValueType target = twin.properties->field(property).type;
      const bool fits = value->type == target || value->type == ValueType::kNull ||
                        (target == ValueType::kDouble && value->type == ValueType::kInt);
      if (!fits) {
        context.error(assignment.value->span, "property '" + assignment.property.text + "' is a " +
                                                  std::string(value_type_name(target)) + " but this value is a " +
                                                  std::string(value_type_name(value->type)));
        ok = false;
        continue;
      }
      checked.assignments.push_back({static_cast<std::uint32_t>(property), std::move(*value)});
    }
    if (std::find(out.inputs.begin(), out.inputs.end(), checked.input) == out.inputs.end()) {
      out.inputs.push_back(checked.input);
    }
    twin.updates.push_back(std::move(checked));
  }
  context.checked.pop_back();
  if (!ok) return false;
  twin.key_type = *key_type;
  // The twin's own events (one per update): its key, then its properties.
  std::vector<Field> fields{{twin.key_name, twin.key_type, false, Value()}};
  for (const Field& f : twin.properties->fields()) fields.push_back(f);
  out.output = *Schema::make(s.name.text, std::move(fields));
  out.body = std::move(twin);
  return true;
}

}  // namespace cepheus::dsl
