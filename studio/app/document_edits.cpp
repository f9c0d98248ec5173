// The canvas edits of ProjectDocument: each becomes new rule text (or a move)
// pushed onto the undo stack.
#include <QClipboard>
#include <QGuiApplication>
#include <algorithm>
#include <cmath>

#include "cepheus/dsl/parser.h"
#include "edit_commands.h"
#include "project_document.h"

namespace cepheus::studio {
namespace {

std::optional<dsl::StatementKind> kind_of(const QString& keyword) {
  for (std::size_t i = 0; i < dsl::kStatementKeywords.size(); ++i)
    if (keyword.toStdString() == dsl::kStatementKeywords[i]) return static_cast<dsl::StatementKind>(i);
  return std::nullopt;
}

std::optional<Port> port_of(const QString& name) {
  for (const Port port : {Port::kSchema, Port::kInput, Port::kJoin, Port::kUpdate, Port::kStep, Port::kRead})
    if (name.toStdString() == port_name(port)) return port;
  return std::nullopt;
}

// Statements of a text (pasted, duplicated) with their own names and texts.
struct LooseStatement {
  std::string name;
  std::string text;
};

std::vector<LooseStatement> split_statements(const std::string& text) {
  const dsl::SourceFile source("pasted.cep", text);
  dsl::Diagnostics diagnostics;
  const dsl::RuleFile file = dsl::parse(source, diagnostics);
  std::vector<LooseStatement> out;
  if (diagnostics.has_errors()) return out;
  for (const dsl::Statement& statement : file.statements)
    out.push_back({statement.name.text, std::string(source.slice(statement.span))});
  return out;
}

}  // namespace

std::string ProjectDocument::schema_for_new_node() const {
  for (const GraphNode& node : graph_.nodes)
    if (node.kind == dsl::StatementKind::kSchema) return node.name;
  return {};
}

std::vector<std::string> ProjectDocument::selected_names() const {
  return {selected_.begin(), selected_.end()};
}

int ProjectDocument::addNode(const QString& kind_name, double x, double y, int inputId) {
  const auto kind = kind_of(kind_name);
  if (!kind || !isOpen()) {
    refuse(tr("cannot add a node of kind '%1'").arg(kind_name));
    return -1;
  }
  // The new node reads the given node, else the one selected, else the newest that produces events.
  std::string input = name_of(inputId);
  if (input.empty() && selected_.size() == 1) input = *selected_.begin();
  const GraphNode* upstream = graph_.find(input);
  if (!upstream || !produces_events(upstream->kind)) {
    input.clear();
    for (const GraphNode& node : graph_.nodes)
      if (produces_events(node.kind)) input = node.name;
  }
  const std::string name = unique_name(graph_, default_name(*kind));
  const std::string text = new_statement_text(*kind, name, input, schema_for_new_node());
  Positions positions = positions_;
  positions[name] = {x, y};
  if (!push_texts(tr("Add %1 %2").arg(kind_name, QString::fromStdString(name)),
                  add_statement(texts_, static_cast<std::size_t>(current_file_), text), positions))
    return -1;
  set_selection({name});
  return id_of(name).value_or(-1);
}

bool ProjectDocument::deleteSelection() {
  if (selected_.empty()) return false;
  Positions positions = positions_;
  for (const std::string& name : selected_) positions.erase(name);
  const std::vector<std::string> names = selected_names();
  return push_texts(tr("Delete %n node(s)", nullptr, static_cast<int>(names.size())), remove_statements(texts_, names),
                    positions);
}

bool ProjectDocument::duplicateSelection() {
  if (selected_.empty()) return false;
  return insert_statements(selectionText(), tr("Duplicate %n node(s)", nullptr, static_cast<int>(selected_.size())));
}

void ProjectDocument::moveSelection(double dx, double dy, bool merge) {
  if (selected_.empty() || (dx == 0 && dy == 0)) return;
  Positions before;
  Positions after;
  for (const std::string& name : selected_) {
    const Point at = positions_[name];
    before[name] = at;
    after[name] = {at.x + dx, at.y + dy};
  }
  undo_stack_.push(new MoveNodesCommand(*this, before, after, merge));
}

void ProjectDocument::snapSelectionToGrid(double grid) {
  if (selected_.empty() || grid <= 0) return;
  Positions before;
  Positions after;
  for (const std::string& name : selected_) {
    const Point at = positions_[name];
    before[name] = at;
    after[name] = {std::round(at.x / grid) * grid, std::round(at.y / grid) * grid};
  }
  if (before != after) undo_stack_.push(new MoveNodesCommand(*this, before, after, true));
}

void ProjectDocument::autoLayout() {
  if (!isOpen()) return;
  undo_stack_.push(new MoveNodesCommand(*this, positions_, layered_layout(graph_), false));
}

bool ProjectDocument::renameNode(int id, const QString& new_name) {
  const std::string name = name_of(id);
  if (name.empty()) return false;
  const std::string target = new_name.trimmed().toStdString();
  if (target == name) return true;
  Positions positions = positions_;
  if (positions.count(name)) {
    positions[target] = positions[name];
    positions.erase(name);
  }
  const bool done = push_texts(tr("Rename %1 to %2").arg(QString::fromStdString(name), QString::fromStdString(target)),
                               rename_statement(texts_, name, target), positions);
  // The id follows the name (the reload kept it by place; make it certain).
  if (done && ids_.count(target) == 0) ids_[target] = id;
  return done;
}

QString ProjectDocument::connectionProblem(int fromId, int toId, const QString& port) const {
  const auto wire_port = port_of(port);
  if (!wire_port) return tr("there is no port '%1'").arg(port);
  return QString::fromStdString(refuse_reason(graph_, {name_of(fromId), name_of(toId), *wire_port}));
}

bool ProjectDocument::connectNodes(int fromId, int toId, const QString& port) {
  const auto wire_port = port_of(port);
  if (!wire_port) {
    refuse(tr("there is no port '%1'").arg(port));
    return false;
  }
  const GraphWire wire{name_of(fromId), name_of(toId), *wire_port};
  return push_texts(tr("Connect %1 to %2").arg(QString::fromStdString(wire.from), QString::fromStdString(wire.to)),
                    studio::connect(texts_, wire), positions_);
}

bool ProjectDocument::removeWire(int wireId) {
  const int row = wires_.row_of(wireId);
  if (row < 0) return false;
  const WireRow& wire = wires_.rows()[static_cast<std::size_t>(row)];
  const GraphWire graph_wire{wire.from_name.toStdString(), wire.to_name.toStdString(), *port_of(wire.port)};
  return push_texts(tr("Disconnect %1 from %2").arg(wire.from_name, wire.to_name),
                    studio::disconnect(texts_, graph_wire), positions_);
}

int ProjectDocument::insertOnWire(int wireId, const QString& kind_name, double x, double y) {
  const int row = wires_.row_of(wireId);
  const auto kind = kind_of(kind_name);
  if (row < 0 || !kind) return -1;
  const WireRow wire = wires_.rows()[static_cast<std::size_t>(row)];
  // Only an input wire can take a node between its ends, and only a node that reads and sends events.
  if (wire.port != "input" || !has_output(*kind) || !produces_events(*kind) || *kind == dsl::StatementKind::kSource) {
    refuse(tr("a %1 cannot sit between %2 and %3").arg(kind_name, wire.from_name, wire.to_name));
    return -1;
  }
  const std::string name = unique_name(graph_, default_name(*kind));
  const std::string text = new_statement_text(*kind, name, wire.from_name.toStdString(), schema_for_new_node());
  const GraphNode* target = graph_.find(wire.to_name.toStdString());
  Result<RuleTexts> added =
      add_statement(texts_, target ? target->file : static_cast<std::size_t>(current_file_), text);
  if (added.ok()) added = studio::connect(*added, {name, wire.to_name.toStdString(), Port::kInput});
  Positions positions = positions_;
  positions[name] = {x, y};
  if (!push_texts(tr("Insert %1 %2").arg(kind_name, QString::fromStdString(name)), added, positions)) return -1;
  set_selection({name});
  return id_of(name).value_or(-1);
}

// ---- Clipboard ------------------------------------------------------------------

QString ProjectDocument::selectionText() const {
  std::string out;
  for (const GraphNode& node : graph_.nodes) {
    if (!selected_.count(node.name) || node.file >= texts_.size()) continue;
    if (!out.empty()) out += "\n\n";
    out += texts_[node.file].text.substr(node.span.begin, node.span.size());
  }
  return QString::fromStdString(out);
}

bool ProjectDocument::copySelection() {
  if (selected_.empty()) return false;
  if (auto* clipboard = QGuiApplication::clipboard()) clipboard->setText(selectionText());
  return true;
}

bool ProjectDocument::cutSelection() {
  return copySelection() && deleteSelection();
}

bool ProjectDocument::paste(const QString& given) {
  QString text = given;
  if (text.isEmpty())
    if (auto* clipboard = QGuiApplication::clipboard()) text = clipboard->text();
  return insert_statements(text, tr("Paste"));
}

bool ProjectDocument::insert_statements(const QString& text, const QString& label) {
  std::vector<LooseStatement> statements = split_statements(text.toStdString());
  if (statements.empty() || !isOpen()) {
    refuse(tr("the clipboard holds no rule statements"));
    return false;
  }
  // Names that clash get a suffix, and the pasted statements that read them follow.
  RuleTexts pasted{{"pasted.cep", text.toStdString()}};
  ProjectGraph taken = graph_;
  std::vector<std::string> names;
  for (const LooseStatement& statement : statements) {
    const std::string name = unique_name(taken, statement.name);
    taken.nodes.push_back({name, dsl::StatementKind::kSchema, 0, {}, {}, {}});
    names.push_back(name);
    if (name == statement.name) continue;
    auto renamed = rename_statement(pasted, statement.name, name);
    if (renamed.ok()) pasted = *renamed;
  }
  RuleTexts next = texts_;
  Positions positions = positions_;
  const QRectF area = bounds();
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::vector<LooseStatement> current = split_statements(pasted[0].text);
    const auto found = std::find_if(current.begin(), current.end(),
                                    [&](const LooseStatement& statement) { return statement.name == names[i]; });
    if (found == current.end()) continue;
    auto added = add_statement(next, static_cast<std::size_t>(current_file_), found->text);
    if (!added.ok()) {
      refuse(QString::fromStdString(added.status().message()));
      return false;
    }
    next = *added;
    positions[names[i]] = {area.left() + 30.0 * static_cast<double>(i + 1), area.bottom() + 40};
  }
  push_edit(label, {next, positions});
  set_selection({names.begin(), names.end()});
  return true;
}

