#include "project_document.h"

#include <QDir>
#include <QFileInfo>
#include <QScopedValueRollback>
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/parser.h"
#include "edit_commands.h"
#include "project_folder.h"
#include "text_offsets.h"

namespace cepheus::studio {
namespace {

QString qstring(const std::string& text) {
  return QString::fromStdString(text);
}

QString severity_word(dsl::Severity severity) {
  return qstring(std::string(dsl::severity_name(severity)));
}

}  // namespace

ProjectDocument::ProjectDocument(QObject* parent) : QObject(parent) {
  connect(&undo_stack_, &QUndoStack::indexChanged, this, [this] {
    emit undoStateChanged();
    emit modifiedChanged();
  });
  connect(&undo_stack_, &QUndoStack::canUndoChanged, this, &ProjectDocument::undoStateChanged);
  connect(&undo_stack_, &QUndoStack::canRedoChanged, this, &ProjectDocument::undoStateChanged);
}

// ---- Project ------------------------------------------------------------------

bool ProjectDocument::openFolder(const QString& folder) {
  FolderContents contents;
  QString error;
  if (!read_project_folder(folder, contents, error)) {
    refuse(error);
    return false;
  }
  close();
  folder_ = QDir(folder).absolutePath();
  texts_ = contents.texts;
  if (texts_.empty()) texts_.push_back({"rules.cep", ""});
  saved_texts_ = contents.texts;
  positions_ = contents.positions;
  reload();  // lays the graph out when there is no sidecar (no positions)
  saved_positions_ = positions_;
  FolderContents recovered;
  has_recovery_ = read_autosave(folder_, recovered) && recovered.texts != texts_;
  emit recoveryChanged();
  emit folderChanged();
  emit currentFileChanged();
  emit currentTextChanged();
  emit modifiedChanged();
  emit boundsChanged();
  return true;
}

bool ProjectDocument::createProject(const QString& folder) {
  if (!QDir().mkpath(folder)) {
    refuse(tr("cannot create the folder %1").arg(folder));
    return false;
  }
  FolderContents existing;
  QString error;
  if (read_project_folder(folder, existing, error) && !existing.texts.empty()) {
    refuse(tr("%1 already holds a project: open it instead").arg(folder));
    return false;
  }
  if (!write_project_folder(folder, {{"rules.cep", ""}}, {}, error)) {
    refuse(error);
    return false;
  }
  return openFolder(folder);
}

bool ProjectDocument::createFromTemplate(const QString& templateFolder, const QString& folder) {
  QString error;
  if (!copy_folder(templateFolder, folder, error)) {
    refuse(error);
    return false;
  }
  return openFolder(folder);
}

bool ProjectDocument::save() {
  if (!isOpen()) return false;
  // Format on save: every file that parses gets the canonical layout.
  RuleTexts formatted = texts_;
  for (RuleText& text : formatted) {
    dsl::Diagnostics diagnostics;
    const dsl::SourceFile source(text.path, text.text);
    const dsl::RuleFile file = dsl::parse(source, diagnostics);
    if (!diagnostics.has_errors()) text.text = dsl::format_file(file);
  }
  if (formatted != texts_) push_edit(tr("Format"), {formatted, positions_});
  QString error;
  if (!write_project_folder(folder_, texts_, positions_, error)) {
    refuse(error);
    return false;
  }
  saved_texts_ = texts_;
  saved_positions_ = positions_;
  remove_autosave(folder_);
  has_recovery_ = false;
  emit recoveryChanged();
  emit modifiedChanged();
  refresh_models();
  last_message_ = tr("Saved %1").arg(folder_);
  emit message(last_message_);
  return true;
}

void ProjectDocument::close() {
  if (isOpen() && !modified()) remove_autosave(folder_);
  folder_.clear();
  texts_.clear();
  saved_texts_.clear();
  positions_.clear();
  saved_positions_.clear();
  graph_ = {};
  ids_.clear();
  selected_.clear();
  current_file_ = 0;
  undo_stack_.clear();
  has_recovery_ = false;
  refresh_models();
  problems_.update({});
  emit folderChanged();
  emit currentFileChanged();
  emit currentTextChanged();
  emit selectionChanged();
  emit modifiedChanged();
  emit recoveryChanged();
}

bool ProjectDocument::autosave() {
  if (!isOpen() || !modified()) return false;
  QString error;
  if (!write_autosave(folder_, texts_, positions_, error)) {
    refuse(error);
    return false;
  }
  return true;
}

bool ProjectDocument::recover() {
  FolderContents recovered;
  if (!isOpen() || !read_autosave(folder_, recovered)) return false;
  push_edit(tr("Recover unsaved work"), {recovered.texts, recovered.positions});
  has_recovery_ = false;
  emit recoveryChanged();
  return true;
}

void ProjectDocument::discardRecovery() {
  if (isOpen()) remove_autosave(folder_);
  has_recovery_ = false;
  emit recoveryChanged();
}

QString ProjectDocument::title() const {
  return folder_.isEmpty() ? QString() : QFileInfo(folder_).fileName();
}

bool ProjectDocument::modified() const {
  return texts_ != saved_texts_ || positions_ != saved_positions_;
}

// ---- State --------------------------------------------------------------------

void ProjectDocument::apply_state(const State& state) {
  const QScopedValueRollback<bool> applying(applying_, true);
  const bool files_changed = state.texts.size() != texts_.size();
  texts_ = state.texts;
  positions_ = state.positions;
  if (current_file_ >= static_cast<int>(texts_.size())) current_file_ = 0;
  reload();
  if (files_changed) emit currentFileChanged();
  emit currentTextChanged();
  emit modifiedChanged();
  emit boundsChanged();
}

void ProjectDocument::push_edit(const QString& label, const State& next) {
  undo_stack_.push(new RuleEditCommand(*this, label, state(), next));
}

void ProjectDocument::set_positions(const Positions& positions) {
  for (const auto& [name, point] : positions) positions_[name] = point;
  refresh_models();
  emit modifiedChanged();
  emit boundsChanged();
}

std::optional<int> ProjectDocument::id_of(const std::string& name) const {
  const auto found = ids_.find(name);
  if (found == ids_.end()) return std::nullopt;
  return found->second;
}

std::string ProjectDocument::name_of(int id) const {
  for (const auto& [name, node_id] : ids_)
    if (node_id == id) return name;
  return {};
}

void ProjectDocument::refuse(const QString& reason) {
  last_message_ = reason;
  emit message(reason);
}

bool ProjectDocument::push_texts(const QString& label, const Result<RuleTexts>& texts, Positions positions) {
  if (!texts.ok()) {
    refuse(qstring(texts.status().message()));
    return false;
  }
  push_edit(label, {*texts, std::move(positions)});
  return true;
}

// ---- Reading the texts ----------------------------------------------------------

void ProjectDocument::assign_ids(const ProjectGraph& next, const std::vector<GraphNode>& previous) {
  std::unordered_set<std::string_view> next_names;
  for (const GraphNode& node : next.nodes) next_names.insert(node.name);
  std::vector<const GraphNode*> vanished;
  for (const GraphNode& node : previous)
    if (!next_names.count(node.name)) vanished.push_back(&node);
  // The ordinal of a node among the statements of its file.
  auto ordinal = [](const std::vector<GraphNode>& nodes, const GraphNode& node) {
    return std::count_if(nodes.begin(), nodes.end(), [&](const GraphNode& other) {
      return other.file == node.file && other.span.begin < node.span.begin;
    });
  };
  for (const GraphNode& node : next.nodes) {
    if (ids_.count(node.name)) continue;
    // A rename in the text: the node that vanished from the same place keeps its id and position.
    const auto renamed = std::find_if(vanished.begin(), vanished.end(), [&](const GraphNode* old) {
      return old->file == node.file && old->kind == node.kind && ordinal(previous, *old) == ordinal(next.nodes, node);
    });
    if (renamed != vanished.end()) {
      const std::string old_name = (*renamed)->name;
      ids_[node.name] = ids_[old_name];
      ids_.erase(old_name);
      if (positions_.count(old_name) && !positions_.count(node.name)) positions_[node.name] = positions_[old_name];
      if (selected_.erase(old_name)) selected_.insert(node.name);
      vanished.erase(renamed);
      continue;
    }
    ids_[node.name] = next_id_++;
  }
  for (const GraphNode* old : vanished) {
    ids_.erase(old->name);
    selected_.erase(old->name);
  }
}

void ProjectDocument::reload() {
  dsl::Diagnostics diagnostics;
  const dsl::Project project = parse_texts(texts_, diagnostics);
  const bool parses = !diagnostics.has_errors();
  if (parses) {
    (void)dsl::check_project(project, diagnostics);
    ProjectGraph next = extract_graph(project);
    const std::vector<GraphNode> previous = std::move(graph_.nodes);
    assign_ids(next, previous);
    graph_ = std::move(next);
    if (positions_.empty()) {
      positions_ = layered_layout(graph_);  // a project without a sidecar, or everything pasted at once
    } else {
      for (const GraphNode& node : graph_.nodes)
        if (!positions_.count(node.name)) positions_[node.name] = place_new_node(graph_, positions_, node.name);
    }
    std::unordered_set<std::string_view> names;
    for (const GraphNode& node : graph_.nodes) names.insert(node.name);
    for (auto it = positions_.begin(); it != positions_.end();)
      it = names.count(it->first) ? std::next(it) : positions_.erase(it);
  }
  diagnostics.sort();

  // Per file: character offsets, and the statements in text order to find a problem's node.
  std::vector<TextOffsets> offsets;
  std::vector<std::vector<const GraphNode*>> statements(texts_.size());
  for (const RuleText& text : texts_) offsets.emplace_back(text.text);
  for (const GraphNode& node : graph_.nodes)
    if (node.file < statements.size()) statements[node.file].push_back(&node);
  std::map<std::string, int> file_of_path;
  for (std::size_t i = 0; i < texts_.size(); ++i) file_of_path[texts_[i].path] = static_cast<int>(i);

  std::vector<ProblemRow> problems;
  for (const dsl::Diagnostic& diagnostic : diagnostics.all()) {
    if (!diagnostic.file || !file_of_path.count(diagnostic.file->path())) continue;
    const int file = file_of_path[diagnostic.file->path()];
    const TextOffsets& chars = offsets[static_cast<std::size_t>(file)];
    const dsl::LineColumn at = diagnostic.file->position(diagnostic.span.begin);
    ProblemRow row{static_cast<int>(problems.size()),
                   severity_word(diagnostic.severity),
                   qstring(diagnostic.message),
                   qstring(diagnostic.hint),
                   file,
                   qstring(diagnostic.file->path()),
                   static_cast<int>(at.line),
                   static_cast<int>(at.column),
                   chars.chars(diagnostic.span.begin),
                   chars.chars(std::max(diagnostic.span.end, diagnostic.span.begin + 1)),
                   {}};
    const auto& in_file = statements[static_cast<std::size_t>(file)];
    const auto after =
        std::upper_bound(in_file.begin(), in_file.end(), diagnostic.span.begin,
                         [](std::uint32_t offset, const GraphNode* node) { return offset < node->span.begin; });
    if (after != in_file.begin() && diagnostic.span.begin < (*std::prev(after))->span.end)
      row.node = qstring((*std::prev(after))->name);
    problems.push_back(std::move(row));
  }
  problems_.update(std::move(problems));

  // Lines of the statements, for the explorer and the problems panel.
  node_lines_.assign(graph_.nodes.size(), 0);
  for (std::size_t file = 0; file < statements.size(); ++file) {
    const std::string& text = texts_[file].text;
    int line = 1;
    std::size_t counted = 0;
    for (const GraphNode* node : statements[file]) {
      const std::size_t until = std::min<std::size_t>(node->span.begin, text.size());
      line += static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                                          text.begin() + static_cast<std::ptrdiff_t>(until), '\n'));
      counted = until;
      node_lines_[static_cast<std::size_t>(node - graph_.nodes.data())] = line;
    }
  }
  if (parses != text_parses_) {
    text_parses_ = parses;
    emit textParsesChanged();
  }
  refresh_models();
}

