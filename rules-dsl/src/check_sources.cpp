// Schemas, sources and tables: where shapes and events come from.
#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/suggest.h"
#include "check_statements.h"

namespace cepheus::dsl {
namespace {

const Schema* resolve_schema(const Name& name, CheckContext& context) {
  if (const CheckedStatement* found = context.find_checked(name.text)) {
    if (found->kind == StatementKind::kSchema) return std::get<CheckedSchema>(found->body).schema.get();
    context.error(name.span,
                  "'" + name.text + "' is a " + std::string(statement_keyword(found->kind)) + ", not a schema");
    return nullptr;
  }
  if (context.known_but_broken(name.text)) return nullptr;  // a schema with errors of its own
  context.error(name.span, "unknown schema '" + name.text + "'",
                did_you_mean(name.text, context.names_of({StatementKind::kSchema})));
  return nullptr;
}

std::vector<std::string_view> field_names(const Schema& schema) {
  std::vector<std::string_view> names;
  for (const Field& f : schema.fields()) names.push_back(f.name);
  return names;
}

// "plant/{site}/{device}/readings": placeholders become '+' and fill string fields.
bool check_topic(const SourceStmt& source, const Schema& schema, CheckContext& context, CheckedSource& out) {
  const std::string& topic = source.connector.target.value;
  const Span span = source.connector.target.span;
  if (topic.empty()) {
    context.error(span, "the topic filter is empty", "e.g. \"plant/+/readings\"");
    return false;
  }
  std::string filter;
  std::uint32_t level = 0;
  std::size_t start = 0;
  bool ok = true;
  while (true) {
    const std::size_t slash = topic.find('/', start);
    std::string part = topic.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    const bool last = slash == std::string::npos;
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      const std::string name = part.substr(1, part.size() - 2);
      const std::size_t index = schema.index_of(name);
      if (index == Schema::npos) {
        context.error(span, "topic level {" + name + "} names no field of schema '" + schema.name() + "'",
                      did_you_mean(name, field_names(schema)));
        ok = false;
      } else if (schema.field(index).type != ValueType::kString) {
        std::string message = "topic level {" + name + "} fills field '" + name + "', which is a ";
        message += value_type_name(schema.field(index).type);
        message += ", not a string";
        context.error(span, std::move(message));
        ok = false;
      } else {
        out.segments.push_back({level, static_cast<std::uint32_t>(index)});
      }
      part = "+";
    } else if (part.find_first_of("{}") != std::string::npos) {
      context.error(span, "a topic placeholder fills a whole level: {name} between slashes");
      ok = false;
    } else if (part == "#" && !last) {
      context.error(span, "'#' may only be the last level of a topic filter");
      ok = false;
    } else if (part != "+" && part != "#" && part.find_first_of("+#") != std::string::npos) {
      context.error(span, "'+' and '#' must stand alone in a topic level");
      ok = false;
    }
    filter += part;
    if (last) break;
    filter += '/';
    start = slash + 1;
    ++level;
  }
  out.target = filter;
  return ok;
}

}  // namespace

std::shared_ptr<const Schema> schema_from_fields(const std::string& name, const std::vector<FieldDecl>& fields,
                                                 CheckContext& context) {
  std::vector<Field> out;
  bool ok = true;
  std::map<std::string, Span, std::less<>> seen;
  for (const FieldDecl& decl : fields) {
    Field field;
    field.name = decl.name.text;
    field.optional = decl.optional;
    if (!seen.emplace(decl.name.text, decl.name.span).second) {
      context.error(decl.name.span, "field '" + decl.name.text + "' is declared twice");
      ok = false;
      continue;
    }
    if (!value_type_from_name(decl.type.text, field.type)) {
      context.error(decl.type.span, "unknown type '" + decl.type.text + "'",
                    did_you_mean(decl.type.text, {"bool", "int", "double", "string", "timestamp", "duration"}).empty()
                        ? "the types are bool, int, double, string, timestamp and duration"
                        : did_you_mean(decl.type.text, {"bool", "int", "double", "string", "timestamp", "duration"}));
      ok = false;
      continue;
    }
    if (decl.default_value) {
      Scope constants;
      constants.twins_readable = false;
      auto bound = bind_expression(*decl.default_value, constants, context);
      if (!bound) {
        ok = false;
        continue;
      }
      if (bound->kind != BoundKind::kConstant) {
        context.error(decl.default_value->span, "a default must be a literal value");
        ok = false;
        continue;
      }
      Value value = bound->constant;
      if (field.type == ValueType::kDouble && value.type() == ValueType::kInt)
        value = Value::real(static_cast<double>(value.as_int()));
      if (!value.is_null() && value.type() != field.type) {
        context.error(decl.default_value->span, "field '" + field.name + "' is a " + decl.type.text +
                                                    " but its default is a " +
                                                    std::string(value_type_name(value.type())));
        ok = false;
        continue;
      }
      field.default_value = std::move(value);
    }
    out.push_back(std::move(field));
  }
  if (!ok) return nullptr;
  auto schema = Schema::make(name, std::move(out));
  return schema.ok() ? *schema : nullptr;
}

