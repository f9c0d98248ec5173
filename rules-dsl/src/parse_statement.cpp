// Statements. Each begins with its keyword and name; its clauses may come in any
// order, each at most once. The canonical order is the formatter's business.
#include <set>

#include "cepheus/dsl/parser.h"
#include "cepheus/dsl/suggest.h"
#include "parser_state.h"

namespace cepheus::dsl {
namespace {

// Remembers which clauses a statement has used, to refuse a clause given twice.
class ClauseSet {
 public:
  explicit ClauseSet(ParserState& state) : state_(state) {}
  bool first_time(std::string_view clause, Span span) {
    if (seen_.insert(std::string(clause)).second) return true;
    return state_.fail_at(span, "the '" + std::string(clause) + "' clause is given twice", "keep one of them");
  }

 private:
  ParserState& state_;
  std::set<std::string> seen_;
};

// "a pattern", "an alert".
std::string with_article(std::string_view word) {
  const bool vowel = !word.empty() && std::string_view("aeiou").find(word[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(word);
}

bool unknown_clause(ParserState& state, std::string_view statement, const std::vector<std::string_view>& clauses) {
  std::string list;
  for (std::size_t i = 0; i < clauses.size(); ++i) list += (i ? ", " : "") + std::string(clauses[i]);
  std::string hint = state.at(TokenKind::kName) ? did_you_mean(state.peek().text, clauses) : std::string();
  if (hint.empty()) hint = with_article(statement) + " takes: " + list;
  return state.fail_expected("a clause of the " + std::string(statement), hint);
}

// fields := '{' [field (',' field)* [',']] '}'   (schemas and twins)
bool parse_fields(ParserState& state, std::vector<FieldDecl>& fields) {
  if (!state.expect(TokenKind::kLeftBrace, "'{' and a list of fields")) return false;
  while (!state.at(TokenKind::kRightBrace)) {
    FieldDecl field;
    const Span start = state.peek().span;
    if (!state.expect_name(field.name, "a field name or '}'")) return false;
    if (!state.expect(TokenKind::kColon, "':' and a type after the field name")) return false;
    if (!state.expect_name(field.type, "a type (bool, int, double, string, timestamp, duration)")) return false;
    field.optional = state.accept(TokenKind::kQuestion);
    if (state.accept(TokenKind::kAssign)) {
      field.default_value = parse_expression(state);
      if (!field.default_value) return false;
    }
    field.span = {start.begin, state.previous_end()};
    fields.push_back(std::move(field));
    if (!state.accept(TokenKind::kComma) && !state.at(TokenKind::kRightBrace)) {
      return state.fail_expected("',' or '}' after a field");
    }
  }
  state.advance();  // }
  return true;
}

bool parse_input(ParserState& state, Name& input, std::string_view statement) {
  if (!state.expect_keyword("from", with_article(statement) + " reads from a named stream: from readings")) {
    return false;
  }
  return state.expect_name(input, "the name of the input stream after 'from'");
}

bool parse_targets(ParserState& state, std::vector<Target>& targets) {
  do {
    Target target;
    const Span start = state.peek().span;
    if (!state.expect_one_of(target.kind, {"mqtt", "webhook", "journal", "log"}, "a target")) return false;
    if (target.kind.text == "mqtt" || target.kind.text == "webhook") {
      StringLiteral address;
      if (!state.expect_string(address, target.kind.text == "mqtt" ? "the topic in quotes" : "the URL in quotes")) {
        return false;
      }
      target.address = std::move(address);
    }
    // An MQTT target's options, in any order, each once: qos N, retain, broker NAME.
    ClauseSet options(state);
    while (target.kind.text == "mqtt") {
      const Span at = state.peek().span;
      if (state.accept_keyword("qos")) {
        if (!options.first_time("qos", at)) return false;
        std::int64_t qos = 0;
        if (!state.expect_integer(qos, "a QoS of 0, 1 or 2")) return false;
        target.qos = qos;
      } else if (state.accept_keyword("retain")) {
        if (!options.first_time("retain", at)) return false;
        target.retain = true;
      } else if (state.accept_keyword("broker")) {
        if (!options.first_time("broker", at)) return false;
        Name broker;
        if (!state.expect_name(broker, "the name of a broker connection of the node")) return false;
        target.broker = std::move(broker);
      } else {
        break;
      }
    }
    target.span = {start.begin, state.previous_end()};
    targets.push_back(std::move(target));
  } while (state.accept(TokenKind::kComma));
  return true;
}

bool parse_schema(ParserState& state, SchemaStmt& schema) {
  return parse_fields(state, schema.fields);
}

bool parse_source(ParserState& state, SourceStmt& source) {
  if (!state.expect(TokenKind::kColon, "':' and the schema of the source")) return false;
  if (!state.expect_name(source.schema, "the schema name")) return false;
  if (!state.expect_keyword("from", "e.g. from mqtt \"plant/+/readings\"")) return false;
  if (!state.expect_one_of(source.connector.kind, {"mqtt", "file", "http"}, "a connector")) return false;
  if (!state.expect_string(source.connector.target, "the topic filter, path or URL path in quotes")) return false;
  ClauseSet clauses(state);
  while (!state.at_end() && !state.at_statement_boundary()) {
    const Span at = state.peek().span;
    if (state.accept_keyword("qos")) {
      if (!clauses.first_time("qos", at)) return false;
      std::int64_t qos = 0;
      if (!state.expect_integer(qos, "a QoS of 0, 1 or 2")) return false;
      source.connector.qos = qos;
      source.connector.qos_span = {at.begin, state.previous_end()};
    } else if (state.accept_keyword("broker")) {
      if (!clauses.first_time("broker", at)) return false;
      Name broker;
      if (!state.expect_name(broker, "the name of a broker connection of the node")) return false;
      source.connector.broker = std::move(broker);
    } else if (state.accept_keyword("format")) {
      if (!clauses.first_time("format", at)) return false;
      Name format;
      if (!state.expect_one_of(format, {"json", "csv"}, "a payload format")) return false;
      source.format = std::move(format);
    } else if (state.at_keyword("event") || state.at_keyword("processing")) {
      if (!clauses.first_time("time", at)) return false;
      source.processing_time = state.advance().text == "processing";
      if (!state.expect_keyword("time")) return false;
      if (!source.processing_time) {
        Name field;
        if (!state.expect_name(field, "the timestamp field after 'event time'")) return false;
        source.time_field = std::move(field);
        if (state.accept_keyword("lateness")) {
          DurationLiteral lateness;
          if (!state.expect_duration(lateness, "a duration after 'lateness'")) return false;
          source.lateness = std::move(lateness);
        }
      }
      source.time_span = {at.begin, state.previous_end()};
    } else if (state.accept_keyword("idle")) {
      if (!clauses.first_time("idle", at)) return false;
      if (!state.expect_keyword("after")) return false;
      DurationLiteral idle;
      if (!state.expect_duration(idle, "a duration after 'idle after'")) return false;
      source.idle_after = std::move(idle);
    } else {
      return unknown_clause(state, "source", {"qos", "broker", "format", "event", "processing", "idle"});
    }
  }
  return true;
}

bool parse_table(ParserState& state, TableStmt& table) {
  if (!state.expect(TokenKind::kColon, "':' and the schema of the table")) return false;
  if (!state.expect_name(table.schema, "the schema name")) return false;
  if (!state.expect_keyword("from", "e.g. from csv \"devices.csv\" key device")) return false;
  if (!state.expect_one_of(table.kind, {"csv", "sqlite"}, "a table format")) return false;
  if (!state.expect_string(table.path, "the file path in quotes")) return false;
  if (state.accept_keyword("query")) {
    StringLiteral query;
    if (!state.expect_string(query, "the SQL query in quotes")) return false;
    table.query = std::move(query);
  }
  if (!state.expect_keyword("key", "name the key field: key device")) return false;
  return state.expect_name(table.key, "the key field");
}

bool parse_stream(ParserState& state, StreamStmt& stream) {
  if (!parse_input(state, stream.input, "stream")) return false;
  ClauseSet clauses(state);
  while (!state.at_end() && !state.at_statement_boundary()) {
    const Span at = state.peek().span;
    if (state.accept_keyword("join")) {
      if (!clauses.first_time("join", at)) return false;
      Join join;
      if (!state.expect_name(join.table, "the table to join")) return false;
      if (!state.expect_keyword("on", "e.g. join devices on device")) return false;
      if (!state.expect_name(join.left_field, "the field to join on")) return false;
      if (state.accept(TokenKind::kAssign) || state.accept(TokenKind::kEqual)) {
        Name table_name, field;
        if (!state.expect_name(table_name, "the table's field as table.field")) return false;
        if (!state.expect(TokenKind::kDot, "'.' and the table's field")) return false;
        if (!state.expect_name(field, "the table's field")) return false;
        if (table_name.text != join.table.text) {
          return state.fail_at(table_name.span, "the right side of 'on' must be a field of '" + join.table.text + "'",
                               "write on " + join.left_field.text + " = " + join.table.text + "." + field.text);
        }
        join.right_field = std::move(field);
      }
      join.span = {at.begin, state.previous_end()};
      stream.join = std::move(join);
    } else if (state.accept_keyword("where")) {
      if (!clauses.first_time("where", at)) return false;
      stream.where = parse_expression(state);
      if (!stream.where) return false;
    } else if (state.accept_keyword("select")) {
      if (!clauses.first_time("select", at)) return false;
      if (!parse_select_list(state, stream.select)) return false;
    } else {
      return unknown_clause(state, "stream", {"join", "where", "select"});
    }
  }
  return true;
}

bool parse_window_spec(ParserState& state, WindowSpec& spec) {
  const Span start = state.peek().span;
  if (!state.expect_one_of(spec.kind, {"tumbling", "sliding", "session", "count"}, "a window kind")) return false;
  if (spec.kind.text == "tumbling" || spec.kind.text == "sliding") {
    DurationLiteral size;
    if (!state.expect_duration(size, "the window size")) return false;
    spec.size = std::move(size);
    if (spec.kind.text == "sliding") {
      if (!state.expect_keyword("every", "a sliding window says how often it is emitted: sliding 5m every 30s")) {
        return false;
      }
      DurationLiteral every;
      if (!state.expect_duration(every, "a duration after 'every'")) return false;
      spec.every = std::move(every);
    }
  } else if (spec.kind.text == "session") {
    if (!state.expect_keyword("gap", "a session window names its gap: session gap 2m")) return false;
    DurationLiteral gap;
    if (!state.expect_duration(gap, "the session gap")) return false;
    spec.size = std::move(gap);
  } else {
    std::int64_t count = 0;
    if (!state.expect_integer(count, "the number of events in the window")) return false;
    spec.count = count;
    if (state.accept_keyword("every")) {
      std::int64_t every = 0;
      if (!state.expect_integer(every, "a number of events after 'every'")) return false;
      spec.count_every = every;
    }
  }
  spec.span = {start.begin, state.previous_end()};
  return true;
}

bool parse_window(ParserState& state, WindowStmt& window) {
  if (!parse_input(state, window.input, "window")) return false;
  ClauseSet clauses(state);
  bool has_spec = false;
  while (!state.at_end() && !state.at_statement_boundary()) {
    const Span at = state.peek().span;
    if (state.at_keyword("group")) {
      state.advance();
      if (!clauses.first_time("group by", at) || !state.expect_keyword("by")) return false;
      if (!parse_name_list(state, window.group_by, "a field to group by")) return false;
    } else if (state.at_keyword("tumbling") || state.at_keyword("sliding") || state.at_keyword("session") ||
               state.at_keyword("count")) {
      if (!clauses.first_time("window kind", at)) return false;
      if (!parse_window_spec(state, window.spec)) return false;
      has_spec = true;
    } else if (state.accept_keyword("where")) {
      if (!clauses.first_time("where", at)) return false;
      window.where = parse_expression(state);
      if (!window.where) return false;
    } else if (state.accept_keyword("compute")) {
      if (!clauses.first_time("compute", at)) return false;
      if (!parse_select_list(state, window.compute)) return false;
    } else if (state.accept_keyword("having")) {
      if (!clauses.first_time("having", at)) return false;
      window.having = parse_expression(state);
      if (!window.having) return false;
    } else {
      return unknown_clause(state, "window",
                            {"group", "tumbling", "sliding", "session", "count", "where", "compute", "having"});
    }
  }
  if (!has_spec) {
    return state.fail_expected("a window kind", "e.g. tumbling 1m, sliding 5m every 30s, session gap 2m, count 100");
  }
  return true;
}

bool parse_twin(ParserState& state, TwinStmt& twin) {
  if (!state.expect_keyword("key", "a twin is kept per key: twin device_state key device { ... }")) return false;
  if (!state.expect_name(twin.key, "the key field")) return false;
  if (!parse_fields(state, twin.properties)) return false;
  while (!state.at_end() && !state.at_statement_boundary()) {
    const Span at = state.peek().span;
    if (state.accept_keyword("on")) {
      TwinUpdate update;
      if (!state.expect_name(update.input, "the stream that updates the twin")) return false;
      if (state.accept_keyword("where")) {
        update.where = parse_expression(state);
        if (!update.where) return false;
      }
      if (!state.expect_keyword("set", "e.g. on readings set last_temp = temp")) return false;
      do {
        Assignment assignment;
        if (!state.expect_name(assignment.property, "a property to set")) return false;
        if (!state.expect(TokenKind::kAssign, "'=' and a value")) return false;
        assignment.value = parse_expression(state);
        if (!assignment.value) return false;
        update.assignments.push_back(std::move(assignment));
      } while (state.accept(TokenKind::kComma));
      update.span = {at.begin, state.previous_end()};
      twin.updates.push_back(std::move(update));
    } else if (state.accept_keyword("expire")) {
      if (twin.expire_after) return state.fail_at(at, "the 'expire' clause is given twice", "keep one of them");
      if (!state.expect_keyword("after")) return false;
      DurationLiteral ttl;
      if (!state.expect_duration(ttl, "a duration after 'expire after'")) return false;
      twin.expire_after = std::move(ttl);
    } else {
      return unknown_clause(state, "twin", {"on", "expire"});
    }
  }
  return true;
}

bool parse_skip(ParserState& state, SkipStrategy& skip, Span start) {
  const Span at = state.peek().span;
  if (state.accept_keyword("no")) {
    if (!state.expect_keyword("skip")) return false;
    skip.kind = {"no skip", {at.begin, state.previous_end()}};
  } else if (state.accept_keyword("past")) {
    if (!state.expect_keyword("last")) return false;
    skip.kind = {"past last", {at.begin, state.previous_end()}};
  } else if (state.accept_keyword("to")) {
    Name which;
    if (!state.expect_one_of(which, {"next", "first", "last"}, "where to skip to")) return false;
    skip.kind = {"to " + which.text, {at.begin, state.previous_end()}};
    if (which.text != "next") {
      Name step;
      if (!state.expect_name(step, "the step to skip to")) return false;
      skip.step = std::move(step);
    }
  } else {
    return state.fail_expected("a skip strategy", "no skip, to next, past last, to first STEP or to last STEP");
  }
  skip.span = {start.begin, state.previous_end()};
  return true;
}

bool parse_pattern_statement(ParserState& state, PatternStmt& pattern) {
  ClauseSet clauses(state);
  while (!state.at_end() && !state.at_statement_boundary()) {
    const Span at = state.peek().span;
    if (state.at_keyword("partition")) {
      state.advance();
      if (!clauses.first_time("partition by", at) || !state.expect_keyword("by")) return false;
      if (!parse_name_list(state, pattern.partition_by, "a field to partition by")) return false;
    } else if (state.accept_keyword("within")) {
      if (!clauses.first_time("within", at)) return false;
      DurationLiteral within;
      if (!state.expect_duration(within, "a duration after 'within'")) return false;
      pattern.within = std::move(within);
    } else if (state.accept_keyword("expire")) {
      if (!clauses.first_time("expire after", at) || !state.expect_keyword("after")) return false;
      DurationLiteral ttl;
      if (!state.expect_duration(ttl, "a duration after 'expire after'")) return false;
      pattern.expire_after = std::move(ttl);
    } else if (state.accept_keyword("match")) {
      if (!clauses.first_time("match", at)) return false;
      pattern.match = parse_pattern(state);
      if (!pattern.match) return false;
    } else if (state.accept_keyword("skip")) {
      if (!clauses.first_time("skip", at)) return false;
      SkipStrategy skip;
      if (!parse_skip(state, skip, at)) return false;
      pattern.skip = std::move(skip);
    } else if (state.accept_keyword("select")) {
      if (!clauses.first_time("select", at)) return false;
      if (!parse_select_list(state, pattern.select)) return false;
    } else {
      return unknown_clause(state, "pattern", {"partition", "within", "expire", "match", "skip", "select"});
    }
  }
  if (!pattern.match) return state.fail_expected("a 'match' clause", "e.g. match every a: readings where temp > 80");
  return true;
}

bool parse_alert(ParserState& state, AlertStmt& alert) {
  if (!parse_input(state, alert.input, "alert")) return false;
  ClauseSet clauses(state);
  while (!state.at_end() && !state.at_statement_boundary()) {
    const Span at = state.peek().span;
    if (state.accept_keyword("where")) {
      if (!clauses.first_time("where", at)) return false;
      alert.where = parse_expression(state);
      if (!alert.where) return false;
    } else if (state.accept_keyword("severity")) {
      if (!clauses.first_time("severity", at)) return false;
      Name severity;
      if (!state.expect_one_of(severity, {"info", "low", "medium", "high", "critical"}, "a severity")) return false;
      alert.severity = std::move(severity);
    } else if (state.accept_keyword("message")) {
      if (!clauses.first_time("message", at)) return false;
      StringLiteral message;
      if (!state.expect_string(message, "the message in quotes")) return false;
      alert.message = std::move(message);
    } else if (state.accept_keyword("throttle")) {
      if (!clauses.first_time("throttle", at)) return false;
      DurationLiteral throttle;
      if (!state.expect_duration(throttle, "a duration after 'throttle'")) return false;
      alert.throttle = std::move(throttle);
      if (state.accept_keyword("per")) {
        if (!parse_name_list(state, alert.throttle_per, "a field after 'per'")) return false;
      }
    } else if (state.accept_keyword("to")) {
      if (!clauses.first_time("to", at)) return false;
      if (!parse_targets(state, alert.targets)) return false;
    } else {
      return unknown_clause(state, "alert", {"where", "severity", "message", "throttle", "to"});
    }
  }
  return true;
}

bool parse_sink(ParserState& state, SinkStmt& sink) {
  if (!parse_input(state, sink.input, "sink")) return false;
  if (!state.expect_keyword("to", "e.g. to mqtt \"out/{device}\", log")) return false;
  return parse_targets(state, sink.targets);
}

template <typename Body, typename ParseFn>
bool parse_body(ParserState& state, Statement& statement, ParseFn parse_fn) {
  Body body;
  if (!parse_fn(state, body)) return false;
  statement.body = std::move(body);
  return true;
}

}  // namespace

bool parse_statement(ParserState& state, Statement& statement) {
  const Token& keyword = state.peek();
  static const std::vector<std::string_view> kKeywords(kStatementKeywords.begin(), kStatementKeywords.end());
  std::size_t index = kKeywords.size();
  if (keyword.kind == TokenKind::kName) {
    for (std::size_t i = 0; i < kKeywords.size(); ++i) {
      if (keyword.text == kKeywords[i]) index = i;
    }
  }
  if (index == kKeywords.size()) {
    std::string hint = keyword.kind == TokenKind::kName ? did_you_mean(keyword.text, kKeywords) : std::string();
    if (hint.empty())
      hint = "a statement starts with schema, source, table, stream, window, twin, pattern, alert or sink";
    return state.fail_expected("a statement", hint);
  }
  statement.kind = static_cast<StatementKind>(index);
  const Span start = state.advance().span;
  if (!state.expect_name(statement.name, "the name of the " + std::string(kKeywords[index]))) return false;
  bool ok = false;
  switch (statement.kind) {
    case StatementKind::kSchema: ok = parse_body<SchemaStmt>(state, statement, parse_schema); break;
    case StatementKind::kSource: ok = parse_body<SourceStmt>(state, statement, parse_source); break;
    case StatementKind::kTable: ok = parse_body<TableStmt>(state, statement, parse_table); break;
    case StatementKind::kStream: ok = parse_body<StreamStmt>(state, statement, parse_stream); break;
    case StatementKind::kWindow: ok = parse_body<WindowStmt>(state, statement, parse_window); break;
    case StatementKind::kTwin: ok = parse_body<TwinStmt>(state, statement, parse_twin); break;
    case StatementKind::kPattern: ok = parse_body<PatternStmt>(state, statement, parse_pattern_statement); break;
    case StatementKind::kAlert: ok = parse_body<AlertStmt>(state, statement, parse_alert); break;
    case StatementKind::kSink: ok = parse_body<SinkStmt>(state, statement, parse_sink); break;
  }
  if (!ok) return false;
  statement.span = {start.begin, state.previous_end()};
  if (!state.at_end() && !state.at_statement_boundary()) {
    return state.fail_expected("the end of the " + std::string(kKeywords[index]) + " or the next statement",
                               "each statement starts on a new line");
  }
  return true;
}

RuleFile parse(const SourceFile& file, Diagnostics& diagnostics) {
  RuleFile out;
  out.source = &file;
  LexedFile lexed = lex(file, diagnostics);
  out.comments = std::move(lexed.comments);
  ParserState state(file, lexed, diagnostics);
  while (!state.at_end()) {
    Statement statement;
    const std::size_t start = state.position();
    if (parse_statement(state, statement)) {
      out.statements.push_back(std::move(statement));
    } else {
      if (!statement.name.text.empty()) out.broken_names.push_back(statement.name.text);
      state.skip_to_next_statement(start);
    }
  }
  return out;
}

}  // namespace cepheus::dsl
