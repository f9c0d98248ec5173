// The scenario editor's edits: each is a change of the text through
// studio/core/toml_edits, applied (written, kept for undo) in one step.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>
#include <map>

#include "cepheus/core/file.h"
#include "cepheus/core/toml.h"
#include "cepheus/testbench/scenario.h"
#include "field_spec_form.h"
#include "recording_import.h"
#include "scenario_editor.h"
#include "toml_edits.h"

namespace cepheus::studio {
namespace {

QString q(const std::string& text) {
  return QString::fromStdString(text);
}

std::string kind_of(const std::string& table) {
  return table.substr(0, table.find('.'));
}

std::string field_key(const std::string& prefix, const QString& name) {
  return prefix + "." + TomlDocument::quote_key(name.toStdString());
}

// The values a new generator for `source` starts with: a spec for every field
// it must fill, the first string field taking the key when it has a population.
std::string with_generator(std::string text, const std::string& table, const SourceShape& source,
                           const std::string& population) {
  text = toml_set(text, table, "source", toml_string(source.name));
  if (!population.empty()) text = toml_set(text, table, "per", toml_string(population));
  text = toml_set(text, table, "every", toml_string("1m"));
  bool keyed = population.empty();
  for (const auto& [field, type] : source.fields) {
    if (field == source.time_field || type.ends_with('?')) continue;
    const bool key = !keyed && type == "string";
    keyed = keyed || key;
    text =
        toml_set(text, table, "fields." + TomlDocument::quote_key(field), toml_string(suggested_field_spec(type, key)));
  }
  return text;
}

std::string file_stem_name(const QString& path) {
  QString stem = QFileInfo(path).completeBaseName().toLower();
  stem.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]+")), QStringLiteral("_"));
  return stem.isEmpty() ? std::string("recording") : stem.toStdString();
}

}  // namespace

std::string ScenarioEditor::unique_table(const std::string& kind, const std::string& base) const {
  std::string name = base;
  for (int n = 2; item(kind + "." + TomlDocument::quote_key(name)); ++n) name = base + "_" + std::to_string(n);
  return kind + "." + TomlDocument::quote_key(name);
}

bool ScenarioEditor::create(const QString& name) {
  static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]*$"));
  const auto refuse = [this](const QString& why) {
    problem_ = why;
    emit changed();
    return false;
  };
  if (!project_ || !project_->isOpen()) return refuse(tr("Open a project first."));
  if (!plain.match(name).hasMatch())
    return refuse(tr("'%1' cannot be a scenario's name: use letters, digits, '_', '-' and '.'").arg(name));
  if (scenarios_.contains(name)) return refuse(tr("There is a scenario called '%1' already.").arg(name));
  QDir().mkpath(q(folder()));
  const std::string today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate).toStdString();
  std::string text = "# " + name.toStdString() + ": what it plays, and what the rules should make of it.\n";
  text += "description = \"\"\nseed = 1\nstart = \"" + today + "T06:00:00Z\"\nduration = \"1h\"\n";
  if (!sources_.empty()) {
    text = toml_set(text, "population.keys", "count", "10");
    text = toml_set(text, "population.keys", "names", toml_string("key-{n:02}"));
    text = with_generator(text, "generate." + TomlDocument::quote_key(sources_.front().name), sources_.front(), "keys");
  }
  const std::string file = folder() + "/" + name.toStdString() + ".toml";
  const Status written = write_file_atomically(file, text);
  if (!written.ok()) return refuse(q(written.message()));
  emit notice(tr("Wrote %1").arg(q(file)));
  name_ = name;
  emit nameChanged();
  refresh();
  return true;
}

