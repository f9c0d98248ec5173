// The scenario editor's file, its history, its check and its views; the edits
// themselves are in scenario_editor_edits.cpp.
#include "scenario_editor.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include "cepheus/core/file.h"
#include "cepheus/core/toml.h"
#include "cepheus/testbench/scenario.h"
#include "cepheus/testbench/simulation.h"
#include "field_spec_form.h"
#include "project_plan.h"

namespace cepheus::studio {
namespace {

constexpr std::size_t kHistory = 200;
constexpr int kPreviewRows = 100;
constexpr std::int64_t kPreviewCount = 1'000'000;

QString q(const std::string& text) {
  return QString::fromStdString(text);
}

// "scenarios/a.toml:12: why" -> 12
int line_of(const std::string& message) {
  static const QRegularExpression pattern(QStringLiteral("\\.toml:(\\d+):"));
  const auto match = pattern.match(q(message));
  return match.hasMatch() ? match.captured(1).toInt() : 0;
}

QVariantMap spec_row(const std::string& field, const std::string& type, const std::string& spec, bool required) {
  const FieldSpecForm form = read_field_spec_form(spec);
  return {{QStringLiteral("field"), q(field)},        {QStringLiteral("type"), q(type)},
          {QStringLiteral("spec"), q(spec)},          {QStringLiteral("given"), !spec.empty()},
          {QStringLiteral("required"), required},     {QStringLiteral("perKey"), form.per_key},
          {QStringLiteral("kind"), q(form.kind)},     {QStringLiteral("first"), q(form.first)},
          {QStringLiteral("second"), q(form.second)}, {QStringLiteral("values"), q(form.values)},
          {QStringLiteral("drift"), q(form.drift)},   {QStringLiteral("min"), q(form.min)},
          {QStringLiteral("max"), q(form.max)},       {QStringLiteral("round"), q(form.round)}};
}

}  // namespace

ScenarioEditor::ScenarioEditor(QObject* parent) : QObject(parent) {
  recheck_.setSingleShot(true);
  recheck_.setInterval(300);
  connect(&recheck_, &QTimer::timeout, this, [this] {
    refresh_sources();
    check();
    emit changed();
  });
}

void ScenarioEditor::setProject(ProjectDocument* project) {
  if (project_ == project) return;
  if (project_) disconnect(project_, nullptr, this, nullptr);
  project_ = project;
  if (project_) {
    connect(project_, &ProjectDocument::folderChanged, this, &ScenarioEditor::refresh);
    // The rules decide what a scenario may hold: checked again a moment after they change.
    connect(project_, &ProjectDocument::undoStateChanged, this, [this] { recheck_.start(); });
  }
  refresh();
  emit projectChanged();
}

std::string ScenarioEditor::folder() const {
  return project_ && project_->isOpen() ? project_->folder().toStdString() + "/scenarios" : std::string();
}

std::string ScenarioEditor::path() const {
  return folder() + "/" + name_.toStdString() + ".toml";
}

void ScenarioEditor::refresh() {
  QStringList names;
  if (!folder().empty()) {
    const QDir dir(q(folder()));
    for (const QFileInfo& file : dir.entryInfoList({QStringLiteral("*.toml")}, QDir::Files, QDir::Name))
      names << file.completeBaseName();
  }
  if (names != scenarios_) {
    scenarios_ = names;
    emit scenariosChanged();
  }
  refresh_sources();
  if (!scenarios_.contains(name_)) {
    name_ = scenarios_.isEmpty() ? QString() : scenarios_.first();
    emit nameChanged();
  }
  load();
}

void ScenarioEditor::setName(const QString& name) {
  if (name == name_) return;
  name_ = name;
  emit nameChanged();
  load();
}

void ScenarioEditor::load() {
  undo_.clear();
  redo_.clear();
  text_.clear();
  if (!name_.isEmpty() && !folder().empty()) {
    const auto text = read_file(path());
    if (text.ok()) text_ = *text;
  }
  preview_.clear();
  preview_summary_.clear();
  emit previewChanged();
  reread();
}

bool ScenarioEditor::apply(std::string text) {
  if (name_.isEmpty() || folder().empty()) {
    problem_ = tr("Open a scenario first.");
    emit changed();
    return false;
  }
  if (text == text_) return true;
  const Status written = write_file_atomically(path(), text);
  if (!written.ok()) {
    problem_ = q(written.message());
    emit notice(problem_);
    emit changed();
    return false;
  }
  undo_.push_back(std::move(text_));
  if (undo_.size() > kHistory) undo_.erase(undo_.begin());
  redo_.clear();
  text_ = std::move(text);
  reread();
  return true;
}

// Undo and redo: the text on top of `from` becomes the file's, the current one goes onto `to`.
void ScenarioEditor::step(std::vector<std::string>& from, std::vector<std::string>& to) {
  if (from.empty() || !write_file_atomically(path(), from.back()).ok()) return;
  to.push_back(std::move(text_));
  text_ = std::move(from.back());
  from.pop_back();
  reread();
}

void ScenarioEditor::undo() {
  step(undo_, redo_);
}

void ScenarioEditor::redo() {
  step(redo_, undo_);
}

bool ScenarioEditor::setText(const QString& text) {
  return apply(text.toStdString());
}

void ScenarioEditor::reread() {
  auto form = read_scenario_form(text_);
  if (form.ok()) form_ = std::move(*form);  // a TOML error keeps the last forms; the text view shows it
  if (text_.empty() && name_.isEmpty()) form_ = {};
  check();
  emit changed();
}

void ScenarioEditor::refresh_sources() {
  sources_.clear();
  plan_ = project_ && project_->isOpen() ? compile_texts(project_->state().texts)
                                         : Result<dsl::Plan>(invalid_argument("no project is open"));
  if (plan_.ok()) sources_ = source_shapes(*plan_);
  emit sourcesChanged();
}

// As `cepheus simulate` checks: the file reads, and fits the rules as they stand.
void ScenarioEditor::check() {
  problem_.clear();
  problem_line_ = 0;
  if (name_.isEmpty() || !project_ || !project_->isOpen()) return;
  const std::string where = "scenarios/" + name_.toStdString() + ".toml";
  const auto scenario = testbench::parse_scenario(where, text_);
  std::string message;
  if (!scenario.ok()) {
    message = scenario.status().message();
  } else if (!plan_.ok()) {
    message = "the rules do not compile, so the scenario cannot be checked against them: " + plan_.status().message();
  } else if (const auto simulation = testbench::Simulation::create(*scenario, *plan_, folder()); !simulation.ok()) {
    message = simulation.status().message();
  }
  problem_ = q(message);
  problem_line_ = line_of(message);
  // A TOML syntax error says "line L, column C".
  static const QRegularExpression syntax(QStringLiteral("line (\\d+), column"));
  if (!problem_line_) {
    const auto match = syntax.match(problem_);
    if (match.hasMatch()) problem_line_ = match.captured(1).toInt();
  }
}

void ScenarioEditor::refreshPreview() {
  preview_.clear();
  preview_summary_.clear();
  const auto scenario = testbench::parse_scenario(path(), text_);
  if (!scenario.ok() || !plan_.ok()) {
    preview_summary_ = tr("No preview: %1").arg(problem_.isEmpty() ? tr("the rules do not compile") : problem_);
    emit previewChanged();
    return;
  }
  auto simulation = testbench::Simulation::create(*scenario, *plan_, folder());
  if (!simulation.ok()) {
    preview_summary_ = tr("No preview: %1").arg(q(simulation.status().message()));
    emit previewChanged();
    return;
  }
  std::int64_t count = 0;
  Timestamp first;
  Timestamp last;
  while (count < kPreviewCount) {
    const auto event = (*simulation)->next();
    if (!event) break;
    if (count == 0) first = event->time;
    last = event->time;
    if (count < kPreviewRows)
      preview_.append(QVariantMap{{QStringLiteral("time"), q(format_timestamp(event->time))},
                                  {QStringLiteral("source"), q(event->source)},
                                  {QStringLiteral("fields"), q(event->fields)}});
    ++count;
  }
  preview_summary_ =
      count == 0 ? tr("The scenario makes no events.")
      : count >= kPreviewCount
          ? tr("More than %L1 events, from %2").arg(kPreviewCount).arg(q(format_timestamp(first)))
          : tr("%L1 events, from %2 to %3").arg(count).arg(q(format_timestamp(first))).arg(q(format_timestamp(last)));
  emit previewChanged();
}

QVariantMap ScenarioEditor::settings() const {
  QVariantMap out;
  for (const auto& [key, value] : form_.settings) out.insert(q(key), q(value));
  return out;
}

const ScenarioItem* ScenarioEditor::item(const std::string& table) const {
  for (const ScenarioItem& it : form_.items)
    if (it.kind + "." + TomlDocument::quote_key(it.name) == table) return &it;
  return nullptr;
}

QVariantList ScenarioEditor::items_of(const std::string& kind) const {
  QVariantList out;
  for (const ScenarioItem& it : form_.items) {
    if (it.kind != kind) continue;
    QVariantMap row;
    for (const auto& [key, value] : it.values) row.insert(q(key), q(value));
    row.insert(QStringLiteral("name"), q(it.name));
    row.insert(QStringLiteral("table"), q(it.kind + "." + TomlDocument::quote_key(it.name)));
    row.insert(QStringLiteral("line"), it.first_line);
    const bool mine = problem_line_ >= it.first_line - 1 && problem_line_ <= it.last_line;
    row.insert(QStringLiteral("problem"), mine ? problem_ : QString());
    QVariantList specs;
    if (kind == "generate" || kind == "anomaly") {
      // A generator lists every field of its source; an anomaly, the fields it changes.
      std::string source_name = it.values.count("source") ? it.values.at("source") : it.name;
      if (kind == "anomaly") {
        const std::string generator = it.values.count("generate") ? it.values.at("generate") : "";
        const ScenarioItem* g = item("generate." + TomlDocument::quote_key(generator));
        source_name = g && g->values.count("source") ? g->values.at("source") : generator;
      }
      const auto source =
          std::find_if(sources_.begin(), sources_.end(), [&](const SourceShape& s) { return s.name == source_name; });
      const auto spec_of = [&](const std::string& field) {
        for (const auto& [name, spec] : it.specs)
          if (name == field) return spec;
        return std::string();
      };
      const auto type_of = [&](const std::string& field) {
        if (source == sources_.end()) return std::string();
        for (const auto& [name, type] : source->fields)
          if (name == field) return type;
        return std::string();
      };
      if (kind == "generate" && source != sources_.end()) {
        for (const auto& [field, type] : source->fields) {
          const bool required = !type.ends_with('?') && field != source->time_field;
          specs.append(spec_row(field, type, spec_of(field), required));
        }
      }
      for (const auto& [field, spec] : it.specs) {  // given, but not (or no longer) a field of the source
        if (kind == "generate" && !type_of(field).empty()) continue;
        specs.append(spec_row(field, type_of(field), spec, false));
      }
      row.insert(QStringLiteral("fields"), specs);
    } else if (kind == "replay") {
      for (const auto& [column, field] : it.specs)
        specs.append(QVariantMap{{QStringLiteral("column"), q(column)}, {QStringLiteral("field"), q(field)}});
      row.insert(QStringLiteral("columns"), specs);
    }
    out.append(row);
  }
  return out;
}

QVariantList ScenarioEditor::script() const {
  QVariantList out;
  for (const ScriptRow& row : form_.script)
    out.append(QVariantMap{{QStringLiteral("line"), row.line},
                           {QStringLiteral("offset"), q(row.offset)},
                           {QStringLiteral("source"), q(row.source)},
                           {QStringLiteral("json"), q(row.json)},
                           {QStringLiteral("problem"), row.line == problem_line_ ? problem_ : QString()}});
  return out;
}

QVariantList ScenarioEditor::sources() const {
  QVariantList out;
  for (const SourceShape& s : sources_) {
    QVariantList fields;
    for (const auto& [name, type] : s.fields)
      fields.append(QVariantMap{{QStringLiteral("name"), q(name)}, {QStringLiteral("type"), q(type)}});
    out.append(QVariantMap{{QStringLiteral("name"), q(s.name)},
                           {QStringLiteral("timeField"), q(s.time_field)},
                           {QStringLiteral("fields"), fields}});
  }
  return out;
}

QStringList ScenarioEditor::sourceNames() const {
  QStringList out;
  for (const SourceShape& s : sources_) out << q(s.name);
  return out;
}

QStringList ScenarioEditor::fieldSpecKinds() const {
  QStringList out;
  for (const std::string& kind : field_spec_kinds()) out << q(kind);
  return out;
}

}  // namespace cepheus::studio
