// The scenario editor: a project's scenario files (scenarios/NAME.toml) as
// forms, for analysts who do not write TOML. The settings; populations of keys;
// generators with a spec form per field of their source; anomalies; replays of
// recordings (with an import that copies a CSV or JSON lines file into the
// project and guesses its source and columns); and the script as a table.
//
// Every edit changes only the lines it must (studio/core/toml_edits), so the
// comments of a hand-written scenario stay, and is written to the file at
// once: the test bench and `cepheus simulate` always see what the form shows.
// Edits can be undone (Undo/Redo of the editor's own history). After each edit
// the file is checked as `cepheus simulate` checks it, against the rules as
// they stand in the studio; the message goes to the item whose lines it names.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>
#include <string>
#include <vector>

#include "project_document.h"
#include "scenario_form.h"

namespace cepheus::studio {

class ScenarioEditor : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(ProjectDocument* project READ project WRITE setProject NOTIFY projectChanged)
  Q_PROPERTY(QStringList scenarios READ scenarios NOTIFY scenariosChanged)
  // The open scenario's name (its file's name without .toml); setting it opens it.
  Q_PROPERTY(QString name READ name WRITE setName NOTIFY nameChanged)
  Q_PROPERTY(QString text READ text NOTIFY changed)
  // The first problem of the file ("scenarios/a.toml:12: ..."), its line, or "" and 0.
  Q_PROPERTY(QString problem READ problem NOTIFY changed)
  Q_PROPERTY(int problemLine READ problemLine NOTIFY changed)
  // {description, seed, start, duration}
  Q_PROPERTY(QVariantMap settings READ settings NOTIFY changed)
  // Per table: {name, line, problem, ...its values, fields|columns: [...]}
  Q_PROPERTY(QVariantList populations READ populations NOTIFY changed)
  Q_PROPERTY(QVariantList generators READ generators NOTIFY changed)
  Q_PROPERTY(QVariantList anomalies READ anomalies NOTIFY changed)
  Q_PROPERTY(QVariantList replays READ replays NOTIFY changed)
  // [{line, offset, source, json}]
  Q_PROPERTY(QVariantList script READ script NOTIFY changed)
  // The project's sources: [{name, timeField, fields: [{name, type}]}], and their names.
  Q_PROPERTY(QVariantList sources READ sources NOTIFY sourcesChanged)
  Q_PROPERTY(QStringList sourceNames READ sourceNames NOTIFY sourcesChanged)
  Q_PROPERTY(QStringList fieldSpecKinds READ fieldSpecKinds CONSTANT)
  Q_PROPERTY(bool canUndo READ canUndo NOTIFY changed)
  Q_PROPERTY(bool canRedo READ canRedo NOTIFY changed)
  // The first events the scenario makes, [{time, source, fields}], and a line about all of them.
  Q_PROPERTY(QVariantList preview READ preview NOTIFY previewChanged)
  Q_PROPERTY(QString previewSummary READ previewSummary NOTIFY previewChanged)

 public:
  explicit ScenarioEditor(QObject* parent = nullptr);

  // Writes scenarios/NAME.toml: a start, an hour, and a generator for the
  // project's first source with a spec for each field; opens it. False (and
  // the reason in `problem`) when the name is taken or not a file name.
  Q_INVOKABLE bool create(const QString& name);
  Q_INVOKABLE void refresh();