bool ScenarioEditor::setValue(const QString& table, const QString& key, const QString& value, const QString& kind) {
  const std::string t = table.toStdString();
  const std::string k = key.toStdString();
  const QString v = value.trimmed();
  if (v.isEmpty()) return apply(toml_remove_key(text_, t, k));
  std::string written;
  if (kind == QLatin1String("number")) {
    bool number = false;
    v.toDouble(&number);
    if (!number) {
      problem_ = tr("'%1' must be a number, not '%2'").arg(key, v);
      emit changed();
      return false;
    }
    written = v.toStdString();
  } else if (kind == QLatin1String("bool")) {
    written = v == QLatin1String("true") ? "true" : "false";
  } else if (kind == QLatin1String("list")) {
    std::vector<std::string> items;
    for (const QString& part : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
      if (!part.trimmed().isEmpty()) items.push_back(part.trimmed().toStdString());
    written = toml_string_array(items);
  } else {
    written = toml_string(value.toStdString());  // strings keep their blanks
  }
  return apply(toml_set(text_, t, k, written));
}

bool ScenarioEditor::setFieldSpec(const QString& table, const QString& field, const QString& spec) {
  const std::string key = field_key("fields", field);
  const QString s = spec.trimmed();
  if (s.isEmpty()) return apply(toml_remove_key(text_, table.toStdString(), key));
  return apply(toml_set(text_, table.toStdString(), key, toml_string(s.toStdString())));
}

bool ScenarioEditor::setFieldSpecPart(const QString& table, const QString& field, const QString& part,
                                      const QString& value) {
  std::string current;
  if (const ScenarioItem* it = item(table.toStdString()))
    for (const auto& [name, spec] : it->specs)
      if (q(name) == field) current = spec;
  FieldSpecForm form = read_field_spec_form(current);
  static const std::map<QString, std::string FieldSpecForm::*> kTexts = {
      {QStringLiteral("first"), &FieldSpecForm::first},   {QStringLiteral("second"), &FieldSpecForm::second},
      {QStringLiteral("values"), &FieldSpecForm::values}, {QStringLiteral("drift"), &FieldSpecForm::drift},
      {QStringLiteral("min"), &FieldSpecForm::min},       {QStringLiteral("max"), &FieldSpecForm::max},
      {QStringLiteral("round"), &FieldSpecForm::round}};
  const std::string v = value.trimmed().toStdString();
  if (part == QLatin1String("kind")) {
    form.kind = v;
    // A kind's arguments get a start when they are missing, so the spec reads.
    const bool two = v == "uniform" || v == "normal" || v == "walk";
    if ((two || v == "constant") && form.first.empty()) form.first = "0";
    if (two && form.second.empty()) form.second = "1";
    if ((v == "one of" || v == "sequence") && form.values.empty()) form.values = "a b";
  } else if (part == QLatin1String("perKey")) {
    form.per_key = v == "true";
  } else if (const auto text = kTexts.find(part); text != kTexts.end()) {
    form.*(text->second) = v;
  } else {
    return false;
  }
  if (form.kind.empty()) {
    problem_ = tr("'%1' is not a spec the form can take apart; edit it as text").arg(q(current));
    emit changed();
    return false;
  }
  return setFieldSpec(table, field, q(write_field_spec(form)));
}

bool ScenarioEditor::setColumn(const QString& table, const QString& column, const QString& field) {
  const std::string key = field_key("columns", column);
  if (field.trimmed().isEmpty()) return apply(toml_remove_key(text_, table.toStdString(), key));
  return apply(toml_set(text_, table.toStdString(), key, toml_string(field.trimmed().toStdString())));
}

QString ScenarioEditor::addItem(const QString& kind) {
  const auto refuse = [this](const QString& why) {
    problem_ = why;
    emit changed();
    return QString();
  };
  const std::string k = kind.toStdString();
  std::string text = text_;
  std::string table;
  const auto first_of = [this](const std::string& of) {
    for (const ScenarioItem& it : form_.items)
      if (it.kind == of) return it.name;
    return std::string();
  };
  if (k == "population") {
    table = unique_table(k, "keys");
    text = toml_set(text, table, "count", "10");
    text = toml_set(text, table, "names", toml_string("key-{n:02}"));
  } else if (k == "generate") {
    if (sources_.empty()) return refuse(tr("The rules have no source to generate events for (or do not compile)."));
    table = unique_table(k, sources_.front().name);
    text = with_generator(text, table, sources_.front(), first_of("population"));
  } else if (k == "anomaly") {
    const std::string generator = first_of("generate");
    if (generator.empty()) return refuse(tr("An anomaly changes a generator: add a generator first."));
    table = unique_table(k, "anomaly");
    text = toml_set(text, table, "generate", toml_string(generator));
    text = toml_set(text, table, "at", toml_string("10m"));
    text = toml_set(text, table, "for", toml_string("5m"));
    text = toml_set(text, table, "silent", "true");
  } else {
    return refuse(tr("A replay is added by importing a recording."));
  }
  return apply(std::move(text)) ? q(table) : QString();
}

bool ScenarioEditor::removeItem(const QString& table) {
  return apply(toml_remove_table(text_, table.toStdString()));
}

bool ScenarioEditor::renameItem(const QString& table, const QString& newName) {
  const std::string old_table = table.toStdString();
  const ScenarioItem* old_item = item(old_table);
  const std::string name = newName.trimmed().toStdString();
  if (!old_item || name.empty() || name == old_item->name) return false;
  const std::string kind = kind_of(old_table);
  const std::string new_table = kind + "." + TomlDocument::quote_key(name);
  if (item(new_table)) {
    problem_ = tr("There is a %1 called '%2' already.").arg(q(kind), q(name));
    emit changed();
    return false;
  }
  const std::string old_name = old_item->name;
  std::string text = text_;
  // A generator without `source` is for the source of its name: keep it so.
  if (kind == "generate" && !old_item->values.count("source"))
    text = toml_set(text, old_table, "source", toml_string(old_name));
  text = toml_rename_table(text, old_table, new_table);
  const std::string refers = kind == "population" ? "per" : kind == "generate" ? "generate" : "";
  const std::string referring = kind == "population" ? "generate" : "anomaly";
  for (const ScenarioItem& it : form_.items) {
    if (refers.empty() || it.kind != referring) continue;
    const auto value = it.values.find(refers);
    if (value != it.values.end() && value->second == old_name)
      text = toml_set(text, it.kind + "." + TomlDocument::quote_key(it.name), refers, toml_string(name));
  }
  return apply(std::move(text));
}

bool ScenarioEditor::addScriptEvent(const QString& offset, const QString& source, const QString& json) {
  const ScriptRow row{0, offset.toStdString(), source.toStdString(), json.toStdString()};
  return apply(toml_append_to_block(text_, "script", "events", script_line(row)));
}

bool ScenarioEditor::setScriptEvent(int row, const QString& offset, const QString& source, const QString& json) {
  if (row < 0 || row >= static_cast<int>(form_.script.size())) return false;
  const ScriptRow changed{0, offset.toStdString(), source.toStdString(), json.toStdString()};
  return apply(replace_line(text_, form_.script[static_cast<std::size_t>(row)].line, script_line(changed)));
}

bool ScenarioEditor::removeScriptEvent(int row) {
  if (row < 0 || row >= static_cast<int>(form_.script.size())) return false;
  return apply(remove_line(text_, form_.script[static_cast<std::size_t>(row)].line));
}

bool ScenarioEditor::moveScriptEvent(int row, int delta) {
  const int other = row + delta;
  const int rows = static_cast<int>(form_.script.size());
  if (row < 0 || row >= rows || other < 0 || other >= rows || other == row) return false;
  const ScriptRow& a = form_.script[static_cast<std::size_t>(row)];
  const ScriptRow& b = form_.script[static_cast<std::size_t>(other)];
  return apply(replace_line(replace_line(text_, a.line, script_line(b)), b.line, script_line(a)));
}

QStringList ScenarioEditor::keysOf(const QString& generator, const QString& filter, int limit) const {
  QStringList keys;
  const auto scenario = testbench::parse_scenario(path(), text_);
  if (!scenario.ok()) return keys;
  const auto g = std::find_if(scenario->generators.begin(), scenario->generators.end(),
                              [&](const testbench::Generator& it) { return it.name == generator.toStdString(); });
  if (g == scenario->generators.end()) return keys;
  const auto population = scenario->populations.find(g->population);
  if (population == scenario->populations.end()) return keys;
  const std::string wanted = filter.toStdString();
  for (std::size_t i = 0; i < population->second.count && keys.size() < limit; ++i) {
    std::string key = population->second.key_name(i);
    if (key.find(wanted) != std::string::npos) keys.append(QString::fromStdString(key));
  }
  return keys;
}

QString ScenarioEditor::importRecording(const QString& path) {
  const auto refuse = [this](const QString& why) {
    problem_ = why;
    emit notice(why);
    emit changed();
    return QString();
  };
  if (name_.isEmpty() || folder().empty()) return refuse(tr("Open or create a scenario first."));
  const QString source_path = QFileInfo(path).absoluteFilePath();
  const auto text = read_file(source_path.toStdString());
  if (!text.ok()) return refuse(q(text.status().message()));
  const auto guess = guess_recording(source_path.toStdString(), *text, sources_);
  if (!guess.ok()) return refuse(q(guess.status().message()));

  // A recording outside the project is copied in, so the project stays whole.
  const QDir scenarios(q(folder()));
  QString in_project = source_path;
  if (!source_path.startsWith(project_->folder() + QLatin1Char('/'))) {
    scenarios.mkpath(QStringLiteral("recordings"));
    const QFileInfo info(source_path);
    in_project = scenarios.filePath(QStringLiteral("recordings/") + info.fileName());
    for (int n = 2; QFileInfo::exists(in_project); ++n)
      in_project = scenarios.filePath(
          QStringLiteral("recordings/%1_%2.%3").arg(info.completeBaseName()).arg(n).arg(info.suffix()));
    if (!QFile::copy(source_path, in_project))
      return refuse(tr("Could not copy %1 to %2").arg(source_path, in_project));
  }
  const std::string table = unique_table("replay", file_stem_name(source_path));
  std::string edited =
      toml_set(text_, table, "file", toml_string(scenarios.relativeFilePath(in_project).toStdString()));
  if (!guess->names_sources && !guess->source.empty())
    edited = toml_set(edited, table, "source", toml_string(guess->source));
  for (const auto& [column, field] : guess->columns)
    edited = toml_set(edited, table, "columns." + TomlDocument::quote_key(column), toml_string(field));
  if (!apply(std::move(edited))) return {};
  QString said = tr("Imported %1 as replay '%2'").arg(QFileInfo(source_path).fileName(), q(table.substr(7)));
  if (!guess->unknown.empty()) {
    QStringList unknown;
    for (const std::string& name : guess->unknown) unknown << q(name);
    said += tr("; these fit no field of '%1' and are left out: %2")
                .arg(q(guess->source), unknown.join(QStringLiteral(", ")));
  }
  emit notice(said);
  return q(table);
}

}  // namespace cepheus::studio