// ---- Selection ---------------------------------------------------------------------

void ProjectDocument::set_selection(std::set<std::string> names) {
  if (names == selected_) return;
  selected_ = std::move(names);
  refresh_models();
  emit selectionChanged();
}

void ProjectDocument::selectNode(int id, bool extend) {
  const std::string name = name_of(id);
  std::set<std::string> next = extend ? selected_ : std::set<std::string>{};
  if (!name.empty()) {
    if (extend && selected_.count(name)) {
      next.erase(name);
    } else {
      next.insert(name);
    }
  }
  set_selection(std::move(next));
}

void ProjectDocument::selectInRect(double x, double y, double width, double height, bool extend) {
  const QRectF area = QRectF(x, y, width, height).normalized();
  std::set<std::string> next = extend ? selected_ : std::set<std::string>{};
  for (const auto& [name, at] : positions_)
    if (area.intersects(QRectF(at.x, at.y, NodeListModel::kWidth, NodeListModel::kHeight))) next.insert(name);
  set_selection(std::move(next));
}

void ProjectDocument::selectAll() {
  std::set<std::string> all;
  for (const GraphNode& node : graph_.nodes) all.insert(node.name);
  set_selection(std::move(all));
}

void ProjectDocument::clearSelection() {
  set_selection({});
}