  // A value of a settings key (table "") or of a table ("generate.readings").
  // `kind`: string, number, bool or list (comma-separated strings). An empty
  // value removes the key, so the default applies.
  Q_INVOKABLE bool setValue(const QString& table, const QString& key, const QString& value,
                            const QString& kind = QStringLiteral("string"));
  // A generator's or anomaly's field spec, whole ("normal 70 1") or one part
  // of its form (perKey, kind, first, second, values, drift, min, max, round).
  // An empty spec removes the field.
  Q_INVOKABLE bool setFieldSpec(const QString& table, const QString& field, const QString& spec);
  Q_INVOKABLE bool setFieldSpecPart(const QString& table, const QString& field, const QString& part,
                                    const QString& value);
  // A replay's CSV column -> field; an empty field removes the mapping.
  Q_INVOKABLE bool setColumn(const QString& table, const QString& column, const QString& field);
  // A new table of `kind` (population, generate, anomaly, replay) with values
  // that make a valid scenario; its name ("generate.readings_2").
  Q_INVOKABLE QString addItem(const QString& kind);
  Q_INVOKABLE bool removeItem(const QString& table);
  // Renames a table and what refers to it (a generator's `per`, an anomaly's `generate`).
  Q_INVOKABLE bool renameItem(const QString& table, const QString& newName);
  Q_INVOKABLE bool addScriptEvent(const QString& offset, const QString& source, const QString& json);
  Q_INVOKABLE bool setScriptEvent(int row, const QString& offset, const QString& source, const QString& json);
  Q_INVOKABLE bool removeScriptEvent(int row);
  // Swaps a script row with the one `delta` rows away (events at the same offset
  // go in the order of their rows).
  Q_INVOKABLE bool moveScriptEvent(int row, int delta);
  // The keys of a generator's population whose names contain `filter`, the
  // first `limit` of them (a population may hold a million); none for a
  // generator without a population (it sends as one key) or when the text does not parse.
  Q_INVOKABLE QStringList keysOf(const QString& generator, const QString& filter, int limit = 200) const;
  // Copies a recording into scenarios/recordings/ (unless it is in the project
  // already) and adds a replay of it; the replay's table, or "".
  Q_INVOKABLE QString importRecording(const QString& path);
  // The whole text, as typed in the editor's text view.
  Q_INVOKABLE bool setText(const QString& text);
  Q_INVOKABLE void undo();
  Q_INVOKABLE void redo();
  // Makes the first 100 events and counts the rest (up to 1,000,000).
  Q_INVOKABLE void refreshPreview();

  ProjectDocument* project() const { return project_; }
  void setProject(ProjectDocument* project);
  QStringList scenarios() const { return scenarios_; }
  QString name() const { return name_; }
  void setName(const QString& name);
  QString text() const { return QString::fromStdString(text_); }
  QString problem() const { return problem_; }
  int problemLine() const { return problem_line_; }
  QVariantMap settings() const;
  QVariantList populations() const { return items_of("population"); }
  QVariantList generators() const { return items_of("generate"); }
  QVariantList anomalies() const { return items_of("anomaly"); }
  QVariantList replays() const { return items_of("replay"); }
  QVariantList script() const;
  QVariantList sources() const;
  QStringList sourceNames() const;
  QStringList fieldSpecKinds() const;
  bool canUndo() const { return !undo_.empty(); }
  bool canRedo() const { return !redo_.empty(); }
  QVariantList preview() const { return preview_; }
  QString previewSummary() const { return preview_summary_; }

 signals:
  void projectChanged();
  void scenariosChanged();
  void nameChanged();
  void changed();
  void sourcesChanged();
  void previewChanged();
  // A file was written or could not be: for the status bar.
  void notice(const QString& text);

 private:
  std::string folder() const;
  std::string path() const;
  void load();
  // Replaces the text with an edit's result, writes the file, keeps the old text for undo.
  bool apply(std::string text);
  void step(std::vector<std::string>& from, std::vector<std::string>& to);
  void reread();
  void check();
  void refresh_sources();
  QVariantList items_of(const std::string& kind) const;
  const ScenarioItem* item(const std::string& table) const;
  std::string unique_table(const std::string& kind, const std::string& base) const;

  QPointer<ProjectDocument> project_;
  QTimer recheck_;  // the rules changed: check the scenario again a moment later
  QStringList scenarios_;
  QString name_;
  std::string text_;
  ScenarioForm form_;
  // The rules as they stand, compiled when they change (not at every edit of the scenario).
  Result<dsl::Plan> plan_ = invalid_argument("no project is open");
  std::vector<SourceShape> sources_;
  QString problem_;
  int problem_line_ = 0;
  std::vector<std::string> undo_;
  std::vector<std::string> redo_;
  QVariantList preview_;
  QString preview_summary_;
};

}  // namespace cepheus::studio
