// The open project: its rule texts, the graph read from them, node positions,
// selection and the undo stack, for QML.
//
// The rule text is the source of truth. Every canvas edit is turned into a new
// text by the functions of statement_edits.h and pushed as an undo command;
// every text change (an edit, typing in the editor, undo) re-reads the graph.
// Text that does not parse keeps the last good graph on the canvas and shows
// its errors. Nodes keep stable ids across re-reads: by name, and a node
// renamed in the text keeps its id (and place) when it is the only change at
// its place in its file.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QUndoStack>
#include <QVariantList>
#include <QVariantMap>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "file_list_model.h"
#include "layered_layout.h"
#include "node_list_model.h"
#include "problem_list_model.h"
#include "project_graph.h"
#include "statement_edits.h"
#include "wire_list_model.h"

namespace cepheus::studio {

class ProjectDocument : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(QString folder READ folder NOTIFY folderChanged)
  Q_PROPERTY(QString title READ title NOTIFY folderChanged)
  Q_PROPERTY(bool open READ isOpen NOTIFY folderChanged)
  Q_PROPERTY(bool modified READ modified NOTIFY modifiedChanged)
  Q_PROPERTY(NodeListModel* nodes READ nodes CONSTANT)
  Q_PROPERTY(WireListModel* wires READ wires CONSTANT)
  Q_PROPERTY(ProblemListModel* problems READ problems CONSTANT)
  Q_PROPERTY(FileListModel* files READ files CONSTANT)
  Q_PROPERTY(int currentFile READ currentFile WRITE setCurrentFile NOTIFY currentFileChanged)
  Q_PROPERTY(QString currentText READ currentText NOTIFY currentTextChanged)
  Q_PROPERTY(QString currentPath READ currentPath NOTIFY currentFileChanged)
  Q_PROPERTY(bool textParses READ textParses NOTIFY textParsesChanged)
  Q_PROPERTY(bool canUndo READ canUndo NOTIFY undoStateChanged)
  Q_PROPERTY(bool canRedo READ canRedo NOTIFY undoStateChanged)
  Q_PROPERTY(QString undoText READ undoText NOTIFY undoStateChanged)
  Q_PROPERTY(QString redoText READ redoText NOTIFY undoStateChanged)
  Q_PROPERTY(QVariantList selection READ selection NOTIFY selectionChanged)
  Q_PROPERTY(int selectedNode READ selectedNode NOTIFY selectionChanged)
  Q_PROPERTY(QRectF bounds READ bounds NOTIFY boundsChanged)
  Q_PROPERTY(bool hasRecovery READ hasRecovery NOTIFY recoveryChanged)
  Q_PROPERTY(QString lastMessage READ lastMessage NOTIFY message)

 public:
  explicit ProjectDocument(QObject* parent = nullptr);

  // ---- Project -------------------------------------------------------------
  // Opens a project folder (every .cep file below it and the layout sidecar).
  Q_INVOKABLE bool openFolder(const QString& folder);
  // Makes an empty project in `folder` (created when missing) with one rules file.
  Q_INVOKABLE bool createProject(const QString& folder);
  // Copies a template project into `folder` and opens the copy.
  Q_INVOKABLE bool createFromTemplate(const QString& templateFolder, const QString& folder);
  // Formats every file that parses, writes the files and the sidecar.
  Q_INVOKABLE bool save();
  Q_INVOKABLE void close();
  // Autosave: the texts go to FOLDER/.cepheus/autosave when they differ from disk.
  Q_INVOKABLE bool autosave();
  Q_INVOKABLE bool recover();
  Q_INVOKABLE void discardRecovery();

