#include "statement_edits.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <set>

#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/parser.h"

namespace cepheus::studio {
namespace {

using dsl::StatementKind;

// A replacement of the bytes [begin, end) of one text.
struct Splice {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string text;
};

void apply(std::string& text, std::vector<Splice> splices) {
  std::sort(splices.begin(), splices.end(), [](const Splice& a, const Splice& b) { return a.begin > b.begin; });
  for (const Splice& splice : splices) text.replace(splice.begin, splice.end - splice.begin, splice.text);
}

// The project parsed from texts, with statements found by name.
class ParsedTexts {
 public:
  explicit ParsedTexts(const RuleTexts& texts) : project_(parse_texts(texts, diagnostics_)) {}

  struct Found {
    std::size_t file = 0;
    const dsl::Statement* statement = nullptr;
  };
  Found find(std::string_view name) const {
    for (std::size_t file = 0; file < project_.files().size(); ++file)
      for (const dsl::Statement& statement : project_.files()[file].statements)
        if (statement.name.text == name) return {file, &statement};
    return {};
  }
  const dsl::Project& project() const { return project_; }

 private:
  dsl::Diagnostics diagnostics_;
  dsl::Project project_;
};

Status unknown_statement(std::string_view name) {
  return not_found("there is no statement '" + std::string(name) + "'");
}

// The statement, changed by `inner` splices (offsets in its file), in canonical form.
Result<std::string> changed_statement(const std::string& file_text, dsl::Span span, std::vector<Splice> inner) {
  std::string text = file_text.substr(span.begin, span.size());
  for (Splice& splice : inner) {
    splice.begin -= span.begin;
    splice.end -= span.begin;
  }
  apply(text, std::move(inner));
  return canonical_statement(text);
}

// Texts with one statement replaced by its changed, canonical form.
Result<RuleTexts> with_statement_changed(const RuleTexts& texts, const ParsedTexts::Found& found,
                                         std::vector<Splice> inner) {
  RuleTexts out = texts;
  std::string& text = out[found.file].text;
  CEPHEUS_ASSIGN_OR_RETURN(std::string statement, changed_statement(text, found.statement->span, std::move(inner)));
  apply(text, {{found.statement->span.begin, found.statement->span.end, std::move(statement)}});
  return out;
}

std::size_t line_start(const std::string& text, std::size_t offset) {
  const std::size_t newline = offset == 0 ? std::string::npos : text.rfind('\n', offset - 1);
  return newline == std::string::npos ? 0 : newline + 1;
}

std::size_t line_end(const std::string& text, std::size_t offset) {
  const std::size_t newline = text.find('\n', offset);
  return newline == std::string::npos ? text.size() : newline + 1;
}

bool is_comment_line(std::string_view line) {
  const std::size_t first = line.find_first_not_of(" \t");
  return first != std::string_view::npos && line.substr(first).starts_with("--");
}

bool is_blank_line(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The bytes a removed statement takes: the comment lines right above it, its
// lines, and the blank lines after it.
Splice removal(const std::string& text, dsl::Span span) {
  std::size_t begin = line_start(text, span.begin);
  while (begin > 0) {
    const std::size_t above = line_start(text, begin - 1);
    if (!is_comment_line(std::string_view(text).substr(above, begin - above))) break;
    begin = above;
  }
  std::size_t end = line_end(text, span.end == 0 ? 0 : span.end - 1);
  while (end < text.size()) {
    const std::size_t next = line_end(text, end);
    if (!is_blank_line(std::string_view(text).substr(end, next - end))) break;
    end = next;
  }
  return {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end), ""};
}

// A file ends with exactly one line break (or is empty).
void tidy_end(std::string& text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) text.pop_back();
  if (!text.empty()) text += '\n';
}

// Every place that names statement `name`, for a rename.
class ReferenceFinder {
 public:
  ReferenceFinder(std::string_view name, bool read_in_expressions, const std::string& file_text)
      : name_(name), in_expressions_(read_in_expressions), text_(file_text) {}

  void statement(const dsl::Statement& statement) {
    this->name(statement.name);
    std::visit([this](const auto& body) { visit(body); }, statement.body);
  }
  std::vector<dsl::Span> take() { return std::move(spans_); }

