#include "project_graph.h"

#include <algorithm>
#include <set>

#include "cepheus/dsl/formatter.h"

namespace cepheus::studio {
namespace {

using dsl::StatementKind;

// Collects the wires of one statement as it reads other statements.
class WireCollector {
 public:
  WireCollector(const std::set<std::string>& twins, std::vector<GraphWire>& wires) : twins_(twins), wires_(wires) {}

  void collect(const dsl::Statement& statement) {
    to_ = statement.name.text;
    std::visit([this](const auto& body) { visit(body); }, statement.body);
  }

 private:
  void add(const std::string& from, Port port) {
    GraphWire wire{from, to_, port};
    if (from != to_ && std::find(wires_.begin(), wires_.end(), wire) == wires_.end()) wires_.push_back(wire);
  }
  void expression(const dsl::ExprPtr& expr) {
    if (!expr) return;
    if (expr->kind == dsl::ExprKind::kField && expr->path.size() > 1 && twins_.count(expr->path[0].text))
      add(expr->path[0].text, Port::kRead);
    for (const dsl::ExprPtr& arg : expr->args) expression(arg);
  }
  void items(const std::vector<dsl::SelectItem>& list) {
    for (const dsl::SelectItem& item : list) expression(item.expr);
  }
  void pattern(const dsl::PatternNode* node) {
    if (!node) return;
    if (node->kind == dsl::PatternNodeKind::kStep || node->kind == dsl::PatternNodeKind::kAbsence)
      add(node->stream.text, Port::kStep);
    expression(node->where);
    for (const dsl::PatternNodePtr& item : node->items) pattern(item.get());
  }

  void visit(const dsl::SchemaStmt&) {}
  void visit(const dsl::SourceStmt& source) { add(source.schema.text, Port::kSchema); }
  void visit(const dsl::TableStmt& table) { add(table.schema.text, Port::kSchema); }
  void visit(const dsl::StreamStmt& stream) {
    add(stream.input.text, Port::kInput);
    if (stream.join) add(stream.join->table.text, Port::kJoin);
    expression(stream.where);
    items(stream.select);
  }
  void visit(const dsl::WindowStmt& window) {
    add(window.input.text, Port::kInput);
    expression(window.where);
    items(window.compute);
    expression(window.having);
  }
  void visit(const dsl::TwinStmt& twin) {
    for (const dsl::TwinUpdate& update : twin.updates) {
      add(update.input.text, Port::kUpdate);
      expression(update.where);
      for (const dsl::Assignment& assignment : update.assignments) expression(assignment.value);
    }
  }
  void visit(const dsl::PatternStmt& pattern_statement) {
    pattern(pattern_statement.match.get());
    items(pattern_statement.select);
  }
  void visit(const dsl::AlertStmt& alert) {
    add(alert.input.text, Port::kInput);
    expression(alert.where);
  }
  void visit(const dsl::SinkStmt& sink) { add(sink.input.text, Port::kInput); }