  // ---- Canvas edits (each one undoable; false and a message when refused) ---
  // Adds a node of `kind` (a statement keyword) at x, y; reads `inputId` when it is a node. Returns its id or -1.
  Q_INVOKABLE int addNode(const QString& kind, double x, double y, int inputId = -1);
  Q_INVOKABLE bool deleteSelection();
  Q_INVOKABLE bool duplicateSelection();
  // Moves the selection by dx, dy. Moves with `merge` join the previous move in one undo step.
  Q_INVOKABLE void moveSelection(double dx, double dy, bool merge);
  Q_INVOKABLE bool renameNode(int id, const QString& name);
  // Why a wire from `fromId` into port `port` of `toId` is refused, or "" when it can be made.
  Q_INVOKABLE QString connectionProblem(int fromId, int toId, const QString& port) const;
  Q_INVOKABLE bool connectNodes(int fromId, int toId, const QString& port);
  Q_INVOKABLE bool removeWire(int wireId);
  // Drops a new node of `kind` onto a wire: it reads the wire's start and the wire's end reads it.
  Q_INVOKABLE int insertOnWire(int wireId, const QString& kind, double x, double y);
  Q_INVOKABLE void autoLayout();
  Q_INVOKABLE void snapSelectionToGrid(double grid);

  // ---- Clipboard: statements as rule text -----------------------------------
  Q_INVOKABLE QString selectionText() const;
  Q_INVOKABLE bool copySelection();
  Q_INVOKABLE bool cutSelection();
  // Pastes statements (from the system clipboard when `text` is empty); clashing names get a suffix.
  Q_INVOKABLE bool paste(const QString& text = {});

  // ---- Selection -------------------------------------------------------------
  Q_INVOKABLE void selectNode(int id, bool extend);
  Q_INVOKABLE void selectInRect(double x, double y, double width, double height, bool extend);
  Q_INVOKABLE void selectAll();
  Q_INVOKABLE void clearSelection();
  // The first node whose name contains `text` (case-insensitive), selected; -1 when none.
  Q_INVOKABLE int findNode(const QString& text);
  Q_INVOKABLE QVariantMap nodeAt(int id) const;

  // ---- Text ------------------------------------------------------------------
  // The editor's text of the current file changed (typing); merged into one undo step per burst.
  Q_INVOKABLE void setCurrentText(const QString& text);
  // The statement at character `position` of the current file selected; returns its id or -1.
  Q_INVOKABLE int selectAtText(int position);
  // Where statement `name` is defined: {file, begin, end} in characters, or empty.
  Q_INVOKABLE QVariantMap definitionOf(const QString& name) const;
  // The problems (message, hint) at a character position of the current file, for tooltips.
  Q_INVOKABLE QString problemAt(int position) const;
  // {begin, end} of node `id`'s statement in its file, in characters; switches to its file.
  Q_INVOKABLE QVariantMap revealNode(int id);
  // Error/warning spans of the current file: [{begin, end, severity}], for underlines.
  Q_INVOKABLE QVariantList currentDiagnostics() const;

  // ---- Inspector ---------------------------------------------------------------
  // The form of node `id`: {name, kind, fields: [{key, label, value, required, multiline, choices, placeholder}]}.
  Q_INVOKABLE QVariantMap formOf(int id) const;
  // Sets one field of node `id`'s form; false and a message when the statement would not parse.
  Q_INVOKABLE bool setFormField(int id, const QString& key, const QString& value);
  // The statement text of node `id`, and a replacement (an edit of the whole statement).
  Q_INVOKABLE QString statementText(int id) const;
  Q_INVOKABLE bool setStatementText(int id, const QString& text);
  // Schema fields guessed from a sample JSON message: {ok, fields, skipped: [names], error}.
  Q_INVOKABLE QVariantMap inferSchema(const QString& sample) const;
  // Completions for the word at the end of `typed` in an expression of node `id`: [{text, detail}].
  Q_INVOKABLE QVariantList completions(int id, const QString& typed) const;

