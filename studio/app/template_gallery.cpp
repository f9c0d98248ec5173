#include "template_gallery.h"

#include <QDir>
#include <QFile>

#include "launch_options.h"

namespace cepheus::studio {
namespace {

// The README's first heading and first paragraph.
void read_readme(const QString& path, QString& title, QString& summary) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return;
  const QStringList lines = QString::fromUtf8(file.readAll()).split('\n');
  for (const QString& raw : lines) {
    const QString line = raw.trimmed();
    if (title.isEmpty() && line.startsWith('#')) {
      title = line.mid(line.indexOf(' ') + 1).trimmed();
      continue;
    }
    if (title.isEmpty() || line.startsWith('#') || line.startsWith("```")) {
      if (!summary.isEmpty()) break;
      continue;
    }
    if (line.isEmpty()) {
      if (!summary.isEmpty()) break;
      continue;
    }
    summary += (summary.isEmpty() ? "" : " ") + line;
  }
}

}  // namespace

TemplateGallery::TemplateGallery(QObject* parent) : StableListModel(parent) {
  setFolder(LaunchOptions::instance().templates_folder);
}

void TemplateGallery::setFolder(const QString& folder) {
  folder_ = folder;
  std::vector<TemplateRow> rows;
  const QDir root(folder);
  for (const QString& name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
    TemplateRow row{static_cast<int>(rows.size()) + 1, name, {}, {}, root.filePath(name)};
    read_readme(root.filePath(name + "/README.md"), row.title, row.summary);
    if (row.title.isEmpty()) row.title = name;
    rows.push_back(std::move(row));
  }
  update(std::move(rows));
  emit folderChanged();
}

QVariant TemplateGallery::data(const QModelIndex& index, int role) const {
  const TemplateRow* row = row_at(index);
  if (!row) return {};
  switch (role) {
    case kNameRole: return row->name;
    case Qt::DisplayRole:
    case kTitleRole: return row->title;
    case kSummaryRole: return row->summary;
    case kPathRole: return row->path;
    default: return {};
  }
}

QHash<int, QByteArray> TemplateGallery::roleNames() const {
  return {{kNameRole, "name"}, {kTitleRole, "title"}, {kSummaryRole, "summary"}, {kPathRole, "path"}};
}

}  // namespace cepheus::studio
