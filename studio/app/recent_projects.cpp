#include "recent_projects.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace cepheus::studio {
namespace {

constexpr const char* kKey = "recentProjects";

}  // namespace

RecentProjects::RecentProjects(QObject* parent) : StableListModel(parent) {
  show(QSettings().value(kKey).toStringList());
}

void RecentProjects::add(const QString& path) {
  const QString absolute = QDir(path).absolutePath();
  QStringList paths = QSettings().value(kKey).toStringList();
  paths.removeAll(absolute);
  paths.prepend(absolute);
  while (paths.size() > kKept) paths.removeLast();
  QSettings().setValue(kKey, paths);
  show(paths);
}

void RecentProjects::show(const QStringList& paths) {
  std::vector<RecentRow> rows;
  int id = 0;
  for (const QString& path : paths)
    if (QFileInfo(path).isDir()) rows.push_back({++id, path, QFileInfo(path).fileName()});
  // Ids are positions, so a reordered list changes rows in place.
  update(std::move(rows));
}

QVariant RecentProjects::data(const QModelIndex& index, int role) const {
  const RecentRow* row = row_at(index);
  if (!row) return {};
  switch (role) {
    case kPathRole: return row->path;
    case Qt::DisplayRole:
    case kTitleRole: return row->title;
    default: return {};
  }
}

QHash<int, QByteArray> RecentProjects::roleNames() const {
  return {{kPathRole, "path"}, {kTitleRole, "title"}};
}

}  // namespace cepheus::studio