  // ---- Structured editors (document_builders.cpp) ------------------------------
  // A pattern's match clause as step rows [{connector, every, kind, binding, stream, count,
  // min, max, reluctant, where, within, text}], [] when it does not parse; and back.
  Q_INVOKABLE QVariantList patternSteps(const QString& match) const;
  Q_INVOKABLE QString patternText(const QVariantList& steps) const;
  // A schema's fields or a twin's properties as rows [{name, type, optional, defaultValue,
  // comment}], [] when they do not parse; and back.
  Q_INVOKABLE QVariantList fieldRows(const QString& block) const;
  Q_INVOKABLE QString fieldText(const QVariantList& rows) const;
  Q_INVOKABLE QStringList fieldTypes() const;
  // The names of the statements that produce events, sorted: what a pattern step can read.
  Q_INVOKABLE QStringList streamNames() const;

  Q_INVOKABLE void undo();
  Q_INVOKABLE void redo();

  // ---- State for the undo commands and tests ----------------------------------
  struct State {
    RuleTexts texts;
    Positions positions;
  };
  State state() const { return {texts_, positions_}; }
  void apply_state(const State& state);
  // Pushes an edit from the current state to `next` as one undo step labelled `label`.
  void push_edit(const QString& label, const State& next);
  QUndoStack& undo_stack() { return undo_stack_; }
  const ProjectGraph& graph() const { return graph_; }
  std::optional<int> id_of(const std::string& name) const;
  std::string name_of(int id) const;
  // Moves node positions (used by the move command).
  void set_positions(const Positions& positions);

  QString folder() const { return folder_; }
  QString title() const;
  bool isOpen() const { return !folder_.isEmpty(); }
  bool modified() const;
  NodeListModel* nodes() { return &nodes_; }
  WireListModel* wires() { return &wires_; }
  ProblemListModel* problems() { return &problems_; }
  FileListModel* files() { return &files_; }
  int currentFile() const { return current_file_; }
  void setCurrentFile(int file);
  QString currentText() const;
  QString currentPath() const;
  bool textParses() const { return text_parses_; }
  bool canUndo() const { return undo_stack_.canUndo(); }
  bool canRedo() const { return undo_stack_.canRedo(); }
  QString undoText() const { return undo_stack_.undoText(); }
  QString redoText() const { return undo_stack_.redoText(); }
  QVariantList selection() const;
  int selectedNode() const;
  QRectF bounds() const;
  bool hasRecovery() const { return has_recovery_; }
  QString lastMessage() const { return last_message_; }

 signals:
  void folderChanged();
  void modifiedChanged();
  void currentFileChanged();
  void currentTextChanged();
  void textParsesChanged();
  void undoStateChanged();
  void selectionChanged();
  void boundsChanged();
  void recoveryChanged();
  // A refused edit or a file error, for the status bar.
  void message(const QString& text);

 private:
  void reload();  // texts -> graph, problems, models
  void refresh_models();
  void refuse(const QString& reason);
  bool push_texts(const QString& label, const Result<RuleTexts>& texts, Positions positions);
  void assign_ids(const ProjectGraph& next, const std::vector<GraphNode>& previous);
  void set_selection(std::set<std::string> names);
  std::vector<std::string> selected_names() const;
  std::string schema_for_new_node() const;
  bool insert_statements(const QString& text, const QString& label);

  QString folder_;
  RuleTexts texts_;
  RuleTexts saved_texts_;
  Positions positions_;
  Positions saved_positions_;
  ProjectGraph graph_;
  std::vector<int> node_lines_;  // the line of each node of graph_, 1-based
  dsl::Diagnostics diagnostics_;
  std::map<std::string, int> ids_;
  std::map<std::tuple<std::string, std::string, Port>, int> wire_ids_;
  int next_wire_id_ = 1;
  int next_id_ = 1;
  std::set<std::string> selected_;
  int current_file_ = 0;
  bool text_parses_ = true;
  bool applying_ = false;  // inside apply_state: views echo the new text back; that is not an edit
  bool has_recovery_ = false;
  QString last_message_;
  QUndoStack undo_stack_;
  NodeListModel nodes_;
  WireListModel wires_;
  ProblemListModel problems_;
  FileListModel files_;
};

}  // namespace cepheus::studio