 private:
  void name(const dsl::Name& name) {
    if (name.text == name_) spans_.push_back(name.span);
  }
  void expression(const dsl::ExprPtr& expr) {
    if (!expr) return;
    if (in_expressions_ && expr->kind == dsl::ExprKind::kField && expr->path.size() > 1) name(expr->path[0]);
    for (const dsl::ExprPtr& arg : expr->args) expression(arg);
  }
  void items(const std::vector<dsl::SelectItem>& list) {
    for (const dsl::SelectItem& item : list) expression(item.expr);
  }
  void pattern(const dsl::PatternNode* node) {
    if (!node) return;
    if (node->kind == dsl::PatternNodeKind::kStep || node->kind == dsl::PatternNodeKind::kAbsence) name(node->stream);
    expression(node->where);
    for (const dsl::PatternNodePtr& item : node->items) pattern(item.get());
  }
  // `{name.field}` placeholders in a message template are references too.
  void message(const dsl::StringLiteral& literal) {
    if (!in_expressions_) return;
    const std::string needle = std::string(name_) + ".";
    const std::string_view source = std::string_view(text_).substr(literal.span.begin, literal.span.size());
    for (std::size_t at = source.find(needle); at != std::string_view::npos; at = source.find(needle, at + 1)) {
      const char before = at == 0 ? ' ' : source[at - 1];
      if (std::isalnum(static_cast<unsigned char>(before)) || before == '_') continue;
      const auto begin = static_cast<std::uint32_t>(literal.span.begin + at);
      spans_.push_back({begin, static_cast<std::uint32_t>(begin + name_.size())});
    }
  }

  void visit(const dsl::SchemaStmt&) {}
  void visit(const dsl::SourceStmt& source) { name(source.schema); }
  void visit(const dsl::TableStmt& table) { name(table.schema); }
  void visit(const dsl::StreamStmt& stream) {
    name(stream.input);
    if (stream.join) name(stream.join->table);
    expression(stream.where);
    items(stream.select);
  }
  void visit(const dsl::WindowStmt& window) {
    name(window.input);
    expression(window.where);
    items(window.compute);
    expression(window.having);
  }
  void visit(const dsl::TwinStmt& twin) {
    for (const dsl::TwinUpdate& update : twin.updates) {
      name(update.input);
      expression(update.where);
      for (const dsl::Assignment& assignment : update.assignments) expression(assignment.value);
    }
  }
  void visit(const dsl::PatternStmt& statement) {
    pattern(statement.match.get());
    items(statement.select);
  }
  void visit(const dsl::AlertStmt& alert) {
    name(alert.input);
    expression(alert.where);
    if (alert.message) message(*alert.message);
  }
  void visit(const dsl::SinkStmt& sink) { name(sink.input); }

  std::string_view name_;
  bool in_expressions_;
  const std::string& text_;
  std::vector<dsl::Span> spans_;
};

// Whether `from` is downstream of `to` already (so `to` reading `from` closes a loop).
bool reaches(const ProjectGraph& graph, const std::string& start, const std::string& target) {
  std::set<std::string> seen{start};
  std::deque<std::string> queue{start};
  while (!queue.empty()) {
    const std::string current = queue.front();
    queue.pop_front();
    if (current == target) return true;
    for (const GraphWire& wire : graph.wires)
      if (wire.from == current && seen.insert(wire.to).second) queue.push_back(wire.to);
  }
  return false;
}

std::string article_kind(StatementKind kind) {
  const std::string_view word = dsl::statement_keyword(kind);
  const bool vowel = word[0] == 'a' || word[0] == 'e' || word[0] == 'i' || word[0] == 'o' || word[0] == 'u';
  return std::string(vowel ? "an " : "a ") + std::string(word);
}

}  // namespace

dsl::Project parse_texts(const RuleTexts& texts, dsl::Diagnostics& diagnostics) {
  std::vector<std::pair<std::string, std::string>> files;
  files.reserve(texts.size());
  for (const RuleText& text : texts) files.emplace_back(text.path, text.text);
  return dsl::Project::from_texts(files, diagnostics);
}

