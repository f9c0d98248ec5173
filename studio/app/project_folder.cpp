#include "project_folder.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include "cepheus/dsl/project.h"

namespace cepheus::studio {
namespace {

bool write_file(const QString& path, const QByteArray& bytes, QString& error) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QSaveFile file(path);  // written whole or not at all
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    error = QObject::tr("cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

bool read_file(const QString& path, QByteArray& bytes, QString& error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    error = QObject::tr("cannot read %1: %2").arg(path, file.errorString());
    return false;
  }
  bytes = file.readAll();
  return true;
}

}  // namespace

QByteArray layout_json(const Positions& positions) {
  // Written by hand so that each node is one line and the diff of a move is one line.
  QByteArray out = "{\n  \"version\": 1,\n  \"nodes\": {";
  bool first = true;
  for (const auto& [name, point] : positions) {
    out += first ? "\n" : ",\n";
    first = false;
    const QJsonObject entry{{"x", qRound(point.x)}, {"y", qRound(point.y)}};
    out += "    " +
           QJsonDocument(QJsonObject{{QString::fromStdString(name), entry}}).toJson(QJsonDocument::Compact).mid(1);
    out.chop(1);
  }
  out += first ? "}\n}\n" : "\n  }\n}\n";
  return out;
}

Positions parse_layout_json(const QByteArray& json, QString& error) {
  Positions positions;
  QJsonParseError parse_error;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parse_error);
  if (parse_error.error != QJsonParseError::NoError) {
    error = QObject::tr("%1: %2 at byte %3").arg(kLayoutFile, parse_error.errorString()).arg(parse_error.offset);
    return positions;
  }
  const QJsonObject nodes = document.object().value("nodes").toObject();
  for (auto it = nodes.begin(); it != nodes.end(); ++it) {
    const QJsonObject entry = it.value().toObject();
    if (!entry.value("x").isDouble() || !entry.value("y").isDouble()) continue;
    positions[it.key().toStdString()] = {entry.value("x").toDouble(), entry.value("y").toDouble()};
  }
  return positions;
}

bool read_project_folder(const QString& folder, FolderContents& contents, QString& error) {
  const QDir root(folder);
  if (!root.exists()) {
    error = QObject::tr("there is no folder %1").arg(folder);
    return false;
  }
  const auto files = dsl::find_rule_files({folder.toStdString()});
  if (!files.ok()) {
    error = QString::fromStdString(files.status().message());
    return false;
  }
  contents = {};
  for (const std::string& path : *files) {
    QByteArray bytes;
    if (!read_file(QString::fromStdString(path), bytes, error)) return false;
    contents.texts.push_back({root.relativeFilePath(QString::fromStdString(path)).toStdString(), bytes.toStdString()});
  }
  QByteArray layout;
  QString ignored;
  if (read_file(root.filePath(kLayoutFile), layout, ignored)) {
    contents.positions = parse_layout_json(layout, error);
    contents.has_layout = error.isEmpty();
    error.clear();  // a broken sidecar costs positions, never the project
  }
  return true;
}

bool write_project_folder(const QString& folder, const RuleTexts& texts, const Positions& positions, QString& error) {
  const QDir root(folder);
  for (const RuleText& text : texts)
    if (!write_file(root.filePath(QString::fromStdString(text.path)), QByteArray::fromStdString(text.text), error))
      return false;
  return write_file(root.filePath(kLayoutFile), layout_json(positions), error);
}

bool write_autosave(const QString& folder, const RuleTexts& texts, const Positions& positions, QString& error) {
  return write_project_folder(QDir(folder).filePath(kAutosaveFolder), texts, positions, error);
}

bool read_autosave(const QString& folder, FolderContents& contents) {
  const QString autosave = QDir(folder).filePath(kAutosaveFolder);
  if (!QDir(autosave).exists()) return false;
  QString error;
  if (!read_project_folder(autosave, contents, error) || contents.texts.empty()) return false;
  return true;
}

void remove_autosave(const QString& folder) {
  QDir(QDir(folder).filePath(kAutosaveFolder)).removeRecursively();
}

bool copy_folder(const QString& source, const QString& target, QString& error) {
  const QDir from(source);
  if (!from.exists()) {
    error = QObject::tr("there is no folder %1").arg(source);
    return false;
  }
  if (QDir(target).exists() && !QDir(target).isEmpty()) {
    error = QObject::tr("%1 exists and is not empty").arg(target);
    return false;
  }
  QDirIterator it(source, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString path = it.next();
    QByteArray bytes;
    if (!read_file(path, bytes, error)) return false;
    if (!write_file(QDir(target).filePath(from.relativeFilePath(path)), bytes, error)) return false;
  }
  return true;
}

}  // namespace cepheus::studio