  const std::set<std::string>& twins_;
  std::vector<GraphWire>& wires_;
  std::string to_;
};

std::string first_target(const std::vector<dsl::Target>& targets) {
  if (targets.empty()) return "to journal";
  std::string out = "to " + targets[0].kind.text;
  if (targets[0].address) out += " \"" + targets[0].address->value + "\"";
  if (targets.size() > 1) out += " +" + std::to_string(targets.size() - 1);
  return out;
}

// A short line that tells nodes of the same kind apart on the canvas.
class DetailWriter {
 public:
  std::string operator()(const dsl::SchemaStmt& schema) const {
    return std::to_string(schema.fields.size()) + (schema.fields.size() == 1 ? " field" : " fields");
  }
  std::string operator()(const dsl::SourceStmt& source) const {
    return source.connector.kind.text + " \"" + source.connector.target.value + "\"";
  }
  std::string operator()(const dsl::TableStmt& table) const {
    return table.kind.text + " \"" + table.path.value + "\"";
  }
  std::string operator()(const dsl::StreamStmt& stream) const {
    if (stream.where) return "where " + dsl::format_expression(*stream.where);
    if (stream.join) return "join " + stream.join->table.text;
    return std::to_string(stream.select.size()) + " fields";
  }
  std::string operator()(const dsl::WindowStmt& window) const {
    std::string out = window.spec.kind.text;
    if (window.spec.size) out += " " + window.spec.size->text;
    if (window.spec.count) out += " " + std::to_string(*window.spec.count);
    if (window.spec.every) out += " every " + window.spec.every->text;
    return out;
  }
  std::string operator()(const dsl::TwinStmt& twin) const { return "key " + twin.key.text; }
  std::string operator()(const dsl::PatternStmt& pattern) const {
    std::string out;
    for (const dsl::Name& name : pattern.partition_by) out += (out.empty() ? "per " : ", ") + name.text;
    if (pattern.within) out += (out.empty() ? "within " : " within ") + pattern.within->text;
    return out.empty() ? "pattern" : out;
  }
  std::string operator()(const dsl::AlertStmt& alert) const {
    return (alert.severity ? alert.severity->text : std::string("medium")) + ", " + first_target(alert.targets);
  }
  std::string operator()(const dsl::SinkStmt& sink) const { return first_target(sink.targets); }
};

}  // namespace

std::string_view port_name(Port port) {
  switch (port) {
    case Port::kSchema: return "schema";
    case Port::kInput: return "input";
    case Port::kJoin: return "join";
    case Port::kUpdate: return "updates";
    case Port::kStep: return "steps";
    case Port::kRead: return "reads";
  }
  return "input";
}

const std::vector<Port>& input_ports(StatementKind kind) {
  static const std::vector<Port> none;
  static const std::vector<Port> schema{Port::kSchema};
  static const std::vector<Port> stream{Port::kInput, Port::kJoin, Port::kRead};
  static const std::vector<Port> input{Port::kInput, Port::kRead};
  static const std::vector<Port> twin{Port::kUpdate, Port::kRead};
  static const std::vector<Port> pattern{Port::kStep, Port::kRead};
  static const std::vector<Port> sink{Port::kInput};
  switch (kind) {
    case StatementKind::kSchema: return none;
    case StatementKind::kSource:
    case StatementKind::kTable: return schema;
    case StatementKind::kStream: return stream;
    case StatementKind::kWindow:
    case StatementKind::kAlert: return input;
    case StatementKind::kTwin: return twin;
    case StatementKind::kPattern: return pattern;
    case StatementKind::kSink: return sink;
  }
  return none;
}

bool has_output(StatementKind kind) {
  return kind != StatementKind::kAlert && kind != StatementKind::kSink;
}

bool produces_events(StatementKind kind) {
  switch (kind) {
    case StatementKind::kSource:
    case StatementKind::kStream:
    case StatementKind::kWindow:
    case StatementKind::kPattern:
    case StatementKind::kTwin: return true;
    default: return false;
  }
}

const GraphNode* ProjectGraph::find(std::string_view name) const {
  for (const GraphNode& node : nodes)
    if (node.name == name) return &node;
  return nullptr;
}

ProjectGraph extract_graph(const dsl::Project& project) {
  ProjectGraph graph;
  std::set<std::string> names;
  std::set<std::string> twins;
  for (std::size_t file = 0; file < project.files().size(); ++file) {
    for (const dsl::Statement& statement : project.files()[file].statements) {
      if (!names.insert(statement.name.text).second) continue;  // a duplicate name is the checker's error
      if (statement.kind == StatementKind::kTwin) twins.insert(statement.name.text);
      graph.nodes.push_back({statement.name.text, statement.kind, file, statement.span, statement.name.span,
                             std::visit(DetailWriter{}, statement.body)});
    }
  }
  std::vector<GraphWire> wires;
  WireCollector collector(twins, wires);
  for (const dsl::RuleFile& file : project.files())
    for (const dsl::Statement& statement : file.statements) collector.collect(statement);
  for (GraphWire& wire : wires)
    if (names.count(wire.from)) graph.wires.push_back(std::move(wire));
  return graph;
}

}  // namespace cepheus::studio