Result<std::string> canonical_statement(std::string_view text) {
  const dsl::SourceFile source("statement.cep", std::string(text));
  dsl::Diagnostics diagnostics;
  const dsl::RuleFile file = dsl::parse(source, diagnostics);
  for (const dsl::Diagnostic& diagnostic : diagnostics.all())
    if (diagnostic.severity == dsl::Severity::kError) {
      const dsl::LineColumn at = source.position(diagnostic.span.begin);
      return invalid_argument("line " + std::to_string(at.line) + ", column " + std::to_string(at.column) + ": " +
                              diagnostic.message);
    }
  if (file.statements.size() != 1)
    return invalid_argument("expected one statement, found " + std::to_string(file.statements.size()));
  std::string out = dsl::format_file(file);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

Result<RuleTexts> add_statement(const RuleTexts& texts, std::size_t file, std::string_view statement) {
  if (file >= texts.size()) return out_of_range("no file " + std::to_string(file) + " in the project");
  CEPHEUS_ASSIGN_OR_RETURN(std::string canonical, canonical_statement(statement));
  RuleTexts out = texts;
  std::string& text = out[file].text;
  tidy_end(text);
  if (!text.empty()) text += '\n';
  text += canonical + "\n";
  return out;
}

Result<RuleTexts> remove_statements(const RuleTexts& texts, const std::vector<std::string>& names) {
  const ParsedTexts parsed(texts);
  std::vector<std::vector<Splice>> splices(texts.size());
  for (const std::string& name : names) {
    const auto found = parsed.find(name);
    if (!found.statement) return unknown_statement(name);
    splices[found.file].push_back(removal(texts[found.file].text, found.statement->span));
  }
  RuleTexts out = texts;
  for (std::size_t file = 0; file < out.size(); ++file) {
    if (splices[file].empty()) continue;
    apply(out[file].text, std::move(splices[file]));
    tidy_end(out[file].text);
  }
  return out;
}

Result<RuleTexts> replace_statement(const RuleTexts& texts, std::string_view name, std::string_view statement) {
  const ParsedTexts parsed(texts);
  const auto found = parsed.find(name);
  if (!found.statement) return unknown_statement(name);
  CEPHEUS_ASSIGN_OR_RETURN(std::string canonical, canonical_statement(statement));
  RuleTexts out = texts;
  apply(out[found.file].text, {{found.statement->span.begin, found.statement->span.end, std::move(canonical)}});
  return out;
}

Result<RuleTexts> rename_statement(const RuleTexts& texts, std::string_view name, std::string_view new_name) {
  if (!is_plain_name(new_name))
    return invalid_argument("'" + std::string(new_name) +
                            "' is not a name: use letters, digits and '_', not a keyword");
  const ParsedTexts parsed(texts);
  const auto found = parsed.find(name);
  if (!found.statement) return unknown_statement(name);
  if (name == new_name) return texts;
  if (parsed.find(new_name).statement)
    return invalid_argument("there is already a statement called '" + std::string(new_name) + "'");
  const bool in_expressions =
      found.statement->kind == StatementKind::kTwin || found.statement->kind == StatementKind::kTable;
  RuleTexts out = texts;
  for (std::size_t file = 0; file < texts.size(); ++file) {
    ReferenceFinder finder(name, in_expressions, texts[file].text);
    for (const dsl::Statement& statement : parsed.project().files()[file].statements) finder.statement(statement);
    std::vector<Splice> splices;
    for (const dsl::Span span : finder.take()) splices.push_back({span.begin, span.end, std::string(new_name)});
    apply(out[file].text, std::move(splices));
  }
  // A word the parser reads as a keyword in some place of the project cannot be the name.
  dsl::Diagnostics before;
  dsl::Diagnostics after;
  (void)parse_texts(texts, before);
  (void)parse_texts(out, after);
  if (after.error_count() > before.error_count())
    return invalid_argument("'" + std::string(new_name) + "' cannot be a name here: the rules would not parse");
  return out;
}

std::string refuse_reason(const ProjectGraph& graph, const GraphWire& wire) {
  const GraphNode* from = graph.find(wire.from);
  const GraphNode* to = graph.find(wire.to);
  if (!from) return "there is no statement '" + wire.from + "'";
  if (!to) return "there is no statement '" + wire.to + "'";
  if (wire.from == wire.to) return "a statement cannot read itself";
  const auto& ports = input_ports(to->kind);
  if (std::find(ports.begin(), ports.end(), wire.port) == ports.end())
    return article_kind(to->kind) + " has no " + std::string(port_name(wire.port)) + " port";
  if (!has_output(from->kind))
    return article_kind(from->kind) + " ends a flow: nothing can read from '" + from->name + "'";
  switch (wire.port) {
    case Port::kSchema:
      if (from->kind != StatementKind::kSchema)
        return "the schema port takes a schema, and '" + from->name + "' is " + article_kind(from->kind);
      break;
    case Port::kJoin:
      if (from->kind != StatementKind::kTable)
        return "a stream joins tables, and '" + from->name + "' is " + article_kind(from->kind);
      break;
    case Port::kRead: return "twins are read in expressions: write " + from->name + ".property in a condition";
    case Port::kInput:
    case Port::kUpdate:
    case Port::kStep:
      if (from->kind == StatementKind::kSchema)
        return "a schema describes events but sends none: connect a source that uses '" + from->name + "'";
      if (from->kind == StatementKind::kTable)
        return "a table is joined, not read as a stream: drop '" + from->name + "' on a stream's join port";
      break;
  }
  if (std::find(graph.wires.begin(), graph.wires.end(), wire) != graph.wires.end())
    return "'" + wire.to + "' already reads '" + wire.from + "' there";
  if (reaches(graph, wire.to, wire.from))
    return "this wire would close a loop: '" + wire.from + "' already depends on '" + wire.to + "'";
  return {};
}

Result<RuleTexts> connect(const RuleTexts& texts, const GraphWire& wire) {
  const ParsedTexts parsed(texts);
  const ProjectGraph graph = extract_graph(parsed.project());
  if (const std::string reason = refuse_reason(graph, wire); !reason.empty()) return invalid_argument(reason);
  const auto found = parsed.find(wire.to);
  const dsl::Statement& statement = *found.statement;
  const std::string& file_text = texts[found.file].text;
  auto replace = [&](const dsl::Name& name) {
    return with_statement_changed(texts, found, {{name.span.begin, name.span.end, wire.from}});
  };
  auto insert = [&](std::uint32_t at, std::string text) {
    return with_statement_changed(texts, found, {{at, at, std::move(text)}});
  };
  switch (wire.port) {
    case Port::kSchema:
      if (const auto* source = std::get_if<dsl::SourceStmt>(&statement.body)) return replace(source->schema);
      return replace(std::get<dsl::TableStmt>(statement.body).schema);
    case Port::kInput:
      if (const auto* stream = std::get_if<dsl::StreamStmt>(&statement.body)) return replace(stream->input);
      if (const auto* window = std::get_if<dsl::WindowStmt>(&statement.body)) return replace(window->input);
      if (const auto* alert = std::get_if<dsl::AlertStmt>(&statement.body)) return replace(alert->input);
      return replace(std::get<dsl::SinkStmt>(statement.body).input);
    case Port::kJoin: {
      const auto& stream = std::get<dsl::StreamStmt>(statement.body);
      if (stream.join) return replace(stream.join->table);
      const auto found_table = parsed.find(wire.from);
      const std::string key = std::get<dsl::TableStmt>(found_table.statement->body).key.text;
      return insert(stream.input.span.end, " join " + wire.from + " on " + key);
    }
    case Port::kUpdate: {
      const auto& twin = std::get<dsl::TwinStmt>(statement.body);
      if (twin.properties.empty()) return invalid_argument("give twin '" + wire.to + "' a property first");
      const std::string property = twin.properties.front().name.text;
      const std::string clause = "\n  on " + wire.from + " set " + property + " = " + property;
      if (!twin.updates.empty()) return insert(twin.updates.back().span.end, clause);
      if (twin.expire_after) {
        const std::size_t expire = file_text.rfind("expire", twin.expire_after->span.begin);
        return insert(static_cast<std::uint32_t>(expire), clause.substr(1) + "\n  ");
      }
      return insert(statement.span.end, clause);
    }
    case Port::kStep: {
      const auto& pattern = std::get<dsl::PatternStmt>(statement.body);
      if (!pattern.match) return invalid_argument("pattern '" + wire.to + "' has no match to add a step to");
      return insert(pattern.match->span.end, " then " + wire.from);
    }
    case Port::kRead: break;
  }
  return invalid_argument("twins are read in expressions");
}

Result<RuleTexts> disconnect(const RuleTexts& texts, const GraphWire& wire) {
  const ParsedTexts parsed(texts);
  const auto found = parsed.find(wire.to);
  if (!found.statement) return unknown_statement(wire.to);
  const dsl::Statement& statement = *found.statement;
  switch (wire.port) {
    case Port::kJoin: {
      const auto* stream = std::get_if<dsl::StreamStmt>(&statement.body);
      if (!stream || !stream->join || stream->join->table.text != wire.from)
        return not_found("'" + wire.to + "' does not join '" + wire.from + "'");
      return with_statement_changed(texts, found, {{stream->join->span.begin, stream->join->span.end, ""}});
    }
    case Port::kUpdate: {
      const auto* twin = std::get_if<dsl::TwinStmt>(&statement.body);
      if (!twin) return not_found("'" + wire.to + "' is not a twin");
      std::vector<Splice> cuts;
      for (const dsl::TwinUpdate& update : twin->updates)
        if (update.input.text == wire.from) cuts.push_back({update.span.begin, update.span.end, ""});
      if (cuts.empty()) return not_found("'" + wire.to + "' is not updated by '" + wire.from + "'");
      if (cuts.size() == twin->updates.size())
        return invalid_argument("a twin needs an update: connect another stream to '" + wire.to + "' first");
      return with_statement_changed(texts, found, std::move(cuts));
    }
    case Port::kSchema:
    case Port::kInput:
      return invalid_argument(article_kind(statement.kind) + " needs its " + std::string(port_name(wire.port)) +
                              ": connect another one to '" + wire.to + "' instead");
    case Port::kStep:
      return invalid_argument("remove the steps that read '" + wire.from + "' in the pattern's inspector");
    case Port::kRead:
      return invalid_argument("remove the expressions that read '" + wire.from + "' from '" + wire.to + "'");
  }
  return invalid_argument("cannot remove this wire");
}

std::string unique_name(const ProjectGraph& graph, std::string_view base) {
  if (!graph.find(base)) return std::string(base);
  for (int suffix = 2;; ++suffix) {
    std::string name = std::string(base) + "_" + std::to_string(suffix);
    if (!graph.find(name)) return name;
  }
}

bool is_plain_name(std::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  for (const char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  if (std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  // A keyword would parse as something else: the parser itself is the judge.
  const auto probe = canonical_statement("sink " + std::string(name) + " from x to log");
  return probe.ok() && probe->starts_with("sink " + std::string(name) + " ");
}

std::string_view default_name(dsl::StatementKind kind) {
  switch (kind) {
    case StatementKind::kSchema: return "Event";
    case StatementKind::kSource: return "events";
    case StatementKind::kTable: return "lookup";
    case StatementKind::kStream: return "filtered";
    case StatementKind::kWindow: return "stats";
    case StatementKind::kTwin: return "state";
    case StatementKind::kPattern: return "sequence";
    case StatementKind::kAlert: return "alarm";
    case StatementKind::kSink: return "output";
  }
  return "node";
}

std::string new_statement_text(dsl::StatementKind kind, std::string_view name_view, std::string_view input_view,
                               std::string_view schema_view) {
  const std::string name(name_view);
  const std::string input = input_view.empty() ? std::string("input") : std::string(input_view);
  const std::string schema = schema_view.empty() ? std::string("Event") : std::string(schema_view);
  switch (kind) {
    case StatementKind::kSchema: return "schema " + name + " {\n  id: string,\n  ts: timestamp,\n}";
    case StatementKind::kSource:
      return "source " + name + ": " + schema + "\n  from mqtt \"" + name + "/#\" qos 1\n  processing time";
    case StatementKind::kTable:
      return "table " + name + ": " + schema + "\n  from csv \"data/" + name + ".csv\"\n  key id";
    case StatementKind::kStream: return "stream " + name + " from " + input;
    case StatementKind::kWindow:
      return "window " + name + " from " + input + "\n  tumbling 1m\n  compute count() as events";
    case StatementKind::kTwin:
      return "twin " + name + " key id {\n  updates: int = 0,\n}\n  on " + input + " set updates = updates + 1";
    case StatementKind::kPattern:
      return "pattern " + name + "\n  within 1m\n  match every first: " + input + "\n    then second: " + input;
    case StatementKind::kAlert:
      return "alert " + name + " from " + input + "\n  severity medium\n  message \"" + name + "\"";
    case StatementKind::kSink: return "sink " + name + " from " + input + "\n  to log";
  }
  return {};
}

}  // namespace cepheus::studio