bool check_schema(const Statement& s, CheckContext& context, CheckedStatement& out) {
  const auto& syntax = std::get<SchemaStmt>(s.body);
  auto schema = schema_from_fields(s.name.text, syntax.fields, context);
  if (!schema) return false;
  out.body = CheckedSchema{schema};
  return true;
}

bool check_source(const Statement& s, CheckContext& context, CheckedStatement& out) {
  const auto& syntax = std::get<SourceStmt>(s.body);
  const Schema* schema = resolve_schema(syntax.schema, context);
  if (!schema) return false;
  CheckedSource source;
  source.connector = syntax.connector.kind.text;
  bool ok = true;
  if (source.connector == "mqtt") {
    ok = check_topic(syntax, *schema, context, source);
  } else {
    source.target = syntax.connector.target.value;
    if (source.target.empty()) {
      context.error(syntax.connector.target.span, "the " + source.connector + " path is empty");
      ok = false;
    } else if (source.connector == "http" && source.target.front() != '/') {
      context.error(syntax.connector.target.span, "an HTTP ingest path starts with '/'", "e.g. \"/ingest/readings\"");
      ok = false;
    }
  }
  if (syntax.connector.qos) {
    if (source.connector != "mqtt") {
      context.error(syntax.connector.qos_span, "only MQTT sources have a QoS");
      ok = false;
    } else if (*syntax.connector.qos < 0 || *syntax.connector.qos > 2) {
      context.error(syntax.connector.qos_span, "the QoS must be 0, 1 or 2");
      ok = false;
    } else {
      source.qos = static_cast<int>(*syntax.connector.qos);
    }
  }
  if (syntax.connector.broker) source.broker = syntax.connector.broker->text;
  source.format = syntax.format ? syntax.format->text : "json";
  if (source.connector == "file" && !source.target.empty()) {
    // A file says what it holds by its ending: CSV with a header, or JSON lines.
    const bool csv_file = source.target.ends_with(".csv");
    if (syntax.format && (syntax.format->text == "csv") != csv_file) {
      context.error(syntax.format->span,
                    "a file source's format follows the file's ending: '" + source.target + "' holds " +
                        (csv_file ? "CSV with a header" : "JSON lines"),
                    csv_file ? "leave 'format' out" : "leave 'format' out, or read a file ending in .csv");
      ok = false;
    }
    source.format = csv_file ? "csv" : "json";
  }
  source.processing_time = syntax.processing_time;
  if (syntax.time_field) {
    const std::size_t index = schema->index_of(syntax.time_field->text);
    if (index == Schema::npos) {
      context.error(syntax.time_field->span,
                    "the time field '" + syntax.time_field->text + "' is not in schema '" + schema->name() + "'",
                    did_you_mean(syntax.time_field->text, field_names(*schema)));
      ok = false;
    } else if (schema->field(index).type != ValueType::kTimestamp) {
      context.error(syntax.time_field->span, "the time field '" + syntax.time_field->text + "' is a " +
                                                 std::string(value_type_name(schema->field(index).type)) +
                                                 "; event time needs a timestamp");
      ok = false;
    } else {
      source.time_field = static_cast<std::uint32_t>(index);
    }
  } else if (!syntax.processing_time) {
    std::string hint = "add 'processing time' to stamp events on arrival";
    for (const Field& f : schema->fields()) {
      if (f.type == ValueType::kTimestamp) hint = "add 'event time " + f.name + "', or 'processing time'";
    }
    context.error(s.name.span, "source '" + s.name.text + "' does not say how it tells time", hint);
    ok = false;
  }
  if (syntax.lateness) source.lateness = duration_value(*syntax.lateness);
  if (syntax.idle_after) {
    source.idle_after = duration_value(*syntax.idle_after);
    if (*source.idle_after <= Duration()) {
      context.error(syntax.idle_after->span, "'idle after' needs a duration above zero");
      ok = false;
    }
  }
  if (!ok) return false;
  out.output = std::get<CheckedSchema>(context.find_checked(syntax.schema.text)->body).schema;
  out.body = std::move(source);
  return true;
}

bool check_table(const Statement& s, CheckContext& context, CheckedStatement& out) {
  const auto& syntax = std::get<TableStmt>(s.body);
  const Schema* schema = resolve_schema(syntax.schema, context);
  if (!schema) return false;
  CheckedTable table;
  table.kind = syntax.kind.text;
  table.path = syntax.path.value;
  if (syntax.query) table.query = syntax.query->value;
  bool ok = true;
  if (table.path.empty()) {
    context.error(syntax.path.span, "the table's file path is empty");
    ok = false;
  }
  if (syntax.query && table.kind != "sqlite") {
    context.error(syntax.query->span, "only sqlite tables take a query");
    ok = false;
  }
  const std::size_t key = schema->index_of(syntax.key.text);
  if (key == Schema::npos) {
    context.error(syntax.key.span,
                  "the key '" + syntax.key.text + "' is not a field of schema '" + schema->name() + "'",
                  did_you_mean(syntax.key.text, field_names(*schema)));
    ok = false;
  } else {
    table.key_index = static_cast<std::uint32_t>(key);
  }
  if (!ok) return false;
  // A table is not a stream, so `output` stays empty; joins read its row schema.
  table.schema = std::get<CheckedSchema>(context.find_checked(syntax.schema.text)->body).schema;
  out.body = std::move(table);
  return true;
}

}  // namespace cepheus::dsl