void ProjectDocument::refresh_models() {
  struct Counts {
    int errors = 0;
    int warnings = 0;
    QString first;
  };
  std::map<QString, Counts> problems_of;
  std::vector<int> file_errors(texts_.size(), 0);
  for (const ProblemRow& problem : problems_.rows()) {
    if (problem.severity == "error" && problem.file < static_cast<int>(file_errors.size()))
      ++file_errors[static_cast<std::size_t>(problem.file)];
    if (problem.node.isEmpty()) continue;
    Counts& counts = problems_of[problem.node];
    if (problem.severity == "error") {
      if (counts.errors++ == 0) counts.first = problem.message;
    } else if (problem.severity == "warning") {
      if (counts.errors == 0 && counts.warnings == 0) counts.first = problem.message;
      ++counts.warnings;
    }
  }

  std::vector<NodeRow> nodes;
  nodes.reserve(graph_.nodes.size());
  std::unordered_map<std::string_view, const GraphNode*> by_name;
  std::vector<int> file_statements(texts_.size(), 0);
  for (std::size_t i = 0; i < graph_.nodes.size(); ++i) {
    const GraphNode& node = graph_.nodes[i];
    by_name[node.name] = &node;
    if (node.file < file_statements.size()) ++file_statements[node.file];
    NodeRow row;
    row.id = ids_.at(node.name);
    row.name = qstring(node.name);
    row.kind = qstring(std::string(dsl::statement_keyword(node.kind)));
    row.detail = qstring(node.detail);
    row.file = static_cast<int>(node.file);
    row.line = i < node_lines_.size() ? node_lines_[i] : 0;
    const auto at = positions_.find(node.name);
    row.x = at == positions_.end() ? 0 : at->second.x;
    row.y = at == positions_.end() ? 0 : at->second.y;
    if (const auto found = problems_of.find(row.name); found != problems_of.end()) {
      row.errors = found->second.errors;
      row.warnings = found->second.warnings;
      row.problem = found->second.first;
    }
    row.selected = selected_.count(node.name) > 0;
    for (const Port port : input_ports(node.kind)) row.ports << qstring(std::string(port_name(port)));
    row.has_output = has_output(node.kind);
    nodes.push_back(std::move(row));
  }
  nodes_.update(std::move(nodes));

  std::vector<WireRow> wires;
  wires.reserve(graph_.wires.size());
  for (const GraphWire& wire : graph_.wires) {
    const auto key = std::make_tuple(wire.from, wire.to, wire.port);
    auto [id, fresh] = wire_ids_.try_emplace(key, next_wire_id_);
    if (fresh) ++next_wire_id_;
    const auto& ports = input_ports(by_name.at(wire.to)->kind);
    const int port_index = static_cast<int>(std::find(ports.begin(), ports.end(), wire.port) - ports.begin());
    const Point from_at = positions_[wire.from];
    const Point to_at = positions_[wire.to];
    wires.push_back({id->second, ids_.at(wire.from), ids_.at(wire.to), qstring(wire.from), qstring(wire.to),
                     qstring(std::string(port_name(wire.port))), from_at.x + NodeListModel::kWidth,
                     from_at.y + NodeListModel::kHeight / 2, to_at.x, to_at.y + NodeListModel::port_y(port_index)});
  }
  wires_.update(std::move(wires));

  std::vector<FileRow> files;
  for (std::size_t i = 0; i < texts_.size(); ++i)
    files.push_back({static_cast<int>(i), qstring(texts_[i].path), file_statements[i], file_errors[i],
                     i >= saved_texts_.size() || saved_texts_[i] != texts_[i]});
  files_.update(std::move(files));
}

QRectF ProjectDocument::bounds() const {
  QRectF rect;
  for (const auto& [name, at] : positions_) rect |= QRectF(at.x, at.y, NodeListModel::kWidth, NodeListModel::kHeight);
  return rect;
}

// ---- Files and text ---------------------------------------------------------------

void ProjectDocument::setCurrentFile(int file) {
  if (file < 0 || file >= static_cast<int>(texts_.size()) || file == current_file_) return;
  current_file_ = file;
  emit currentFileChanged();
  emit currentTextChanged();
}

QString ProjectDocument::currentText() const {
  if (current_file_ >= static_cast<int>(texts_.size())) return {};
  return qstring(texts_[static_cast<std::size_t>(current_file_)].text);
}

QString ProjectDocument::currentPath() const {
  if (current_file_ >= static_cast<int>(texts_.size())) return {};
  return qstring(texts_[static_cast<std::size_t>(current_file_)].path);
}

void ProjectDocument::undo() {
  undo_stack_.undo();
}
void ProjectDocument::redo() {
  undo_stack_.redo();
}

}  // namespace cepheus::studio