int ProjectDocument::findNode(const QString& text) {
  const QString wanted = text.trimmed();
  if (wanted.isEmpty()) return -1;
  // The exact name wins, then the name in another case, then the first that contains the text.
  const GraphNode* best = graph_.find(wanted.toStdString());
  for (int pass = 0; pass < 2 && !best; ++pass) {
    for (const GraphNode& node : graph_.nodes) {
      const QString name = QString::fromStdString(node.name);
      if (pass == 0 ? name.compare(wanted, Qt::CaseInsensitive) == 0 : name.contains(wanted, Qt::CaseInsensitive)) {
        best = &node;
        break;
      }
    }
  }
  if (!best) return -1;
  set_selection({best->name});
  return ids_.at(best->name);
}

QVariantList ProjectDocument::selection() const {
  QVariantList ids;
  for (const std::string& name : selected_)
    if (const auto id = id_of(name)) ids << *id;
  return ids;
}

int ProjectDocument::selectedNode() const {
  if (selected_.size() != 1) return -1;
  return id_of(*selected_.begin()).value_or(-1);
}

QVariantMap ProjectDocument::nodeAt(int id) const {
  const int row = nodes_.row_of(id);
  if (row < 0) return {};
  const NodeRow& node = nodes_.rows()[static_cast<std::size_t>(row)];
  return {{"nodeId", node.id}, {"name", node.name},     {"kind", node.kind},      {"x", node.x},
          {"y", node.y},       {"detail", node.detail}, {"fileIndex", node.file}, {"errorCount", node.errors}};
}

}  // namespace cepheus::studio
